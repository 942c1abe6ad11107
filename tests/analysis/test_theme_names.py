"""Theme names a person would write (issue 16): no personal data, no markup, no repeats."""

from __future__ import annotations

import csv
import json
import random
import re
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from heard.analysis.themes import FakeEmbedder, run_themes
from heard.analysis.themes.cluster import ClusterConfig
from heard.analysis.themes.label_eval import category_words, label_match, majority_categories
from heard.analysis.themes.labels import theme_terms
from heard.analysis.themes.names import (
    WordIndex,
    _Candidate,
    candidate_phrases,
    content_words,
    main_part,
    name_themes,
    naming_centres,
    unique_labels,
)
from heard.analysis.themes.screen import clean_text, has_markup, unsafe
from heard.contributions.demo_corpus import generate_demo_contributions

STAFF = ("Sarah", "Sara", "Jon", "Priya")
PLACES = ("Riverside Practice", "Oakfield Academy", "Leeds")
TOPICS = {
    "moves": [
        "Nobody told me why I had to move to a new placement.",
        "I was moved again without any warning and nobody said why.",
        "They moved me to another foster home and did not explain the reason.",
        "I had to move placement and nobody told me why it happened.",
    ],
    "workers": [
        "My social worker keeps changing and I have to tell my story again.",
        "I have had five social workers this year and each one leaves.",
        "Every time I trust a social worker they leave and a new one starts.",
        "Social workers keep changing so nobody really knows me.",
    ],
    "school": [
        "I changed schools three times and fell behind with my reading.",
        "Moving schools meant I missed exams and fell behind my friends.",
        "After changing school again I was behind in maths and english.",
        "New school every year so I kept falling behind in lessons.",
    ],
}


def staff_csv_texts(seed: int = 3) -> list[str]:
    """Feedback where staff members' names, a practice, a school and a town recur (with markup
    copied from a web form), as in the held-back care feedback the issue describes."""
    rng = random.Random(seed)
    texts = []
    for _ in range(14):
        for sentences in TOPICS.values():
            who, where = rng.choice(STAFF), rng.choice(PLACES)
            extra = rng.choice([
                f"{who} at {where} was the only one who listened.",
                f"I told {who} about it.&nbsp;Nothing changed.",
                f"<p>{who} from {where} said it was out of their hands.</p>",
                f"Ask {who.lower()} at {where}, she knows.",
            ])
            texts.append(f"{rng.choice(sentences)} {extra}")
    return texts


def assert_clean(strings: list[str]) -> None:
    flagged = [text for text, bad in zip(strings, unsafe(strings), strict=True) if bad]
    assert flagged == []
    for text in strings:
        assert not has_markup(text), text
        assert "nbsp" not in text.lower(), text
        words = set(re.findall(r"[a-z]+", text.lower()))
        assert not words & {"sarah", "sara", "jon", "priya", "riverside", "oakfield", "leeds"}, text


def shown_strings(run) -> list[str]:
    out = []
    for theme in run.themes:
        out += [theme.label, *theme.key_words, theme.description]
        if theme.description_quote:
            out.append(theme.description_quote)
    return [text for text in out if text]


def test_markup_entities_and_placeholders_are_removed_before_analysis():
    text = "<p>I&nbsp;was moved&amp;nbsp;again</p><br>[name] said no &#8212; twice &hellip;"
    assert clean_text(text) == "I was moved again said no — twice …"
    assert has_markup("Card &nbsp; fee") and has_markup("a <b>bold</b> word")
    assert not has_markup("Fees & charges")


def test_no_name_place_organisation_or_entity_in_themes_from_a_csv_with_staff_names():
    texts = staff_csv_texts()
    run = run_themes(texts, FakeEmbedder(), quotable=[True] * len(texts),
                     config=ClusterConfig(k=3))
    assert len(run.themes) == 3
    assert_clean(shown_strings(run))
    for theme in run.themes:
        assert 3 <= len(theme.label.split()) <= 7, theme.label
        assert theme.description.endswith(".")


def test_no_name_place_organisation_or_entity_in_themes_of_the_demo():
    corpus = generate_demo_contributions(seed=7, count=240)
    texts = [item.text for item in corpus]
    assert any(item.contains_personal_data for item in corpus)  # the check has work to do
    run = run_themes(texts, FakeEmbedder(), quotable=[item.consent_quote for item in corpus],
                     config=ClusterConfig(k=8))
    assert_clean_detected(shown_strings(run))
    labels = [theme.label.lower() for theme in run.themes]
    assert len(set(labels)) == len(labels)


def assert_clean_detected(strings: list[str]) -> None:
    """The demo's fictional names are whatever the corpus holds: rely on the detectors."""
    assert [s for s, bad in zip(strings, unsafe(strings), strict=True) if bad] == []
    assert not any(has_markup(s) or "nbsp" in s.lower() for s in strings)


def test_labels_are_phrases_from_the_themes_own_words_and_all_different():
    texts = [s for sentences in TOPICS.values() for s in sentences for _ in range(5)]
    truth = np.array([t for t, sentences in enumerate(TOPICS.values())
                      for _ in sentences for _ in range(5)])
    terms = theme_terms(texts, truth, 3)
    names = name_themes(texts, truth, 3, vectors=FakeEmbedder().embed(texts),
                        embedder=FakeEmbedder(), key_words=[t.key_words for t in terms],
                        key_weights=[t.weights for t in terms])
    labels = [name.label for name in names]
    assert len({label.lower() for label in labels}) == 3
    for sentences, label in zip(TOPICS.values(), labels, strict=True):
        own_words = set(re.findall(r"[a-z']+", " ".join(sentences).lower())) | {"i"}
        assert 3 <= len(label.split()) <= 7
        assert set(re.findall(r"[a-z']+", label.lower())) <= own_words, label


def test_no_two_themes_share_a_label_and_analysts_names_are_kept_free():
    ranked = [["Social worker keeps changing", "Workers leave"],
              ["social worker keeps changing!", "New worker every year"],
              ["Not told why I had to move"]]
    assert unique_labels(ranked, sizes=[5, 9, 3]) == [
        "Workers leave", "Social worker keeps changing!", "Not told why I had to move"]
    assert unique_labels(ranked, taken=["Not told why I had to move"])[2] is None


def test_an_analysts_name_wins_and_no_automatic_name_repeats_it():
    texts = staff_csv_texts()
    first = run_themes(texts, FakeEmbedder(), config=ClusterConfig(k=3))
    taken = first.themes[1].label
    second = run_themes(texts, FakeEmbedder(), config=ClusterConfig(k=3), previous=first.state,
                        edits={first.themes[0].id: {"label": taken, "locked": False}})
    by_id = {theme.id: theme for theme in second.themes}
    assert by_id[first.themes[0].id].label == taken
    assert by_id[first.themes[0].id].label_source == "analyst"
    labels = [theme.label.lower() for theme in second.themes]
    assert len(set(labels)) == len(labels)


def test_description_quotes_only_people_who_agreed():
    texts = staff_csv_texts()
    nobody = run_themes(texts, FakeEmbedder(), quotable=[False] * len(texts),
                        config=ClusterConfig(k=3))
    assert all(theme.description_quote == "" and theme.description_quote_index is None
               for theme in nobody.themes)
    assert all(theme.summary == theme.description for theme in nobody.themes)
    allowed = [i % 2 == 0 for i in range(len(texts))]
    some = run_themes(texts, FakeEmbedder(), quotable=allowed, config=ClusterConfig(k=3))
    quoted = [theme for theme in some.themes if theme.description_quote]
    assert quoted
    for theme in quoted:
        assert allowed[theme.description_quote_index]
        assert theme.description_quote.rstrip(".") in clean_text(
            texts[theme.description_quote_index])
        assert theme.summary == f"“{theme.description_quote}”"


def test_candidate_phrases_skip_named_people():
    from heard.analysis.themes.names import _spacy

    doc = _spacy()("Sarah at Leeds City Council never told me why I had to move.")
    phrases = [text for text, _ in candidate_phrases(doc)]
    assert any("told me why I had to move" in p for p in phrases)
    assert not any("sarah" in p.lower() or "leeds" in p.lower() for p in phrases)


def test_word_index_gives_the_share_of_texts_using_a_phrases_words_that_are_in_the_theme():
    texts = ["My card is not working at all.", "My card was stolen and is not working.",
             "My card stopped working abroad.", "The app is not working."]
    index = WordIndex(texts, np.array([0, 1, 0, 1]))
    # "card" + "working" is in texts 0, 1 and 2; two of them are theme 0; one pseudo-text out.
    assert index.precision(["card", "working"], 0) == pytest.approx(2 / 4)
    assert index.precision(["card", "working"], 1) == pytest.approx(1 / 4)
    # "stolen" picks out theme 1 alone: a phrase with it tells theme 1 from its neighbours.
    assert index.precision(["card", "stolen"], 1) == pytest.approx(1 / 2)
    assert index.precision(["card", "stolen"], 0) == 0.0
    # Words match on their first five letters ("stole", "stolen"); words no text uses match
    # nothing.
    assert index.precision(["stole"], 1) == index.precision(["stolen"], 1) == 0.5
    assert index.precision(["unicorn"], 0) == 0.0
    assert index.precision([], 0) == 0.0


def test_content_words_leave_out_the_small_words():
    candidate = _Candidate("not told why I had to move", frozenset({"told", "tell", "move"}))
    assert content_words(candidate) == ["told", "move"]


def test_a_phrase_only_one_theme_uses_beats_one_that_several_themes_use():
    """The contrastive word score: "my card is not working" is said in two themes; the
    stolen-card theme is named by what only it says."""
    stolen = ["Someone stole my card and my card is not working.",
              "Someone stole my card yesterday, my card is not working.",
              "I think someone stole my card, my card is not working now.",
              "Someone stole my card on the bus and my card is not working.",
              "My card is not working since someone stole my card."]
    broken = ["My card is not working in shops.", "My card is not working at the till.",
              "Why is my card not working?", "My card is not working online.",
              "My card is not working again today."]
    texts = stolen + broken
    labels = np.array([0] * 5 + [1] * 5)
    names = name_themes(texts, labels, 2)
    assert "stole" in names[0].label.lower()
    assert "stole" not in names[1].label.lower()


def _around(direction: int, count: int, rng: np.random.Generator, dims: int = 16) -> np.ndarray:
    """``count`` unit vectors close to axis ``direction``."""
    rows = rng.normal(scale=0.1, size=(count, dims))
    rows[:, direction] += 1.0
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_main_part_is_the_largest_group_only_when_it_holds_enough_of_the_theme():
    rng = np.random.default_rng(0)
    lopsided = np.vstack([_around(0, 3, rng), _around(1, 10, rng), _around(2, 3, rng)])
    assert main_part(lopsided, parts=3, share=0.45).tolist() == list(range(3, 13))
    even = np.vstack([_around(0, 5, rng), _around(1, 5, rng), _around(2, 4, rng)])
    assert main_part(even, parts=3, share=0.45) is None  # 5 of 14: no main subject
    assert main_part(even[:2], parts=3, share=0.0) is None  # fewer rows than parts


def test_a_mixed_theme_is_named_from_its_main_part_and_a_small_one_from_its_whole():
    """The naming centre of a theme that is mostly one subject lies on that subject, not
    between it and the few texts mixed in; a theme too small to split keeps its centre."""
    rng = np.random.default_rng(1)
    vectors = np.vstack([_around(0, 11, rng), _around(1, 5, rng), _around(2, 6, rng)])
    labels = np.array([0] * 16 + [1] * 6)
    whole = np.vstack([vectors[labels == t].mean(axis=0) for t in (0, 1)])
    whole /= np.linalg.norm(whole, axis=1, keepdims=True)
    before = whole.copy()
    named = naming_centres(vectors, labels, whole)
    assert named[0] @ np.eye(16)[0] > 0.99 > whole[0] @ np.eye(16)[0]
    assert named[0] @ np.eye(16)[1] < 0.2 < whole[0] @ np.eye(16)[1]
    assert np.allclose(named[1], whole[1])  # 6 texts: fewer than MIN_TEXTS_TO_SPLIT
    assert np.array_equal(whole, before)  # the themes' own centres are left as they were


# ---------------------------------------------------------------------------- the measure


def test_category_names_are_turned_into_words():
    assert category_words("card_arrival") == "card arrival"
    assert category_words("lost_or_stolen_card") == "lost or stolen card"
    assert category_words("Not told why I had to move") == "Not told why I had to move"


def test_label_match_counts_a_theme_when_its_label_is_nearest_its_majority_category():
    truth = ["card arrival", "card arrival", "exchange rate", "exchange rate", "exchange rate"]
    themes = np.array([0, 0, 1, 1, 0])
    assert majority_categories(themes, truth, 2) == ["card arrival", "exchange rate"]
    good = label_match(["card arrival", "exchange rate"], themes, truth, FakeEmbedder())
    assert good == {"label_top1": 1.0, "label_top3": 1.0}
    swapped = label_match(["exchange rate", "card arrival"], themes, truth, FakeEmbedder())
    assert swapped["label_top1"] == 0.0


def test_eval_themes_json_has_label_measure_next_to_ari_and_nmi(tmp_path: Path, monkeypatch,
                                                                 capsys):
    from heard import cli
    from heard.analysis.themes import evaluate

    monkeypatch.setattr(evaluate, "LABEL_MEASURE_EMBEDDER", "fake")
    path = tmp_path / "labelled.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "category"])
        for category, sentences in TOPICS.items():
            for sentence in sentences * 4:
                writer.writerow([sentence, f"{category}_topic"])
    code = cli.main(["eval", "themes", "--data", str(path), "--text-column", "text",
                     "--label-column", "category", "--embedders", "fake", "--modes", "k",
                     "--json"])
    assert code == 0
    row = json.loads(capsys.readouterr().out)["labelled"]["fake@k"]
    for field in ("ari", "nmi", "label_top1", "label_top3", "label_method", "distinct_labels"):
        assert field in row
    assert 0.0 <= row["label_top1"] <= row["label_top3"] <= 1.0
    assert row["distinct_labels"] is True


def test_eval_themes_rejects_an_unknown_mode_with_a_clear_message(capsys):
    from heard import cli

    assert cli.main(["eval", "themes", "--embedders", "fake", "--modes", "sideways"]) == 2
    assert "Unknown mode 'sideways'" in capsys.readouterr().out


def test_training_samples_are_the_test_sets_size_per_category_and_repeatable(tmp_path: Path):
    """Tuning runs on samples of the training split, never the test set: 40 texts per banking77
    category (all of a smaller one), the same texts for the same sample number."""
    from heard.analysis.themes.evaluate import train_sample

    folder = tmp_path / "clustering" / "banking77"
    folder.mkdir(parents=True)
    with (folder / "train.csv").open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "category"])
        for category, count in (("card_arrival", 60), ("exchange_rate", 45), ("age_limit", 12)):
            for i in range(count):
                writer.writerow([f"train {category} {i}", category])
    (folder / "test.csv").write_text("text,category\ntest text,card_arrival\n")
    texts, truth = train_sample("banking77", 0, root=tmp_path)
    assert Counter(truth) == {"card_arrival": 40, "exchange_rate": 40, "age_limit": 12}
    assert all(text.startswith("train ") for text in texts)
    assert train_sample("banking77", 0, root=tmp_path) == (texts, truth)
    assert train_sample("banking77", 1, root=tmp_path)[0] != texts


def test_eval_themes_rejects_an_unknown_split_or_sample_count_with_a_clear_message():
    from heard.analysis.themes.evaluate import evaluate

    with pytest.raises(ValueError, match="Unknown split 'dev'"):
        evaluate(embedders=("fake",), split="dev")
    with pytest.raises(ValueError, match="samples must be between 1 and 20"):
        evaluate(embedders=("fake",), split="train", samples=0)


@pytest.mark.parametrize("method", ["keywords", "phrases"])
def test_eval_themes_measures_either_kind_of_label(method, tmp_path, monkeypatch):
    from heard.analysis.themes import evaluate

    monkeypatch.setattr(evaluate, "LABEL_MEASURE_EMBEDDER", "fake")
    texts = [s for sentences in TOPICS.values() for s in sentences * 3]
    truth = [c for c, sentences in TOPICS.items() for _ in sentences * 3]
    out = evaluate._score_embedder("fake", texts, truth, ["k"], label_method=method)
    assert out["fake@k"]["label_method"] == method


def test_care_feedback_labels_are_short_unshared_and_free_of_personal_data():
    """On the 312 labelled care texts (long and short, some naming staff and places), every
    theme name is at most 7 words, no two themes share one, and no detector flags any name,
    key word or description."""
    from heard.analysis.themes.evaluate import load_csv

    path = Path(__file__).resolve().parents[1] / "data" / "care_feedback_labelled.csv"
    texts, _ = load_csv(path, "text", "category")
    run = run_themes(texts, FakeEmbedder(), quotable=[False] * len(texts),
                     config=ClusterConfig(k=12))
    labels = [theme.label for theme in run.themes]
    assert len(labels) == 12
    assert len({" ".join(label.lower().split()) for label in labels}) == len(labels)
    assert all(1 <= len(label.split()) <= 7 for label in labels), labels
    assert_clean_detected(shown_strings(run))


def test_candidate_phrases_include_short_verb_object_and_subject_verb_forms():
    # Category names are short ("card arrival", "change pin"): the long verb phrases alone
    # ("move my savings to another bank because of the fees ...") rarely read like one.
    from heard.analysis.themes.names import _spacy

    nlp = _spacy()
    moved = [text for text, _ in candidate_phrases(nlp(
        "I wanted to move my savings to another bank because of the fees they charged last year."))]
    assert "move my savings" in moved
    assert "move my savings to another bank" in moved
    arrived = [text for text, _ in candidate_phrases(nlp(
        "My new card has still not arrived after two weeks."))]
    assert "my new card has still not arrived" in arrived


def test_candidate_phrases_leave_out_a_word_typed_twice():
    from heard.analysis.themes.names import _spacy

    phrases = [text for text, _ in candidate_phrases(_spacy()(
        "When is my my minimum payment due on my card?"))]
    assert phrases  # other phrases of the text are still candidates
    assert not any(re.search(r"\b(\w+) \1\b", p.lower()) for p in phrases), phrases


def test_a_joined_name_does_not_repeat_one_word_in_two_forms():
    from heard.analysis.themes.names import _joined_label

    ranked = [_Candidate("exchanges", frozenset({"exchanges", "exchange"})),
              _Candidate("exchange", frozenset({"exchange"})),
              _Candidate("fiat currency", frozenset({"fiat", "currency"}))]
    assert _joined_label(ranked, []) == "Exchanges and fiat currency"
