"""The live preview in a real browser: `briefing serve` started as an analyst starts it,
its paper page opened in Debian's Chromium (Playwright), the paper edited on disk.

What a person would check: a changed word reaches the new page image by itself (the
time it takes is printed; the 2 s the issue asks for, and the 0.35 s target of a warm
rebuild, are measured by `make bench`, not asserted here: these machines are shared, and
a timed assertion fails when another job takes the cores), the other pages keep their
images, the scroll position stays; a mistake shows the same
`path:line:col` line the CLI prints, with the last good pages still under it; fixing it
brings the pages back. The screenshots are saved ($BRIEFING_SCREENSHOTS to keep them).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pdfplumber
import pytest
from browser import chromium, require_chromium, screenshots_folder, until
from conftest import ENGLISH

BRIEFING = Path(sys.executable).parent / "briefing"
SEEN_WITHIN = 30.0  # seconds: a hang guard; the latency itself is `make bench`'s business
FIRST_BUILD = 120  # seconds: the first, cold build of the paper (a hang guard only)


@pytest.fixture
def server(tmp_path):
    """`briefing serve content/<slug> --port 0` in a folder of its own; (url, paper.md)."""
    require_chromium()
    folder = tmp_path / "content" / ENGLISH.name
    shutil.copytree(ENGLISH, folder)
    child = subprocess.Popen(
        [str(BRIEFING), "serve", f"content/{folder.name}", "--port", "0"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ, PYTHONUNBUFFERED="1"),
    )
    try:
        line = child.stdout.readline()
        assert " at http://127.0.0.1:" in line, line + child.stderr.read()
        url = line.split(" at ")[1].split()[0]
        yield f"{url}paper/{folder.name}/", folder / "paper.md"
    finally:
        child.terminate()
        child.wait(timeout=30)


def page_urls(page) -> list[str]:
    return page.evaluate("Array.from(document.querySelectorAll('img.page'), i => i.src)")


def done(page) -> bool:
    return page.evaluate("document.querySelectorAll('#downloads a').length") == 2


def loaded(page) -> bool:
    return page.evaluate(
        "document.querySelectorAll('img.page').length > 0 && "
        "Array.from(document.querySelectorAll('img.page'))"
        ".every(i => i.complete && i.naturalWidth > 0)"
    )


def test_the_preview_follows_edits_errors_and_fixes(server, tmp_path):
    url, source = server
    shots = screenshots_folder(tmp_path)
    original = source.read_text(encoding="utf-8")
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        problems: list[str] = []
        page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
        page.on(
            "console",
            lambda msg: problems.append(msg.text) if msg.type in ("error", "warning") else None,
        )
        page.goto(url)
        # The first build is done when the PDF and DOCX links appear (after the pages).
        until(lambda: loaded(page) and done(page), FIRST_BUILD, "the first build")
        page.screenshot(path=shots / "1-pages.png")
        before = page_urls(page)
        assert len(before) >= 3

        # A word on page 1 changes; the reader has scrolled down to the second page.
        page.evaluate("window.scrollTo(0, 1300)")
        scrolled = page.evaluate("window.scrollY")
        source.write_text(original.replace("indispensable", "irreplaceable", 1), encoding="utf-8")
        saved = time.monotonic()
        until(lambda: page_urls(page)[0] != before[0], SEEN_WITHIN, "the new page 1")
        seen = time.monotonic() - saved
        until(lambda: loaded(page), SEEN_WITHIN, "the new page 1 drawn")
        after = page_urls(page)
        assert after[1:] == before[1:], "only the changed page got a new image"
        assert page.evaluate("window.scrollY") == scrolled, "the scroll position stayed"
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=shots / "2-edited.png")
        pdf = source.parent.parent.parent / "build" / f"{source.parent.name}.pdf"
        until(lambda: "irreplaceable" in pdf_text(pdf), 30, "the PDF in build/ rewritten")

        # A mistake: the error line appears, the last good pages stay.
        broken = original.replace(
            "## The processing bottleneck", "A claim.[^nowhere]\n\n## The processing bottleneck"
        )
        source.write_text(broken, encoding="utf-8")
        until(lambda: page.is_visible("#errors"), 30, "the error panel")
        shown = page.inner_text("#errors pre").strip()
        cli = subprocess.run(
            [str(BRIEFING), "check", f"content/{source.parent.name}"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
        )
        assert cli.returncode == 1
        assert shown.splitlines() == cli.stderr.strip().splitlines()
        line = broken.splitlines().index("A claim.[^nowhere]") + 1
        column = len("A claim.") + 1
        assert shown.startswith(f"content/{source.parent.name}/paper.md:{line}:{column}: ")
        assert "error: footnote [^nowhere] is never defined" in shown
        assert page_urls(page) == after, "the last good pages stay under the error"
        assert loaded(page)
        page.screenshot(path=shots / "3-error.png")

        # Fixed: the error goes, the pages are the paper's again.
        source.write_text(original, encoding="utf-8")
        until(lambda: not page.is_visible("#errors"), 30, "the error panel gone")
        until(lambda: page_urls(page) == before and loaded(page), 30, "the original pages")
        page.screenshot(path=shots / "4-fixed.png")
        assert "built" in page.inner_text("#status")
    assert not problems, problems
    # Measured, not asserted beyond the 2 s: what this run took.
    print(f"\npreview: new page image {seen:.2f} s after the save; screenshots in {shots}")


def pdf_text(path: Path) -> str:
    try:
        with pdfplumber.open(path) as pdf:
            return pdf.pages[0].extract_text() or ""
    except Exception:  # noqa: BLE001 - being replaced right now: look again
        return ""
