"""Analysts can tell contributions shared with help, and summarised by a helper, from the
person's own words: in the analysis input, on the theme page, the review page and the export."""

from __future__ import annotations

import csv
import io

import pytest

from heard.analysis.themes.capture import capture_mix
from heard.contributions.actions import NewContribution, do_submit_contribution
from heard.insight.inputs import gather
from heard.insight.models import Assignment

from ..conftest import client_for
from .test_theme_reading import _text, fake_embedder, run  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db


def test_capture_mix_counts_helped_written_down_and_summarised():
    mix = capture_mix([(False, "own_words"), (True, "own_words"), (True, "written_down"),
                       (True, "summarised"), (True, "summarised")])
    assert (mix.total, mix.helped, mix.written_down, mix.summarised) == (5, 4, 1, 2)
    assert mix.in_own_hand == 1
    assert capture_mix([]).total == 0


def assisted(activity, mode: str = "summarised"):
    return do_submit_contribution(activity, NewContribution(
        kind="story", text="They said the contact visits keep being cancelled at short notice.",
        perspectives=("child_in_care",), consents={"analysis": True, "quote": False},
        helper_role="advocate", capture_mode=mode), None)[0]


def test_the_analysis_input_carries_who_helped_and_how(activity):
    contribution = assisted(activity)
    inputs = gather(activity)
    at = inputs.ids.index(contribution.pk)
    assert inputs.helped[at] is True and inputs.capture_modes[at] == "summarised"
    assert len(inputs.helped) == len(inputs.capture_modes) == len(inputs.ids)


def test_the_theme_page_counts_summarised_members(run, analyst):  # noqa: F811
    member = Assignment.objects.filter(run=run).select_related("contribution").first()
    assert member is not None
    # Recorded as the share journey records it for an advocate's summary.
    type(member.contribution).objects.filter(pk=member.contribution_id).update(
        helper_role="advocate", capture_mode="summarised")
    text = _text(client_for(analyst).get(f"/staff/themes/{member.theme_id}/").content.decode())
    size = member.theme.size
    assert f"Shared with help: 1 of {size} contributions (0 written down by a helper as " \
           f"said, 1 summarised by a helper)." in text


def test_review_page_and_export_show_who_helped_and_how(activity, moderator, analyst):
    contribution = assisted(activity, mode="written_down")
    page = _text(client_for(moderator).get(f"/staff/moderation/{contribution.pk}/")
                 .content.decode())
    assert "Who helped An advocate: written down by a helper, as said" in page
    response = client_for(analyst).get("/staff/activities/share-your-experience/export.csv")
    rows = {int(r["id"]): r for r in csv.DictReader(io.StringIO(response.content.decode()))}
    row = rows[contribution.pk]
    assert (row["channel"], row["helper_role"], row["capture_mode"]) == (
        "web", "advocate", "written_down")
