"""An activity's printable paper form as a PDF: large type, boxes to write and tick in, the
consent questions in plain words, help lines, and the form code (heard.contributions.paper) that
staff type back in. Rendered like the key-messages PDF, with the same fetcher that serves only
our own static files, so making a form never reaches the network or the file system."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.views.decorators.http import require_safe

from heard.activities.models import Activity
from heard.audit.log import record
from heard.contributions.paper import (
    PERSPECTIVE_HINT,
    PERSPECTIVE_QUESTION,
    form_code_for,
    perspective_rows,
)
from heard.core.permissions import staff_with

from .forms import PrintLanguageForm
from .key_messages_render import PDF_BASE_URL, static_only_fetcher


def form_language(request: HttpRequest) -> str:
    """The language to print in: the one staff chose for this form (?language=cy), else the
    language of the page they printed it from. Staff pages are English, but a service in Wales
    hands out forms in Welsh (issue 15, decision 0024)."""
    chosen = PrintLanguageForm(request.GET).value("language")
    return chosen or translation.get_language() or settings.LANGUAGE_CODE


def form_html(activity: Activity, request: HttpRequest, language: str) -> str:
    """With the request, so the help lines and the organisation's name come from the same
    context processor as every page's (heard.safety.context)."""
    with translation.override(language):
        return render_to_string("paper/form.html", {
            "activity": activity, "code": form_code_for(activity),
            "printed": timezone.localdate(),
            "perspective_question": PERSPECTIVE_QUESTION, "perspective_hint": PERSPECTIVE_HINT,
            "perspective_rows": perspective_rows(),
        }, request=request)


def form_pdf(activity: Activity, request: HttpRequest, language: str) -> bytes:
    from weasyprint import HTML  # imported here: only PDF requests pay for loading it

    document = HTML(string=form_html(activity, request, language), base_url=PDF_BASE_URL,
                    url_fetcher=static_only_fetcher())
    pdf: Any = document.write_pdf(pdf_variant="pdf/ua-1")  # tagged, for screen readers
    assert isinstance(pdf, bytes)
    return pdf


@staff_with("contributions.record_contribution")
@require_safe
def paper_form_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    activity = get_object_or_404(Activity.objects.public(),
                                 slug=slug)
    language = form_language(request)
    response = HttpResponse(form_pdf(activity, request, language),
                            content_type="application/pdf")
    suffix = "-cy" if language == "cy" else ""
    response["Content-Disposition"] = (
        f'attachment; filename="{slug}-paper-form-{form_code_for(activity)}{suffix}.pdf"')
    record(request.user, "activity.paper_form_printed", activity, language=language)
    return response
