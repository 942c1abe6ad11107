from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest

from heard.activities.access import get_kind_row
from heard.activities.participant_session import Remembered

from .models import OpinionMap, Statement, Vote, Voter


def get_opinion_map(slug: str) -> OpinionMap:
    return get_kind_row(OpinionMap, slug, "No such opinion map")


VOTER: Remembered[Voter] = Remembered("opinion_voter")


def voter_for(request: HttpRequest, opinion_map: OpinionMap) -> Voter | None:
    return VOTER.recall(request, opinion_map, Voter.objects.filter(opinion_map=opinion_map))


def next_statement(opinion_map: OpinionMap, voter: Voter) -> Statement | None:
    """The oldest statement this person has not answered yet."""
    return (opinion_map.statements.filter(status=Statement.Status.ACCEPTED)
            .exclude(votes__voter=voter).order_by("id").first())


def statements_in(opinion_map: OpinionMap, status: str) -> QuerySet[Statement]:
    """An opinion map's statements in one state: waiting, shown to voters, or hidden."""
    return opinion_map.statements.filter(status=status)


def find_statement(opinion_map: OpinionMap, statement_id: int) -> Statement | None:
    """A statement a form named, only if it belongs to this map."""
    return opinion_map.statements.filter(pk=statement_id).first()


def voter_count(opinion_map: OpinionMap) -> int:
    return opinion_map.voters.count()


def votes_on_accepted(voter: Voter) -> QuerySet[Vote]:
    """This voter's own votes on the statements still in the map, in the order the statements
    were added: what "your votes" lists, and how far through the map they are."""
    return voter.votes.select_related("statement").filter(
        statement__status=Statement.Status.ACCEPTED).order_by("statement_id")
