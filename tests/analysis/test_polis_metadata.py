"""Recognising Polis metadata statements (about the voter) from their wording."""

from __future__ import annotations

import pytest

from heard.analysis.polis_metadata import find_metadata, looks_like_metadata


@pytest.mark.parametrize("text", [
    "I am under 30 years of age",
    "I live in a rural area",
    "I identify as female.",
    "My ethnicity is Mixed (Multiple ethnic groups).",
    "English is my first language.",
    "I am currently working",
    "I had at least one encounter (good or bad) with the police.",
    "I\u2019m a care leaver",
])
def test_self_descriptions_are_metadata(text: str) -> None:
    assert looks_like_metadata(text)


@pytest.mark.parametrize("text", [
    "I think we should support the referendum result.",
    "Buses should be free for young people.",
    "I want my vote to count, because it doesn't now.",
    "I am worried about security issues with online voting.",
    "Are you between 15 and 19 years old?",
    "My social worker changed six times. Nobody told me why, and I still do not know "
    "what happened to my file.",
    "",
])
def test_opinions_questions_and_long_stories_are_not(text: str) -> None:
    assert not looks_like_metadata(text)


def test_find_metadata_returns_ids() -> None:
    assert find_metadata({3: "I am male", 4: "Cuts hurt", 7: "I live in a town"}) == {3, 7}
