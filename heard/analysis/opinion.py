"""Polis-style opinion maps: pure maths, no Django.

The pipeline follows Polis's math service (compdemocracy/polis, ``math/src/polismath``) step by
step, each step a named pure function with dataclasses in and out:

1. :func:`build_vote_matrix` - participants x statements, sparse. Agree is +1, disagree -1,
   pass 0, and "not seen" is absent (a separate ``seen`` pattern tells pass from missing).
   Polis's own maths works in the API sign (agree -1); PCA is sign-free so we keep agree +1.
2. :func:`select_participants` - Polis's ``in-conv`` rule: a participant is clustered once they
   have voted on ``min(7, n_statements)`` statements; membership never shrinks (previous state is
   unioned in); while fewer than 15 are in, the most active voters are added.
   :func:`replay_in_conv` rebuilds that history from vote timestamps.
3. :func:`project_participants` - PCA to 2-D over *all* participants, missing votes imputed by
   the statement mean (done implicitly on the sparse matrix), moderated-out statements zeroed,
   then Polis's sparsity scaling ``sqrt(n_statements / n_votes)`` of each projection.
4. :func:`cluster_base` - ~100 k-means "base clusters" of the clustered participants, seeded
   like Polis with the first distinct points in arrival order.
5. :func:`cluster_groups` - weighted k-means on base-cluster centres for k in 2..max_k, k chosen
   by silhouette and smoothed across updates (a new k must win 4 updates running).
6. :func:`representative_statements`, :func:`consensus_statements`,
   :func:`group_informed_consensus` - Polis ``repness.clj`` statistics and selection.

:func:`compute_opinion_map` runs them all. Everything is deterministic for a given seed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray
from scipy.spatial import cKDTree

IntArray = NDArray[np.int64]
FloatArray = NDArray[np.float64]

MIN_VOTES_TO_CLUSTER = 7  # Polis: ptpts count once they have voted on min(7, n-cmts) statements
GREEDY_MIN_PARTICIPANTS = 15  # Polis: while fewer are in, add the most active voters
BASE_CLUSTER_COUNT = 100  # Polis :base-k
MAX_GROUP_COUNT = 5  # Polis :max-k
K_SMOOTHING_BUFFER = 4  # Polis :group-k-buffer: a new k must win this many updates in a row
BASE_MAX_ITER = 100  # Polis :base-iters
# Polis passes :group-iters as :cluster-iters, a key its kmeans does not read, so group
# clustering runs with kmeans's own default of 20 (clusters.clj, conversation.clj).
GROUP_MAX_ITER = 20
CENTRE_SHIFT_DONE = 0.01  # Polis same-clustering?: every centre moved less than this
Z_90 = 1.2816  # Polis z-sig-90? (one-sided 90% critical value)
PICK_MAX = 5  # statements kept per group (repness) and per direction (consensus)
PCA_MAX_ITER = 50
PCA_TOLERANCE = 1e-12  # on 1 - |cos| between successive estimates of each component
DENSE_PCA_LIMIT = 4_000_000  # cells; below this an exact dense eigen-decomposition is cheap


class OpinionError(ValueError):
    """Raised when votes cannot form an opinion map (no votes, shape mismatch...)."""


# --------------------------------------------------------------------------- inputs


def dense_codes(ids: IntArray) -> tuple[IntArray, IntArray]:
    """Sorted distinct ids and each entry's position among them (``np.unique`` with
    ``return_inverse``). Polis ids count up from 0, so a lookup table of size max(id) replaces
    the sort whenever that table is not much bigger than the data."""
    if ids.shape[0] == 0:
        return ids.copy(), ids.copy()
    low, high = int(ids.min()), int(ids.max())
    if low < 0 or high > 4 * ids.shape[0] + 1024:
        distinct, codes = np.unique(ids, return_inverse=True)
        return distinct, codes.astype(np.int64)
    present = np.zeros(high + 1, dtype=bool)
    present[ids] = True
    position = np.cumsum(present, dtype=np.int64) - 1
    return np.flatnonzero(present).astype(np.int64), position[ids]


@dataclass(frozen=True)
class VoteTable:
    """Votes as parallel arrays, one entry per vote.

    ``participant_index``/``statement_index`` index into ``participant_ids``/``statement_ids``.
    ``vote`` is +1 agree, -1 disagree, 0 pass. ``timestamp`` (ms) is optional; with it,
    duplicates keep the latest vote and Polis's in-conv history can be replayed.
    ``moderated_out`` holds statement ids removed by moderation or marked meta (Polis zeroes
    their columns and leaves them out of repness and consensus).
    """

    participant_ids: IntArray
    statement_ids: IntArray
    participant_index: IntArray
    statement_index: IntArray
    vote: NDArray[np.int8]
    timestamp: FloatArray | None = None
    moderated_out: frozenset[int] = frozenset()

    @classmethod
    def from_records(
        cls,
        participants: NDArray[np.int64] | list[int],
        statements: NDArray[np.int64] | list[int],
        votes: NDArray[np.int8] | list[int],
        timestamps: FloatArray | list[float] | None = None,
        moderated_out: frozenset[int] | set[int] = frozenset(),
    ) -> VoteTable:
        """Build a table from raw id columns (ids may be any non-negative integers)."""
        pids, p_index = dense_codes(np.asarray(participants, dtype=np.int64))
        tids, t_index = dense_codes(np.asarray(statements, dtype=np.int64))
        ts = None if timestamps is None else np.asarray(timestamps, dtype=np.float64)
        return cls(
            participant_ids=pids,
            statement_ids=tids,
            participant_index=p_index,
            statement_index=t_index,
            vote=np.asarray(votes, dtype=np.int8),
            timestamp=ts,
            moderated_out=frozenset(int(t) for t in moderated_out),
        )

    @property
    def n_votes(self) -> int:
        return int(self.vote.shape[0])


@dataclass(frozen=True)
class KSmoother:
    """Polis's group-k smoother state (``:group-k-smoother``)."""

    last_k: int | None = None
    last_k_count: int = 0
    smoothed_k: int | None = None


@dataclass(frozen=True)
class OpinionState:
    """What one update hands to the next so membership and groups do not flicker."""

    in_conv: frozenset[int] = frozenset()
    k_smoother: KSmoother = field(default_factory=KSmoother)
    group_centers: dict[int, FloatArray] = field(default_factory=dict)
    base_centers: FloatArray | None = None


# --------------------------------------------------------------------------- outputs


@dataclass(frozen=True)
class VoteMatrix:
    """Sparse participants x statements matrix. ``value`` holds +1/-1 (passes are implicit
    zeros); ``seen`` is 1 wherever a vote (including pass) exists."""

    participant_ids: IntArray
    statement_ids: IntArray
    value: sp.csr_matrix
    seen: sp.csr_matrix
    arrival_order: IntArray  # participant rows by first vote, Polis's row order
    vote_on_seen: FloatArray  # the vote (-1/0/1) for each stored entry of ``seen``
    duplicates_dropped: int = 0

    @property
    def shape(self) -> tuple[int, int]:
        return (len(self.participant_ids), len(self.statement_ids))

    def votes_per_participant(self) -> IntArray:
        return np.asarray(self.seen.sum(axis=1)).ravel().astype(np.int64)


@dataclass(frozen=True)
class Projection:
    center: FloatArray  # per statement mean vote (agree +1), 0 for moderated-out
    components: FloatArray  # 2 x n_statements
    coordinates: FloatArray  # n_participants x 2
    explained_variance: FloatArray


@dataclass(frozen=True)
class Clustering:
    labels: IntArray  # one per clustered point
    centers: FloatArray
    weights: FloatArray


@dataclass(frozen=True)
class GroupChoice:
    clustering: Clustering
    k: int
    silhouettes: dict[int, float]
    clusterings: dict[int, Clustering]
    k_smoother: KSmoother


@dataclass(frozen=True)
class StatementStat:
    """Polis's finalised repness/consensus record (field names as in math-pca2.json)."""

    tid: int
    n_success: int
    n_trials: int
    p_success: float
    p_test: float
    repness: float | None = None
    repness_test: float | None = None
    repful_for: Literal["agree", "disagree"] | None = None
    best_agree: bool = False

    def to_polis(self) -> dict[str, object]:
        out: dict[str, object] = {
            "tid": self.tid,
            "n-success": self.n_success,
            "n-trials": self.n_trials,
            "p-success": self.p_success,
            "p-test": self.p_test,
        }
        if self.repful_for is not None:
            out |= {
                "repness": self.repness,
                "repness-test": self.repness_test,
                "repful-for": self.repful_for,
            }
        if self.best_agree:
            out |= {"best-agree": True, "n-agree": self.n_success}
        return out


@dataclass(frozen=True)
class OpinionMap:
    participant_ids: IntArray
    statement_ids: IntArray
    projection: Projection
    in_conv: NDArray[np.bool_]  # per participant
    base: Clustering  # over in-conv participants, in participant order
    group_of_base: IntArray
    group: IntArray  # per participant, -1 when not clustered
    group_choice: GroupChoice
    repness: dict[int, list[StatementStat]]
    consensus: dict[str, list[StatementStat]]
    group_aware_consensus: dict[int, float]
    state: OpinionState
    duplicates_dropped: int = 0

    def groups_by_participant(self) -> dict[int, int]:
        ids = self.participant_ids[self.group >= 0]
        return dict(zip(ids.tolist(), self.group[self.group >= 0].tolist(), strict=True))


# --------------------------------------------------------------------------- step 1


def _drop_duplicate_votes(votes: VoteTable, n_cols: int) -> tuple[VoteTable, int]:
    """Keep the latest vote per (participant, statement)."""
    cell = votes.participant_index * n_cols + votes.statement_index
    time = votes.timestamp if votes.timestamp is not None else np.arange(votes.n_votes, dtype=float)
    order = np.lexsort((time, cell))  # by cell, then time: the last of each run is the latest
    last = np.ones(order.shape[0], dtype=bool)
    last[:-1] = cell[order][1:] != cell[order][:-1]
    keep = np.sort(order[last])
    kept = VoteTable(
        participant_ids=votes.participant_ids,
        statement_ids=votes.statement_ids,
        participant_index=votes.participant_index[keep],
        statement_index=votes.statement_index[keep],
        vote=votes.vote[keep],
        timestamp=None if votes.timestamp is None else votes.timestamp[keep],
        moderated_out=votes.moderated_out,
    )
    return kept, votes.n_votes - int(keep.shape[0])


def _encoded_matrix(votes: VoteTable, shape: tuple[int, int]) -> sp.csr_matrix:
    # Votes shifted to 1..3 so passes survive as stored entries; duplicates would sum.
    return sp.csr_matrix(
        ((votes.vote + 2).astype(np.float64), (votes.participant_index, votes.statement_index)),
        shape=shape,
    )


def arrival_order(votes: VoteTable, n_rows: int) -> IntArray:
    """Participant rows in order of their first vote (Polis adds matrix rows as votes arrive)."""
    if votes.timestamp is None:
        return np.arange(n_rows, dtype=np.int64)
    first = np.full(n_rows, np.inf)
    np.minimum.at(first, votes.participant_index, votes.timestamp)
    return np.argsort(first, kind="stable").astype(np.int64)


def build_vote_matrix(votes: VoteTable) -> VoteMatrix:
    """Sparse vote matrix; duplicate votes keep the latest one."""
    if votes.n_votes == 0:
        raise OpinionError("There are no votes, so there is nothing to map.")
    if not set(np.unique(votes.vote).tolist()) <= {-1, 0, 1}:
        raise OpinionError("Votes must be 1 (agree), -1 (disagree) or 0 (pass).")
    shape = (len(votes.participant_ids), len(votes.statement_ids))
    encoded, dropped = _encoded_matrix(votes, shape), 0
    if encoded.nnz < votes.n_votes:  # cheap check: only sort when duplicates exist
        votes, dropped = _drop_duplicate_votes(votes, shape[1])
        encoded = _encoded_matrix(votes, shape)
    encoded.sort_indices()
    seen = sp.csr_matrix((np.ones_like(encoded.data), encoded.indices, encoded.indptr), shape)
    # copies: eliminate_zeros works in place and must not touch seen's index arrays
    value = sp.csr_matrix(
        (encoded.data - 2.0, encoded.indices.copy(), encoded.indptr.copy()), shape
    )
    value.eliminate_zeros()
    return VoteMatrix(
        participant_ids=votes.participant_ids,
        statement_ids=votes.statement_ids,
        value=value,
        seen=seen,
        arrival_order=arrival_order(votes, shape[0]),
        vote_on_seen=encoded.data - 2.0,
        duplicates_dropped=dropped,
    )


# --------------------------------------------------------------------------- step 2


def in_conv_threshold(n_statements: int) -> int:
    return min(MIN_VOTES_TO_CLUSTER, n_statements)


def select_participants(
    matrix: VoteMatrix, previous_in_conv: frozenset[int] = frozenset()
) -> NDArray[np.bool_]:
    """Polis ``:in-conv`` on a snapshot: threshold, union with previous, greedy top-up to 15."""
    counts = matrix.votes_per_participant()
    chosen = counts >= in_conv_threshold(matrix.shape[1])
    chosen |= np.isin(matrix.participant_ids, np.fromiter(previous_in_conv, dtype=np.int64))
    if chosen.sum() < GREEDY_MIN_PARTICIPANTS:
        by_activity = np.argsort(-counts, kind="stable")[:GREEDY_MIN_PARTICIPANTS]
        chosen[by_activity[counts[by_activity] > 0]] = True
    return chosen


def replay_in_conv(votes: VoteTable) -> NDArray[np.bool_]:
    """Rebuild in-conv as if Polis had updated after every vote (needs timestamps).

    Polis's in-conv set only grows, and early in a conversation ``min(7, n-cmts)`` is small,
    so early participants with few votes stay clustered for ever. Replaying the vote stream
    reproduces that: a participant is in once, at some vote, their running vote count reached
    ``min(7, statements voted on so far)``; and the first 15 voters are in through the greedy
    top-up. Only votes cast before the 7th statement got its first vote can differ from the
    snapshot rule, so only that (usually tiny) prefix is sorted.
    """
    if votes.timestamp is None:
        raise OpinionError("Replaying in-conv needs vote timestamps.")
    n_rows, n_cols = len(votes.participant_ids), len(votes.statement_ids)
    chosen = np.zeros(n_rows, dtype=bool)
    first_voters = arrival_order(votes, n_rows)[:GREEDY_MIN_PARTICIPANTS]
    chosen[first_voters] = True
    statement_first = np.full(n_cols, np.inf)
    np.minimum.at(statement_first, votes.statement_index, votes.timestamp)
    cutoff = np.sort(statement_first)[min(MIN_VOTES_TO_CLUSTER, n_cols) - 1]
    early = np.flatnonzero(votes.timestamp <= cutoff)
    order = early[np.argsort(votes.timestamp[early], kind="stable")]
    who, what = votes.participant_index[order], votes.statement_index[order]
    met = _running_count(who) >= np.minimum(MIN_VOTES_TO_CLUSTER,
                                            np.cumsum(_first_occurrence(what)))
    chosen[who[met]] = True
    return chosen


def _running_count(keys: IntArray) -> IntArray:
    """1-based count of each key's occurrences so far, in sequence order."""
    by_key = np.argsort(keys, kind="stable")
    sorted_keys = keys[by_key]
    starts = np.r_[True, sorted_keys[1:] != sorted_keys[:-1]]
    start_pos = np.maximum.accumulate(np.where(starts, np.arange(keys.shape[0]), 0))
    counts = np.empty(keys.shape[0], dtype=np.int64)
    counts[by_key] = np.arange(keys.shape[0]) - start_pos + 1
    return counts


def _first_occurrence(keys: IntArray) -> NDArray[np.bool_]:
    return _running_count(keys) == 1


# --------------------------------------------------------------------------- step 3


def _active_columns(matrix: VoteMatrix, moderated_out: frozenset[int]) -> NDArray[np.bool_]:
    return ~np.isin(matrix.statement_ids, np.fromiter(moderated_out, dtype=np.int64))


def _column_means(matrix: VoteMatrix, active: NDArray[np.bool_]) -> FloatArray:
    seen = np.asarray(matrix.seen.sum(axis=0)).ravel()
    total = np.asarray(matrix.value.sum(axis=0)).ravel()
    center = np.divide(total, seen, out=np.zeros_like(total), where=seen > 0)
    return np.where(active, center, 0.0)  # Polis zeroes moderated-out columns


def _centred(matrix: VoteMatrix, center: FloatArray, active: NDArray[np.bool_]) -> sp.csr_matrix:
    """vote - mean on voted cells, 0 elsewhere (mean imputation); moderated-out columns are 0."""
    seen = matrix.seen
    data = (matrix.vote_on_seen - center[seen.indices]) * active[seen.indices]
    return sp.csr_matrix((data, seen.indices, seen.indptr), seen.shape)


def _top_components_dense(centred: sp.csr_matrix) -> tuple[FloatArray, FloatArray]:
    dense = centred.toarray()
    eigenvalues, vectors = np.linalg.eigh(dense.T @ dense)
    top = np.argsort(eigenvalues)[::-1][:2]
    return vectors[:, top].T, eigenvalues[top] / max(dense.shape[0] - 1, 1)


def _top_components_sparse(centred: sp.csr_matrix, seed: int) -> tuple[FloatArray, FloatArray]:
    """Randomised block power (subspace) iteration for the top two right singular vectors.

    ``centred`` holds vote - column mean on voted cells and nothing elsewhere: that *is* the
    mean-imputed, centred matrix, without ever densifying it.
    """
    centred_t = centred.T  # a CSC view: products with it need no transposed copy
    rng = np.random.default_rng(seed)
    basis, _ = np.linalg.qr(rng.standard_normal((centred.shape[1], 8)))
    previous = np.zeros((centred.shape[1], 2))
    for _ in range(PCA_MAX_ITER):  # oversampling to 8 vectors makes the top two converge fast
        image = centred_t @ (centred @ basis)
        eigenvalues, vectors = np.linalg.eigh(basis.T @ image)  # Rayleigh-Ritz
        top = np.argsort(eigenvalues)[::-1][:2]
        components = basis @ vectors[:, top]
        if np.all(np.abs(np.sum(components * previous, axis=0)) > 1 - PCA_TOLERANCE):
            break
        previous = components
        basis, _ = np.linalg.qr(image)
    return components.T, eigenvalues[top] / max(centred.shape[0] - 1, 1)


def _orient(components: FloatArray) -> FloatArray:
    """Fix each component's arbitrary sign: its largest loading is positive."""
    signs = np.sign(components[np.arange(components.shape[0]), np.abs(components).argmax(axis=1)])
    return components * np.where(signs == 0, 1.0, signs)[:, None]


def project_participants(
    matrix: VoteMatrix, moderated_out: frozenset[int] = frozenset(), seed: int = 0
) -> Projection:
    """PCA to 2-D with Polis's mean imputation and sparsity-aware scaling."""
    n_rows, n_cols = matrix.shape
    active = _active_columns(matrix, moderated_out)
    center = _column_means(matrix, active)
    centred = _centred(matrix, center, active)
    if n_rows < 2 or n_cols < 2:
        components = np.eye(2, n_cols)
        variance = np.zeros(2)
    elif n_rows * n_cols <= DENSE_PCA_LIMIT:
        components, variance = _top_components_dense(centred)
    else:
        components, variance = _top_components_sparse(centred, seed)
    components = _orient(components)
    raw = np.asarray(centred @ components.T)
    # Polis zeroes moderated-out columns rather than blanking them, so they count as votes.
    n_votes = matrix.votes_per_participant() - np.asarray(
        matrix.seen @ (~active).astype(np.float64)
    ).ravel().astype(np.int64) + int((~active).sum())
    scale = np.sqrt(n_cols / np.maximum(n_votes, 1))
    return Projection(center, components, raw * scale[:, None], variance)


# --------------------------------------------------------------------------- steps 4-5


def first_distinct_rows(points: FloatArray, k: int) -> FloatArray:
    """Polis seeds k-means with the first k distinct points, in row order."""
    chosen: list[FloatArray] = []
    seen: set[tuple[float, ...]] = set()
    for point in points:
        key = tuple(np.round(point, 12).tolist())
        if key not in seen:
            seen.add(key)
            chosen.append(point)
            if len(chosen) == k:
                break
    return np.asarray(chosen)


def _nearest_centre(points: FloatArray, centres: FloatArray) -> IntArray:
    # A k-d tree over the (at most 100) centres answers 100,000 points in a few milliseconds.
    _, labels = cKDTree(centres).query(points, k=1, workers=-1)
    return np.asarray(labels, dtype=np.int64)


def _same_clustering(before: FloatArray, after: FloatArray) -> bool:
    """Polis ``same-clustering?``: sorted centres pairwise within CENTRE_SHIFT_DONE."""
    if before.shape != after.shape:
        return False
    order_a, order_b = np.lexsort(before.T[::-1]), np.lexsort(after.T[::-1])
    shift = np.linalg.norm(before[order_a] - after[order_b], axis=1)
    return bool(np.all(shift < CENTRE_SHIFT_DONE))


def weighted_kmeans(
    points: FloatArray, init: FloatArray, weights: FloatArray | None = None,
    max_iter: int = BASE_MAX_ITER,
) -> Clustering:
    """Polis's k-means (``clusters.clj``): assign every point to its nearest centre, drop the
    centres that got no points, move each centre to its members' (weighted) mean; stop when
    no centre moved by CENTRE_SHIFT_DONE or after ``max_iter`` steps. Labels are the last
    assignment, as Polis returns the clusters its last step built."""
    weights = np.ones(points.shape[0]) if weights is None else weights
    centres = np.asarray(init, dtype=np.float64)
    for step in range(max_iter + 1):
        labels = _nearest_centre(points, centres)
        mass = np.bincount(labels, weights=weights, minlength=centres.shape[0])
        kept = np.flatnonzero(mass > 0)
        moved = np.column_stack([
            np.bincount(labels, weights=weights * points[:, d], minlength=centres.shape[0])
            for d in range(points.shape[1])
        ])[kept] / mass[kept, None]
        relabel = np.full(centres.shape[0], -1, dtype=np.int64)
        relabel[kept] = np.arange(kept.shape[0])
        labels = relabel[labels]
        done = step == max_iter or _same_clustering(centres, moved)
        centres = moved
        if done:
            break
    return Clustering(labels, centres, np.bincount(labels, weights=weights).astype(np.float64))


def silhouette(points: FloatArray, labels: IntArray) -> float:
    """Mean silhouette over points (Polis ``clusters/silhouette`` on base-cluster centres,
    unweighted); a point alone in its cluster scores 0."""
    distance = np.sqrt(((points[:, None, :] - points[None, :, :]) ** 2).sum(axis=-1))
    groups = np.unique(labels)
    member = labels[None, :] == groups[:, None]  # groups x points
    sums = distance @ member.T.astype(np.float64)  # points x groups
    sizes = member.sum(axis=1)
    own = np.searchsorted(groups, labels)
    alone = sizes[own] == 1
    a = sums[np.arange(len(labels)), own] / np.maximum(sizes[own] - 1, 1)
    other = sums / sizes[None, :]
    other[np.arange(len(labels)), own] = np.inf
    b = other.min(axis=1)
    scores = np.where(alone, 0.0, (b - a) / np.maximum(np.maximum(a, b), 1e-300))
    return float(scores.mean())


def cluster_base(
    coordinates: FloatArray, previous_centers: FloatArray | None = None
) -> Clustering:
    """~100 base clusters; each participant's point, in arrival order."""
    init = first_distinct_rows(coordinates, BASE_CLUSTER_COUNT)
    if previous_centers is not None and previous_centers.shape[0] == init.shape[0]:
        init = previous_centers  # Polis restarts from the last update's clusters
    clustering = weighted_kmeans(coordinates, init)
    used = np.unique(clustering.labels)  # Polis drops empty clusters
    relabel = np.full(init.shape[0], -1, dtype=np.int64)
    relabel[used] = np.arange(used.shape[0])
    return Clustering(relabel[clustering.labels], clustering.centers[used],
                      clustering.weights[used])


def max_group_count(n_base: int) -> int:
    """Polis ``max-k-fn``: fewer base clusters allow fewer groups."""
    return min(MAX_GROUP_COUNT, 2 + n_base // 12)


def smooth_k(previous: KSmoother, best_k: int) -> KSmoother:
    """Polis keeps its current k until another k has won K_SMOOTHING_BUFFER updates in a row."""
    count = previous.last_k_count + 1 if previous.last_k == best_k else 1
    smoothed = best_k if count >= K_SMOOTHING_BUFFER or previous.smoothed_k is None else (
        previous.smoothed_k
    )
    return KSmoother(last_k=best_k, last_k_count=count, smoothed_k=smoothed)


def cluster_groups(base: Clustering, previous: OpinionState | None = None) -> GroupChoice:
    """Weighted k-means over base-cluster centres for each k; k by silhouette, smoothed."""
    previous = previous or OpinionState()
    points, weights = base.centers, base.weights
    n_distinct = np.unique(points, axis=0).shape[0]
    clusterings: dict[int, Clustering] = {}
    silhouettes: dict[int, float] = {}
    for k in range(2, min(max_group_count(points.shape[0]), n_distinct) + 1):
        init = previous.group_centers.get(k)
        if init is None or init.shape != (k, points.shape[1]):
            init = first_distinct_rows(points, k)
        clusterings[k] = weighted_kmeans(points, init, weights, GROUP_MAX_ITER)
        labels = clusterings[k].labels
        silhouettes[k] = (
            silhouette(points, labels) if 1 < len(set(labels.tolist())) < len(points) else -1.0
        )
    if not clusterings:  # one distinct opinion position: a single group
        only = Clustering(np.zeros(points.shape[0], dtype=np.int64),
                          np.average(points, axis=0, weights=weights)[None, :],
                          np.array([weights.sum()]))
        return GroupChoice(only, 1, {}, {1: only}, previous.k_smoother)
    best_k = max(silhouettes, key=lambda k: (silhouettes[k], -k))
    # With no previous state (an export read once) this takes best_k, as Polis's first update
    # does; the export records no update history to smooth over (docs/decisions/0013).
    smoother = smooth_k(previous.k_smoother, best_k)
    k = smoother.smoothed_k if smoother.smoothed_k in clusterings else best_k
    # A centre that loses all its points is dropped, as in Polis, so k groups may be fewer.
    chosen = clusterings[k]
    return GroupChoice(chosen, chosen.centers.shape[0], silhouettes, clusterings, smoother)


# --------------------------------------------------------------------------- step 6


def prop_test(successes: FloatArray, trials: FloatArray) -> FloatArray:
    """Polis one-proportion z-test against 1/2, with +1 pseudocounts."""
    s, n = successes + 1.0, trials + 1.0
    return 2.0 * np.sqrt(n) * (s / n - 0.5)


def two_prop_test(
    succ_in: FloatArray, succ_out: FloatArray, n_in: FloatArray, n_out: FloatArray
) -> FloatArray:
    """Polis two-proportion z-test (in-group vs rest), with +1 pseudocounts."""
    s1, s2, n1, n2 = succ_in + 1.0, succ_out + 1.0, n_in + 1.0, n_out + 1.0
    pooled = (s1 + s2) / (n1 + n2)
    spread = np.sqrt(pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2))
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (s1 / n1 - s2 / n2) / spread
    return np.where(pooled == 1.0, 0.0, np.nan_to_num(z))


@dataclass(frozen=True)
class GroupVoteCounts:
    agree: FloatArray  # groups x statements
    disagree: FloatArray
    seen: FloatArray


def count_group_votes(
    matrix: VoteMatrix, rows: IntArray, labels: IntArray, n_groups: int
) -> GroupVoteCounts:
    membership = sp.csr_matrix(
        (np.ones(rows.shape[0]), (labels, rows)), shape=(n_groups, matrix.shape[0])
    )
    agree = membership @ (matrix.value > 0).astype(np.float64)
    disagree = membership @ (matrix.value < 0).astype(np.float64)
    return GroupVoteCounts(
        np.asarray(agree.todense()), np.asarray(disagree.todense()),
        np.asarray((membership @ matrix.seen).todense()),
    )


def _finalise(tid: int, s: dict[str, float], best_agree: bool = False) -> StatementStat:
    agree = s["rat"] > s["rdt"]  # Polis finalises best-agree the same way, so it may say disagree
    key = "a" if agree else "d"
    return StatementStat(
        tid=tid, n_success=int(s["n" + key]), n_trials=int(s["ns"]),
        p_success=float(s["p" + key]), p_test=float(s["p" + key + "t"]),
        repness=float(s["r" + key]), repness_test=float(s["r" + key + "t"]),
        repful_for="agree" if agree else "disagree", best_agree=best_agree,
    )


def _repness_metric(stat: StatementStat) -> float:
    return float((stat.repness or 0) * (stat.repness_test or 0) * stat.p_success * stat.p_test)


def _beats_best_agree(s: dict[str, float], best: dict[str, float] | None) -> bool:
    """Polis ``beats-best-agr?``: ensures each group shows something it agrees on."""
    if s["na"] + s["nd"] == 0:
        return False
    if best is not None and best["ra"] > 1.0:
        return s["ra"] * s["rat"] * s["pa"] * s["pat"] > (
            best["ra"] * best["rat"] * best["pa"] * best["pat"]
        )
    if best is not None:
        return s["pa"] * s["pat"] > best["pa"] * best["pat"]
    return s["pat"] > Z_90 or (s["ra"] > 1.0 and s["pa"] > 0.5)


def _group_statement_stats(counts: GroupVoteCounts, group: int) -> dict[str, FloatArray]:
    na, nd, ns = counts.agree[group], counts.disagree[group], counts.seen[group]
    rest_a = counts.agree.sum(axis=0) - na
    rest_d = counts.disagree.sum(axis=0) - nd
    rest_s = counts.seen.sum(axis=0) - ns
    pa, pd = (na + 1) / (ns + 2), (nd + 1) / (ns + 2)
    return {
        "na": na, "nd": nd, "ns": ns, "pa": pa, "pd": pd,
        "pat": prop_test(na, ns), "pdt": prop_test(nd, ns),
        "ra": pa / ((rest_a + 1) / (rest_s + 2)), "rd": pd / ((rest_d + 1) / (rest_s + 2)),
        "rat": two_prop_test(na, rest_a, ns, rest_s),
        "rdt": two_prop_test(nd, rest_d, ns, rest_s),
    }


def select_group_repness(
    stats: dict[str, FloatArray], statement_ids: IntArray, eligible: NDArray[np.bool_]
) -> list[StatementStat]:
    """Polis ``select-rep-comments`` for one group, scanning statements in id order."""
    best: StatementStat | None = None
    best_agree: tuple[int, dict[str, float]] | None = None
    sufficient: list[StatementStat] = []
    for j in np.flatnonzero(eligible):
        s = {name: float(values[j]) for name, values in stats.items()}
        tid = int(statement_ids[j])
        if (s["pat"] > Z_90 and s["rat"] > Z_90) or (s["pdt"] > Z_90 and s["rdt"] > Z_90):
            sufficient.append(_finalise(tid, s))
        if best is None or max(s["rat"], s["rdt"]) > (best.repness_test or 0.0):
            best = _finalise(tid, s)
        if _beats_best_agree(s, None if best_agree is None else best_agree[1]):
            best_agree = (tid, s)
    head = [_finalise(best_agree[0], best_agree[1], True)] if best_agree else (
        [best] if best else []
    )
    rest = [st for st in sufficient if not head or st.tid != head[0].tid]
    rest.sort(key=_repness_metric, reverse=True)  # stable, like Clojure's sort-by
    chosen = (head + rest)[:PICK_MAX] if sufficient else head
    return [st for st in chosen if st.repful_for == "agree"] + [
        st for st in chosen if st.repful_for != "agree"
    ]


def representative_statements(
    counts: GroupVoteCounts, statement_ids: IntArray, eligible: NDArray[np.bool_]
) -> dict[int, list[StatementStat]]:
    return {
        g: select_group_repness(_group_statement_stats(counts, g), statement_ids, eligible)
        for g in range(counts.agree.shape[0])
    }


def consensus_statements(
    matrix: VoteMatrix, eligible: NDArray[np.bool_]
) -> dict[str, list[StatementStat]]:
    """Polis ``select-consensus-comments`` over every participant's votes."""
    ns = np.asarray(matrix.seen.sum(axis=0)).ravel()
    result: dict[str, list[StatementStat]] = {}
    for direction, sign in (("agree", 1.0), ("disagree", -1.0)):
        n = np.asarray((matrix.value == sign).sum(axis=0)).ravel().astype(np.float64)
        p, z = (n + 1) / (ns + 2), prop_test(n, ns)
        ok = np.flatnonzero(eligible & (p > 0.5) & (z > Z_90))
        ranked = ok[np.argsort(-(p[ok] * z[ok]), kind="stable")][:PICK_MAX]
        result[direction] = [
            StatementStat(int(matrix.statement_ids[j]), int(n[j]), int(ns[j]), float(p[j]),
                          float(z[j]))
            for j in ranked
        ]
    return result


def group_informed_consensus(counts: GroupVoteCounts, statement_ids: IntArray) -> dict[int, float]:
    """Product over groups of (agree + 1) / (seen + 2): high only if every group agrees."""
    product = np.prod((counts.agree + 1) / (counts.seen + 2), axis=0)
    return dict(zip(statement_ids.tolist(), product.tolist(), strict=True))


# --------------------------------------------------------------------------- pipeline


def compute_opinion_map(
    votes: VoteTable,
    *,
    seed: int = 0,
    previous: OpinionState | None = None,
    replay_history: bool = True,
) -> OpinionMap:
    """One full Polis-style update. ``previous`` is the last update's ``state``.

    With timestamps and ``replay_history``, in-conv is rebuilt from the vote stream (Polis
    updates incrementally, so its in-conv depends on history, not just the final snapshot).
    """
    previous = previous or OpinionState()
    matrix = build_vote_matrix(votes)
    projection = project_participants(matrix, votes.moderated_out, seed)
    in_conv = select_participants(matrix, previous.in_conv)
    if replay_history and votes.timestamp is not None:
        in_conv |= replay_in_conv(votes)
    rows = matrix.arrival_order[in_conv[matrix.arrival_order]]
    if rows.shape[0] < 2:
        raise OpinionError("At least two participants must vote before groups can be formed.")
    base = cluster_base(projection.coordinates[rows], previous.base_centers)
    choice = cluster_groups(base, previous)
    group_of_row = choice.clustering.labels[base.labels]
    group = np.full(matrix.shape[0], -1, dtype=np.int64)
    group[rows] = group_of_row
    counts = count_group_votes(matrix, rows, group_of_row, choice.k)
    eligible = _active_columns(matrix, votes.moderated_out)
    state = OpinionState(
        in_conv=frozenset(matrix.participant_ids[in_conv].tolist()),
        k_smoother=choice.k_smoother,
        group_centers={k: c.centers for k, c in choice.clusterings.items()},
        base_centers=base.centers,
    )
    return OpinionMap(
        participant_ids=matrix.participant_ids,
        statement_ids=matrix.statement_ids,
        projection=projection,
        in_conv=in_conv,
        base=base,
        group_of_base=choice.clustering.labels,
        group=group,
        group_choice=choice,
        repness=representative_statements(counts, matrix.statement_ids, eligible),
        consensus=consensus_statements(matrix, eligible),
        group_aware_consensus=group_informed_consensus(counts, matrix.statement_ids),
        state=state,
        duplicates_dropped=matrix.duplicates_dropped,
    )
