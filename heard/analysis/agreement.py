"""How far people coding the same contributions agree, and how far their codes match the
machine's themes. Pure: plain data in, dataclasses out, no Django.

Each code is judged on its own, as present or absent on each contribution, because one
contribution may carry several codes. Two coders: Cohen's kappa (Cohen 1960). Any number of
coders, with gaps where someone has not looked at a contribution: Krippendorff's alpha for
nominal data (Krippendorff 2011, "Computing Krippendorff's alpha-reliability").

A coefficient is None when it cannot be measured: too few contributions, or nobody varied
(every rating the same), which makes the chance-agreement term 1 and the ratio 0/0.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

# Any hashable will do (a username, a contribution id, a code id); Any rather than Hashable
# because Mapping keys are invariant, and callers pass dicts keyed by str or int.
Coder = Any
Item = Any
Code = Any

# Landis & Koch (1977), "The measurement of observer agreement for categorical data",
# Biometrics 33(1):159-174: the usual words for kappa values. Their bands (0.00-0.20 slight,
# 0.21-0.40 fair ...) are read as "above the lower band's top", so no value falls between.
LANDIS_KOCH: tuple[tuple[float, str], ...] = (
    (0.8, "almost perfect agreement"),
    (0.6, "substantial agreement"),
    (0.4, "moderate agreement"),
    (0.2, "fair agreement"),
)


def cohen_kappa(first: Sequence[Hashable], second: Sequence[Hashable]) -> float | None:
    """Cohen's kappa for two coders' labels on the same items (any number of categories)."""
    if len(first) != len(second):
        raise ValueError("Both coders must rate the same items.")
    n = len(first)
    if n == 0:
        return None
    observed = sum(1 for a, b in zip(first, second, strict=True) if a == b) / n
    counts_a, counts_b = Counter(first), Counter(second)
    expected = sum(counts_a[c] * counts_b[c] for c in counts_a) / (n * n)
    if expected >= 1.0:
        return None  # both coders gave one and the same label to everything
    return (observed - expected) / (1.0 - expected)


def krippendorff_alpha_nominal(units: Iterable[Sequence[Hashable | None]]) -> float | None:
    """Krippendorff's alpha for nominal values. Each unit is the values its coders gave, with
    None where a coder gave none; units with fewer than two values cannot be paired and are
    left out, as the method says."""
    coincidences: dict[tuple[Hashable, Hashable], float] = defaultdict(float)
    for unit in units:
        values = [v for v in unit if v is not None]
        m = len(values)
        if m < 2:
            continue
        # Every ordered pair of values from different coders, weighted 1/(m-1) so that each
        # unit contributes m pairable values in all.
        for i, a in enumerate(values):
            for j, b in enumerate(values):
                if i != j:
                    coincidences[(a, b)] += 1.0 / (m - 1)
    totals: dict[Hashable, float] = defaultdict(float)
    for (a, _), weight in coincidences.items():
        totals[a] += weight
    n = sum(totals.values())
    if n < 2:
        return None
    observed = sum(w for (a, b), w in coincidences.items() if a != b)
    expected = sum(totals[a] * totals[b] for a in totals for b in totals if a != b)
    if expected == 0:
        return None  # one value only: no variation to measure agreement against
    return 1.0 - (n - 1) * observed / expected


def landis_koch(value: float | None) -> str:
    """Plain words for a kappa or alpha value; Krippendorff himself asks for alpha >= 0.8
    before relying on data, and >= 0.667 for tentative conclusions."""
    if value is None:
        return "not enough variation to measure"
    if value < 0:
        return "less agreement than chance"
    return next((words for bound, words in LANDIS_KOCH if value > bound), "slight agreement")


@dataclass(frozen=True)
class PairKappa:
    first: Coder
    second: Coder
    items: int
    kappa: float | None


@dataclass(frozen=True)
class CodeAgreement:
    code: Code
    items_with_code: int  # contributions at least one coder gave this code
    coders: int  # coders who looked at any contribution
    pairs: list[PairKappa]
    alpha: float | None
    alpha_items: int  # contributions seen by two or more coders


def code_agreement(coding: Mapping[Coder, Mapping[Item, Iterable[Code]]],
                   codes: Iterable[Code]) -> list[CodeAgreement]:
    """Agreement per code. `coding` says, for each coder, which contributions they looked at
    and the codes they gave each (an empty set means "looked, no code fits": that counts as
    absent, not as missing)."""
    seen = {coder: {item: set(given) for item, given in items.items()}
            for coder, items in coding.items() if items}
    coders = sorted(seen, key=str)
    all_items = sorted({item for items in seen.values() for item in items}, key=str)
    return [_one_code(code, seen, coders, all_items) for code in codes]


def _one_code(code: Code, seen: Mapping[Coder, Mapping[Item, set[Code]]],
              coders: list[Coder], all_items: list[Item]) -> CodeAgreement:
    pairs = []
    for a, b in combinations(coders, 2):
        shared = sorted(set(seen[a]) & set(seen[b]), key=str)
        pairs.append(PairKappa(a, b, len(shared), cohen_kappa(
            [code in seen[a][i] for i in shared], [code in seen[b][i] for i in shared])))
    units = [[(code in seen[c][i]) if i in seen[c] else None for c in coders]
             for i in all_items]
    return CodeAgreement(
        code=code,
        items_with_code=sum(1 for i in all_items
                            if any(code in seen[c].get(i, ()) for c in coders)),
        coders=len(coders), pairs=pairs,
        alpha=krippendorff_alpha_nominal(units),
        alpha_items=sum(1 for u in units if sum(v is not None for v in u) >= 2))


@dataclass(frozen=True)
class ThemeMatch:
    code: Code
    items_with_code: int
    theme: Any  # the theme sharing most with the code, by Jaccard; None if it shares none
    shared: int
    jaccard: float
    coverage: float  # share of the code's contributions that sit in that theme


@dataclass(frozen=True)
class ThemeComparison:
    matches: list[ThemeMatch]
    items: int  # contributions with a human code and a machine theme
    ari: float | None
    nmi: float | None
    primary: dict[Item, Code] = field(default_factory=dict)


def compare_with_themes(coding: Mapping[Coder, Mapping[Item, Iterable[Code]]],
                        themes: Mapping[Item, Hashable], codes: Iterable[Code]) -> ThemeComparison:
    """Human codes against machine themes, over contributions that have both.

    A contribution carries a code if any coder gave it. For ARI and NMI each contribution
    needs one human label: its primary code, the one most coders gave it (ties go to the
    code used most overall, then to the first in `codes`, so the result is reproducible)."""
    order = list(codes)
    votes: dict[Item, Counter[Code]] = defaultdict(Counter)
    for looked_at in coding.values():
        for item, given in looked_at.items():
            votes[item].update(c for c in set(given) if c in order)
    votes = {i: v for i, v in votes.items() if v and i in themes}
    overall: Counter[Code] = Counter()
    for counter in votes.values():
        overall.update(counter)
    primary = {i: min(v, key=lambda c: (-v[c], -overall[c], order.index(c)))
               for i, v in votes.items()}
    by_theme: dict[Hashable, set[Item]] = defaultdict(set)
    for item, theme in themes.items():
        by_theme[theme].add(item)
    matches = [_best_theme(c, {i for i, v in votes.items() if c in v}, by_theme)
               for c in order]
    items = sorted(primary, key=str)
    ari = nmi = None
    if len(items) >= 2:
        # Imported here: scikit-learn takes about a second, and the codebook pages import this
        # module when Django starts in every `heard` command and worker process.
        from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

        human = [order.index(primary[i]) for i in items]
        machine = [str(themes[i]) for i in items]
        ari = float(adjusted_rand_score(human, machine))
        nmi = float(normalized_mutual_info_score(human, machine))
    return ThemeComparison(matches, len(items), ari, nmi, primary)


def _best_theme(code: Code, carrying: set[Item],
                by_theme: Mapping[Hashable, set[Item]]) -> ThemeMatch:
    candidates = [(len(carrying & members) / len(carrying | members), len(carrying & members),
                   theme) for theme, members in by_theme.items() if carrying & members]
    if not candidates:
        return ThemeMatch(code, len(carrying), None, 0, 0.0, 0.0)
    # Highest Jaccard, then most shared, then the theme's name, so ties always fall one way.
    jaccard, shared, theme = min(candidates, key=lambda c: (-c[0], -c[1], str(c[2])))
    return ThemeMatch(code, len(carrying), theme, shared, jaccard, shared / len(carrying))


def agreement_from_rows(rows: Iterable[tuple[Coder, Item, Code | None]]
                        ) -> tuple[dict[Coder, dict[Item, set[Code]]], list[Code]]:
    """Turn (coder, item, code) rows, as in a CSV export, into the shape `code_agreement`
    takes. A row with an empty code records "looked, no code fits"."""
    coding: dict[Coder, dict[Item, set[Code]]] = defaultdict(dict)
    codes: dict[Code, None] = {}
    for coder, item, code in rows:
        given = coding[coder].setdefault(item, set())
        if code is not None and code != "":
            given.add(code)
            codes.setdefault(code, None)
    return dict(coding), sorted(codes, key=str)


def load_csv(path: str | Path, coder_column: str, item_column: str,
             code_column: str) -> list[tuple[str, str, str]]:
    """One row per code given (or per contribution looked at with the code cell empty)."""
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in (coder_column, item_column, code_column)
                   if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"{path} has no column {', '.join(missing)}")
        return [(row[coder_column].strip(), row[item_column].strip(),
                 (row[code_column] or "").strip()) for row in reader]


def evaluate_csv(path: str | Path, coder_column: str, item_column: str,
                 code_column: str) -> dict[str, Any]:
    coding, codes = agreement_from_rows(load_csv(path, coder_column, item_column, code_column))
    return {"coders": len(coding), "codes": [asdict(r) for r in code_agreement(coding, codes)]}


def format_report(report: Mapping[str, Any]) -> str:
    lines = [f"{report['coders']} coders."]
    for row in report["codes"]:
        n = row["items_with_code"]
        lines.append(f"{row['code']}: given to {n} item{'' if n == 1 else 's'}")
        for pair in row["pairs"]:
            lines.append(f"  kappa {pair['first']} / {pair['second']} ({pair['items']} shared): "
                         f"{_figure(pair['kappa'])} ({landis_koch(pair['kappa'])})")
        lines.append(f"  alpha, all coders ({row['alpha_items']} items): "
                     f"{_figure(row['alpha'])} ({landis_koch(row['alpha'])})")
    return "\n".join(lines) if report["codes"] else "No codes found."


def _figure(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"
