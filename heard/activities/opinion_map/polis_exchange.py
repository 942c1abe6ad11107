"""Bringing a Polis conversation into Heard, and taking an opinion map out in Polis's CSV layout.

The file formats live in heard.analysis.polis_io; this module maps them onto Heard's rows.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from django.contrib.auth.models import User
from django.db import transaction

from heard.analysis.opinion import VoteTable
from heard.analysis.polis_io import PolisConversation, read_conversation, write_polis_export
from heard.audit.log import record
from heard.contributions.actions import do_screen_participant_text
from heard.core import csv_safe
from heard.safety.redaction import detect_many

from .actions import do_create_opinion_map
from .models import STATEMENT_MAX_LENGTH, OpinionMap, Statement, Vote, Voter
from .updates import latest_groups


@transaction.atomic
def do_import_polis(
    directory: Path, title: str, actor: User | None
) -> tuple[OpinionMap, list[str]]:
    """All or nothing: a conversation that cannot be read leaves no half-made map behind."""
    conversation = read_conversation(directory)  # raises PolisFormatError with a clear message
    opinion_map = do_create_opinion_map(title, conversation.topic or title, actor,
                                        allow_participant_statements=False)
    statements = _import_statements(opinion_map, conversation, actor)
    voters = _import_voters(opinion_map, conversation.votes)
    _import_votes(conversation.votes, statements, voters)
    record(actor, "opinion_map.imported", opinion_map, statements=len(statements),
           voters=len(voters), votes=conversation.votes.n_votes)
    return opinion_map, conversation.warnings


def _import_statements(opinion_map: OpinionMap, conversation: PolisConversation,
                       actor: User | None) -> dict[int, Statement]:
    texts = {tid: text.replace("\x00", "")[:STATEMENT_MAX_LENGTH] or f"({tid})"
             for tid, text in sorted(conversation.statements.items())}
    rows = [Statement(opinion_map=opinion_map, text=text, origin=Statement.Origin.SEED,
                      external_id=tid,
                      status=(Statement.Status.REJECTED if tid in conversation.votes.moderated_out
                              else Statement.Status.ACCEPTED))
            for tid, text in texts.items()]
    _check_before_voters_see(opinion_map, rows, actor)
    Statement.objects.bulk_create(rows, batch_size=1000)
    return {s.external_id: s for s in opinion_map.statements.all()  # type: ignore[misc]
            if s.external_id is not None}


def _check_before_voters_see(opinion_map: OpinionMap, rows: list[Statement],
                             actor: User | None) -> None:
    """Comments written by participants elsewhere meet the same checks as ours before anyone
    votes on them here: risk is kept for the safeguarding lead, and a comment with risk or with
    personal data (a name, a phone number) waits for a facilitator instead of being shown."""
    shown = [row for row in rows if row.status == Statement.Status.ACCEPTED]
    personal = detect_many([row.text for row in shown])
    for row, spans in zip(shown, personal, strict=True):
        flagged = do_screen_participant_text(opinion_map.activity, row.text, actor,
                                             source="opinions.Statement.text (Polis import)")
        if flagged is not None or spans:
            row.status = Statement.Status.PENDING
            row.source_contribution = flagged


def _import_voters(opinion_map: OpinionMap, table: VoteTable) -> dict[int, Voter]:
    Voter.objects.bulk_create([Voter(opinion_map=opinion_map, external_id=int(pid))
                               for pid in table.participant_ids.tolist()], batch_size=1000)
    return {v.external_id: v for v in opinion_map.voters.all()  # type: ignore[misc]
            if v.external_id is not None}


def _import_votes(table: VoteTable, statements: dict[int, Statement],
                  voters: dict[int, Voter]) -> None:
    pids = table.participant_ids[table.participant_index].tolist()
    tids = table.statement_ids[table.statement_index].tolist()
    Vote.objects.bulk_create(
        [Vote(statement=statements[t], voter=voters[p], value=int(v))
         for p, t, v in zip(pids, tids, table.vote.tolist(), strict=True) if t in statements],
        batch_size=2000, ignore_conflicts=True)


def export_polis(opinion_map: OpinionMap, directory: Path) -> int:
    """Write comments.csv, votes.csv and participants-votes.csv (with Heard's groups)."""
    rows = list(Vote.objects.filter(statement__opinion_map=opinion_map)
                .values_list("voter_id", "statement_id", "value", "updated_at"))
    if rows:
        pids, tids, values, stamps = zip(*rows, strict=True)
        table = VoteTable.from_records(
            list(pids), list(tids), list(values),
            timestamps=[s.timestamp() * 1000 for s in stamps],
            moderated_out={s.pk for s in opinion_map.statements.exclude(
                status=Statement.Status.ACCEPTED)})
    else:
        table = VoteTable.from_records(np.array([], dtype=np.int64), [], [])
    conversation = PolisConversation(
        votes=table, statements=dict(opinion_map.statements.values_list("pk", "text")),
        topic=opinion_map.activity.purpose, from_polis=False)
    write_polis_export(conversation, directory, groups=latest_groups(opinion_map))
    (directory / "summary.csv").write_text(csv_safe.to_text([
        ["topic", opinion_map.activity.title],
        ["exported", datetime.now(tz=UTC).isoformat()]], lineterminator="\n"), encoding="utf-8")
    # The statements' words and every vote are now in files outside Heard, as with an export
    # from the web pages: the log says when, where and how much.
    record(None, "opinion_map.exported", opinion_map, format="polis",
           path=str(directory.resolve()), votes=len(rows),
           statements=len(conversation.statements))
    return len(rows)

