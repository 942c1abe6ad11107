"""The key-messages report on the web, and as PDF, CSV and JSON downloads. Thin: gathering is in
`key_messages`, formatting in `key_messages_render`."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.views.decorators.http import require_GET

from heard.activities.models import Activity
from heard.audit.log import record
from heard.core.permissions import staff_with

from .forms import KeyMessagesQueryForm
from .key_messages import ALL, KeyMessages, build_key_messages
from .key_messages_render import FORMATS, page_context, to_csv, to_json_text, to_pdf
from .paper_form import form_language

# The same people who may see who has been heard: analysts, service leads, facilitators and
# administrators. The report carries no words a moderator has not already made safe to quote.
PERMISSION = "reports.view_representation"
DOWNLOADS = {
    "pdf": ("application/pdf", "pdf"),
    "csv": ("text/csv; charset=utf-8", "csv"),
    "json": ("application/json", "json"),
}


@staff_with(PERMISSION)
@require_GET
def key_messages(request: HttpRequest) -> HttpResponse:
    asked = KeyMessagesQueryForm(request.GET)
    wanted = asked.value("format") or "html"
    if wanted not in FORMATS:
        return render(request, "errors/400.html", {"problem": (
            f"There is no “{wanted[:40]}” version of this report. Choose a web page, PDF, CSV "
            "or JSON.")}, status=400)
    slug = asked.value("activity")
    activity = get_object_or_404(Activity, slug=slug) if slug else None
    if wanted == "pdf":
        # The PDF is published for "you said, we did", so a service in Wales prints it in Welsh
        # (?language=cy): built and rendered in that language, labels and headings included.
        with translation.override(form_language(request)):
            report = build_key_messages(activity)
            _record_view(request, report, wanted)
            return download(report, wanted)
    report = build_key_messages(activity)
    _record_view(request, report, wanted)
    if wanted == "html":
        query = urlencode({"activity": slug}) + "&" if slug else ""
        return render(request, "reports/key_messages.html", {
            **page_context(report), "activities": Activity.objects.order_by("title"),
            "query": query})
    return download(report, wanted)


def _record_view(request: HttpRequest, report: KeyMessages, wanted: str) -> None:
    record(request.user, "key_messages.viewed", object_type="report",
           object_id="key-messages", scope=report.slug, format=wanted,
           language=translation.get_language())


def download(report: KeyMessages, wanted: str) -> HttpResponse:
    try:
        body: bytes | str = to_pdf(report) if wanted == "pdf" else \
            to_csv(report) if wanted == "csv" else to_json_text(report)
    except OSError:
        # WeasyPrint loads Pango when first used; a server without it still serves the rest.
        return HttpResponse(
            "The PDF could not be made on this server: it needs the Pango library (Debian "
            "packages libpango-1.0-0 and libpangoft2-1.0-0; `make system-deps` installs them). "
            "The web page, CSV and JSON versions work.", status=503,
            content_type="text/plain; charset=utf-8")
    content_type, extension = DOWNLOADS[wanted]
    response = HttpResponse(body, content_type=content_type)
    name = "all-activities" if report.slug == ALL else report.slug
    response["Content-Disposition"] = f'attachment; filename="key-messages-{name}.{extension}"'
    return response
