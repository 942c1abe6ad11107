"""Read and write Polis data for the opinion-map maths (no Django).

Two layouts are read:

* Polis API JSON, as in the fixtures: ``votes.json`` (``pid``/``tid`` or
  ``participant_id``/``statement_id``), ``comments.json``, ``conversation.json``.
* Polis CSV exports: ``comments.csv``, ``votes.csv`` and ``participants-votes.csv``.

Sign conventions. Heard uses agree = +1 everywhere. The CSV export already does. The Polis
API serves agree = -1, but some saved fixtures were re-signed on the way (agree = +1); when a
``comments.json`` carries ``agree_count``/``disagree_count`` we check which convention the votes
follow instead of guessing, and otherwise assume the API's.

Bad input raises :class:`PolisFormatError` with a plain-English message; recoverable problems
(duplicated votes, votes on unknown statements, over-long statements) are fixed and reported in
``PolisConversation.warnings``.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from heard.analysis.opinion import VoteTable
from heard.core import csv_safe

MAX_STATEMENT_CHARS = 1000  # longer statements are kept but shortened for reports
POLIS_ATTRIBUTION = (
    "Polis data: CC BY 4.0, The Computational Democracy Project (compdemocracy.org/polis)"
)


class PolisFormatError(ValueError):
    """Input that is not usable Polis data; the message says what is wrong and where."""


@dataclass
class PolisConversation:
    votes: VoteTable
    statements: dict[int, str]
    topic: str = ""
    from_polis: bool = True
    polis_groups: dict[int, int] = field(default_factory=dict)  # participant -> Polis group-id
    warnings: list[str] = field(default_factory=list)


@dataclass
class _RawVote:
    participant: int
    statement: int
    vote: int
    timestamp: float


# --------------------------------------------------------------------------- shared checks


def _as_int(value: Any, what: str, where: str) -> int:
    try:
        return int(float(value))
    except (TypeError, ValueError):
        raise PolisFormatError(f"{where}: {what} {value!r} is not a whole number.") from None


def _check_vote_values(raw: list[_RawVote], where: str) -> None:
    bad = Counter(v.vote for v in raw if v.vote not in (-1, 0, 1))
    if bad:
        shown = ", ".join(f"{value!r} ({n} times)" for value, n in bad.most_common(5))
        raise PolisFormatError(
            f"{where}: votes must be 1, -1 or 0; found unknown values {shown}."
        )


def _keep_latest(raw: list[_RawVote], warnings: list[str]) -> list[_RawVote]:
    latest: dict[tuple[int, int], _RawVote] = {}
    for v in raw:
        key = (v.participant, v.statement)
        if key not in latest or v.timestamp >= latest[key].timestamp:
            latest[key] = v
    dropped = len(raw) - len(latest)
    if dropped:
        warnings.append(
            f"{dropped} duplicated vote(s) (same participant and statement): kept the latest."
        )
    return list(latest.values())


def _drop_unknown_statements(
    raw: list[_RawVote], statements: dict[int, str], warnings: list[str]
) -> list[_RawVote]:
    kept = [v for v in raw if v.statement in statements]
    if len(kept) < len(raw):
        warnings.append(
            f"{len(raw) - len(kept)} vote(s) on statements that do not exist were dropped."
        )
    return kept


def _shorten_long_statements(statements: dict[int, str], warnings: list[str]) -> None:
    for tid, text in statements.items():
        if len(text) > MAX_STATEMENT_CHARS:
            warnings.append(
                f"Statement {tid} is {len(text):,} characters long; shown shortened to "
                f"{MAX_STATEMENT_CHARS:,} characters."
            )
            statements[tid] = text[: MAX_STATEMENT_CHARS - 1].rstrip() + "…"


def _to_table(
    raw: list[_RawVote], statements: dict[int, str], moderated_out: set[int], where: str
) -> VoteTable:
    if not raw:
        raise PolisFormatError(f"{where}: there are no votes, so there is nothing to map.")
    participants = {v.participant for v in raw}
    if len(participants) < 2:
        raise PolisFormatError(
            f"{where}: only one participant has voted; opinion groups need at least two."
        )
    return VoteTable.from_records(
        [v.participant for v in raw], [v.statement for v in raw], [v.vote for v in raw],
        [v.timestamp for v in raw], moderated_out & set(statements),
    )


def _finish(
    raw: list[_RawVote], statements: dict[int, str], moderated_out: set[int], where: str,
    warnings: list[str],
) -> VoteTable:
    _check_vote_values(raw, where)
    raw = _drop_unknown_statements(_keep_latest(raw, warnings), statements, warnings)
    _shorten_long_statements(statements, warnings)
    return _to_table(raw, statements, moderated_out, where)


# --------------------------------------------------------------------------- JSON fixtures


def _load_json(path: Path) -> Any:
    if not path.is_file():
        raise PolisFormatError(f"{path} is missing.")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise PolisFormatError(f"{path} is not valid JSON: {error}.") from None


def _field(record: dict[str, Any], names: tuple[str, ...], where: str) -> Any:
    for name in names:
        if name in record:
            return record[name]
    raise PolisFormatError(f"{where}: a record has none of the fields {', '.join(names)}.")


def _api_sign(raw: list[_RawVote], comments: list[dict[str, Any]]) -> int:
    """+1 if these votes already use agree = +1, -1 if they use the API's agree = -1."""
    plus = Counter(v.statement for v in raw if v.vote == 1)
    minus = Counter(v.statement for v in raw if v.vote == -1)
    score = 0
    for c in comments:
        if "agree_count" not in c:
            continue
        tid = int(c.get("tid", c.get("statement_id", -1)))
        agree = c["agree_count"]
        score += int(plus[tid] == agree) - int(minus[tid] == agree)
    return 1 if score > 0 else -1


def _is_moderated_out(comment: dict[str, Any]) -> bool:
    # Polis excludes rejected comments (mod -1) and meta comments from the maths.
    moderation = comment.get("mod", comment.get("moderated", 0))
    return bool(comment.get("is_meta")) or moderation == -1


def read_polis_fixture(directory: Path | str) -> PolisConversation:
    """Read a Polis API dump (votes.json, comments.json, optional conversation.json)."""
    directory = Path(directory)
    where = str(directory)
    votes_json = _load_json(directory / "votes.json")
    comments = _load_json(directory / "comments.json")
    if not isinstance(votes_json, list) or not isinstance(comments, list):
        raise PolisFormatError(f"{where}: votes.json and comments.json must be JSON lists.")
    raw = [
        _RawVote(
            _as_int(_field(v, ("pid", "participant_id"), where), "participant", where),
            _as_int(_field(v, ("tid", "statement_id"), where), "statement", where),
            _as_int(_field(v, ("vote",), where), "vote", where),
            float(v.get("modified") or 0),
        )
        for v in votes_json
    ]
    statements = {
        _as_int(_field(c, ("tid", "statement_id"), where), "statement", where): str(
            c.get("txt", "")
        )
        for c in comments
    }
    _check_vote_values(raw, where)
    sign = _api_sign(raw, comments)
    raw = [_RawVote(v.participant, v.statement, v.vote * sign, v.timestamp) for v in raw]
    warnings: list[str] = []
    moderated_out = {int(c.get("tid", c.get("statement_id", -1))) for c in comments
                     if _is_moderated_out(c)}
    table = _finish(raw, statements, moderated_out, where, warnings)
    topic = ""
    if (directory / "conversation.json").is_file():
        topic = str(_load_json(directory / "conversation.json").get("topic") or "")
    return PolisConversation(table, statements, topic, True, {}, warnings)


# --------------------------------------------------------------------------- CSV exports


def _read_csv(path: Path, required: tuple[str, ...]) -> list[dict[str, str]]:
    if not path.is_file():
        raise PolisFormatError(f"{path} is missing.")
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
            header = rows[0].keys() if rows else []
    except (UnicodeDecodeError, csv.Error) as error:
        raise PolisFormatError(f"{path} is not a readable CSV file: {error}.") from None
    missing = [name for name in required if rows and name not in header]
    if missing:
        raise PolisFormatError(f"{path}: missing column(s) {', '.join(missing)}.")
    return rows


def _read_export_statements(path: Path) -> tuple[dict[int, str], set[int]]:
    rows = _read_csv(path, ("comment-id", "comment-body"))
    statements = {_as_int(r["comment-id"], "comment-id", str(path)): r["comment-body"]
                  for r in rows}
    moderated_out = {int(r["comment-id"]) for r in rows if r.get("moderated", "0").strip() == "-1"}
    return statements, moderated_out


def _read_export_groups(path: Path) -> dict[int, int]:
    if not path.is_file():
        return {}
    rows = _read_csv(path, ("participant", "group-id"))
    return {
        _as_int(r["participant"], "participant", str(path)): int(r["group-id"])
        for r in rows if r.get("group-id", "").strip() != ""
    }


def read_polis_export(directory: Path | str) -> PolisConversation:
    """Read a Polis CSV export (comments.csv, votes.csv, participants-votes.csv)."""
    directory = Path(directory)
    where = str(directory / "votes.csv")
    statements, moderated_out = _read_export_statements(directory / "comments.csv")
    rows = _read_csv(directory / "votes.csv", ("timestamp", "comment-id", "voter-id", "vote"))
    raw = [
        _RawVote(
            _as_int(r["voter-id"], "voter-id", where),
            _as_int(r["comment-id"], "comment-id", where),
            _as_int(r["vote"], "vote", where) if r["vote"].strip() else 99,
            float(r["timestamp"] or 0),
        )
        for r in rows
    ]
    warnings: list[str] = []
    table = _finish(raw, statements, moderated_out, where, warnings)
    topic = _read_topic(directory / "summary.csv")
    groups = _read_export_groups(directory / "participants-votes.csv")
    return PolisConversation(table, statements, topic, True, groups, warnings)


def _read_topic(path: Path) -> str:
    if not path.is_file():
        return ""
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.reader(handle):
            if len(row) >= 2 and row[0] == "topic":
                return row[1]
    return ""


def read_conversation(directory: Path | str) -> PolisConversation:
    """Read either layout, whichever the directory holds."""
    directory = Path(directory)
    if (directory / "votes.csv").is_file():
        return read_polis_export(directory)
    if (directory / "votes.json").is_file():
        return read_polis_fixture(directory)
    raise PolisFormatError(f"{directory} holds neither votes.csv nor votes.json.")


def write_polis_export(
    conversation: PolisConversation, directory: Path | str,
    groups: dict[int, int] | None = None,
) -> None:
    """Write comments.csv, votes.csv and participants-votes.csv in Polis's export layout."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    table = conversation.votes
    pids = table.participant_ids[table.participant_index]
    tids = table.statement_ids[table.statement_index]
    times = table.timestamp if table.timestamp is not None else np.zeros(table.n_votes)
    _write_comments(directory / "comments.csv", conversation, Counter(zip(tids.tolist(),
                                                                          table.vote.tolist(),
                                                                          strict=True)))
    with (directory / "votes.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv_safe.writer(handle)
        writer.writerow(["timestamp", "datetime", "comment-id", "voter-id", "vote"])
        for t, tid, pid, vote in zip(times.tolist(), tids.tolist(), pids.tolist(),
                                     table.vote.tolist(), strict=True):
            writer.writerow([int(t), "", tid, pid, vote])  # CSV sign: agree = 1, as Heard's
    _write_participant_votes(directory / "participants-votes.csv", table, groups or {})


def _write_comments(path: Path, conversation: PolisConversation,
                    tallies: Counter[tuple[int, int]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv_safe.writer(handle)
        writer.writerow(["timestamp", "datetime", "comment-id", "author-id", "agrees",
                         "disagrees", "moderated", "comment-body"])
        for tid, text in sorted(conversation.statements.items()):
            moderated = -1 if tid in conversation.votes.moderated_out else 1
            writer.writerow(["", "", tid, "", tallies[(tid, 1)], tallies[(tid, -1)], moderated,
                             text])


def _write_participant_votes(path: Path, table: VoteTable, groups: dict[int, int]) -> None:
    grid: dict[int, dict[int, int]] = {}
    for p, t, v in zip(table.participant_index.tolist(), table.statement_index.tolist(),
                       table.vote.tolist(), strict=True):
        grid.setdefault(int(table.participant_ids[p]), {})[int(table.statement_ids[t])] = v
    tids = table.statement_ids.tolist()
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv_safe.writer(handle)
        writer.writerow(["participant", "group-id", "n-comments", "n-votes", "n-agree",
                         "n-disagree", *tids])
        for pid in sorted(grid):
            votes = grid[pid]
            values = list(votes.values())
            writer.writerow([pid, groups.get(pid, ""), 0, len(values), values.count(1),
                             values.count(-1), *[votes.get(t, "") for t in tids]])
