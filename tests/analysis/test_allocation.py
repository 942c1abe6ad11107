"""The Open Space allocation helper: hard rules always hold, preferences and balance are sought."""

from __future__ import annotations

from collections import Counter
from itertools import product

from hypothesis import given, settings
from hypothesis import strategies as st

from heard.analysis.allocation import Person, SessionSpec, propose_allocation

CARE = frozenset({"care_experienced"})
PRO = frozenset({"professional"})
FAMILY = frozenset({"family"})
GROUP_SETS = (CARE, PRO, FAMILY, frozenset({"care_experienced", "professional", "dual"}),
              frozenset())


def test_everyone_gets_their_first_choice_when_there_is_room():
    sessions = [SessionSpec(1, 3), SessionSpec(2, 3)]
    people = [Person(1, CARE, (2, 1)), Person(2, PRO, (1,)), Person(3, FAMILY, (2,))]
    result = propose_allocation(people, sessions)
    assert result.placed == {1: 2, 2: 1, 3: 2}
    assert result.unplaced == []


def test_mixed_sessions_are_balanced_when_nobody_minds_where_they_go():
    people = [Person(i, CARE) for i in range(4)] + [Person(i, PRO) for i in range(4, 8)]
    result = propose_allocation(people, [SessionSpec(1, 4), SessionSpec(2, 4)])
    groups = {s: Counter("care" if p < 4 else "pro" for p, where in result.placed.items()
                         if where == s) for s in (1, 2)}
    assert groups == {1: Counter(care=2, pro=2), 2: Counter(care=2, pro=2)}


def test_balance_gives_way_to_what_people_asked_for():
    people = [Person(i, CARE, (1,)) for i in range(3)] + [Person(3, PRO, (2,))]
    result = propose_allocation(people, [SessionSpec(1, 4), SessionSpec(2, 4)])
    assert result.placed == {0: 1, 1: 1, 2: 1, 3: 2}


def test_a_shared_session_never_takes_someone_who_does_not_share_it():
    care_only = SessionSpec(1, 10, shared_group="care_experienced")
    people = [Person(1, PRO, (1,)), Person(2, CARE, (1,)), Person(3, frozenset(), (1,))]
    result = propose_allocation(people, [care_only, SessionSpec(2, 10)])
    assert result.placed == {1: 2, 2: 1, 3: 2}


def test_people_who_cannot_fit_anywhere_are_listed_not_squeezed_in():
    people = [Person(i, PRO) for i in range(3)]
    result = propose_allocation(people, [SessionSpec(1, 1),
                                         SessionSpec(2, 5, shared_group="care_experienced")])
    assert len(result.placed) == 1
    assert len(result.unplaced) == 2


def test_a_chain_of_moves_makes_room_for_the_most_constrained_person():
    # Person 1 can only go to the care-experienced session; greedy alone could fill it first.
    care_only = SessionSpec(1, 1, shared_group="care_experienced")
    people = [Person(1, CARE, (2,)), Person(2, CARE | PRO, (1,))]
    result = propose_allocation(people, [care_only, SessionSpec(2, 1)])
    assert set(result.placed) == {1, 2}


people_strategy = st.lists(
    st.tuples(st.sampled_from(GROUP_SETS), st.lists(st.integers(0, 3), max_size=3, unique=True)),
    max_size=9,
)
sessions_strategy = st.lists(
    st.tuples(st.integers(0, 4), st.sampled_from(["", "", "care_experienced", "professional"])),
    min_size=1, max_size=4,
)


def _build(raw_people, raw_sessions):
    sessions = [SessionSpec(i, cap, shared) for i, (cap, shared) in enumerate(raw_sessions)]
    people = [Person(i, groups, tuple(p for p in prefs if p < len(sessions)))
              for i, (groups, prefs) in enumerate(raw_people)]
    return people, sessions


def _most_that_can_be_placed(people, sessions) -> int:
    """Brute force over every assignment (None = not placed), for small cases only."""
    best = 0
    options = [[None] + [s for s in sessions if s.admits(p)] for p in people]
    for choice in product(*options):
        load = Counter(s.id for s in choice if s is not None)
        if all(load[s.id] <= s.capacity for s in sessions):
            best = max(best, sum(1 for s in choice if s is not None))
    return best


@settings(max_examples=150, deadline=None)
@given(people_strategy, sessions_strategy)
def test_capacities_are_respected_and_shared_sessions_stay_shared(raw_people, raw_sessions):
    people, sessions = _build(raw_people, raw_sessions)
    result = propose_allocation(people, sessions)
    by_id = {s.id: s for s in sessions}
    load = Counter(result.placed.values())
    assert all(load[s.id] <= s.capacity for s in sessions)
    for person in people:
        if person.id in result.placed:
            assert by_id[result.placed[person.id]].admits(person)
    assert sorted([*result.placed, *result.unplaced]) == [p.id for p in people]


@settings(max_examples=80, deadline=None)
@given(people_strategy.map(lambda rows: rows[:6]), sessions_strategy.map(lambda rows: rows[:3]))
def test_as_many_people_are_placed_as_the_rules_allow(raw_people, raw_sessions):
    people, sessions = _build(raw_people, raw_sessions)
    result = propose_allocation(people, sessions)
    assert len(result.placed) == _most_that_can_be_placed(people, sessions)


@settings(max_examples=80, deadline=None)
@given(people_strategy, sessions_strategy)
def test_when_there_is_room_for_all_nobody_misses_a_first_choice_they_could_have(raw_people,
                                                                                raw_sessions):
    people, sessions = _build(raw_people, raw_sessions)
    by_id = {s.id: s for s in sessions}
    # Plenty of room everywhere: each first choice that admits the person must be honoured.
    roomy = [SessionSpec(s.id, len(people) + 1, s.shared_group) for s in sessions]
    result = propose_allocation(people, roomy)
    for person in people:
        first = person.preferences[0] if person.preferences else None
        if first is not None and by_id[first].admits(person):
            assert result.placed[person.id] == first
