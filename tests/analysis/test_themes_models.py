"""Real models: the static embedder, the transformer embedder and the banking77 targets.

Skipped, with the reason, when the optional model packages (the ``themes-models`` extra) or
the reference data are not installed. The first run distils the static model into the cache
(HEARD_MODEL_CACHE, default var/models); later runs load it in under a second.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

from heard.analysis.themes import ClusterConfig, cluster_embeddings
from heard.analysis.themes.embedders import (
    StaticEmbedder,
    TransformerEmbedder,
    has_module,
    models_extra_installed,
    static_model_path,
)
from heard.analysis.themes.evaluate import SHARED_DATA, load_dataset

ROOT = Path(__file__).resolve().parents[2]
BANKING77 = SHARED_DATA / "clustering" / "banking77" / "test.csv"
NO_EXTRA = ("the optional model packages are not installed: "
            "pip install -e '.[themes-models]' to run this test")


def _need_static() -> StaticEmbedder:
    embedder = StaticEmbedder()
    cached = (static_model_path() / "model.safetensors").is_file()
    if not has_module("model2vec") or not (cached or models_extra_installed()):
        pytest.skip(NO_EXTRA)
    return embedder


def _need_banking77() -> tuple[list[str], list[str]]:
    if not BANKING77.is_file():
        pytest.skip(f"reference data not found at {BANKING77} (expected ../shared/data)")
    return load_dataset("banking77")


@pytest.fixture(scope="module")
def static() -> StaticEmbedder:
    return _need_static()


def _without(blocked: set[str], body: str, env: dict[str, str] | None = None) -> str:
    """Run ``body`` in a fresh interpreter where importing ``blocked`` packages fails."""
    script = textwrap.dedent(f"""
        import sys

        class Block:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in {sorted(blocked)!r}:
                    raise ImportError("blocked " + name)

        sys.meta_path.insert(0, Block())
    """) + textwrap.dedent(body)
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, check=False, env=env)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_static_embeddings_are_unit_float32_and_similar_for_similar_texts(static) -> None:
    vectors = static.embed(["My social worker keeps changing.",
                            "I have had five social workers this year.",
                            "The school canteen food is cold."])
    assert vectors.dtype == np.float32 and vectors.shape[0] == 3
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]


def test_static_fast_path_matches_model2vec(static) -> None:
    texts = ["Nobody asked me what I wanted.", "Café naïve – “quotes” and a_b", "", "x " * 40]
    model = static._load()
    reference = np.asarray(model.encode(texts, use_multiprocessing=False), dtype=np.float32)
    ours = static.embed(texts)
    for row in (0, 1, 3):
        expected = reference[row] / np.linalg.norm(reference[row])
        assert float(ours[row] @ expected) > 0.9999
    assert not ours[2].any()


def test_cached_static_model_loads_without_torch(static) -> None:
    static.embed(["make sure the cache exists"])
    out = _without({"torch", "transformers", "sentence_transformers"}, """
        from heard.analysis.themes.embedders import StaticEmbedder
        vectors = StaticEmbedder().embed(["loaded without torch"])
        assert "torch" not in sys.modules
        print(vectors.shape[1])
    """)
    assert int(out) > 0


def test_missing_extra_and_cache_gives_install_hint(tmp_path: Path) -> None:
    import os

    env = {**os.environ, "HEARD_MODEL_CACHE": str(tmp_path)}
    out = _without({"torch", "model2vec"}, """
        from heard.analysis.themes import ModelUnavailableError, StaticEmbedder
        try:
            StaticEmbedder().embed(["hello"])
        except ModelUnavailableError as error:
            print(error)
    """, env=env)
    assert "pip install" in out and "themes-models" in out


def test_banking77_static_meets_target(static) -> None:
    texts, truth = _need_banking77()
    labels = cluster_embeddings(static.embed(texts), ClusterConfig(k=77)).labels
    assert (labels >= 0).all()
    assert normalized_mutual_info_score(truth, labels) >= 0.68


@pytest.mark.bench  # 15-20 s of transformer embedding on a CPU: `make bench` runs it
def test_banking77_transformer_meets_target() -> None:
    if not models_extra_installed():
        pytest.skip(NO_EXTRA)
    texts, truth = _need_banking77()
    labels = cluster_embeddings(TransformerEmbedder().embed(texts), ClusterConfig(k=77)).labels
    assert (labels >= 0).all()
    assert adjusted_rand_score(truth, labels) >= 0.50
    assert normalized_mutual_info_score(truth, labels) >= 0.80
