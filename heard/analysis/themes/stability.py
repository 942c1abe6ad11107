"""Themes that keep their identity across runs, and new items placed without re-clustering.

A run's :class:`ModelState` (theme ids, unit centroids, labels, the embedder's name) is small
and JSON-friendly, so the Django side can store it per run. A later run matches its themes to
the previous ones by the Hungarian method on centroid cosine and, where the caller knows them,
on the contributions each theme carried over, so "T3" stays "T3" when it still means the same
thing; analysts' edits (a new label, a lock) follow the id, and named themes are matched first.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from scipy.optimize import linear_sum_assignment

from heard.analysis.themes.cluster import top_two
from heard.analysis.themes.embedders import Embedder, get_embedder

# Below this centroid cosine two themes are different themes, whatever the matching says.
MATCH_THRESHOLD = 0.6
# Or: the new theme holds at least this share of the old theme's contributions, and at least
# half of the new theme's contributions were in the old one (so a big new theme that took in a
# small old one does not take its name).
CARRIED_SHARE = 0.3
MOSTLY_FROM = 0.5


@dataclass(frozen=True)
class ThemeEdit:
    """An analyst's edit: a label they wrote, and whether the theme is locked."""

    label: str | None = None
    locked: bool = False

    @classmethod
    def parse(cls, value: ThemeEdit | Mapping[str, Any]) -> ThemeEdit:
        if isinstance(value, ThemeEdit):
            return value
        label = value.get("label")
        return cls(label=str(label) if label else None, locked=bool(value.get("locked", False)))


@dataclass
class ModelState:
    """What a later run or :func:`assign_to_existing` needs from this one."""

    embedder_name: str
    theme_ids: list[str]
    centroids: np.ndarray
    labels: dict[str, str] = field(default_factory=dict)
    edits: dict[str, ThemeEdit] = field(default_factory=dict)
    next_number: int = 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "embedder": self.embedder_name,
            "theme_ids": list(self.theme_ids),
            "centroids": np.round(self.centroids.astype(float), 6).tolist(),
            "labels": dict(self.labels),
            "edits": {
                key: {"label": edit.label, "locked": edit.locked}
                for key, edit in self.edits.items()
            },
            "next_number": self.next_number,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ModelState:
        centroids = np.asarray(data["centroids"], dtype=np.float32)
        return cls(
            embedder_name=str(data["embedder"]),
            theme_ids=[str(t) for t in data["theme_ids"]],
            centroids=centroids.reshape(len(data["theme_ids"]), -1),
            labels={str(k): str(v) for k, v in dict(data.get("labels", {})).items()},
            edits={
                str(k): ThemeEdit.parse(v) for k, v in dict(data.get("edits", {})).items()
            },
            next_number=int(data.get("next_number", len(data["theme_ids"]) + 1)),
        )


@dataclass(frozen=True)
class Assignment:
    """Theme id per new item, its cosine to that theme, and the runner-up theme."""

    theme_ids: list[str]
    scores: np.ndarray
    secondary_ids: list[str | None]
    secondary_scores: np.ndarray


def assign_to_existing(
    state: ModelState, new_texts: list[str], embedder: Embedder | str | None = None
) -> Assignment:
    """Place new items in the themes of an earlier run, without re-clustering."""
    model = get_embedder(embedder) if embedder is not None else _embedder_for(state)
    if model.name != state.embedder_name:
        raise ValueError(
            f"These themes were made with {state.embedder_name}; "
            f"new items must be embedded with the same model, not {model.name}."
        )
    vectors = model.embed(list(new_texts))
    sims = vectors @ state.centroids.T
    labels = sims.argmax(axis=1) if len(new_texts) else np.zeros(0, dtype=np.int64)
    score, second, second_score = top_two(vectors, state.centroids, labels)
    return Assignment(
        theme_ids=[state.theme_ids[i] for i in labels],
        scores=score,
        secondary_ids=[state.theme_ids[i] if i >= 0 else None for i in second],
        secondary_scores=second_score,
    )


def _embedder_for(state: ModelState) -> Embedder:
    name = state.embedder_name
    if name.startswith("fake-"):
        from heard.analysis.themes.embedders import FakeEmbedder

        return FakeEmbedder(int(name.split("-", 1)[1]))
    if name.startswith("transformer:") and name != "transformer:all-MiniLM-L6-v2":
        return get_embedder(name)
    return get_embedder(name.split(":", 1)[0])


def merge_centroids(state: ModelState, source_id: str, target_id: str, source_size: int,
                    target_size: int) -> ModelState:
    """The state after an analyst merged ``source_id`` into ``target_id``: the target's centroid
    becomes the size-weighted mean of both and the source leaves, so the next run matches the
    merged theme (and its analyst's name) to where its contributions now gather."""
    if source_id not in state.theme_ids or target_id not in state.theme_ids:
        return state
    source, target = state.theme_ids.index(source_id), state.theme_ids.index(target_id)
    centroids = state.centroids.astype(np.float32, copy=True)
    joined = (centroids[source] * max(source_size, 0) + centroids[target] * max(target_size, 0))
    norm = float(np.linalg.norm(joined))
    if norm > 0:
        centroids[target] = joined / norm
    # The merged-away theme is gone: no new theme may take its id and slip out of the merge.
    kept = [i for i in range(len(state.theme_ids)) if i != source]
    return replace(state, centroids=centroids[kept],
                   theme_ids=[state.theme_ids[i] for i in kept])


def match_themes(
    centroids: np.ndarray, previous: ModelState | None, threshold: float = MATCH_THRESHOLD,
    *, labels: np.ndarray | None = None,
    previous_members: Sequence[str | None] | None = None,
) -> tuple[list[str], int]:
    """Ids for new themes: the previous id where the Hungarian matching pairs them, otherwise
    a fresh one. Returns the ids and the next free number.

    A pair is accepted when the centroids are close (cosine at least ``threshold``) or, given
    each item's new theme (``labels``) and its theme last time (``previous_members``), when
    the new theme carries much of the old one's contributions (see :func:`carried_shares`).
    Among accepted pairs an old theme an analyst named or locked goes first, so their work
    is not lost because a merge moved its centroid (issue 14)."""
    k = centroids.shape[0]
    if previous is None or previous.centroids.size == 0:
        return [f"T{i + 1}" for i in range(k)], k + 1
    if previous.centroids.shape[1] != centroids.shape[1]:
        raise ValueError("The previous themes were made with embeddings of another size.")
    sims = centroids @ previous.centroids.T
    carried, mostly_from = carried_shares(k, previous.theme_ids, labels, previous_members)
    accepted = (sims >= threshold) | ((carried >= CARRIED_SHARE) & (mostly_from >= MOSTLY_FROM))
    edited = np.array([_is_edited(previous.edits.get(t)) for t in previous.theme_ids])
    score = np.where(accepted, 1.0 + np.maximum(sims, carried) + edited[None, :], 0.0)
    rows, cols = linear_sum_assignment(score, maximize=True)
    ids: list[str | None] = [None] * k
    for row, col in zip(rows, cols, strict=True):
        if accepted[row, col]:
            ids[row] = previous.theme_ids[col]
    number = previous.next_number
    out: list[str] = []
    for theme_id in ids:
        if theme_id is None:
            theme_id = f"T{number}"
            number += 1
        out.append(theme_id)
    return out, number


def carried_shares(
    k: int, previous_ids: Sequence[str], labels: np.ndarray | None,
    previous_members: Sequence[str | None] | None,
) -> tuple[np.ndarray, np.ndarray]:
    """Two (new theme x old theme) matrices: the share of the old theme's contributions now in
    the new one, and the share of the new theme's contributions that came from the old one.
    Both are zero where memberships are not known (a first run, the command line)."""
    m = len(previous_ids)
    counts = np.zeros((k, m), dtype=np.float64)
    if labels is None or previous_members is None or len(previous_members) != len(labels):
        return counts, counts
    column = {theme_id: j for j, theme_id in enumerate(previous_ids)}
    new_sizes = np.bincount(np.asarray(labels, dtype=np.int64), minlength=k).astype(np.float64)
    for label, old in zip(labels, previous_members, strict=True):
        if old is not None and old in column:
            counts[int(label), column[old]] += 1
    old_sizes = counts.sum(axis=0)
    carried = np.divide(counts, old_sizes[None, :], out=np.zeros_like(counts),
                        where=old_sizes[None, :] > 0)
    mostly_from = np.divide(counts, new_sizes[:, None], out=np.zeros_like(counts),
                            where=new_sizes[:, None] > 0)
    return carried, mostly_from


def _is_edited(edit: ThemeEdit | None) -> bool:
    return edit is not None and (bool(edit.label) or edit.locked)


def resolve_edits(
    previous: ModelState | None, edits: Mapping[str, ThemeEdit | Mapping[str, Any]] | None
) -> dict[str, ThemeEdit]:
    """Edits from the previous run, overridden by any given now."""
    merged = dict(previous.edits) if previous is not None else {}
    for key, value in (edits or {}).items():
        merged[str(key)] = ThemeEdit.parse(value)
    return merged


def final_label(
    theme_id: str, automatic: str, edits: Mapping[str, ThemeEdit], previous: ModelState | None
) -> tuple[str, str]:
    """(label, source). An analyst's label always wins; a locked theme without one keeps the
    label it had last time rather than a fresh automatic one."""
    edit = edits.get(theme_id)
    if edit is not None and edit.label:
        return edit.label, "analyst"
    if edit is not None and edit.locked and previous is not None and theme_id in previous.labels:
        return previous.labels[theme_id], "kept"
    return automatic, "automatic"
