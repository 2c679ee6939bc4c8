"""The zh-Hant DOCX as other programs render it: LibreOffice's PDF of it, and pandoc's reading.

LibreOffice lays the document out from scratch (its own fields, numbering and fonts), so
what it prints is what a reader of the .docx sees: notes at the foot of the page of
their call, the key points in a shaded box, numbered captions, Chinese in a CJK font.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pdfplumber
import pytest
from test_docx import THEME, TIMESTAMP, make_paper

from briefing.docx import render_docx

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PANDOC = shutil.which("pandoc")
CJK = re.compile(r"[\u4e00-\u9fff]")
CJK_FONTS = ("CJK", "Ming", "Hei", "Song", "Kai", "WenQuanYi", "Fallback", "Uming", "Ukai")
BODY = THEME.styles["Body Text"].size
NOTE = THEME.styles["Footnote Text"].size
TOP_MARGIN = THEME.page.margin_top


@pytest.fixture(scope="module")
def zh(tmp_path_factory):
    folder = tmp_path_factory.mktemp("docx-rendered")
    paper = make_paper(folder / "paper", "zh-Hant")
    path = folder / "zh.docx"
    path.write_bytes(render_docx(paper, THEME, timestamp=TIMESTAMP))
    return paper, path


@pytest.fixture(scope="module")
def pages(zh):
    """pdfplumber pages of LibreOffice's PDF of the zh-Hant DOCX."""
    yield from _laid_out_by_libreoffice(zh[1])


@pytest.fixture(scope="module")
def seed_pages(built_docx, tmp_path_factory):
    """The same for the seed briefing's DOCX, as `make docx` writes it."""
    path = tmp_path_factory.mktemp("seed-lo") / "seed.docx"
    shutil.copy(built_docx["zh-russia-ukraine-kazakhstan"], path)
    yield from _laid_out_by_libreoffice(path)


def _laid_out_by_libreoffice(path):
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed: cannot lay the DOCX out")
    profile = (path.parent / "lo-profile").as_uri()  # private: parallel runs must not clash
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(path.parent),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    with pdfplumber.open(path.with_suffix(".pdf")) as pdf:
        yield [(page.extract_text() or "", page.chars, page.rects) for page in pdf.pages]


def _note_top(chars, text: str) -> float | None:
    """Top of the first character of `text` set at the footnote size, if on this page."""
    small = [c for c in chars if abs(c["size"] - NOTE) < 0.3 and c["text"] != " "]
    joined = "".join(c["text"] for c in small)
    at = joined.find(text)
    return small[at]["top"] if at >= 0 else None


def test_each_footnote_is_at_the_foot_of_the_page_of_its_call(pages, zh):
    assert_notes_at_the_foot_of_their_pages(pages, zh[0])


def test_the_seed_docx_keeps_its_notes_at_the_foot_and_its_chinese_in_a_cjk_font(
    seed_pages, seed_paper
):
    assert_notes_at_the_foot_of_their_pages(seed_pages, seed_paper)
    test_chinese_is_set_in_a_cjk_font(seed_pages)


def _calls(chars, number: int, below: float, above: float) -> list[dict]:
    """Footnote-call digits for note `number` between two heights of a page."""
    return [
        c
        for c in chars
        if c["text"] == str(number) and c["size"] < 0.8 * BODY and below < c["top"] < above
    ]


def assert_notes_at_the_foot_of_their_pages(pages, paper):
    """Each note printed once, below the body text, on the page of its call.

    LibreOffice lays a DOCX out with its own rule at the foot of a page: where Word splits a
    note that does not fit under the line that calls it, LibreOffice may start the note on
    the next page. Whether that happens depends on the fonts of the machine (a line's
    worth). So a note may also begin on the next page when its call is on one of the last
    three lines of the page before; anywhere else, a note away from its call fails.
    """
    pitch = BODY * THEME.styles["Body Text"].line_height
    for note in paper.footnotes:
        text = note.blocks[0].children[0].text.replace(" ", "")[:40]
        found = [
            (i, top)
            for i, (_, chars, _) in enumerate(pages)
            if (top := _note_top(chars, text)) is not None
        ]
        assert len(found) == 1, f"note {note.number} printed {len(found)} times"
        index, top = found[0]
        chars = pages[index][1]
        body_bottom = max(c["bottom"] for c in chars if abs(c["size"] - BODY) < 0.3)
        assert top > body_bottom, f"note {note.number} is not below the body text"
        if _calls(chars, note.number, TOP_MARGIN, top):
            continue
        before = pages[index - 1][1] if index else []
        body = [c["bottom"] for c in before if abs(c["size"] - BODY) < 0.3]
        last_lines = max(body, default=0) - 3 * pitch
        assert _calls(before, note.number, last_lines, 10_000), (
            f"note {note.number} is not on the page of its call"
        )


def test_chinese_is_set_in_a_cjk_font(pages):
    chinese = [c for _, chars, _ in pages for c in chars if CJK.match(c["text"])]
    assert chinese
    fonts = {c["fontname"] for c in chinese}
    assert all(any(name in font for name in CJK_FONTS) for font in fonts), fonts


def test_key_points_sit_in_a_shaded_box_on_page_one(pages, zh):
    paper, _ = zh
    _, chars, rects = pages[0]
    fill = tuple(int(THEME.colours["box_fill"][i : i + 2], 16) / 255 for i in (1, 3, 5))
    boxes = [
        r
        for r in rects
        if r.get("fill")
        and r["non_stroking_color"]
        and all(abs(a - b) < 0.01 for a, b in zip(r["non_stroking_color"], fill))
    ]
    assert boxes, "no rectangle filled with the box colour on page 1"
    box = max(boxes, key=lambda r: r["width"] * r["height"])
    size = THEME.styles["Key Points"].size
    for [point] in paper.key_points.children[0].items:
        first = next(
            c
            for c in chars
            if c["text"] == point.children[0].text[0] and abs(c["size"] - size) < 0.3
        )
        assert box["x0"] < first["x0"] < box["x1"] and box["top"] < first["top"] < box["bottom"]


def test_captions_and_cross_references_show_their_numbers(pages):
    text = "".join(t for t, _, _ in pages).replace("\n", "")
    assert re.search(r"圖\s*1\s*同心圓架構", text)
    assert re.search(r"圖\s*2\s*貿易額", text)
    assert re.search(r"表\s*1\s*雙邊貿易", text)
    assert re.search(r"如\s*圖\s*1\s*及\s*表\s*1", text), "REF fields lost their text"
    assert re.search(r"第\s*1\s*頁／共\s*3\s*頁", text), "PAGE/NUMPAGES not in the footer"


def test_pandoc_reads_the_footnotes_as_footnotes(zh):
    if PANDOC is None:
        pytest.skip("pandoc is not installed")
    paper, path = zh
    markdown = subprocess.run(
        [PANDOC, "-f", "docx", "-t", "markdown", str(path)],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    for note in paper.footnotes:
        assert f"[^{note.number}]" in markdown
        assert re.search(
            rf"^\[\^{note.number}\]: .*{note.blocks[0].children[0].text}", markdown, re.MULTILINE
        )
    assert "[網站](https://example.org/a)" in markdown
