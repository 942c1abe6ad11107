"""Paper forms: the short code printed on an activity's form that links it back (the PDF itself
is heard.reports.paper_form). Staff type a returned form in (paper_views); the words then take
the same path as every contribution. No scan or photo of a form is ever taken in: no upload.

The code is worked out from the activity's id, not stored, so printed forms keep working for the
life of the activity and no migration or secret is involved. It is a label, not a secret: only
staff type it in, and it says nothing about anyone who filled a form in.
"""

from __future__ import annotations

import hashlib

from django.utils.translation import gettext_lazy as _

from heard.activities.models import Activity
from heard.core.vocab import PERSPECTIVE_ROWS

from .labels import perspective_label

# No 0/O, 1/I/L or 5/S: a code copied from handwriting or a smudged print is still read right.
FORM_CODE_ALPHABET = "ABCDEFGHJKMNPQRTUVWXYZ2346789"
FORM_CODE_LENGTH = 6


# "Who are you?" on the printed form (issue 15 item 4): the same list as the share journey's first
# question, so staff tick on the entry page exactly what was ticked on paper. Last on the form,
# and optional, as "About you" is on the website; after the numbered questions already printed.
PERSPECTIVE_QUESTION = _("6. Who are you?")
PERSPECTIVE_HINT = _("Tick all that are true for you. You do not have to.")


def perspective_rows() -> list[tuple[str, str]]:
    """(code, words) for each box, in the order printed and on the staff entry page."""
    return [(code, str(perspective_label(code))) for code, _label, _group in PERSPECTIVE_ROWS]


def form_code_for(activity: Activity) -> str:
    digest = hashlib.sha256(f"heard-paper-form:{activity.pk}".encode()).digest()
    number = int.from_bytes(digest[:8], "big")
    letters = []
    for _digit in range(FORM_CODE_LENGTH):
        number, index = divmod(number, len(FORM_CODE_ALPHABET))
        letters.append(FORM_CODE_ALPHABET[index])
    return "".join(letters)


def normalise_form_code(typed: str) -> str | None:
    """The code as printed, from what staff typed (any case, spaces or dashes); None if it
    cannot be one."""
    code = "".join(ch for ch in typed.upper() if ch.isalnum())
    if len(code) != FORM_CODE_LENGTH or any(ch not in FORM_CODE_ALPHABET for ch in code):
        return None
    return code


def activity_for_form_code(code: str) -> Activity | None:
    """The activity whose printed forms carry this code. Activities are few (hundreds at most),
    so each one's code is worked out and compared."""
    matches = [a for a in Activity.objects.public()
               if form_code_for(a) == code]
    return matches[0] if len(matches) == 1 else None
