"""Every write to a Call for Ideas: posting an idea (a contribution, triaged and moderated like
any other) and supporting one. One transaction and one audit row each."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from heard.activities.answers import EngagementError, closed_message
from heard.activities.models import (
    Activity,
    IdeaSupport,
)
from heard.activities.registry import kind_of
from heard.audit.log import record
from heard.contributions.actions import (
    Actor,
    ContributionError,
    NewContribution,
    do_submit_contribution,
)
from heard.contributions.models import Contribution

# --- Call for Ideas ------------------------------------------------------------------------------


@transaction.atomic
def do_submit_idea(
    activity: Activity, new: NewContribution, actor: Actor, *, max_length: int | None = None,
    code: str | None = None, held: Contribution | None = None,
) -> tuple[Contribution, str]:
    if not kind_of(activity).takes_ideas:
        raise EngagementError("This activity is not a call for ideas.")
    if not activity.is_accepting():
        raise EngagementError(closed_message(activity, "call for ideas"))
    if new.kind != Contribution.Kind.IDEA:
        raise EngagementError("Only ideas can be shared here.")
    try:
        contribution, code = do_submit_contribution(activity, new, actor, max_length=max_length,
                                                    code=code, held=held)
    except ContributionError as error:
        raise EngagementError(str(error)) from error
    if not getattr(contribution, "sent_before", False):
        record(actor, "idea.submitted", contribution, activity=activity.slug)
    return contribution, code


@transaction.atomic
def do_support_idea(idea: Contribution, supporter: str, actor: Actor) -> IdeaSupport:
    """One support per person per idea, for published ideas in an open call."""
    # Decide on the row as it is now: the caller's copy may predate a moderator's decision.
    idea = Contribution.objects.select_related("activity").get(pk=idea.pk)
    activity = idea.activity
    if idea.kind != Contribution.Kind.IDEA or not kind_of(activity).takes_ideas \
            or not idea.is_public():
        raise EngagementError(_("You can only support ideas shown on this page."))
    if not activity.is_accepting():
        raise EngagementError(closed_message(activity, "call for ideas"))
    if not supporter:
        raise EngagementError(_("We could not tell who you are. Try again."))
    # The label is whole ("account:7", "session:" and 40 hex digits): erasure finds a person's
    # supports by it, so a cut one could never be erased.
    try:
        with transaction.atomic():
            support = IdeaSupport.objects.create(idea=idea, supporter=supporter)
    except IntegrityError as error:
        raise EngagementError(_("You have already supported this idea. Thank you.")) from error
    record(actor, "idea.supported", support, idea=idea.pk, via=supporter.split(":")[0])
    return support


