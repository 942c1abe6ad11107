"""Every write to an opinion map. Statements are audited; votes are anonymous and carry no text."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from heard.activities.actions import unique_slug
from heard.activities.models import Activity
from heard.audit.log import record
from heard.contributions.actions import do_screen_participant_text
from heard.contributions.models import Contribution
from heard.core.limits import refuse_long
from heard.core.model_parts import longest
from heard.core.vocab import PERSPECTIVES
from heard.people.erasure import Subject, erase_subject
from heard.tasks.models import Task
from heard.tasks.queue import enqueue

from .models import STATEMENT_MAX_LENGTH, OpinionMap, Statement, Vote, Voter


class OpinionMapError(ValueError):
    """A request that cannot be carried out; the message is safe to show."""


@transaction.atomic
def do_create_opinion_map(
    title: str, question: str, facilitator: User | None,
    allow_participant_statements: bool = True
) -> OpinionMap:
    if not title.strip() or not question.strip():
        raise OpinionMapError("Give the opinion map a title and a question.")
    refuse_long(OpinionMapError, ("the title", title, longest(Activity, "title")))
    slug = unique_slug(title, "opinion-map")
    activity = Activity.objects.create(
        slug=slug, title=title.strip(), purpose=question.strip(),
        kind=Activity.Kind.OPINION_MAP, status=Activity.Status.OPEN,
    )
    opinion_map = OpinionMap.objects.create(
        activity=activity, allow_participant_statements=allow_participant_statements)
    record(facilitator, "opinion_map.created", opinion_map, activity=slug)
    return opinion_map


def _clean_statement(text: str) -> str:
    text = " ".join(text.split())
    if not text:
        raise OpinionMapError(gettext("Write the statement."))
    if "\x00" in text:
        raise OpinionMapError(gettext("The statement contains a character that cannot be "
                                      "saved (a null character)."))
    if len(text) > STATEMENT_MAX_LENGTH:
        raise OpinionMapError(
            gettext("A statement must be %(max)s characters or fewer, so people can read it "
                    "on a phone. This one is %(length)s.")
            % {"max": STATEMENT_MAX_LENGTH, "length": f"{len(text):,}"})
    return text


@transaction.atomic
def do_add_statement(
    opinion_map: OpinionMap, text: str, actor: User | AnonymousUser | None, *,
    origin: str = Statement.Origin.SEED, source: Contribution | None = None,
    author: Voter | None = None, text_cy: str = "",
) -> Statement:
    """Facilitators' statements are shown at once; participants' wait for a facilitator. A
    facilitator may give the Welsh wording of their own statement as they add it."""
    text = _clean_statement(text)
    text_cy = _clean_welsh(text_cy, origin)
    if origin == Statement.Origin.PARTICIPANT and not opinion_map.allow_participant_statements:
        raise OpinionMapError(gettext("This opinion map does not take new statements."))
    if opinion_map.statements.filter(text__iexact=text).exists():
        raise OpinionMapError(gettext("That statement is already here."))
    status = (Statement.Status.PENDING if origin == Statement.Origin.PARTICIPANT
              else Statement.Status.ACCEPTED)
    if origin == Statement.Origin.PARTICIPANT:
        # Triaged as it arrives; risk is kept for the safeguarding lead and the statement cannot
        # be shown to voters while that flag is open.
        source = do_screen_participant_text(opinion_map.activity, text, actor,
                                            source="opinions.Statement.text")
    statement = Statement.objects.create(opinion_map=opinion_map, text=text, text_cy=text_cy,
                                         origin=origin, status=status,
                                         source_contribution=source, author=author)
    record(actor, "opinion_statement.added", statement, origin=origin, status=status)
    return statement


def _clean_welsh(text_cy: str, origin: str) -> str:
    if not text_cy.strip():
        return ""
    if origin != Statement.Origin.SEED:
        # Only staff's own words get a Welsh wording here: a participant's or an idea's words
        # are shown as their writer wrote them.
        raise OpinionMapError("Only statements staff wrote can have a Welsh wording here.")
    return _clean_statement(text_cy)


@transaction.atomic
def do_set_statement_welsh(statement: Statement, text_cy: str, facilitator: User) -> Statement:
    """The Welsh wording of a statement staff wrote; empty shows the English on Welsh pages.
    It stays one statement, so the votes cast on either wording count together."""
    statement.text_cy = _clean_welsh(text_cy, statement.origin)
    statement.save(update_fields=["text_cy"])
    record(facilitator, "opinion_statement.welsh_set", statement, welsh=bool(statement.text_cy))
    return statement


@transaction.atomic
def do_moderate_statement(statement: Statement, facilitator: User, accept: bool) -> Statement:
    statement = Statement.objects.select_for_update().get(pk=statement.pk)
    if accept and statement.source_contribution is not None \
            and statement.source_contribution.has_open_safeguarding_flag():
        raise OpinionMapError("This statement has a safeguarding flag, so it cannot be shown "
                              "to voters until the safeguarding lead closes the flag.")
    statement.status = Statement.Status.ACCEPTED if accept else Statement.Status.REJECTED
    statement.save(update_fields=["status"])
    record(facilitator, "opinion_statement.moderated", statement, status=statement.status)
    schedule_update(statement.opinion_map)
    return statement


def do_seed_from_ideas(opinion_map: OpinionMap, facilitator: User, limit: int = 20) -> int:
    """Turn published ideas into statements, using only their checked, redacted words."""
    ideas = (Contribution.objects.published().filter(kind=Contribution.Kind.IDEA)
             .order_by("-moderated_at")[:200])
    added = 0
    for idea in ideas:
        if added >= limit:
            break
        text = idea.public_text.split(". ")[0].strip()
        if not text or len(text) > STATEMENT_MAX_LENGTH:
            continue
        try:
            do_add_statement(opinion_map, text, facilitator, origin=Statement.Origin.IDEA,
                             source=idea)
        except OpinionMapError:
            continue
        added += 1
    return added


@transaction.atomic
def do_register_voter(opinion_map: OpinionMap, perspectives: list[str],
                      actor: User | AnonymousUser | None, *,
                      account: User | None = None) -> Voter:
    """Someone starts voting: a voter row with who they said they are, tied to their
    participant account when they are signed in (so erasing the account reaches it)."""
    if not opinion_map.activity.is_accepting():
        raise OpinionMapError(gettext("This opinion map is closed."))
    unknown = set(perspectives) - set(PERSPECTIVES)
    if unknown:
        raise OpinionMapError(gettext("Choose who you are from the list."))
    voter = Voter.objects.create(opinion_map=opinion_map, perspectives=list(perspectives),
                                 account=account)
    # A count only: who someone said they are stays out of a log that is kept for years.
    record(actor, "opinion_voter.joined", voter, opinion_map=opinion_map.pk,
           perspectives=len(voter.perspectives))
    return voter


@transaction.atomic
def do_withdraw_voter(voter: Voter, actor: User | AnonymousUser | None) -> dict[str, int]:
    """A voter takes back their votes and the statements they suggested, through the same
    erasure that reaches everything else a person gave."""
    stores = erase_subject(Subject(voter_ids={voter.pk}))
    record(actor, "opinion_voter.withdrawn", object_type="opinions.voter",
           object_id=str(voter.pk), stores=stores)
    return stores


@transaction.atomic
def do_cast_vote(voter: Voter, statement: Statement, value: int) -> Vote:
    """One vote per person per statement; voting again changes it."""
    if value not in (1, -1, 0):
        raise OpinionMapError(gettext("Choose agree, disagree or pass."))
    if statement.opinion_map_id != voter.opinion_map_id:
        raise OpinionMapError(gettext("That statement is not in this opinion map."))
    if statement.status != Statement.Status.ACCEPTED:
        raise OpinionMapError(gettext("That statement is not open for votes."))
    if not statement.opinion_map.activity.is_accepting():
        raise OpinionMapError(gettext("This opinion map is closed."))
    vote, _ = Vote.objects.update_or_create(statement=statement, voter=voter,
                                            defaults={"value": value})
    schedule_update(statement.opinion_map)
    return vote


@transaction.atomic
def do_update_results(opinion_map: OpinionMap, facilitator: User) -> OpinionMap:
    """A facilitator's "Update the results now": the map worked out again from every vote, with
    who asked for it in the log. (The task that does the same after a burst of votes is the
    system's, and records nothing: no person acted.)"""
    from .updates import update_opinion_map  # its maths is imported when it runs (0050)

    update_opinion_map(opinion_map.pk)
    opinion_map.refresh_from_db(fields=["votes_counted", "updated_at"])
    record(facilitator, "opinion_map.results_updated", opinion_map,
           votes=opinion_map.votes_counted)
    return opinion_map


def schedule_update(opinion_map: OpinionMap) -> None:
    """At most one waiting update per map: a burst of votes becomes one recomputation."""
    waiting = Task.objects.filter(name="opinions.update", status=Task.Status.PENDING,
                                  payload={"opinion_map_id": opinion_map.pk},
                                  leased_until__isnull=True)
    if not waiting.exists():
        enqueue("opinions.update", opinion_map_id=opinion_map.pk,
                run_after=timezone.now())
