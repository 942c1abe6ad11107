"""The comparison and the hidden-voice alerts, without a database."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from heard.reports import dfe
from heard.reports.presentation import page_tables
from heard.reports.representation import (
    AlertConfig,
    Comparison,
    ContributionFacts,
    alerts,
    build_representation,
    in_area,
    reference_for,
    suggestions,
    wilson,
)


def people(perspective: str, n: int, **equality: str) -> list[ContributionFacts]:
    return [ContributionFacts((perspective,), dict(equality))] * n


@pytest.fixture
def reference(sample_dir: Path):
    return reference_for(dfe.read_reference_figures(sample_dir).figures)


def keys(found) -> set[str]:
    return {a.key for a in found}


def test_fathers_alert_fires_and_keeps_small_numbers_hidden(reference) -> None:
    rep = build_representation(people("parent_mother", 20) + people("parent_father", 1),
                               reference)
    found = {a.key: a for a in alerts(rep)}
    assert "fathers" in found
    assert "fewer than 5 of the 21" in found["fathers"].message
    assert not re.search(r"\b1 of\b|\(5%\)", found["fathers"].message + found["fathers"].figure)
    assert "dads' groups" in found["fathers"].suggestion


def test_every_line_of_an_alert_goes_through_translate(reference) -> None:
    """Issue 15: a Welsh report writes the figure and source lines through `translate` too,
    with the numbers, file name and year put into the translated sentence."""
    rep = build_representation(
        people("parent_mother", 20) + people("parent_father", 1)
        + people("care_leaver", 20, age_band="18_21")
        + people("care_leaver", 8, ethnicity="white_british"), reference)

    def marked(text: str) -> str:
        return "<<" + text + ">>"

    plain = {a.key: a for a in alerts(rep)}
    found = {a.key: a for a in alerts(rep, translate=marked)}
    assert {"fathers", "older_care_leavers", "kinship_carer"} <= set(found)
    for key, alert in found.items():
        assert alert.figure.startswith("<<") and alert.figure.endswith(">>"), key
        # The English report is unchanged: the same sentence, without the marks.
        assert alert.figure.replace("<<", "").replace(">>", "") == plain[key].figure, key
    source = found["older_care_leavers"].source
    assert source.startswith("<<Source: la_care_leavers_activity.csv, <<Department for "
                             "Education>>, "), source
    assert plain["older_care_leavers"].source.startswith(
        "Source: la_care_leavers_activity.csv, Department for Education, ")


def test_fathers_threshold_is_configurable(reference) -> None:
    rep = build_representation(people("parent_mother", 12) + people("parent_father", 8),
                               reference)
    assert "fathers" not in keys(alerts(rep))
    assert "fathers" in keys(alerts(rep, AlertConfig(fathers_min_share=0.5)))


def test_kinship_and_other_family_alerts(reference) -> None:
    few = build_representation(people("parent_mother", 30) + people("kinship_carer", 4),
                               reference)
    assert {"kinship_carer", "other_family"} <= keys(alerts(few))
    enough = build_representation(
        people("parent_mother", 30) + people("kinship_carer", 5) + people("other_family", 6),
        reference)
    assert not {"kinship_carer", "other_family"} & keys(alerts(enough))


def test_older_care_leavers_alert_uses_dfe_share(reference) -> None:
    young = people("care_leaver", 20, age_band="18_21")
    rep = build_representation(young, reference)
    alert = next(a for a in alerts(rep) if a.key == "older_care_leavers")
    assert "72%" in alert.message  # 38,440 of 53,240 DfE care leavers are 19 to 21
    assert "la_care_leavers_activity.csv" in alert.source
    balanced = young + people("care_leaver", 15, age_band="22_25")
    assert "older_care_leavers" not in keys(alerts(build_representation(balanced, reference)))
    under = young + people("care_leaver", 5, age_band="26_plus")  # 20% < 36%
    assert "older_care_leavers" in keys(alerts(build_representation(under, reference)))


def test_ethnic_group_under_half_its_population_share(reference) -> None:
    # Sample population: Asian 10%, Black 10%, Mixed 5%, White 70%, Other 5%.
    rep = build_representation(
        people("child_in_care", 40, ethnicity="white_british")
        + people("care_leaver", 10, ethnicity="black_african")
        + people("social_worker", 10, ethnicity="asian_indian"),  # not care-experienced
        reference)
    found = keys(alerts(rep))
    assert "ethnicity:Asian, Asian British or Asian Welsh" in found
    assert "ethnicity:Black, Black British, Black Welsh, Caribbean or African" not in found
    assert "ethnicity:White" not in found


def test_ratio_interval_brackets_ratio() -> None:
    c = Comparison(10, 50, 0.4)
    assert c.ratio == pytest.approx(0.5)
    low, high = c.interval or (0, 0)
    assert low < 0.5 < high
    assert wilson(0, 10)[0] == 0.0


def test_tables_suppress_counts_and_shares(reference) -> None:
    rep = build_representation(people("parent_mother", 20) + people("parent_father", 2)
                               + people("parent_other", 7), reference)
    parents = page_tables(rep).parents
    fathers = next(r for r in parents.rows if r.code == "parent_father")
    assert str(fathers.count) == "fewer than 5" and fathers.share == "" and fathers.ratio == ""
    # Secondary suppression: the smallest other parent count is hidden too.
    other = next(r for r in parents.rows if r.code == "parent_other")
    assert other.count.suppressed
    chart = page_tables(rep).chart
    assert all(b.width == 0 for b in chart.bars if b.suppressed)


def test_nothing_heard_gives_no_alerts(reference) -> None:
    rep = build_representation([], reference)
    assert alerts(rep) == [] and suggestions(rep) == []


def test_suggestions_put_biggest_gap_first(reference) -> None:
    rep = build_representation(people("parent_mother", 40) + people("parent_father", 1)
                               + people("care_leaver", 6, age_band="18_21"), reference)
    first = suggestions(rep)[0]
    assert first.group == "Fathers"


def test_one_hidden_set_across_tables_and_alerts(reference) -> None:
    from heard.reports.presentation import perspective_hidden

    rep = build_representation(
        people("parent_mother", 28) + people("parent_father", 5) + people("foster_carer", 4)
        + people("child_in_care", 6) + people("care_leaver", 8), reference)
    hidden = perspective_hidden(rep)
    # Foster carers (4) are hidden, so the smallest other family count (fathers, 5) is too, or
    # the family group's total would give the 4 away.
    assert {"foster_carer", "parent_father"} <= hidden
    page = page_tables(rep, hidden)
    for table in (page.perspectives, page.parents):
        fathers = next(r for r in table.rows if r.code == "parent_father")
        assert fathers.count_text == "hidden" and fathers.share == ""
    alert = next(a for a in alerts(rep, hidden=hidden) if a.key == "fathers")
    assert "made some of the 33" in alert.message and "5" not in alert.figure.split(":")[1][:3]


def test_against_one_area_people_who_named_another_are_left_out_and_the_unsaid_kept():
    facts = [ContributionFacts.of(["parent_father"], {"local_authority": where})
             for where in ("Hartlepool", "Leeds", "", "prefer_not_to_say")]
    facts.append(ContributionFacts.of(["parent_father"], {}))
    kept = in_area(facts, "Hartlepool")
    assert [f.equality.get("local_authority") for f in kept] == [
        "Hartlepool", "", "prefer_not_to_say", None]
