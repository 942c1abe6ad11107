"""`heard demo`: believable synthetic data and one staff account per role, loaded once.

The words come from heard.contributions.demo_corpus (written for this project, no real people).
Everything is written through the same actions as real use, so the audit log is realistic too.
"""

from __future__ import annotations

import random
import secrets
from datetime import datetime, timedelta
from pathlib import Path

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from heard.activities.models import DEFAULT_ACTIVITY_SLUG, Activity
from heard.activities.opinion_map.actions import (
    do_add_statement,
    do_cast_vote,
    do_create_opinion_map,
    do_register_voter,
)
from heard.activities.opinion_map.updates import update_opinion_map
from heard.activities.registry import kinds, load_kind_demo
from heard.contributions.actions import NewContribution, do_submit_contribution
from heard.contributions.demo_corpus import DemoContribution, generate_demo_contributions
from heard.contributions.models import Contribution
from heard.core.vocab import PERSPECTIVE_GROUP
from heard.people.actions import (
    do_create_staff_member,
    do_give_demo_authenticator,
    do_set_staff_email,
)
from heard.people.roles import ROLE_NAMES
from heard.people.two_factor import has_second_factor
from heard.reports.actions import default_dfe_directory, do_import_dfe
from heard.reports.models import ReferenceFigure
from heard.safety.actions import do_hold, do_publish, do_review_redactions
from heard.safety.redaction_review import do_store_redaction_suggestions
from heard.safety.safeguarding import do_acknowledge_flag, do_close_flag, do_record_flag_action

DEMO_PREFIX = "demo:"
# So demo safeguarding alerts reach someone (the console email backend in development prints
# them) instead of waiting with "no one to go to". ".example" is reserved: it is never delivered
# anywhere real, even if a demo is pointed at a real mail relay.
DEMO_SAFEGUARDING_EMAIL = "safeguarding-lead@heard-demo.example"
DEMO_SIGN_IN_HELP = (
    "After the password, Heard asks for a 6-digit code. Print it with\n"
    "  .venv/bin/python -m heard.cli demo-code USERNAME\n"
    "or add the key to an authenticator app on your phone."
)


def load_demo(seed: int, count: int, credentials_path: Path) -> str:
    lines = [_ensure_staff(credentials_path)]
    if Contribution.objects.filter(import_reference__startswith=DEMO_PREFIX).exists():
        lines.append("Demo contributions are already loaded; nothing added.")
    else:
        made = _load_contributions(seed, count)
        lines.append(f"Loaded {made} demo contributions.")
        slug = _load_opinion_map(seed)
        lines.append(f"Loaded a demo opinion map at /opinions/{slug}/.")
    # Each kind loads its own demo (the opinion map's is above: it votes on the stories).
    lines.extend(load_kind_demo(kind) for kind in kinds() if kind.demo_loader)
    lines.append(_load_reference_figures())
    return "\n".join(lines)


def _ensure_staff(credentials_path: Path) -> str:
    """One account per role, each with a fresh random password and its own authenticator key,
    written to a private file: staff sign in with a second factor, demo accounts included."""
    if credentials_path.exists() and all(
        User.objects.filter(username=role).exists()
        and has_second_factor(User.objects.get(username=role)) for role in ROLE_NAMES
    ):
        _give_lead_an_address()
        return f"Demo staff accounts exist; how to sign in is in {credentials_path}."
    credentials_path.parent.mkdir(parents=True, exist_ok=True)
    rows = [DEMO_SIGN_IN_HELP]
    for role in ROLE_NAMES:
        password = secrets.token_urlsafe(12)
        user = do_create_staff_member(role, password, [role], None)
        key = do_give_demo_authenticator(user)
        rows.append(f"{role:<18} username: {role:<18} password: {password}  key: {key}")
    credentials_path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    credentials_path.chmod(0o600)
    _give_lead_an_address()
    return f"Created demo staff accounts; how to sign in is in {credentials_path}."


def _give_lead_an_address() -> None:
    do_set_staff_email(User.objects.get(username="safeguarding_lead"), DEMO_SAFEGUARDING_EMAIL,
                       None)


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


# How likely each kind of voter is to agree with each demo statement: care-experienced people
# and professionals differ on some, and everyone agrees on a few, as in real exercises.
DEMO_STATEMENTS: tuple[tuple[str, float, float, float], ...] = (
    # (statement, care-experienced, family, professional)
    ("Every child in care should keep one trusted adult who stays when workers change.",
     0.95, 0.9, 0.85),
    ("Care leavers should be able to get support up to the age of 25.", 0.95, 0.85, 0.9),
    ("Fathers should be invited to every meeting about their children.", 0.6, 0.9, 0.55),
    ("Records should be written to the child, in words they can understand.", 0.9, 0.7, 0.4),
    ("Social workers' caseloads should have a legal limit.", 0.7, 0.6, 0.95),
    ("Brothers and sisters should live together wherever it is safe.", 0.95, 0.85, 0.6),
    ("Kinship carers should get the same money and training as foster carers.", 0.7, 0.95, 0.6),
    ("Children should be told why they are moving before they move.", 0.95, 0.8, 0.75),
)
DEMO_VOTERS = (("care_leaver",) * 22 + ("child_in_care",) * 10 + ("parent_mother",) * 8
               + ("kinship_carer",) * 6 + ("social_worker",) * 14 + ("professional_iro",) * 4)


@transaction.atomic
def _load_opinion_map(seed: int) -> str:
    facilitator = User.objects.get(username="facilitator")
    opinion_map = do_create_opinion_map(
        "What would change things?", "Which of these would make the biggest difference?",
        facilitator)
    statements = [do_add_statement(opinion_map, text, facilitator)
                  for text, *_ in DEMO_STATEMENTS]
    chance = random.Random(seed)  # noqa: S311 - synthetic demo votes, not security
    group_index = {"care_experienced": 1, "family": 2, "professional": 3}
    for perspective in DEMO_VOTERS:
        voter = do_register_voter(opinion_map, [perspective], None)
        column = group_index[PERSPECTIVE_GROUP[perspective]]
        for statement, row in zip(statements, DEMO_STATEMENTS, strict=True):
            roll = chance.random()
            value = 1 if roll < float(row[column]) else (0 if roll < float(row[column]) + 0.05
                                                         else -1)
            do_cast_vote(voter, statement, value)
    update_opinion_map(opinion_map.pk)
    return opinion_map.activity.slug


def _load_reference_figures() -> str:
    """The DfE and ONS figures the representation page compares against, when they are here."""
    if ReferenceFigure.objects.exists():
        return "Reference figures are already loaded."
    directory = default_dfe_directory()
    if not directory.exists():
        return f"No DfE figures at {directory}; run `heard import-dfe DIR` to add them."
    report = do_import_dfe(directory, None)
    return f"Loaded {report.created:,} DfE and ONS reference figures."


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
    do_review_redactions(contribution, moderator,
                         do_store_redaction_suggestions(contribution))
    if item.contains_personal_data and index % 2:
        do_hold(contribution, moderator,
                "It named a person or a place. We will publish it once we have taken that out.")
    elif item.consent_publish:
        do_publish(contribution, moderator)
