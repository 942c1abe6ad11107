"""Sum the CPU seconds `pytest --cpu-log DIR` wrote, by test file and by test.

    python -m pytest -n 2 -m "not browser" --cpu-log var/cpu
    python -m tests.cpu_report var/cpu [--top 30]

CPU seconds are what a busy shared machine does not distort much (wall times there can be
several times the work), so rounds of speed work compare these, before and after.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args(argv)
    rows = [json.loads(line) for path in sorted(args.directory.glob("cpu-*.jsonl"))
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if not rows:
        print(f"No CPU records in {args.directory} (run pytest with --cpu-log there).")
        return 1
    by_file: Counter[str] = Counter()
    tests: Counter[str] = Counter()
    for row in rows:
        by_file[row["test"].split("::")[0]] += row["cpu"] + row["children"]
    for row in rows:
        tests[row["test"].split("::")[0]] += 1
    own = sum(row["cpu"] for row in rows)
    children = sum(row["children"] for row in rows)
    print(f"{len(rows):,} tests: {own:.1f} CPU-s in the test processes, {children:.1f} in "
          f"child processes they waited for, {own + children:.1f} in all.")
    print(f"\nThe {args.top} costliest files (CPU-s, tests):")
    for name, cpu in by_file.most_common(args.top):
        print(f"{cpu:8.1f} {tests[name]:5d}  {name}")
    print(f"\nThe {args.top} costliest tests (CPU-s own + children):")
    for row in sorted(rows, key=lambda r: -(r["cpu"] + r["children"]))[:args.top]:
        print(f"{row['cpu']:8.1f} {row['children']:6.1f}  {row['test']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
