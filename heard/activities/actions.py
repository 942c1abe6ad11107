"""Every write to activities, consultations, ideas and knowledge events.

Each function runs in one transaction and writes its audit row inside it. Anything a participant
writes in words goes through `do_submit_contribution`, so it is triaged, queued for redaction and
moderation, and counted in analysis exactly like the share journey.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Manager
from django.utils.text import slugify

from heard.audit.log import record
from heard.core.limits import NOTE_MAX_LENGTH, refuse_long
from heard.core.model_parts import longest

from .answers import EngagementError
from .models import (
    Activity,
    EventPart,
    KeyMessage,
    Material,
    Presenter,
)
from .registry import kind_of, kinds

__all__ = ["EngagementError"]

_Part = TypeVar("_Part", bound=EventPart)



def kinds_set_up_here() -> list[str]:
    """Kinds a facilitator makes with the shared activity form; the Open Space event and the
    opinion map have their own set-up pages."""
    return [kind.key for kind in kinds() if kind.set_up_on_activity_pages]

RESERVED_SLUGS = {"new"}
# A slug is the title's words up to this length; the rest of the column leaves room for the
# number ("-2", "-3", ...) that tells two activities with the same title apart.
SLUG_WORDS_LENGTH = longest(Activity, "slug") - 20


@dataclass(frozen=True)
class ActivityFields:
    """The common core every activity has."""

    title: str
    purpose: str
    audience: str = ""
    title_cy: str = ""
    purpose_cy: str = ""
    run_by: str = ""
    outputs_go_to: str = ""
    opens_at: datetime | None = None
    closes_at: datetime | None = None


def _check_core(fields: ActivityFields) -> None:
    if not fields.title.strip() or not fields.purpose.strip():
        raise EngagementError("Give the activity a title and say what it is for.")
    refuse_long(EngagementError, ("the title", fields.title, longest(Activity, "title")),
                ("the Welsh title", fields.title_cy, longest(Activity, "title_cy")),
                ("who it is for", fields.audience, longest(Activity, "audience")),
                ("who runs it", fields.run_by, longest(Activity, "run_by")),
                ("where what people say goes", fields.outputs_go_to,
                 longest(Activity, "outputs_go_to")))
    if fields.opens_at and fields.closes_at and fields.closes_at <= fields.opens_at:
        raise EngagementError("The closing date must be after the opening date.")


def unique_slug(title: str, fallback: str = "activity") -> str:
    """A slug for a new activity of any kind: every kind's pages and the shared activity pages
    find it by this one slug, so it must be free among all activities and not a word a URL
    uses ("new")."""
    base = slugify(title)[:SLUG_WORDS_LENGTH] or fallback
    slug, n = base, 1
    while slug in RESERVED_SLUGS or Activity.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _core_values(fields: ActivityFields) -> dict[str, object]:
    return {"title": fields.title.strip(), "purpose": fields.purpose.strip(),
            "title_cy": fields.title_cy.strip(), "purpose_cy": fields.purpose_cy.strip(),
            "audience": fields.audience.strip(), "run_by": fields.run_by.strip(),
            "outputs_go_to": fields.outputs_go_to.strip(),
            "opens_at": fields.opens_at, "closes_at": fields.closes_at}


@transaction.atomic
def do_create_activity(kind: str, fields: ActivityFields, actor: User) -> Activity:
    """New activities start as drafts: nobody sees them until the facilitator opens them."""
    if kind not in kinds_set_up_here():
        raise EngagementError("Choose the type of activity.")
    _check_core(fields)
    activity = Activity.objects.create(slug=unique_slug(fields.title), kind=kind,
                                       status=Activity.Status.DRAFT, **_core_values(fields))
    record(actor, "activity.created", activity, kind=kind, slug=activity.slug)
    return activity


@transaction.atomic
def do_update_activity(activity: Activity, fields: ActivityFields, actor: User) -> Activity:
    _check_core(fields)
    for name, value in _core_values(fields).items():
        setattr(activity, name, value)
    activity.save(update_fields=list(_core_values(fields)))
    record(actor, "activity.updated", activity)
    return activity


@transaction.atomic
def do_set_activity_status(activity: Activity, status: str, actor: User) -> Activity:
    if status not in (Activity.Status.OPEN, Activity.Status.CLOSED):
        raise EngagementError("Choose to open or close the activity.")
    if kind_of(activity).has_questions and status == Activity.Status.OPEN \
            and not activity.questions.exists():
        raise EngagementError("Add at least one question before opening the consultation.")
    activity.status = status
    activity.save(update_fields=["status"])
    record(actor, "activity.status_changed", activity, status=status)
    return activity


# --- Knowledge events ----------------------------------------------------------------------------


def _check_event(activity: Activity) -> None:
    # An Open Space event's key messages go on the page of what it came up with.
    if not kind_of(activity).has_event_page:
        raise EngagementError("This activity is not an event.")


def _required(value: str, message: str, what: str, limit: int) -> str:
    """`value` trimmed; refused with `message` when empty, or as too long past `limit`."""
    value = value.strip()
    if not value:
        raise EngagementError(message)
    refuse_long(EngagementError, (what, value, limit))
    return value


def _append_to_event(activity: Activity, items: Manager[_Part], actor: User, verb: str,
                     audit: dict[str, Any], **fields: Any) -> _Part:
    """Staff add a presenter, a material or a key message: it goes at the end of the event's
    list, and the audit row names the activity."""
    item = items.create(order=items.count() + 1, **fields)
    record(actor, verb, item, activity=activity.slug, **audit)
    return item


@transaction.atomic
def do_add_presenter(activity: Activity, name: str, role: str, actor: User,
                     role_cy: str = "") -> Presenter:
    """A presenter, with the role in Welsh if staff gave it (empty shows the English)."""
    _check_event(activity)
    refuse_long(EngagementError, ("the role", role, longest(Presenter, "role")),
                ("the role in Welsh", role_cy, longest(Presenter, "role_cy")))
    role_cy = role_cy.strip()
    return _append_to_event(
        activity, activity.presenters, actor, "presenter.added", {"welsh": bool(role_cy)},
        name=_required(name, "Give the presenter's name.", "the name",
                       longest(Presenter, "name")),
        role=role.strip(), role_cy=role_cy)


@transaction.atomic
def do_add_material(activity: Activity, title: str, url: str, actor: User,
                    title_cy: str = "") -> Material:
    """A link to material, with its title in Welsh if staff gave it."""
    _check_event(activity)
    url = _web_address(url)
    refuse_long(EngagementError, ("the Welsh title", title_cy, longest(Material, "title_cy")))
    title_cy = title_cy.strip()
    return _append_to_event(
        activity, activity.materials, actor, "material.added", {"welsh": bool(title_cy)},
        title=_required(title, "Give the material a title.", "the title",
                        longest(Material, "title")),
        url=url, title_cy=title_cy)


def _web_address(url: str) -> str:
    url = url.strip()
    try:
        # Only web links: a "javascript:" link on a public page would run in people's browsers.
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError as error:
        raise EngagementError("Enter a web address that starts with https://") from error
    refuse_long(EngagementError, ("the web address", url, longest(Material, "url")))
    return url


@transaction.atomic
def do_add_key_message(activity: Activity, kind: str, text: str, actor: User,
                       text_cy: str = "") -> KeyMessage:
    """A key message or reflection, with its optional Welsh (empty shows the English)."""
    _check_event(activity)
    if kind not in KeyMessage.Kind.values:
        raise EngagementError("Choose key message or reflection.")
    refuse_long(EngagementError, ("the Welsh", text_cy, NOTE_MAX_LENGTH))
    return _append_to_event(
        activity, activity.key_messages, actor, "key_message.added", {"kind": kind},
        kind=kind, text=_required(text, "Write the key message or reflection.", "the words",
                                  NOTE_MAX_LENGTH),
        text_cy=text_cy.strip())


@transaction.atomic
def do_set_key_message_welsh(message: KeyMessage, text_cy: str, actor: User) -> KeyMessage:
    """The Welsh of a key message or reflection, typed later; empty shows the English."""
    refuse_long(EngagementError, ("the Welsh", text_cy, NOTE_MAX_LENGTH))
    message.text_cy = text_cy.strip()
    message.save(update_fields=["text_cy"])
    record(actor, "key_message.welsh_set", message, welsh=bool(message.text_cy))
    return message


@transaction.atomic
def do_set_key_message_published(message: KeyMessage, published: bool, actor: User) -> KeyMessage:
    message.published = published
    message.save(update_fields=["published"])
    record(actor, "key_message.published" if published else "key_message.unpublished", message)
    return message


@transaction.atomic
def do_remove_event_part(part: EventPart, actor: User) -> None:
    record(actor, f"{part._meta.model_name}.removed", part, activity=part.activity.slug)
    part.delete()
