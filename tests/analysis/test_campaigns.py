"""Campaigns: the same text pasted by many people is one campaign with its count."""

from __future__ import annotations

import random

import numpy as np
import pytest

from heard.analysis.themes import (
    ClusterConfig,
    FakeEmbedder,
    ThemeRun,
    embed_texts,
    run_themes,
)
from heard.analysis.themes.campaign_eval import TEMPLATES, edited_copy, with_campaigns
from heard.analysis.themes.campaigns import (
    CampaignConfig,
    Campaigns,
    campaigns_by_theme,
    campaigns_payload,
    cluster_collapsed,
    find_campaigns,
    normalise,
    voices,
)
from heard.contributions.demo_corpus import generate_demo_contributions


def _varied(count: int = 240) -> list[str]:
    return [c.text for c in generate_demo_contributions(seed=3, count=count)]


@pytest.fixture(scope="module")
def six_themes_with_a_campaign() -> tuple[list[str], list[int], ThemeRun]:
    """240 varied texts with 40 edited copies of one letter, and their theme run in six themes
    (a few CPU-seconds: the screen and the theme names run spaCy on every text). Two tests read
    the same run; neither changes it."""
    texts, truth = with_campaigns(_varied(), [40], seed=5)
    return texts, truth, run_themes(texts, FakeEmbedder(), config=ClusterConfig(k=6))


def test_forty_edited_copies_among_varied_texts_are_one_campaign_of_forty():
    texts, truth = with_campaigns(_varied(), [40], seed=5)
    found = find_campaigns(texts)
    assert len(found.campaigns) == 1
    campaign = found.campaigns[0]
    assert campaign.size == 40
    assert set(campaign.members) == {i for i, t in enumerate(truth) if t == 0}
    assert truth[campaign.representative] == 0
    assert found.copies == 39
    # The edits really happened: the copies are not all the same text.
    assert len({texts[i] for i in campaign.members}) > 30


def test_different_peoples_stories_are_not_joined_even_when_they_share_sentences():
    # The demo's invented stories are built from shared sentence pools: the hardest case.
    assert find_campaigns(_varied(480)).campaigns == []


def test_short_texts_repeated_are_separate_voices():
    texts = ["I feel safe here."] * 10 + ["My worker listens to me."] * 5
    assert find_campaigns(texts).campaigns == []


def test_two_campaigns_are_kept_apart_and_need_the_minimum_size():
    rng = random.Random(2)
    texts = [edited_copy(TEMPLATES[0], rng) for _ in range(6)]
    texts += [edited_copy(TEMPLATES[1], rng) for _ in range(2)]
    found = find_campaigns(texts, CampaignConfig(min_size=3))
    assert [c.size for c in found.campaigns] == [6]
    assert sorted(found.campaigns[0].members) == list(range(6))


def test_normalising_ignores_case_markup_entities_and_punctuation():
    assert normalise("<p>Keep the CENTRE&nbsp;open!</p>") == ["keep", "the", "centre", "open"]
    assert normalise("Café — it’s") == ["cafe", "it's"]


def test_theme_run_counts_a_campaign_once_in_clustering_labels_and_quotes():
    texts, truth = with_campaigns(_varied(), [40], seed=5)
    members = [i for i, t in enumerate(truth) if t == 0]
    run = run_themes(texts, FakeEmbedder(), quotable=[True] * len(texts),
                     config=ClusterConfig(min_themes=4, max_themes=8))
    assert run.campaigns is not None and len(run.campaigns.campaigns) == 1
    # Every contribution still belongs to a theme, and every copy to the same one.
    assert len(run.labels) == len(texts)
    theme = int(run.labels[members[0]])
    assert {int(run.labels[i]) for i in members} == {theme}
    by_theme = campaigns_by_theme(run.campaigns, run.labels)
    size = run.themes[theme].size
    assert voices(size, by_theme[theme]) == size - 39
    # At most one quote comes from the campaign.
    quoted = [q.index for q in run.themes[theme].quotes]
    assert sum(1 for i in quoted if i in set(members)) <= 1


def test_a_campaign_does_not_pull_a_theme_towards_itself(six_themes_with_a_campaign):
    texts, _, with_detection = six_themes_with_a_campaign
    standing = with_detection.campaigns.standing() if with_detection.campaigns else None
    assert standing is not None and len(standing) == len(texts) - 39
    # The standing texts clustered alone, as run_themes(..., detect_campaigns=False) clusters
    # them (its centroids are this clustering's); its key words, names and quotes, which take
    # most of a run's time and play no part in the centroids, are not worked out here.
    alone_texts = [texts[i] for i in standing]
    alone = cluster_collapsed(embed_texts(alone_texts, FakeEmbedder()),
                              Campaigns(len(alone_texts)), ClusterConfig(k=6))
    # Same centroids as clustering the texts with the campaign counted once.
    assert np.allclose(np.sort(with_detection.state.centroids, axis=0),
                       np.sort(alone.centroids, axis=0), atol=1e-5)


def test_themes_json_shows_each_campaign_once_with_its_count_and_consented_words(
        six_themes_with_a_campaign):
    texts, truth, run = six_themes_with_a_campaign
    members = [i for i, t in enumerate(truth) if t == 0]
    quotable = [i == members[-1] for i in range(len(texts))]
    theme = int(run.labels[members[0]])
    payload = campaigns_payload(run.campaigns, run.labels, theme, run.themes[theme].size,
                                quotable, texts)
    assert payload["campaigns"] == [{"count": "40", "text": texts[members[-1]]}]
    assert payload["voices"] == f"{run.themes[theme].size - 39:,}"
    nobody = campaigns_payload(run.campaigns, run.labels, theme, run.themes[theme].size,
                               [False] * len(texts), texts)
    assert nobody["campaigns"] == [{"count": "40", "text": None}]
