"""MiniLM's top layers fine-tuned for the triage's contextual look (decision 0036).

The look (`triage_look`) reads a text's riskiest neighbourhood with a frozen MiniLM, and two
regressions over its vector give a contextual urgency and concern score. The CPU trial of
session 30 (scripts/triage_finetune_trial.py) found that fine-tuning MiniLM's layers 5-6 with
two small heads separates immediate from concern far better on writers never seen (AUC 0.927
-> 0.971 with the encoder then quantised to 8 bits and the regressions refit, recipe "B8r").
This module is that recipe, for the trial and for a model trained with a tuned look:

- `tune_layers`: MiniLM's lower layers run once over the texts (frozen, full precision);
  the tuned layers (copies) and two one-number heads, started from the frozen look's
  regressions, are trained with binary cross-entropy: urgency (immediate against the rest)
  on every text, concern (concern against none) on concern and none texts. One torch thread
  and a fixed seed: the same inputs give the same weights to the bit (on one machine).
- Only the tuned layers' weights are kept (`triage_look.TunedLayers`, float32, about 14 MB
  for two layers): the heads were fitted to full-precision vectors, and the look refits its
  regressions on the 8-bit vectors of a `triage_look.Reader` built with these layers.
- `cached_tune`: a tune costs minutes of CPU, so it is saved under the model cache in a
  safetensors file keyed by everything that decides its weights (`tune_key`).

Pure; no Django imports.
"""

from __future__ import annotations

import copy
import hashlib
import importlib.metadata
import json
import logging
import os
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from heard.analysis.themes.embedders import MINILM_SHA256, model_cache_dir

from . import triage_look as looks

log = logging.getLogger(__name__)

# Libraries whose arithmetic the tuned weights depend on (the heads start from scikit-learn's
# regressions; numpy shuffles the batches).
TUNE_LIBRARIES = ("torch", "transformers", "sentence-transformers", "numpy", "scikit-learn")
# The code that tunes: a change to it must not reuse a tune made by the old code.
TUNE_SOURCES = ("triage_finetune.py", "triage_look.py")
_HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Recipe:
    """How the layers are tuned; the defaults are the trial's B8r, fixed before any run
    (decision 0036: the usual BERT rate, at its top since only two layers move; two epochs)."""

    layers: tuple[int, ...] = (5, 6)  # MiniLM's layers (1-6) that are tuned
    epochs: int = 2
    layer_lr: float = 5e-5
    head_lr: float = 1e-3
    weight_decay: float = 0.01
    batch: int = 32
    seed: int = 30
    max_tokens: int = 256  # MiniLM's max_seq_length, as the look reads it

    @property
    def below(self) -> int:
        """How many layers run frozen under the lowest tuned one."""
        return min(self.layers) - 1


@dataclass
class States:
    """The lower layers' token states of distinct texts, stacked (float16, as the trial kept
    them), and each text's frozen look vector at full precision (MiniLM's mean-pooled,
    normalised output)."""

    texts: list[str]
    index: dict[str, int]
    states: np.ndarray  # (tokens, 384) float16: text i is states[offsets[i]:offsets[i + 1]]
    offsets: np.ndarray
    frozen: np.ndarray  # (texts, 384) float32

    def rows(self, texts: Sequence[str]) -> list[int]:
        return [self.index[t] for t in texts]


def cpu() -> float:
    """CPU seconds of this process (one thread: close to wall time on a quiet core)."""
    return time.process_time()


def minilm_parts() -> tuple[Any, Any]:
    """(tokenizer, BertModel) of the installed MiniLM, full precision, on one thread."""
    model = looks.load_minilm()
    return model[0].tokenizer, model[0].auto_model


def lower_states(tokenizer: Any, bert: Any, texts: Sequence[str], below: int,
                 recipe: Recipe) -> States:
    """Run MiniLM once over distinct `texts` (batches of similar length), keeping the token
    states after layer `below` and the frozen look vector: the frozen layers are run once,
    not once an epoch."""
    import torch

    distinct = list(dict.fromkeys(texts))
    lengths = [len(tokenizer(t, truncation=True, max_length=recipe.max_tokens)["input_ids"])
               for t in distinct]
    order = np.argsort(lengths, kind="stable")
    pieces: list[np.ndarray] = [np.zeros(0)] * len(distinct)
    frozen = np.zeros((len(distinct), looks.DIMS), dtype=np.float32)
    with torch.inference_mode():
        for first in range(0, len(distinct), recipe.batch):
            chosen = [int(i) for i in order[first:first + recipe.batch]]
            batch = tokenizer([distinct[i] for i in chosen], padding=True, truncation=True,
                              max_length=recipe.max_tokens, return_tensors="pt")
            out = bert(**batch, output_hidden_states=True)
            mask = batch["attention_mask"]
            frozen[chosen] = _mean_unit(out.last_hidden_state, mask).numpy()
            for k, i in enumerate(chosen):
                pieces[i] = out.hidden_states[below][k, :int(mask[k].sum())].numpy().astype(
                    np.float16)
    offsets = np.cumsum([0, *(len(p) for p in pieces)])
    return States(distinct, {t: i for i, t in enumerate(distinct)}, np.concatenate(pieces),
                  offsets, frozen)


def _mean_unit(states: Any, mask: Any) -> Any:
    """Mean over the real tokens, normalised: the look's pooling."""
    import torch

    weights = mask[..., None].to(states.dtype)
    return torch.nn.functional.normalize((states * weights).sum(1) / weights.sum(1), dim=-1)


class Top:
    """MiniLM's layers above `below` (copies; those in `recipe.layers` trainable) over cached
    lower states, pooled as the look pools, and two one-number heads started from the frozen
    look's regressions `start`."""

    def __init__(self, bert: Any, start: looks.Look, recipe: Recipe, below: int) -> None:
        import torch

        self.config = bert.config
        self.below = below
        self.layers = torch.nn.ModuleList([copy.deepcopy(bert.encoder.layer[i])
                                           for i in range(below, bert.config.num_hidden_layers)])
        for number, layer in enumerate(self.layers, start=below + 1):
            for parameter in layer.parameters():
                parameter.requires_grad = number in recipe.layers
        self.heads = torch.nn.Linear(looks.DIMS, 2)
        with torch.no_grad():
            self.heads.weight.copy_(torch.from_numpy(
                np.stack([start.urgency_coef, start.concern_coef]).astype(np.float32)))
            self.heads.bias.copy_(torch.tensor([start.urgency_intercept,
                                                start.concern_intercept]))

    def parameters(self, layers: bool) -> list[Any]:
        chosen = self.layers.parameters() if layers else self.heads.parameters()
        return [p for p in chosen if p.requires_grad]

    def train(self, mode: bool) -> None:
        self.layers.train(mode)

    def pooled(self, states: Any, mask: Any) -> Any:
        from transformers.masking_utils import create_bidirectional_mask

        attention = create_bidirectional_mask(config=self.config, inputs_embeds=states,
                                              attention_mask=mask)
        for layer in self.layers:
            out = layer(states, attention_mask=attention)
            states = out[0] if isinstance(out, tuple) else out
        return _mean_unit(states, mask)

    def logits(self, states: Any, mask: Any) -> Any:
        return self.heads(self.pooled(states, mask))

    def tuned(self) -> looks.TunedLayers:
        """The trainable layers' weights, named as in MiniLM's BertModel."""
        out: looks.TunedLayers = {}
        for k, layer in enumerate(self.layers):
            for name, parameter in layer.named_parameters():
                if parameter.requires_grad:
                    out[f"encoder.layer.{self.below + k}.{name}"] = (
                        parameter.detach().numpy().astype(np.float32, copy=True))
        return out


def batch_of(states: States, rows: Sequence[int]) -> tuple[Any, Any]:
    """Padded float32 lower states and their mask for these rows."""
    import torch

    spans = [(int(states.offsets[r]), int(states.offsets[r + 1])) for r in rows]
    longest = max(stop - first for first, stop in spans)
    padded = np.zeros((len(rows), longest, looks.DIMS), dtype=np.float32)
    mask = np.zeros((len(rows), longest), dtype=np.int64)
    for k, (first, stop) in enumerate(spans):
        padded[k, :stop - first] = states.states[first:stop]
        mask[k, :stop - first] = 1
    return torch.from_numpy(padded), torch.from_numpy(mask)


def batches(states: States, rows: Sequence[int], size: int,
            rng: np.random.Generator | None) -> list[list[int]]:
    """Positions into `rows` in batches of similar length (shuffled when `rng` is given):
    padding costs as much as tokens."""
    order = np.arange(len(rows)) if rng is None else rng.permutation(len(rows))
    tokens = [int(states.offsets[rows[i] + 1] - states.offsets[rows[i]]) for i in order]
    out: list[list[int]] = []
    chunk = size * 20
    for first in range(0, len(order), chunk):
        part = sorted(range(first, min(first + chunk, len(order))), key=lambda k: tokens[k])
        out.extend([int(order[k]) for k in part[i:i + size]] for i in range(0, len(part), size))
    if rng is not None:
        out = [out[i] for i in rng.permutation(len(out))]
    return out


@dataclass
class Tuned:
    top: Top
    epoch_cpu: list[float]  # CPU seconds of each epoch
    losses: list[float]  # mean training loss of each epoch


def fine_tune(bert: Any, states: States, rows: Sequence[int], labels: np.ndarray,
              recipe: Recipe, below: int,
              after_epoch: Callable[[Top], None] | None = None) -> Tuned:
    """The recipe's layers and the heads, trained on these rows (`labels`: 0 none, 1 concern,
    2 immediate) at constant learning rates; `after_epoch` sees the model after each epoch
    (the trial scores its held-out texts there, never choosing anything by them)."""
    import torch

    torch.manual_seed(recipe.seed)
    rng = np.random.default_rng(recipe.seed)
    start = looks.fit_look(states.frozen[list(rows)], labels)
    top = Top(bert, start, recipe, below)
    optimiser = torch.optim.AdamW([
        {"params": top.parameters(layers=True), "lr": recipe.layer_lr},
        {"params": top.parameters(layers=False), "lr": recipe.head_lr}],
        weight_decay=recipe.weight_decay)
    y = torch.from_numpy(np.asarray(labels))
    epoch_cpu: list[float] = []
    losses: list[float] = []
    for _epoch in range(recipe.epochs):
        began = cpu()
        total, count = 0.0, 0
        top.train(True)
        for chosen in batches(states, rows, recipe.batch, rng):
            padded, mask = batch_of(states, [rows[k] for k in chosen])
            loss = _loss(top.logits(padded, mask), y[chosen])
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            total, count = total + float(loss.detach()) * len(chosen), count + len(chosen)
        top.train(False)
        epoch_cpu.append(cpu() - began)
        losses.append(total / max(1, count))
        if after_epoch is not None:
            after_epoch(top)
    return Tuned(top, epoch_cpu, losses)


def _loss(logits: Any, target: Any) -> Any:
    """Urgency (immediate against the rest) on every text, plus concern (concern against
    none) on the calm ones, as the look's two regressions are defined."""
    import torch

    loss = torch.nn.functional.binary_cross_entropy_with_logits(
        logits[:, 0], (target == 2).float())
    calm = target < 2
    if bool(calm.any()):
        loss = loss + torch.nn.functional.binary_cross_entropy_with_logits(
            logits[calm, 1], (target[calm] == 1).float())
    return loss


def tune_layers(texts: Sequence[str], labels: np.ndarray,
                recipe: Recipe = Recipe(), states: States | None = None) -> looks.TunedLayers:
    """Fine-tune the recipe's MiniLM layers on these texts (each text's look input) and
    labels, on one torch thread; the tuned layers' weights. `states`: the lower layers' states
    of these texts (or of more texts) for this recipe (`states_for`), when a caller tunes
    several times over much the same texts, as the tuner's folds do."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):
        tokenizer, bert = minilm_parts()  # sets one torch thread
        began = cpu()
        if states is None:
            states = lower_states(tokenizer, bert, texts, recipe.below, recipe)
        frozen_cpu = cpu() - began
        tuned = fine_tune(bert, states, states.rows(texts), np.asarray(labels), recipe,
                          recipe.below)
    log.info("Tuned MiniLM layers %s on %d texts: frozen layers %.0f s CPU, epochs %s s CPU, "
             "losses %s.", recipe.layers, len(texts), frozen_cpu,
             " ".join(f"{s:.0f}" for s in tuned.epoch_cpu),
             " ".join(f"{x:.4f}" for x in tuned.losses))
    return tuned.top.tuned()


def states_for(texts: Sequence[str], recipe: Recipe = Recipe()) -> States:
    """The lower layers' states of `texts` for this recipe, on one thread: computed once and
    given to several tunes (`tune_layers`), since the frozen layers do not change."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):
        tokenizer, bert = minilm_parts()
        began = cpu()
        states = lower_states(tokenizer, bert, texts, recipe.below, recipe)
    log.info("MiniLM's frozen layers over %d texts: %.0f s CPU.", len(states.texts),
             cpu() - began)
    return states


def save_layers(tuned: looks.TunedLayers, path: Path, key: str) -> None:
    """Write beside the target and rename, so a crash never leaves half a file."""
    from safetensors.numpy import save_file

    path.parent.mkdir(parents=True, exist_ok=True)
    handle, staging = tempfile.mkstemp(prefix=".triage-tuned-", dir=path.parent)
    os.close(handle)
    try:
        save_file({n: np.ascontiguousarray(v, dtype=np.float32) for n, v in tuned.items()},
                  staging, metadata={"key": key})
        os.replace(staging, path)
    finally:
        if os.path.exists(staging):
            os.remove(staging)


def load_layers(path: Path, key: str) -> looks.TunedLayers:
    """The tuned layers saved at `path`; refused (ValueError) when saved under another key
    or unreadable as safetensors (OSError when missing)."""
    from safetensors import SafetensorError, safe_open
    from safetensors.numpy import load_file

    try:
        with safe_open(str(path), framework="numpy") as handle:
            saved = (handle.metadata() or {}).get("key")
            if saved != key:
                raise ValueError(f"{path} holds a tune keyed {saved}, not {key}")
        return dict(load_file(str(path)))
    except SafetensorError as error:
        raise ValueError(f"{path} is not a safetensors file: {error}") from error


def tune_key(texts: Sequence[str], labels: np.ndarray, recipe: Recipe,
             base: str = MINILM_SHA256) -> str:
    """Changes when the recipe, a text, a label, the base MiniLM weights (`base`: their
    SHA-256; `verify_minilm` lets only these through), the tuning code or its libraries do."""
    digest = hashlib.sha256(json.dumps(
        {"recipe": asdict(recipe), "texts": list(texts),
         "labels": [int(x) for x in np.asarray(labels)], "minilm": base,
         "libraries": {n: importlib.metadata.version(n) for n in TUNE_LIBRARIES}},
        sort_keys=True).encode())
    for name in TUNE_SOURCES:
        digest.update((_HERE / name).read_bytes())
    return digest.hexdigest()


def tune_path(key: str, cache_dir: Path | None = None) -> Path:
    return (cache_dir or model_cache_dir()) / f"triage-look-tuned-{key[:16]}.safetensors"


def cached_tune(texts: Sequence[str], labels: np.ndarray,
                recipe: Recipe = Recipe(), cache_dir: Path | None = None,
                states: Callable[[], States] | None = None) -> looks.TunedLayers:
    """`tune_layers`, saved under the model cache and reused while its key holds; `states`
    gives the lower layers' states when a tune is needed (`tune_layers`)."""
    key = tune_key(texts, labels, recipe)
    path = tune_path(key, cache_dir)
    if path.is_file():
        try:
            return load_layers(path, key)
        except (OSError, ValueError) as error:
            log.warning("The tuned MiniLM layers at %s are unreadable (%s); tuning again.",
                        path, error)
    tuned = tune_layers(texts, labels, recipe, states() if states is not None else None)
    save_layers(tuned, path, key)
    return tuned
