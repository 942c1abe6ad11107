"""Headless Chromium from Debian, driven by Playwright, with axe-core for accessibility."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE_PATH = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
# The flags keep Chromium off the network it cannot reach here, and let it run as root in CI.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-dev-shm-usage"]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: run `make system-deps` (Debian package chromium).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def axe_check():
    """Run axe-core on the current page and collect violations per URL."""
    script = AXE_PATH.read_text(encoding="utf-8")
    found: dict[str, list[str]] = {}

    def check(page) -> None:
        page.add_script_tag(content=script)
        result = page.evaluate(
            "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
            WCAG_TAGS,
        )
        problems = [f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes: "
                    f"{json.dumps([n['target'] for n in v['nodes']][:3])})"
                    for v in result["violations"]]
        found[page.url] = problems

    check.results = found  # type: ignore[attr-defined]
    return check
