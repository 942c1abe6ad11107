"""What a word is: a first name, a place, an ordinary English word, or something unknown.

Names and places are told apart from ordinary words by word lists derived from published data
(see ``data/README.md``), never from the texts Heard was tuned on. Words are compared in lower
case without accents, so "kayden", "Kayden" and "KAYDEN" are one word, and so are "Gdańsk"
and "gdansk". A capitalised word in the middle of a sentence that is no English word is
probably a name or a place, whichever list it is on or not.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from typing import NamedTuple

from spacy.lang.en.stop_words import STOP_WORDS

from ..wordlists import word_list

_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*[^\W_])?")
_SENTENCE_END = ".!?\n:;\"“”(•*-"
_MAX_PLACE_WORDS = 4


class Word(NamedTuple):
    """One word of a text, with what the recognisers need to know about it. (A named tuple:
    a contribution has hundreds of words, and a dataclass costs more to build.)"""

    start: int
    end: int
    text: str
    key: str  # lower case, accents removed, straight apostrophes
    capital: bool  # starts with a capital letter and is not all capitals
    opens: bool  # first word of a sentence or a line

    @property
    def shouty(self) -> bool:
        return len(self.text) > 1 and self.text.isupper()


def fold(word: str) -> str:
    """Lower case without accents or curly apostrophes."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("’", "'")


@lru_cache(maxsize=4)
def words_of(text: str) -> tuple[Word, ...]:
    """The words of ``text``; cached because several recognisers read the same text."""
    found = []
    for match in _WORD.finditer(text):
        start, end = match.span()
        word = match.group()
        before = text[max(0, start - 3) : start].rstrip(" \t'‘>")
        key, capital = _key_and_capital(word)
        # tuple.__new__ skips the named tuple's keyword-handling constructor: a 300-word
        # text builds 300 of these, and this is the same tuple made faster.
        found.append(_new_tuple(Word, (start, end, word, key, capital,
                                       not before or before[-1] in _SENTENCE_END)))
    return tuple(found)


_new_tuple = tuple.__new__


@lru_cache(maxsize=65_536)
def _key_and_capital(word: str) -> tuple[str, bool]:
    """A word's folded key and whether it is written capitalised. Cached: the same words
    ("the", "my", "school") recur in every text, and folding them is most of the cost."""
    return fold(word).removesuffix("'s"), word[0].isupper() and not (
        len(word) > 1 and word.isupper())


_CONTRACTION = re.compile(r"'(?:m|ve|ll|d|re|s|t)$|n't$")


@lru_cache(maxsize=65_536)
def is_english(key: str) -> bool:
    """An ordinary English word (or a stop word): "grace" is, "kayden" is not. Contractions
    ("i'm") and plurals of English words ("caseloads") are English too."""
    english = word_list("english_words")
    if key in STOP_WORDS or key in english:
        return True
    if "'" in key:
        stem = _CONTRACTION.sub("", key)
        return stem in STOP_WORDS or stem in english
    if "-" in key:
        return _english_compound(key)
    if "isation" in key or "ise" in key[-4:]:  # British spelling of a listed word
        american = key.replace("isation", "ization").replace("ise", "ize")
        if american != key and is_english(american):
            return True
    if len(key) > 3 and key[-1] == "s" and key[:-1] in english:
        return True
    # "undoes", "echoes": the -es form of a dictionary word
    return len(key) > 5 and key.endswith("es") and key[:-2] in english


def _english_compound(key: str) -> bool:
    """"care-experienced", "long-term", "one-page": every part an English word and no part a
    first name. "tommy-lee" is a name, and so is "summer-rose", whose parts are all names that
    are also words."""
    parts = [part for part in key.split("-") if part]
    if not parts or not all(is_english(part) for part in parts):
        return False
    if any(part in word_list("first_names") for part in parts):
        return False
    return not all(is_word_name(part) and part not in STOP_WORDS for part in parts)


@lru_cache(maxsize=65_536)
def is_little_word(key: str) -> bool:
    """A pronoun, little word or common verb, or a contraction of one ("i've", "said",
    "left"): never a name in lower case, whatever a name list says ("Said" is a name)."""
    if key in STOP_WORDS or key in word_list("common_words") or key in word_list("text_speak"):
        return True
    return "'" in key and _CONTRACTION.sub("", key) in STOP_WORDS


@lru_cache(maxsize=65_536)
def is_first_name(key: str) -> bool:
    """A first name that is no ordinary English word: safe to suggest in any case.
    Hyphenated names count when one part is a name ("tommy-lee", "maisie-rae")."""
    if key in word_list("first_names"):
        return True
    if key in word_list("first_names_core"):
        return not is_english(key)
    if "-" in key and not is_english(key):
        return any(part in word_list("first_names") or is_word_name(part)
                   for part in key.split("-"))
    return False


@lru_cache(maxsize=65_536)
def is_word_name(key: str) -> bool:
    """A first name that is also an English word ("will", "grace"): needs a capital or a cue."""
    return key in word_list("names_that_are_words") and key not in word_list("person_cues")


@lru_cache(maxsize=65_536)
def is_not_personal(key: str) -> bool:
    """Services, platforms, festivals, family words: never a name or a place."""
    return (key in word_list("not_personal_names") or key in word_list("not_people")
            or key in word_list("generic_organisations") or key in word_list("countries")
            or key in word_list("nationalities") or key in word_list("text_speak"))


@lru_cache(maxsize=65_536)
def is_unknown(key: str) -> bool:
    """No English word, name, place or service we know of: an unusual name, a nickname, a
    place we have not listed, or a misspelling."""
    return (len(key) >= 2 and not is_english(key) and not is_first_name(key)
            and not is_word_name(key) and not is_not_personal(key) and not is_place_word(key))


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


@lru_cache(maxsize=65_536)
def looks_misspelt(key: str) -> bool:
    """A lower-case word in no dictionary that is one slip away from a word every child knows
    ("evry", "nevr", "techers", "meetin"): a misspelling, not somebody's name. A slip is a
    dropped letter, or in words of five letters or more an extra, changed or swapped one;
    the word it came from must be a dictionary word whose plain form is on the familiar list
    (``familiar_words.txt``: the Dale-Chall list). Names one slip from a rare word ("tran",
    "segun") are left alone; those one slip from a familiar one lose only their cue-less
    readings (the callers keep "my mate trev")."""
    if len(key) < 4 or not key.isalpha() or not key.isascii() or not is_unknown(key):
        return False
    # One slip changes the length by at most one letter, so a word longer than every
    # dictionary word plus one cannot be a slip of one; without this check a single
    # 20,000-letter "word" built 520,000 candidates of 20,000 letters each (27 CPU-s).
    if len(key) > _longest_dictionary_word() + 1:
        return False
    candidates = (key[:i] + c + key[i:] for i in range(len(key) + 1) for c in _LETTERS)
    if any(is_familiar(word) for word in candidates):
        return True
    if len(key) < 5:
        return False
    slips = [key[:i] + key[i + 1 :] for i in range(len(key))]
    slips += [key[:i] + c + key[i + 1 :] for i in range(len(key)) for c in _LETTERS
              if c != key[i]]
    slips += [key[:i] + key[i + 1] + key[i] + key[i + 2 :] for i in range(len(key) - 1)]
    return any(is_familiar(word) for word in slips)


@cache
def _longest_dictionary_word() -> int:
    return max(map(len, word_list("english_words")))


@lru_cache(maxsize=65_536)
def is_familiar(word: str) -> bool:
    """A dictionary word whose plain form every child of ten knows ("blank", "teachers",
    "placement"), by the Dale-Chall list; "rio" and "hollins" are dictionary words too, but
    not familiar ones."""
    if word not in word_list("english_words"):
        return False
    familiar = word_list("familiar_words")
    if word in familiar:
        return True
    stems = [word[:-1]] if word.endswith("s") else []
    if word.endswith(("es", "ed", "ly")):
        stems += [word[:-2], word[:-1]]
    if word.endswith("ies"):
        stems.append(word[:-3] + "y")
    if word.endswith("ing"):
        stems += [word[:-3], word[:-3] + "e"]
    # "placement", "kindness", "careful", "helpless": a familiar word made into another
    stems += [word[: -len(end)] for end in ("ment", "ness", "ful", "less") if word.endswith(end)]
    return any(stem in familiar for stem in stems)


def name_like(word: Word) -> bool:
    """Whether a word may be a name when a cue says one comes here ("my carer ___")."""
    key = word.key
    if is_not_personal(key) or key in STOP_WORDS:
        return False
    return is_first_name(key) or is_word_name(key) or is_unknown(key) or (
        word.capital and not word.opens and not is_english(key))


def is_place_word(key: str) -> bool:
    """A town or city on the place lists, whether or not it is also a word ("york")."""
    return key in word_list("places") or key in word_list("places_that_are_words")


@cache
def _place_first_words() -> frozenset[str]:
    names = word_list("places") | word_list("places_that_are_words")
    return frozenset(name.split()[0] for name in names)


def place_at(words: tuple[Word, ...], index: int) -> tuple[int, bool] | None:
    """The longest listed place starting at ``words[index]``: (number of words, whether it is
    also an English word such as "Reading"), or None."""
    if words[index].key not in _place_first_words():
        return None  # one set look-up for the great majority of words
    for size in range(min(_MAX_PLACE_WORDS, len(words) - index), 0, -1):
        key = " ".join(word.key for word in words[index : index + size])
        if key in word_list("places"):
            return size, False
        if key in word_list("places_that_are_words"):
            return size, True
    return None


_DETERMINER = re.compile(r"(?i)\b(?:the|a|an|this|that|every|new)[ \t]+(?:new[ \t]+)?$")


def after_determiner(text: str, start: int) -> bool:
    """"The new Bill", "a Grace period": a word that is also a name, after "the" or "a", is
    the word."""
    return bool(_DETERMINER.search(text[max(0, start - 15) : start]))
