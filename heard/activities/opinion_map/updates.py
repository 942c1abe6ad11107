"""Recomputing an opinion map in the background, and turning the maths into what pages show."""

from __future__ import annotations

from typing import Any

import numpy as np
from django.db import transaction
from django.utils import timezone

from heard.analysis.opinion import (
    KSmoother,
    OpinionError,
    OpinionMap,
    OpinionState,
    StatementStat,
    VoteTable,
    compute_opinion_map,
)
from heard.core.vocab import perspective_groups

from . import models

MAP_POINTS = 2000  # enough dots to see the shape; the page stays small at any scale
SEED = 0


def update_opinion_map(opinion_map_id: int) -> None:
    opinion_map = models.OpinionMap.objects.filter(pk=opinion_map_id).first()
    if opinion_map is None:
        return
    table, voters = _vote_table(opinion_map)
    previous = state_from_json(opinion_map.state)
    try:
        result = compute_opinion_map(table, seed=SEED, previous=previous)
    except OpinionError as error:
        _store(opinion_map, {"error": str(error), "votes": table.n_votes}, None, table.n_votes)
        return
    _store(opinion_map, summarise(result, voters), state_to_json(result.state), table.n_votes)


@transaction.atomic
def _store(opinion_map: models.OpinionMap, result: dict[str, Any],
           state: dict[str, Any] | None, votes: int) -> None:
    opinion_map.result = result | {"computed_at": timezone.now().isoformat(), "votes": votes}
    fields = ["result", "updated_at", "votes_counted"]
    if state is not None:
        opinion_map.state = state
        fields.append("state")
    opinion_map.updated_at = timezone.now()
    opinion_map.votes_counted = votes
    opinion_map.save(update_fields=fields)


def _vote_table(opinion_map: models.OpinionMap) -> tuple[VoteTable, dict[int, list[str]]]:
    # Integers only: a vote's primary key stands for its time of arrival (the order Polis's
    # history needs), which spares converting hundreds of thousands of datetimes.
    rows = models.Vote.objects.filter(
        statement__opinion_map=opinion_map, statement__status=models.Statement.Status.ACCEPTED,
    ).values_list("voter_id", "statement_id", "value", "pk")
    columns = np.array(list(rows), dtype=np.int64).reshape(-1, 4)
    table = VoteTable.from_records(columns[:, 0], columns[:, 1], columns[:, 2].astype(np.int8),
                                   timestamps=columns[:, 3].astype(np.float64))
    voters = dict(models.Voter.objects.filter(opinion_map=opinion_map)
                  .values_list("pk", "perspectives"))
    return table, voters


def summarise(result: OpinionMap, voters: dict[int, list[str]]) -> dict[str, Any]:
    """Everything the results page needs, in plain JSON; small counts are suppressed later,
    where they are shown."""
    clustered = result.group >= 0
    ids = result.participant_ids[clustered]
    groups = result.group[clustered]
    coords = result.projection.coordinates[clustered]
    pick = np.linspace(0, len(ids) - 1, num=min(len(ids), MAP_POINTS)).astype(int) \
        if len(ids) else np.array([], dtype=int)
    return {
        "k": int(result.group_choice.k),
        "participants": int(len(result.participant_ids)),
        "clustered": int(clustered.sum()),
        "group_sizes": np.bincount(groups, minlength=result.group_choice.k).tolist(),
        "points": [[round(float(coords[i][0]), 4), round(float(coords[i][1]), 4),
                    int(groups[i])] for i in pick],
        "repness": {str(g): [_stat(s) for s in stats] for g, stats in result.repness.items()},
        "consensus": {d: [_stat(s) for s in stats] for d, stats in result.consensus.items()},
        "group_aware_consensus": {str(t): round(float(v), 4)
                                  for t, v in result.group_aware_consensus.items()},
        "crosstab": _crosstab(ids, groups, voters, result.group_choice.k),
        "groups_by_voter": {str(p): int(g) for p, g in zip(ids.tolist(), groups.tolist(),
                                                            strict=True)},
    }


def latest_groups(opinion_map: models.OpinionMap) -> dict[int, int]:
    stored = (opinion_map.result or {}).get("groups_by_voter", {})
    return {int(p): int(g) for p, g in stored.items()}


def _stat(stat: StatementStat) -> dict[str, Any]:
    return {"tid": int(stat.tid), "n_success": int(stat.n_success),
            "n_trials": int(stat.n_trials), "repful_for": stat.repful_for or "agree"}


def _crosstab(ids: np.ndarray, groups: np.ndarray, voters: dict[int, list[str]],
              k: int) -> dict[str, list[int]]:
    """Opinion group by perspective group: who sits where."""
    table: dict[str, list[int]] = {}
    for pid, group in zip(ids.tolist(), groups.tolist(), strict=True):
        for name in perspective_groups(voters.get(pid, [])) or {"not_said"}:
            table.setdefault(name, [0] * k)[group] += 1
    return table


def state_to_json(state: OpinionState) -> dict[str, Any]:
    return {
        "in_conv": sorted(state.in_conv),
        "k": {"last_k": state.k_smoother.last_k, "last_k_count": state.k_smoother.last_k_count,
              "smoothed_k": state.k_smoother.smoothed_k},
        "group_centers": {str(k): v.tolist() for k, v in state.group_centers.items()},
        "base_centers": None if state.base_centers is None else state.base_centers.tolist(),
    }


def state_from_json(data: dict[str, Any] | None) -> OpinionState | None:
    if not data:
        return None
    k = data.get("k", {})
    base = data.get("base_centers")
    return OpinionState(
        in_conv=frozenset(int(p) for p in data.get("in_conv", [])),
        k_smoother=KSmoother(k.get("last_k"), int(k.get("last_k_count", 0)),
                             k.get("smoothed_k")),
        group_centers={int(g): np.asarray(c, dtype=np.float64)
                       for g, c in data.get("group_centers", {}).items()},
        base_centers=None if base is None else np.asarray(base, dtype=np.float64),
    )
