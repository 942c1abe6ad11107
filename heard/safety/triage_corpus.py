"""The labelled corpus the triage model learns from: `heard/safety/corpus/<writer>/*.jsonl`.

Each folder is one writer (a person or a separately briefed writing session), each file one
batch they wrote. Lines are JSON objects with `text` and `label` (immediate, concern, none),
and usually `risk`, `voice` and `style`. See `corpus/README.md` for who wrote what and how.

The writer and batch travel with every text, because the development split is made by batch
and by writer, never at random: a random split puts near-paraphrases on both sides and makes
the model look better than it will be on someone else's words.

Pure standard library; no Django imports.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from .triage_result import LEVELS

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"


class CorpusError(ValueError):
    """A corpus line is not a valid labelled text; the message names the file and line."""


@dataclass(frozen=True)
class CorpusText:
    text: str
    label: str
    writer: str  # the folder: who wrote it
    batch: str  # writer/file stem: one sitting
    risk: str = ""
    voice: str = ""
    style: str = ""


def corpus_files(folder: Path = CORPUS_DIR) -> list[Path]:
    """Every batch file, in a fixed order (the order is part of what makes training repeatable)."""
    return sorted(folder.glob("*/*.jsonl"))


def load_corpus(folder: Path = CORPUS_DIR) -> list[CorpusText]:
    """Every labelled text, duplicates (same text and label) kept once."""
    seen: set[tuple[str, str]] = set()
    texts: list[CorpusText] = []
    for path in corpus_files(folder):
        for item in _read_batch(path):
            key = (item.text.strip().lower(), item.label)
            if key not in seen:
                seen.add(key)
                texts.append(item)
    return texts


def _read_batch(path: Path) -> list[CorpusText]:
    writer, batch = path.parent.name, f"{path.parent.name}/{path.stem}"
    items: list[CorpusText] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as error:
            raise CorpusError(f"{path}, line {number}: not valid JSON ({error.msg})") from error
        text, label = record.get("text"), record.get("label")
        if not isinstance(text, str) or not text.strip() or label not in LEVELS:
            raise CorpusError(f"{path}, line {number}: needs a text and a label in {LEVELS}")
        items.append(CorpusText(text, label, writer, batch, str(record.get("risk", "")),
                                str(record.get("voice", "")), str(record.get("style", ""))))
    return items


def corpus_digest(folder: Path = CORPUS_DIR) -> str:
    """SHA-256 over every batch file's name and bytes: changes whenever the corpus does."""
    digest = hashlib.sha256()
    for path in corpus_files(folder):
        digest.update(str(path.relative_to(folder)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()
