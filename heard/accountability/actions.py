"""Writing responses and actions. Each change people should hear about schedules a notice."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop

from heard.activities.models import Activity
from heard.audit.log import record
from heard.contributions.access import find_idea
from heard.contributions.models import Contribution
from heard.core.limits import NOTE_MAX_LENGTH, refuse_long
from heard.core.model_parts import longest
from heard.tasks.queue import enqueue

from .models import BODY_MAX_LENGTH, Action, ActionUpdate, Response
from .subjects import activity_for_theme, is_current_theme


class AccountabilityError(ValueError):
    """A request that cannot be carried out; safe to show to staff."""


# The note on an action's first update. Participants see it as "Latest: ...", so it is marked
# for translation and its Welsh stored beside it.
ACTION_ADDED = gettext_noop("Action added.")


@transaction.atomic
def do_publish_response(
    activity: Activity, title: str, body: str, lead: User, *,
    idea: Contribution | None = None, theme_key: str = "", title_cy: str = "",
    body_cy: str = "",
) -> Response:
    """Publish an answer. The Welsh title and body are optional: without them, Welsh pages and
    emails show the English."""
    if not title.strip() or not body.strip():
        raise AccountabilityError("Write a title and what you are doing about it.")
    title_limit = longest(Response, "title")
    refuse_long(AccountabilityError, ("the title", title, title_limit),
                ("what you are doing about it", body, BODY_MAX_LENGTH),
                ("the Welsh title", title_cy, title_limit),
                ("the Welsh", body_cy, BODY_MAX_LENGTH))
    if idea is not None and (idea.activity_id != activity.pk or idea.kind != "idea"
                             or idea.is_gone()):
        raise AccountabilityError("That idea is not in this activity.")
    if theme_key and not is_current_theme(theme_key):
        # A typed or stale key would publish an answer that reaches nobody.
        raise AccountabilityError("Choose a theme from the latest analysis.")
    subject = (Response.Subject.THEME if theme_key else
               Response.Subject.IDEA if idea is not None else Response.Subject.ACTIVITY)
    response = Response.objects.create(
        subject=subject, activity=activity, contribution=idea, theme_key=theme_key,
        title=title.strip(), body=body.strip(), title_cy=title_cy.strip(),
        body_cy=body_cy.strip(), published_at=timezone.now(), created_by=lead)
    record(lead, "response.published", response, subject=subject, activity=activity.slug)
    enqueue("accountability.notify", response_id=response.pk, event=f"response-{response.pk}")
    return response


def do_publish_response_about(
    subject: str, title: str, body: str, lead: User, *, theme: str = "", idea: str = "",
    activity: str = "", title_cy: str = "", body_cy: str = "",
) -> Response:
    """Publish an answer to what the lead chose from the staff page's lists: a theme (its key),
    an idea (its id) or else an activity (its slug). What was chosen may have gone since the
    page was shown; then say so and publish nothing."""
    if subject == "theme":
        answered = activity_for_theme(theme)
        if answered is None:
            raise AccountabilityError("Nobody's words are in that theme now. Choose another.")
        return do_publish_response(answered, title, body, lead, theme_key=theme,
                                   title_cy=title_cy, body_cy=body_cy)
    if subject == "idea":
        found = find_idea(int(idea))
        if found is None:
            raise AccountabilityError("That idea has been taken back. Choose another.")
        return do_publish_response(found.activity, title, body, lead, idea=found,
                                   title_cy=title_cy, body_cy=body_cy)
    chosen = Activity.objects.filter(slug=activity).first()
    if chosen is None:
        raise AccountabilityError("Choose an activity from the list.")
    return do_publish_response(chosen, title, body, lead, title_cy=title_cy, body_cy=body_cy)


def _check_action_fields(title: str, owner: str, status: str, progress: int,
                         reason: str) -> None:
    if not title.strip() or not owner.strip():
        raise AccountabilityError("Give the action a title and an owner (a role or team).")
    if "@" in owner:
        raise AccountabilityError("The owner is a role or team, not a person's email address.")
    if status not in Action.Status.values:
        raise AccountabilityError("Choose a status from the list.")
    if not 0 <= progress <= 100:
        raise AccountabilityError("Progress is a percentage from 0 to 100.")
    if status == Action.Status.NOT_TAKING_FORWARD and not reason.strip():
        raise AccountabilityError("Say why this is not being taken forward.")


@transaction.atomic
def do_add_action(
    response: Response, title: str, owner: str, lead: User, *, status: str = "agreed",
    due_date: date | None = None, progress: int = 0, reason: str = "", title_cy: str = "",
    reason_cy: str = "", owner_cy: str = "",
) -> Action:
    _check_action_fields(title, owner, status, progress, reason)
    refuse_long(AccountabilityError,
                ("the action", title, longest(Action, "title")),
                ("the owner", owner, longest(Action, "owner")),
                ("the reason", reason, NOTE_MAX_LENGTH),
                ("the action in Welsh", title_cy, longest(Action, "title_cy")),
                ("the owner in Welsh", owner_cy, longest(Action, "owner_cy")),
                ("the reason in Welsh", reason_cy, NOTE_MAX_LENGTH))
    action = Action.objects.create(response=response, title=title.strip(),
                                   owner=owner.strip(), status=status, due_date=due_date,
                                   progress=progress, reason=reason.strip(),
                                   title_cy=title_cy.strip(), reason_cy=reason_cy.strip(),
                                   owner_cy=owner_cy.strip())
    # The note is the system's words, not staff's, so its Welsh comes from the catalogue.
    with translation.override("cy"):
        note_cy = gettext(ACTION_ADDED)
    ActionUpdate.objects.create(action=action, status=status, progress=progress,
                                note=ACTION_ADDED, note_cy=note_cy, created_by=lead)
    record(lead, "action.added", action, response=response.pk, status=status)
    return action


@transaction.atomic
def do_update_action(
    action: Action, lead: User, *, status: str, progress: int, note: str = "",
    reason: str = "", note_cy: str = "", reason_cy: str = "",
) -> Action:
    action = Action.objects.select_for_update().get(pk=action.pk)
    _check_action_fields(action.title, action.owner, status, progress,
                         reason or action.reason)
    refuse_long(AccountabilityError, ("the note", note, NOTE_MAX_LENGTH),
                ("the reason", reason, NOTE_MAX_LENGTH),
                ("the note in Welsh", note_cy, NOTE_MAX_LENGTH),
                ("the reason in Welsh", reason_cy, NOTE_MAX_LENGTH))
    changed_status = status != action.status
    action.status, action.progress = status, progress
    if reason.strip():
        action.reason = reason.strip()
        # A new English reason makes the old Welsh one wrong: replace it, or clear it.
        action.reason_cy = reason_cy.strip()
    elif reason_cy.strip():
        action.reason_cy = reason_cy.strip()
    action.save(update_fields=["status", "progress", "reason", "reason_cy"])
    update = ActionUpdate.objects.create(action=action, status=status, progress=progress,
                                         note=note.strip(), note_cy=note_cy.strip(),
                                         created_by=lead)
    record(lead, "action.updated", action, status=status, progress=progress)
    if changed_status:
        enqueue("accountability.notify", response_id=action.response_id,
                event=f"action-{action.pk}-update-{update.pk}")
    return action


@transaction.atomic
def do_set_response_welsh(response: Response, title_cy: str, body_cy: str,
                          action_titles_cy: dict[int, str], lead: User,
                          action_owners_cy: dict[int, str] | None = None) -> Response:
    """The Welsh wording of a published response and its actions' titles and owners, typed
    after the event. Empty leaves the English showing on Welsh pages. Nobody is emailed: the
    answer has not changed, only its Welsh."""
    owners_cy = action_owners_cy or {}
    actions = {action.pk: action for action in response.actions.all()}
    if (set(action_titles_cy) | set(owners_cy)) - set(actions):
        raise AccountabilityError("One of the actions is not part of this response. Nothing "
                                  "was saved.")
    refuse_long(AccountabilityError,
                ("the Welsh title", title_cy, longest(Response, "title_cy")),
                ("the Welsh body", body_cy, BODY_MAX_LENGTH),
                *[("each action's Welsh", t, longest(Action, "title_cy"))
                  for t in action_titles_cy.values()],
                *[("each owner's Welsh", t, longest(Action, "owner_cy"))
                  for t in owners_cy.values()])
    response.title_cy, response.body_cy = title_cy.strip(), body_cy.strip()
    response.save(update_fields=["title_cy", "body_cy", "updated_at"])
    for pk, text in action_titles_cy.items():
        Action.objects.filter(pk=pk).update(title_cy=text.strip())
    for pk, text in owners_cy.items():
        Action.objects.filter(pk=pk).update(owner_cy=text.strip())
    record(lead, "response.welsh_set", response, actions=len(action_titles_cy),
           owners=len(owners_cy))
    return response
