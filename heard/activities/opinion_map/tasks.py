"""The opinion map's background task. It is registered in every process at start-up (a worker
must know it by name); the maths it runs (numpy, scipy) is imported when a map is recomputed,
not with Django (decision 0050)."""

from __future__ import annotations

from heard.tasks.queue import handler


@handler("opinions.update")
def update(opinion_map_id: int) -> None:
    from .updates import update_opinion_map

    update_opinion_map(opinion_map_id)
