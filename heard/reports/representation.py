"""Who has been heard, against the population served. Pure: no Django.

Inputs are plain facts about contributions (the perspectives people chose and the equality answers
they gave) and official reference figures (see `heard.reports.dfe`). The output is counts, shares,
representation ratios with 95% intervals, and hidden-voice alerts with suggestions of whom to reach
next. Suppression of small numbers happens when counts are turned into text (`shown`): every
message an alert writes already obeys it, and `heard.reports.presentation` does the tables.

How the comparisons are made, and why:

- A representation ratio is (share of contributions) / (share in the reference). 1 means heard in
  proportion; 0.5 means heard half as often as expected. The 95% interval is the Wilson interval of
  the observed share divided by the reference share: the reference comes from a whole population,
  so its own uncertainty is small beside ours.
- Ethnicity: none of the DfE files breaks children looked after or in need down by ethnicity, so
  the reference is the ethnic make-up of everyone living in the area (ONS Census 2021, all ages).
  Children in care are more often of Black, Mixed and Other ethnic groups than the population as a
  whole, so this reference understates how many voices are missing, never overstates it.
- Fathers: no official count of parents exists. Each child has a father, so fathers' fair share of
  contributions from parents is taken as one half; an alert fires below a quarter (configurable).
- Care leavers over 21: councils support care leavers up to 25, but DfE counts them only to 21.
  In the DfE figures most care leavers councils are in touch with are 19 to 21, not 17 or 18, so
  older care leavers are expected to be a large share of care-leaver voices. An alert fires when
  the share of care-leaver contributions from people aged 22 or over is under half the DfE share of
  19 to 21 year olds among care leavers aged 17 to 21, or when there are none.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from heard.core.suppression import shown
from heard.core.vocab import (
    AGE_BANDS,
    DISABILITY,
    ETHNICITY_GROUPS,
    ETHNICITY_HEADING,
    GENDERS,
    GROUP_LABELS,
    PERSPECTIVE_GROUP,
    PERSPECTIVE_SHORT_LABELS,
    PERSPECTIVES,
    PREFER_NOT_TO_SAY,
    gettext_noop,
    perspective_groups,
)

from . import dfe

Z95 = 1.959964
ETHNIC_HEADINGS: tuple[str, ...] = tuple(heading for heading, _ in ETHNICITY_GROUPS)
PARENTS = ("parent_mother", "parent_father", "parent_other")
OLDER_CARE_LEAVER_BANDS = ("22_25", "26_plus")
YOUNGER_CARE_LEAVER_BANDS = ("under_12", "12_15", "16_17", "18_21")
NOT_SAID = "not_said"


@dataclass(frozen=True)
class ContributionFacts:
    perspectives: tuple[str, ...] = ()
    equality: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, perspectives: Iterable[str] | None, equality: Mapping[str, str] | None
           ) -> ContributionFacts:
        return cls(tuple(perspectives or ()), dict(equality or {}))

    @property
    def care_experienced(self) -> bool:
        return any(PERSPECTIVE_GROUP.get(p) == "care_experienced" for p in self.perspectives)

    def answer(self, question: str) -> str:
        return self.equality.get(question) or NOT_SAID


# What people answered to "where do you live" when they did not name an area.
AREA_NOT_NAMED = (None, "", "prefer_not_to_say")


def in_area(facts: Iterable[ContributionFacts], area: str) -> list[ContributionFacts]:
    """The people set against one local authority's figures: those who named it, and those who
    did not say where they live (they may well live there). People who named another area are
    left out: their own area's figures are not these."""
    return [f for f in facts if f.equality.get("local_authority") in (*AREA_NOT_NAMED, area)]


# --- reference figures for a geography -------------------------------------------------------


@dataclass(frozen=True)
class ReferenceValue:
    """One reference number for the chosen area: summed over the chosen local authorities, for
    the latest year the source has."""

    key: str
    label: str
    value: float | None
    source_file: str
    publisher: str
    time_period: str
    geography: str
    unit: str
    areas_suppressed: int = 0

    @property
    def source_line(self) -> str:
        return self.source_line_in()

    def source_line_in(self, translate: Callable[[str], str] = str) -> str:
        """The source in the language `translate` writes (gettext for a Welsh report)."""
        return dfe.source_line(self.source_file, self.publisher, self.time_period, translate)

    @property
    def value_text(self) -> str:
        if self.value is None:
            return "not published (the publisher held it back to protect privacy)"
        if self.unit.startswith("per "):
            return f"{self.value:,.0f} {self.unit}"
        return f"{self.value:,.0f}"


@dataclass(frozen=True)
class Reference:
    geography: str
    values: dict[str, ReferenceValue]
    ethnicity: dict[str, ReferenceValue]  # ONS heading -> people of that heading

    def get(self, key: str) -> ReferenceValue | None:
        return self.values.get(key)

    def ethnicity_shares(self) -> dict[str, float]:
        counts = {h: v.value for h, v in self.ethnicity.items() if v.value is not None}
        total = sum(counts.values())
        return {h: c / total for h, c in counts.items()} if total else {}

    @property
    def ethnicity_source(self) -> ReferenceValue | None:
        return next(iter(self.ethnicity.values()), None)

    def care_leaver_older_share(self) -> float | None:
        """DfE share of 19 to 21 year olds among care leavers aged 17 to 21."""
        young = self.get(f"{dfe.CARE_LEAVERS}:17 to 18 years")
        old = self.get(f"{dfe.CARE_LEAVERS}:19 to 21 years")
        if young is None or old is None or young.value is None or old.value is None:
            return None
        total = young.value + old.value
        return old.value / total if total else None


PANEL_KEYS = (
    dfe.CLA_31_MARCH, dfe.CLA_31_MARCH + "_rate", dfe.CLA_STARTED, dfe.CLA_CEASED,
    dfe.CIN_31_MARCH, dfe.CIN_DURING_YEAR,
    f"{dfe.CARE_LEAVERS}:17 to 18 years", f"{dfe.CARE_LEAVERS}:19 to 21 years",
    dfe.CHILD_POPULATION,
)


def ethnic_heading_of(ons_label: str) -> str | None:
    """"Mixed or Multiple ethnic groups: White and Asian" -> the vocab heading it falls under."""
    prefix = ons_label.split(":", 1)[0].strip().casefold()
    return next((h for h in ETHNIC_HEADINGS if h.casefold() == prefix), None)


def reference_for(
    figures: Iterable[dfe.ReferenceFigure], geography_codes: Sequence[str] | None = None,
    geography: str = "England",
) -> Reference:
    """The latest figure of each measure and category for England (no codes) or for the given
    area codes added together. A figure suppressed in any chosen area is suppressed in the sum."""
    codes = set(geography_codes or (dfe.ENGLAND_CODE,))
    national = geography_codes is None
    groups: dict[tuple[str, str], list[dfe.ReferenceFigure]] = {}
    for f in figures:
        if f.geography_code not in codes:
            continue
        if national and f.geography_level != "national":
            continue
        groups.setdefault((f.measure, f.category), []).append(f)
    values: dict[str, ReferenceValue] = {}
    ethnic_parts: dict[str, list[ReferenceValue]] = {}
    for (measure, category), found in groups.items():
        latest = max(f.year for f in found)
        at = [f for f in found if f.year == latest]
        missing = sum(f.value is None for f in at)
        first = at[0]
        value = None if missing else sum(f.value or 0.0 for f in at)
        if first.unit.startswith("per ") and value is not None:
            value = None if len(at) > 1 else value  # rates cannot be added up across areas
        if measure == dfe.POPULATION_BY_ETHNICITY:
            heading = ethnic_heading_of(category)
            if heading is None:
                continue
            key = heading
            label = heading
        else:
            key = measure if first.breakdown == "total" else f"{measure}:{category}"
            label = dfe.MEASURE_LABELS.get(measure, measure)
            if first.breakdown != "total":
                label = f"{label}, {_category_text(category)}"
        item = ReferenceValue(key, label, value, first.source_file, first.publisher,
                              first.time_period, geography, first.unit, missing)
        if measure == dfe.POPULATION_BY_ETHNICITY:
            ethnic_parts.setdefault(key, []).append(item)
        else:
            values[key] = item
    ethnicity = {h: _sum_values(parts) for h, parts in ethnic_parts.items()}
    return Reference(geography, values, {h: ethnicity[h] for h in ETHNIC_HEADINGS
                                         if h in ethnicity})


def _category_text(category: str) -> str:
    return {"17 to 18 years": "aged 17 or 18", "19 to 21 years": "aged 19 to 21",
            "Children aged 0 to 17 years": "aged 0 to 17"}.get(category, category)


def _sum_values(parts: list[ReferenceValue]) -> ReferenceValue:
    missing = sum(p.areas_suppressed for p in parts)
    total = None if missing else sum(p.value or 0.0 for p in parts)
    p = parts[0]
    return ReferenceValue(p.key, p.label, total, p.source_file, p.publisher, p.time_period,
                          p.geography, p.unit, missing)


# --- comparison ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Comparison:
    """An observed count out of a base, against a reference share."""

    count: int
    base: int
    reference_share: float | None

    @property
    def share(self) -> float | None:
        return self.count / self.base if self.base else None

    @property
    def ratio(self) -> float | None:
        if self.share is None or not self.reference_share:
            return None
        return self.share / self.reference_share

    @property
    def interval(self) -> tuple[float, float] | None:
        if not self.base or not self.reference_share:
            return None
        low, high = wilson(self.count, self.base)
        return low / self.reference_share, high / self.reference_share

    @property
    def expected(self) -> float | None:
        return self.base * self.reference_share if self.reference_share is not None else None


def wilson(count: int, base: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for a proportion: well-behaved at 0 and with small bases."""
    if base <= 0:
        return 0.0, 1.0
    p = count / base
    denominator = 1 + z * z / base
    centre = (p + z * z / (2 * base)) / denominator
    half = z * math.sqrt(p * (1 - p) / base + z * z / (4 * base * base)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True)
class Row:
    code: str
    label: str
    count: int
    comparison: Comparison | None = None
    extra: int | None = None  # a second count, such as care-experienced people only


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    rows: list[Row]
    base: int  # people who answered (for shares)
    reference: ReferenceValue | None = None
    note: str = ""


@dataclass(frozen=True)
class Representation:
    geography: str
    total: int
    perspectives: Table
    groups: Table
    age: Table
    gender: Table
    disability: Table
    ethnicity: Table
    parents: Table
    care_leaver_ages: Table
    care_experienced_split: Table
    reference: Reference
    counts: dict[str, int]

    def count(self, perspective: str) -> int:
        return self.counts.get(perspective, 0)


def build_representation(
    contributions: Iterable[ContributionFacts], reference: Reference
) -> Representation:
    facts = list(contributions)
    total = len(facts)
    per_perspective: Counter[str] = Counter()
    per_group: Counter[str] = Counter()
    for c in facts:
        per_perspective.update(set(c.perspectives) & set(PERSPECTIVES))
        per_group.update(perspective_groups(list(c.perspectives)))
        if not c.perspectives:
            per_perspective[NOT_SAID] += 1
    perspectives = Table(
        # Titles marked for the Welsh key-messages PDF, which shows them through gettext.
        "perspectives", gettext_noop("Who shared, by the perspectives they chose"),
        [Row(code, PERSPECTIVE_SHORT_LABELS[code], per_perspective[code])
         for code in PERSPECTIVES] + [Row(NOT_SAID, "Did not say", per_perspective[NOT_SAID])],
        total, note="People may choose more than one perspective, so these add up to more "
                    "than the number of contributions.",
    )
    groups = Table(
        "groups", gettext_noop("Who shared, by group"),
        [Row(code, label, per_group[code]) for code, label in GROUP_LABELS.items()], total,
    )
    return Representation(
        geography=reference.geography, total=total, perspectives=perspectives, groups=groups,
        age=_equality_table("age", "Age", "age_band", AGE_BANDS, facts),
        gender=_equality_table("gender", "Gender", "gender", GENDERS, facts),
        disability=_equality_table("disability", "Disabled or not", "disability", DISABILITY,
                                   facts),
        ethnicity=_ethnicity_table(facts, reference),
        parents=_parents_table(per_perspective),
        care_leaver_ages=_care_leaver_table(facts, reference),
        care_experienced_split=_split_table(per_perspective, reference),
        reference=reference, counts=dict(per_perspective),
    )


def _equality_table(key: str, title: str, question: str, choices: tuple[tuple[str, str], ...],
                    facts: list[ContributionFacts]) -> Table:
    answers = Counter(c.answer(question) for c in facts)
    base = sum(n for code, n in answers.items() if code not in (NOT_SAID, PREFER_NOT_TO_SAY))
    rows = [Row(code, label, answers[code]) for code, label in choices]
    rows.append(Row(NOT_SAID, "Did not answer", answers[NOT_SAID]))
    return Table(key, title, rows, base)


def _ethnicity_table(facts: list[ContributionFacts], reference: Reference) -> Table:
    everyone: Counter[str] = Counter()
    care: Counter[str] = Counter()
    for c in facts:
        heading = ETHNICITY_HEADING.get(c.answer("ethnicity"), c.answer("ethnicity"))
        everyone[heading] += 1
        if c.care_experienced:
            care[heading] += 1
    care_base = sum(care[h] for h in ETHNIC_HEADINGS)
    shares = reference.ethnicity_shares()
    rows = [Row(h, h, everyone[h], Comparison(care[h], care_base, shares.get(h)), care[h])
            for h in ETHNIC_HEADINGS]
    rows.append(Row(PREFER_NOT_TO_SAY, "Prefer not to say", everyone[PREFER_NOT_TO_SAY], None,
                    care[PREFER_NOT_TO_SAY]))
    rows.append(Row(NOT_SAID, "Did not answer", everyone[NOT_SAID], None, care[NOT_SAID]))
    return Table(
        "ethnicity", "Ethnic group", rows, care_base, reference.ethnicity_source,
        note="Shares and ratios compare care-experienced people who gave their ethnic group "
             "with everyone living in the area at the 2021 Census.",
    )


def _parents_table(per: Counter[str]) -> Table:
    base = sum(per[p] for p in PARENTS)
    rows = [Row(p, PERSPECTIVE_SHORT_LABELS[p], per[p],
                Comparison(per[p], base, 0.5) if p == "parent_father" else None)
            for p in PARENTS]
    return Table("parents", "Parents", rows, base,
                 note="No official count of parents exists. Each child has a father, so fathers' "
                      "fair share of contributions from parents is taken as one half.")


def _care_leaver_table(facts: list[ContributionFacts], reference: Reference) -> Table:
    leavers = [c for c in facts if "care_leaver" in c.perspectives]
    ages = Counter(c.answer("age_band") for c in leavers)
    older = sum(ages[b] for b in OLDER_CARE_LEAVER_BANDS)
    base = older + sum(ages[b] for b in YOUNGER_CARE_LEAVER_BANDS)
    dfe_share = reference.care_leaver_older_share()
    # Bands are combined, not listed with a subtotal: a subtotal beside its parts could give
    # away a suppressed part.
    rows = [Row("younger", "Aged 21 or under", base - older),
            Row("older", "Aged 22 or over", older, Comparison(older, base, dfe_share)),
            Row(NOT_SAID, "Did not say", len(leavers) - base)]
    return Table("care_leaver_ages", "Care leavers, by age", rows, base,
                 reference.get(f"{dfe.CARE_LEAVERS}:19 to 21 years"),
                 note="DfE counts care leavers only up to 21. The reference share is the share "
                      "of 19 to 21 year olds among care leavers aged 17 to 21.")


def _split_table(per: Counter[str], reference: Reference) -> Table:
    """Children in care against care leavers: the two groups DfE counts."""
    cla = reference.get(dfe.CLA_31_MARCH)
    young = reference.get(f"{dfe.CARE_LEAVERS}:17 to 18 years")
    old = reference.get(f"{dfe.CARE_LEAVERS}:19 to 21 years")
    values = [v.value if v else None for v in (cla, young, old)]
    share_in_care: float | None = None
    if all(v is not None for v in values):
        total = sum(v or 0.0 for v in values)
        share_in_care = (values[0] or 0.0) / total if total else None
    base = per["child_in_care"] + per["care_leaver"]
    share_leavers = None if share_in_care is None else 1 - share_in_care
    return Table(
        "care_experienced_split", "Children in care and care leavers",
        [Row("child_in_care", PERSPECTIVE_SHORT_LABELS["child_in_care"], per["child_in_care"],
             Comparison(per["child_in_care"], base, share_in_care)),
         Row("care_leaver", PERSPECTIVE_SHORT_LABELS["care_leaver"], per["care_leaver"],
             Comparison(per["care_leaver"], base, share_leavers))],
        base, cla,
        note="The reference is children looked after on 31 March and care leavers aged 17 to "
             "21 the council is in touch with.",
    )


# --- alerts ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AlertConfig:
    fathers_min_share: float = 0.25
    family_min_share: float = 0.03
    family_min_people: int = 5
    under_represented_ratio: float = 0.5
    # Below this many expected people a missing group cannot be told from chance.
    min_expected: float = 1.0


@dataclass(frozen=True)
class Alert:
    key: str
    group: str
    title: str
    message: str
    figure: str
    suggestion: str
    source: str = ""
    gap: float = 0.0  # about how many more people would bring the group to its fair share


# Each sentence is marked for the Welsh catalogue here and translated by the caller's
# `translate` (gettext in the key-messages report), so this module stays free of Django. The
# numbers go in through %-placeholders, never by joining translated pieces, because Welsh puts
# them in other places. The Welsh avoids a number straight before a noun (which mutates), so
# no plural forms are needed.
SUGGESTIONS = {
    "parents": gettext_noop(
        "Reach parents through family group conferences, family hubs, parent advocacy and "
        "peer support groups, and the invitations sent for child protection conferences and "
        "reviews."),
    "fathers": gettext_noop(
        "Reach fathers through family group conferences, dads' groups, fathers' workers in "
        "family hubs and early help, and sessions in the evening or at weekends. Ask social "
        "workers to invite fathers as well as mothers, and to say they want to hear from "
        "them."),
    "kinship_carer": gettext_noop(
        "Reach kinship carers through kinship carer support groups, special guardianship "
        "support teams, the charity Kinship, family group conferences and schools' designated "
        "teachers."),
    "other_family": gettext_noop(
        "Reach grandparents, brothers and sisters through family group conferences, sibling "
        "contact events, kinship support groups and young carers' services."),
    "care_leaver": gettext_noop(
        "Reach care leavers through personal advisers, leaving care teams and care leavers' "
        "forums."),
    "older_care_leavers": gettext_noop(
        "Reach care leavers aged 22 to 25 through personal advisers (who support care leavers "
        "up to 25), the local offer for care leavers, care leavers' forums and universities' "
        "care leaver contacts. Offer online or evening sessions around work and parenting."),
    "child_in_care": gettext_noop(
        "Reach children in care through the Children in Care Council, independent reviewing "
        "officers, advocacy services and independent visitors."),
    "adopted": gettext_noop(
        "Reach adopted people through the regional adoption agency, adoption support groups "
        "and post-adoption services."),
    "foster_carer": gettext_noop(
        "Reach foster carers through the foster carers' association, support groups and "
        "supervising social workers."),
    "ethnicity": gettext_noop(
        "Reach %(group)s children, young people and families through community and faith "
        "groups, youth services and the Children in Care Council. Work with people in the "
        "service whom these communities already trust, and offer interpreters."),
}
# "No ... have been heard yet", one whole sentence per perspective (Welsh mutates the noun).
NOT_HEARD_YET = {
    "child_in_care": gettext_noop("No children in care have been heard yet"),
    "adopted": gettext_noop("No adopted people have been heard yet"),
    "foster_carer": gettext_noop("No foster carers have been heard yet"),
}
FAMILY = {
    "kinship_carer": (
        gettext_noop("Kinship carers"),
        gettext_noop("Kinship carers have not been heard"),
        gettext_noop("Kinship carers are hardly heard"),
        gettext_noop("Kinship carers made %(count)s of %(total)s contributions%(share)s. We "
                     "look for at least %(people)s people and at least %(minimum)s of "
                     "contributions.")),
    "other_family": (
        gettext_noop("Grandparents, brothers, sisters and other family"),
        gettext_noop("Grandparents, brothers, sisters and other family have not been heard"),
        gettext_noop("Grandparents, brothers, sisters and other family are hardly heard"),
        gettext_noop("Grandparents, brothers, sisters and other family made %(count)s of "
                     "%(total)s contributions%(share)s. We look for at least %(people)s "
                     "people and at least %(minimum)s of contributions.")),
}

Translate = Callable[[str], str]


def as_written(text: str) -> str:
    return text


def _n(count: int, hidden: bool = False, translate: Translate = as_written) -> str:
    """A count as an alert may write it. A count hidden on the page so that a small one cannot
    be worked out is written as "some", never as a number."""
    if hidden and not shown(count).suppressed and count:
        return translate(gettext_noop("some"))
    found = shown(count)
    if found.suppressed:
        return translate(gettext_noop("fewer than %(threshold)s")) % {
            "threshold": found.threshold}
    return str(found)


def _pct(count: int, base: int, hidden: bool = False) -> str:
    """A share, but only where the count behind it may be shown."""
    if hidden or base == 0 or shown(count).suppressed or shown(base).suppressed:
        return ""
    return f" ({count / base:.0%})"


def alerts(rep: Representation, config: AlertConfig | None = None,
           hidden: frozenset[str] | set[str] = frozenset(),
           translate: Translate = as_written) -> list[Alert]:
    """Hidden-voice alerts, the biggest gap first. Every number in them obeys suppression;
    `hidden` names perspective counts the page hides (see `presentation.perspective_hidden`).
    `translate` (gettext, where Django is at hand) writes the group, title, message, figure,
    source and suggestion in another language (file names and years stay as they are)."""
    config = config or AlertConfig()
    found: list[Alert] = []
    if rep.total == 0:
        return found
    found += _parent_alerts(rep, config, hidden, translate)
    found += _family_alerts(rep, config, hidden, translate)
    found += _care_leaver_alerts(rep, config, translate)
    found += _ethnicity_alerts(rep, config, translate)
    return sorted(found, key=lambda a: -a.gap)


def _nobody_heard(rep: Representation, t: Translate, key: str, group: str, title: str,
                  message: str, figure: str) -> Alert:
    """The alert for a group no one who shared belongs to (parents, care leavers). With no
    count to compare with a share, the gap is taken as a tenth of everyone heard."""
    return Alert(key, t(group), t(title), t(message),
                 t(figure) % {"total": _n(rep.total, translate=t)},
                 t(SUGGESTIONS[key]), gap=rep.total * 0.1)


def _parent_alerts(rep: Representation, config: AlertConfig,
                   hidden: frozenset[str] | set[str], t: Translate) -> list[Alert]:
    parents = rep.parents.base
    if parents == 0:
        return [_nobody_heard(
            rep, t, "parents", gettext_noop("Parents"),
            gettext_noop("No parents have been heard"),
            gettext_noop("No one who shared said they are a parent whose children are or were "
                         "involved with children's services."),
            gettext_noop("Parents: 0 of %(total)s contributions."))]
    fathers = rep.count("parent_father")
    if fathers / parents >= config.fathers_min_share:
        return []
    h = "parent_father" in hidden
    return [Alert(
        "fathers", t(PERSPECTIVE_SHORT_LABELS["parent_father"]),
        t(gettext_noop("Fathers are a hidden voice")),
        t(gettext_noop("Fathers made %(fathers)s of the %(parents)s contributions from "
                       "parents%(share)s. That is less than %(minimum)s, and fathers are half "
                       "of all parents.")) % {
            "fathers": _n(fathers, h, t), "parents": _n(parents, translate=t),
            "share": _pct(fathers, parents, h), "minimum": f"{config.fathers_min_share:.0%}"},
        t(gettext_noop("Fathers: %(fathers)s of %(parents)s parent contributions; reference: "
                       "one half.")) % {"fathers": _n(fathers, h, t),
                                        "parents": _n(parents, translate=t)},
        t(SUGGESTIONS["fathers"]), gap=parents * 0.5 - fathers,
    )]


def _family_alerts(rep: Representation, config: AlertConfig,
                   hidden: frozenset[str] | set[str], t: Translate) -> list[Alert]:
    found = []
    for code, (group, not_heard, hardly_heard, message) in FAMILY.items():
        count = rep.count(code)
        if count >= config.family_min_people and count / rep.total >= config.family_min_share:
            continue
        h = code in hidden
        found.append(Alert(
            code, t(group), t(not_heard if count == 0 else hardly_heard),
            t(message) % {"count": _n(count, h, t), "total": _n(rep.total, translate=t),
                          "share": _pct(count, rep.total, h),
                          "people": config.family_min_people,
                          "minimum": f"{config.family_min_share:.0%}"},
            t(gettext_noop("%(group)s: %(count)s of %(total)s contributions.")) % {
                "group": t(group), "count": _n(count, h, t),
                "total": _n(rep.total, translate=t)},
            t(SUGGESTIONS[code]),
            gap=max(config.family_min_people, rep.total * config.family_min_share) - count,
        ))
    return found


OLDER_CARE_LEAVERS = gettext_noop("Care leavers aged 22 or over")


def _care_leaver_alerts(rep: Representation, config: AlertConfig, t: Translate) -> list[Alert]:
    leavers = rep.count("care_leaver")
    if leavers == 0:
        return [_nobody_heard(
            rep, t, "care_leaver", PERSPECTIVE_SHORT_LABELS["care_leaver"],
            gettext_noop("No care leavers have been heard"),
            gettext_noop("No one who shared said they are a care leaver or grew up in care."),
            gettext_noop("Care leavers: 0 of %(total)s contributions."))]
    row = next(r for r in rep.care_leaver_ages.rows if r.code == "older")
    comparison = row.comparison
    reference = rep.care_leaver_ages.reference
    source = reference.source_line_in(t) if reference else ""
    dfe_share = comparison.reference_share if comparison else None
    against = (" " + t(gettext_noop(
        "In the DfE figures, 19 to 21 year olds are %(share)s of care leavers aged 17 to 21 "
        "in %(place)s.")) % {"share": f"{dfe_share:.0%}", "place": t(rep.geography)}
               if dfe_share is not None else "")
    if row.count == 0:
        return [Alert(
            "older_care_leavers", t(OLDER_CARE_LEAVERS),
            t(gettext_noop("Care leavers over 21 have not been heard")),
            t(gettext_noop("None of the care leavers who shared said they are 22 or over. "
                           "Councils support care leavers up to 25.")) + against,
            t(gettext_noop("Care leavers aged 22 or over: 0 of %(base)s care leavers who gave "
                           "their age.")) % {"base": _n(rep.care_leaver_ages.base, translate=t)},
            t(SUGGESTIONS["older_care_leavers"]), source,
            gap=max(1.0, (comparison.expected or 0.0) if comparison else 1.0),
        )]
    if comparison is None or comparison.ratio is None or dfe_share is None:
        return []
    if comparison.ratio >= config.under_represented_ratio:
        return []
    return [Alert(
        "older_care_leavers", t(OLDER_CARE_LEAVERS),
        t(gettext_noop("Care leavers over 21 are under-represented")),
        t(gettext_noop("Care leavers aged 22 or over made %(count)s of the %(base)s "
                       "contributions from care leavers who gave their age%(share)s.")) % {
            "count": _n(row.count, translate=t), "base": _n(comparison.base, translate=t),
            "share": _pct(row.count, comparison.base)} + against,
        t(gettext_noop("Care leavers aged 22 or over: %(count)s of %(base)s; DfE share of 19 "
                       "to 21 year olds: %(share)s.")) % {
            "count": _n(row.count, translate=t), "base": _n(comparison.base, translate=t),
            "share": f"{dfe_share:.0%}"},
        t(SUGGESTIONS["older_care_leavers"]), source,
        gap=(comparison.expected or 0.0) - row.count,
    )]


def _ethnicity_alerts(rep: Representation, config: AlertConfig, t: Translate) -> list[Alert]:
    found = []
    source = rep.ethnicity.reference.source_line_in(t) if rep.ethnicity.reference else ""
    for row in rep.ethnicity.rows:
        c = row.comparison
        if c is None or c.reference_share is None or c.expected is None:
            continue
        if c.expected < config.min_expected or c.share is None:
            continue
        if c.share >= config.under_represented_ratio * c.reference_share:
            continue
        group = t(row.label)
        found.append(Alert(
            f"ethnicity:{row.code}", group,
            t(gettext_noop("%(group)s: under-represented")) % {"group": group},
            t(gettext_noop(
                "Care-experienced people from the %(group)s group made %(count)s of the "
                "%(base)s contributions from care-experienced people who gave their ethnic "
                "group%(share)s. This group is %(reference)s of everyone living in %(place)s "
                "(2021 Census), and usually a larger share of children in care.")) % {
                "group": group, "count": _n(c.count, translate=t),
                "base": _n(c.base, translate=t), "share": _pct(c.count, c.base),
                "reference": f"{c.reference_share:.0%}", "place": t(rep.geography)},
            t(gettext_noop("%(group)s: %(count)s of %(base)s care-experienced contributors; "
                           "population share %(share)s.")) % {
                "group": group, "count": _n(c.count, translate=t),
                "base": _n(c.base, translate=t), "share": f"{c.reference_share:.1%}"},
            t(SUGGESTIONS["ethnicity"]) % {"group": group}, source, gap=c.expected - c.count,
        ))
    return found


@dataclass(frozen=True)
class Suggestion:
    group: str
    why: str
    how: str


def suggestions(rep: Representation, found: list[Alert] | None = None,
                limit: int = 6, translate: Translate = as_written) -> list[Suggestion]:
    """Whom to reach next: the alerts with the biggest gaps first, then any lived-experience
    perspective nobody has spoken from yet. Pass the alerts made with the same `translate`."""
    found = alerts(rep, translate=translate) if found is None else found
    out = [Suggestion(a.group, a.title, a.suggestion) for a in found]
    covered = {a.key for a in found}
    if rep.total:
        for code in ("child_in_care", "adopted", "foster_carer"):
            if rep.count(code) == 0 and code not in covered:
                out.append(Suggestion(translate(PERSPECTIVE_SHORT_LABELS[code]),
                                      translate(NOT_HEARD_YET[code]),
                                      translate(SUGGESTIONS[code])))
    return out[:limit]
