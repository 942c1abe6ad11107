from __future__ import annotations

from datetime import datetime

from django.db import models
from django.utils import timezone

from heard.core.model_parts import NEWEST_FIRST, Timestamped, one_row_per
from heard.core.welsh import WelshWording, welsh_or_english_text

from .defaults import DEFAULT_ACTIVITY_SLUG

# WelshWording and welsh_or_english_text now live in heard.core.welsh; still importable from
# here for code written against their old home.
__all__ = ["DEFAULT_ACTIVITY_SLUG", "Activity", "Answer", "ConsultationResponse", "EventPart",
           "IdeaSupport", "KeyMessage", "Material", "Presenter", "Question", "WelshWording",
           "welsh_or_english_text"]


class ActivityQuerySet(models.QuerySet["Activity"]):
    def public(self) -> ActivityQuerySet:
        """What participants may see: every activity but a draft (a closed one still shows
        what came of it). One rule for every public page, the API and the printed forms."""
        return self.exclude(status=Activity.Status.DRAFT)


class Activity(WelshWording, models.Model):
    """Anything that gathers voices: the open share journey, a consultation, an event."""

    class Kind(models.TextChoices):
        OPEN_SHARE = "open_share", "Share your experience"
        CONSULTATION = "consultation", "Consultation"
        CALL_FOR_IDEAS = "call_for_ideas", "Call for Ideas"
        OPEN_SPACE = "open_space", "Open Space event"
        KNOWLEDGE_EVENT = "knowledge_event", "Knowledge event"
        OPINION_MAP = "opinion_map", "Opinion map"
        WELLBEING_SURVEY = "wellbeing_survey", "Wellbeing survey"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=200)
    purpose = models.TextField(help_text="The question asked, or what the activity is for.")
    # Welsh texts (issue 15). Optional: participant pages fall back to the English, marked
    # lang="en" so a screen reader pronounces it right (see WelshWording).
    title_cy = models.CharField(max_length=200, blank=True)
    purpose_cy = models.TextField(blank=True)
    audience = models.CharField(max_length=300, blank=True)
    kind = models.CharField(max_length=30, choices=Kind.choices, default=Kind.OPEN_SHARE)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    opens_at = models.DateTimeField(null=True, blank=True)
    closes_at = models.DateTimeField(null=True, blank=True)
    run_by = models.CharField(max_length=200, blank=True, help_text="A team, not a person.")
    outputs_go_to = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name_plural = "activities"
        permissions = [
            ("manage_activity", "Can set up and run activities"),
            ("respond_to_activity", "Can publish responses and actions"),
        ]

    def __str__(self) -> str:
        return self.title

    def is_accepting(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        if self.status != self.Status.OPEN:
            return False
        if self.opens_at and now < self.opens_at:
            return False
        return not (self.closes_at and now >= self.closes_at)


# --- Consultations -------------------------------------------------------------------------------


class Question(WelshWording, models.Model):
    """One question in a consultation. Free-text answers become contributions on submission;
    choice answers stay here, because there are no words in them to check or theme."""

    class Kind(models.TextChoices):
        FREE_TEXT = "free_text", "Free text"
        SINGLE = "single", "Choose one"
        MULTIPLE = "multiple", "Choose any"

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveIntegerField(default=0)
    text = models.CharField(max_length=300)
    help = models.CharField(max_length=500, blank=True)
    # The same in Welsh, typed by staff; empty means the English is shown (marked lang="en").
    text_cy = models.CharField(max_length=300, blank=True)
    help_cy = models.CharField(max_length=500, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.FREE_TEXT)
    # The answers people may pick, in the order shown. The label is the stored value, so an
    # export reads the same as the page people saw.
    choices = models.JSONField(default=list, blank=True)
    # Welsh labels for the same answers, in the same order. The English label stays the stored
    # value, so answers given in either language count together.
    choices_cy = models.JSONField(default=list, blank=True)
    required = models.BooleanField(default=False)
    # What a free-text answer counts as in the contribution model: story, problem or idea.
    answer_kind = models.CharField(max_length=20, default="story")

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def field_name(self) -> str:
        return f"q-{self.pk}"

    def takes_choices(self) -> bool:
        return self.kind in (self.Kind.SINGLE, self.Kind.MULTIPLE)

    def choice_labels(self, language: str) -> list[tuple[str, str, bool]]:
        """Each answer as (stored value, label in `language`, whether the label is English
        shown in place of missing Welsh)."""
        welsh = list(self.choices_cy) if len(self.choices_cy) == len(self.choices) else []
        return [(value, *welsh_or_english_text(value, welsh[i] if welsh else "", language))
                for i, value in enumerate(self.choices)]


class ConsultationResponse(Timestamped):
    """One person's answers. A draft is kept only when the person asks to save and come back;
    the receipt (only its hash is stored) is what lets them find it again."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Saved, not sent"
        SUBMITTED = "submitted", "Sent"

    activity = models.ForeignKey(Activity, on_delete=models.PROTECT,
                                 related_name="consultation_responses")
    receipt = models.OneToOneField("people.Receipt", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="consultation_response")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT,
                              db_index=True)
    perspectives = models.JSONField(default=list, blank=True)
    consents = models.JSONField(default=dict, blank=True)
    # Answers kept for the safeguarding lead before Send, by question: {"question id":
    # contribution id}. Ids only, so a changed answer joins the same flag when sent.
    held = models.JSONField(default=dict, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = NEWEST_FIRST

    def __str__(self) -> str:
        return f"Response {self.pk} to {self.activity_id}"

    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT


class Answer(models.Model):
    response = models.ForeignKey(ConsultationResponse, on_delete=models.CASCADE,
                                 related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    # Draft words only: on submission they move into the contribution, so withdrawing the
    # contribution erases them everywhere.
    text = models.TextField(blank=True)
    choices = models.JSONField(default=list, blank=True)
    contribution = models.OneToOneField(
        "contributions.Contribution", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="consultation_answer",
    )

    class Meta:
        ordering = ["question__order", "question_id"]
        constraints = [one_row_per("response", "question", name="one_answer_per_question")]

    def __str__(self) -> str:
        return f"Answer to {self.question_id} in {self.response_id}"


# --- Call for Ideas ------------------------------------------------------------------------------


class IdeaSupport(models.Model):
    """'I agree with this idea', once per person per idea.

    The supporter is a label, never words: "account:<id>" for a signed-in participant,
    "receipt:<id>" for someone who came back with a receipt code, or "session:<hash>" for a
    browser that has neither. The unique constraint is what makes "one each" hold even when two
    requests race.
    """

    idea = models.ForeignKey("contributions.Contribution", on_delete=models.CASCADE,
                             related_name="supports")
    supporter = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [one_row_per("idea", "supporter", name="one_support_per_person")]

    def __str__(self) -> str:
        return f"Support for {self.idea_id}"


# --- Knowledge events ----------------------------------------------------------------------------


class EventPart(WelshWording, models.Model):
    """A presenter, a material or a key message on an event's page: shown in the order staff
    added them (do_add_* puts each at the end), with Welsh twins of its staff-typed words."""

    # Each part declares its own link to the event, for its own related name.
    activity: models.ForeignKey[Activity, Activity]
    order = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["order", "id"]


class Presenter(EventPart):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="presenters")
    # A name is a name in either language; the role is words staff can give in Welsh too.
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=300, blank=True)
    role_cy = models.CharField(max_length=300, blank=True)

    def __str__(self) -> str:
        return self.name


class Material(EventPart):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(max_length=200)
    # The title in Welsh (the material itself is whatever the link points to).
    title_cy = models.CharField(max_length=200, blank=True)
    url = models.URLField(max_length=500)

    def __str__(self) -> str:
        return self.title


class KeyMessage(EventPart):
    class Kind(models.TextChoices):
        KEY_MESSAGE = "key_message", "Key message"
        REFLECTION = "reflection", "Reflection"

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="key_messages")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.KEY_MESSAGE)
    text = models.TextField()
    # The same in Welsh, typed by staff; empty means Welsh pages show the English.
    text_cy = models.TextField(blank=True)
    published = models.BooleanField(default=False)

    def __str__(self) -> str:
        return self.text[:60]
