"""Staff-typed text with an optional Welsh twin (issue 15).

A model whose staff-typed field `name` has a Welsh twin `name_cy` mixes in `WelshWording`; pages
ask it for the text in their language. Pure: no Django, so every layer may use it.
"""

from __future__ import annotations


def welsh_or_english_text(english: str, welsh: str, language: str) -> tuple[str, bool]:
    """Staff-typed text in the page's language: the Welsh when the page is Welsh and there is
    some, else the English, with whether that English stands in for missing Welsh."""
    if not language.startswith("cy"):
        return english, False
    return (welsh, False) if welsh.strip() else (english, True)


class WelshWording:
    """For models whose staff-typed `field` has a Welsh twin `field_cy`: the text to show in a
    language, and whether it is English standing in for missing Welsh (the page then marks it
    lang="en" so a screen reader pronounces it right)."""

    def welsh_or_english(self, field: str, language: str) -> tuple[str, bool]:
        return welsh_or_english_text(getattr(self, field), getattr(self, f"{field}_cy"), language)
