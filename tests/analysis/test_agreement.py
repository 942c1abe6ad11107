"""Agreement maths against published worked examples, hand-computed tables and scikit-learn."""

from __future__ import annotations

import math

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from heard.analysis.agreement import (
    agreement_from_rows,
    code_agreement,
    cohen_kappa,
    compare_with_themes,
    evaluate_csv,
    format_report,
    krippendorff_alpha_nominal,
    landis_koch,
)

N = None
# Krippendorff (2011), "Computing Krippendorff's alpha-reliability", section C: four observers,
# twelve units, nominal values with missing data. The paper gives alpha = 0.743.
KRIPPENDORFF_C = {
    "A": [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
    "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
    "C": [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
    "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],
}


def test_krippendorff_worked_example_with_missing_values():
    units = list(zip(*KRIPPENDORFF_C.values(), strict=True))
    assert krippendorff_alpha_nominal(units) == pytest.approx(0.743, abs=5e-4)
    # Exact: 1 - (n-1) * sum(o_ck, c != k) / sum(n_c n_k, c != k) = 1 - 39*4/608.
    assert krippendorff_alpha_nominal(units) == pytest.approx(1 - 39 * 4 / 608)


def test_krippendorff_two_observer_examples():
    # Same paper, section A (binary, two observers, alpha = 0.095) and section B (nominal,
    # two observers, no missing data, alpha = 0.692).
    a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    assert krippendorff_alpha_nominal(zip(a, b, strict=True)) == pytest.approx(0.095, abs=5e-4)
    a2 = list("aabbdcccedda")
    b2 = list("babbbccceddd")
    assert krippendorff_alpha_nominal(zip(a2, b2, strict=True)) == pytest.approx(0.692,
                                                                                 abs=5e-4)


def test_cohen_kappa_on_a_hand_computed_two_by_two_table():
    # 50 items: both yes 20, first yes only 5, second yes only 10, both no 15.
    # p_o = 35/50 = 0.7; p_e = 0.5*0.6 + 0.5*0.4 = 0.5; kappa = (0.7-0.5)/(1-0.5) = 0.4.
    first = [1] * 20 + [1] * 5 + [0] * 10 + [0] * 15
    second = [1] * 20 + [0] * 5 + [1] * 10 + [0] * 15
    assert cohen_kappa(first, second) == pytest.approx(0.4)
    # Krippendorff's section A data: p_o = 0.6, p_e = 0.2*0.4 + 0.8*0.6 = 0.56 -> 0.04/0.44.
    a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    assert cohen_kappa(a, b) == pytest.approx(0.04 / 0.44)


def test_no_variation_is_none_not_nan():
    assert cohen_kappa([True] * 5, [True] * 5) is None
    assert cohen_kappa([], []) is None
    assert krippendorff_alpha_nominal([(1, 1), (1, 1), (1, N)]) is None
    assert krippendorff_alpha_nominal([(1, N), (N, 2)]) is None  # nothing pairable
    assert landis_koch(None) == "not enough variation to measure"
    with pytest.raises(ValueError):
        cohen_kappa([1, 2], [1])


def test_perfect_and_opposite_agreement():
    assert cohen_kappa([1, 0, 1, 0], [1, 0, 1, 0]) == pytest.approx(1.0)
    assert cohen_kappa([1, 0, 1, 0], [0, 1, 0, 1]) == pytest.approx(-1.0)
    assert krippendorff_alpha_nominal([(1, 1, 1), (0, 0, N), (2, 2, 2)]) == pytest.approx(1.0)


@pytest.mark.parametrize(("value", "words"), [
    (-0.1, "less agreement than chance"), (0.0, "slight"), (0.2, "slight"), (0.205, "fair"),
    (0.4, "fair"), (0.5, "moderate"), (0.6, "moderate"), (0.7, "substantial"),
    (0.8, "substantial"), (0.81, "almost perfect"), (1.0, "almost perfect"),
])
def test_landis_koch_bands(value, words):
    assert words in landis_koch(value)


labels = st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3)), min_size=2, max_size=60)


@settings(max_examples=200, deadline=None)
@given(labels)
def test_cohen_kappa_matches_scikit_learn(pairs):
    from sklearn.metrics import cohen_kappa_score

    first, second = [a for a, _ in pairs], [b for _, b in pairs]
    ours = cohen_kappa(first, second)
    if ours is None:
        # Ours says "cannot measure" exactly when both coders used one and the same label.
        assert len(set(first)) == 1 and set(first) == set(second)
        return
    assert ours == pytest.approx(float(cohen_kappa_score(first, second)), abs=1e-9)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.booleans()), min_size=2, max_size=60))
def test_binary_code_kappa_matches_scikit_learn(pairs):
    from sklearn.metrics import cohen_kappa_score

    first, second = [a for a, _ in pairs], [b for _, b in pairs]
    assume(len(set(first) | set(second)) > 1)
    assert cohen_kappa(first, second) == pytest.approx(
        float(cohen_kappa_score(first, second)), abs=1e-9)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.one_of(st.none(), st.integers(0, 2)), min_size=3, max_size=3),
                min_size=1, max_size=30), st.randoms(use_true_random=False))
def test_alpha_does_not_depend_on_order_or_label_names(units, rnd):
    alpha = krippendorff_alpha_nominal(units)
    shuffled = [rnd.sample(u, len(u)) for u in units]
    rnd.shuffle(shuffled)
    renamed = [[None if v is None else f"v{(v + 1) % 3}" for v in u] for u in shuffled]
    again = krippendorff_alpha_nominal(renamed)
    if alpha is None:
        assert again is None
    else:
        assert again == pytest.approx(alpha) and not math.isnan(alpha) and alpha <= 1.0


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 2), st.integers(0, 2)), min_size=2, max_size=50))
def test_two_coder_alpha_is_scotts_pi_corrected_for_sample_size(pairs):
    """Krippendorff (2004, p. 250): with two coders and no gaps, alpha = 1 - (1 - pi) *
    (2n - 1) / (2n), where pi is Scott's pi on the same n units."""
    n = len(pairs)
    values = [v for pair in pairs for v in pair]
    p_o = sum(a == b for a, b in pairs) / n
    p_e = sum((values.count(c) / (2 * n)) ** 2 for c in set(values))
    assume(p_e < 1)
    pi = (p_o - p_e) / (1 - p_e)
    assert krippendorff_alpha_nominal(pairs) == pytest.approx(
        1 - (1 - pi) * (2 * n - 1) / (2 * n), abs=1e-9)


def test_code_agreement_treats_each_code_as_present_or_absent():
    # Two coders, four contributions; "looked, nothing fits" (an empty set) counts as absent,
    # a contribution a coder never looked at is missing.
    coding = {
        "ana": {1: {"move"}, 2: {"move", "dads"}, 3: set(), 4: {"dads"}},
        "ben": {1: {"move"}, 2: {"move"}, 3: {"dads"}},
    }
    move, dads = code_agreement(coding, ["move", "dads"])
    assert move.items_with_code == 2 and move.coders == 2
    assert move.pairs[0].items == 3 and move.pairs[0].kappa == pytest.approx(1.0)
    # dads on 1,2,3: ana F,T,F; ben F,F,T -> p_o = 1/3, p_e = (1/3)(1/3) + (2/3)(2/3) = 5/9.
    assert dads.pairs[0].kappa == pytest.approx((1 / 3 - 5 / 9) / (1 - 5 / 9))
    assert dads.items_with_code == 3 and dads.alpha_items == 3
    assert dads.alpha == pytest.approx(krippendorff_alpha_nominal(
        [(False, False), (True, False), (False, True)]))
    unused = code_agreement(coding, ["never used"])[0]
    assert unused.pairs[0].kappa is None and unused.alpha is None


def test_three_coders_give_three_pairs_and_one_alpha():
    coding = {c: {i: ({"x"} if (i + k) % 3 else set()) for i in range(9)}
              for k, c in enumerate(["a", "b", "c"])}
    (row,) = code_agreement(coding, ["x"])
    assert [(p.first, p.second) for p in row.pairs] == [("a", "b"), ("a", "c"), ("b", "c")]
    assert row.alpha is not None and row.alpha < 0  # they systematically disagree


def test_codes_compared_with_themes():
    coding = {
        "ana": {1: {"move"}, 2: {"move"}, 3: {"dads"}, 4: {"dads"}, 5: {"move", "dads"}},
        "ben": {1: {"move"}, 5: {"dads"}, 6: set()},
    }
    themes = {1: "t1", 2: "t1", 3: "t2", 4: "t2", 5: "t2", 6: "t1"}
    result = compare_with_themes(coding, themes, ["move", "dads", "unused"])
    move, dads, unused = result.matches
    # move on {1, 2, 5}; t1 = {1, 2, 6}: Jaccard 2/4; t2 = {3, 4, 5}: 1/5.
    assert (move.theme, move.shared, move.jaccard, move.coverage) == ("t1", 2, 0.5, 2 / 3)
    # dads on {3, 4, 5} = t2 exactly.
    assert (dads.theme, dads.jaccard, dads.coverage) == ("t2", 1.0, 1.0)
    assert unused.theme is None and unused.items_with_code == 0
    # Contribution 5: one vote each way; dads is used more overall (4 v 3), so it is primary.
    assert result.primary == {1: "move", 2: "move", 3: "dads", 4: "dads", 5: "dads"}
    assert result.items == 5 and result.ari == pytest.approx(1.0)
    assert result.nmi == pytest.approx(1.0)


def test_too_few_coded_contributions_for_ari():
    result = compare_with_themes({"ana": {1: {"x"}}}, {1: "t"}, ["x"])
    assert result.ari is None and result.nmi is None and result.items == 1


def test_rows_from_a_csv_shape():
    rows = [("ana", 1, "move"), ("ana", 2, ""), ("ben", 1, "move"), ("ben", 2, "move")]
    coding, codes = agreement_from_rows(rows)
    assert codes == ["move"] and coding["ana"] == {1: {"move"}, 2: set()}


def test_csv_evaluation_and_the_command(tmp_path, capsys):
    # Krippendorff's section A data as a long CSV: one row per coder and unit, code "yes"
    # where the observer said 1 and an empty code where they said 0.
    a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    lines = ["who,unit,label"] + [f"{coder},u{i},{'yes' if v else ''}"
                                  for coder, values in (("A", a), ("B", b))
                                  for i, v in enumerate(values)]
    path = tmp_path / "coded.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = evaluate_csv(path, "who", "unit", "label")
    (row,) = report["codes"]
    assert row["alpha"] == pytest.approx(0.095, abs=5e-4)
    assert row["pairs"][0]["kappa"] == pytest.approx(0.04 / 0.44)
    text = format_report(report)
    assert "kappa A / B (10 shared): 0.091 (slight agreement)" in text
    assert "alpha, all coders (10 items): 0.095" in text
    with pytest.raises(ValueError, match="no column"):
        evaluate_csv(path, "coder", "unit", "label")

    from heard.cli import main

    assert main(["eval", "agreement", str(path), "--coder-column", "who", "--item-column",
                 "unit", "--code-column", "label"]) == 0
    assert "kappa A / B" in capsys.readouterr().out
    assert main(["eval", "agreement", str(path), "--coder-column", "nope", "--item-column",
                 "unit", "--code-column", "label"]) == 2
    assert "no column nope" in capsys.readouterr().out
