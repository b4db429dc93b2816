"""The web page in a real browser: Debian's Chromium, headless, driven by puppeteer-core,
with axe-core (WCAG 2.x A/AA and best practice) at a desktop and a phone viewport.
Every variant of both samples and of a meeting with nested lists and a closed item:
no violation, no sideways scrolling on a 375 px phone, and no request leaves the file.

The npm packages are pinned in tests/browser/package-lock.json and installed on first use
(`npm ci` into the git-ignored tests/browser/node_modules). Under CI (CI=true) a missing
Chromium, Node.js or npm package fails the test; elsewhere it is skipped with the reason.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from html_cases import cases, html_of, html_variants
from referat_desktop.domain.texts import Variant

BROWSER = Path(__file__).resolve().parent / "browser"
SCRIPT = BROWSER / "axe_check.js"
PHONE_WIDTH, DESKTOP_WIDTH = 375, 1280  # CSS pixels, as axe_check.js sets them

# A page with known faults, checked beside ours: proves that the checker sees them.
FAULTY_PAGE = """<!DOCTYPE html><html><head><title>x</title></head><body>
<img src="https://example.invalid/logo.png"><p style="color:#bbb">grå tekst</p>
<div style="width:900px">bred</div></body></html>"""


def _missing(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI must run the browser check; .ci/run installs it)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser_check() -> tuple[str, str]:
    """(node, chromium), with the npm packages installed."""
    chromium = shutil.which("chromium")
    node = shutil.which("node")
    if chromium is None:
        _missing("Chromium is not installed (Debian package chromium)")
    if node is None:
        _missing("Node.js is not installed (Debian packages nodejs npm)")
    installed = BROWSER / "node_modules" / ".package-lock.json"
    if not installed.exists() or installed.stat().st_mtime < (BROWSER / "package-lock.json").stat().st_mtime:
        npm = shutil.which("npm")
        if npm is None:
            _missing("npm is not installed (Debian package npm)")
        done = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=BROWSER, capture_output=True,
                              text=True, timeout=600)
        if done.returncode != 0:
            _missing(f"npm ci in tests/browser failed: {done.stderr.strip()[-500:]}")
    return node, chromium  # type: ignore[return-value]


def run_axe(browser_check: tuple[str, str], files: list[Path], axe_on_phone: set[Path]) -> dict:
    """axe_check.js's results by file; axe runs at the phone viewport too on `axe_on_phone`."""
    node, chromium = browser_check
    arguments = [f"phone:{path}" if path in axe_on_phone else str(path) for path in files]
    done = subprocess.run([node, str(SCRIPT), chromium, *arguments], capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_every_page_passes_axe_in_chromium(browser_check, tmp_path) -> None:
    files = []
    for name, meeting in cases().items():
        for variant in html_variants():
            path = tmp_path / f"{name}-{variant.value}.html"
            path.write_text(html_of(meeting, variant), encoding="utf-8")
            files.append(path)
    faulty = tmp_path / "faulty.html"
    faulty.write_text(FAULTY_PAGE, encoding="utf-8")
    # axe takes seconds a page: at the phone's width it checks the richest page, the nested
    # meeting's minutes (every page gets the width check there).
    on_phone = {tmp_path / f"nested-{Variant.MINUTES.value}.html", faulty}
    results = run_axe(browser_check, [*files, faulty], on_phone)

    # The checker is awake: the faulty page's faults are all found.
    for viewport in ("desktop", "phone"):
        found = results[str(faulty)][viewport]
        assert {"image-alt", "html-has-lang", "color-contrast"} <= {v["id"] for v in found["violations"]}
        assert set(found["requests"]) == {"https://example.invalid/logo.png"}
    assert results[str(faulty)]["phone"]["scrollWidth"] > PHONE_WIDTH

    problems = {}
    for path in files:
        for viewport, found in results[str(path)].items():
            assert (found["violations"] is not None) == (viewport == "desktop" or path in on_phone)
            # A phone widens its window to a page too wide for it (the viewport meta then
            # loses): the window must keep the phone's width and the page fit in it.
            width = PHONE_WIDTH if viewport == "phone" else DESKTOP_WIDTH
            if (found["violations"] or found["requests"] or found["innerWidth"] != width
                    or found["scrollWidth"] > width):
                problems[f"{path.name} ({viewport})"] = found
    assert problems == {}
    assert len(files) == 3 * len(html_variants())
