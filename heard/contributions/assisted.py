"""Assisted capture and consent for children: who helped, how the words were written, which
consent words a person is shown, and keeping a child's receipt code from the helper.

The share journey keeps these answers between pages like every other (journey.py); this module
turns them into what the contribution records. See docs/decisions/0022.
"""

from __future__ import annotations

import time
from enum import Enum
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .models import CHILD_CONSENT_TEXT_VERSION, Contribution

# The answers to the share journey's first question, "How old are you?" (vocab.AGE_JOURNEYS, kept
# in the journey as "age_journey"), that settle whether someone is under 13. 12 to 17 spans 13
# and "I'd rather not say" says nothing, so for those the helper step asks.
UNDER_13_BANDS = frozenset({"4_7", "8_11"})
OVER_13_BANDS = frozenset({"18_plus"})
CHILD_CODE_SESSION_KEY = "receipt_code_for_child"
# Long enough to finish the page with a child who reads slowly; short enough that the code is
# not waiting on a shared device for whoever comes next.
CHILD_CODE_WAITS_SECONDS = 30 * 60


def band_says_under_13(state: dict[str, Any]) -> bool | None:
    """True or False when the age band the person chose settles it; None when it does not."""
    band = state.get("age_journey")
    if band in UNDER_13_BANDS:
        return True
    if band in OVER_13_BANDS:
        return False
    return None


def is_under_13(state: dict[str, Any]) -> bool:
    """From the age band where it settles it, else the person's own answer on the helper step.
    'I'd rather not say' gets the standard words, which are plain English too."""
    from_band = band_says_under_13(state)
    return from_band if from_band is not None else state.get("under_13") is True


def answers_to_ask_again(state: dict[str, Any], helper_answers: dict[str, Any]
                         ) -> dict[str, Any] | None:
    """When the helper page changes whether the person is 12 or under, the consent words they
    agreed to no longer apply: the journey so far without its consents (to ask them again).
    None when the consents still stand."""
    if is_under_13({**state, **helper_answers}) == is_under_13(state):
        return None
    return {k: v for k, v in state.items() if k not in ("consents", "consent_version")}


def adult_agreement_required() -> bool:
    return bool(settings.HEARD_UNDER_13_ADULT_AGREEMENT)


def uses_child_consent(state: dict[str, Any]) -> bool:
    return is_under_13(state)


class ConsentPage(Enum):
    STANDARD = "standard"
    EASY_READ = "easy_read"
    CHILD = "child"


def consent_page(state: dict[str, Any], *, easy_read: bool) -> ConsentPage:
    """Which consent page a person answers. A child of 12 or younger answers in child words:
    the easy-read page is written for them (reading grade 2 or lower), so it serves unless the
    service also asks a supporting adult, which only the child-consent page does. Anyone else
    gets the easy-read or the standard page, as they chose (or as their age band suggests).
    Each page records its own wording version with the answers (shown_consent_version)."""
    if uses_child_consent(state) and (not easy_read or adult_agreement_required()):
        return ConsentPage.CHILD
    return ConsentPage.EASY_READ if easy_read else ConsentPage.STANDARD


def shown_consent_version(state: dict[str, Any], child: bool) -> str:
    """The version of the consent words the person answered: each consent page keeps its own
    with the answers (standard "", easy read, child). Answers kept before pages did so fall
    back to the words their age gave them."""
    if "consent_version" in state:
        return str(state["consent_version"])
    return CHILD_CONSENT_TEXT_VERSION if child else ""


def contribution_fields(state: dict[str, Any]) -> dict[str, Any]:
    """The NewContribution fields this module owns, from the journey's answers."""
    child = uses_child_consent(state)
    return {
        "helper_role": state.get("helper_role", Contribution.HelperRole.NONE),
        "capture_mode": state.get("capture_mode", Contribution.CaptureMode.OWN_WORDS),
        "consent_version": shown_consent_version(state, child),
        "supporting_adult_agreed": state.get("supporting_adult_agreed") if child else None,
    }


def helper_summary(state: dict[str, Any]) -> tuple[str, str] | None:
    """Who helped and how, in words for the check page; None when no one helped."""
    role = state.get("helper_role")
    if not role:
        return None
    mode = state.get("capture_mode", Contribution.CaptureMode.OWN_WORDS)
    return (str(Contribution.HelperRole(role).label),
            str(dict(HOW_WORDS).get(mode, "")))


# How the words were written, in the words of the person helping (who answers this question).
HOW_WORDS = (
    (Contribution.CaptureMode.OWN_WORDS, _("These are their own words")),
    (Contribution.CaptureMode.WRITTEN_DOWN, _("I wrote down what they said")),
    (Contribution.CaptureMode.SUMMARISED, _("I summarised what they said")),
)


# --- The receipt code, kept for the child -------------------------------------------------------

def hold_code_for_child(request: HttpRequest, contribution: Contribution, code: str) -> bool:
    """When someone helped, the done page asks the child first whether the helper may see the
    code; until then it waits in the session, shown to no one. True when it was held."""
    if not contribution.helper_role:
        return False
    request.session[CHILD_CODE_SESSION_KEY] = {"code": code, "at": time.time()}
    return True


def code_waiting_for_child(request: HttpRequest) -> bool:
    """A code not asked for within CHILD_CODE_WAITS_SECONDS is dropped, so a helper who comes
    back to this device later cannot answer the question in the child's place."""
    held = request.session.get(CHILD_CODE_SESSION_KEY)
    if not isinstance(held, dict):
        return False
    if time.time() - float(held.get("at", 0)) > CHILD_CODE_WAITS_SECONDS:
        request.session.pop(CHILD_CODE_SESSION_KEY, None)
        return False
    return True


def take_code_for_child(request: HttpRequest) -> str | None:
    """Once taken, it is gone from the session: going back or reloading cannot show it again."""
    if not code_waiting_for_child(request):
        return None
    held = request.session.pop(CHILD_CODE_SESSION_KEY)
    return str(held["code"])
