"""`make html` as a preview: build/<slug>.html opens in a browser from build/ (or anywhere)
with its figures, a readable column, and the notes as linked notes after the text; the
print page the PDF is made from still puts each note at the foot of its page."""

from __future__ import annotations

import base64

import pdfplumber
import pytest
from conftest import ENGLISH, SEED
from lxml import html as lxml_html

from briefing.build import build
from briefing.transform import plain_text


@pytest.fixture(scope="module", params=[ENGLISH, SEED], ids=["en", "zh"])
def preview(request, tmp_path_factory):
    out = tmp_path_factory.mktemp("preview") / "build"
    (path,) = build(request.param, ["html"], out)
    return request.param, path


def test_figures_are_inside_the_page_so_it_opens_from_any_folder(preview):
    """Each picture is in the page as data: what the one figure loader draws from one of
    the paper's files (charts are drawn in the page as SVG), nothing to fetch."""
    from briefing import figures

    folder, path = preview
    page = lxml_html.fromstring(path.read_bytes())
    drawn = {
        (image.mime, image.data): f.name
        for f in sorted((folder / "figures").iterdir())
        if f.suffix.lower() in figures.LOADERS and not f.name.endswith(".chart.yaml")
        for image in [figures.load(f)]
    }
    images = page.xpath("//img")
    assert images and drawn
    for img in images:
        src = img.get("src")
        assert src.startswith("data:image/"), src[:40]
        media, data = src[5:].split(";base64,")
        assert (media, base64.b64decode(data)) in drawn, "one of the paper's figures"
    assert not page.xpath("//img[not(starts-with(@src, 'data:'))]")


def test_every_note_call_links_to_its_note_and_back(preview):
    _, path = preview
    page = lxml_html.fromstring(path.read_bytes())
    ids = set(page.xpath("//@id"))
    calls = page.xpath("//a[@class='note-call']")
    notes = page.xpath("//section[@class='notes']//li")
    assert calls and notes
    assert {c.get("href")[1:] for c in calls} == {n.get("id") for n in notes}
    for note in notes:
        back = note.xpath(".//a[@class='note-back']")[0].get("href")[1:]
        assert back in ids and page.get_element_by_id(back).get("class") == "note-call"


def screen_layout(path):
    """The preview laid out for a screen (CSS @media screen) by WeasyPrint, fetching
    nothing but data: URLs: a figure that is not inside the page would fail here."""
    import weasyprint
    from weasyprint.urls import URLFetcher

    class OnlyData(URLFetcher):
        def __init__(self):
            super().__init__(allowed_protocols=("data",), fail_on_errors=True)

        def fetch(self, url, headers=None):
            assert url.startswith("data:"), f"the preview fetched {url}"
            return super().fetch(url, headers)

    return weasyprint.HTML(str(path), media_type="screen", url_fetcher=OnlyData()).render()


def boxes(document):
    """(page index, y, class, text) of every text box, in order."""
    found = []

    def visit(box, index, classes):
        element = getattr(box, "element", None)
        if element is not None and element.get("class"):
            classes = classes | set(element.get("class").split())
        if getattr(box, "text", None):
            found.append((index, box.position_y, classes, box.text))
        for child in getattr(box, "children", ()):
            visit(child, index, classes)

    for index, page in enumerate(document.pages):
        visit(page._page_box, index, frozenset())
    return found


def test_on_a_screen_the_notes_follow_the_text_instead_of_sitting_inside_it(preview):
    folder, path = preview
    laid = boxes(screen_layout(path))
    assert not [b for b in laid if "footnote" in b[2]], "no note is laid out inside the text"
    assert not [b for b in laid if "running" in b[2]], "no running head on a screen"
    body = [(i, y) for i, y, classes, _ in laid if "body-text" in classes]
    notes = [(i, y) for i, y, classes, _ in laid if "notes" in classes]
    assert notes and min(notes) > max(body), "the notes come after the last paragraph"
    calls = [t for _, _, classes, t in laid if "note-call" in classes]
    from briefing.reader import read_paper

    paper = read_paper(folder)
    assert sorted(set(calls), key=calls.index)[: len(paper.footnotes)] == [
        n.label for n in paper.footnotes
    ]
    listed = "".join(t for _, _, classes, t in laid if "notes" in classes).replace(" ", "")
    for note in paper.footnotes:
        words = plain_text(note.blocks[0].children).replace(" ", "")[:20]
        assert words in listed, f"note {note.label} is in the list"


def test_the_pdf_still_has_no_notes_list_and_notes_at_page_feet(built_pdf):
    with pdfplumber.open(built_pdf[ENGLISH.name]) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert "\nNotes\n" not in text
    assert "1. International Energy Agency" in text
