"""Marked-up redaction examples read as plain text with exact offsets (heard.safety.marked_text),
the part the evaluation's markup script and the training corpus's reader share."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from heard.safety.marked_text import Mark, unmark

FULL_NAMES = re.compile(r"\[\[([A-Z_]+):([^\[\]]+?)\]\]")
LETTERS = re.compile(r"\[\[([A-Z]):([^\[\]]+)\]\]")


def test_marks_come_out_and_their_words_stay() -> None:
    text, marks = unmark("me n [[PERSON:tj]] moved to [[LOCATION:moss side]]", FULL_NAMES)
    assert text == "me n tj moved to moss side"
    assert marks == [Mark("PERSON", "tj", 5, 7), Mark("LOCATION", "moss side", 17, 26)]


def test_each_reader_brings_its_own_mark() -> None:
    assert unmark("in [[L:Hull]]", LETTERS) == ("in Hull", [Mark("L", "Hull", 3, 7)])
    # A one-letter reader does not take the corpus's marks: they stay as written, for the
    # caller to refuse in its own words.
    assert unmark("in [[LOCATION:Hull]]", LETTERS) == ("in [[LOCATION:Hull]]", [])


def test_a_broken_mark_is_left_in_the_text_for_the_caller_to_refuse() -> None:
    text, marks = unmark("[[PERSON:a]] and [[PERSON:b] c", FULL_NAMES)
    assert text == "a and [[PERSON:b] c"
    assert marks == [Mark("PERSON", "a", 0, 1)]


def test_a_line_with_no_marks_is_itself() -> None:
    assert unmark("nothing here", FULL_NAMES) == ("nothing here", [])
    assert unmark("", FULL_NAMES) == ("", [])


# Anything but square brackets: letters, spaces, a colon, a line break, accents, an emoji.
PLAIN = st.text(alphabet="aZ :\né😀", max_size=12)
WORDS = PLAIN.filter(bool)
TAGS = st.sampled_from(["PERSON", "LOCATION", "UK_POSTCODE"])


@given(st.lists(st.tuples(PLAIN, TAGS, WORDS), max_size=5), PLAIN)
def test_offsets_point_at_the_marked_words_in_the_plain_text(
        parts: list[tuple[str, str, str]], tail: str) -> None:
    line = "".join(f"{before}[[{tag}:{words}]]" for before, tag, words in parts) + tail
    text, marks = unmark(line, re.compile(r"\[\[([A-Z_]+):([^\[\]]+)\]\]"))
    assert text == "".join(before + words for before, _, words in parts) + tail
    assert [(m.tag, m.words) for m in marks] == [(tag, words) for _, tag, words in parts]
    assert all(text[m.start : m.end] == m.words for m in marks)
