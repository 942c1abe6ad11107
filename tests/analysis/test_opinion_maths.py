"""Opinion-map maths on small hand-made matrices with known answers."""

from __future__ import annotations

import numpy as np
import pytest

from heard.analysis.opinion import (
    KSmoother,
    OpinionError,
    VoteTable,
    build_vote_matrix,
    compute_opinion_map,
    project_participants,
    prop_test,
    replay_in_conv,
    select_participants,
    smooth_k,
    two_prop_test,
)


def _table(rows: list[list[int | None]], timestamps: bool = False) -> VoteTable:
    pids, tids, votes = [], [], []
    for p, row in enumerate(rows):
        for t, v in enumerate(row):
            if v is not None:
                pids.append(p)
                tids.append(t)
                votes.append(v)
    times = list(range(len(votes))) if timestamps else None
    return VoteTable.from_records(pids, tids, votes, times)


def _two_camps(n_each: int = 10, n_statements: int = 8) -> VoteTable:
    camp_a = [[1] * (n_statements // 2) + [-1] * (n_statements // 2)] * n_each
    camp_b = [[-1] * (n_statements // 2) + [1] * (n_statements // 2)] * n_each
    return _table(camp_a + camp_b)


def test_vote_matrix_distinguishes_pass_from_missing() -> None:
    matrix = build_vote_matrix(_table([[1, 0, None], [-1, None, 1]]))
    assert matrix.seen.toarray().tolist() == [[1, 1, 0], [1, 0, 1]]
    assert matrix.value.toarray().tolist() == [[1, 0, 0], [-1, 0, 1]]


def test_duplicate_votes_keep_the_latest() -> None:
    table = VoteTable.from_records([0, 0, 1], [0, 0, 0], [1, -1, 1], [5.0, 9.0, 1.0])
    matrix = build_vote_matrix(table)
    assert matrix.duplicates_dropped == 1
    assert matrix.value.toarray()[0, 0] == -1


def test_unknown_vote_value_is_refused() -> None:
    with pytest.raises(OpinionError, match="agree"):
        build_vote_matrix(VoteTable.from_records([0], [0], [2]))


def test_in_conv_threshold_is_min_of_seven_and_statement_count() -> None:
    rows: list[list[int | None]] = [[1] * 8] * 16 + [[1] * 6 + [None, None]]
    chosen = select_participants(build_vote_matrix(_table(rows)))
    assert chosen[:16].all() and not chosen[16]
    few_statements = build_vote_matrix(_table([[1, -1, 1]] * 3 + [[1, None, None]]))
    assert select_participants(few_statements).all()  # greedy top-up below 15


def test_replayed_in_conv_keeps_early_light_voters() -> None:
    # Participant 0 votes once while only one statement exists: min(7, 1) = 1, so Polis
    # counted them in, and in-conv never shrinks.
    table = VoteTable.from_records(
        [0] + [p for p in range(1, 20) for _ in range(8)],
        [0] + [t for _ in range(1, 20) for t in range(8)],
        [1] * (1 + 19 * 8),
        [0.0] + [float(i + 1) for i in range(19 * 8)],
    )
    assert replay_in_conv(table)[0]


def test_pca_separates_two_camps_and_scales_sparse_voters() -> None:
    table = _two_camps()
    projection = project_participants(build_vote_matrix(table))
    x = projection.coordinates[:, 0]
    assert np.all(np.sign(x[:10]) == -np.sign(x[10:]))
    assert np.allclose(projection.center, 0.0)
    # A participant who voted on half the statements like camp A lands in the same place:
    # sqrt(n_statements / n_votes) undoes the shrinkage from missing votes.
    half = _table([[1] * 4 + [-1] * 4] * 10 + [[-1] * 4 + [1] * 4] * 10
                  + [[1, 1, None, None, -1, -1, None, None]])
    coords = project_participants(build_vote_matrix(half)).coordinates
    assert abs(abs(coords[-1, 0]) - abs(coords[0, 0])) / abs(coords[0, 0]) < 0.35


def test_two_camps_become_two_groups_with_their_statements() -> None:
    result = compute_opinion_map(_two_camps())
    assert result.group_choice.k == 2
    assert len(set(result.group[:10].tolist())) == 1
    assert set(result.group[:10].tolist()).isdisjoint(result.group[10:].tolist())
    group_a = int(result.group[0])
    agreed = {s.tid for s in result.repness[group_a] if s.repful_for == "agree"}
    assert agreed <= {0, 1, 2, 3} and agreed


def test_sparse_and_dense_pca_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(3)
    leaning = rng.choice([-1, 1], (3, 30))  # three camps give a clear eigen-gap
    rows = [[int(leaning[p % 3, t]) if rng.random() < 0.6 else None for t in range(30)]
            for p in range(80)]
    matrix = build_vote_matrix(_table(rows))
    dense = project_participants(matrix)
    monkeypatch.setattr("heard.analysis.opinion.DENSE_PCA_LIMIT", 0)
    sparse = project_participants(matrix, seed=5)
    assert np.allclose(np.abs(dense.components), np.abs(sparse.components), atol=1e-5)


def test_same_seed_gives_same_map() -> None:
    rng = np.random.default_rng(1)
    rows = [[int(v) for v in rng.integers(-1, 2, 12)] for _ in range(40)]
    first, second = compute_opinion_map(_table(rows)), compute_opinion_map(_table(rows))
    assert np.array_equal(first.group, second.group)
    assert np.allclose(first.projection.coordinates, second.projection.coordinates)


def test_k_smoothing_needs_four_wins_in_a_row() -> None:
    state = smooth_k(KSmoother(), 3)
    assert state.smoothed_k == 3
    for _ in range(3):
        state = smooth_k(state, 2)
        assert state.smoothed_k == 3
    assert smooth_k(state, 2).smoothed_k == 2


def test_polis_z_tests() -> None:
    assert prop_test(np.array([6.0]), np.array([6.0]))[0] == pytest.approx(np.sqrt(7))
    assert two_prop_test(np.array([3.0]), np.array([3.0]), np.array([3.0]),
                         np.array([3.0]))[0] == 0.0


def test_group_informed_consensus_is_product_over_groups() -> None:
    result = compute_opinion_map(_two_camps())
    # Statement 0: one camp all agree (10 of 10), the other all disagree: (11/12) * (1/12).
    assert result.group_aware_consensus[0] == pytest.approx(11 / 12 * 1 / 12)
