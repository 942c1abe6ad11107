"""`heard report key-messages`: the same report as the web page, written to a file."""

from __future__ import annotations

from pathlib import Path

from heard.activities.models import Activity
from heard.audit.log import record

from .key_messages import build_key_messages
from .key_messages_render import (
    print_css,
    to_csv,
    to_html,
    to_json_text,
    to_pdf,
)


def run_key_messages(slug: str, wanted: str, out: Path) -> int:
    """Exit code 2, with nothing written, for an unknown activity or a folder that is not
    there."""
    activity = Activity.objects.filter(slug=slug).first() if slug else None
    if slug and activity is None:
        print(f"There is no activity called {slug!r}. Activities: "
              + ", ".join(Activity.objects.order_by("slug").values_list("slug", flat=True)))
        return 2
    if not out.parent.is_dir():
        print(f"Cannot write {out}: the folder {out.parent} is not there.")
        return 2
    report = build_key_messages(activity)
    if wanted == "pdf":
        out.write_bytes(to_pdf(report))
    elif wanted == "csv":
        out.write_text(to_csv(report), encoding="utf-8")
    elif wanted == "json":
        out.write_text(to_json_text(report), encoding="utf-8")
    else:
        # A file on its own: the stylesheet goes inside it, as no server is there to serve it.
        out.write_text(to_html(report, extra={"inline_css": print_css()}), encoding="utf-8")
    record(None, "key_messages.written", object_type="report", object_id="key-messages",
           scope=report.slug, format=wanted)
    print(f"Wrote the key-messages report for {report.title} ({wanted}) to {out}.")
    return 0
