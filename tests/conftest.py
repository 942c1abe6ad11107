"""Named personas and helpers shared by every test."""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client

from heard.contributions.actions import NewContribution, do_submit_contribution
from heard.contributions.models import Contribution
from heard.engagement.defaults import ensure_default_activity
from heard.engagement.models import DEFAULT_ACTIVITY_SLUG, Activity
from heard.people.actions import do_create_staff_member
from heard.people.roles import ensure_roles
from heard.safety.actions import do_publish, do_review_redactions

# Playwright's sync API runs an event loop in the test thread; the ORM calls our tests make
# between browser steps are still plain synchronous calls, so Django's guard can stand down.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

STAFF_PASSWORD = "correct horse battery staple 42"
STAFF_ROLES = ("facilitator", "moderator", "safeguarding_lead", "analyst", "service_lead",
               "administrator")


@pytest.fixture(autouse=True)
def erasure_ledger(settings, tmp_path):
    """Each test keeps its own erasure ledger, outside the database as in production."""
    settings.HEARD_ERASURE_LEDGER = str(tmp_path / "erasure-ledger.jsonl")
    return tmp_path / "erasure-ledger.jsonl"


@pytest.fixture
def baseline() -> None:
    """What migrations create. Transactional tests empty the tables after each test, so they
    ask for this to have the default activity and the staff roles back."""
    ensure_default_activity(Activity)
    ensure_roles()


@pytest.fixture
def activity(db, baseline) -> Activity:
    return Activity.objects.get(slug=DEFAULT_ACTIVITY_SLUG)


@pytest.fixture
def make_staff(db, baseline) -> Callable[[str], User]:
    def make(role: str) -> User:
        return do_create_staff_member(f"{role}-persona", STAFF_PASSWORD, [role], None)

    return make


@pytest.fixture
def moderator(make_staff) -> User:
    return make_staff("moderator")


@pytest.fixture
def safeguarding_lead(make_staff) -> User:
    return make_staff("safeguarding_lead")


@pytest.fixture
def administrator(make_staff) -> User:
    return make_staff("administrator")


@pytest.fixture
def analyst(make_staff) -> User:
    return make_staff("analyst")


@pytest.fixture
def outsider(db) -> User:
    """Signed in, but holds no staff role."""
    return User.objects.create_user("outsider", password=STAFF_PASSWORD)


def publish(contribution: Contribution, moderator: User, spans=()) -> Contribution:
    """Review redactions (none unless given) and publish: the two steps a moderator takes."""
    do_review_redactions(contribution, moderator, list(spans))
    return do_publish(contribution, moderator)


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def young_person_story(activity) -> tuple[Contribution, str]:
    """A child in care's story, with every consent given."""
    return do_submit_contribution(
        activity,
        NewContribution(
            kind="story",
            text="I moved placement four times in a year and had to change school twice.",
            perspectives=("child_in_care",),
            consents={"analysis": True, "quote": True, "publish": True},
            equality={"age_band": "12_15"},
        ),
        None,
    )


@pytest.fixture
def parent_problem(activity) -> tuple[Contribution, str]:
    """A father's problem, shared for analysis only."""
    return do_submit_contribution(
        activity,
        NewContribution(
            kind="problem",
            text="Nobody told me about the review meeting for my son. Dads get left out.",
            perspectives=("parent_father",),
            consents={"analysis": True, "quote": False, "publish": False},
        ),
        None,
    )


@pytest.fixture
def dual_perspective_idea(activity) -> tuple[Contribution, str]:
    """A social worker who grew up in care proposes something."""
    return do_submit_contribution(
        activity,
        NewContribution(
            kind="idea",
            text="Every child should keep one trusted adult who stays when workers change.",
            perspectives=("care_leaver", "social_worker"),
            consents={"analysis": True, "quote": True, "publish": True},
        ),
        None,
    )
