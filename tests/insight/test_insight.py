"""Analysts find themes in what people shared, correct the machine, and keep their edits when
the analysis runs again; withdrawn words leave every label, key word list and quote."""

from __future__ import annotations

import pytest

from heard.audit.models import AuditEvent
from heard.contributions.actions import do_withdraw_contribution
from heard.contributions.models import Contribution
from heard.insight.models import AnalysisRun, Assignment, Theme
from heard.safety.actions import do_review_redactions
from heard.tasks.queue import run_pending

from ..conftest import client_for, submitted

pytestmark = pytest.mark.django_db
TOPICS = {
    "placement": ("I moved placement again and had to pack my bags in bin bags placement "
                  "moves are hard", "care_leaver"),
    "fathers": ("Dads are never invited to the meetings fathers are left out of plans",
                "parent_father"),
    "leaving": ("Leaving care at eighteen with no flat and no money leaving care is lonely",
                "social_worker"),
}


@pytest.fixture(autouse=True)
def fake_embedder(settings):
    settings.HEARD_EMBEDDERS = ["fake", "static"]


def share(activity, moderator, text: str, perspective: str, quote: bool = True):
    contribution, _ = submitted(activity, "story", text, (perspective,),
                                {"analysis": True, "quote": quote, "publish": True})
    if quote:
        do_review_redactions(contribution, moderator, [])
    return contribution


@pytest.fixture
def corpus(activity, moderator):
    made = []
    for n in range(8):
        for name, (text, perspective) in TOPICS.items():
            made.append(share(activity, moderator, f"{text} number {n} {name}{n}", perspective))
    return made


def start(client, **data) -> AnalysisRun:
    response = client.post("/staff/themes/", {"scope": "all", "embedder": "fake", **data})
    assert response.status_code == 302
    return AnalysisRun.objects.latest("id")


def test_a_run_puts_every_contribution_in_exactly_one_theme(corpus, analyst):
    client = client_for(analyst)
    run = start(client, k="3")
    assert run.status == "queued"
    assert client.get(f"/staff/themes/runs/{run.pk}/?format=json").json()["progress"] == 0
    run_pending()
    run.refresh_from_db()
    assert run.status == "done", run.message
    assert Assignment.objects.filter(run=run).count() == len(corpus)
    assert set(Assignment.objects.filter(run=run).values_list("contribution_id", flat=True)) \
        == {c.pk for c in corpus}
    themes = list(run.themes.all())
    assert len(themes) == 3 and sum(t.size for t in themes) == len(corpus)
    page = client.get(f"/staff/themes/runs/{run.pk}/").content.decode()
    assert all(t.label in page for t in themes)
    with_quotes = next(t for t in themes if t.quote_ids)
    detail = client.get(f"/staff/themes/{with_quotes.pk}/").content.decode()
    assert 'data-testid="quote"' in detail and "Who raised it" in detail
    # "lonely" raises a concern: a flagged contribution is never quoted until it is closed.
    flagged = next(t for t in themes if "Leaving" in t.label)
    assert flagged.quote_ids == []


def test_edits_survive_a_rerun_after_new_contributions(corpus, analyst, activity, moderator):
    client = client_for(analyst)
    run = start(client, k="3")
    run_pending()
    themes = list(Theme.objects.filter(run=run))
    renamed, source, target = themes[0], themes[1], themes[2]
    client.post(f"/staff/themes/{renamed.pk}/rename/", {"label": "Moving home"})
    client.post(f"/staff/themes/{source.pk}/merge/", {"target": target.pk,
                                                        "confirm": "yes"})
    assert not Theme.objects.filter(pk=source.pk).exists()
    for n in range(3):
        share(activity, moderator, TOPICS["placement"][0] + f" again {n}", "child_in_care")
    second = start(client, k="3")
    run_pending()
    second.refresh_from_db()
    assert second.status == "done", second.message
    keys = dict(Theme.objects.filter(run=second).values_list("key", "label"))
    assert keys.get(renamed.key) == "Moving home"
    assert source.key not in keys  # still merged
    assert Assignment.objects.filter(run=second).count() == len(corpus) + 3


def test_each_theme_edit_is_a_post_of_its_own_and_a_bad_choice_changes_nothing(corpus, analyst):
    client = client_for(analyst)
    run = start(client, k="3")
    run_pending()
    first, second = list(run.themes.all())[:2]
    assert client.get(f"/staff/themes/{first.pk}/merge/").status_code == 405
    assert client.post(f"/staff/themes/{first.pk}/").status_code == 405
    page = client.post(f"/staff/themes/{first.pk}/merge/", {"target": "99999", "confirm": "yes"},
                       follow=True)
    assert "Choose a theme to merge into." in page.content.decode()
    page = client.post(f"/staff/themes/{first.pk}/move/", {"assignment": "x",
                                                          "target": second.pk}, follow=True)
    assert "Choose a contribution and a theme to move it to." in page.content.decode()
    assert Theme.objects.filter(pk=first.pk).exists() and not first.assignments.filter(
        moved_by_analyst=True).exists()
    client.post(f"/staff/themes/{first.pk}/lock/")
    first.refresh_from_db()
    assert first.locked
    client.post(f"/staff/themes/{first.pk}/unlock/")
    first.refresh_from_db()
    assert not first.locked


def test_moving_a_contribution_sticks_across_runs(corpus, analyst):
    client = client_for(analyst)
    run = start(client, k="3")
    run_pending()
    first, second = list(run.themes.all())[:2]
    assignment = first.assignments.first()
    client.post(f"/staff/themes/{first.pk}/move/", {"assignment": assignment.pk,
                                                    "target": second.pk})
    again = start(client, k="3")
    run_pending()
    moved = Assignment.objects.get(run=again, contribution=assignment.contribution)
    assert moved.theme.key == second.key and moved.moved_by_analyst


def test_withdrawn_words_leave_labels_key_words_and_quotes(activity, moderator, analyst,
                                                          corpus):
    unique = share(activity, moderator, "Zanzibarian kaleidoscope xylophone marmalade "
                   "zanzibarian kaleidoscope " + TOPICS["fathers"][0], "parent_father")
    client = client_for(analyst)
    run = start(client, k="3")
    run_pending()
    theme = Assignment.objects.get(run=run, contribution=unique).theme
    Theme.objects.filter(pk=theme.pk).update(quote_ids=[unique.pk],
                                             key_words=["zanzibarian kaleidoscope"],
                                             label="zanzibarian kaleidoscope")
    before = client.get(f"/staff/themes/{theme.pk}/").content.decode()
    assert "marmalade" in before.lower()
    do_withdraw_contribution(unique, None)
    during = client.get(f"/staff/themes/{theme.pk}/").content.decode().lower()
    assert "zanzibarian" not in during and "marmalade" not in during
    run_pending()
    theme.refresh_from_db()
    assert not theme.stale
    # The withdrawal reaching the run's themes is in the log, with no words.
    refreshed = AuditEvent.objects.get(action="analysis.refreshed")
    assert refreshed.object_id == str(run.pk) and refreshed.actor is None
    assert refreshed.details["themes"] >= 1
    assert "zanzibarian" not in str(refreshed.details).lower()
    after = " ".join([theme.label, *theme.key_words]).lower()
    assert "zanzibarian" not in after and "kaleidoscope" not in after
    listing = client.get(f"/staff/themes/runs/{run.pk}/").content.decode().lower()
    assert "zanzibarian" not in listing


def test_bad_requests_get_clear_messages(analyst, corpus):
    client = client_for(analyst)
    for data, message in (({"k": "1"}, "between 2 and 200"), ({"k": "abc"}, "whole number"),
                          ({"embedder": "magic"}, "from the list"),
                          ({"scope": "nope"}, "from the list")):
        page = client.post("/staff/themes/", {"scope": "all", "embedder": "fake", **data})
        assert page.status_code == 400 and message in page.content.decode()
        if "k" in data:  # the form shows what was typed again
            assert f'name="k" type="text" inputmode="numeric" value="{data["k"]}"' in \
                page.content.decode()
    assert AnalysisRun.objects.count() == 0


def test_too_few_contributions_fail_with_a_message(analyst, activity, moderator):
    share(activity, moderator, "Only one story.", "care_leaver")
    client = client_for(analyst)
    run = start(client)
    run_pending()
    run.refresh_from_db()
    assert run.status == "failed" and "at least 10" in run.message
    failed = AuditEvent.objects.get(action="analysis.failed")
    assert (failed.object_id, failed.actor) == (str(run.pk), analyst)
    assert "at least 10" in client.get(f"/staff/themes/runs/{run.pk}/").content.decode()


def test_only_analysts_run_analyses(make_staff, outsider, client):
    for role in ("moderator", "facilitator", "service_lead", "safeguarding_lead"):
        assert client_for(make_staff(role)).get("/staff/themes/").status_code == 403
    assert client_for(outsider).get("/staff/themes/").status_code == 403
    assert client.get("/staff/themes/").status_code == 302


def test_a_response_to_a_theme_reaches_everyone_whose_words_fed_it(
    corpus, analyst, make_staff, activity
):
    from django.test import Client

    from heard.accountability.actions import do_add_action, do_publish_response

    contribution, code = submitted(activity, "story", TOPICS["fathers"][0] + " my own words",
                                   ("parent_father",), {"analysis": True})
    run = start(client_for(analyst), k="3")
    run_pending()
    theme = Assignment.objects.get(run=run, contribution=contribution).theme
    lead = make_staff("service_lead")
    answer = do_publish_response(activity, "Dads in every review", "We heard you.", lead,
                                 theme_key=theme.key)
    do_add_action(answer, "Invite fathers by default", "Reviewing officers", lead)
    other = Assignment.objects.filter(run=run).exclude(theme=theme).first().contribution
    visitor = Client()
    visitor.post("/receipt/", {"code": code})
    page = visitor.get("/receipt/yours/").content.decode()
    assert "Dads in every review" in page and "Invite fathers by default" in page
    from heard.accountability.notifications import contributions_answered_by

    answered = set(contributions_answered_by(answer).values_list("pk", flat=True))
    assert contribution.pk in answered and other.pk not in answered


def test_theme_pages_show_a_description_that_quotes_only_while_quoting_is_allowed(
        activity, moderator, analyst, corpus):
    silent = [share(activity, moderator, f"{TOPICS['fathers'][0]} quiet {n}", "parent_father",
                    quote=False) for n in range(3)]
    client = client_for(analyst)
    run = start(client, k="3")
    run_pending()
    themes = list(run.themes.all())
    assert all(t.description for t in themes)
    assert len({t.label.lower() for t in themes}) == len(themes)
    quoted = next(t for t in themes if t.description_from is not None)
    source = Contribution.objects.get(pk=quoted.description_from)
    assert source in corpus and source.consent_quote
    assert quoted.description_quote.rstrip(".") in (source.quote_text() or "")
    assert all(t.description_from not in {c.pk for c in silent} for t in themes)
    page = client.get(f"/staff/themes/{quoted.pk}/").content.decode()
    assert 'data-testid="theme-description"' in page
    assert f"“{quoted.description_quote}”" in page.replace("&#x27;", "'")
    report = client.get("/staff/reports/key-messages/").content.decode()
    assert 'data-testid="theme-description"' in report
    # Once the author withdraws, the quote leaves the page at once and the stored copy goes.
    words = quoted.description_quote
    do_withdraw_contribution(source, None)
    quoted.refresh_from_db()
    assert quoted.description_quote == ""  # erased with the withdrawal, not left for a task
    assert words not in client.get(f"/staff/themes/{quoted.pk}/").content.decode()
    run_pending()
    quoted.refresh_from_db()
    assert quoted.description_quote == "" and quoted.description_from is None
    assert quoted.description and not quoted.stale
