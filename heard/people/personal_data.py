"""The personal-data stores the people layer owns: receipts and their email addresses, optional
participant accounts, browser sessions, and the email outbox and task queue below this layer
(which hold addresses), registered with the erasure registry."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from django.contrib.auth.models import User
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from heard.audit.models import AuditEvent
from heard.audit.redaction import clear_details_before, redact_actor_labels
from heard.core.numbers import whole_number
from heard.tasks.models import OutboxEmail, Task

from .erasure import Section, Store, Subject, declare_not_erased, register_store, self_words
from .models import Profile, Receipt, session_supporter_label
from .retention import RetentionKind, register_kind
from .roles import is_staff_member

# --- Receipts: the way back, and the optional email address --------------------------------------


def _find_receipts(subject: Subject) -> None:
    if subject.whole_person:
        subject.receipt_ids |= subject.ids_on_accounts(Receipt)
        subject.supporter_labels |= {f"receipt:{pk}" for pk in subject.receipt_ids}
        emails = Receipt.objects.filter(pk__in=subject.receipt_ids).values_list("email", flat=True)
        subject.emails |= {e.strip().lower() for e in emails if e}
        return
    # One contribution taken back: the address goes only when nothing is left to hear about,
    # and only if no other receipt of theirs still uses it.
    emptied = _emptied_receipts(subject)
    still_used = {e.strip().lower() for e in Receipt.objects.exclude(pk__in=emptied)
                  .exclude(email="").values_list("email", flat=True)}
    subject.emails |= {e.strip().lower() for e in Receipt.objects.filter(pk__in=emptied)
                       .values_list("email", flat=True) if e} - still_used


def _emptied_receipts(subject: Subject) -> list[int]:
    """Receipts of these contributions that hold nothing else still live."""
    found = Receipt.objects.filter(contributions__pk__in=subject.contribution_ids).distinct()
    return [r.pk for r in found if not r.contributions.exclude(
        pk__in=subject.contribution_ids).exclude(status__in=("withdrawn", "erased")).exists()]


def _erase_receipts(subject: Subject) -> int:
    if subject.whole_person:
        theirs = {pk for pk, email in Receipt.objects.exclude(email="").values_list("pk", "email")
                  if email.strip().lower() in subject.emails} | subject.receipt_ids
    else:
        theirs = set(_emptied_receipts(subject))
    return Receipt.objects.filter(pk__in=theirs).exclude(email="").update(
        email="", email_consent_at=None, language="")


# The language a receipt's emails are written in, as the person reads it.
EMAIL_LANGUAGES = {"en": gettext_noop("English"), "cy": gettext_noop("Welsh")}


def _language_words(code: str) -> str:
    """A stored language code ("cy", "en-gb") as the name of the language."""
    base = code.split("-")[0]
    return gettext(EMAIL_LANGUAGES[base]) if base in EMAIL_LANGUAGES else code


def _describe_receipts(subject: Subject) -> list[Section]:
    """Keys are marked, not translated, so the file's format is one in either language; the
    answers are words in the language of the page that asked."""
    rows = [{gettext_noop("receipt"): r.pk, gettext_noop("made"): r.created_at,
             gettext_noop("email for updates"): r.email or gettext("none"),
             gettext_noop("email agreed"): r.email_consent_at,
             gettext_noop("language of emails"): (
                 _language_words(r.language) if r.language else gettext("none"))}
            for r in Receipt.objects.filter(pk__in=subject.receipt_ids).order_by("pk")]
    return [Section(gettext_noop("Your receipts"), rows, gettext_noop(
        "We keep only a scrambled form of each receipt code, never the code itself."))]


register_store(Store(
    name="receipts", holds=("people.Receipt.email", "people.Receipt.language"), find=_find_receipts,
    erase=_erase_receipts, describe=_describe_receipts))


# --- Participant accounts ---------------------------------------------------------------------


def _participant_ids(user_ids: set[int]) -> list[int]:
    """Never a staff account: erasing a participant must not lock a moderator out."""
    return [u.pk for u in User.objects.filter(pk__in=user_ids) if not is_staff_member(u)]


def _find_accounts(subject: Subject) -> None:
    if not subject.whole_person:
        return
    # A receipt code opens that receipt only, never the account it was made under: the account
    # is reached by signing in to it.
    subject.user_ids = set(_participant_ids(subject.user_ids))
    subject.supporter_labels |= {f"account:{pk}" for pk in subject.user_ids}
    subject.emails |= {e.strip().lower() for e in User.objects.filter(
        pk__in=subject.user_ids).exclude(email="").values_list("email", flat=True)}


def _erase_accounts(subject: Subject) -> int:
    if not subject.whole_person or not subject.user_ids:
        return 0
    ids = _participant_ids(subject.user_ids)
    Profile.objects.filter(user_id__in=ids).delete()
    _forget_sign_in_records(ids)
    Receipt.objects.filter(account_id__in=ids).update(account=None)
    for user in User.objects.filter(pk__in=ids):
        # The row stays because audit rows point at it; nothing in it says who it was.
        user.username = f"erased-{secrets.token_hex(8)}"
        user.email = user.first_name = user.last_name = ""
        user.is_active = False
        user.set_unusable_password()
        user.save()
    redact_actor_labels(ids)
    return len(ids)


# Sign-in protection (django-axes) keeps the username typed at failed sign-ins, with the
# browser's details; a participant's chosen username goes with their account.
SIGN_IN_RECORDS = ("AccessAttempt", "AccessFailureLog", "AccessLog")
SIGN_IN_FIELDS = {"AccessAttempt": ("username", "user_agent", "get_data", "post_data",
                                    "http_accept", "path_info"),
                  "AccessFailureLog": ("username", "user_agent", "http_accept", "path_info"),
                  "AccessLog": ("username", "user_agent", "http_accept", "path_info",
                                "session_hash")}


def _forget_sign_in_records(user_ids: list[int]) -> None:
    from django.apps import apps

    usernames = list(User.objects.filter(pk__in=user_ids).values_list("username", flat=True))
    for name in SIGN_IN_RECORDS:
        if apps.is_installed("axes"):
            apps.get_model("axes", name).objects.filter(username__in=usernames).delete()
    # A participant has no second factor, but if one was ever set up it goes too.
    if apps.is_installed("django_otp.plugins.otp_totp"):
        apps.get_model("otp_totp", "TOTPDevice").objects.filter(user_id__in=user_ids).delete()
    if apps.is_installed("django_otp.plugins.otp_static"):
        apps.get_model("otp_static", "StaticDevice").objects.filter(user_id__in=user_ids).delete()


def _describe_accounts(subject: Subject) -> list[Section]:
    rows: list[dict[str, Any]] = []
    for user in User.objects.filter(pk__in=subject.user_ids):
        profile = Profile.objects.filter(user=user).first()
        rows.append({gettext_noop("username"): user.username,
                     gettext_noop("made"): user.date_joined,
                     gettext_noop("last signed in"): user.last_login,
                     gettext_noop("who you said you are"): self_words(
                         "perspectives", profile.perspectives if profile else []),
                     gettext_noop("about you"): self_words(
                         "equality", profile.equality if profile else {})})
    return [Section(gettext_noop("Your account"), rows)]


register_store(Store(
    name="accounts",
    holds=("auth.User.username", "auth.User.email", "auth.User.first_name",
           "auth.User.last_name", "people.Profile.perspectives", "people.Profile.equality",
           "audit.AuditEvent.actor_label",
           *[f"axes.{model}.{field}" for model, fields in SIGN_IN_FIELDS.items()
             for field in fields]),
    find=_find_accounts, erase=_erase_accounts, describe=_describe_accounts))


# --- Browser sessions -------------------------------------------------------------------------

# Session keys that point at a person's rows, by the subject field they belong to.
SESSION_POINTERS = {
    "receipt_id": "receipt_ids",
    "opinion_voter:": "voter_ids",
    "open_space_registration:": "registration_ids",
    "consultation_draft:": "response_ids",
}


def _decoded(session: Session) -> dict[str, Any]:
    try:
        return SessionStore().decode(session.session_data)
    except Exception:  # noqa: BLE001 - a damaged session is simply nobody's
        return {}


def _pointers(data: dict[str, Any]) -> dict[str, set[int]]:
    found: dict[str, set[int]] = {name: set() for name in SESSION_POINTERS.values()}
    found["contribution_ids"] = set()
    for key, value in data.items():
        for prefix, name in SESSION_POINTERS.items():
            if key.startswith(prefix) and isinstance(value, int):
                found[name].add(value)
        if isinstance(value, dict):
            # A half-written journey may point at words kept for the safeguarding lead before
            # Send (one held id, or one per consultation question); they are the person's too.
            found["contribution_ids"] |= _held_ids(value)
    user_id = whole_number(data.get("_auth_user_id"))
    if user_id is not None:
        found["user_ids"] = {user_id}
    return found


def _held_ids(state: dict[str, Any]) -> set[int]:
    held = state.get("held")
    ids = list(held.values()) if isinstance(held, dict) else []
    ids.append(state.get("held_id"))
    return {i for i in ids if isinstance(i, int)}


def _find_sessions(subject: Subject) -> None:
    """Everything this browser was used for is the person's too."""
    if not subject.whole_person:
        return
    for session in Session.objects.filter(session_key__in=subject.session_keys):
        data = _decoded(session)
        for name, ids in _pointers(data).items():
            if name == "user_ids":
                subject.user_ids |= set(_participant_ids(ids))
            else:
                getattr(subject, name).update(ids)
        token = data.get("idea_supporter")
        if isinstance(token, str):
            subject.supporter_labels.add(session_supporter_label(token))
    for data in _signed_in_elsewhere(subject):
        subject.contribution_ids |= _pointers(data)["contribution_ids"]


def _session_is_theirs(data: dict[str, Any], subject: Subject) -> bool:
    return any(ids & getattr(subject, name) for name, ids in _pointers(data).items())


def _signed_in_elsewhere(subject: Subject) -> list[dict[str, Any]]:
    """Other live sessions signed in to the person's account (another device): words kept for
    the safeguarding lead before Send there are theirs too. A receipt entered elsewhere is not
    enough, because a code alone must never reach beyond its own receipt."""
    if not subject.user_ids:
        return []
    found = []
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        data = _decoded(session)
        if _pointers(data).get("user_ids", set()) & subject.user_ids:
            found.append(data)
    return found


def _erase_sessions(subject: Subject) -> int:
    if not subject.whole_person:
        return 0
    doomed = set(subject.session_keys)
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.session_key not in doomed and _session_is_theirs(_decoded(session), subject):
            doomed.add(session.session_key)
    deleted, _ = Session.objects.filter(session_key__in=doomed).delete()
    return deleted


register_store(Store(name="sessions", holds=("sessions.Session.session_data",),
                     find=_find_sessions, erase=_erase_sessions))


# --- Emails and background tasks ----------------------------------------------------------------


def _erase_emails(subject: Subject) -> int:
    if not subject.emails:
        return 0
    changed = 0
    for email in _emails_to(subject.emails):
        others = [a for a in email.to if a.strip().lower() not in subject.emails]
        if others:
            email.to = others
            email.save(update_fields=["to"])
        else:
            # Queued or sent, a message to the person goes: its address is all that made it theirs.
            email.delete()
        changed += 1
    changed += _scrub_tasks(subject.emails)
    return changed


def _emails_to(addresses: set[str]) -> list[OutboxEmail]:
    rows = OutboxEmail.objects.annotate(recipients=Cast("to", TextField()))
    found: dict[int, OutboxEmail] = {}
    for address in addresses:
        for email in rows.filter(recipients__icontains=address):
            if any(a.strip().lower() == address for a in email.to):
                found[email.pk] = email
    return list(found.values())


def _scrub_tasks(addresses: set[str]) -> int:
    """A failed delivery's error message can quote the address; so can a task's arguments."""
    rows = Task.objects.annotate(arguments=Cast("payload", TextField()))
    scrubbed = 0
    for address in addresses:
        scrubbed += rows.filter(last_error__icontains=address).update(last_error="")
        scrubbed += rows.filter(arguments__icontains=address).update(payload={})
    return scrubbed


def _describe_emails(subject: Subject) -> list[Section]:
    rows = [{gettext_noop("to"): ", ".join(e.to), gettext_noop("subject"): e.subject,
             gettext_noop("message"): e.body, gettext_noop("written"): e.created_at,
             gettext_noop("sent"): e.relayed_at}
            for e in _emails_to({a.lower() for a in subject.emails})]
    return [Section(gettext_noop("Emails we sent you"), rows)]


register_store(Store(
    name="emails",
    holds=("tasks.OutboxEmail.to", "tasks.OutboxEmail.body", "tasks.OutboxEmail.subject",
           "tasks.OutboxEmail.last_error", "tasks.Task.payload", "tasks.Task.last_error"),
    erase=_erase_emails, describe=_describe_emails))


def _describe_history(subject: Subject) -> list[Section]:
    """What happened to the person's things, from the audit log (who is shown by role only)."""
    objects = [("contributions.contribution", subject.contribution_ids),
               ("people.receipt", subject.receipt_ids),
               ("engagement.consultationresponse", subject.response_ids),
               ("open_space.registration", subject.registration_ids),
               ("opinions.voter", subject.voter_ids)]
    rows = []
    for object_type, ids in objects:
        events = AuditEvent.objects.filter(object_type=object_type,
                                           object_id__in=[str(i) for i in ids])
        rows += [{gettext_noop("when"): e.at, gettext_noop("what"): _what(e.action),
                  gettext_noop("about"): gettext(HISTORY_OBJECTS[object_type]) % {
                      "number": e.object_id},
                  gettext_noop("by"): _who(e, subject)} for e in events.order_by("at", "id")]
    return [Section(gettext_noop("What happened, and when"), rows)]


# What each record in a person's history is about, and what happened, in words a person reads
# (in either language). An action not listed here is shown by its record's name.
HISTORY_OBJECTS = {
    "contributions.contribution": gettext_noop("what you shared, number %(number)s"),
    "people.receipt": gettext_noop("receipt %(number)s"),
    "engagement.consultationresponse": gettext_noop("consultation answers, number %(number)s"),
    "open_space.registration": gettext_noop("event sign-up, number %(number)s"),
    "opinions.voter": gettext_noop("votes in an opinion map, number %(number)s"),
}
HISTORY_ACTIONS = {
    "contribution.submitted": gettext_noop("Sent"),
    "contribution.paper_entered": gettext_noop("Typed in from a paper form by staff"),
    "contribution.queued_for_moderation": gettext_noop("Waiting to be checked"),
    "contribution.participant_text_screened": gettext_noop("Checked for worries about safety"),
    "contribution.held_for_safeguarding": gettext_noop("Kept for our safeguarding lead"),
    "contribution.held_disclosure_changed": gettext_noop("Kept for our safeguarding lead"),
    "contribution.publish": gettext_noop("Checked and published"),
    "contribution.hold": gettext_noop("Held back"),
    "contribution.reject": gettext_noop("Not published"),
    "contribution.consent_changed": gettext_noop("You changed a choice"),
    "contribution.withdrawn": gettext_noop("Taken back"),
    "contribution.erased": gettext_noop("Deleted"),
    "contribution.viewed": gettext_noop("Read by staff"),
    "contribution.coded": gettext_noop("Tagged by an analyst"),
    "redaction.suggested": gettext_noop("Checked for names and details to hide"),
    "redaction.reviewed": gettext_noop("Names and details hidden before publishing"),
    "receipt.email_set": gettext_noop("Email address for updates changed"),
    "consultation_response.saved": gettext_noop("Answers saved to finish later"),
    "consultation_response.submitted": gettext_noop("Answers sent"),
    "consultation_response.draft_erased": gettext_noop("Saved answers deleted"),
    "open_space.registered": gettext_noop("Signed up"),
    "opinion_voter.joined": gettext_noop("Started voting"),
    "opinion_voter.withdrawn": gettext_noop("Taken back"),
}


def _what(action: str) -> str:
    return gettext(HISTORY_ACTIONS[action]) if action in HISTORY_ACTIONS else action


def _who(event: AuditEvent, subject: Subject) -> str:
    """Staff are named by role only: their usernames are not the person's data."""
    if event.actor_label == "participant" or event.actor_id in subject.user_ids:
        return gettext("you")
    return gettext("the system") if event.actor_label == "system" else gettext(
        "a member of staff")


register_store(Store(name="history", holds=(), erase=lambda subject: 0,
                     describe=_describe_history))


declare_not_erased({
    "people.Receipt.code_hash": "a hash of the code; kept so the person can still see that "
    "everything was deleted",
    "people.ErasureRecord.fingerprints": "keyed hashes of erased rows, nothing readable",
    "people.RetentionRule.kind": "the name of a retention rule",
    "audit.AuditEvent.action": "what was done", "audit.AuditEvent.object_type": "a table name",
    "audit.AuditEvent.object_id": "a row id",
    "audit.AuditEvent.details": "ids and counts only: record() refuses text keys; cleared by the "
    "audit-detail retention rule",
    "tasks.Task.name": "a handler's name", "tasks.Task.leased_by": "a worker's host and process",
    "tasks.Task.lane": "which queue a job waits in", "tasks.OutboxEmail.lane": "which queue",
    "tasks.OutboxEmail.about": "what an email is about, as a key of row numbers",
    "tasks.OutboxEmail.attempt_token": "a random token for one sending attempt",
    "tasks.OutboxEmail.attempt_by": "a worker's host and process",
    "tasks.OutboxEmail.message_id": "an id made of event and receipt numbers",
    "sessions.Session.session_key": "a random key",
    "auth.User.password": "a password hash; an erased account's is made unusable",
    "auth.Group.name": "a role's name", "auth.Permission.name": "a permission's name",
    "auth.Permission.codename": "a permission's name",
    "contenttypes.ContentType.app_label": "a table name", "contenttypes.ContentType.model":
    "a table name",
    "otp_totp.TOTPDevice.key": "a staff member's authenticator secret (participants have "
    "none; an erased account's devices are deleted)",
    "otp_totp.TOTPDevice.name": "the name of a staff member's authenticator",
    "otp_static.StaticDevice.name": "the name of a staff member's recovery codes",
    "otp_static.StaticToken.token": "a staff member's single-use recovery code",
    "quality.LundyAnswer.evidence": "staff's evidence about how an activity was run",
    "quality.ArnsteinRating.evidence": "staff's evidence about how an activity was run",
    **{f"reports.ReferenceFigure.{name}": "published official statistics"
       for name in ("source_file", "publisher", "measure", "breakdown", "category",
                    "geography_code", "geography_name", "geography_level", "time_period",
                    "unit")},
})


# --- Retention of what this layer holds ------------------------------------------------------


def _expire_emails(cutoff: datetime) -> int:
    # Only settled messages: one still waiting or being sent keeps its row, whose unique id is
    # what stops the same message ever being written (and sent) twice.
    deleted, _ = OutboxEmail.objects.filter(created_at__lt=cutoff,
                                            state__in=OutboxEmail.FINAL_STATES).delete()
    return deleted


def _expire_tasks(cutoff: datetime) -> int:
    deleted, _ = Task.objects.filter(status__in=(Task.Status.DONE, Task.Status.FAILED),
                                     done_at__lt=cutoff).delete()
    return deleted


# Label, counted_from and outcome are marked for the Welsh catalogue: the privacy page shows them
# in the page's language (|translated); the staff page shows the English.
register_kind(RetentionKind(
    key="emails", label=gettext_noop("Emails we send (the address, subject and message)"),
    counted_from=gettext_noop("after the email was written"), outcome=gettext_noop("deleted"),
    default_days=90, apply=_expire_emails))
register_kind(RetentionKind(
    key="finished_tasks", label=gettext_noop("Finished background jobs (they hold row numbers)"),
    counted_from=gettext_noop("after the job finished"), outcome=gettext_noop("deleted"),
    default_days=30, apply=_expire_tasks))
register_kind(RetentionKind(
    key="audit_detail", label=gettext_noop("Details in the audit log (counts and row numbers)"),
    counted_from=gettext_noop("after the event"),
    outcome=gettext_noop("emptied; who did what and when is kept"),
    default_days=730, apply=clear_details_before))
