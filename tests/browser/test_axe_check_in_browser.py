"""The accessibility check itself: axe-core is sent once per page load, a check still sees
what the page shows at that moment, so a real violation fails the test that looks for none, and
a document identical to one already checked gets that check's verdict without axe running again
(decision 0033), while any change to it is checked afresh."""

from __future__ import annotations

from .conftest import AXE_LOADED_JS, AXE_VERDICTS, CHECKED

# An image with no text alternative: axe's "image-alt" rule (WCAG 1.1.1), added through the
# DevTools protocol (the page's Content-Security-Policy does not apply to it).
ADD_IMAGE_WITHOUT_ALT = """() => {
  const img = document.createElement('img');
  img.src = '/static/none.png';
  document.querySelector('main').append(img);
}"""
# A link with no text: axe's "link-name" rule (WCAG 2.4.4, 4.1.2).
ADD_EMPTY_LINK = """() => {
  const link = document.createElement('a');
  link.href = '/';
  document.querySelector('main').append(link);
}"""


def test_axe_check_finds_a_real_violation_on_a_page_it_already_checked(
        browser, live_server, axe_check, baseline):
    page = browser.new_page()
    page.goto(f"{live_server.url}/?axe-self-test")
    assert not page.evaluate(AXE_LOADED_JS)
    try:
        axe_check(page)
        assert axe_check.results[page.url] == []
        assert page.evaluate(AXE_LOADED_JS)  # injected by the first check, kept for the next

        page.evaluate(ADD_IMAGE_WITHOUT_ALT)
        axe_check(page)  # the same document: axe is not sent again, and sees the new image
        assert any(p.startswith("image-alt:") for p in axe_check.results[page.url]), \
            axe_check.results[page.url]

        page.reload()  # a new load has no axe
        assert not page.evaluate(AXE_LOADED_JS)
        verdicts = len(AXE_VERDICTS)
        axe_check(page)  # the same document as the first check: its verdict, axe not run
        assert axe_check.results[page.url] == []
        assert not page.evaluate(AXE_LOADED_JS)
        assert len(AXE_VERDICTS) == verdicts

        page.evaluate(ADD_EMPTY_LINK)  # a document not checked before: axe is sent and runs
        axe_check(page)
        assert page.evaluate(AXE_LOADED_JS)
        assert any(p.startswith("link-name:") for p in axe_check.results[page.url]), \
            axe_check.results[page.url]
    finally:
        # The run's summary of checked pages is about the site, not this planted image.
        CHECKED.pop("/?axe-self-test", None)
