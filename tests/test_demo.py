"""`heard demo` loads believable data once, through the audited actions, with staff accounts."""

from __future__ import annotations

import pytest
from django.contrib.auth import authenticate

from heard.audit.models import AuditEvent
from heard.cli import main
from heard.contributions.models import Contribution
from heard.people.roles import ROLE_NAMES

pytestmark = pytest.mark.django_db


def test_demo_loads_once_with_every_perspective_and_staff_role(tmp_path, baseline, capsys):
    credentials = tmp_path / "credentials.txt"
    assert main(["demo", "--credentials", str(credentials), "--count", "240"]) == 0
    assert "Loaded 240 demo contributions" in capsys.readouterr().out
    # Demo activities (consultation, ideas, events) add their own; the corpus is 240.
    corpus = Contribution.objects.filter(import_reference__startswith="demo:")
    assert corpus.count() == 240
    total = Contribution.objects.count()
    published = Contribution.objects.published()
    assert published.exists()
    assert all(c.consent_publish for c in published)
    assert Contribution.objects.filter(status=Contribution.Status.IN_MODERATION).exists()
    perspectives = {p for c in Contribution.objects.all() for p in c.perspectives}
    assert {"parent_father", "kinship_carer", "child_in_care", "social_worker"} <= perspectives
    assert AuditEvent.objects.filter(action="contribution.submitted").count() == \
        Contribution.objects.count()

    lines = credentials.read_text().splitlines()
    assert len(lines) == len(ROLE_NAMES)
    for line in lines:
        parts = line.split()
        username, password = parts[2], parts[4]
        user = authenticate(username=username, password=password)
        assert user is not None and user.groups.filter(name=username).exists()

    assert main(["demo", "--credentials", str(credentials), "--count", "240"]) == 0
    assert "already loaded" in capsys.readouterr().out
    assert Contribution.objects.count() == total  # a second run adds nothing
