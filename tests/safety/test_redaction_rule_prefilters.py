"""The first-letter lookaheads added to some redaction rules for speed change no match.

Each such rule is compared with itself minus the lookahead on the redaction data sets and on
phrases that start with every word the rule lists; a word added to a rule without its first
letter in the lookahead makes this fail.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from heard.safety.redaction.recognisers import all_recognisers
from heard.safety.redaction.recognisers.base import RuleRecogniser

DATA = Path(__file__).resolve().parents[1] / "data"
_LOOKAHEAD = re.compile(r"\(\?=\[[^\]]+\]\)")
PHRASES = [
    "My name is Kayden.", "my name's jo", "I'm called Rio", "i am called Abz", "call me Des",
    "Surname: Novák", "first name: Zuzana", "Last name? Kelly", "name: Pat",
    "my brother Jayden", "our foster carer Sue", "her mate Kyron", "his sw Priya",
    "their iro Dan", "ma bro Lee", "me nan Pat", "mi sis Ana",
    "Barnardo's", "Barnardos", "NSPCC", "Coram Voice", "Action for Children",
    "The Children's Society", "Catch22", "Spurgeons", "Family Rights Group", "Cafcass",
    "Childline", "Women's Aid", "Citizens Advice", "Home-Start", "The Fostering Network",
    "Nugent", "Kinship charity",
    "insta is jaz_99", "instagram: jaz_99", "ig jaz_99", "snap jaz_99", "snapchat jaz_99",
    "sc jaz_99", "tiktok jaz_99", "tik tok jaz_99", "twitter jaz_99", "facebook jaz_99",
    "fb jaz_99", "discord jaz_99", "twitch jaz_99", "youtube jaz_99", "yt jaz_99",
    "threads jaz_99", "kik jaz_99", "telegram jaz_99",
    "down Albert Road", "on Tennyson Avenue", "near Mill Lane",
]


def _texts() -> list[str]:
    texts = list(PHRASES) + [p.upper() for p in PHRASES]
    for name in ("redaction_uk_dev.json", "redaction_uk_labelled.json"):
        texts += [item["full_text"] for item in json.loads((DATA / name).read_text())]
    return texts


def _prefiltered_rules() -> list[re.Pattern[str]]:
    return [rule.regex for recogniser in all_recognisers() if isinstance(recogniser, RuleRecogniser)
            for rule in recogniser.rules if _LOOKAHEAD.search(rule.regex.pattern[:30])]


def _matches(regex: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], ...]]:
    return [tuple(m.span(g) for g in range(regex.groups + 1)) for m in regex.finditer(text)]


def test_some_rules_have_a_first_letter_lookahead() -> None:
    assert len(_prefiltered_rules()) >= 5


@pytest.mark.parametrize("index", range(5))
def test_the_lookahead_changes_no_match(index: int) -> None:
    regex = _prefiltered_rules()[index]
    plain = re.compile(_LOOKAHEAD.sub("", regex.pattern, count=1), regex.flags)
    for text in _texts():
        assert _matches(regex, text) == _matches(plain, text), text
