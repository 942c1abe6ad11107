"""Property: whatever a moderator, a safeguarding lead or the person does, in any order, nothing
is published or quoted without consent for that use, a decision to publish, redactions applied,
and no unresolved safeguarding flag."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from heard.contributions.actions import (
    ContributionError,
    do_change_consent,
    do_withdraw_contribution,
)
from heard.contributions.models import Contribution
from heard.safety.actions import do_hold, do_publish, do_reject, do_review_redactions
from heard.safety.models import ModerationDecision
from heard.safety.redaction import Span, apply_redactions
from heard.safety.redaction_review import span_from_dict
from heard.safety.safeguarding import (
    SafeguardingError,
    do_acknowledge_flag,
    do_close_flag,
    do_record_flag_action,
)

from ..conftest import submitted

pytestmark = pytest.mark.django_db
TEXTS = (
    "Jamie at Oakfield Academy helped me when my placement ended.",   # personal data
    "My social worker changed four times this year.",                  # nothing risky
    "When I was little my dad used to hit us. I am safe now.",         # concern
    "He hits me every night and I am scared to go home.",              # immediate
)
span_strategy = st.builds(
    lambda a, b: Span("PERSON", min(a, b), max(a, b), 1.0, "test"),
    st.integers(-5, 70), st.integers(-5, 70),
)
operation = st.one_of(
    st.tuples(st.just("review"), st.lists(span_strategy, max_size=3)),
    st.tuples(st.just("publish"), st.none()),
    st.tuples(st.just("hold"), st.sampled_from(["", "Names a school."])),
    st.tuples(st.just("reject"), st.sampled_from(["", "Not about care."])),
    st.tuples(st.just("consent"), st.tuples(st.sampled_from(["analysis", "quote", "publish"]),
                                            st.booleans())),
    st.tuples(st.just("withdraw"), st.none()),
    st.tuples(st.just("acknowledge"), st.none()),
    st.tuples(st.just("action"), st.sampled_from(["", "Called the duty team."])),
    st.tuples(st.just("close"), st.sampled_from(["", "Child safe."])),
)


def run(op: str, arg, contribution: Contribution, moderator, lead) -> None:
    flag = contribution.safeguarding_flags.first()
    steps = {
        "review": lambda: do_review_redactions(contribution, moderator, arg),
        "publish": lambda: do_publish(contribution, moderator),
        "hold": lambda: do_hold(contribution, moderator, arg),
        "reject": lambda: do_reject(contribution, moderator, arg),
        "consent": lambda: do_change_consent(contribution, arg[0], arg[1], None),
        "withdraw": lambda: do_withdraw_contribution(contribution, None),
        "acknowledge": lambda: flag and do_acknowledge_flag(flag, lead),
        "action": lambda: flag and do_record_flag_action(flag, lead, arg),
        "close": lambda: flag and do_close_flag(flag, lead, arg),
    }
    # A refused step is fine; the invariant must hold either way.
    with contextlib.suppress(ContributionError, SafeguardingError):
        steps[op]()


def assert_invariant(contribution: Contribution) -> None:
    contribution.refresh_from_db()
    listed = Contribution.objects.published().filter(pk=contribution.pk).exists()
    if contribution.status == Contribution.Status.PUBLISHED or listed:
        latest = contribution.moderation_decisions.first()
        assert contribution.consent_publish
        assert latest is not None and latest.decision == ModerationDecision.Decision.PUBLISH
        assert contribution.redaction_reviewed_at is not None
        spans = [span_from_dict(d) for d in contribution.redactions]
        assert contribution.public_text == apply_redactions(contribution.text, spans)
        assert not contribution.has_open_safeguarding_flag()
    quote = contribution.quote_text()
    if quote is not None:
        assert contribution.consent_quote and contribution.redaction_reviewed_at is not None
        assert not contribution.has_open_safeguarding_flag() and not contribution.is_gone()
        assert quote == contribution.public_text
    if contribution.is_gone():
        assert contribution.text == "" and contribution.public_text == "" and not listed


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(
    text=st.sampled_from(TEXTS),
    consents=st.fixed_dictionaries({p: st.booleans() for p in ("analysis", "quote", "publish")}),
    operations=st.lists(operation, min_size=1, max_size=10),
)
def test_nothing_is_published_or_quoted_without_every_condition(
    activity, moderator, safeguarding_lead, text, consents, operations
):
    contribution, _ = submitted(activity, "story", text, (), consents)
    assert_invariant(contribution)
    for op, arg in operations:
        run(op, arg, contribution, moderator, safeguarding_lead)
        assert_invariant(contribution)
