"""Turn hand-written redaction markup into the labelled JSON that `heard eval redaction` reads.

Each non-comment line of a markup file is one contribution. Personal data is written in
place as ``[[TAG:words]]``; ``\\n`` inside a line is a line break; ``== NAME`` sets the
``split`` of the lines after it; ``#`` starts a comment line. The converter removes the
markup and records the exact character offsets of each tagged stretch, so no offset is ever
counted by hand.

    python scripts/redaction_markup.py tests/data/redaction_uk_dev_part*.txt \\
        --out tests/data/redaction_uk_dev.json
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

from heard.safety.marked_text import unmark

TAGS = {
    "P": "PERSON", "L": "LOCATION", "O": "ORGANIZATION", "H": "SOCIAL_HANDLE",
    "T": "PHONE_NUMBER", "E": "EMAIL_ADDRESS", "A": "STREET_ADDRESS", "Z": "UK_POSTCODE",
    "D": "DATE_OF_BIRTH", "U": "URL", "N": "UK_NHS", "I": "UK_NINO",
}
_MARK = re.compile(r"\[\[([A-Z]):([^\[\]]+)\]\]")


class MarkupError(ValueError):
    """A line whose markup cannot be read; the message says which file and line."""


def convert_line(line: str, where: str) -> dict:
    """One marked-up line as ``{"full_text", "spans"}`` with exact offsets."""
    full, marks = unmark(line.replace("\\n", "\n"), _MARK)
    for mark in marks:
        if mark.tag not in TAGS:
            raise MarkupError(f"{where}: unknown tag {mark.tag!r}")
    if "[[" in full or "]]" in full:
        raise MarkupError(f"{where}: unbalanced markup")
    return {"full_text": full, "spans": [
        {"entity_type": TAGS[mark.tag], "entity_value": mark.words,
         "start_position": mark.start, "end_position": mark.end} for mark in marks]}


def convert_files(paths: list[Path]) -> list[dict]:
    records: list[dict] = []
    for path in paths:
        split = "dev"
        for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            line = raw.rstrip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("== "):
                split = line[3:].strip()
                continue
            record = convert_line(line, f"{path.name}, line {number}")
            records.append({**record, "split": split, "source": f"{path.name}:{number}"})
    return records


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    try:
        records = convert_files(args.paths)
    except MarkupError as error:
        print(error, file=sys.stderr)
        return 2
    args.out.write_text(json.dumps(records, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    counts = Counter(s["entity_type"] for r in records for s in r["spans"])
    splits = Counter(r["split"] for r in records)
    print(f"{len(records)} texts ({dict(splits)}), "
          f"{sum(1 for r in records if not r['spans'])} with nothing to redact")
    for kind, count in counts.most_common():
        print(f"  {kind:<15}{count:>5}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
