"""Every write to a contribution goes through one of these functions.

Each runs in one transaction and writes its audit row inside it, so a change without an audit row
cannot happen. Audit rows never hold the words a person shared.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from heard.activities.models import Activity
from heard.audit.log import record
from heard.core.limits import ERASE_REASON_MAX_LENGTH, refuse_long
from heard.core.model_parts import longest
from heard.core.vocab import (
    AGE_JOURNEYS,
    EQUALITY_AGE_FOR_JOURNEY,
    EQUALITY_QUESTIONS,
    PERSPECTIVES,
)
from heard.people.erasure import Subject, erase_subject
from heard.people.models import Receipt, new_receipt_code
from heard.people.send_once import receipt_for_code
from heard.safety.safeguarding import (
    assess_on_arrival,
    immediate_risk,
    risk_level,
    take_in_changed_words,
)
from heard.tasks.queue import enqueue

from .models import (
    CHILD_CONSENT_TEXT_VERSION,
    CONSENT_PURPOSES,
    CONSENT_TEXT_VERSION,
    EASY_READ_CONSENT_TEXT_VERSION,
    PAPER_CONSENT_TEXT_VERSION,
    ConsentEvent,
    Contribution,
)

Actor = AbstractBaseUser | AnonymousUser | None


class ContributionError(ValueError):
    """A request that cannot be carried out; the message is safe to show to the person."""


@dataclass(frozen=True)
class NewContribution:
    kind: str
    text: str
    title: str = ""
    perspectives: tuple[str, ...] = ()
    consents: dict[str, bool] = field(default_factory=dict)
    equality: dict[str, str] = field(default_factory=dict)
    channel: str = Contribution.Channel.WEB
    import_reference: str = ""
    # The share journey's age band (docs/decisions/0021) and the five-face answer, if given.
    age_journey: str = ""
    home_feeling: int | None = None
    # Set only for imports and demo data, which arrive with the date they were first shared.
    submitted_at: datetime | None = None
    # Assisted capture: who helped (a role) and how the words were written down.
    helper_role: str = Contribution.HelperRole.NONE
    capture_mode: str = Contribution.CaptureMode.OWN_WORDS
    # Which consent words the person answered: empty for the standard ones.
    consent_version: str = ""
    # Under-13s where the service asks a supporting adult: the adult's answer (None: not asked).
    supporting_adult_agreed: bool | None = None

    @property
    def shown_consent_version(self) -> str:
        return self.consent_version or CONSENT_TEXT_VERSION

    def agreed_consents(self) -> dict[str, bool]:
        """What may be done: the person's own answers, and none at all if a supporting adult the
        service asked for said no (the child's no is always enough on its own)."""
        if self.supporting_adult_agreed is False:
            return {purpose: False for purpose in CONSENT_PURPOSES}
        return {purpose: bool(self.consents.get(purpose)) for purpose in CONSENT_PURPOSES}


LATE_CHANNELS = (Contribution.Channel.IMPORT, Contribution.Channel.PAPER)
KNOWN_CONSENT_VERSIONS = (CONSENT_TEXT_VERSION, CHILD_CONSENT_TEXT_VERSION,
                          EASY_READ_CONSENT_TEXT_VERSION, PAPER_CONSENT_TEXT_VERSION)


def validate_new_contribution(new: NewContribution, max_length: int | None = None) -> None:
    """Refuse, with words the person can act on, what cannot be saved. `max_length`: a
    shorter limit for a box that asks for less; otherwise the deployment's limit
    (HEARD_MAX_TEXT_LENGTH), read here so that every way in (the share journey, the API,
    paper forms, imports) applies the same one."""
    max_length = settings.HEARD_MAX_TEXT_LENGTH if max_length is None else max_length
    if new.kind not in Contribution.Kind.values:
        raise ContributionError(gettext("Choose what you want to share."))
    if not new.text.strip():
        raise ContributionError(gettext("Write what you want to share."))
    if "\x00" in new.text or "\x00" in new.title:
        # PostgreSQL cannot store it, and no keyboard types it: refuse rather than fail later.
        raise ContributionError(gettext("What you wrote contains a character that cannot be "
                                        "saved (a null character). Remove it and try again."))
    if len(new.text) > max_length:
        raise ContributionError(gettext("What you write must be %(max)s characters or fewer.")
                                % {"max": f"{max_length:,}"})
    if len(new.title.strip()) > longest(Contribution, "title"):
        raise ContributionError(gettext("The title must be %(limit_value)s characters or fewer.")
                                % {"limit_value": longest(Contribution, "title")})
    unknown = set(new.perspectives) - set(PERSPECTIVES)
    if unknown:
        raise ContributionError(gettext("Choose who you are from the list."))
    for question, value in new.equality.items():
        allowed = {code for code, _ in EQUALITY_QUESTIONS.get(question, ())}
        if question != "local_authority" and value not in allowed:
            raise ContributionError(gettext("Choose an answer from the list, or leave it out."))
    if set(new.consents) - set(CONSENT_PURPOSES):
        raise ContributionError(gettext("Unknown consent."))
    if new.age_journey and new.age_journey not in AGE_JOURNEYS:
        raise ContributionError(gettext("Choose how old you are from the list."))
    if new.home_feeling is not None and not 1 <= new.home_feeling <= 5:
        raise ContributionError(gettext("Choose one of the faces, or skip the question."))
    validate_assistance(new)


def equality_with_journey_age(equality: dict[str, str], age_journey: str) -> dict[str, str]:
    """The equality answers, with the age band filled from the journey's band where that band
    sits inside one of them (4-7 and 8-11 are both "under 12"), so the representation reports
    count children who never reach the optional age question. An answer given is kept."""
    answers = {k: v for k, v in equality.items() if v}
    if "age_band" not in answers and age_journey in EQUALITY_AGE_FOR_JOURNEY:
        answers["age_band"] = EQUALITY_AGE_FOR_JOURNEY[age_journey]
    return answers



def validate_assistance(new: NewContribution) -> None:
    if new.helper_role not in Contribution.HelperRole.values:
        raise ContributionError(gettext("Choose who is helping from the list."))
    if new.capture_mode not in Contribution.CaptureMode.values:
        raise ContributionError(gettext("Choose how the words were written from the list."))
    if not new.helper_role and new.capture_mode != Contribution.CaptureMode.OWN_WORDS:
        raise ContributionError(gettext(
            "Say who helped, if someone wrote down or summarised the words."))
    if new.consent_version and new.consent_version not in KNOWN_CONSENT_VERSIONS:
        raise ContributionError(gettext("Unknown consent wording."))



@transaction.atomic
def do_submit_contribution(
    activity: Activity, new: NewContribution, actor: Actor, *, max_length: int | None = None,
    code: str | None = None, held: Contribution | None = None,
) -> tuple[Contribution, str]:
    """Save a contribution and give back the receipt code, which is never stored in clear.
    With `code` (made from a Send's token), a repeat of the same Send gives back the
    contribution the first one made, and makes nothing.

    `held` is a disclosure kept before Send (do_hold_disclosure): sent with the same words, it
    becomes this contribution and keeps its flag, so the lead never gets the same one twice."""
    # Imports bring in what was said elsewhere, and paper forms come back by hand or post after
    # they were filled in, so a closed activity may still receive them.
    if new.channel not in LATE_CHANNELS and not activity.is_accepting():
        raise ContributionError(gettext("This activity is not taking contributions now."))
    validate_new_contribution(new, max_length)
    code = code or new_receipt_code()
    account = _owning_account(new, actor)
    receipt, created = receipt_for_code(code, account)
    if not created:
        return _sent_before(receipt), code
    kept = _still_held(held)
    if kept is not None and _same_words(kept, new):
        kept.receipt = receipt
        return _send_held(kept, new, actor), code
    return _save_new(activity, new, actor, receipt=receipt), code


def _owning_account(new: NewContribution, actor: Actor) -> User | None:
    """The signed-in account that may see this contribution later. Not when someone helped or
    staff typed it in from paper: the account on the device may be the helper's, and the words
    belong to the person who shared them, who holds the receipt code."""
    if new.helper_role or new.channel == Contribution.Channel.PAPER:
        return None
    return actor if isinstance(actor, User) else None


def _save_new(activity: Activity, new: NewContribution, actor: Actor, *,
              receipt: Receipt | None, held: bool = False) -> Contribution:
    now = new.submitted_at or timezone.now()
    consents = new.agreed_consents()
    contribution = Contribution.objects.create(
        activity=activity,
        receipt=receipt,
        kind=new.kind,
        title=new.title.strip(),
        text=new.text,
        perspectives=list(dict.fromkeys(new.perspectives)),
        equality=equality_with_journey_age(new.equality, new.age_journey) if not held else {},
        # The band is kept even on words held for safeguarding: the lead needs to know a child
        # of 6 wrote them. The face answer waits for Send, like the other answers.
        age_journey=new.age_journey,
        home_feeling=new.home_feeling if not held else None,
        channel=new.channel,
        import_reference=new.import_reference,
        consent_version=new.shown_consent_version,
        helper_role=new.helper_role,
        capture_mode=new.capture_mode,
        supporting_adult_agreed=None if held else new.supporting_adult_agreed,
        entered_by=actor if new.channel == Contribution.Channel.PAPER
        and isinstance(actor, User) else None,
        submitted_at=now,
        status=Contribution.Status.SUBMITTED,
        held_for_safeguarding=held,
        **{f"consent_{p}": consents[p] and not held for p in CONSENT_PURPOSES},
    )
    _record_consents(contribution)
    if held:
        record(actor, "contribution.held_for_safeguarding", contribution,
               activity=activity.slug, kind=new.kind, length=len(new.text))
    else:
        record(actor, "contribution.submitted", contribution, channel=new.channel,
               activity=activity.slug, kind=new.kind, length=len(new.text),
               **_assistance_facts(new))
    # Every channel passes here, so nothing reaches people or analysis without triage.
    assess_on_arrival(contribution, actor)
    enqueue("safety.suggest_redactions", contribution_id=contribution.pk)
    _move_to_moderation(contribution, actor)
    return contribution


def _assistance_facts(new: NewContribution) -> dict[str, Any]:
    """For the audit row: roles and choices only, never names or words."""
    facts: dict[str, Any] = {"consent_version": new.shown_consent_version}
    if new.helper_role:
        facts |= {"helper_role": new.helper_role, "capture_mode": new.capture_mode}
    if new.supporting_adult_agreed is not None:
        facts["supporting_adult_agreed"] = new.supporting_adult_agreed
    return facts


def _record_consents(contribution: Contribution) -> None:
    for purpose in CONSENT_PURPOSES:
        ConsentEvent.objects.create(
            contribution=contribution, purpose=purpose,
            given=getattr(contribution, f"consent_{purpose}"),
            text_version=contribution.consent_version or CONSENT_TEXT_VERSION,
        )


# --- Disclosures kept before Send ----------------------------------------------------------------


@transaction.atomic
def do_hold_disclosure(
    activity: Activity, new: NewContribution, actor: Actor, *, held: Contribution | None = None,
    max_length: int | None = None,
) -> Contribution | None:
    """Triage words the moment they are written, before the person has pressed Send (they may
    never). Immediate risk is kept at once, for the safeguarding lead only: flag and alert now,
    no consent, so never published or analysed. Changed words are triaged again and brought
    into the same flag. Returns the held contribution, if there is one; words that are no longer
    a risk leave an earlier one as it was, because what was written still matters."""
    kept = _still_held(held)
    if not immediate_risk(new.text, new.title):
        return kept
    validate_new_contribution(new, max_length)
    if kept is None:
        return _save_new(activity, replace(new, consents={}), actor, receipt=None, held=True)
    if _same_words(kept, new):
        return kept
    return _rewrite_held(kept, new, actor)


@transaction.atomic
def do_screen_participant_text(
    activity: Activity, text: str, actor: Actor, *, source: str
) -> Contribution | None:
    """Participant words that are not a contribution themselves (an access need, a statement for
    an opinion map, a comment imported from Polis) are triaged as they arrive. Anything at risk
    is kept for the safeguarding lead as a held contribution, so its flag, and for immediate
    risk its alert, goes out as for any other words. Returns it, or None when nothing was found.
    The source names the field, never the words, for the audit log."""
    if not text.strip() or risk_level(text) == Contribution.SafetyLevel.NONE:
        return None
    new = NewContribution(kind=Contribution.Kind.STORY, text=text)
    validate_new_contribution(new, max_length=len(text) + 1)
    contribution = _save_new(activity, new, actor, receipt=None, held=True)
    record(actor, "contribution.participant_text_screened", contribution, source=source,
           level=contribution.safety_level)
    return contribution


def _still_held(held: Contribution | None) -> Contribution | None:
    if held is None:
        return None
    return (Contribution.objects.select_for_update()
            .filter(pk=held.pk, held_for_safeguarding=True)
            .exclude(status__in=Contribution.GONE_STATUSES).first())


def _same_words(contribution: Contribution, new: NewContribution) -> bool:
    return contribution.text == new.text and contribution.title == new.title.strip()


def _rewrite_held(kept: Contribution, new: NewContribution, actor: Actor) -> Contribution:
    """The person changed what they wrote before sending: the lead reads the new words with
    the earlier ones under them, on the same flag."""
    earlier = kept.text
    kept.text, kept.title, kept.kind = new.text, new.title.strip(), new.kind
    kept.save(update_fields=["text", "title", "kind"])
    take_in_changed_words(kept, earlier, actor)
    enqueue("safety.suggest_redactions", contribution_id=kept.pk)
    record(actor, "contribution.held_disclosure_changed", kept, length=len(new.text))
    return kept


@transaction.atomic
def do_send_held_disclosure(held: Contribution, new: NewContribution, actor: Actor
                            ) -> Contribution | None:
    """Send a kept disclosure with the person's answers, keeping its receipt as it is. None if
    it is no longer held or the words differ (the caller then saves a new contribution)."""
    kept = _still_held(held)
    if kept is None or not _same_words(kept, new):
        return None
    return _send_held(kept, new, actor)


def _send_held(kept: Contribution, new: NewContribution, actor: Actor) -> Contribution:
    kept.kind = new.kind
    kept.perspectives = list(dict.fromkeys(new.perspectives))
    kept.equality = equality_with_journey_age(new.equality, new.age_journey)
    kept.age_journey = new.age_journey
    kept.home_feeling = new.home_feeling
    kept.channel = new.channel
    kept.consent_version = new.shown_consent_version
    kept.helper_role, kept.capture_mode = new.helper_role, new.capture_mode
    kept.supporting_adult_agreed = new.supporting_adult_agreed
    kept.submitted_at = timezone.now()
    kept.held_for_safeguarding = False
    consents = new.agreed_consents()
    for purpose in CONSENT_PURPOSES:
        setattr(kept, f"consent_{purpose}", consents[purpose])
    kept.save(update_fields=["kind", "perspectives", "equality", "age_journey", "home_feeling",
                             "channel", "consent_version",
                             "helper_role", "capture_mode", "supporting_adult_agreed",
                             "submitted_at", "held_for_safeguarding", "receipt",
                             *[f"consent_{p}" for p in CONSENT_PURPOSES]])
    _record_consents(kept)
    record(actor, "contribution.submitted", kept, channel=new.channel,
           activity=kept.activity.slug, kind=new.kind, length=len(new.text), kept_earlier=True,
           **_assistance_facts(new))
    return kept


def _sent_before(receipt: Receipt) -> Contribution:
    earlier = receipt.contributions.order_by("pk").first()
    if earlier is None:
        raise ContributionError(gettext("This has already been sent."))
    earlier.sent_before = True  # type: ignore[attr-defined] # callers skip their own follow-ups
    return earlier


def _move_to_moderation(contribution: Contribution, actor: Actor) -> None:
    contribution.status = Contribution.Status.IN_MODERATION
    contribution.save(update_fields=["status"])
    record(actor, "contribution.queued_for_moderation", contribution)


@transaction.atomic
def do_change_consent(
    contribution: Contribution, purpose: str, given: bool, actor: Actor
) -> Contribution:
    if purpose not in CONSENT_PURPOSES:
        raise ContributionError(gettext("Unknown consent."))
    contribution = _locked(contribution)
    if contribution.is_gone():
        raise ContributionError(gettext(
            "This contribution has been withdrawn, so it cannot be changed."))
    if getattr(contribution, f"consent_{purpose}") == given:
        return contribution
    setattr(contribution, f"consent_{purpose}", given)
    fields = [f"consent_{purpose}", "consent_version"]
    contribution.consent_version = CONSENT_TEXT_VERSION
    if purpose == "publish" and not given and contribution.status == Contribution.Status.PUBLISHED:
        # Publication rests on consent: taking it back takes the words off the site at once.
        contribution.status = Contribution.Status.HELD
        contribution.moderation_reason = "You asked us not to publish this on the website."
        fields += ["status", "moderation_reason"]
    contribution.save(update_fields=fields)
    ConsentEvent.objects.create(
        contribution=contribution, purpose=purpose, given=given, text_version=CONSENT_TEXT_VERSION
    )
    record(actor, "contribution.consent_changed", contribution, purpose=purpose, given=given)
    return contribution


def _erase_everywhere(contribution: Contribution, status: str) -> dict[str, int]:
    """The words leave the row and everything made from them (theme labels, event topics,
    opinion statements, closed flags' evidence, the email address if nothing is left), through
    the one erasure every store registers with."""
    return erase_subject(Subject(contribution_ids={contribution.pk}, whole_person=False,
                                 contribution_status=status))


@transaction.atomic
def do_withdraw_contribution(contribution: Contribution, actor: Actor) -> Contribution:
    """The person takes their words back: erase them now, and exclude the row from everything."""
    contribution = _locked(contribution)
    if contribution.is_gone():
        raise ContributionError(gettext("This contribution has already been withdrawn."))
    stores = _erase_everywhere(contribution, Contribution.Status.WITHDRAWN)
    contribution.refresh_from_db()
    record(actor, "contribution.withdrawn", contribution, stores=stores)
    return contribution


@transaction.atomic
def do_set_update_email(receipt: Receipt, email: str, consent: bool, actor: Actor) -> Receipt:
    """Leave (or remove) an email address for news about what happened next."""
    email = email.strip()
    if email and not consent:
        raise ContributionError(gettext("Tick the box to agree that we may email you about this."))
    if email and ("@" not in email or len(email) > longest(Receipt, "email")
                  or " " in email):
        raise ContributionError(gettext("Enter an email address like name@example.com."))
    receipt.email = email
    receipt.email_consent_at = timezone.now() if email else None
    # The page's language now (English or Welsh) is the language of the emails that follow.
    receipt.language = (translation.get_language() or "") if email else ""
    receipt.save(update_fields=["email", "email_consent_at", "language"])
    record(actor, "receipt.email_set" if email else "receipt.email_removed", receipt)
    return receipt


@transaction.atomic
def do_erase_contribution(contribution: Contribution, actor: Actor, reason: str) -> Contribution:
    """An administrator erases a contribution (for example on a request to erase data)."""
    contribution = _locked(contribution)
    if contribution.status == Contribution.Status.ERASED:
        raise ContributionError("This contribution has already been erased.")
    if not reason.strip():
        raise ContributionError("Give a reason for erasing.")
    refuse_long(ContributionError, ("the reason", reason, ERASE_REASON_MAX_LENGTH))
    if contribution.is_gone():
        # Withdrawn already, so the words are gone; the status says staff erased it too.
        Contribution.objects.filter(pk=contribution.pk).update(status=Contribution.Status.ERASED)
    stores = _erase_everywhere(contribution, Contribution.Status.ERASED)
    contribution.refresh_from_db()
    record(actor, "contribution.erased", contribution, reason=reason.strip(), stores=stores)
    return contribution


def _locked(contribution: Contribution) -> Contribution:
    """Re-read the row under a lock so two decisions on the same contribution never interleave."""
    return Contribution.objects.select_for_update().get(pk=contribution.pk)


@transaction.atomic
def do_import_contributions(
    activity: Activity, rows: list[NewContribution], actor: Actor, source: str
) -> list[Contribution]:
    """All rows or none: a failure half-way leaves the database as it was."""
    created = [do_submit_contribution(activity, row, actor)[0] for row in rows]
    # The file's name whole: the details have no column to fit, and a file system keeps a
    # name to 255 bytes anyway.
    record(actor, "contributions.imported", activity, rows=len(created), source=source)
    return created


@transaction.atomic
def do_enter_paper_response(activity: Activity, new: NewContribution, actor: Actor
                            ) -> tuple[Contribution, str]:
    """Staff type in a returned paper form. It becomes a contribution like any other (triage,
    redaction suggestions, moderation), marked as paper and entered by this staff member, with
    the consent words printed on the form. Returns it and its receipt code."""
    if not isinstance(actor, User):
        raise ContributionError("Sign in as a member of staff to enter a paper form.")
    if activity.status == Activity.Status.DRAFT:
        raise ContributionError("This activity is a draft, so it has no paper forms yet.")
    paper = replace(new, channel=Contribution.Channel.PAPER,
                    consent_version=PAPER_CONSENT_TEXT_VERSION)
    contribution, code = do_submit_contribution(activity, paper, actor)
    record(actor, "contribution.paper_entered", contribution, activity=activity.slug,
           helper_role=new.helper_role, capture_mode=new.capture_mode,
           perspectives=sorted(new.perspectives))
    return contribution, code
