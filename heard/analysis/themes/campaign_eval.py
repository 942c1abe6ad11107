"""`heard eval campaigns`: how well campaigns are found, and how rarely real voices are joined.

- Recall: SYNTHETIC campaigns (a template letter copied ``copies`` times, each copy with small
  edits a person makes: a word changed, a word dropped, a sentence of their own added, letters
  swapped) hidden among real texts. A campaign is found when its copies form one campaign.
- False joins: on texts that are all different people (the demo corpus, whose invented stories
  share whole sentences from common pools, the hardest case we have; banking77 and clinc150,
  short texts with many natural repeats), every text put in a campaign is a false join.

Both ways of joining are measured: shingles (:mod:`campaigns`) and embedding cosine.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

import numpy as np

from heard.analysis.themes.campaigns import CampaignConfig, Campaigns, find_campaigns

TEMPLATES = (
    "I am writing to ask the council to keep the family support centre open. It is the only "
    "place where parents like me can get help before things go wrong. Closing it will mean "
    "more children coming into care, and that costs everyone more. Please listen to families "
    "and keep the centre open for the children who need it.",
    "Every child in care should have the same social worker for at least a year. When workers "
    "change all the time children stop trusting anyone and have to tell their story again and "
    "again. We call on the service to cut caseloads so that workers can stay and build real "
    "relationships with the children they support.",
    "Care leavers should not have to pay council tax until they are twenty five. Leaving care "
    "is hard enough without debt, and many of us have no family to fall back on. Other councils "
    "already do this. Please make the same promise to the young people you looked after.",
)
OWN_LINES = (
    "I am a foster carer.", "As a grandparent raising my grandson I agree.",
    "This matters to me because I grew up in care.", "I have seen this first hand.",
    "I am a social worker and I see this every week.", "Please read this.",
)
SWAPS = {"children": "kids", "help": "support", "family": "families", "please": "i ask you to",
         "hard": "difficult", "workers": "staff", "care": "the care system"}


def edited_copy(template: str, rng: random.Random) -> str:
    """One person's copy of ``template``: one to three small edits of the kinds people make."""
    words = template.split()
    for _ in range(rng.randint(1, 3)):
        edit = rng.choice(("swap", "drop", "own", "typo"))
        position = rng.randrange(len(words))
        if edit == "swap":
            words[position] = SWAPS.get(words[position].lower().strip(".,"), words[position])
        elif edit == "drop" and len(words) > 20:
            del words[position]
        elif edit == "own":
            line = rng.choice(OWN_LINES).split()
            words = line + words if rng.random() < 0.5 else words + line
        elif len(words[position]) > 3:
            word = words[position]
            cut = rng.randrange(1, len(word) - 1)
            words[position] = word[:cut - 1] + word[cut] + word[cut - 1] + word[cut + 1:]
    return " ".join(words)


def with_campaigns(
    background: Sequence[str], copies: Sequence[int], seed: int = 0
) -> tuple[list[str], list[int]]:
    """``background`` with a campaign of ``copies[i]`` edited copies of template i scattered
    through it. Returns the texts and, per text, its campaign number or -1."""
    rng = random.Random(seed)  # noqa: S311 - synthetic evaluation data, not a secret
    items = [(text, -1) for text in background]
    for number, count in enumerate(copies):
        template = TEMPLATES[number % len(TEMPLATES)]
        items += [(edited_copy(template, rng), number) for _ in range(count)]
    rng.shuffle(items)
    return [text for text, _ in items], [truth for _, truth in items]


def score(found: Campaigns, truth: Sequence[int]) -> dict[str, Any]:
    """Per true campaign: the size of the found campaign holding most of its copies; and how
    many texts outside every true campaign were put in one (false joins)."""
    of = found.campaign_of()
    truth_array = np.asarray(truth)
    sizes = []
    for number in sorted({t for t in truth if t >= 0}):
        members = of[truth_array == number]
        members = members[members >= 0]
        sizes.append(int(np.bincount(members).max()) if members.size else 0)
    false_joins = int(np.sum((of >= 0) & (truth_array < 0)))
    return {"found_sizes": sizes, "false_joins": false_joins,
            "campaigns": len(found.campaigns)}


def embedding_campaigns(vectors: np.ndarray, texts: Sequence[str], threshold: float,
                        min_size: int = 3, min_words: int = 20) -> Campaigns:
    """The alternative measured: join long texts whose embeddings have cosine >= threshold."""
    from heard.analysis.themes.campaigns import Campaign, _root, _union, normalise

    long = [i for i, text in enumerate(texts) if len(normalise(text)) >= min_words]
    parent = list(range(len(texts)))
    x = vectors[long]
    for start in range(0, len(long), 2048):
        sims = x[start:start + 2048] @ x.T
        for row, col in zip(*np.nonzero(sims >= threshold), strict=True):
            if start + row < col:
                _union(parent, long[start + row], long[col])
    groups: dict[int, list[int]] = {}
    for index in long:
        groups.setdefault(_root(parent, index), []).append(index)
    found = [Campaign(tuple(m), m[0]) for m in groups.values() if len(m) >= min_size]
    return Campaigns(len(texts), sorted(found, key=lambda c: -c.size))


def background_sets() -> dict[str, list[str]]:
    from heard.analysis.themes.evaluate import DATASETS, load_dataset
    from heard.contributions.demo_corpus import generate_demo_contributions

    sets = {"demo": [c.text for c in generate_demo_contributions(seed=7, count=480)]}
    for name in DATASETS:
        try:
            sets[name] = load_dataset(name)[0]
        except OSError:
            continue
    return sets


def evaluate_campaigns(embedder: str = "static", copies: Sequence[int] = (40, 12, 5),
                       thresholds: Sequence[float] = (0.9, 0.95, 0.98)) -> dict[str, Any]:
    from heard.analysis.themes.embedders import get_embedder

    model = get_embedder(embedder)
    results: dict[str, Any] = {}
    for name, background in background_sets().items():
        texts, truth = with_campaigns(background, copies, seed=1)
        row = {"texts": len(texts), "true_sizes": list(copies),
               "shingles": score(find_campaigns(texts, CampaignConfig()), truth)}
        vectors = np.asarray(model.embed(texts), dtype=np.float32)
        for threshold in thresholds:
            row[f"{model.name}>={threshold}"] = score(
                embedding_campaigns(vectors, texts, threshold), truth)
        results[name] = row
    return results


def format_campaigns_report(results: dict[str, Any]) -> str:
    lines = ["Campaigns hidden among real texts: size of each as found (true sizes in brackets), "
             "and texts wrongly put in a campaign.",
             f"{'background':<10} {'texts':>6} {'method':<36} {'found':<16} {'false joins':>11}"]
    for name, row in results.items():
        for method, scores in row.items():
            if method in ("texts", "true_sizes"):
                continue
            found = f"{scores['found_sizes']} ({row['true_sizes']})"
            lines.append(f"{name:<10} {row['texts']:>6} {method:<36} {found:<16} "
                         f"{scores['false_joins']:>11}")
    lines += ["", "Data: demo corpus (invented); banking77 CC BY 4.0, PolyAI; "
              "clinc150 CC BY 3.0, Clinc. Campaign letters: SYNTHETIC."]
    return "\n".join(lines)
