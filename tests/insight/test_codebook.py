"""Analysts keep a codebook, code contributions by hand, and see how far they agree with each
other and with the machine's themes. Only analysts; only contributions shared for analysis;
withdrawn words and their codes leave every page; bad input changes nothing."""

from __future__ import annotations

import pytest
from django.template.defaultfilters import floatformat

from heard.analysis.agreement import cohen_kappa, krippendorff_alpha_nominal
from heard.audit.models import AuditEvent
from heard.contributions.actions import do_withdraw_contribution
from heard.insight.codebook_actions import (
    CodebookError,
    do_apply_code,
    do_create_code,
    do_remove_code,
)
from heard.insight.models import AnalysisRun, Assignment, Code, CodeApplication, CodingReview
from heard.safety.actions import do_review_redactions
from heard.safety.redaction import Span
from heard.tasks.queue import run_pending

from ..conftest import client_for, submitted

pytestmark = pytest.mark.django_db
BOOK = "/staff/themes/codebook/"
CODING = "/staff/themes/codebook/coding/"
AGREEMENT = "/staff/themes/codebook/agreement/"


def share(activity, text: str, analysis: bool = True):
    return submitted(activity, "story", text, ("care_leaver",),
                     {"analysis": analysis, "quote": False, "publish": False})[0]


@pytest.fixture
def second_analyst(make_staff):
    from heard.people.actions import do_create_staff_member

    from ..conftest import STAFF_PASSWORD, give_authenticator

    user = do_create_staff_member("analyst-two", STAFF_PASSWORD, ["analyst"], None)
    give_authenticator(user)
    return user


@pytest.fixture
def stories(activity):
    return [share(activity, f"Story number {n} about moving placement and school.")
            for n in range(6)]


@pytest.fixture
def codes(analyst):
    return [do_create_code("Moving", "Changes of placement.", "I moved again.", analyst),
            do_create_code("School", "Education and school changes.", "", analyst),
            do_create_code("Unused", "Nobody will use this.", "", analyst)]


def code_it(client, contribution, *codes, filters=""):
    return client.post(CODING, {"contribution": contribution.pk,
                                "codes": [c.pk for c in codes], "filters": filters})


def test_analyst_creates_and_edits_a_code(analyst):
    client = client_for(analyst)
    response = client.post(BOOK, {"name": "  Being  moved ", "definition": "Placement moves.",
                                  "examples": "I moved four times."})
    assert response.status_code == 302
    code = Code.objects.get()
    assert (code.name, code.definition, code.created_by) == ("Being moved", "Placement moves.",
                                                             analyst)
    assert AuditEvent.objects.filter(action="code.created", object_id=str(code.pk),
                                     actor=analyst).exists()
    assert "Being moved" in client.get(BOOK).content.decode()
    assert f'href="{BOOK}"' in client.get("/staff/themes/").content.decode()  # found from themes
    response = client.post(f"{BOOK}{code.pk}/", {"name": "Moving home",
                                                 "definition": "Any change of home.",
                                                 "examples": ""})
    assert response.status_code == 302
    code.refresh_from_db()
    assert (code.name, code.definition, code.examples) == ("Moving home", "Any change of home.",
                                                           "")
    event = AuditEvent.objects.get(action="code.updated")
    assert set(event.details["changed"]) == {"name", "definition", "examples"}
    assert "Moving home" in client.get(f"{BOOK}{code.pk}/").content.decode()


@pytest.mark.parametrize(("data", "message"), [
    ({"name": ""}, "Give the code a name"),
    ({"name": "   \t "}, "Give the code a name"),
    ({"name": "x" * 101}, "100 characters or fewer"),
    ({"name": "moving"}, "already a code called"),
    ({"name": "New", "definition": "d" * 2001}, "2,000 characters or fewer"),
    ({"name": "New", "examples": "e" * 2001}, "2,000 characters or fewer"),
])
def test_bad_code_input_gets_a_message_and_changes_nothing(analyst, codes, data, message):
    client = client_for(analyst)
    before = list(Code.objects.values_list("pk", "name", "definition", "examples"))
    response = client.post(BOOK, data)
    assert response.status_code == 200 and message in response.content.decode()
    assert 'class="govuk-error-summary"' in response.content.decode()
    edit = client.post(f"{BOOK}{codes[1].pk}/", {"definition": "kept?", **data})
    assert edit.status_code == 200 and message in edit.content.decode()
    assert list(Code.objects.values_list("pk", "name", "definition", "examples")) == before
    assert not AuditEvent.objects.filter(action__in=("code.updated",)).exists()


def test_null_characters_and_unknown_codes_are_refused(analyst, codes):
    client = client_for(analyst)
    response = client.post(BOOK, {"name": "Bad\x00name"})
    assert response.status_code == 400 and "null character" in response.content.decode()
    assert client.get(f"{BOOK}99999/").status_code == 404
    assert client.post(f"{BOOK}99999/", {"name": "x"}).status_code == 404
    assert Code.objects.count() == 3


def test_coding_sets_exactly_the_ticked_codes_and_audits_it(analyst, codes, stories):
    client = client_for(analyst)
    moving, school, _ = codes
    story = stories[0]
    response = code_it(client, story, moving, school, filters="uncoded=1&next=http://evil")
    assert response.status_code == 302
    assert response["Location"] == f"{CODING}?uncoded=1#contribution-{story.pk}"
    assert set(CodeApplication.objects.filter(coder=analyst).values_list("code__name",
                                                                         flat=True)) \
        == {"Moving", "School"}
    event = AuditEvent.objects.get(action="contribution.coded")
    assert event.details == {"added": sorted([moving.pk, school.pk]), "removed": []}
    code_it(client, story, school)
    assert list(CodeApplication.objects.values_list("code", flat=True)) == [school.pk]
    assert AuditEvent.objects.filter(action="contribution.coded").latest("id").details \
        == {"added": [], "removed": [moving.pk]}
    # Ticking nothing is a decision too: no code fits, and the contribution counts as looked at.
    code_it(client, story)
    assert not CodeApplication.objects.exists()
    assert CodingReview.objects.filter(coder=analyst, contribution=story).exists()


def test_apply_and_remove_one_code_are_audited_and_idempotent(analyst, codes, stories):
    moving, story = codes[0], stories[0]
    do_apply_code(moving, story, analyst)
    do_apply_code(moving, story, analyst)
    assert CodeApplication.objects.count() == 1
    assert AuditEvent.objects.filter(action="code.applied").count() == 1
    assert do_remove_code(moving, story, analyst) is True
    assert do_remove_code(moving, story, analyst) is False
    assert AuditEvent.objects.filter(action="code.removed").count() == 1


def test_coding_page_shows_redacted_words_and_filters(analyst, second_analyst, codes, stories,
                                                     activity, moderator):
    named = share(activity, "My social worker Bartholomew moved me again.")
    start = named.text.index("Bartholomew")
    do_review_redactions(named, moderator, [Span("PERSON", start, start + 11, 1.0, "moderator")])
    client = client_for(analyst)
    page = client.get(CODING).content.decode()
    assert "Bartholomew" not in page and "moved me again" in page
    assert f"Contribution {stories[0].pk}" in page
    code_it(client, stories[0], codes[0])
    code_it(client_for(second_analyst), stories[1], codes[0])
    mine = client.get(CODING + "?uncoded=1").content.decode()
    assert f"Contribution {stories[0].pk}<" not in mine
    assert f"Contribution {stories[1].pk}<" in mine  # someone else coded it, not me
    assert AuditEvent.objects.filter(action="codebook.coding_viewed", actor=analyst).exists()
    other = client.get(CODING + "?activity=no-such-activity").status_code
    assert other == 200


def test_only_contributions_shared_for_analysis_can_be_coded(analyst, codes, activity):
    private = share(activity, "Please do not analyse this one.", analysis=False)
    client = client_for(analyst)
    assert "Please do not analyse" not in client.get(CODING).content.decode()
    for contribution_id in (private.pk, 99999, "abc", "", "²", "9" * 30, "-1"):
        page = client.post(CODING, {"contribution": contribution_id, "codes": [codes[0].pk]},
                           follow=True)
        assert page.status_code == 200 and "cannot be coded" in page.content.decode()
    with pytest.raises(CodebookError):
        do_apply_code(codes[0], private, analyst)
    assert not CodeApplication.objects.exists() and not CodingReview.objects.exists()


def test_unknown_code_ids_are_refused_and_nothing_changes(analyst, codes, stories):
    client = client_for(analyst)
    code_it(client, stories[0], codes[0])
    for bad in (["99999"], [str(codes[1].pk), "abc"], ["-1"], ["²"], ["9" * 30]):
        page = client.post(CODING, {"contribution": stories[0].pk, "codes": bad}, follow=True)
        assert page.status_code == 200 and "Choose codes from the list" in page.content.decode()
    assert list(CodeApplication.objects.values_list("code", flat=True)) == [codes[0].pk]


def test_only_analysts_see_or_change_the_codebook(make_staff, outsider, client, codes, stories):
    pages = (BOOK, f"{BOOK}{codes[0].pk}/", CODING, AGREEMENT)
    for role in ("moderator", "facilitator", "service_lead", "safeguarding_lead",
                 "administrator"):
        staff = client_for(make_staff(role))
        assert [staff.get(p).status_code for p in pages] == [403] * 4
        assert staff.post(BOOK, {"name": "Sneaky"}).status_code == 403
        assert code_it(staff, stories[0], codes[0]).status_code == 403
    participant = client_for(outsider)
    assert [participant.get(p).status_code for p in pages] == [403] * 4
    for p in pages:
        response = client.get(p)
        assert response.status_code == 302 and "/staff/sign-in/" in response["Location"]
    assert client.post(BOOK, {"name": "Anonymous"}).status_code == 302
    assert Code.objects.count() == 3 and not CodeApplication.objects.exists()


def figures(page: str, testid: str) -> list[str]:
    import re

    return re.findall(rf'data-testid="{testid}">([^<]+)<', page)


def test_agreement_page_shows_kappa_and_alpha(analyst, second_analyst, codes, stories):
    moving, school, unused = codes
    first, second = client_for(analyst), client_for(second_analyst)
    # "Moving": the two coders agree on 5 of 6; "School": they agree on 4 of 6.
    pattern_a = [(moving, school), (moving,), (moving,), (), (school,), (moving, school)]
    pattern_b = [(moving, school), (moving,), (moving, school), (), (), (school,)]
    for story, mine, theirs in zip(stories, pattern_a, pattern_b, strict=True):
        code_it(first, story, *mine)
        code_it(second, story, *theirs)
    page = first.get(AGREEMENT).content.decode()

    def present(pattern, code):
        return [code in given for given in pattern]

    expected = {}
    for code in (moving, school):
        a, b = present(pattern_a, code), present(pattern_b, code)
        expected[code.name] = (cohen_kappa(a, b),
                               krippendorff_alpha_nominal(zip(a, b, strict=True)))
    kappas, alphas = figures(page, "kappa"), figures(page, "alpha")
    # Codes are listed by name; "Unused" was given by nobody, so it cannot be measured.
    unmeasured = "not enough variation to measure"
    shown = {name: [floatformat(v, 2) for v in values] for name, values in expected.items()}
    assert kappas == [shown["Moving"][0], shown["School"][0], unmeasured]
    assert alphas == [shown["Moving"][1], shown["School"][1], unmeasured]
    # Checked by hand for "Moving": p_o = 5/6, p_e = (4/6)(3/6) + (2/6)(3/6) = 1/2 -> 2/3.
    assert expected["Moving"][0] == pytest.approx(2 / 3)
    assert "analyst-persona and analyst-two, 6 shared" in page
    assert "2 analysts have coded" in page


def test_withdrawal_takes_codes_off_every_page(analyst, second_analyst, codes, stories):
    first, second = client_for(analyst), client_for(second_analyst)
    moving = codes[0]
    for story in stories:
        code_it(first, story, moving)
        code_it(second, story, *([moving] if story != stories[0] else []))
    before = first.get(AGREEMENT).content.decode()
    assert "6 shared" in before
    assert "11 times" in first.get(f"{BOOK}{moving.pk}/").content.decode()  # 6 + 5
    gone = stories[0]
    do_withdraw_contribution(gone, None)
    after = first.get(AGREEMENT).content.decode()
    assert "5 shared" in after and "6 shared" not in after
    # Without the withdrawn disagreement, both coders gave "Moving" to everything left.
    assert figures(after, "kappa")[0] == "not enough variation to measure"
    assert f"Contribution {gone.pk}<" not in first.get(CODING).content.decode()
    assert "10 times" in first.get(f"{BOOK}{moving.pk}/").content.decode()
    page = first.post(CODING, {"contribution": gone.pk, "codes": [moving.pk]}, follow=True)
    assert "cannot be coded" in page.content.decode()
    with pytest.raises(CodebookError):
        do_remove_code(moving, gone, analyst)


TOPICS = (
    "I moved placement again and had to pack my bags in bin bags placement moves are hard",
    "Dads are never invited to the meetings fathers are left out of plans",
    "Leaving care at eighteen with no flat and no money, leaving care is hard",
)


def test_codes_are_compared_with_the_latest_themes(analyst, activity, settings, moderator):
    settings.HEARD_EMBEDDERS = ["fake", "static"]
    made = [share(activity, f"{text} number {n}") for n in range(5) for text in TOPICS]
    client = client_for(analyst)
    client.post("/staff/themes/", {"scope": "all", "embedder": "fake", "k": "3"})
    run_pending()
    run = AnalysisRun.objects.get()
    assert run.status == "done", run.message
    page = client.get(AGREEMENT).content.decode()
    assert "not enough coded contributions to measure" in page
    themes = list(run.themes.all())
    first, other = themes[0], themes[1]
    # Code exactly the members of two themes: codes and themes then group alike.
    a = do_create_code("Code A", "", "", analyst)
    b = do_create_code("Code B", "", "", analyst)
    for theme, code in ((first, a), (other, b)):
        for assignment in Assignment.objects.filter(run=run, theme=theme):
            code_it(client, assignment.contribution, code)
    page = client.get(AGREEMENT).content.decode()
    assert f'href="/staff/themes/{first.pk}/">{first.shown_label}</a>' in page
    assert figures(page, "ari") == ["1.00"] and figures(page, "nmi") == ["1.00"]
    assert f"{first.size} (100%)" in page
    assert len(made) == 15
