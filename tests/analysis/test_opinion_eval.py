"""Heard against Polis's own results on the shared reference data."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from heard.analysis.opinion import VoteTable, build_vote_matrix, compute_opinion_map
from heard.analysis.opinion_eval import (
    clustered_below_threshold,
    compare_fixture,
    evaluate,
    format_report,
)
from heard.analysis.opinion_report import write_outputs
from heard.analysis.polis_io import read_polis_fixture

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
FIXTURES = DATA / "polis" / "fixtures"
OPENDATA = DATA / "polis" / "opendata"


def _need(path: Path) -> Path:
    if not path.is_dir():
        pytest.skip(f"reference data not found at {path} (expected ../shared/data)")
    return path


@pytest.fixture(scope="module")
def opendata_evaluation() -> dict[str, Any]:
    """Heard against Polis on the open data, without Red Dwarf: three tests read the same
    result, which takes about 2 CPU-seconds to work out, so it is worked out once for the
    module. Each test gets its own copy, so none can change what the next one reads."""
    return evaluate(None, _need(OPENDATA), with_red_dwarf=False)


@pytest.fixture
def opendata(opendata_evaluation: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(opendata_evaluation)


@pytest.mark.parametrize("name", ["below-100-ptpts", "50ptpt-3gp-strict-no-meta"])
def test_deterministic_fixtures_match_polis_exactly(name: str) -> None:
    result = compare_fixture(_need(FIXTURES / name))
    assert result["ari"] == 1.0 and result["in_conv_exact"]
    assert result["repness"]["identical"]
    assert result["consensus_identical"]
    assert result["group_aware_consensus_max_abs_diff"] < 1e-9


def test_repness_values_match_math_json() -> None:
    directory = _need(FIXTURES / "below-100-ptpts")
    math = json.loads((directory / "math-pca2.json").read_text())
    result = compute_opinion_map(read_polis_fixture(directory).votes)
    ours = {str(g): [s.to_polis() for s in stats] for g, stats in result.repness.items()}
    for group, items in math["repness"].items():
        for polis, mine in zip(items, ours[group], strict=True):
            assert mine["tid"] == polis["tid"]
            for key in ("n-success", "n-trials", "p-success", "p-test", "repness",
                        "repness-test"):
                assert mine[key] == pytest.approx(polis[key], rel=1e-6)
    assert [s.to_polis()["p-test"] for s in result.consensus["agree"]] == pytest.approx(
        [x["p-test"] for x in math["consensus"]["agree"]]
    )


def test_pca_matches_polis_on_every_fixture() -> None:
    for directory in sorted(p for p in _need(FIXTURES).iterdir() if p.is_dir()):
        pca = compare_fixture(directory)["pca"]
        assert pca["component_min_abs_correlation"] > 0.99, directory.name


def test_opendata_json_shape_and_quality(opendata: dict[str, Any]) -> None:
    result = opendata
    assert set(result) >= {"conversations", "mean_ari", "red_dwarf_mean_ari"}
    for entry in result["conversations"].values():
        assert set(entry) >= {"ari", "red_dwarf_ari", "seconds", "red_dwarf_seconds"}
    assert result["mean_ari"] > 0.5
    assert "Mean ARI" in format_report(result)


def test_report_outputs(tmp_path: Path) -> None:
    summary = write_outputs(_need(FIXTURES / "below-100-ptpts"), tmp_path)
    assert summary.groups == 3
    page = (tmp_path / "report.html").read_text()
    assert "<svg" in page and "<table>" in page and "CC BY 4.0" in page
    assert "http" not in page.replace("http://www.w3.org/2000/svg", "").replace(
        "compdemocracy.org", "")
    header = (tmp_path / "groups.csv").read_text().splitlines()[0]
    assert header == "participant,group"
    assert json.loads((tmp_path / "repness.json").read_text())


def test_zero_filled_projection_equals_heards_when_nobody_skipped_a_statement() -> None:
    """With every vote cast, filling gaps with 0 or with the mean is the same matrix, so early
    Polis's projection and Heard's agree (up to each axis's sign); with gaps they differ."""
    import numpy as np

    from heard.analysis.opinion import VoteTable, build_vote_matrix, project_participants
    from heard.analysis.opinion_eval import zero_imputed_coordinates

    rng = np.random.default_rng(3)
    grid = rng.choice([-1, 0, 1], size=(30, 8))
    people, statements = np.nonzero(np.ones_like(grid))
    full = VoteTable.from_records(people, statements, grid[people, statements])
    matrix = build_vote_matrix(full)
    ours = project_participants(matrix).coordinates
    legacy = zero_imputed_coordinates(matrix, frozenset())
    assert legacy is not None
    assert np.allclose(np.abs(legacy), np.abs(ours))

    keep = rng.random(people.shape[0]) > 0.4
    gappy = build_vote_matrix(VoteTable.from_records(
        people[keep], statements[keep], grid[people, statements][keep]))
    legacy = zero_imputed_coordinates(gappy, frozenset())
    assert legacy is not None
    assert not np.allclose(np.abs(legacy), np.abs(project_participants(gappy).coordinates))


def test_opendata_diagnostics_say_who_is_clustered(opendata: dict[str, Any]) -> None:
    result = opendata
    for name, entry in result["conversations"].items():
        d = entry["diagnostic"]
        assert d["clustered_by_both"] <= min(d["heard_clustered"], d["polis_clustered"]), name
        assert -1.0 <= d["ari_on_polis_participants"] <= 1.0
    # Replaying in-conv over the vote stream gives exactly the participants Polis clustered.
    bio = result["conversations"]["scoop-hivemind.biodiversity"]["diagnostic"]
    assert bio["heard_clustered"] == bio["polis_clustered"] == bio["clustered_by_both"]
    assert "zero-filled PCA" in format_report(result)


def test_clustered_below_threshold_counts_only_the_named_light_voters() -> None:
    # 8 statements: participant 1 votes on all, 2 on 6, 3 on 1; the threshold is min(7, 8) = 7.
    cells = [(1, t) for t in range(8)] + [(2, t) for t in range(6)] + [(3, 0)]
    votes = VoteTable.from_records([p for p, _ in cells], [t for _, t in cells], [1] * len(cells))
    matrix = build_vote_matrix(votes)
    assert clustered_below_threshold(matrix, [1, 2, 3]) == 2
    assert clustered_below_threshold(matrix, [1, 3]) == 1
    assert clustered_below_threshold(matrix, [1]) == 0


def test_diagnostics_show_polis_clustering_light_voters_only_where_history_explains_it(
        opendata: dict[str, Any]) -> None:
    result = opendata
    below = {name: entry["diagnostic"]["polis_clustered_below_threshold"]
             for name, entry in result["conversations"].items()}
    # ubi: every participant has a group-id, 60 of them with fewer than 7 votes.
    assert below["scoop-hivemind.ubi"] == 60
    # seattle and canadian: Polis's set is exactly today's rule on the final votes.
    assert below["15-per-hour-seattle"] == below["canadian-electoral-reform"] == 0
    assert "below today's vote threshold" in format_report(result)
    # A fixture served by a 2024 Polis still clusters participants admitted in 2018.
    fixture = compare_fixture(_need(FIXTURES / "above-100-ptpts"))
    assert fixture["diagnostic_polis_in_conv_below_threshold"] == 32
