"""Recognise Polis "metadata" statements from their wording (pure, no Django).

Polis lets a moderator mark a statement as metadata (``is_meta``): a statement about the
person voting rather than an opinion on the topic, such as "I live in a city" or "I am
retired". Polis leaves these out of the clustering, "to avoid clustering solely on demographic
information, which is a powerful divisive signal for the algorithms used, but is, for the
purposes of analyzing opinions, noise" (compdemocracy.org, "Metadata"). In the maths they join
the moderated-out statements (``mod-update`` in polismath ``math/conversation.clj``: a
comment with ``is_meta`` goes into ``:mod-out``), so their columns are zeroed for PCA and they
are never picked as representative or consensus statements.

Polis's CSV export does not carry the flag. Without it, the demographic questions of a
conversation become the strongest axis of the map: on the shared open data, the London youth
policing conversation (age, gender and ethnicity questions) gets two groups by ethnicity
instead of Polis's three (ARI -0.02 against Polis; 1.00 once they are left out).

The rule here is grammatical rather than a list of topics, so that it carries to
conversations we have not seen: a statement is metadata when it is one short sentence in
which the voter describes themselves (it starts with "I" or "My", or says "my" early on) and
it takes no position: no modal verb (should, would, must, will ...), no verb of opinion or
wish (think, believe, want, support ...) and no feeling word (worried, pleased ...).
Questions are never metadata. Exceptions go both ways and are reported to the user in a
warning, so an analyst can see what was set aside.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

MAX_METADATA_WORDS = 14  # Polis's demographic questions are short; opinions run longer

# The voter as grammatical subject or owner.
_SELF_OPENERS = frozenset({"i", "i'm", "im", "i've", "ive", "i'd", "my"})
_SELF_WORDS = frozenset({"my", "me", "myself"})

# Words that mark a position taken rather than a fact about the voter. Closed classes of
# English (modals, verbs of opinion and wish, feelings), not the vocabulary of any topic.
_STANCE_WORDS = frozenset({
    "should", "would", "could", "must", "shall", "will", "might", "may", "ought", "need", "needs",
    "needed", "think", "thinks", "thought", "believe", "believes", "feel", "feels", "felt",
    "reckon", "want", "wants", "wanted", "wish", "wishes", "hope", "hopes", "prefer", "prefers",
    "like", "likes", "love", "loves", "hate", "hates", "agree", "agrees", "disagree", "disagrees",
    "support", "supports", "oppose", "opposes", "opposed", "worry", "worries", "worried", "fear",
    "fears", "afraid", "concerned", "pleased", "happy", "glad", "sad", "angry", "upset", "proud",
    "trust", "trusts", "doubt", "doubts", "expect", "expects", "suppose", "guess",
})

_WORD = re.compile(r"[a-z']+")
_SENTENCE_BREAK = re.compile(r"[.!;]\s+\S")


def looks_like_metadata(text: str) -> bool:
    """True when ``text`` reads as a statement about the voter, not an opinion."""
    plain = text.strip().lower().replace("\u2019", "'")
    if not plain or "?" in plain or _SENTENCE_BREAK.search(plain):
        return False
    words = _WORD.findall(plain)
    if not words or len(words) > MAX_METADATA_WORDS:
        return False
    about_the_voter = words[0] in _SELF_OPENERS or bool(_SELF_WORDS & set(words[:4]))
    return about_the_voter and not (_STANCE_WORDS & set(words))


def find_metadata(statements: Mapping[int, str]) -> set[int]:
    """Ids of the statements that look like Polis metadata."""
    return {tid for tid, text in statements.items() if looks_like_metadata(text)}
