"""MiniLM's layers tuned for the triage's contextual look (`triage_finetune`, decision 0036).

A few dozen corpus texts and one epoch: these test the machinery (repeatable to the bit, saved
and loaded to the bit, cached under a key that covers every input, vectors never mixed between
encoders), not what tuning gains (that is the trial, scripts/triage_finetune_trial.py)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from heard.safety import triage_finetune as ft
from heard.safety import triage_look as looks
from heard.safety import triage_model as tm
from heard.safety.triage_corpus import load_corpus

pytestmark = pytest.mark.skipif(
    not looks.available(), reason="torch, sentence-transformers or MiniLM not installed")

RECIPE = ft.Recipe(epochs=1)
READ = ["He hit me last night.", "I love the club.", "Mum has been crying since Dad left."]


@pytest.fixture(scope="module")
def examples() -> tuple[list[str], np.ndarray]:
    """15 texts of every label (the machinery, not what tuning gains: a tune costs about
    0.1 CPU-s a text)."""
    corpus = load_corpus()[::1000]
    return [t.text for t in corpus], np.array([tm.CLASSES.index(t.label) for t in corpus])


@pytest.fixture(scope="module")
def tuned(examples: tuple[list[str], np.ndarray]) -> looks.TunedLayers:
    return ft.tune_layers(*examples, RECIPE)


def test_only_the_recipes_layers_are_kept_and_two_tunes_are_the_same_to_the_bit(
        examples: tuple[list[str], np.ndarray], tuned: looks.TunedLayers) -> None:
    # Layers 5 and 6 are encoder.layer.4 and .5 in the BertModel.
    assert {name.split(".")[2] for name in tuned} == {"4", "5"}
    assert sum(v.size for v in tuned.values()) == 2 * 1_774_464
    assert all(v.dtype == np.float32 for v in tuned.values())
    again = ft.tune_layers(*examples, RECIPE)
    assert again.keys() == tuned.keys()
    assert all(np.array_equal(again[name], tuned[name]) for name in tuned)


def test_a_tuned_encoder_saved_and_loaded_gives_the_same_8_bit_vectors(
        tmp_path: Path, tuned: looks.TunedLayers) -> None:
    path = tmp_path / "tuned.safetensors"
    ft.save_layers(tuned, path, "key one")
    back = ft.load_layers(path, "key one")
    with pytest.raises(ValueError, match="key one"):
        ft.load_layers(path, "key two")
    first = looks.Reader(tuned).embed(READ)
    assert np.array_equal(looks.Reader(back).embed(READ), first)
    # The tuned layers are what it reads with: the frozen encoder's vectors differ.
    assert not np.allclose(looks.Reader().embed(READ), first, atol=1e-4)
    assert looks.Reader(back).key == looks.Reader(tuned).key != looks.encoder_key()


def test_weights_minilm_does_not_have_are_refused() -> None:
    with pytest.raises(ValueError, match="no weights named"):
        looks.Reader({"encoder.layer.9.output.dense.bias": np.zeros(384, np.float32)}).embed(
            READ[:1])
    name = "encoder.layer.5.output.dense.bias"
    with pytest.raises(ValueError, match="shape"):
        looks.Reader({name: np.zeros(3, np.float32)}).embed(READ[:1])


def test_the_tune_key_covers_the_recipe_every_text_and_label_and_the_base_weights(
        examples: tuple[list[str], np.ndarray]) -> None:
    texts, labels = examples
    key = ft.tune_key(texts, labels, RECIPE)
    assert ft.tune_key(list(texts), labels.copy(), ft.Recipe(epochs=1)) == key
    other_text = [*texts[:-1], texts[-1] + " "]
    other_label = labels.copy()
    other_label[5] = (other_label[5] + 1) % 3
    changed = {
        "recipe": ft.tune_key(texts, labels, replace(RECIPE, layer_lr=4e-5)),
        "layers": ft.tune_key(texts, labels, replace(RECIPE, layers=(6,))),
        "text": ft.tune_key(other_text, labels, RECIPE),
        "label": ft.tune_key(texts, other_label, RECIPE),
        "base weights": ft.tune_key(texts, labels, RECIPE, base="0" * 64),
    }
    assert key not in changed.values()
    assert len(set(changed.values())) == len(changed)


def test_a_cached_tune_is_reused_without_training_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        examples: tuple[list[str], np.ndarray], tuned: looks.TunedLayers) -> None:
    texts, labels = examples
    trainings: list[ft.Recipe] = []

    def counted(texts: list[str], labels: np.ndarray, recipe: ft.Recipe,
                states: ft.States | None = None) -> looks.TunedLayers:
        trainings.append(recipe)
        return tuned

    monkeypatch.setattr(ft, "tune_layers", counted)
    first = ft.cached_tune(texts, labels, RECIPE, tmp_path)
    path = ft.tune_path(ft.tune_key(texts, labels, RECIPE), tmp_path)
    assert trainings == [RECIPE] and path.is_file()
    second = ft.cached_tune(texts, labels, RECIPE, tmp_path)
    assert trainings == [RECIPE]  # read back, not trained
    assert all(np.array_equal(second[n], first[n]) for n in first)
    # Another recipe is another tune.
    ft.cached_tune(texts, labels, replace(RECIPE, seed=31), tmp_path)
    assert len(trainings) == 2
    # A file that does not hold this key's tune is not used: tuned again and replaced.
    ft.save_layers(tuned, path, "another key")
    ft.cached_tune(texts, labels, RECIPE, tmp_path)
    assert len(trainings) == 3
    path.write_bytes(b"half a file")
    ft.cached_tune(texts, labels, RECIPE, tmp_path)
    assert len(trainings) == 4
    assert ft.load_layers(path, ft.tune_key(texts, labels, RECIPE)).keys() == tuned.keys()


def test_a_vector_cache_refuses_another_encoders_vectors(
        tmp_path: Path, tuned: looks.TunedLayers) -> None:
    frozen, tuned_reader = looks.Reader(), looks.Reader(tuned)
    assert frozen.key == looks.encoder_key()  # the frozen encoder's key is as it was
    frozen_cache = looks.VectorCache(tmp_path)
    with pytest.raises(ValueError, match="another encoder"):
        frozen_cache.vectors(READ, tuned_reader)
    tuned_cache = looks.VectorCache(tmp_path, key=tuned_reader.key)
    assert tuned_cache.folder != frozen_cache.folder
    vectors = tuned_cache.vectors(READ, tuned_reader)
    with pytest.raises(ValueError, match="another encoder"):
        tuned_cache.vectors(READ, frozen)
    # Saved apart: the frozen encoder's cache never sees the tuned encoder's vectors.
    assert len(looks.VectorCache(tmp_path)) == 0
    again = looks.VectorCache(tmp_path, key=tuned_reader.key)
    assert len(again) == len(READ)
    assert np.array_equal(again.vectors(READ, looks.Reader(tuned)), vectors)


# --- A model with a tuned look (`python -m heard.safety.triage_model --tuned-look`) ---------


def test_a_model_with_a_tuned_look_has_a_key_of_its_own(tmp_path: Path) -> None:
    from heard.analysis.themes.embedders import StaticEmbedder

    embedder = StaticEmbedder(tmp_path)
    embedder.path.mkdir(parents=True)
    (embedder.path / "model.safetensors").write_bytes(b"static weights")
    frozen = tm.model_key(embedder)
    assert tm.model_key(embedder, None) == frozen
    tuned = tm.model_key(embedder, ft.Recipe())
    assert tuned != frozen
    assert tm.model_key(embedder, ft.Recipe(epochs=1)) != tuned


def test_the_app_loads_the_model_with_the_shipped_look(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The app asks for the model with the shipped look (`SHIPPED_RECIPE`), the one `make
    model` builds and the tuner picks thresholds for."""
    asked: list[ft.Recipe | None] = []

    def record(embedder: object = None, cache_dir: object = None,
               recipe: ft.Recipe | None = None) -> tm.TriageModel:
        asked.append(recipe)
        raise RuntimeError("not built in this test")

    shipped = ft.Recipe(epochs=1)  # not build's default, so the test sees which was asked
    monkeypatch.setattr(tm, "SHIPPED_RECIPE", shipped)
    monkeypatch.setattr(tm, "build", record)
    tm.reset_for_tests()
    try:
        assert tm.get_loaded().model is None  # the failure leaves the rules running
    finally:
        tm.reset_for_tests()
    assert asked == [shipped]


def test_the_tuner_tunes_a_folds_look_without_its_group_and_caches_it(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A held-out text's look reads with layers tuned on the other groups' texts only (as the
    frozen look's regressions are fitted per fold); a second run reads the fold's tune and
    vectors from the cache, tunes nothing and gives the same scores to the bit. One fold of two
    (`only`, as a second process runs it): the other fold's texts get no look."""
    from heard.analysis.themes.embedders import FakeEmbedder
    from heard.safety import triage_tune as tt

    corpus = [t for t in load_corpus() if t.writer in ("young", "adults", "handwritten")][::80]
    data = tm.encode(corpus, FakeEmbedder())
    tuned_on: list[set[str]] = []
    real_tune = ft.tune_layers

    def spy(texts: list[str], labels: np.ndarray, recipe: ft.Recipe = RECIPE,
            states: ft.States | None = None) -> looks.TunedLayers:
        tuned_on.append(set(texts))
        return real_tune(texts, labels, recipe, states)

    monkeypatch.setattr(ft, "tune_layers", spy)
    fresh = tt.out_of_fold(data, look=True, recipe=RECIPE, only={0}, cache_dir=tmp_path)
    assert fresh.tuned_look and fresh.look_urgency is not None
    group = tm.groups_of(data.texts)[0]
    held = np.array([t.writer == group for t in corpus])
    assert held.any() and not held.all()
    assert not np.isnan(fresh.look_urgency[held]).any()
    assert np.isnan(fresh.look_urgency[~held]).all()  # the other fold, and never held out
    assert len(tuned_on) == 1
    own = [t.text for t in corpus if t.writer == group]
    # No held-out text's words are in its fold's tuning texts (neighbourhoods are cut from
    # texts, so a held-out text would show as a piece of one of them).
    assert tuned_on[0] and not any(piece in text for piece in tuned_on[0] for text in own)
    tuned_on.clear()
    cached = tt.out_of_fold(data, look=True, recipe=RECIPE, only={0}, cache_dir=tmp_path)
    assert tuned_on == []
    assert np.array_equal(fresh.look_urgency, cached.look_urgency, equal_nan=True)
    assert np.array_equal(fresh.look_concern, cached.look_concern, equal_nan=True)


def test_a_model_with_a_tuned_look_reads_with_its_layers_saved_and_loaded(
        tmp_path: Path) -> None:
    from heard.analysis.themes.embedders import FakeEmbedder

    model = tm.train(load_corpus()[::300], FakeEmbedder(), "a key", look=True,
                     cache_dir=tmp_path, recipe=RECIPE)
    assert model.tuned is not None and model.look is not None
    assert {name.split(".")[2] for name in model.tuned} == {"4", "5"}
    reader = tm.reader_for(model)
    assert reader.key == looks.encoder_key(model.tuned) != looks.encoder_key()
    # Its look was fitted on the tuned encoder's vectors, cached apart from the frozen one's.
    assert len(looks.VectorCache(tmp_path, reader.key)) > 0
    assert len(looks.VectorCache(tmp_path)) == 0
    folder = tmp_path / "model"
    tm.save(model, folder)
    back = tm.load(folder)
    assert back.tuned is not None
    assert all(np.array_equal(back.tuned[name], model.tuned[name]) for name in model.tuned)
    assert tm.fingerprint(back) == tm.fingerprint(model)
    assert tm.fingerprint(replace(model, tuned=None)) != tm.fingerprint(model)
    assert np.array_equal(tm.reader_for(back).embed(READ), reader.embed(READ))
    # Without its layers the look's regressions mean nothing: the model does not load.
    (folder / tm.TUNED_FILE).unlink()
    with pytest.raises(OSError):
        tm.load(folder)
