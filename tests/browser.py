"""Open pages the way a reader does: Debian's Chromium, headless, driven by Playwright.

Playwright is only the driver here: it never downloads a browser of its own (the tests
give it /usr/bin/chromium, which `scripts/bootstrap test` installs from Debian). Where
Chromium cannot be had, the browser tests skip and say why. The flags keep Chromium off
the network entirely (no background requests, updates or sync), so every request a
test sees is one the page itself made.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")


def require_chromium() -> None:
    if not CHROMIUM.exists():
        pytest.skip(
            f"{CHROMIUM} is not installed: `scripts/bootstrap test` installs Debian's chromium "
            "(as root, or with sudo)"
        )
    pytest.importorskip("playwright.sync_api", reason="playwright is in requirements-test.lock")


@contextmanager
def chromium() -> Iterator:
    """A headless Debian Chromium under Playwright, closed afterwards."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        try:
            yield browser
        finally:
            browser.close()


def until(check: Callable[[], object], timeout: float, what: str) -> object:
    """Poll `check()` until it returns something true; fail after `timeout` seconds.
    (Playwright's own wait_for_function evaluates a string, which the preview's
    Content-Security-Policy rightly forbids; page.evaluate is not affected.)"""
    deadline = time.monotonic() + timeout
    while True:
        found = check()
        if found:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout} s: {what}")
        time.sleep(0.02)


def screenshots_folder(tmp_path: Path) -> Path:
    """Where a test saves its screenshots: $BRIEFING_SCREENSHOTS if set (to keep and look
    at them), else the test's own temporary folder."""
    folder = Path(os.environ.get("BRIEFING_SCREENSHOTS") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder
