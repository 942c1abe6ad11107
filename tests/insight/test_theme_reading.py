"""Analysts read a theme's contributions (redacted words, who raised them, small groups
hidden), confirm merges and splits, and a run is not kept waiting behind background work."""

from __future__ import annotations

import re

import pytest

from heard.contributions.actions import NewContribution, do_submit_contribution
from heard.insight.models import AnalysisRun, Assignment, Theme
from heard.tasks.models import Task
from heard.tasks.queue import claim_next, enqueue, run_pending

from ..conftest import client_for
from .test_insight import TOPICS, share

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fake_embedder(settings):
    settings.HEARD_EMBEDDERS = ["fake", "static"]


@pytest.fixture
def run(activity, moderator, analyst) -> AnalysisRun:
    for n in range(10):
        for name, (text, perspective) in TOPICS.items():
            share(activity, moderator, f"{text} number {n} {name}{n}", perspective)
    named, _ = do_submit_contribution(activity, NewContribution(
        kind="story", text="Dads are never invited, said Sarah Jones, fathers are left out",
        perspectives=("parent_father", "adopted"), consents={"analysis": True}), None)
    named.redaction_suggestions = [{"type": "PERSON", "start": 29, "end": 40, "score": 0.9}]
    named.save(update_fields=["redaction_suggestions"])
    client_for(analyst).post("/staff/themes/", {"scope": "all", "embedder": "fake", "k": "3"})
    run_pending()
    found = AnalysisRun.objects.latest("id")
    assert found.status == "done", found.message
    return found


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_an_analyst_reads_redacted_words_and_who_raised_them(run, analyst):
    named = Assignment.objects.get(run=run, contribution__text__contains="Sarah Jones")
    html = client_for(analyst).get(f"/staff/themes/{named.theme_id}/").content.decode()
    assert "Sarah Jones" not in html
    assert "Dads are never invited, said [name], fathers are left out" in html
    text = _text(html)
    # Ten fathers share the theme; the one adopted person's perspective is not shown.
    assert "Raised by: Fathers; a perspective fewer than 5 people in this theme share." in text
    assert "Adopted" not in text
    assert "Raised by: Fathers." in text


def test_members_are_paged(run, analyst, activity, moderator):
    theme = Theme.objects.filter(run=run).order_by("-size").first()
    Assignment.objects.filter(run=run).update(theme=theme)
    client = client_for(analyst)
    first = client.get(f"/staff/themes/{theme.pk}/").content.decode()
    second = client.get(f"/staff/themes/{theme.pk}/?page=2").content.decode()
    ids = [re.findall(r"Contribution (\d+)", page) for page in (first, second)]
    assert len(ids[0]) == 25 and ids[1] and not set(ids[0]) & set(ids[1])
    assert "govuk-pagination" in first


def test_merge_and_split_change_nothing_until_confirmed(run, analyst):
    source, target = list(Theme.objects.filter(run=run).order_by("-size"))[:2]
    client = client_for(analyst)
    page = client.post(f"/staff/themes/{source.pk}/merge/", {"target": target.pk})
    assert page.status_code == 200 and "Yes, merge" in page.content.decode()
    assert f"Merge “{source.label}” into “{target.label}”?" in page.content.decode()
    assert Theme.objects.filter(pk=source.pk).exists()
    page = client.post(f"/staff/themes/{target.pk}/split/")
    assert "Yes, split" in page.content.decode()
    assert Theme.objects.filter(run=run).count() == 3
    client.post(f"/staff/themes/{source.pk}/merge/", {"target": target.pk,
                                                       "confirm": "yes"})
    assert not Theme.objects.filter(pk=source.pk).exists()
    client.post(f"/staff/themes/{target.pk}/split/", {"confirm": "yes"})
    assert Theme.objects.filter(run=run, key__contains="split-").exists()


def test_a_run_is_claimed_before_a_backlog_of_background_work(analyst, activity):
    for n in range(5):
        enqueue("safety.suggest_redactions", contribution_id=10_000 + n)
    run = AnalysisRun.objects.create(embedder="fake", created_by=analyst)
    waited_on = enqueue("insight.run", run_id=run.pk)
    claimed = claim_next()
    assert claimed is not None and claimed.pk == waited_on.pk
    assert Task.objects.filter(name="safety.suggest_redactions", attempts=0).count() == 5


def test_the_run_page_reports_its_status_as_json(analyst):
    run = AnalysisRun.objects.create(embedder="fake", created_by=analyst)
    reply = client_for(analyst).get(f"/staff/themes/runs/{run.pk}/?format=json").json()
    assert reply == {"status": "queued", "progress": 0, "message": ""}
