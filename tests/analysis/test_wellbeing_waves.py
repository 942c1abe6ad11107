"""Wellbeing results across waves: the maths and the suppression, as pure functions (no Django).
Figures are worked out by hand in each test."""

from __future__ import annotations

import pytest

from heard.analysis.wellbeing_waves import (
    BAND,
    EVERYONE,
    PERSPECTIVE,
    Reply,
    is_positive,
    parse_reference,
    parse_reference_csv,
    score,
    wave_results,
)

QUESTIONS = ["safe", "happy"]
BANDS = ["4-7", "8-11", "12-17", ""]
PERSPECTIVES = ["child_in_care", "adopted", "care_leaver", ""]


def replies(wave: int, question: str, band: str, perspective: str,
            choices: list[int], points: int = 5) -> list[Reply]:
    return [Reply(wave, question, band, perspective, c, points) for c in choices]


def rows_by_group(rows, question="safe"):
    return {(r.dimension, r.group): r for r in rows if r.question == question}


def test_scores_put_three_and_five_point_scales_on_the_same_0_to_100():
    assert [score(c, 3) for c in range(3)] == [0.0, 50.0, 100.0]
    assert [score(c, 5) for c in range(5)] == [0.0, 25.0, 50.0, 75.0, 100.0]
    assert [is_positive(c, 3) for c in range(3)] == [False, False, True]
    assert [is_positive(c, 5) for c in range(5)] == [False, False, False, True, True]
    with pytest.raises(ValueError):
        score(5, 5)


def test_mean_share_positive_and_change_between_waves():
    data = (replies(1, "safe", "8-11", "child_in_care", [4, 4, 3, 1, 0])       # 2 of 5... 3 of 5
            + replies(2, "safe", "8-11", "child_in_care", [4, 4, 4, 3, 2, 1]))  # 4 of 6
    rows = rows_by_group(wave_results(data, [1, 2], QUESTIONS, BANDS, PERSPECTIVES, threshold=5))
    everyone = rows[(EVERYONE, "all")]
    first, second = everyone.cells
    assert first.n == 5 and second.n == 6
    assert first.share_positive == pytest.approx(60.0)  # 4, 4, 3 are positive
    assert first.mean == pytest.approx((100 + 100 + 75 + 25 + 0) / 5)
    assert second.share_positive == pytest.approx(400 / 6)
    assert everyone.changes == (None, pytest.approx(400 / 6 - 60.0))
    # Groups nobody belongs to are left out of the table.
    assert (BAND, "4-7") not in rows and (PERSPECTIVE, "adopted") not in rows


def test_a_small_group_in_one_wave_is_hidden_and_so_is_its_change():
    data = (replies(1, "safe", "8-11", "child_in_care", [4] * 10)
            + replies(1, "safe", "8-11", "adopted", [0] * 6)
            + replies(1, "safe", "8-11", "care_leaver", [4] * 7)
            + replies(2, "safe", "8-11", "child_in_care", [4] * 10)
            + replies(2, "safe", "8-11", "adopted", [0, 4, 4])          # only three: hidden
            + replies(2, "safe", "8-11", "care_leaver", [4] * 7))
    rows = rows_by_group(wave_results(data, [1, 2], QUESTIONS, BANDS, PERSPECTIVES, threshold=5))
    adopted = rows[(PERSPECTIVE, "adopted")]
    assert adopted.cells[0].n == 6 and adopted.cells[0].share_positive == 0.0
    assert adopted.cells[1].suppressed and adopted.cells[1].mean is None
    assert adopted.changes == (None, None)
    # Everyone in wave 2 (20) less the groups shown would give the three adopted children's
    # answers, so a second group is hidden too: the smallest, the care leavers.
    assert rows[(EVERYONE, "all")].cells[1].n == 20
    assert rows[(PERSPECTIVE, "care_leaver")].cells[1].suppressed
    assert rows[(PERSPECTIVE, "child_in_care")].cells[1].n == 10
    shown_in_wave_2 = [r.cells[1].n for (dim, _), r in rows.items()
                       if dim == PERSPECTIVE and r.cells[1].n is not None]
    assert sum(shown_in_wave_2) < 20 - 3  # what is shown never adds up to leave one group


def test_the_not_said_group_counts_towards_the_total_it_could_give_away():
    data = (replies(1, "safe", "12-17", "child_in_care", [4] * 8)
            + replies(1, "safe", "12-17", "", [0, 0]))  # two who did not say who they are
    rows = rows_by_group(wave_results(data, [1], QUESTIONS, BANDS, PERSPECTIVES, threshold=5))
    assert rows[(PERSPECTIVE, "")].cells[0].suppressed
    assert rows[(PERSPECTIVE, "child_in_care")].cells[0].suppressed
    assert rows[(EVERYONE, "all")].cells[0].n == 10


def test_a_whole_wave_under_the_threshold_shows_nothing():
    data = replies(1, "happy", "8-11", "child_in_care", [4, 3])
    rows = rows_by_group(wave_results(data, [1], QUESTIONS, BANDS, PERSPECTIVES, threshold=5),
                         "happy")
    assert all(row.cells[0].suppressed for row in rows.values())


def test_reference_rows_are_checked_one_by_one():
    row, problems = parse_reference("safe", "82.5%", "Bright Spots 2023 national", "2023",
                                    QUESTIONS)
    assert problems == [] and row is not None and row.share_positive == 82.5
    row, problems = parse_reference("sleep", "120", "", "23", QUESTIONS)
    assert row is None
    assert len(problems) == 4
    assert "no question 'sleep'" in problems[0] and "0 to 100" in problems[1]
    assert "source" in problems[2] and "year like 2023" in problems[3]
    assert parse_reference("safe", "nan", "ONS", "2023", QUESTIONS)[0] is None
    row, problems = parse_reference("safe", "80", "ONS", "²⁰²³", QUESTIONS)
    assert row is None and "year like 2023" in problems[0]


def test_a_reference_csv_with_any_bad_line_gives_every_problem_with_its_line_number():
    text = ("question,share_positive,source,year\n"
            "safe,85,Bright Spots 2023 national,2023\n"
            "happy,lots,ONS general population,2022\n"
            "sleep,50,ONS,1850\n")
    rows, problems = parse_reference_csv(text, QUESTIONS)
    assert [p.split(":")[0] for p in problems] == ["Line 3", "Line 4", "Line 4"]
    assert len(rows) == 1  # the caller saves nothing while problems is not empty


def test_a_reference_csv_without_the_header_or_any_rows_says_so():
    assert "Missing: year" in parse_reference_csv("question,share_positive,source\n",
                                                  QUESTIONS)[1][0]
    assert parse_reference_csv("question,share_positive,source,year\n", QUESTIONS)[1] == [
        "The file has no figures under its first line."]
    rows, problems = parse_reference_csv(
        "\ufeffQuestion,Share_Positive,Source,Year\r\nhappy,70.5,ONS,2022\r\n", QUESTIONS)
    assert problems == [] and rows[0].share_positive == 70.5 and rows[0].year == 2022
