"""The web edition in Debian's Chromium (Playwright), as a reader opens it from a web
server: both languages, on a phone and on a desktop screen.

What a reader would check: the page opens with no console errors and asks for nothing
but its own files; its figures are drawn; its notes are there and a note's number takes
the reader to the note and back; nothing is wider than a phone's screen. Screenshots are
saved ($BRIEFING_SCREENSHOTS to keep them).
"""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
from browser import chromium, screenshots_folder
from test_docx import make_paper

from briefing.build import build
from briefing.cli import main

LANGUAGES = ["zh-Hant", "en"]
SCREENS = {"phone": (390, 844), "desktop": (1280, 900)}


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """build/web of both test papers, served over HTTP from 127.0.0.1 as a web host would."""
    root = tmp_path_factory.mktemp("web-browser")
    out = root / "build"
    for lang in LANGUAGES:
        folder = root / "content" / f"paper-{lang.lower()}"
        make_paper(folder, lang, extra="Again[^drafts].")
        build(folder, ["web"], out)
    papers = [str(root / "content" / f"paper-{lang.lower()}") for lang in LANGUAGES]
    assert main(["web-index", *papers, "--out", str(out)]) == 0
    handler = functools.partial(Quiet, directory=str(out / "web"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_edition_opens_clean_with_its_notes_and_figures(site, lang, screen, tmp_path):
    slug = f"paper-{lang.lower()}"
    url = f"{site}{slug}/index.html"
    width, height = SCREENS[screen]
    with chromium() as browser:
        page = browser.new_page(viewport={"width": width, "height": height})
        console, requests = [], []
        page.on("console", lambda msg: console.append(f"{msg.type}: {msg.text}"))
        page.on("pageerror", lambda error: console.append(f"page error: {error}"))
        page.on("request", lambda request: requests.append(request.url))
        page.goto(url, wait_until="networkidle")
        page.screenshot(
            path=screenshots_folder(tmp_path) / f"web-{slug}-{screen}.png", full_page=True
        )

        assert page.evaluate("document.documentElement.lang") == lang
        # Nothing asked for but the edition's own files.
        for asked in requests:
            parts = urlsplit(asked)
            assert asked.startswith(f"{site}{slug}/"), f"requested {asked}"
            assert parts.path.rsplit("/", 1)[-1] in ("index.html", "rings.svg", "bars.png")
        assert len(requests) == 3, requests
        # The figures are drawn, at a size that fits the screen.
        figures = page.evaluate(
            "Array.from(document.images, i => [i.complete, i.naturalWidth, "
            "i.getBoundingClientRect().right])"
        )
        assert len(figures) == 2
        for complete, natural, right in figures:
            assert complete and natural > 0 and right <= width
        # Nothing is wider than the screen (a wide table scrolls in its own box).
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        # The notes are after the text; a call leads to its note and back.
        notes = page.locator("section.notes li")
        assert notes.count() == 3
        assert page.locator("section.notes h2").is_visible()
        page.click("a#call-1")
        assert page.evaluate("location.hash") == "#note-1"
        assert page.locator("#note-1").evaluate("e => e.matches(':target')")
        assert (
            page.evaluate("document.querySelector('#note-1').getBoundingClientRect().top") < height
        )
        page.click("#note-1 a.note-back")
        assert page.evaluate("location.hash") == "#call-1"
        box = page.evaluate(
            "(({top, bottom}) => [top, bottom])"
            "(document.querySelector('#call-1').getBoundingClientRect())"
        )
        assert box[1] > 0 and box[0] < height, "the call is on the screen again"
    assert not console, console


def test_the_index_opens_clean_and_links_both_papers(site, tmp_path):
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        console, requests = [], []
        page.on("console", lambda msg: console.append(f"{msg.type}: {msg.text}"))
        page.on("request", lambda request: requests.append(request.url))
        page.goto(f"{site}index.html", wait_until="networkidle")
        page.screenshot(path=screenshots_folder(tmp_path) / "web-index.png", full_page=True)
        assert requests == [f"{site}index.html"]
        links = page.eval_on_selector_all("h2 a", "links => links.map(a => a.href)")
        assert sorted(links) == [
            f"{site}paper-{lang.lower()}/index.html" for lang in ["en", "zh-Hant"]
        ]
        page.click("h2 a >> nth=0")
        page.wait_for_load_state("networkidle")
        assert page.url in links
    assert not console, console
