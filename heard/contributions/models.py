from __future__ import annotations

from django.db import models
from django.utils.translation import gettext, gettext_noop, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from heard.activities.models import Activity
from heard.core import vocab
from heard.core.model_parts import NEWEST_FIRST, staff_member
from heard.core.vocab import AGE_JOURNEY_LABELS, KIND_LABELS
from heard.people.models import Receipt

# Bump when the wording of a consent question changes; each answer keeps the version it answered.
CONSENT_TEXT_VERSION = "2026-11-v1"
# The consent questions in child words, shown to anyone who says they are 12 or younger.
CHILD_CONSENT_TEXT_VERSION = "2026-12-child-v1"
# The easy-read consent page (band_texts.EASY_CONSENT: short sentences beside pictures), for the
# youngest bands and anyone who asks for it. Its own words, so its own version.
EASY_READ_CONSENT_TEXT_VERSION = "2026-12-easy-read-v1"
# The tick boxes on the printed paper form (heard/contributions/paper.py), worded for paper.
PAPER_CONSENT_TEXT_VERSION = "2026-12-paper-v1"
CONSENT_PURPOSES = ("analysis", "quote", "publish")
# Each choice as participants read it (the receipt page, "your data"), marked for translation.
CONSENT_WORDS = {
    "analysis": gettext_noop("Read with what other people said"),
    "quote": gettext_noop("Quote in reports, without your name"),
    "publish": gettext_noop("Show on the website, without your name"),
}
# A safeguarding flag in these states is still being worked on: its contribution is not
# published, waits before joining analysis (immediate risk) and is not expired. The same states
# as SafeguardingFlag.OPEN_STATUSES, written here because safety sits above contributions
# (tests/safety/test_flag_statuses.py checks that the two agree).
OPEN_FLAG_STATUSES = ("open", "acknowledged", "action_taken")


class ContributionQuerySet(models.QuerySet["Contribution"]):
    def live(self) -> ContributionQuerySet:
        """Everything sent and not withdrawn or erased: the only rows anything may be built
        from. Words kept before Send (held_for_safeguarding) are for the safeguarding lead."""
        return self.exclude(status__in=Contribution.GONE_STATUSES).sent()

    def sent(self) -> ContributionQuerySet:
        """What people chose to send: not the disclosures kept before Send (see
        held_for_safeguarding), which are for the safeguarding lead alone."""
        return self.filter(held_for_safeguarding=False)

    def published(self) -> ContributionQuerySet:
        """Belt and braces: the publish action checks all of this, and so does every listing."""
        return self.filter(
            status=Contribution.Status.PUBLISHED, consent_publish=True, held_for_safeguarding=False,
            redaction_reviewed_at__isnull=False,
        ).exclude(public_text="").exclude(
            safeguarding_flags__status__in=OPEN_FLAG_STATUSES)

    def for_analysis(self) -> ContributionQuerySet:
        """Consented, sent, and not waiting on an immediate-risk flag: a child at risk is a
        safeguarding matter first, and joins the analysis only once the flag is closed."""
        return (
            self.live().sent().filter(consent_analysis=True)
            .exclude(status__in=(Contribution.Status.DRAFT, Contribution.Status.REJECTED))
            .exclude(safety_level=Contribution.SafetyLevel.UNCHECKED)
            .exclude(safeguarding_flags__level="immediate",
                     safeguarding_flags__status__in=OPEN_FLAG_STATUSES)
        )


class Contribution(models.Model):
    class Kind(models.TextChoices):
        STORY = "story", "Story"
        PROBLEM = "problem", "Problem"
        IDEA = "idea", "Idea"

    class Status(models.TextChoices):
        # Participants see these on their receipt page, in English or Welsh.
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        IN_MODERATION = "in_moderation", _("Waiting to be checked")
        PUBLISHED = "published", pgettext_lazy("status", "Published")
        HELD = "held", _("Held back")
        REJECTED = "rejected", _("Not published")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        ERASED = "erased", _("Erased")

    class Channel(models.TextChoices):
        WEB = "web", "Web journey"
        STAFF = "staff", "Entered by staff"
        IMPORT = "import", "Imported"
        PAPER = "paper", "Paper form, typed in by staff"

    class HelperRole(models.TextChoices):
        """Who helped the person share: a role, never a name."""
        NONE = "", _("No one")
        TRUSTED_ADULT = "trusted_adult", _("A trusted adult")
        ADVOCATE = "advocate", _("An advocate")
        SOCIAL_WORKER = "social_worker", _("A social worker")
        OTHER_WORKER = "other_worker", _("Another worker")
        INTERPRETER = "interpreter", _("An interpreter")
        CARER = "carer", _("A foster or kinship carer")

    class CaptureMode(models.TextChoices):
        """How the words reached the page, so analysis can weigh summarised words."""
        OWN_WORDS = vocab.OWN_WORDS, "Their own words"
        WRITTEN_DOWN = vocab.WRITTEN_DOWN, "Written down by a helper, as said"
        SUMMARISED = vocab.SUMMARISED, "Summarised by a helper"

    class SafetyLevel(models.TextChoices):
        UNCHECKED = "unchecked", "Not checked yet"
        NONE = "none", "No risk found"
        CONCERN = "concern", "Concern"
        IMMEDIATE = "immediate", "Immediate risk"

    GONE_STATUSES = (Status.WITHDRAWN, Status.ERASED)

    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="contributions")
    receipt = models.ForeignKey(
        Receipt, null=True, blank=True, on_delete=models.SET_NULL, related_name="contributions"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    channel = models.CharField(max_length=20, choices=Channel.choices, default=Channel.WEB)
    safety_level = models.CharField(max_length=20, choices=SafetyLevel.choices,
                                    default=SafetyLevel.UNCHECKED, db_index=True)
    title = models.CharField(max_length=200, blank=True)
    text = models.TextField(blank=True)
    # The text after a moderator's review of redactions: the only version ever published or
    # quoted. Empty until reviewed.
    public_text = models.TextField(blank=True)
    # Machine suggestions (None until computed) and the spans the moderator accepted.
    redaction_suggestions = models.JSONField(null=True, blank=True)
    redactions = models.JSONField(default=list, blank=True)
    redaction_reviewed_at = models.DateTimeField(null=True, blank=True)
    perspectives = models.JSONField(default=list, blank=True)
    equality = models.JSONField(default=dict, blank=True)
    consent_analysis = models.BooleanField(default=False)
    consent_quote = models.BooleanField(default=False)
    consent_publish = models.BooleanField(default=False)
    consent_version = models.CharField(max_length=40, blank=True)
    # Assisted capture: who helped (a role, never a name) and how the words were written.
    helper_role = models.CharField(max_length=20, choices=HelperRole.choices, blank=True,
                                   default=HelperRole.NONE)
    capture_mode = models.CharField(max_length=20, choices=CaptureMode.choices,
                                    default=CaptureMode.OWN_WORDS)
    # Under-13s where the service asks a supporting adult too (HEARD_UNDER_13_ADULT_AGREEMENT):
    # True or False is the adult's answer; None means the adult was not asked.
    supporting_adult_agreed = models.BooleanField(null=True, blank=True)
    # Paper forms: the staff member who typed the words in from the form.
    entered_by = staff_member(optional=True, on_delete=models.SET_NULL)
    # Shown to the person on their receipt page, so written for them.
    moderation_reason = models.TextField(blank=True)
    moderated_by = staff_member(optional=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    moderated_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    import_reference = models.CharField(max_length=200, blank=True)
    # Words that say someone may be unsafe now, kept as soon as they were written although the
    # person has not pressed Send (they may never). Only the safeguarding lead sees them; with
    # no consent they are never published or analysed. Sending them clears this.
    held_for_safeguarding = models.BooleanField(default=False)
    # The age band the person chose on the share journey's first page ("" if they never saw it,
    # as for imports and staff entry); it picked the wording they read (docs/decisions/0021).
    age_journey = models.CharField(max_length=12, choices=AGE_JOURNEY_LABELS, blank=True)
    # Their answer to "How do you feel about where you live?" on the five-face scale, worst (1)
    # to best (5); None when skipped or not asked.
    home_feeling = models.PositiveSmallIntegerField(null=True, blank=True)

    objects = ContributionQuerySet.as_manager()

    class Meta:
        ordering = NEWEST_FIRST
        permissions = [
            ("moderate_contribution", "Can check and publish or hold contributions"),
            ("view_contribution_text", "Can read contributions before publication"),
            ("view_contribution_stats", "Can see counts of contributions"),
            ("export_contributions", "Can export contributions for analysis"),
            ("export_raw_text", "Can export contributions' words as written, before redaction"),
            ("record_contribution", "Can enter contributions on someone's behalf"),
            ("erase_contribution", "Can erase a contribution"),
            ("import_contributions", "Can import contributions from other tools"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.pk}"

    @property
    def kind_label(self) -> str:
        return gettext(KIND_LABELS[self.kind]) if self.kind in KIND_LABELS else self.kind

    def is_gone(self) -> bool:
        return self.status in self.GONE_STATUSES

    def has_open_safeguarding_flag(self) -> bool:
        return self.safeguarding_flags.filter(  # type: ignore[attr-defined]
            status__in=OPEN_FLAG_STATUSES
        ).exists()

    def is_publishable(self) -> bool:
        """Could a moderator publish this now? Consent, words left, safety checked, and no
        safeguarding flag still open."""
        return (
            self.consent_publish
            and not self.held_for_safeguarding
            and not self.is_gone()
            and self.status != self.Status.DRAFT
            and bool(self.text.strip())
            and self.safety_level != self.SafetyLevel.UNCHECKED
            and not self.has_open_safeguarding_flag()
        )

    def redactions_applied(self) -> bool:
        return self.redaction_reviewed_at is not None and bool(self.public_text.strip())

    def is_quotable(self) -> bool:
        """May these words appear as a quote in a report? Only the reviewed, redacted text, only
        with consent to quote, and never while a safeguarding flag is open."""
        return (
            self.consent_quote
            and not self.held_for_safeguarding
            and not self.is_gone()
            and self.status not in (self.Status.DRAFT, self.Status.REJECTED)
            and self.safety_level != self.SafetyLevel.UNCHECKED
            and self.redactions_applied()
            and not self.has_open_safeguarding_flag()
        )

    def quote_text(self) -> str | None:
        return self.public_text if self.is_quotable() else None

    def is_public(self) -> bool:
        return (self.status == self.Status.PUBLISHED and self.consent_publish
                and self.redactions_applied() and not self.has_open_safeguarding_flag())

    def is_assisted(self) -> bool:
        return bool(self.helper_role) or self.capture_mode != self.CaptureMode.OWN_WORDS

    def consent_rows(self) -> list[tuple[str, str, bool]]:
        return [(purpose, gettext(CONSENT_WORDS[purpose]), given)
                for purpose, given in self.consents().items()]

    def consents(self) -> dict[str, bool]:
        return {
            "analysis": self.consent_analysis,
            "quote": self.consent_quote,
            "publish": self.consent_publish,
        }


class ConsentEvent(models.Model):
    """Every consent given or changed, with the version of the words the person answered."""

    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="consent_events"
    )
    purpose = models.CharField(max_length=20, choices=[(p, p) for p in CONSENT_PURPOSES])
    given = models.BooleanField()
    text_version = models.CharField(max_length=40)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.purpose}={'yes' if self.given else 'no'}"
