"""Reading the official figures that representation is measured against. Pure: no Django.

The files are the Department for Education's children's social care statistics in the Explore
Education Statistics (EES) CSV layout, and Office for National Statistics Census 2021 tables, as
kept in ``../shared/data/dfe/``. Some files start with a UTF-8 byte order mark and some do not;
both are read. Suppressed or unavailable cells (``c``, ``x``, ``z``, ``low``, ``u``, ``:``, ``..``
or empty) become ``None``, never zero.

Files and columns used (every file must have the columns named here, or reading stops with a
``ReferenceDataError`` naming the file and line):

``cla_number_and_rate_per_10k_children.csv`` (DfE, children looked after)
    ``time_period``, ``geographic_level``, ``country_code/_name``, ``region_code/_name``,
    ``new_la_code``, ``la_name``, ``population_type`` (one of "Children looked after on 31 March
    each year", "... starting ...", "... ceasing ..."), ``children_count``, ``rate_per_10000``.
    Gives measures ``cla_31_march``, ``cla_started``, ``cla_ceased`` (children) and the same with
    ``_rate`` (per 10,000 children).
``b1_children_in_need_2013_to_2025.csv`` (DfE, children in need)
    The geography and year columns above, ``At31_episodes`` (children in need on 31 March:
    measure ``cin_31_march``) and ``Anypoint_child`` (children in need at any point in the year:
    measure ``cin_during_year``).
``la_care_leavers_activity.csv`` (DfE, care leavers)
    The geography and year columns, ``care_leaver_age`` ("17 to 18 years", "19 to 21 years"),
    ``breakdown`` (only the "Total" rows are kept) and ``care_leaver_count``: measure
    ``care_leavers`` with breakdown ``age``.
``ons-ethnic-population-nat.csv``, ``-reg.csv`` (optional), ``-la.csv`` (ONS, Census 2021)
    The geography code and name columns (first two), ``Ethnic group (20 categories)`` and
    ``Observation``: measure ``population_by_ethnicity``, breakdown ``ethnicity``, all ages, year
    2021. The "Does not apply" row is left out.
``ons_mid-year_population_estimates_2012_to_2024.csv`` (optional; EES layout)
    ``age_group`` and ``population_estimate``: measure ``child_population``.

None of these files breaks children looked after or children in need down by ethnicity or age,
so the ethnic make-up of the whole population (Census 2021) is the ethnicity reference.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from heard.core.numbers import whole_number
from heard.core.vocab import gettext_noop

# Marked for the Welsh catalogue (the key-messages PDF names the publisher in its language).
DFE = gettext_noop("Department for Education")
ONS = gettext_noop("Office for National Statistics")
# Where a reference figure comes from. Written through the caller's `translate` (gettext where
# Django is at hand), so this module stays free of Django.
SOURCE_LINE = gettext_noop("Source: %(file)s, %(publisher)s, %(period)s")


def source_line(source_file: str, publisher: str, time_period: str,
                translate: Callable[[str], str] = str) -> str:
    return translate(SOURCE_LINE) % {"file": source_file, "publisher": translate(publisher),
                                     "period": time_period}

CLA_FILE = "cla_number_and_rate_per_10k_children.csv"
CIN_FILE = "b1_children_in_need_2013_to_2025.csv"
CARE_LEAVERS_FILE = "la_care_leavers_activity.csv"
ETHNICITY_NAT_FILE = "ons-ethnic-population-nat.csv"
ETHNICITY_REG_FILE = "ons-ethnic-population-reg.csv"
ETHNICITY_LA_FILE = "ons-ethnic-population-la.csv"
POPULATION_FILE = "ons_mid-year_population_estimates_2012_to_2024.csv"

# Measures, as stored.
CLA_31_MARCH = "cla_31_march"
CLA_STARTED = "cla_started"
CLA_CEASED = "cla_ceased"
CIN_31_MARCH = "cin_31_march"
CIN_DURING_YEAR = "cin_during_year"
CARE_LEAVERS = "care_leavers"
POPULATION_BY_ETHNICITY = "population_by_ethnicity"
CHILD_POPULATION = "child_population"

MEASURE_LABELS = {
    CLA_31_MARCH: "Children looked after on 31 March",
    CLA_STARTED: "Children who started to be looked after during the year",
    CLA_CEASED: "Children who stopped being looked after during the year",
    CLA_31_MARCH + "_rate": "Children looked after on 31 March, per 10,000 children",
    CLA_STARTED + "_rate": "Children starting to be looked after, per 10,000 children",
    CLA_CEASED + "_rate": "Children stopping being looked after, per 10,000 children",
    CIN_31_MARCH: "Children in need on 31 March",
    CIN_DURING_YEAR: "Children in need at any time during the year",
    CARE_LEAVERS: "Care leavers the council is in touch with",
    POPULATION_BY_ETHNICITY: "People living in the area, by ethnic group (all ages)",
    CHILD_POPULATION: "Children aged 0 to 17 living in the area",
}

CARE_LEAVER_AGES = ("17 to 18 years", "19 to 21 years")
SUPPRESSION_MARKS = frozenset({"c", "x", "z", "low", "u", ":", ".."})
LEVELS = {"National": "national", "Regional": "regional", "Local authority": "local_authority"}
ENGLAND_CODE = "E92000001"


class ReferenceDataError(ValueError):
    """A file that cannot be read as expected. Names the file and, where known, the line."""

    def __init__(self, file: str, line: int | None, problem: str) -> None:
        self.file = file
        self.line = line
        self.problem = problem
        where = f"{file}, line {line}" if line else file
        super().__init__(f"{where}: {problem}")


@dataclass(frozen=True)
class ReferenceFigure:
    source_file: str
    publisher: str
    measure: str
    breakdown: str
    category: str
    geography_code: str
    geography_name: str
    geography_level: str
    time_period: str
    year: int
    value: float | None
    unit: str = "children"

    @property
    def suppressed(self) -> bool:
        return self.value is None

    @property
    def source_line(self) -> str:
        return source_line(self.source_file, self.publisher, self.time_period)


@dataclass(frozen=True)
class _Row:
    line: int
    cells: dict[str, str]


def read_rows(path: Path, required: Iterable[str]) -> Iterator[_Row]:
    """Rows of a CSV file with their line numbers, after checking the encoding and columns."""
    name = path.name
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ReferenceDataError(name, None, f"file not found in {path.parent}") from None
    except OSError as error:
        raise ReferenceDataError(name, None, f"cannot be read ({error.strerror})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ReferenceDataError(
            name, line, "is not UTF-8 text; save it as UTF-8 CSV and try again"
        ) from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [column for column in required if column not in header]
    if missing:
        raise ReferenceDataError(
            name, 1, f"missing column(s) {', '.join(missing)}; found {', '.join(header) or 'none'}"
        )
    reader.fieldnames = header
    try:
        for cells in reader:
            yield _Row(reader.line_num, {k: (v or "").strip() for k, v in cells.items() if k})
    except csv.Error as error:
        raise ReferenceDataError(name, reader.line_num, f"is not valid CSV ({error})") from None


def parse_value(raw: str, file: str, line: int, column: str) -> float | None:
    value = raw.strip()
    if not value or value.lower() in SUPPRESSION_MARKS:
        return None
    try:
        return float(value.replace(",", ""))
    except ValueError:
        raise ReferenceDataError(
            file, line, f"column {column} holds {value!r}, which is neither a number nor a "
            "suppression mark (c, x, z, low, u)"
        ) from None


def parse_year(raw: str, file: str, line: int) -> int:
    """EES time periods are a year ("2025") or a span ("202425", counted as its ending year)."""
    number = whole_number(raw, most_digits=6)
    if number is not None and len(raw) == 4:
        return number
    if number is not None and len(raw) == 6:
        return number // 100 + 1
    raise ReferenceDataError(file, line, f"time_period {raw!r} is not a year")


EES_COLUMNS = ("time_period", "geographic_level", "country_code", "country_name", "region_code",
               "region_name", "new_la_code", "la_name")


def _ees_geography(row: _Row) -> tuple[str, str, str] | None:
    level = LEVELS.get(row.cells["geographic_level"])
    if level == "national":
        return row.cells["country_code"], row.cells["country_name"], level
    if level == "regional":
        return row.cells["region_code"], row.cells["region_name"], level
    if level == "local_authority":
        return row.cells["new_la_code"], row.cells["la_name"], level
    return None  # other levels (such as local authority districts) are not used


def _ees_figures(
    path: Path, publisher: str, columns: tuple[str, ...],
    pick: Callable[[_Row], Iterable[tuple[str, str, str, str, str]]],
) -> list[ReferenceFigure]:
    """Figures from an EES file. `pick` gives (measure, breakdown, category, column, unit) for
    each value a row holds."""
    figures = []
    for row in read_rows(path, EES_COLUMNS + columns):
        geography = _ees_geography(row)
        if geography is None:
            continue
        period = row.cells["time_period"]
        year = parse_year(period, path.name, row.line)
        for measure, breakdown, category, column, unit in pick(row):
            figures.append(ReferenceFigure(
                source_file=path.name, publisher=publisher, measure=measure,
                breakdown=breakdown, category=category, geography_code=geography[0],
                geography_name=geography[1], geography_level=geography[2], time_period=period,
                year=year, value=parse_value(row.cells[column], path.name, row.line, column),
                unit=unit,
            ))
    return figures


_CLA_TYPES = {
    "Children looked after on 31 March each year": CLA_31_MARCH,
    "Children starting to be looked after each year": CLA_STARTED,
    "Children ceasing to be looked after each year": CLA_CEASED,
}


def read_cla(path: Path) -> list[ReferenceFigure]:
    def pick(row: _Row) -> list[tuple[str, str, str, str, str]]:
        measure = _CLA_TYPES.get(row.cells["population_type"])
        if measure is None:
            return []
        return [(measure, "total", "All children", "children_count", "children"),
                (measure + "_rate", "total", "All children", "rate_per_10000",
                 "per 10,000 children")]

    return _ees_figures(path, DFE, ("population_type", "children_count", "rate_per_10000"), pick)


def read_cin(path: Path) -> list[ReferenceFigure]:
    def pick(row: _Row) -> list[tuple[str, str, str, str, str]]:
        return [(CIN_31_MARCH, "total", "All children", "At31_episodes", "children"),
                (CIN_DURING_YEAR, "total", "All children", "Anypoint_child", "children")]

    return _ees_figures(path, DFE, ("At31_episodes", "Anypoint_child"), pick)


def read_care_leavers(path: Path) -> list[ReferenceFigure]:
    def pick(row: _Row) -> list[tuple[str, str, str, str, str]]:
        if row.cells["breakdown"] != "Total":
            return []
        return [(CARE_LEAVERS, "age", row.cells["care_leaver_age"], "care_leaver_count",
                 "young people")]

    return _ees_figures(path, DFE, ("care_leaver_age", "breakdown", "care_leaver_count"), pick)


def read_child_population(path: Path) -> list[ReferenceFigure]:
    def pick(row: _Row) -> list[tuple[str, str, str, str, str]]:
        return [(CHILD_POPULATION, "total", row.cells["age_group"], "population_estimate",
                 "children")]

    return _ees_figures(path, ONS, ("age_group", "population_estimate"), pick)


ETHNIC_GROUP_COLUMN = "Ethnic group (20 categories)"
CENSUS_PERIOD = "2021"


def read_ons_ethnicity(path: Path, level: str) -> list[ReferenceFigure]:
    """ONS Census 2021 custom-table layout: code, name, ethnic group code, group, observation."""
    rows = list(read_rows(path, (ETHNIC_GROUP_COLUMN, "Observation")))
    code_column, name_column = _ons_geography_columns(path)
    figures = []
    for row in rows:
        group = row.cells[ETHNIC_GROUP_COLUMN]
        if group == "Does not apply":
            continue
        figures.append(ReferenceFigure(
            source_file=path.name, publisher=ONS, measure=POPULATION_BY_ETHNICITY,
            breakdown="ethnicity", category=group, geography_code=row.cells[code_column],
            geography_name=row.cells[name_column], geography_level=level,
            time_period=CENSUS_PERIOD, year=int(CENSUS_PERIOD),
            value=parse_value(row.cells["Observation"], path.name, row.line, "Observation"),
            unit="people",
        ))
    return figures


def _ons_geography_columns(path: Path) -> tuple[str, str]:
    # The first two columns are the area code and name; their titles change with the geography
    # ("Countries Code", "2023 Upper tier local authorities Code" ...).
    with path.open(encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle), [])
    if len(header) < 2 or not header[0].strip().endswith("Code"):
        raise ReferenceDataError(path.name, 1, "the first two columns must be the area code "
                                               "and the area name")
    return header[0].strip(), header[1].strip()


@dataclass(frozen=True)
class Source:
    file: str
    read: Callable[[Path], list[ReferenceFigure]]
    required: bool = True


SOURCES: tuple[Source, ...] = (
    Source(CLA_FILE, read_cla),
    Source(CIN_FILE, read_cin),
    Source(CARE_LEAVERS_FILE, read_care_leavers),
    Source(ETHNICITY_NAT_FILE, lambda p: read_ons_ethnicity(p, "national")),
    Source(ETHNICITY_REG_FILE, lambda p: read_ons_ethnicity(p, "regional"), required=False),
    Source(ETHNICITY_LA_FILE, lambda p: read_ons_ethnicity(p, "local_authority")),
    Source(POPULATION_FILE, read_child_population, required=False),
)


@dataclass(frozen=True)
class ReadResult:
    figures: list[ReferenceFigure]
    files: dict[str, int]  # file name -> figures read from it
    skipped: tuple[str, ...]  # optional files that were not there


def read_reference_figures(directory: Path) -> ReadResult:
    """Every figure from every source file in `directory`. Stops at the first problem."""
    directory = Path(directory)
    if not directory.is_dir():
        raise ReferenceDataError(str(directory), None, "is not a folder")
    figures: list[ReferenceFigure] = []
    files: dict[str, int] = {}
    skipped: list[str] = []
    for source in SOURCES:
        path = directory / source.file
        if not path.exists() and not source.required:
            skipped.append(source.file)
            continue
        read = source.read(path)
        files[source.file] = len(read)
        figures.extend(read)
    return ReadResult(figures, files, tuple(skipped))


def only_areas(figures: list[ReferenceFigure], la_names: Iterable[str]) -> list[ReferenceFigure]:
    """England and regional figures, and those for the named local authorities. An area is kept
    under every code it has had, and ONS rows are matched to DfE names by code."""
    wanted = {name.casefold() for name in la_names}
    codes = {f.geography_code for f in figures
             if f.geography_level == "local_authority" and f.geography_name.casefold() in wanted}
    return [f for f in figures
            if f.geography_level != "local_authority" or f.geography_code in codes]


def unknown_areas(figures: list[ReferenceFigure], la_names: Iterable[str]) -> list[str]:
    known = {f.geography_name.casefold() for f in figures
             if f.geography_level == "local_authority"}
    return [name for name in la_names if name.casefold() not in known]
