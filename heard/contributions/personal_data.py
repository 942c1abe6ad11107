"""Contributions in the erasure registry: the words as written and as published, and everything a
person said about themselves alongside them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import get_language, gettext, gettext_noop

from heard.core.vocab import PERSPECTIVE_LABELS
from heard.people.erasure import (
    Section,
    Store,
    Subject,
    declare_not_erased,
    erase_subject,
    register_self_words,
    register_store,
    self_words,
)
from heard.people.ledger import register_ledger_table
from heard.people.retention import RetentionKind, register_kind

from .labels import perspective_label
from .models import CONSENT_WORDS, OPEN_FLAG_STATUSES, ConsentEvent, Contribution
from .presentation import equality_summary

# Everything in a contribution that came from the person, or was written about them for them.
PERSONAL_FIELDS: dict[str, Any] = {
    "text": "", "title": "", "public_text": "", "redaction_suggestions": None, "redactions": [],
    "equality": {}, "perspectives": [], "moderation_reason": "", "import_reference": "",
    "age_journey": "", "home_feeling": None,
    # Who helped says something about the person (an interpreter, a social worker), so it goes
    # with their words.
    "helper_role": "", "capture_mode": Contribution.CaptureMode.OWN_WORDS,
    "supporting_adult_agreed": None,
}


def _find(subject: Subject) -> None:
    if subject.whole_person:
        subject.contribution_ids |= subject.ids_on_receipts(Contribution)


def _erase(subject: Subject) -> int:
    """Blank the words and details, and take the row out of everything that is built from
    contributions. The row itself stays (with its id and dates) so counts of what was withdrawn
    stay honest and a safeguarding flag keeps its link."""
    erased = 0
    rows = Contribution.objects.filter(pk__in=subject.contribution_ids)
    for contribution in rows.select_for_update():
        fields = [name for name, empty in PERSONAL_FIELDS.items()
                  if getattr(contribution, name) != empty]
        for name in fields:
            setattr(contribution, name, PERSONAL_FIELDS[name])
        if not contribution.is_gone():
            contribution.status = subject.contribution_status
            fields += ["status"]
            if subject.contribution_status == Contribution.Status.WITHDRAWN:
                contribution.withdrawn_at = timezone.now()
                fields += ["withdrawn_at"]
        for purpose in ("analysis", "quote", "publish"):
            if getattr(contribution, f"consent_{purpose}"):
                setattr(contribution, f"consent_{purpose}", False)
                fields.append(f"consent_{purpose}")
        if fields:
            contribution.save(update_fields=fields)
            erased += 1
    return erased


def _describe(subject: Subject) -> list[Section]:
    """The keys stay English, so the file's format is the same in either language (they are
    marked, and "your data" shows them translated). The answers are written in the language of
    the page that asked: a person who used Welsh reads "about you" in Welsh."""
    rows: list[dict[str, Any]] = []
    found = (Contribution.objects.filter(pk__in=subject.contribution_ids)
             .select_related("activity").order_by("created_at", "id"))
    for c in found:
        rows.append({
            gettext_noop("number"): c.pk,
            gettext_noop("activity"): c.activity.welsh_or_english(
                "title", get_language() or "")[0],
            gettext_noop("kind"): str(c.kind_label), gettext_noop("status"): str(
                c.get_status_display()),
            gettext_noop("sent"): c.submitted_at,
            gettext_noop("title"): c.title, gettext_noop("what you wrote"): c.text,
            gettext_noop("as published"): (c.public_text if c.is_public()
                                           else gettext("not published")),
            gettext_noop("who you said you are"): self_words("perspectives", c.perspectives),
            gettext_noop("about you"): self_words("equality", c.equality),
            gettext_noop("how old you said you are"): str(c.get_age_journey_display()),
            gettext_noop("how you feel about where you live (1 to 5)"): c.home_feeling,
            gettext_noop("our note to you"): c.moderation_reason,
            gettext_noop("who helped you"): (
                f"{c.get_helper_role_display()}: {c.get_capture_mode_display()}"
                if c.helper_role else gettext("no one")),
            gettext_noop("a supporting adult agreed"): c.supporting_adult_agreed,
            gettext_noop("your choices now"): self_words("consents", c.consents()),
            gettext_noop("choice wording version"): c.consent_version,
            # The keys stay English (gettext_noop) like the row's; the choice and the answer
            # are words in the page's language.
            gettext_noop("choices you made"): [
                {gettext_noop("choice"): _consent_words(e.purpose),
                 gettext_noop("answer"): e.given,
                 gettext_noop("wording version"): e.text_version, gettext_noop("when"): e.at}
                for e in ConsentEvent.objects.filter(contribution=c)],
            gettext_noop("withdrawn"): c.withdrawn_at,
        })
    return [Section(gettext_noop("What you shared"), rows, gettext_noop(
        "Anything you took back shows as withdrawn, with its words already deleted."))]


def _consent_words(purpose: str) -> str:
    return gettext(CONSENT_WORDS[purpose]) if purpose in CONSENT_WORDS else purpose


def _perspective_words(codes: list[str]) -> list[str]:
    return [str(perspective_label(p)) if p in PERSPECTIVE_LABELS else p for p in codes]


def _equality_words(answers: dict[str, str]) -> dict[str, str]:
    return {str(question): str(answer) for question, answer in equality_summary(answers)}


def _consents_words(choices: dict[str, bool]) -> dict[str, bool]:
    return {_consent_words(purpose): given for purpose, given in choices.items()}


register_self_words("perspectives", _perspective_words)
register_self_words("equality", _equality_words)
register_self_words("consents", _consents_words)

register_store(Store(
    name="contributions",
    holds=tuple(f"contributions.Contribution.{name}" for name in PERSONAL_FIELDS),
    find=_find, erase=_erase, describe=_describe))

declare_not_erased({
    "contributions.Contribution.consent_version": "which wording of the consent questions",
    "contributions.ConsentEvent.text_version": "which wording of the consent questions",
})

register_ledger_table("contribution_ids", "contribution", Contribution)


def _expire_unpublished(cutoff: datetime) -> int:
    """Words that were never published are kept for analysis only so long; a contribution that
    a safeguarding lead is still working on waits for the flag to close."""
    old = (Contribution.objects.live().exclude(status__in=(
        Contribution.Status.PUBLISHED, Contribution.Status.DRAFT))
        .filter(submitted_at__lt=cutoff)
        .exclude(safeguarding_flags__status__in=OPEN_FLAG_STATUSES))
    ids = set(old.values_list("pk", flat=True))
    if ids:
        erase_subject(Subject(contribution_ids=ids, whole_person=False,
                              contribution_status=Contribution.Status.ERASED))
    return len(ids)


register_kind(RetentionKind(
    key="unpublished_contributions",
    label=gettext_noop("What people shared that was never published (used only for analysis)"),
    counted_from=gettext_noop("after it was sent"),
    outcome=gettext_noop("erased everywhere, as if withdrawn"),
    default_days=730, apply=_expire_unpublished))
