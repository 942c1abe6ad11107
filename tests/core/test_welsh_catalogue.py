"""Every string on a participant page has a Welsh translation (issue 15, decision 0024).

Two checks over every participant template (all of templates/ except the staff side):
1. every string marked for translation there has a finished Welsh entry in locale/cy (not
   missing, not empty, not fuzzy), and the compiled catalogue Django serves agrees with it;
2. no text is left unmarked: once the marked strings, template tags and HTML are taken out,
   no English words remain in the text or in the attributes people hear (aria-label, alt,
   title, placeholder).

Every participant template is translated now, so there is no list of exceptions: a new page
fails check 2 until its words are marked and translated.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import polib
import pytest
from django.utils import translation
from django.utils.translation.template import templatize

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"
CATALOGUE = ROOT / "locale" / "cy" / "LC_MESSAGES" / "django.po"

# Staff pages may stay in English (issue 15): these are only ever seen by signed-in staff.
STAFF_ONLY = (
    "staff/", "engagement/staff/", "insight/", "quality/", "reports/",
    "accountability/staff_response.html", "accountability/staff_responses.html",
    "accountability/staff_welsh_fields.html",
    "engagement/answer_context.html",             # the moderation page's answer context
    "engagement/consultation/dashboard_panel.html",  # a panel on the staff dashboard
    "wellbeing/staff/",                              # the wellbeing survey's staff pages
)

# Participant pages that live in a staff app's folder: the question at the end of the share
# journey ("will it make a difference?") and its own page.
PARTICIPANT_PAGES_IN_STAFF_FOLDERS = (
    "quality/influence.html", "quality/influence_question.html",
)

_STRING = r"""u?(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")"""
_CALL = re.compile(
    rf"\b(gettext|ngettext|pgettext|npgettext)\(\s*({_STRING})(?:\s*,\s*({_STRING}))?")


def _participant_templates() -> list[str]:
    names = sorted(str(p.relative_to(TEMPLATES)) for p in TEMPLATES.rglob("*.html"))
    return [n for n in names
            if not n.startswith(STAFF_ONLY) or n in PARTICIPANT_PAGES_IN_STAFF_FOLDERS]


def _marked_strings(name: str) -> list[tuple[str | None, str]]:
    """(context, msgid) for every string the template marks, as makemessages sees them."""
    found = []
    for kind, first, second in _CALL.findall(templatize((TEMPLATES / name).read_text())):
        if kind.startswith(("pgettext", "npgettext")):
            found.append((ast.literal_eval(first), ast.literal_eval(second)))
        else:
            found.append((None, ast.literal_eval(first)))
    return found


_MARKED = re.compile(r"{%\s*blocktrans(?:late)?\b.*?{%\s*endblocktrans(?:late)?\s*%}"
                     r"|{%\s*trans(?:late)?\s.*?%}", re.S)
_COMMENT = re.compile(r"{#.*?#}|{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", re.S)
# A block named *_class fills in a parent's class attribute: CSS names, not words anyone reads.
_CLASS_BLOCK = re.compile(r"{%\s*block\s+\w+_class\s*%}.*?{%\s*endblock\b[^%]*%}", re.S)
_TAG_OR_VAR = re.compile(r"{%.*?%}|{{.*?}}", re.S)
_SPOKEN_ATTRIBUTE = re.compile(r'\b(?:aria-label|alt|title|placeholder)="([^"]*)"')
_HTML_TAG = re.compile(r"<[^>]*>", re.S)
_SCRIPT_OR_SVG = re.compile(r"<(script|svg|style)\b.*?</\1>", re.S)
_ENTITY = re.compile(r"&[a-z#0-9]+;")
# Text marked as in another language on purpose (the switch names each language in itself).
_OTHER_LANGUAGE = re.compile(r'<(\w+)\b[^>]*\blang="[^"]+"[^>]*>.*?</\1>', re.S)
# Web addresses shown as link text read the same in both languages.
_WEB_ADDRESS = re.compile(r"\b[\w-]+(?:\.[\w-]+)+\.(?:uk|org|com|gov)(?:/[\w/-]*)?")
_WORD = re.compile(r"[A-Za-z]{2,}")


def _unmarked_text(name: str) -> list[str]:
    """English words left when everything marked for translation is taken out."""
    source = _COMMENT.sub(" ", (TEMPLATES / name).read_text())
    source = _MARKED.sub(" ", _CLASS_BLOCK.sub(" ", source))
    source = _TAG_OR_VAR.sub(" ", source)
    source = _SCRIPT_OR_SVG.sub(" ", source)
    source = _WEB_ADDRESS.sub(" ", _OTHER_LANGUAGE.sub(" ", source))
    spoken = " ".join(_SPOKEN_ATTRIBUTE.findall(source))
    text = _ENTITY.sub(" ", _HTML_TAG.sub(" ", source))
    return _WORD.findall(text + " " + spoken)


def _catalogue() -> dict[tuple[str | None, str], polib.POEntry]:
    return {(e.msgctxt, e.msgid): e for e in polib.pofile(str(CATALOGUE)) if not e.obsolete}


def _is_finished(entry: polib.POEntry) -> bool:
    if "fuzzy" in entry.flags:
        return False
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr.strip())


def test_every_marked_participant_string_has_finished_welsh():
    catalogue = _catalogue()
    missing = [f"{name}: {msgid!r}" for name in _participant_templates()
               for context, msgid in _marked_strings(name)
               if not (entry := catalogue.get((context, msgid))) or not _is_finished(entry)]
    assert missing == [], ("Strings without Welsh (run makemessages, then translate them in "
                           "locale/cy; see docs/welsh-translations.md):\n" + "\n".join(missing))


def test_every_string_marked_in_python_has_finished_welsh():
    """Labels, form errors and messages marked in Python (gettext, gettext_lazy, the vocab's
    gettext_noop) reach participants too: none may be left empty or fuzzy."""
    missing = [f"{entry.msgid!r} ({', '.join(sorted({f for f, _ in entry.occurrences}))})"
               for entry in _catalogue().values()
               if entry.msgid and not _is_finished(entry)
               and any(f.endswith(".py") for f, _ in entry.occurrences)]
    assert missing == [], "Strings from Python without Welsh:\n" + "\n".join(missing)


def test_the_compiled_catalogue_serves_what_the_po_file_says():
    """The .mo Django reads is built from the .po (make setup, or tests/conftest.py)."""
    wrong = []
    with translation.override("cy"):
        for entry in _catalogue().values():
            if not entry.msgid or entry.msgid_plural or not _is_finished(entry):
                continue
            served = (translation.pgettext(entry.msgctxt, entry.msgid) if entry.msgctxt
                      else translation.gettext(entry.msgid))
            if served != entry.msgstr:
                wrong.append(entry.msgid)
    assert wrong == []


@pytest.mark.parametrize("name", _participant_templates())
def test_no_participant_template_has_unmarked_english(name):
    assert _unmarked_text(name) == [], f"{name} has text not marked for translation"


def test_the_checks_see_unmarked_and_marked_text(tmp_path, monkeypatch):
    """The checks themselves: a bare word is caught, a marked one is not."""
    monkeypatch.setattr(sys.modules[__name__], "TEMPLATES", tmp_path)
    (tmp_path / "t.html").write_text(
        '<p>{% translate "Hello" %}</p><p aria-label="Menu">{{ x }}</p><h1>Bare words</h1>')
    assert _unmarked_text("t.html") == ["Bare", "words", "Menu"]
    assert _marked_strings("t.html") == [(None, "Hello")]
