"""Reading the DfE and ONS files: real data, suppression marks and bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from heard.people.local_authorities import LOCAL_AUTHORITIES
from heard.reports import dfe
from heard.reports.representation import reference_for


def test_real_files_give_england_figures_with_source_and_year(shared_dfe: Path) -> None:
    result = dfe.read_reference_figures(shared_dfe)
    assert set(result.files) >= {dfe.CLA_FILE, dfe.CIN_FILE, dfe.CARE_LEAVERS_FILE,
                                 dfe.ETHNICITY_NAT_FILE, dfe.ETHNICITY_LA_FILE}
    ref = reference_for(result.figures)
    cla = ref.values[dfe.CLA_31_MARCH]
    assert cla.value == 81770 and cla.time_period == "2025"
    assert cla.source_line == ("Source: cla_number_and_rate_per_10k_children.csv, "
                               "Department for Education, 2025")
    assert ref.values[dfe.CIN_31_MARCH].value == 402400
    assert ref.values["care_leavers:19 to 21 years"].value == 38440
    shares = ref.ethnicity_shares()
    assert set(shares) == {"Asian, Asian British or Asian Welsh",
                           "Black, Black British, Black Welsh, Caribbean or African",
                           "Mixed or multiple ethnic groups", "White", "Other ethnic group"}
    assert shares["White"] == pytest.approx(0.8105, abs=0.001)
    assert sum(shares.values()) == pytest.approx(1.0)


def test_real_files_name_every_local_authority(shared_dfe: Path) -> None:
    figures = dfe.read_reference_figures(shared_dfe).figures
    assert dfe.unknown_areas(figures, LOCAL_AUTHORITIES) == []


def test_real_suppressed_cells_are_none_not_zero(shared_dfe: Path) -> None:
    figures = dfe.read_reference_figures(shared_dfe).figures
    leavers = [f for f in figures if f.measure == dfe.CARE_LEAVERS]
    assert any(f.value is None for f in leavers)
    assert all(f.value is None or f.value >= 0 for f in figures)


def test_suppression_marks_become_none(sample_dir: Path) -> None:
    figures = dfe.read_reference_figures(sample_dir).figures
    middlesbrough = [f for f in figures if f.geography_name == "Middlesbrough"]
    assert middlesbrough and all(f.value is None for f in middlesbrough)
    hartlepool_cin = [f for f in figures if f.geography_name == "Hartlepool"
                      and f.measure == dfe.CIN_31_MARCH]
    assert hartlepool_cin[0].value is None  # "low"
    leavers = [f for f in figures if f.measure == dfe.CARE_LEAVERS]
    assert {f.category for f in leavers} == {"17 to 18 years", "19 to 21 years"}  # Totals only
    assert all(f.publisher == dfe.ONS for f in figures
               if f.measure == dfe.POPULATION_BY_ETHNICITY)
    assert not [f for f in figures if f.category == "Does not apply"]


def test_sum_over_areas_is_suppressed_when_any_area_is(sample_dir: Path) -> None:
    figures = dfe.read_reference_figures(sample_dir).figures
    both = reference_for(figures, ["E06000001", "E06000002"], "Two areas")
    assert both.values[dfe.CLA_31_MARCH].value is None
    assert both.values[dfe.CLA_31_MARCH].areas_suppressed == 1
    one = reference_for(figures, ["E06000001"], "Hartlepool")
    assert one.values[dfe.CLA_31_MARCH].value == 332


def test_missing_file_is_named(sample_dir: Path) -> None:
    (sample_dir / dfe.CIN_FILE).unlink()
    with pytest.raises(dfe.ReferenceDataError) as error:
        dfe.read_reference_figures(sample_dir)
    assert dfe.CIN_FILE in str(error.value) and "not found" in str(error.value)


@pytest.mark.parametrize(
    ("file", "old", "new", "line", "words"),
    [
        # a missing column: the header line, and the column the reader looked for
        (dfe.CLA_FILE, "children_count", "kids", 1, ("children_count",)),
        # text in a number column: the line, and the column it stands in
        (dfe.CIN_FILE, "704430", "lots", 2, ("line 2", "Anypoint_child")),
    ],
)
def test_a_bad_cell_or_header_is_named_with_file_and_line(
        sample_dir: Path, file: str, old: str, new: str, line: int, words: tuple[str, ...]
) -> None:
    path = sample_dir / file
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    with pytest.raises(dfe.ReferenceDataError) as error:
        dfe.read_reference_figures(sample_dir)
    assert error.value.file == file and error.value.line == line
    assert all(word in str(error.value) for word in words), str(error.value)


def test_non_utf8_file_is_refused_with_line(sample_dir: Path) -> None:
    path = sample_dir / dfe.CARE_LEAVERS_FILE
    path.write_bytes(path.read_bytes() + "2025,Reporting year,Local authority,E92000001,England,"
                     "E12000001,North East,1,Caf\u00e9 City,E0,17 to 18 years,Total,5,1\n"
                     .encode("latin-1"))
    with pytest.raises(dfe.ReferenceDataError) as error:
        dfe.read_reference_figures(sample_dir)
    assert "UTF-8" in str(error.value) and error.value.line == 6


@pytest.mark.parametrize(("raw", "year"), [("2025", 2025), ("202425", 2025)])
def test_a_time_period_is_a_year_or_a_span_ending_in_one(raw: str, year: int) -> None:
    assert dfe.parse_year(raw, dfe.CLA_FILE, 2) == year


@pytest.mark.parametrize("raw", ["²⁰²⁵", "25", "2025/26", ""])
def test_a_time_period_that_is_no_year_is_named_with_its_line(raw: str) -> None:
    with pytest.raises(dfe.ReferenceDataError) as error:
        dfe.parse_year(raw, dfe.CLA_FILE, 7)
    assert error.value.line == 7 and "is not a year" in str(error.value)
