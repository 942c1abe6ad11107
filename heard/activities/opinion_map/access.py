from __future__ import annotations

from django.http import Http404, HttpRequest

from .models import OpinionMap, Statement, Voter


def get_opinion_map(slug: str) -> OpinionMap:
    opinion_map = OpinionMap.objects.select_related("activity").filter(activity__slug=slug).first()
    if opinion_map is None:
        raise Http404("No such opinion map")
    return opinion_map


def session_key(opinion_map: OpinionMap) -> str:
    return f"opinion_voter:{opinion_map.pk}"


def voter_for(request: HttpRequest, opinion_map: OpinionMap) -> Voter | None:
    voter_id = request.session.get(session_key(opinion_map))
    return Voter.objects.filter(pk=voter_id, opinion_map=opinion_map).first() if voter_id \
        else None


def next_statement(opinion_map: OpinionMap, voter: Voter) -> Statement | None:
    """The oldest statement this person has not answered yet."""
    return (opinion_map.statements.filter(status=Statement.Status.ACCEPTED)
            .exclude(votes__voter=voter).order_by("id").first())
