"""The Chromium the browser tests drive turns off Playwright's features and ours together:
Chromium keeps only the last ``--disable-features`` it is given, so a list of ours alone would
silently turn Playwright's back on (decision 0047)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .conftest import DISABLED_FEATURES, playwright_disabled_features


def _started_by_this_process(pid: str) -> bool:
    """True when this test process is among the ancestors of ``pid`` (Chromium is started by
    Playwright's driver, through Debian's launcher script), so another run's browser on the
    same machine is not mistaken for ours."""
    for _ in range(8):
        try:
            status = (Path("/proc") / pid / "status").read_text()
        except OSError:
            return False
        pid = next(line.split()[1] for line in status.splitlines() if line.startswith("PPid:"))
        if pid == str(os.getpid()):
            return True
        if pid in ("0", "1"):
            return False
    return False


def _disabled_features_of_running_browsers() -> list[list[str]]:
    """The last --disable-features of each headless-shell browser process (not its renderers)
    this test process started, read from its command line as the kernel holds it."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            args = (entry / "cmdline").read_bytes().decode().split("\0")
        except OSError:
            continue
        if os.path.basename(args[0]) != "chromium-headless-shell" or any(
                a.startswith("--type=") for a in args) or not _started_by_this_process(
                entry.name):
            continue
        lists = [a.split("=", 1)[1].split(",") for a in args if a.startswith("--disable-features=")]
        if lists:
            found.append(lists[-1])
    return found


def test_the_browser_keeps_playwrights_features_off_as_well_as_ours(browser, live_server):
    browser.new_page().goto(f"{live_server.url}/")  # this worker's browser is running
    expected = {*playwright_disabled_features(), *DISABLED_FEATURES}
    running = _disabled_features_of_running_browsers()
    assert len(running) == 1, running  # this worker's one browser
    assert set(running[0]) >= expected, running
    assert "PaintHolding" in expected  # one Playwright turns off (its issue 28023)


def test_playwrights_list_is_read_from_its_driver_and_a_changed_driver_is_refused(tmp_path):
    bundle = tmp_path / "coreBundle.js"
    bundle.write_text('disabledFeatures = [\n  // why\n  "One",\n  "Two"\n].filter(Boolean);',
                      encoding="utf-8")
    assert playwright_disabled_features(bundle) == ["One", "Two"]
    bundle.write_text("const somethingElse = [];", encoding="utf-8")
    with pytest.raises(pytest.fail.Exception, match="driver has changed"):
        playwright_disabled_features(bundle)
