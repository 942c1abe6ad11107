"""Every staff page waits for the second factor; setting it up and passing it."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from heard.audit.models import AuditEvent
from heard.people.actions import do_create_staff_member
from heard.people.roles import ROLE_NAMES

from ..conftest import STAFF_PASSWORD, client_for, second_factor_code

pytestmark = pytest.mark.django_db

# Where someone who has only typed their password may go.
OPEN_BEFORE_SECOND_FACTOR = ("/staff/sign-in/", "/staff/sign-out/", "/staff/two-factor/",
                             "/staff/invitation/")
SAMPLE_VALUES = {"int": "1", "slug": "some-slug", "str": "some-text", "path": "some/path"}


def _walk(patterns, prefix: str = ""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


def staff_paths() -> list[str]:
    """Every URL pattern under /staff/, with sample values in its parameters."""
    paths = set()
    for route in _walk(get_resolver().url_patterns):
        path = "/" + re.sub(r"<(?:(\w+):)?\w+>",
                            lambda m: SAMPLE_VALUES.get(m.group(1) or "str", "x"), route)
        if path.startswith("/staff/") and not path.startswith(OPEN_BEFORE_SECOND_FACTOR):
            paths.add(path)
    return sorted(paths)


@pytest.fixture
def everyone_staff(make_staff) -> User:
    """Holds every role, so no page turns them away for their role before the check."""
    user = make_staff("administrator")
    user.groups.set(user.groups.model.objects.filter(name__in=ROLE_NAMES))
    return user


def test_the_staff_url_list_is_complete_enough_to_mean_something():
    paths = staff_paths()
    assert len(paths) >= 35
    for expected in ("/staff/", "/staff/moderation/1/", "/staff/safeguarding/",
                     "/staff/people/", "/staff/themes/", "/staff/reports/representation/"):
        assert expected in paths


def test_every_staff_page_redirects_to_the_second_factor_until_it_is_passed(everyone_staff):
    password_only = client_for(everyone_staff, second_factor=False)
    for path in staff_paths():
        for method in (password_only.get, password_only.post):
            response = method(path)
            assert response.status_code == 302, f"{method.__name__} {path}"
            assert response["Location"].startswith("/staff/two-factor/?next="), path


def test_passing_the_second_factor_opens_the_staff_pages(moderator):
    client = client_for(moderator, second_factor=False)
    first = client.get("/staff/moderation/")
    assert first["Location"] == "/staff/two-factor/?next=%2Fstaff%2Fmoderation%2F"
    page = client.get(first["Location"])
    assert page.status_code == 200 and "Enter your code" in page.content.decode()

    wrong = client.post(first["Location"], {"code": "000000" if second_factor_code(moderator)
                                            != "000000" else "111111"})
    assert wrong.status_code == 400
    assert "That code is not right" in wrong.content.decode()
    assert client.get("/staff/moderation/").status_code == 302

    # django-otp makes the next try wait a second after a wrong code.
    too_soon = client.post(first["Location"], {"code": second_factor_code(moderator)})
    assert "Wait a few seconds" in too_soon.content.decode()
    a_few_seconds_pass(moderator)
    right = client.post(first["Location"], {"code": second_factor_code(moderator)})
    assert right.status_code == 302 and right["Location"] == "/staff/moderation/"
    assert client.get("/staff/moderation/").status_code == 200
    assert AuditEvent.objects.filter(action="auth.second_factor_passed", actor=moderator,
                                     details__method="authenticator").exists()
    assert AuditEvent.objects.filter(action="auth.sign_in_failed",
                                     details__stage="second_factor").count() == 1


def test_the_same_code_cannot_be_used_twice(moderator):
    code = second_factor_code(moderator)
    first = client_for(moderator, second_factor=False)
    assert first.post("/staff/two-factor/", {"code": code}).status_code == 302
    second = client_for(moderator, second_factor=False)
    assert second.post("/staff/two-factor/", {"code": code}).status_code == 400


def test_a_recovery_code_works_once(moderator):
    token = StaticToken.objects.filter(device__user=moderator).first().token
    client = client_for(moderator, second_factor=False)
    response = client.post("/staff/two-factor/", {"code": token.upper()})
    assert response.status_code == 302
    assert client.get("/staff/").status_code == 200
    again = client_for(moderator, second_factor=False)
    assert again.post("/staff/two-factor/", {"code": token}).status_code == 400
    assert StaticToken.objects.filter(device__user=moderator).count() == 9


def test_wrong_codes_lock_the_account(moderator):
    client = client_for(moderator, second_factor=False)
    for _ in range(20):
        a_few_seconds_pass(moderator, seconds=10**7)
        response = client.post("/staff/two-factor/", {"code": "abcdefgh"})
    assert response.status_code == 429
    right = client.post("/staff/two-factor/", {"code": second_factor_code(moderator)})
    assert right.status_code == 429
    assert client.get("/staff/").status_code == 302


def test_a_new_staff_member_sets_up_an_authenticator_before_any_staff_page(baseline):
    user = do_create_staff_member("new-analyst", STAFF_PASSWORD, ["analyst"], None)
    client = Client()
    signed_in = client.post("/staff/sign-in/", {"username": "new-analyst",
                                                "password": STAFF_PASSWORD})
    assert signed_in.status_code == 302
    step = client.get(client.get(signed_in["Location"])["Location"])
    assert step.status_code == 302 and step["Location"].startswith("/staff/two-factor/set-up/")

    page = client.get(step["Location"])
    text = page.content.decode()
    assert 'src="data:image/svg+xml' in text
    secret = re.search(r'data-testid="totp-secret">([A-Z2-7 ]+)<', text).group(1)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert secret.replace(" ", "") == _base32(device.bin_key)
    # Starting is recorded once: a reload shows the same secret and records nothing more.
    assert secret in client.get(step["Location"]).content.decode()
    assert AuditEvent.objects.filter(action="staff.second_factor_started", actor=user,
                                     object_id=str(user.pk)).count() == 1

    code = f"{TOTP(device.bin_key).token():06d}"
    done = client.post(step["Location"], {"code": code})
    assert done.status_code == 302 and done["Location"].startswith("/staff/two-factor/recovery")
    codes_page = client.get(done["Location"]).content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", codes_page)
    assert len(codes) == 10
    assert "You will not see them again" in codes_page
    assert "<code>" not in client.get(done["Location"]).content.decode()  # shown once
    assert client.get("/staff/").status_code == 200
    assert AuditEvent.objects.filter(action="staff.second_factor_set_up", actor=user).exists()


def test_a_password_alone_cannot_replace_the_authenticator(moderator):
    client = client_for(moderator, second_factor=False)
    response = client.get("/staff/two-factor/set-up/")
    assert response.status_code == 302 and response["Location"].startswith("/staff/two-factor/")
    assert TOTPDevice.objects.filter(user=moderator).count() == 1


def test_participants_are_not_asked_for_a_second_factor(outsider):
    assert client_for(outsider).get("/staff/").status_code == 403


def a_few_seconds_pass(user: User, seconds: int = 5) -> None:
    """django-otp's own throttle doubles the wait after each wrong code; let it pass."""
    stamp = timezone.now() - timedelta(seconds=seconds)
    TOTPDevice.objects.filter(user=user).update(throttling_failure_timestamp=stamp)
    StaticDevice.objects.filter(user=user).update(throttling_failure_timestamp=stamp)


def _base32(key: bytes) -> str:
    import base64

    return base64.b32encode(key).decode().rstrip("=")
