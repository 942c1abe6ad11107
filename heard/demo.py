"""`heard demo`: believable synthetic data and one staff account per role, loaded once.

The words come from heard.contributions.demo_corpus (written for this project, no real people).
Everything is written through the same actions as real use, so the audit log is realistic too.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from pathlib import Path

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from heard.contributions.actions import NewContribution, do_submit_contribution
from heard.contributions.demo_corpus import DemoContribution, generate_demo_contributions
from heard.contributions.models import Contribution
from heard.engagement.models import DEFAULT_ACTIVITY_SLUG, Activity
from heard.people.actions import do_create_staff_member
from heard.people.roles import ROLE_NAMES
from heard.safety.actions import do_hold, do_publish, do_review_redactions
from heard.safety.redaction_review import suggestions_for
from heard.safety.safeguarding import do_acknowledge_flag, do_close_flag, do_record_flag_action

DEMO_PREFIX = "demo:"


def load_demo(seed: int, count: int, credentials_path: Path) -> str:
    lines = [_ensure_staff(credentials_path)]
    if Contribution.objects.filter(import_reference__startswith=DEMO_PREFIX).exists():
        lines.append("Demo contributions are already loaded; nothing added.")
    else:
        made = _load_contributions(seed, count)
        lines.append(f"Loaded {made} demo contributions.")
    return "\n".join(lines)


def _ensure_staff(credentials_path: Path) -> str:
    """One account per role, with a fresh random password written to a private file."""
    if credentials_path.exists() and all(
        User.objects.filter(username=role).exists() for role in ROLE_NAMES
    ):
        return f"Demo staff accounts exist; passwords are in {credentials_path}."
    credentials_path.parent.mkdir(parents=True, exist_ok=True)
    rows = []
    for role in ROLE_NAMES:
        password = secrets.token_urlsafe(12)
        do_create_staff_member(role, password, [role], None)
        rows.append(f"{role:<18} username: {role:<18} password: {password}")
    credentials_path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    credentials_path.chmod(0o600)
    return f"Created demo staff accounts; passwords are in {credentials_path}."


@transaction.atomic
def _load_contributions(seed: int, count: int) -> int:
    activity = Activity.objects.get(slug=DEFAULT_ACTIVITY_SLUG)
    moderator = User.objects.get(username="moderator")
    lead = User.objects.get(username="safeguarding_lead")
    now = timezone.now()
    corpus = generate_demo_contributions(seed=seed, count=count)
    for index, item in enumerate(corpus):
        contribution, _code = do_submit_contribution(
            activity, _as_new(item, index, now), None
        )
        _review_flags(contribution, item, lead)
        _moderate(contribution, item, moderator, index)
    return len(corpus)


def _as_new(item: DemoContribution, index: int, now: datetime) -> NewContribution:
    return NewContribution(
        kind=item.kind, text=item.text, title=item.title, perspectives=item.perspectives,
        consents={"analysis": item.consent_analysis, "quote": item.consent_quote,
                  "publish": item.consent_publish},
        equality=dict(item.equality), import_reference=f"{DEMO_PREFIX}{index}",
        submitted_at=now - timedelta(days=item.days_ago, minutes=index),
    )


def _review_flags(contribution: Contribution, item: DemoContribution, lead: User) -> None:
    """Older flags were dealt with; the last month's wait on the dashboard."""
    if item.days_ago < 30:
        return
    for flag in contribution.safeguarding_flags.all():
        do_acknowledge_flag(flag, lead)
        do_record_flag_action(flag, lead, "Read in full by the safeguarding lead the same day.")
        do_close_flag(flag, lead, "No child at risk now. Support lines were shown to the person.")


def _moderate(contribution: Contribution, item: DemoContribution, moderator: User,
              index: int) -> None:
    # Leave the newest fifth waiting, so the moderation queue has work in it.
    if item.days_ago < 30 or index % 5 == 0:
        return
    if contribution.has_open_safeguarding_flag():
        return
    # The moderator keeps every suggested redaction, as a careful one would on a first pass.
    do_review_redactions(contribution, moderator, suggestions_for(contribution))
    if item.contains_personal_data and index % 2:
        do_hold(contribution, moderator,
                "It named a person or a place. We will publish it once we have taken that out.")
    elif item.consent_publish:
        do_publish(contribution, moderator)
