"""Open Space events: a marketplace of topics, an agenda of rooms and time slots, session notes,
dot votes and a closing round.

Everything participants write (topics, notes, closing answers) is stored as a Contribution, made
through `do_submit_contribution`, so it meets the same safety checks, moderation and analysis as
anything shared on the web journey. The rows here only link those contributions to the event.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from heard.activities.models import Activity
from heard.contributions.models import Contribution
from heard.core.model_parts import one_row_per
from heard.core.vocab import GROUP_LABELS, perspective_groups
from heard.core.welsh import WelshWording
from heard.people.models import Receipt
from heard.safety.shown_text import words_for_others

TOPIC_BEING_CHECKED = "A new topic (we are checking it for names)"

TOPIC_MAX_LENGTH = 120
# What would help someone take part: a few lines for the facilitator, not a story.
ACCESS_NEEDS_MAX_LENGTH = 1_000


# The most dots a person may give: enough to back a few ideas, few enough that each one counts.
MAX_DOTS_PER_PERSON = 10


class OpenSpaceEvent(WelshWording, models.Model):
    class Phase(models.TextChoices):
        # The order matters: an event only moves forward through these.
        MARKETPLACE = "marketplace", _("Registration and topics")
        SESSIONS = "sessions", _("Sessions running")
        VOTING = "voting", _("Dot-voting")
        CLOSING = "closing", _("Closing round")
        CLOSED = "closed", _("Finished")

    activity = models.OneToOneField(Activity, on_delete=models.PROTECT,
                                    related_name="open_space")
    opening_question = models.TextField()
    closing_question = models.TextField()
    # The same in Welsh, typed by staff; empty means the English is shown (marked lang="en").
    opening_question_cy = models.TextField(blank=True)
    closing_question_cy = models.TextField(blank=True)
    dots_per_person = models.PositiveSmallIntegerField(default=3)  # 1 to MAX_DOTS_PER_PERSON
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    phase = models.CharField(max_length=20, choices=Phase.choices, default=Phase.MARKETPLACE)

    def __str__(self) -> str:
        return f"Open Space: {self.activity}"

    @property
    def slug(self) -> str:
        return self.activity.slug

    def phase_index(self) -> int:
        return list(self.Phase.values).index(self.phase)

    def next_phase(self) -> str | None:
        values = list(self.Phase.values)
        index = self.phase_index()
        return values[index + 1] if index + 1 < len(values) else None


class Registration(models.Model):
    """One participant at one event. The receipt is their way back (a code, or their account),
    and it also holds every contribution they make at the event, so one code shows them all."""

    event = models.ForeignKey(OpenSpaceEvent, on_delete=models.CASCADE,
                              related_name="registrations")
    receipt = models.OneToOneField(Receipt, on_delete=models.PROTECT, related_name="+")
    perspectives = models.JSONField(default=list, blank=True)
    # Personal and sometimes health data: shown to facilitators only, never exported.
    access_needs = models.TextField(blank=True)
    consent_analysis = models.BooleanField(default=False)
    consent_quote = models.BooleanField(default=False)
    consent_publish = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"Registration {self.pk}"

    def groups(self) -> set[str]:
        return perspective_groups(self.perspectives)

    def consents(self) -> dict[str, bool]:
        return {"analysis": self.consent_analysis, "quote": self.consent_quote,
                "publish": self.consent_publish}


class Topic(models.Model):
    event = models.ForeignKey(OpenSpaceEvent, on_delete=models.CASCADE, related_name="topics")
    contribution = models.OneToOneField(Contribution, on_delete=models.PROTECT, related_name="+")
    # The words as written: for facilitators and the proposer. Everyone else sees shown_title().
    title = models.CharField(max_length=TOPIC_MAX_LENGTH)
    proposed_by = models.ForeignKey(Registration, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="topics")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title

    def shown_title(self) -> str:
        """The title as other participants may see it before moderation: with names and
        contact details taken out, like session notes (heard/safety/shown_text.py)."""
        return words_for_others(self.contribution, waiting=TOPIC_BEING_CHECKED)

    def title_for(self, registration: Registration | None) -> str:
        if registration is not None and self.proposed_by_id == registration.pk:
            return self.title
        return self.shown_title()


class TopicInterest(models.Model):
    """A participant would like to go to a topic's session: the allocation helper's input."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="interests")
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE,
                                     related_name="interests")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [one_row_per("topic", "registration", name="one_interest_per_topic")]

    def __str__(self) -> str:
        return f"{self.registration_id} likes {self.topic_id}"


class Room(WelshWording, models.Model):
    event = models.ForeignKey(OpenSpaceEvent, on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(max_length=80)
    name_cy = models.CharField(max_length=80, blank=True)  # the Welsh name, typed by staff
    # Heard has no video of its own: each room is a link to the service's usual meeting tool.
    meeting_link = models.URLField(max_length=500)

    class Meta:
        ordering = ["id"]
        constraints = [one_row_per("event", "name", name="unique_room_name_per_event")]

    def __str__(self) -> str:
        return self.name


class TimeSlot(models.Model):
    event = models.ForeignKey(OpenSpaceEvent, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()

    class Meta:
        ordering = ["starts_at", "id"]

    def __str__(self) -> str:
        return (f"{timezone.localtime(self.starts_at):%H:%M} to "
                f"{timezone.localtime(self.ends_at):%H:%M}")


class Session(models.Model):
    class Mode(models.TextChoices):
        MIXED = "mixed", _("Mixed: everyone welcome")
        SHARED = "shared", _("Shared experience")

    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="sessions")
    room = models.ForeignKey(Room, on_delete=models.PROTECT, related_name="sessions")
    slot = models.ForeignKey(TimeSlot, on_delete=models.PROTECT, related_name="sessions")
    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.MIXED)
    # For a shared-experience session: the perspective group everyone in it shares.
    shared_group = models.CharField(max_length=30, blank=True,
                                    choices=[(k, v) for k, v in GROUP_LABELS.items()])
    capacity = models.PositiveSmallIntegerField(default=8)
    is_open = models.BooleanField(default=True)

    class Meta:
        ordering = ["slot__starts_at", "room_id"]
        constraints = [one_row_per("room", "slot", name="one_session_per_room_and_slot")]

    def __str__(self) -> str:
        return f"{self.topic} ({self.room}, {self.slot})"

    @property
    def event(self) -> OpenSpaceEvent:
        return self.topic.event

    def mode_label(self) -> str:
        if self.mode == self.Mode.SHARED:
            group = gettext(GROUP_LABELS.get(self.shared_group, self.shared_group))
            return gettext("Only for: %(group)s") % {"group": group.lower()}
        return gettext("Mixed: everyone welcome")

    def admits(self, registration: Registration) -> bool:
        """Shared-experience sessions stay shared: only people who hold that perspective."""
        return self.mode == self.Mode.MIXED or self.shared_group in registration.groups()


class SessionMembership(models.Model):
    """Where a participant is in one time slot. Changing session moves this row: the law of two
    feet means going where you learn or contribute most, at any time."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE,
                                     related_name="memberships")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="memberships")
    # Copied from the session so the database itself refuses two sessions in one slot.
    slot = models.ForeignKey(TimeSlot, on_delete=models.CASCADE, related_name="+")
    joined_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        constraints = [one_row_per("registration", "slot", name="one_session_per_slot")]

    def __str__(self) -> str:
        return f"{self.registration_id} in {self.session_id}"


class SessionNote(models.Model):
    """One entry in a session's notes template, stored as a contribution."""

    class Field(models.TextChoices):
        PROBLEM = "problem", _("What is the problem?")
        HELP = "help", _("What would help?")
        SOLUTION = "solution", _("A proposed solution")
        WHO_ACTS = "who_acts", _("Who should act?")

    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="notes")
    contribution = models.OneToOneField(Contribution, on_delete=models.PROTECT,
                                        related_name="open_space_note")
    field = models.CharField(max_length=20, choices=Field.choices)
    written_by = models.ForeignKey(Registration, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="notes")
    # Who was in the room when it was written: the session's mode and a count per perspective
    # group, so results from mixed and shared-experience sessions can be compared later.
    composition = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.get_field_display()} in session {self.session_id}"


class SolutionVote(models.Model):
    """One dot on one proposed solution."""

    note = models.ForeignKey(SessionNote, on_delete=models.CASCADE, related_name="votes")
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE,
                                     related_name="votes")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [one_row_per("note", "registration", name="one_dot_per_solution")]

    def __str__(self) -> str:
        return f"{self.registration_id} dotted {self.note_id}"


class ClosingAnswer(models.Model):
    registration = models.OneToOneField(Registration, on_delete=models.CASCADE,
                                        related_name="closing_answer")
    contribution = models.OneToOneField(Contribution, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Closing answer {self.pk}"
