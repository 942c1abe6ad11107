"""Opinion maps: short statements, agree / disagree / pass, and the groups they reveal.

Voters are anonymous: a random row tied to a browser session, with optional self-described
perspectives. Votes carry no text, so they are not audited one by one; statements are.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from heard.activities.models import Activity
from heard.contributions.models import Contribution
from heard.core.model_parts import one_row_per
from heard.core.welsh import WelshWording

STATEMENT_MAX_LENGTH = 400


class OpinionMap(models.Model):
    activity = models.OneToOneField(Activity, on_delete=models.PROTECT,
                                    related_name="opinion_map")
    allow_participant_statements = models.BooleanField(default=True)
    # The latest computed map, as shown on the results page, and the state the next update
    # starts from so groups do not flicker.
    result = models.JSONField(null=True, blank=True)
    state = models.JSONField(null=True, blank=True)
    updated_at = models.DateTimeField(null=True, blank=True)
    votes_counted = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"Opinion map for {self.activity}"


class Statement(WelshWording, models.Model):
    class Origin(models.TextChoices):
        SEED = "seed", "Added by the facilitator"
        IDEA = "idea", "From a shared idea"
        PARTICIPANT = "participant", "Suggested by a participant"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be checked"
        ACCEPTED = "accepted", "Shown to voters"
        REJECTED = "rejected", "Not shown"

    opinion_map = models.ForeignKey(OpinionMap, on_delete=models.CASCADE,
                                    related_name="statements")
    text = models.CharField(max_length=STATEMENT_MAX_LENGTH)
    # A Welsh wording of a statement staff wrote (never of a participant's own words). It is
    # the same statement, so votes on either wording count together; empty shows the English.
    text_cy = models.CharField(max_length=STATEMENT_MAX_LENGTH, blank=True)
    origin = models.CharField(max_length=20, choices=Origin.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING,
                              db_index=True)
    source_contribution = models.ForeignKey(Contribution, null=True, blank=True,
                                            on_delete=models.SET_NULL, related_name="+")
    external_id = models.IntegerField(null=True, blank=True)  # id in an imported Polis export
    # The voter who suggested it, so they can take it back (their votes go with it).
    author = models.ForeignKey("Voter", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="statements")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.text[:60]


class Voter(models.Model):
    opinion_map = models.ForeignKey(OpinionMap, on_delete=models.CASCADE, related_name="voters")
    perspectives = models.JSONField(default=list, blank=True)
    external_id = models.IntegerField(null=True, blank=True)
    # A signed-in participant's account, so erasing the account reaches their votes too.
    account = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Voter {self.pk}"


class Vote(models.Model):
    class Value(models.IntegerChoices):
        AGREE = 1, "Agree"
        DISAGREE = -1, "Disagree"
        PASS = 0, "Pass / unsure"

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey(Voter, on_delete=models.CASCADE, related_name="votes")
    value = models.SmallIntegerField(choices=Value.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [one_row_per("statement", "voter", name="one_vote_per_statement")]

    def __str__(self) -> str:
        return f"{self.voter_id} {self.value:+d} on {self.statement_id}"
