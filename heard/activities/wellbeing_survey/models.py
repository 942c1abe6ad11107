"""A wellbeing survey's waves, the answers given in each, and the reference figures staff load.
Answers carry no words and no name: a band, a perspective and a point on a scale. Anything a
child writes goes to a contribution (triaged and moderated), linked from the response."""

from __future__ import annotations

from datetime import date

from django.db import models

from heard.activities.models import Activity
from heard.contributions.models import Contribution
from heard.core.model_parts import one_row_per


class Wave(models.Model):
    """One run of the survey: wave 1, wave 2... The questions are the same in every wave."""
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="waves")
    number = models.PositiveIntegerField()
    opens_on = models.DateField()
    closes_on = models.DateField()  # the last day answers are taken
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["activity", "number"]
        constraints = [one_row_per("activity", "number",
                                   name="wellbeing_one_wave_number_per_survey")]

    def __str__(self) -> str:
        return f"Wave {self.number}"

    def is_open_on(self, day: date) -> bool:
        return self.opens_on <= day <= self.closes_on


class WaveResponse(models.Model):
    """One person's answers in one wave."""
    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="responses")
    band = models.CharField(max_length=10, blank=True)  # questions.BANDS, or "" if not said
    perspective = models.CharField(max_length=40, blank=True)  # a vocab code, or ""
    # What they wrote in the last box, as a contribution (triaged, never published without
    # moderation); null when they wrote nothing. Withdrawing or erasing it leaves the scores.
    comment = models.ForeignKey(Contribution, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    submitted_at = models.DateTimeField(auto_now_add=True)
    # A random value the answer page carries, so pressing Send twice saves one response.
    send_token = models.CharField(max_length=64, null=True, blank=True, unique=True)

    def __str__(self) -> str:
        return f"Response {self.pk} in wave {self.wave.number}"


class WaveAnswer(models.Model):
    response = models.ForeignKey(WaveResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.CharField(max_length=40)  # a questions.Question key
    choice = models.PositiveSmallIntegerField()  # 0 is the bottom of the scale
    points = models.PositiveSmallIntegerField()  # how many answers the scale had

    class Meta:
        constraints = [one_row_per("response", "question",
                                   name="wellbeing_one_answer_per_question")]

    def __str__(self) -> str:
        return f"{self.question}: {self.choice + 1} of {self.points}"


class WellbeingReference(models.Model):
    """A published figure to compare a question with (share answering positively)."""
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE,
                                 related_name="wellbeing_references")
    question = models.CharField(max_length=40)
    share_positive = models.DecimalField(max_digits=5, decimal_places=1)
    source = models.CharField(max_length=200)
    year = models.PositiveSmallIntegerField()
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["question", "-year", "source"]
        constraints = [one_row_per("activity", "question", "source", "year",
                                   name="wellbeing_one_reference_per_source_year")]

    def __str__(self) -> str:
        return f"{self.question}: {self.share_positive}% ({self.source}, {self.year})"
