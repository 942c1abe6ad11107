"""What a page says to the person reading it, as plain text, for reading-age checks.

Only the words Heard writes count: a person's own words (`heard-quote`), receipt codes and
anything marked `data-reading-age="skip"` are left out. Each heading, paragraph, list item,
label and button ends a sentence, as a reader takes them, so a list of short items is not
scored as one long sentence.
"""

from __future__ import annotations

from html.parser import HTMLParser

BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "label", "legend", "button", "dt",
          "dd", "td", "th", "caption", "summary", "div", "a", "option", "title"}
SKIPPED_CLASSES = {"heard-quote", "heard-receipt-code"}
SKIPPED_TAGS = {"script", "style", "svg", "textarea", "select"}
VOID = {"br", "img", "input", "meta", "link", "hr", "wbr", "source", "area", "base", "col"}


class _Copy(HTMLParser):
    def __init__(self, root_id: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self.root_id = root_id
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, inside root, skipped)
        self.blocks: list[list[str]] = [[]]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        found = dict(attrs)
        inside = bool(self.stack and self.stack[-1][1]) or (
            self.root_id is None or found.get("id") == self.root_id)
        classes = set((found.get("class") or "").split())
        skipped = bool(self.stack and self.stack[-1][2]) or tag in SKIPPED_TAGS or bool(
            classes & SKIPPED_CLASSES) or found.get("data-reading-age") == "skip"
        self.stack.append((tag, inside, skipped))
        if tag in BLOCKS:
            self.blocks.append([])

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        while self.stack:
            opened = self.stack.pop()[0]
            if opened == tag:
                break
        if tag in BLOCKS:
            self.blocks.append([])

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1][1] and not self.stack[-1][2]:
            self.blocks[-1].append(data)


def page_copy(html: str, root_id: str | None = "main-content") -> str:
    """The words inside the element with ``root_id`` (the whole page when None), one
    sentence per block."""
    parser = _Copy(root_id)
    parser.feed(html)
    sentences = []
    for block in parser.blocks:
        text = " ".join(" ".join(block).split())
        if text:
            sentences.append(text if text[-1] in ".!?:" else f"{text}.")
    return " ".join(sentences)
