"""A feasibility trial (issue 10, decision 0036): does fine-tuning MiniLM's top layers for the
triage's contextual look separate concern from immediate (and concern from none) better than
the frozen look, on writers never seen? Nothing here ships; the answer decides the next round.

Run from a worktree root, CPU only (one torch and one BLAS thread throughout):

    source .venv/bin/activate && export HEARD_MODEL_CACHE=$PWD/var/models
    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 \\
        PYTHONPATH=$PWD python scripts/triage_finetune_trial.py [--work /tmp/s30ft] \\
        [--scores /tmp/s28look/scores.json] [--steps neighbourhoods,hidden,arms,report]

Steps (each saves what it makes under --work, and a rerun reuses it):

1. ``neighbourhoods``: each corpus text's look input, the neighbourhood of its riskiest window
   (`triage_look.neighbourhood`). Training side: as the shipped model (trained on every group,
   in sample) finds it, as `triage_model.train` does. Held-out side: as the model trained
   without the text's writer group finds it, exactly as `triage_tune.out_of_fold` (so the
   held-out inputs are those behind the saved look scores).
2. ``hidden``: MiniLM (full precision) layers 1-4 run once over every distinct neighbourhood;
   their output (token states, float16) is cached, since those layers stay frozen.
3. ``arms``: the thirteen held-out writer groups in four folds (each group wholly in one fold,
   `triage_model.ALWAYS_TRAINED` in every training set). Per fold:
   A (as shipped): the 8-bit MiniLM vectors of the look's own cache + `triage_look.fit_look`;
   A32: the same regressions on full-precision frozen vectors (B's starting point);
   B: layers 5-6 and the two heads (urgency: immediate against the rest; concern: concern
   against none, immediate left out), heads started from A32's regressions, fine-tuned on
   the fold's training texts with a learning rate and epoch count fixed in advance
   (`RECIPES`: nothing is picked on held-out texts). B's held-out texts are scored
   at full precision (B; after epoch 1 too, B@1, shown and never chosen from) and with the
   encoder quantised to 8 bits as the look runs (B8).
   With --arm-c (a second run, after B's): C, only layer 6 fine-tuned, the same way.
4. ``report``: per arm, AUC of immediate against concern (urgency score, true immediate and
   concern texts) and of concern against none (concern score, true concern and none texts) on
   held-out texts; then the whole pipeline: the arm's look scores in place of the saved ones in
   model 14's held-out scores (`triage_tune.OutOfFold`), thresholds picked by
   `triage_tune.pick_thresholds` (immediate recall 0.96, none-recall floor 0.80, the rule floor
   as classify applies it; no demo bounds, for every arm alike, so rows compare like with
   like), and imm P, imm R, concern R, none R pooled and per writer group
   (`triage_tune.figures`). Timings (CPU seconds per fold and per epoch, ms per 8-bit look) are
   printed and saved in ``timings.json``.

Prints the tables recorded in docs/decisions/0036-fine-tuned-look-trial.md. Never reads
/work/frozen or any held-out writer set: the training corpus only.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from heard.analysis.themes.embedders import StaticEmbedder
from heard.safety import triage_finetune as ft
from heard.safety import triage_look as looks
from heard.safety import triage_model as tm
from heard.safety import triage_tune as tune
from heard.safety.triage_corpus import CorpusText, load_corpus
from heard.safety.triage_result import CONCERN, IMMEDIATE, NONE

FOLDS = 4
FROZEN_LAYERS = 4  # layers 1-4 stay as shipped; their output is cached
# The recipe (`triage_finetune.Recipe`'s defaults): learning rate and epochs fixed before any
# run, not picked: the usual 2e-5 to 5e-5 for BERT-sized encoders (at its top, since only two
# layers move), and two epochs. Picking them on an inner split of each fold's training groups
# (the first plan) would cost three to four times the CPU of one fold's training (0.5-0.6 s a
# batch of 32 on one thread, two cores shared by three sessions): beyond this session.
# Held-out scores are recorded after each epoch; the second epoch's are the result, declared
# before any was seen (the first epoch's are shown, never chosen from).
RECIPES = {"B": ft.Recipe(), "C": ft.Recipe(layers=(6,))}


cpu = ft.cpu


# --- 1. Neighbourhoods ------------------------------------------------------------------------


def neighbourhoods(corpus: list[CorpusText], work: Path) -> dict[str, list[str | None]]:
    """{"trained": shipped model's neighbourhood per text, "held": the leave-one-group-out
    model's neighbourhood per held-out text (None for always-trained texts or no words)}."""
    path = work / "neighbourhoods.json"
    if path.is_file():
        saved: dict[str, list[str | None]] = json.loads(path.read_text(encoding="utf-8"))
        if len(saved["trained"]) == len(corpus):
            return saved
    started = cpu()
    embedder = StaticEmbedder()
    data = tm.encode(corpus, embedder)
    shipped = tm.build(embedder)
    trained: list[str | None] = [None] * len(corpus)
    chosen, texts = tm.look_texts(data, shipped.probabilities(data.windows))
    for i, text in zip(chosen, texts, strict=True):
        trained[i] = text
    print(f"  shipped model's neighbourhoods: {len(chosen)} texts", flush=True)
    held: list[str | None] = [None] * len(corpus)
    idf = tm.word_weights(data)
    writers = [t.writer for t in corpus]
    for group, training in zip(tm.groups_of(corpus), tm.folds(corpus), strict=True):
        model = tm.fit(tm.subset(data, training), idf)
        rows = [i for i, w in enumerate(writers) if w == group]
        part = tm.subset(data, rows)
        seen, seen_texts = tm.look_texts(part, model.probabilities(part.windows))
        for k, text in zip(seen, seen_texts, strict=True):
            held[rows[k]] = text
        print(f"  {group}: neighbourhoods by the model trained without it", flush=True)
    result = {"trained": trained, "held": held}
    path.write_text(json.dumps(result), encoding="utf-8")
    print(f"  neighbourhoods: {cpu() - started:.0f} s CPU", flush=True)
    return result


# --- 2. MiniLM's frozen layers, run once -------------------------------------------------------


def hidden(texts: list[str], work: Path) -> ft.States:
    """Run MiniLM once over `texts` (`triage_finetune.lower_states`), keeping layer 4's token
    states and the frozen look vector; cached under `work`."""
    folder = work / "hidden"
    if (folder / "texts.json").is_file():
        saved = json.loads((folder / "texts.json").read_text(encoding="utf-8"))
        if set(saved) >= set(texts):
            return ft.States(saved, {t: i for i, t in enumerate(saved)},
                             np.load(folder / "states.npy", mmap_mode="r"),
                             np.load(folder / "offsets.npy"), np.load(folder / "frozen.npy"))
    started = cpu()
    tokenizer, bert = ft.minilm_parts()
    found = ft.lower_states(tokenizer, bert, texts, FROZEN_LAYERS, RECIPES["B"])
    folder.mkdir(parents=True, exist_ok=True)
    np.save(folder / "states.npy", found.states)
    np.save(folder / "offsets.npy", found.offsets)
    np.save(folder / "frozen.npy", found.frozen)
    (folder / "texts.json").write_text(json.dumps(found.texts), encoding="utf-8")
    print(f"  MiniLM over {len(texts)} neighbourhoods ({len(found.states)} tokens): "
          f"{cpu() - started:.0f} s CPU", flush=True)
    return found


# --- 3. The arms -------------------------------------------------------------------------------


def fold_groups(corpus: list[CorpusText]) -> list[list[str]]:
    """The held-out writer groups in `FOLDS` folds of similar size (largest group first, each
    to the smallest fold so far): each group wholly in one fold."""
    sizes = {g: sum(t.writer == g for t in corpus) for g in tm.groups_of(corpus)}
    folds: list[list[str]] = [[] for _ in range(FOLDS)]
    totals = [0] * FOLDS
    for group in sorted(sizes, key=lambda g: (-sizes[g], g)):
        k = totals.index(min(totals))
        folds[k].append(group)
        totals[k] += sizes[group]
    return folds


def auc(positive: np.ndarray, negative: np.ndarray) -> float:
    """P(a positive scores above a negative), ties counting half."""
    from sklearn.metrics import roc_auc_score

    if not len(positive) or not len(negative):
        return float("nan")
    truth = np.r_[np.ones(len(positive)), np.zeros(len(negative))]
    return float(roc_auc_score(truth, np.r_[positive, negative]))


def boundary_aucs(labels: np.ndarray, urgency: np.ndarray, concern: np.ndarray,
                  ) -> tuple[float, float, float]:
    """(immediate against concern by urgency, concern against none by concern score,
    immediate against the rest by urgency), over texts with scores."""
    ok = ~np.isnan(urgency)
    y, u, c = labels[ok], urgency[ok], concern[ok]
    return auc(u[y == 2], u[y == 1]), auc(c[y == 1], c[y == 0]), auc(u[y == 2], u[y < 2])


def score(top: ft.Top, hid: ft.States, rows: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
    """(P(immediate), P(concern rather than none)) of each row by the tuned heads, full
    precision."""
    import torch

    urgency = np.zeros(len(rows))
    concern = np.zeros(len(rows))
    top.train(False)
    with torch.inference_mode():
        for chosen in ft.batches(hid, rows, RECIPES["B"].batch, None):
            states, mask = ft.batch_of(hid, [rows[k] for k in chosen])
            probs = torch.sigmoid(top.logits(states, mask)).numpy()
            urgency[chosen], concern[chosen] = probs[:, 0], probs[:, 1]
    return urgency, concern


def scores_into(scored: list[tuple[np.ndarray, np.ndarray]], hid: ft.States,
                rows: Sequence[int]) -> Callable[[ft.Top], None]:
    """Records the held-out rows' scores after each epoch (shown, never chosen from)."""
    def record(top: ft.Top) -> None:
        scored.append(score(top, hid, rows))
    return record


def embed8(reader: looks.Reader, texts: Sequence[str]) -> tuple[np.ndarray, float]:
    """Unit vectors of `texts` from an 8-bit look's reader, one text per call (as the look
    embeds), and the CPU ms a text took on average (not counting loading MiniLM, which the
    first text would pay for)."""
    reader.embed(texts[:1])
    began = cpu()
    vectors = reader.embed(texts)
    return vectors, 1000 * (cpu() - began) / max(1, len(texts))


def heads_scores(top: ft.Top, vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The tuned heads on vectors made elsewhere (the 8-bit encoder's)."""
    logits = vectors @ top.heads.weight.detach().numpy().T + top.heads.bias.detach().numpy()
    probs = 1 / (1 + np.exp(-np.clip(logits, -30, 30)))
    return probs[:, 0], probs[:, 1]


@dataclass
class Plan:
    """Per corpus text: its label index, writer, look input when trained on and when held
    out (None: no words)."""

    labels: np.ndarray
    writers: list[str]
    trained: list[str | None]
    held: list[str | None]

    def trained_texts(self, away: set[str]) -> list[int]:
        """Corpus texts trained on when `away` groups are held out (those with words)."""
        return [i for i, w in enumerate(self.writers)
                if w not in away and self.trained[i] is not None]

    def training_rows(self, hid: ft.States, away: set[str]) -> tuple[list[int], np.ndarray]:
        keep = self.trained_texts(away)
        return hid.rows([self.trained[i] or "" for i in keep]), self.labels[keep]

    def held_texts(self, groups: set[str]) -> list[int]:
        return [i for i, w in enumerate(self.writers) if w in groups and self.held[i] is not None]


def run_arms(corpus: list[CorpusText], plan: Plan, hid: ft.States, arm_a: np.ndarray,
             work: Path, arm_c: bool, only_folds: Sequence[int] | None = None) -> None:
    """Every arm on every fold; each fold's results saved as it finishes
    (`work`/fold<k>.json), and skipped on a rerun."""
    _tokenizer, bert = ft.minilm_parts()
    folds = fold_groups(corpus)
    arms = {"C": RECIPES["C"]} if arm_c else {"B": RECIPES["B"]}
    for k in range(FOLDS) if only_folds is None else only_folds:
        groups = folds[k]
        path = work / f"fold{k}.json"
        # A fold's file holds every arm run on it; an arm already there is not run again.
        earlier = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
        if all(arm in earlier for arm in arms):
            continue
        began = cpu()
        held = plan.held_texts(set(groups))
        held_rows = hid.rows([plan.held[i] or "" for i in held])
        rows, labels = plan.training_rows(hid, set(groups))
        result: dict[str, Any] = {**earlier, "groups": groups, "held": held,
                                  "training": len(rows)}
        # A: the look as shipped (8-bit vectors from its cache); A32: full-precision vectors.
        fitted = looks.fit_look(arm_a[plan.trained_texts(set(groups))], labels)
        u, c = fitted.score(arm_a_held(arm_a, plan, held))
        result["A"] = {"urgency": u.tolist(), "concern": c.tolist()}
        fitted32 = looks.fit_look(hid.frozen[rows], labels)
        u, c = fitted32.score(hid.frozen[held_rows])
        result["A32"] = {"urgency": u.tolist(), "concern": c.tolist()}
        print(f"fold {k} ({', '.join(groups)}): {len(rows)} training texts, {len(held)} held "
              f"out", flush=True)
        for arm, recipe in arms.items():
            arm_began = cpu()
            scored: list[tuple[np.ndarray, np.ndarray]] = []
            final = ft.fine_tune(bert, hid, rows, labels, recipe, FROZEN_LAYERS,
                                 scores_into(scored, hid, held_rows))
            import torch

            torch.save({"layers": final.top.layers.state_dict(),
                        "heads": final.top.heads.state_dict()}, work / f"fold{k}_{arm}.pt")
            reader = looks.Reader(final.top.tuned())
            held8, ms = embed8(reader, [plan.held[i] or "" for i in held])
            u8, c8 = heads_scores(final.top, held8)
            # B8r: as `make model` would train the look with a tuned encoder: the 8-bit
            # encoder embeds each training neighbourhood alone and the look's regressions
            # (`triage_look.fit_look`) are fitted on those vectors, in place of the tuned heads.
            began8 = cpu()
            trained8, _ = embed8(reader,
                                 [plan.trained[i] or "" for i in plan.trained_texts(set(groups))])
            refit = looks.fit_look(trained8, labels)
            u8r, c8r = refit.score(held8)
            refit_cpu = cpu() - began8
            result[arm] = {"lr": recipe.layer_lr, "epochs": recipe.epochs,
                           "epoch_cpu": final.epoch_cpu,
                           "losses": final.losses,
                           "by_epoch": [{"urgency": u.tolist(), "concern": c.tolist()}
                                        for u, c in scored],
                           "urgency": scored[-1][0].tolist(),
                           "concern": scored[-1][1].tolist(),
                           "urgency8": u8.tolist(), "concern8": c8.tolist(),
                           "urgency8r": u8r.tolist(), "concern8r": c8r.tolist(),
                           "refit8_cpu": refit_cpu, "ms_per_look8": ms,
                           "cpu": cpu() - arm_began}
            print(f"  {arm}: CPU s per epoch {' '.join(f'{s:.0f}' for s in final.epoch_cpu)}; "
                  f"loss by epoch {' '.join(f'{x:.4f}' for x in final.losses)}; 8-bit look "
                  f"{ms:.1f} ms; arm {cpu() - arm_began:.0f} s CPU", flush=True)
        result["cpu" if not arm_c else "cpu_c"] = cpu() - began
        path.write_text(json.dumps(result), encoding="utf-8")
        print(f"fold {k}: {cpu() - began:.0f} s CPU", flush=True)


def arm_a_held(arm_a: np.ndarray, plan: Plan, held: list[int]) -> np.ndarray:
    """The shipped look's 8-bit vectors of held-out texts' own neighbourhoods (`arm_a` holds,
    per corpus text, the held-out neighbourhood's vector where there is one)."""
    return arm_a[len(plan.writers) + np.asarray(held, dtype=int)]


def shipped_vectors(plan: Plan, work: Path) -> np.ndarray:
    """The look's own 8-bit vectors (its cache, copied under `work` so nothing shared is
    written): rows 0..n-1 the training neighbourhoods, n..2n-1 the held-out ones (zeros where
    a text has none)."""
    import shutil

    from heard.analysis.themes.embedders import model_cache_dir

    name = f"triage-look-vectors-{looks.encoder_key()[:16]}"
    copy_dir = work / "lookcache"
    if not (copy_dir / name).is_dir():
        shutil.copytree(model_cache_dir() / name, copy_dir / name)
    cache = looks.VectorCache(copy_dir)
    wanted = [t for t in (*plan.trained, *plan.held) if t is not None]
    started = cpu()
    cache.vectors(wanted, looks.shared_reader(), "the trial")
    if cpu() - started > 5:
        print(f"  8-bit look vectors embedded: {cpu() - started:.0f} s CPU", flush=True)
    out = np.zeros((2 * len(plan.writers), looks.DIMS), dtype=np.float32)
    for i, text in enumerate((*plan.trained, *plan.held)):
        if text is not None:
            out[i] = cache.vectors([text], looks.shared_reader())[0]
    return out


# --- 4. Report ---------------------------------------------------------------------------------

ARM_NAMES = {
    "saved": "frozen look as shipped (13-fold LOGO scores file)",
    "A": "A: frozen look, 8-bit (as shipped), 4 folds",
    "A32": "A32: frozen look, full precision, 4 folds",
    "B@1": "B after its first epoch (shown, not chosen)",
    "B": "B: layers 5-6 + heads fine-tuned, full precision",
    "B8": "B8: the same, encoder 8-bit as the look runs",
    "B8r": "B8r: B's 8-bit encoder, regressions refit on it",
    "C@1": "C after its first epoch (shown, not chosen)",
    "C": "C: layer 6 + heads fine-tuned, full precision",
    "C8": "C8: the same, encoder 8-bit",
    "C8r": "C8r: C's 8-bit encoder, regressions refit on it",
}


def collect(plan: Plan, work: Path, corpus: list[CorpusText]) -> dict[str, np.ndarray]:
    """Per arm, (urgency, concern) per corpus text (NaN: not held out, not finished, or no
    words), from the saved folds."""
    n = len(plan.writers)
    arms: dict[str, np.ndarray] = {}
    for k in range(FOLDS):
        path = work / f"fold{k}.json"
        if not path.is_file():
            continue
        result = json.loads(path.read_text(encoding="utf-8"))
        held = np.asarray(result["held"], dtype=int)
        for arm in ("A", "A32", "B", "C"):
            if arm not in result:
                continue
            pairs = [(arm, result[arm]["urgency"], result[arm]["concern"])]
            if arm in ("B", "C"):
                pairs.append((f"{arm}8", result[arm]["urgency8"], result[arm]["concern8"]))
                if "urgency8r" in result[arm]:
                    pairs.append((f"{arm}8r", result[arm]["urgency8r"],
                                   result[arm]["concern8r"]))
                pairs.extend((f"{arm}@{e + 1}", x["urgency"], x["concern"])
                             for e, x in enumerate(result[arm]["by_epoch"][:-1]))
            for name, u, c in pairs:
                scores = arms.setdefault(name, np.full((2, n), np.nan))
                scores[0, held] = u
                scores[1, held] = c
    return arms


def report(corpus: list[CorpusText], plan: Plan, work: Path, scores_file: Path) -> None:
    from heard.safety.triage import RULE_FLOOR

    held_idx = [i for i, t in enumerate(corpus) if t.writer not in tm.ALWAYS_TRAINED]
    oof = tune.load_scores(scores_file, [corpus[i].text for i in held_idx])
    if oof is None:
        raise SystemExit(f"{scores_file} is not model {tm.MODEL_VERSION}'s held-out scores of "
                         "this corpus: regenerate it with python -m heard.safety.triage_tune "
                         f"--scores {scores_file}")
    arms = collect(plan, work, corpus)
    done = [k for k in range(FOLDS) if (work / f"fold{k}.json").is_file()]
    folds = fold_groups(corpus)
    groups = {g for k in done for g in folds[k]}
    keep = [j for j, i in enumerate(held_idx) if corpus[i].writer in groups]
    print(f"\nfolds finished: {done} ({len(keep)} held-out texts of {len(held_idx)}; groups "
          f"{', '.join(sorted(groups))})")
    saved = np.full((2, len(corpus)), np.nan)
    assert oof.look_urgency is not None and oof.look_concern is not None
    saved[0, held_idx], saved[1, held_idx] = oof.look_urgency, oof.look_concern
    table = {"saved": saved, **arms}
    labels = plan.labels
    print("\n=== held-out AUCs of the look's own scores (pooled over the finished folds) ===")
    print(f"{'arm':<52} imm-vs-concern  concern-vs-none  imm-vs-rest")
    rows_held = np.asarray([held_idx[j] for j in keep], dtype=int)
    for name, values in table.items():
        a, b, c = boundary_aucs(labels[rows_held], values[0, rows_held], values[1, rows_held])
        print(f"{ARM_NAMES[name]:<52} {a:.4f}          {b:.4f}           {c:.4f}")
    print("\n--- per fold: imm-vs-concern / concern-vs-none ---")
    for k in done:
        rows_k = np.asarray([i for i in rows_held if corpus[i].writer in folds[k]], dtype=int)
        cells = []
        for name, values in table.items():
            a, b, _ = boundary_aucs(labels[rows_k], values[0, rows_k], values[1, rows_k])
            cells.append(f"{name} {a:.3f}/{b:.3f}")
        print(f"fold {k}: " + "  ".join(cells))

    sub = subset_oof(oof, keep)
    print("\n=== whole pipeline: the arm's look scores in model 14's held-out scores, "
          "thresholds picked by pick_thresholds (immediate recall 0.96, none-recall floor "
          "0.80, no demo bounds), model + rule floor ===")
    pipeline: dict[str, np.ndarray | None] = {"none": None, **table}
    for name, looked in pipeline.items():
        look_u = None if looked is None else looked[0, rows_held]
        look_c = None if looked is None else looked[1, rows_held]
        trial = tune.OutOfFold(sub.writers, sub.labels, sub.texts, sub.risk, sub.immediacy,
                               sub.rule_levels, sub.sharp, sub.concern, look_u, look_c)
        thresholds = tune.pick_thresholds(trial, target=tune.IMMEDIATE_RECALL,
                                          none_recall=tune.NONE_RECALL)
        results = tune.figures(trial, tune.levels(trial, thresholds, RULE_FLOOR))
        title = "no look (base scores alone)" if looked is None else ARM_NAMES[name]
        print(f"\n{title}: thresholds immediate {thresholds.immediate} (mid {thresholds.mid}),"
              f" gate {thresholds.gate}, stage 3 {thresholds.sharp}, concern "
              f"{thresholds.concern}")
        for group, result in results.items():
            print("  " + tune.summary_line(group, result))
        matrix = results["all held-out groups"]["confusion"]
        print("  confusion, all (rows true immediate / concern / none; columns the same): "
              + ", ".join("/".join(str(matrix[t][p]) for p in (IMMEDIATE, CONCERN, NONE))
                          for t in (IMMEDIATE, CONCERN, NONE)))
    timings(work)


def subset_oof(oof: tune.OutOfFold, keep: list[int]) -> tune.OutOfFold:
    def pick(values: np.ndarray | None) -> np.ndarray | None:
        return None if values is None else values[keep]

    return tune.OutOfFold([oof.writers[j] for j in keep], [oof.labels[j] for j in keep],
                          [oof.texts[j] for j in keep], oof.risk[keep], oof.immediacy[keep],
                          [oof.rule_levels[j] for j in keep], oof.sharp[keep],
                          oof.concern[keep], pick(oof.look_urgency), pick(oof.look_concern))


def timings(work: Path) -> None:
    """CPU seconds per fold and per epoch, picked settings, and the 8-bit look's cost."""
    print("\n=== timings (CPU seconds, one thread) ===")
    for k in range(FOLDS):
        path = work / f"fold{k}.json"
        if not path.is_file():
            continue
        result = json.loads(path.read_text(encoding="utf-8"))
        print(f"fold {k}: {result['cpu']:.0f} s in all; {result['training']} training texts")
        for arm in ("B", "C"):
            if arm not in result:
                continue
            r = result[arm]
            print(f"  {arm}: lr {r['lr']}, {r['epochs']} epochs; CPU s per epoch "
                  f"{' '.join(f'{s:.0f}' for s in r['epoch_cpu'])}; 8-bit look "
                  f"{r['ms_per_look8']:.1f} ms a text; refit on 8-bit vectors "
                  f"{r.get('refit8_cpu', float('nan')):.0f} s; arm {r['cpu']:.0f} s")


# --- Main --------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/s30ft"))  # noqa: S108
    parser.add_argument("--scores", type=Path,
                        default=Path("/tmp/s28look/scores.json"))  # noqa: S108
    parser.add_argument("--steps", default="neighbourhoods,hidden,arms,report")
    parser.add_argument("--folds", default="", help="only these folds (e.g. 0,1)")
    parser.add_argument("--arm-c", action="store_true",
                        help="run arm C (layer 6 only) instead of B, adding it to the folds")
    args = parser.parse_args(argv)
    import torch
    from threadpoolctl import threadpool_limits

    torch.set_num_threads(1)
    args.work.mkdir(parents=True, exist_ok=True)
    steps = set(args.steps.split(","))
    corpus = load_corpus()
    with threadpool_limits(limits=1):
        found = neighbourhoods(corpus, args.work)
        plan = Plan(np.array([tm.CLASSES.index(t.label) for t in corpus]),
                    [t.writer for t in corpus], found["trained"], found["held"])
        if steps & {"hidden", "arms"}:
            texts = list(dict.fromkeys(t for t in (*plan.trained, *plan.held) if t is not None))
            hid = hidden(texts, args.work)
        if "arms" in steps:
            only = [int(k) for k in args.folds.split(",")] if args.folds else None
            run_arms(corpus, plan, hid, shipped_vectors(plan, args.work), args.work,
                     args.arm_c, only)
        if "report" in steps:
            report(corpus, plan, args.work, args.scores)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
