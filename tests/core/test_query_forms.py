"""The query-string forms that replaced hand reads of request.GET (decision 0037): each passes on
a value the page knows, and turns anything else (missing, unknown, repeated junk) into "", which
the page reads as its default, as the hand reads did."""

from __future__ import annotations

import pytest
from django.http import QueryDict

from heard.audit.forms import AuditLogFilterForm
from heard.contributions.forms import ExportWordsForm, ReadingForm
from heard.insight.forms import CodingFilterForm, RunFormatForm
from heard.reports.forms import KeyMessagesQueryForm, PrintLanguageForm
from heard.safety.forms import FlagListForm


@pytest.mark.parametrize(("form", "name", "query", "value"), [
    (ExportWordsForm, "words", "words=raw", "raw"),
    (ExportWordsForm, "words", "words=RAW", ""),
    (ReadingForm, "read", "read=easy", "easy"),
    (ReadingForm, "read", "read=standard", "standard"),
    (ReadingForm, "read", "read=huge", ""),
    (FlagListForm, "show", "show=closed", "closed"),
    (FlagListForm, "show", "show=all", ""),
    (RunFormatForm, "format", "format=json", "json"),
    (RunFormatForm, "format", "format=xml", ""),
    (CodingFilterForm, "uncoded", "uncoded=1", "1"),
    (CodingFilterForm, "uncoded", "uncoded=yes", ""),
    (CodingFilterForm, "activity", "activity=my-slug&page=2", "my-slug"),
    (PrintLanguageForm, "language", "language=cy", "cy"),
    (PrintLanguageForm, "language", "language=fr", ""),
    (AuditLogFilterForm, "object_id", "object_id=%2041%20", " 41 "),  # the view strips it
    (KeyMessagesQueryForm, "format", "format=docx", "docx"),  # the page names it back
    (KeyMessagesQueryForm, "activity", "", ""),
])
def test_a_query_form_passes_on_what_the_page_knows(form, name, query, value) -> None:
    assert form(QueryDict(query)).value(name) == value
