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
