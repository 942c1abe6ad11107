"""Opinion maps in the erasure registry: voters, their votes, the statements they suggested, and
statements made from a shared idea."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import get_language, gettext, gettext_noop

from heard.activities.models import welsh_or_english_text
from heard.activities.personal_data import register_kind_store
from heard.people.erasure import Section, Subject, self_words

from .actions import schedule_update
from .models import OpinionMap, Statement, Voter


def _find(subject: Subject) -> None:
    if subject.whole_person and subject.voter_ids:
        # A suggestion screened as at risk is kept for the safeguarding lead as a contribution
        # (do_screen_participant_text): that copy of the words is the voter's too.
        subject.contribution_ids |= set(Statement.objects.filter(
            author_id__in=subject.voter_ids, source_contribution__isnull=False)
            .values_list("source_contribution_id", flat=True))


def _erase(subject: Subject) -> int:
    statements = Q(source_contribution_id__in=subject.contribution_ids)
    if subject.whole_person:
        statements |= Q(author_id__in=subject.voter_ids)
    doomed = Statement.objects.filter(statements)
    voters = Voter.objects.filter(pk__in=subject.voter_ids) if subject.whole_person \
        else Voter.objects.none()
    maps = set(doomed.values_list("opinion_map_id", flat=True)) | \
        set(voters.values_list("opinion_map_id", flat=True))
    # Other people's votes on a withdrawn statement go with it: they were votes on these words.
    changed, _ = doomed.delete()
    deleted, _ = voters.delete()
    for opinion_map in OpinionMap.objects.filter(pk__in=maps):
        # The stored results count these votes; the next update counts without them.
        schedule_update(opinion_map)
    return changed + deleted


# A vote as the person cast it, in the page's language (the model's labels are staff's).
VOTE_WORDS = {1: gettext_noop("Agree"), -1: gettext_noop("Disagree"),
              0: gettext_noop("Pass or unsure")}


def _describe(subject: Subject) -> list[Section]:
    """Keys are marked, not translated (the file's format is one in either language); the
    answers are in the page's language, with staff's Welsh wording of a statement where they
    gave one. Statements people suggested are shown as they wrote them."""
    language = get_language() or ""
    voters = Voter.objects.filter(pk__in=subject.voter_ids).select_related("opinion_map__activity")
    rows = [{gettext_noop("opinion map"): v.opinion_map.activity.welsh_or_english(
                 "title", language)[0],
             gettext_noop("who you said you are"): self_words("perspectives", v.perspectives),
             gettext_noop("your votes"): [
                 {gettext_noop("statement"): welsh_or_english_text(
                     vote.statement.text, vote.statement.text_cy, language)[0],
                  gettext_noop("vote"): gettext(VOTE_WORDS.get(vote.value, str(vote.value)))}
                 for vote in v.votes.select_related("statement")],
             gettext_noop("statements you suggested"): [s.text for s in v.statements.all()]}
            for v in voters]
    return [Section(gettext_noop("Opinion maps you voted in"), rows)]


register_kind_store(
    "opinion_maps", table=Voter, ids="voter_ids", found=Subject.ids_on_accounts,
    also_find=_find, erase=_erase, describe=_describe,
    holds=("opinions.Statement.text", "opinions.Voter.perspectives"),
    not_erased={
        "opinions.Statement.text_cy": "the Welsh wording staff gave their own statements; a "
        "participant's statement never has one",
        "opinions.OpinionMap.result": "groups and counts by statement and voter id; recomputed "
        "without an erased voter's votes straight after the erasure",
        "opinions.OpinionMap.state": "numbers the next update starts from; recomputed likewise",
    })
