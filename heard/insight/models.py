"""Analysis runs, their themes and assignments, and analysts' edits that outlive any one run.

Theme keys are stable across runs ("<scope>:<n>"): a re-run matches new themes to the previous
run's, so responses, edits and people's receipt pages keep pointing at the same theme.
"""

from __future__ import annotations

from django.db import models

from heard.activities.models import Activity
from heard.contributions.models import Contribution
from heard.core.model_parts import NEWEST_FIRST, Timestamped, one_row_per, staff_member


class AnalysisRun(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Running"
        DONE = "done", "Finished"
        FAILED = "failed", "Failed"

    activity = models.ForeignKey(Activity, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="analysis_runs")
    embedder = models.CharField(max_length=40, default="static")
    requested_k = models.PositiveIntegerField(null=True, blank=True)
    seed = models.IntegerField(default=0)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    message = models.CharField(max_length=300, blank=True)
    contributions_used = models.PositiveIntegerField(default=0)
    # The pipeline's ModelState, so the next run can keep theme identities.
    state = models.JSONField(null=True, blank=True)
    created_by = staff_member(optional=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = NEWEST_FIRST
        permissions = [("run_analysis", "Can run analyses and edit themes")]

    def __str__(self) -> str:
        return f"Run {self.pk} ({self.status})"

    @property
    def scope(self) -> str:
        return self.activity.slug if self.activity_id else "all"  # type: ignore[union-attr]


class Theme(models.Model):
    run = models.ForeignKey(AnalysisRun, on_delete=models.CASCADE, related_name="themes")
    key = models.CharField(max_length=80, db_index=True)
    label = models.CharField(max_length=200)
    key_words = models.JSONField(default=list)
    key_phrases = models.JSONField(default=list)
    size = models.PositiveIntegerField(default=0)
    # Contribution ids only: the words are read from the redacted text when shown, so a
    # withdrawal takes a quote off every page at once.
    quote_ids = models.JSONField(default=list)
    lens = models.JSONField(default=dict)
    # One sentence about the theme written from its own phrases (it quotes no one) and, where
    # a contributor agreed to be quoted, the theme's most central sentence in their moderated
    # words with their contribution's id: the quote is checked again each time it is shown.
    description = models.TextField(blank=True)
    description_quote = models.TextField(blank=True)
    description_from = models.IntegerField(null=True, blank=True)
    locked = models.BooleanField(default=False)
    # Set when a withdrawal changed the theme; labels and key words wait for a refresh.
    stale = models.BooleanField(default=False)

    class Meta:
        ordering = ["-size", "key"]
        constraints = [one_row_per("run", "key", name="one_key_per_run")]

    def __str__(self) -> str:
        return self.label

    @property
    def shown_label(self) -> str:
        """While stale, a machine-made label may hold a withdrawn person's words."""
        return "Theme being updated" if self.stale else self.label

    @property
    def shown_key_words(self) -> list[str]:
        return [] if self.stale else list(self.key_words)

    @property
    def shown_description(self) -> str:
        """The quoted sentence while its author may still be quoted (consent, moderation, no
        open safeguarding flag, still in this theme, not withdrawn), else the written one."""
        if self.stale:
            return ""
        if self.description_quote and self.description_from is not None:
            contribution = Contribution.objects.filter(pk=self.description_from).exclude(
                status=Contribution.Status.HELD).first()
            words = contribution.quote_text() if contribution is not None else None
            if words and self.description_quote.rstrip(".") in words and \
                    self.assignments.filter(contribution_id=self.description_from).exists():
                return f"“{self.description_quote}”"
        return self.description


class Assignment(models.Model):
    run = models.ForeignKey(AnalysisRun, on_delete=models.CASCADE, related_name="assignments")
    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE,
                                     related_name="theme_assignments")
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="assignments")
    score = models.FloatField()
    secondary_key = models.CharField(max_length=80, blank=True)
    secondary_score = models.FloatField(null=True, blank=True)
    moved_by_analyst = models.BooleanField(default=False)

    class Meta:
        constraints = [one_row_per("run", "contribution",
                                   name="one_theme_per_contribution_per_run")]

    def __str__(self) -> str:
        return f"{self.contribution_id} -> {self.theme_id}"


class AnalystDecision(models.Model):
    """An analyst's decision that outlasts the run it was made on: later runs of the same scope
    (an activity's analysis) apply it again. Who made it last, and when."""

    scope = models.CharField(max_length=80)
    updated_by = staff_member()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class ThemeEdit(AnalystDecision):
    """An analyst's lasting decision about a theme key: its name, a lock, or a merge."""

    key = models.CharField(max_length=80)
    label = models.CharField(max_length=200, blank=True)
    locked = models.BooleanField(default=False)
    merged_into = models.CharField(max_length=80, blank=True)

    class Meta:
        constraints = [one_row_per("scope", "key", name="one_edit_per_key")]

    def __str__(self) -> str:
        return f"{self.scope}/{self.key}"


class ContributionPin(AnalystDecision):
    """An analyst moved this contribution to a theme; later runs keep it there."""

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=80)

    class Meta:
        constraints = [one_row_per("scope", "contribution", name="one_pin_per_contribution")]

    def __str__(self) -> str:
        return f"{self.contribution_id} pinned to {self.key}"


class Code(Timestamped):
    """A qualitative code in the analysts' codebook: what it means and what fits it."""

    name = models.CharField(max_length=100, unique=True)
    definition = models.TextField(blank=True)
    examples = models.TextField(blank=True)
    created_by = staff_member()

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class CodeApplication(models.Model):
    """One analyst gave one code to one contribution. Each coder's codes are kept apart, so
    coders can be compared with each other."""

    code = models.ForeignKey(Code, on_delete=models.PROTECT, related_name="applications")
    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE,
                                     related_name="code_applications")
    coder = staff_member()
    applied_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [one_row_per("code", "contribution", "coder",
                                   name="one_application_per_coder")]

    def __str__(self) -> str:
        return f"{self.code_id} on {self.contribution_id} by {self.coder_id}"


class CodingReview(models.Model):
    """A coder has read this contribution and ticked what fits, perhaps nothing. Without it,
    "no code fits" and "not looked at yet" would look the same, and agreement would be
    measured over contributions one coder never saw."""

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE,
                                     related_name="coding_reviews")
    coder = staff_member()
    reviewed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [one_row_per("contribution", "coder", name="one_review_per_coder")]

    def __str__(self) -> str:
        return f"{self.contribution_id} reviewed by {self.coder_id}"


class Campaign(models.Model):
    """Near-identical texts sent by many people in one run (heard.analysis.themes.campaigns).
    No words are kept here: the text is read from a member's redacted words when shown, and
    the count from the live members, so a withdrawal changes both at once."""

    run = models.ForeignKey(AnalysisRun, on_delete=models.CASCADE, related_name="campaigns")
    # The member whose words stand for the campaign; another member takes over if it goes.
    representative = models.ForeignKey(Contribution, null=True, blank=True,
                                       on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["run", "id"]

    def __str__(self) -> str:
        return f"Campaign {self.pk} in run {self.run_id}"


class CampaignMember(models.Model):
    """One contribution is a copy in a campaign. Deleted when the contribution is withdrawn or
    erased (insight.campaigns.forget_campaign_member)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="members")
    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE,
                                     related_name="campaign_memberships")

    class Meta:
        constraints = [one_row_per("campaign", "contribution", name="one_membership_per_campaign")]

    def __str__(self) -> str:
        return f"{self.contribution_id} in campaign {self.campaign_id}"
