"""Propose who goes to which session in one time slot of an Open Space event.

Pure: no Django. The facilitator sees the proposal and may apply it; participants can still move
(the law of two feet), so this is a starting point, not a rule.

Hard rules, never broken:
- no session holds more people than its capacity;
- a shared-experience session only holds people who share that experience;
- everyone is placed if any placement that respects the two rules above can place them.

Within those rules it maximises how well people get the sessions they asked for, and only then
how evenly the perspective groups are spread inside each mixed session: balance never costs
anyone a session they asked for.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

# A first choice counts this much; each later choice counts a little less; no choice counts 0.
FIRST_CHOICE = 100.0
CHOICE_STEP = 10.0
MAX_IMPROVEMENT_ROUNDS = 50


@dataclass(frozen=True)
class Person:
    id: int
    # Perspective groups held ("care_experienced", "family", "professional", "dual").
    groups: frozenset[str] = frozenset()
    # Session ids, most wanted first.
    preferences: tuple[int, ...] = ()

    @property
    def balance_group(self) -> str:
        """The one group someone counts under when spreading groups across mixed sessions."""
        if "dual" in self.groups:
            return "dual"
        return min(self.groups) if self.groups else "not_said"


@dataclass(frozen=True)
class SessionSpec:
    id: int
    capacity: int
    shared_group: str = ""  # empty for a mixed session

    @property
    def is_shared(self) -> bool:
        return bool(self.shared_group)

    def admits(self, person: Person) -> bool:
        return not self.is_shared or self.shared_group in person.groups


@dataclass
class Allocation:
    placed: dict[int, int] = field(default_factory=dict)  # person id -> session id
    unplaced: list[int] = field(default_factory=list)
    # (preference satisfaction, minus the balance penalty): compared in that order.
    score: tuple[float, float] = (0.0, 0.0)


def propose_allocation(people: Sequence[Person], sessions: Sequence[SessionSpec]) -> Allocation:
    by_id = {s.id: s for s in sessions if s.capacity > 0}
    eligible = {p.id: [s for s in by_id.values() if s.admits(p)] for p in people}
    people_by_id = {p.id: p for p in people}
    placed = _greedy(people, eligible)
    for person in people:
        if person.id not in placed:
            _augment(person.id, placed, eligible, by_id, set())
    _improve(placed, people_by_id, eligible, by_id)
    unplaced = [p.id for p in people if p.id not in placed]
    return Allocation(placed=placed, unplaced=unplaced,
                      score=total_score(placed, people_by_id, by_id))


def preference_score(person: Person, session_id: int) -> float:
    if session_id not in person.preferences:
        return 0.0
    rank = person.preferences.index(session_id)
    return max(FIRST_CHOICE - CHOICE_STEP * rank, CHOICE_STEP)


def balance_penalty(members: Iterable[Person]) -> float:
    """Sum of squared group sizes: for a fixed number of people it is lowest when the groups are
    the same size, so lowering it spreads groups evenly."""
    counts = Counter(p.balance_group for p in members)
    return float(sum(n * n for n in counts.values()))


def total_score(placed: dict[int, int], people: dict[int, Person],
                sessions: dict[int, SessionSpec]) -> tuple[float, float]:
    """A tuple, so that preferences always outrank balance when two placements compare."""
    wanted = sum(preference_score(people[p], s) for p, s in placed.items())
    members: dict[int, list[Person]] = {}
    for person_id, session_id in placed.items():
        members.setdefault(session_id, []).append(people[person_id])
    spread = sum(balance_penalty(group) for sid, group in members.items()
                 if not sessions[sid].is_shared)
    return wanted, -spread


def _load(placed: dict[int, int]) -> Counter[int]:
    return Counter(placed.values())


def _greedy(people: Sequence[Person], eligible: dict[int, list[SessionSpec]]) -> dict[int, int]:
    """Most constrained people first, each to their best session with room left."""
    placed: dict[int, int] = {}
    load: Counter[int] = Counter()
    order = sorted(people, key=lambda p: (len(eligible[p.id]), p.id))
    for person in order:
        options = [s for s in eligible[person.id] if load[s.id] < s.capacity]
        if not options:
            continue
        best = max(options, key=lambda s: (preference_score(person, s.id), -load[s.id], -s.id))
        placed[person.id] = best.id
        load[best.id] += 1
    return placed


def _augment(person_id: int, placed: dict[int, int], eligible: dict[int, list[SessionSpec]],
             sessions: dict[int, SessionSpec], seen: set[int]) -> bool:
    """Kuhn's augmenting path: make room for someone by moving others along a chain, so the
    number of people placed is the largest the rules allow."""
    load = _load(placed)
    for session in eligible[person_id]:
        if session.id in seen:
            continue
        seen.add(session.id)
        if load[session.id] < session.capacity:
            placed[person_id] = session.id
            return True
        for other, where in list(placed.items()):
            if where == session.id and _augment_other(other, placed, eligible, sessions, seen):
                placed[person_id] = session.id
                return True
    return False


def _augment_other(other: int, placed: dict[int, int], eligible: dict[int, list[SessionSpec]],
                   sessions: dict[int, SessionSpec], seen: set[int]) -> bool:
    """Try to move `other` elsewhere; on failure leave them where they were."""
    where = placed.pop(other)
    if _augment(other, placed, eligible, sessions, seen):
        return True
    placed[other] = where
    return False


def _improve(placed: dict[int, int], people: dict[int, Person],
             eligible: dict[int, list[SessionSpec]], sessions: dict[int, SessionSpec]) -> None:
    """Hill-climb on single moves and pairwise swaps. Both keep everyone placed and respect
    capacity and shared sessions, so the hard rules hold after every step."""
    for _ in range(MAX_IMPROVEMENT_ROUNDS):
        if not (_best_move(placed, people, eligible, sessions)
                or _best_swap(placed, people, eligible, sessions)):
            return


def _best_move(placed: dict[int, int], people: dict[int, Person],
               eligible: dict[int, list[SessionSpec]], sessions: dict[int, SessionSpec]) -> bool:
    current = total_score(placed, people, sessions)
    load = _load(placed)
    for person_id in sorted(placed):
        here = placed[person_id]
        for session in eligible[person_id]:
            if session.id == here or load[session.id] >= session.capacity:
                continue
            placed[person_id] = session.id
            if total_score(placed, people, sessions) > current:
                return True
            placed[person_id] = here
    return False


def _best_swap(placed: dict[int, int], people: dict[int, Person],
               eligible: dict[int, list[SessionSpec]], sessions: dict[int, SessionSpec]) -> bool:
    current = total_score(placed, people, sessions)
    ids = sorted(placed)
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            sa, sb = placed[a], placed[b]
            if sa == sb or not (sessions[sb].admits(people[a]) and sessions[sa].admits(people[b])):
                continue
            placed[a], placed[b] = sb, sa
            if total_score(placed, people, sessions) > current:
                return True
            placed[a], placed[b] = sa, sb
    return False
