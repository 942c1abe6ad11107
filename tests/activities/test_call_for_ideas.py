"""Call for Ideas: ideas are contributions of kind idea, moderated like any other; people support
the published ones they agree with, once each, until the deadline."""

from __future__ import annotations

import html

import pytest
from django.conf import settings
from django.db import IntegrityError, transaction
from django.test import Client

from heard.activities.actions import EngagementError
from heard.activities.call_for_ideas.actions import do_submit_idea, do_support_idea
from heard.activities.models import Activity, IdeaSupport
from heard.audit.models import AuditEvent
from heard.contributions.actions import NewContribution
from heard.contributions.band_texts import GENERAL_TEXTS
from heard.contributions.models import Contribution
from heard.people.actions import do_create_participant_account

from ..conftest import client_for, publish
from ..contributions.test_share_journey import share_quietly
from .activity_helpers import make_activity, past

pytestmark = pytest.mark.django_db
IDEA = "Every child gets a welcome box with pyjamas and a night light."


@pytest.fixture
def call(facilitator) -> Activity:
    return make_activity(Activity.Kind.CALL_FOR_IDEAS, facilitator, title="Better first days")


def _idea(call: Activity, text: str = IDEA, publish_it: bool = True) -> Contribution:
    idea, _ = do_submit_idea(call, NewContribution(
        kind="idea", text=text, title="Welcome box", perspectives=("care_leaver",),
        consents={"analysis": True, "quote": True, "publish": publish_it}), None)
    return idea


@pytest.fixture
def published_idea(call, moderator) -> Contribution:
    return publish(_idea(call), moderator)


def _share(client: Client, call: Activity, text: str = IDEA) -> None:
    url = f"/activities/{call.slug}/ideas"
    assert client.post(f"{url}/new/", {"title": "Welcome box", "text": text}).status_code == 302
    assert client.post(f"{url}/who/", {"perspectives": ["care_leaver"]}).status_code == 302
    assert client.post(f"{url}/consent/", {"consent_analysis": "yes", "consent_quote": "yes",
                                           "consent_publish": "yes"}).status_code == 302
    assert client.post(f"{url}/check/").status_code == 302


def test_a_shared_idea_is_an_idea_contribution_waiting_for_moderation(call, moderator):
    client = Client()
    for page in ("", "new/"):
        assert client.get(f"/activities/{call.slug}/ideas/{page}").status_code == 200
    _share(client, call)
    done = client.get(f"/activities/{call.slug}/ideas/done/").content.decode()
    assert 'id="receipt-code"' in done
    idea = Contribution.objects.get()
    assert idea.kind == "idea" and idea.activity == call and idea.status == "in_moderation"
    assert idea.safety_level != "unchecked" and idea.perspectives == ["care_leaver"]
    assert AuditEvent.objects.filter(action="idea.submitted", object_id=str(idea.pk)).exists()
    # Not shown to others until a moderator publishes it.
    assert IDEA not in client.get(f"/activities/{call.slug}/ideas/").content.decode()
    publish(idea, moderator)
    assert IDEA in client.get(f"/activities/{call.slug}/ideas/").content.decode()


def test_an_idea_and_the_share_journey_end_with_the_same_words(call):
    """Both pages after Send come from templates/sent_base.html; each adds only its own lines."""
    client = Client()
    _share(client, call)
    idea_done = client.get(f"/activities/{call.slug}/ideas/done/").content.decode()
    shared_done = share_quietly(Client(), "More time with the same worker.")
    in_order = ("Thank you. We have got it.", 'id="receipt-code"',
                "We do not keep a copy we can read.", "What happens next",
                "If sharing brought up difficult feelings")
    for page in (idea_done, shared_done):
        places = [page.index(words) for words in in_order]
        assert places == sorted(places)
    assert "Back to Better first days" in idea_done and "make an account" not in idea_done
    assert "make an account" in shared_done and "Back to" not in shared_done

def test_the_idea_page_asks_with_the_share_journeys_words_for_an_idea(call):
    """Prompts and the names warning come from the general band's texts, which the reading-age
    test holds, so rewording them there rewords this page too."""
    page = Client().get(f"/activities/{call.slug}/ideas/new/").content.decode()
    general = GENERAL_TEXTS
    for words in (general.write_heading["idea"], general.write_prompts_intro,
                  *general.write_prompts["idea"], general.names_warning):
        assert html.escape(str(words)) in page

def test_one_support_each(call, published_idea):
    client = Client()
    url = f"/activities/{call.slug}/ideas/{published_idea.pk}/support/"
    client.post(url)
    response = client.post(url, follow=True)
    assert "You have already supported this idea" in response.content.decode()
    assert IdeaSupport.objects.filter(idea=published_idea).count() == 1
    assert AuditEvent.objects.filter(action="idea.supported").count() == 1
    # Someone else may support it too.
    Client().post(url)
    assert IdeaSupport.objects.filter(idea=published_idea).count() == 2


def test_reading_the_ideas_leaves_no_cookie_until_a_person_backs_one(call, published_idea):
    """A person who only reads is given no session (decision 0054; the page's support buttons
    still set the CSRF cookie their forms need). The random token that stands for an anonymous
    supporter is made when they back an idea, and the same browser then sees the idea as
    backed."""
    client = Client()
    page = f"/activities/{call.slug}/ideas/"
    response = client.get(page)
    assert response.status_code == 200
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert IDEA in response.content.decode()
    client.post(f"{page}{published_idea.pk}/support/")
    assert IdeaSupport.objects.filter(idea=published_idea).count() == 1
    assert "You support this idea" in client.get(page).content.decode()
    assert "You support this idea" not in Client().get(page).content.decode()


def test_the_database_refuses_a_second_support_from_the_same_person(published_idea):
    IdeaSupport.objects.create(idea=published_idea, supporter="session:abc")
    with pytest.raises(IntegrityError), transaction.atomic():
        IdeaSupport.objects.create(idea=published_idea, supporter="session:abc")
    with pytest.raises(EngagementError, match="already supported"):
        do_support_idea(published_idea, "session:abc", None)


def test_a_participant_account_supports_once_from_any_browser(call, published_idea):
    person = do_create_participant_account("sam2026", "a long enough password 42")
    url = f"/activities/{call.slug}/ideas/{published_idea.pk}/support/"
    client_for(person).post(url)
    client_for(person).post(url)
    assert list(IdeaSupport.objects.values_list("supporter", flat=True)) == [
        f"account:{person.pk}"]


def test_ideas_not_published_cannot_be_supported(call, moderator):
    waiting = _idea(call)
    response = Client().post(f"/activities/{call.slug}/ideas/{waiting.pk}/support/")
    assert response.status_code == 404
    with pytest.raises(EngagementError):
        do_support_idea(waiting, "session:x", None)
    assert IdeaSupport.objects.count() == 0


def test_an_idea_from_another_activity_is_not_found_here(call, published_idea, facilitator):
    other = make_activity(Activity.Kind.CALL_FOR_IDEAS, facilitator, title="Other call")
    response = Client().post(f"/activities/{other.slug}/ideas/{published_idea.pk}/support/")
    assert response.status_code == 404


def test_after_the_deadline_nothing_is_shared_or_supported(call, published_idea):
    Activity.objects.filter(pk=call.pk).update(closes_at=past())
    client = Client()
    response = client.post(f"/activities/{call.slug}/ideas/new/",
                           {"title": "Late", "text": "A late idea"}, follow=True)
    assert "This call for ideas closed on" in response.content.decode()
    response = client.post(f"/activities/{call.slug}/ideas/{published_idea.pk}/support/",
                           follow=True)
    assert "closed on" in response.content.decode()
    assert Contribution.objects.count() == 1 and IdeaSupport.objects.count() == 0
    call.refresh_from_db()
    with pytest.raises(EngagementError, match="closed on"):
        _idea(call, "Another late idea")


def test_support_counts_under_five_are_not_shown(call, published_idea):
    url = f"/activities/{call.slug}/ideas/"
    for n in range(4):
        do_support_idea(published_idea, f"session:{n}", None)
    assert "fewer than 5" in Client().get(url).content.decode()
    do_support_idea(published_idea, "session:4", None)
    page = Client().get(url).content.decode()
    assert 'data-testid="supports">5<' in page


def test_only_ideas_are_taken_in_a_call_for_ideas(call):
    with pytest.raises(EngagementError, match="Only ideas"):
        do_submit_idea(call, NewContribution(kind="story", text="A story"), None)
    assert Contribution.objects.count() == 0


def test_a_null_character_in_an_idea_is_refused(call):
    response = Client().post(f"/activities/{call.slug}/ideas/new/",
                             {"title": "x", "text": "bad\x00idea"})
    assert response.status_code == 400 and "null character" in response.content.decode()
    with pytest.raises(EngagementError, match="null character"):
        _idea(call, "bad\x00idea")
    assert Contribution.objects.count() == 0


def _new_call(facilitator, **dates: tuple[str | None, str | None, str | None]):
    """Post the new-activity form for a call for ideas called "Ideas please" with the given
    date boxes (e.g. opens_on=("1", "1", "2099") fills day, month and year)."""
    data = {"kind": "call_for_ideas", "title": "Ideas please", "purpose": "Share ideas"}
    for field, parts in dates.items():
        for part, value in zip(("day", "month", "year"), parts, strict=True):
            if value is not None:
                data[f"{field}-{part}"] = value
    return client_for(facilitator).post("/staff/activities/new/", data)


def test_facilitator_creates_a_call_with_a_deadline(facilitator):
    response = _new_call(facilitator, opens_on=("1", "1", "2099"), closes_on=("31", "jan", "2099"))
    assert response.status_code == 302
    activity = Activity.objects.get(title="Ideas please")
    assert activity.kind == "call_for_ideas" and activity.closes_at.month == 1


def test_a_closing_date_before_the_opening_date_is_refused(facilitator):
    response = _new_call(facilitator, opens_on=("31", "1", "2099"), closes_on=("1", "1", "2099"))
    assert response.status_code == 400
    assert "closing date must be after" in response.content.decode()
    response = _new_call(facilitator, closes_on=("31", "2", "2099"))
    assert response.status_code == 400
    assert "The closing date must be a real date" in response.content.decode()
    assert 'name="closes_on-day" type="text" inputmode="numeric" value="31"' in \
        response.content.decode()
    response = _new_call(facilitator, closes_on=("31", None, "2099"))
    assert "The closing date must include a month" in response.content.decode()
    assert not Activity.objects.filter(title="Ideas please").exists()
