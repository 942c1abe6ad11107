"""The insight app's background tasks. They are registered in every process at start-up (a
worker must know them by name); the code they run is imported when they run. That code
brings the themes maths with it (numpy, scipy, scikit-learn), which was a quarter of the
start of every `heard` command, and most processes never run an analysis (decision 0050)."""

from __future__ import annotations

from heard.tasks.queue import handler


# An analyst watches the progress bar, so a run goes before a backlog of background work.
@handler("insight.run", interactive=True)
def run_analysis(run_id: int) -> None:
    from .runs import run_analysis as run

    run(run_id)


@handler("insight.refresh_stale")
def refresh_stale() -> None:
    from .refresh import refresh_stale as refresh

    refresh()
