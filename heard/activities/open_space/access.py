"""Finding events and the participant behind a request. Views use only these helpers."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from heard.activities.access import get_kind_row
from heard.activities.participant_session import Remembered
from heard.core.numbers import row_number
from heard.people.models import hash_receipt_code, normalise_receipt_code

from .models import OpenSpaceEvent, Registration, Room, Session, SessionNote, TimeSlot, Topic


def get_event(slug: str) -> OpenSpaceEvent:
    return get_kind_row(OpenSpaceEvent, slug, "No such event")


REGISTRATION: Remembered[Registration] = Remembered("open_space_registration")


def registration_for(request: HttpRequest, event: OpenSpaceEvent) -> Registration | None:
    """The browser session remembers the registration; a signed-in account finds it too, so a
    participant with an account can switch devices without their code."""
    found = REGISTRATION.recall(request, event, Registration.objects.filter(event=event))
    if found is None and request.user.is_authenticated:
        found = Registration.objects.filter(event=event,
                                            receipt__account_id=request.user.pk).first()
    return found


def registration_by_code(event: OpenSpaceEvent, raw_code: str) -> Registration | None:
    code = normalise_receipt_code(raw_code)
    if code is None:
        return None
    return Registration.objects.filter(event=event,
                                       receipt__code_hash=hash_receipt_code(code)).first()


def get_session(event: OpenSpaceEvent, raw_id: object) -> Session:
    session = (Session.objects.select_related("topic", "room", "slot")
               .filter(pk=row_number(raw_id), topic__event=event).first())
    if session is None:
        raise Http404("No such session")
    return session


def find_session(event: OpenSpaceEvent, raw_id: object) -> Session | None:
    return Session.objects.filter(pk=row_number(raw_id), topic__event=event).first()


def find_topic(event: OpenSpaceEvent, raw_id: object) -> Topic | None:
    return Topic.objects.filter(pk=row_number(raw_id), event=event).first()


def find_room(event: OpenSpaceEvent, raw_id: object) -> Room | None:
    return Room.objects.filter(pk=row_number(raw_id), event=event).first()


def find_slot(event: OpenSpaceEvent, raw_id: object) -> TimeSlot | None:
    return TimeSlot.objects.filter(pk=row_number(raw_id), event=event).first()


def find_solution(event: OpenSpaceEvent, raw_id: object) -> SessionNote | None:
    return SessionNote.objects.filter(pk=row_number(raw_id), session__topic__event=event).first()


def registrations_of(event: OpenSpaceEvent) -> QuerySet[Registration]:
    """Everyone signed up to an event, for its facilitators' pages."""
    return event.registrations.all()
