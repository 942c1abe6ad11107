"""How often triage flags ordinary feedback that holds no disclosure.

    python -m heard.safety.triage_false_alarms [--polis ../shared/data/polis/opendata]

Two sources of calm text nobody wrote as a disclosure:

* Heard's own demo contributions (`contributions/demo_corpus.py`, what `heard demo` loads):
  care feedback from every perspective, complaints and praise included;
* real public statements from Polis conversations (`comments.csv` in the shared reference
  data: policing, wages, electoral reform, Brexit, biodiversity; CC BY 4.0, The Computational
  Democracy Project), statements moderators did not reject. A few may touch on risk (the
  London youth policing conversation talks about knife crime), so a flag there is not always
  wrong; the rate is an upper bound on false alarms.

Prints, per source, how many texts were flagged immediate and concern, by the full triage and
by the rules alone, and the flagged texts themselves with `--show`. Pure; no Django imports.
"""

from __future__ import annotations

import argparse
import csv
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from heard.contributions.demo_corpus import generate_demo_contributions

from .triage import CONCERN, IMMEDIATE, TriageResult, classify, classify_rules, model_status

DEMO_COUNT = 300
POLIS_DIR = Path(__file__).resolve().parents[3] / "shared" / "data" / "polis" / "opendata"


def demo_texts(count: int = DEMO_COUNT) -> list[str]:
    return [c.text for c in generate_demo_contributions(count=count)]


def polis_texts(folder: Path) -> list[str]:
    """Every statement moderators did not reject, from each conversation's comments.csv."""
    texts: list[str] = []
    for path in sorted(folder.glob("*/comments.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            texts += [row["comment-body"] for row in csv.DictReader(handle)
                      if row.get("moderated") != "-1" and row.get("comment-body", "").strip()]
    return texts


def flag_counts(texts: list[str], classifier: Callable[[str], TriageResult],
                ) -> tuple[Counter[str], list[tuple[str, str]]]:
    levels = [(classifier(text).level, text) for text in texts]
    return Counter(level for level, _ in levels), [(lv, t) for lv, t in levels if lv != "none"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--polis", type=Path, default=POLIS_DIR)
    parser.add_argument("--show", action="store_true", help="print the flagged texts")
    args = parser.parse_args(argv)
    if model_status():
        print(f"WARNING: triage is degraded to rules only ({model_status()})")
    sources = {"demo contributions": demo_texts()}
    if args.polis.is_dir():
        sources["Polis statements"] = polis_texts(args.polis)
    else:
        print(f"(no Polis data at {args.polis}: skipped)")
    for name, texts in sources.items():
        for label, classifier in (("triage", classify), ("rules alone", classify_rules)):
            counts, flagged = flag_counts(texts, classifier)
            rate = (counts[IMMEDIATE] + counts[CONCERN]) / max(1, len(texts))
            print(f"{name} ({len(texts)}), {label}: immediate {counts[IMMEDIATE]}, "
                  f"concern {counts[CONCERN]}, flagged {rate:.1%}")
            if args.show and label == "triage":
                for level, text in flagged:
                    print(f"   [{level}] {' '.join(text.split())[:200]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
