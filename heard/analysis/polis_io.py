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
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
from numpy.typing import NDArray

from heard.analysis.opinion import VoteTable, dense_codes
from heard.analysis.polis_metadata import find_metadata

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
    # Statements about the voter (Polis "is_meta"): kept and shown, but not used for groups.
    metadata: frozenset[int] = frozenset()

    def votes_for_groups(self) -> VoteTable:
        """The votes as Polis's maths sees them: metadata statements count as moderated out."""
        if not self.metadata:
            return self.votes
        return replace(self.votes, moderated_out=self.votes.moderated_out | self.metadata)


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
    _refuse_too_few(len(raw), len({v.participant for v in raw}), where)
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

VOTE_COLUMNS = ("timestamp", "comment-id", "voter-id", "vote")


def _read_csv(path: Path, required: tuple[str, ...]) -> list[dict[str, str]]:
    """Small CSV files (comments, summary) row by row; votes go through :func:`read_votes_csv`."""
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


def _csv_header(path: Path) -> list[str]:
    if not path.is_file():
        raise PolisFormatError(f"{path} is missing.")
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            return next(csv.reader(handle), [])
    except (UnicodeDecodeError, csv.Error) as error:
        raise PolisFormatError(f"{path} is not a readable CSV file: {error}.") from None


def _first_line_of_polars_error(error: Exception) -> str:
    return str(error).strip().splitlines()[0].rstrip(".") if str(error).strip() else type(
        error).__name__


def _read_columns(path: Path, columns: dict[str, Any]) -> pl.DataFrame:
    """Read only ``columns`` (name -> polars type) with polars' multi-threaded CSV parser.

    Why polars and not the csv module or pyarrow: docs/decisions/0012-columnar-polis-reader.md.
    """
    missing = [name for name in columns if name not in _csv_header(path)]
    if missing:
        raise PolisFormatError(f"{path}: missing column(s) {', '.join(missing)}.")
    try:
        return pl.read_csv(path, columns=list(columns), schema_overrides=columns,
                           encoding="utf8", raise_if_empty=False)
    except (pl.exceptions.PolarsError, UnicodeDecodeError, OSError) as error:
        raise PolisFormatError(
            f"{path} is not a readable Polis file: {_first_line_of_polars_error(error)}."
        ) from None


def _refuse_empty_cells(frame: pl.DataFrame, path: Path, names: tuple[str, ...]) -> None:
    for name in names:
        empty = frame[name].null_count()
        if empty:
            raise PolisFormatError(f"{path}: {empty:,} row(s) have no {name}.")


def _refuse_unknown_votes(vote: pl.Series, where: str) -> None:
    known = vote.is_in([-1.0, 0.0, 1.0])
    if bool(known.all()) and vote.null_count() == 0:
        return
    bad = vote.filter(~known.fill_null(False)).value_counts(sort=True).head(5)
    shown = [f"{_show_vote(value)} ({count} times)" for value, count in bad.iter_rows()]
    if vote.null_count():
        shown.insert(0, f"empty ({vote.null_count()} times)")
    raise PolisFormatError(
        f"{where}: votes must be 1, -1 or 0; found unknown values {', '.join(shown)}."
    )


def _show_vote(value: float | None) -> str:
    if value is None:
        return "empty"
    return str(int(value)) if float(value).is_integer() else repr(value)


def keep_last_votes(frame: pl.DataFrame) -> tuple[pl.DataFrame, int]:
    """Polis keeps each participant's LAST vote on a statement (its vote matrix overwrites a
    cell as later votes arrive): order by time, ties in file order, and keep the last."""
    if not _has_duplicate_cells(frame["voter-id"].to_numpy(), frame["comment-id"].to_numpy()):
        return frame, 0  # the usual case: one vote per cell, nothing to sort
    latest = frame.sort("timestamp", maintain_order=True).unique(
        subset=["voter-id", "comment-id"], keep="last", maintain_order=True)
    return latest, frame.height - latest.height


def _has_duplicate_cells(voters: NDArray[np.int64], statements: NDArray[np.int64]) -> bool:
    # One int64 per cell, then a hash count: far less memory than hashing pairs.
    _, voter_code = dense_codes(voters)
    statement_ids, statement_code = dense_codes(statements)
    cell = voter_code * max(len(statement_ids), 1) + statement_code
    return int(pl.Series(cell).n_unique()) < cell.shape[0]


def read_votes_csv(path: Path, statements: dict[int, str]) -> tuple[VoteTable, list[str]]:
    """votes.csv as typed columns, de-duplicated and checked, without a Python loop per row."""
    frame = _read_columns(path, {"timestamp": pl.Float64, "comment-id": pl.Int64,
                                 "voter-id": pl.Int64, "vote": pl.Float64})
    if any(frame.null_count().row(0)):  # blank lines become all-null rows; csv skips them
        frame = frame.filter(~pl.all_horizontal(pl.all().is_null()))
        _refuse_empty_cells(frame, path, ("voter-id", "comment-id"))
        frame = frame.with_columns(pl.col("timestamp").fill_null(0.0))
    _refuse_unknown_votes(frame["vote"], str(path))
    warnings: list[str] = []
    frame, dropped = keep_last_votes(frame)
    if dropped:
        warnings.append(
            f"{dropped} duplicated vote(s) (same participant and statement): kept the latest."
        )
    known = frame["comment-id"].is_in(list(statements))
    if not bool(known.all()):
        warnings.append(
            f"{int((~known).sum())} vote(s) on statements that do not exist were dropped."
        )
        frame = frame.filter(known)
    _refuse_too_few(frame.height, frame["voter-id"].n_unique(), str(path))
    columns = {name: frame[name].to_numpy() for name in VOTE_COLUMNS}
    del frame  # the numpy columns are all that is needed from here on
    table = VoteTable.from_records(
        columns["voter-id"], columns["comment-id"], columns["vote"].astype(np.int8),
        columns["timestamp"],
    )
    return table, warnings


def _refuse_too_few(n_votes: int, n_participants: int, where: str) -> None:
    if n_votes == 0:
        raise PolisFormatError(f"{where}: there are no votes, so there is nothing to map.")
    if n_participants < 2:
        raise PolisFormatError(
            f"{where}: only one participant has voted; opinion groups need at least two."
        )


def _read_export_statements(path: Path) -> tuple[dict[int, str], set[int]]:
    rows = _read_csv(path, ("comment-id", "comment-body"))
    statements = {_as_int(r["comment-id"], "comment-id", str(path)): r["comment-body"]
                  for r in rows}
    moderated_out = {int(r["comment-id"]) for r in rows if r.get("moderated", "0").strip() == "-1"}
    return statements, moderated_out


def _read_export_groups(path: Path) -> dict[int, int]:
    if not path.is_file():
        return {}
    frame = _read_columns(path, {"participant": pl.Int64, "group-id": pl.Int64})
    frame = frame.drop_nulls()
    return dict(zip(frame["participant"].to_list(), frame["group-id"].to_list(), strict=True))


def read_polis_export(directory: Path | str, *, detect_metadata: bool = True) -> PolisConversation:
    """Read a Polis CSV export (comments.csv, votes.csv, participants-votes.csv).

    The export does not say which statements the moderator marked as metadata (Polis's
    ``is_meta``), so unless ``detect_metadata`` is off they are recognised from their wording
    (:mod:`heard.analysis.polis_metadata`) and, like Polis, left out of the groups.
    """
    directory = Path(directory)
    statements, moderated_out = _read_export_statements(directory / "comments.csv")
    table, warnings = read_votes_csv(directory / "votes.csv", statements)
    _shorten_long_statements(statements, warnings)
    metadata = frozenset(find_metadata(statements) - moderated_out) if detect_metadata else (
        frozenset())
    if metadata:
        warnings.append(_metadata_note(metadata))
    table = replace(table, moderated_out=frozenset(moderated_out & set(statements)))
    topic = _read_topic(directory / "summary.csv")
    groups = _read_export_groups(directory / "participants-votes.csv")
    return PolisConversation(table, statements, topic, True, groups, warnings, metadata)


def _metadata_note(metadata: frozenset[int]) -> str:
    shown = ", ".join(str(t) for t in sorted(metadata)[:12]) + (
        " ..." if len(metadata) > 12 else "")
    return (f"{len(metadata)} statement(s) describe the voter rather than give an opinion "
            f"(for example age or where they live): {shown}. Like Polis's metadata, they are "
            "not used to form the groups.")


def _read_topic(path: Path) -> str:
    if not path.is_file():
        return ""
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.reader(handle):
            if len(row) >= 2 and row[0] == "topic":
                return row[1]
    return ""


def read_conversation(
    directory: Path | str, *, detect_metadata: bool = True
) -> PolisConversation:
    """Read either layout, whichever the directory holds."""
    directory = Path(directory)
    if (directory / "votes.csv").is_file():
        return read_polis_export(directory, detect_metadata=detect_metadata)
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
        writer = csv.writer(handle)
        writer.writerow(["timestamp", "datetime", "comment-id", "voter-id", "vote"])
        for t, tid, pid, vote in zip(times.tolist(), tids.tolist(), pids.tolist(),
                                     table.vote.tolist(), strict=True):
            writer.writerow([int(t), "", tid, pid, vote])  # CSV sign: agree = 1, as Heard's
    _write_participant_votes(directory / "participants-votes.csv", table, groups or {})


def _write_comments(path: Path, conversation: PolisConversation,
                    tallies: Counter[tuple[int, int]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
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
        writer = csv.writer(handle)
        writer.writerow(["participant", "group-id", "n-comments", "n-votes", "n-agree",
                         "n-disagree", *tids])
        for pid in sorted(grid):
            votes = grid[pid]
            values = list(votes.values())
            writer.writerow([pid, groups.get(pid, ""), 0, len(values), values.count(1),
                             values.count(-1), *[votes.get(t, "") for t in tids]])
