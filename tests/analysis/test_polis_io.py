"""Reading and writing Polis formats, and clear messages for bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from heard.analysis.polis_io import (
    PolisFormatError,
    read_conversation,
    read_polis_export,
    read_polis_fixture,
    write_polis_export,
)

VOTES_HEADER = "timestamp,datetime,comment-id,voter-id,vote\n"
COMMENTS_HEADER = (
    "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n"
)


def _export(tmp_path: Path, votes: list[str], comments: list[str] | None = None) -> Path:
    comments = comments or ["0,,0,0,0,0,1,First", "0,,1,0,0,0,1,Second"]
    (tmp_path / "comments.csv").write_text(COMMENTS_HEADER + "\n".join(comments) + "\n")
    (tmp_path / "votes.csv").write_text(VOTES_HEADER + "\n".join(votes) + "\n")
    return tmp_path


def test_reads_export_with_agree_positive(tmp_path: Path) -> None:
    conv = read_polis_export(_export(tmp_path, ["1,,0,5,1", "2,,1,5,-1", "3,,0,6,0"]))
    table = conv.votes
    assert table.participant_ids.tolist() == [5, 6]
    assert sorted(table.vote.tolist()) == [-1, 0, 1]


def test_unknown_vote_value(tmp_path: Path) -> None:
    with pytest.raises(PolisFormatError, match="unknown values 2"):
        read_polis_export(_export(tmp_path, ["1,,0,5,2", "2,,0,6,1"]))


def test_duplicate_votes_keep_latest_and_are_counted(tmp_path: Path) -> None:
    conv = read_polis_export(_export(tmp_path, ["1,,0,5,1", "9,,0,5,-1", "3,,0,6,1"]))
    assert any("1 duplicated vote" in w for w in conv.warnings)
    assert conv.votes.n_votes == 2
    assert -1 in conv.votes.vote.tolist()


def test_votes_on_missing_statements_are_dropped(tmp_path: Path) -> None:
    conv = read_polis_export(_export(tmp_path, ["1,,0,5,1", "2,,7,5,1", "3,,0,6,1"]))
    assert any("1 vote(s) on statements that do not exist" in w for w in conv.warnings)


def test_single_participant_and_no_votes(tmp_path: Path) -> None:
    with pytest.raises(PolisFormatError, match="only one participant"):
        read_polis_export(_export(tmp_path, ["1,,0,5,1", "2,,1,5,1"]))
    with pytest.raises(PolisFormatError, match="no votes"):
        read_polis_export(_export(tmp_path, []))


def test_very_long_statement_is_shortened_with_a_note(tmp_path: Path) -> None:
    long = "a" * 10_000
    conv = read_polis_export(
        _export(tmp_path, ["1,,0,5,1", "3,,0,6,1"], [f"0,,0,0,0,0,1,{long}"])
    )
    assert len(conv.statements[0]) <= 1000
    assert any("10,000 characters" in w for w in conv.warnings)


def test_missing_file_and_bad_json(tmp_path: Path) -> None:
    with pytest.raises(PolisFormatError, match="neither"):
        read_conversation(tmp_path)
    (tmp_path / "votes.json").write_text("{not json")
    (tmp_path / "comments.json").write_text("[]")
    with pytest.raises(PolisFormatError, match="not valid JSON"):
        read_polis_fixture(tmp_path)


def test_api_json_sign_is_flipped_when_counts_say_so(tmp_path: Path) -> None:
    # API convention: agree = -1. comments.json says statement 0 has 2 agrees.
    votes = [{"pid": p, "tid": 0, "vote": -1, "modified": p} for p in range(2)]
    (tmp_path / "votes.json").write_text(json.dumps(votes))
    (tmp_path / "comments.json").write_text(json.dumps(
        [{"tid": 0, "txt": "x", "agree_count": 2, "disagree_count": 0, "mod": 1}]
    ))
    assert read_polis_fixture(tmp_path).votes.vote.tolist() == [1, 1]


def test_round_trip_through_csv(tmp_path: Path) -> None:
    source = read_polis_export(_export(tmp_path, ["1,,0,5,1", "2,,1,5,-1", "3,,0,6,0"]))
    write_polis_export(source, tmp_path / "out", groups={5: 0, 6: 1})
    again = read_polis_export(tmp_path / "out")
    assert again.votes.n_votes == source.votes.n_votes
    assert sorted(again.votes.vote.tolist()) == sorted(source.votes.vote.tolist())
    assert again.polis_groups == {5: 0, 6: 1}


# --------------------------------------------------------------------------- columnar reader

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "polis"


def _reference_read(directory: Path) -> dict[tuple[int, int], int]:
    """The row-by-row reading the columnar reader replaced, kept here as the oracle: the last
    vote (by timestamp, then file order) of each participant on each known statement."""
    import csv

    with (directory / "comments.csv").open(newline="", encoding="utf-8") as handle:
        known = {int(r["comment-id"]) for r in csv.DictReader(handle)}
    latest: dict[tuple[int, int], tuple[float, int]] = {}
    with (directory / "votes.csv").open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            key = (int(row["voter-id"]), int(row["comment-id"]))
            stamp = float(row["timestamp"] or 0)
            if key[1] in known and (key not in latest or stamp >= latest[key][0]):
                latest[key] = (stamp, int(row["vote"]))
    return {key: vote for key, (_, vote) in latest.items()}


def _cells(table: object) -> dict[tuple[int, int], int]:
    from heard.analysis.opinion import VoteTable

    assert isinstance(table, VoteTable)
    pids = table.participant_ids[table.participant_index].tolist()
    tids = table.statement_ids[table.statement_index].tolist()
    return dict(zip(zip(pids, tids, strict=True), table.vote.tolist(), strict=True))


def test_duplicates_keep_the_last_vote_by_time_then_file_order(tmp_path: Path) -> None:
    rows = ["5,,0,1,1", "3,,0,1,-1",  # later timestamp first in the file: 5 wins
            "2,,1,1,1", "2,,1,1,0",   # same timestamp: the later row wins
            "1,,0,2,0", "9,,0,2,1", "4,,0,2,-1"]
    conv = read_polis_export(_export(tmp_path, rows))
    assert _cells(conv.votes) == {(1, 0): 1, (1, 1): 0, (2, 0): 1}
    assert any("4 duplicated vote" in w for w in conv.warnings)


def test_columnar_reader_matches_the_row_by_row_reading_on_real_exports() -> None:
    exports = sorted(p for p in (DATA / "opendata").glob("*") if (p / "votes.csv").is_file())
    if not exports:
        pytest.skip("Polis open data not found beside the repository")
    for directory in exports:
        assert _cells(read_polis_export(directory).votes) == _reference_read(directory), (
            directory.name)


def test_columnar_reader_matches_the_fixtures_written_as_csv(tmp_path: Path) -> None:
    fixtures = sorted(p for p in (DATA / "fixtures").glob("*") if (p / "votes.json").is_file())
    if not fixtures:
        pytest.skip("Polis fixtures not found beside the repository")
    for directory in fixtures:
        source = read_polis_fixture(directory)
        write_polis_export(source, tmp_path / directory.name)
        again = read_polis_export(tmp_path / directory.name, detect_metadata=False)
        assert _cells(again.votes) == _cells(source.votes), directory.name
        assert again.votes.moderated_out == source.votes.moderated_out


@pytest.mark.parametrize(("line", "message"), [
    ("1,,0,abc,1", "not a readable Polis file"),
    ("1,,0,5,yes", "not a readable Polis file"),
    ("1,,0,,1", "have no voter-id"),
    ("1,,0,5,", "unknown values empty"),
    ("1,,0,5,0.5", "unknown values 0.5"),
])
def test_bad_cells_get_a_clear_message(tmp_path: Path, line: str, message: str) -> None:
    with pytest.raises(PolisFormatError, match=message):
        read_polis_export(_export(tmp_path, [line, "2,,0,6,1"]))


def test_missing_vote_column_is_named(tmp_path: Path) -> None:
    directory = _export(tmp_path, ["1,,0,5,1"])
    (directory / "votes.csv").write_text("timestamp,comment-id,voter-id\n1,0,5\n")
    with pytest.raises(PolisFormatError, match="missing column"):
        read_polis_export(directory)


def test_votes_that_are_not_utf8_are_refused(tmp_path: Path) -> None:
    directory = _export(tmp_path, ["1,,0,5,1"])
    (directory / "votes.csv").write_bytes(VOTES_HEADER.encode() + b"1,\xff\xfe,0,5,1\n")
    with pytest.raises(PolisFormatError, match="not a readable"):
        read_polis_export(directory)


# --------------------------------------------------------------------------- metadata


def test_statements_about_the_voter_are_set_aside_for_groups_only(tmp_path: Path) -> None:
    comments = ["0,,0,0,0,0,1,I live in a city.", "0,,1,0,0,0,1,Buses should be free.",
                "0,,2,0,0,0,1,My ethnicity is Black British."]
    conv = read_polis_export(_export(tmp_path, ["1,,0,5,1", "2,,1,5,1", "3,,2,6,1"],
                                     comments))
    assert conv.metadata == {0, 2}
    assert conv.votes.moderated_out == frozenset()  # still votes, still statements
    assert conv.votes_for_groups().moderated_out == {0, 2}
    assert any("describe the voter" in w for w in conv.warnings)
    kept = read_polis_export(tmp_path, detect_metadata=False)
    assert kept.metadata == frozenset()
