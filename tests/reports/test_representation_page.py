"""The representation page: permissions, audit, sources and alerts."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from heard.audit.models import AuditEvent
from heard.contributions.actions import do_withdraw_contribution
from heard.contributions.models import Contribution
from heard.reports.actions import do_import_dfe
from tests.conftest import client_for, submitted

URL = "/staff/reports/representation/"


def grant(user) -> None:
    user.user_permissions.add(Permission.objects.get(
        content_type__app_label="reports", codename="view_representation"))


def share(activity, perspective: str, n: int, **equality: str) -> None:
    for _ in range(n):
        submitted(activity, "story", "What happened to us.", (perspective,), {"analysis": True},
                  equality=equality)


def test_url_is_named() -> None:
    assert reverse("reports:representation") == URL


def test_anonymous_is_sent_to_sign_in(db) -> None:
    response = client_for(None).get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/staff/sign-in/")


@pytest.mark.parametrize("role", ["moderator", "safeguarding_lead"])
def test_staff_without_permission_are_refused(make_staff, role) -> None:
    assert client_for(make_staff(role)).get(URL).status_code == 403


def test_outsider_is_refused(outsider) -> None:
    assert client_for(outsider).get(URL).status_code == 403


def test_analyst_sees_sources_and_fathers_alert(make_staff, activity, sample_dir: Path) -> None:
    do_import_dfe(sample_dir, None)
    share(activity, "parent_mother", 20)
    share(activity, "parent_father", 1)
    analyst = make_staff("analyst")
    grant(analyst)
    response = client_for(analyst).get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Source: cla_number_and_rate_per_10k_children.csv, Department for Education, 2025" \
        in html
    assert "Source: ons-ethnic-population-nat.csv, Office for National Statistics, 2021" in html
    assert 'data-testid="alert-fathers"' in html
    assert "fewer than 5 of the 21" in html
    assert 'role="img"' in html and "<title id=\"chart-title\">" in html
    assert "Who to reach next" in html
    event = AuditEvent.objects.filter(action="representation.viewed").get()
    assert event.actor == analyst and event.object_type == "report"


def test_withdrawn_are_not_counted_and_area_filter(make_staff, activity, sample_dir) -> None:
    do_import_dfe(sample_dir, None)
    share(activity, "parent_father", 6, local_authority="Hartlepool")
    share(activity, "parent_mother", 7, local_authority="Leeds")
    share(activity, "parent_father", 1, local_authority="Hartlepool")
    do_withdraw_contribution(Contribution.objects.order_by("-id").first(), None)
    analyst = make_staff("analyst")
    grant(analyst)
    html = client_for(analyst).get(URL, {"area": "Hartlepool",
                                         "activity": activity.slug}).content.decode()
    assert "Source: cla_number_and_rate_per_10k_children.csv" in html
    assert "Official figures for Hartlepool" in html
    assert '<strong>6</strong>' in html  # the Leeds mothers are left out
    assert 'data-testid="alert-fathers"' not in html


def test_page_without_reference_figures_says_so(make_staff, activity) -> None:
    share(activity, "parent_mother", 5)
    analyst = make_staff("analyst")
    grant(analyst)
    html = client_for(analyst).get(URL, {"area": "nowhere"}).content.decode()
    assert "There are no official figures for this area yet" in html
    assert "heard import-dfe" in html
