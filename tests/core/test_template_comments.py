"""Django's {# #} comment ends at the line's end: one spread over lines is printed on the page
as text (the language switch once showed its own comment in every page's header)."""

from __future__ import annotations

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
_OPEN_WITHOUT_CLOSE = re.compile(r"{#(?![^\n]*#})")


def test_no_template_has_a_one_line_comment_spread_over_lines():
    spread = [f"{path.relative_to(TEMPLATES)}:{number}"
              for path in sorted(TEMPLATES.rglob("*.html"))
              for number, line in enumerate(path.read_text().splitlines(), start=1)
              if _OPEN_WITHOUT_CLOSE.search(line)]
    assert spread == [], "use {% comment %} … {% endcomment %} for these: " + ", ".join(spread)


def test_the_check_sees_a_spread_comment():
    assert _OPEN_WITHOUT_CLOSE.search("{# starts here")
    assert not _OPEN_WITHOUT_CLOSE.search("{# all on one line #}")
