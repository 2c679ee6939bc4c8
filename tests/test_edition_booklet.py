"""The booklet edition: A5 pages (the theme's A5 layout, not A4 shrunk) two up on A4
sheets, in the order that reads 1, 2, 3... once the sheets are printed duplex, stacked
and folded; padded with blank pages to a multiple of four."""

from __future__ import annotations

import io
import re

import pdfplumber
import pikepdf
import pytest
from conftest import ENGLISH
from pdf_structure import MM

from briefing.build import build
from briefing.pdf_booklet import impose


def numbered_pages(count: int, width: float = 148 * MM, height: float = 210 * MM) -> pikepdf.Pdf:
    """A PDF whose page n says "page n" (Helvetica, a standard font: nothing to embed)."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                           BaseFont=pikepdf.Name.Helvetica)
    )  # fmt: skip
    for n in range(1, count + 1):
        page = pdf.add_blank_page(page_size=(width, height))
        page.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
        text = f"BT /F1 24 Tf 100 300 Td (page {n}) Tj ET".encode()
        page.obj.Contents = pdf.make_stream(text)
    return pdf


def sheet_sides(pdf_bytes: bytes) -> list[tuple[int | None, int | None]]:
    """(left, right) page numbers printed on each sheet side; None for a blank half."""
    sides = []
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        for page in pdf.pages:
            halves: list[int | None] = [None, None]
            for word in page.extract_words():
                if word["text"].isdigit():
                    halves[0 if word["x0"] < page.width / 2 else 1] = int(word["text"])
            sides.append(tuple(halves))
    return sides


def folded(sides: list[tuple[int | None, int | None]]) -> list[int | None]:
    """The reading order of the sheets printed duplex, stacked in order, folded in the
    middle: the right halves of the fronts and left halves of the backs going in, then
    the other halves coming out again."""
    fronts, backs = sides[0::2], sides[1::2]
    first = [p for front, back in zip(fronts, backs) for p in (front[1], back[0])]
    second = [p for front, back in reversed(list(zip(fronts, backs))) for p in (back[1], front[0])]
    return first + second


@pytest.mark.parametrize(
    ("pages", "expected"),
    [
        (4, [(4, 1), (2, 3)]),
        (6, [(None, 1), (2, None), (6, 3), (4, 5)]),
        (13, [(None, 1), (2, None), (None, 3), (4, 13), (12, 5), (6, 11), (10, 7), (8, 9)]),
    ],
)
def test_pages_are_imposed_in_saddle_stitch_order(pages, expected):
    out = io.BytesIO()
    impose(numbered_pages(pages)).save(out)
    sides = sheet_sides(out.getvalue())
    assert sides == expected
    total = -(-pages // 4) * 4
    assert folded(sides) == [*range(1, pages + 1), *[None] * (total - pages)]


def test_a_sheet_is_two_booklet_pages_wide():
    out = io.BytesIO()
    impose(numbered_pages(6)).save(out)
    with pikepdf.open(io.BytesIO(out.getvalue())) as pdf:
        width, height = (float(v) for v in pdf.pages[0].mediabox[2:])
    assert (round(width / MM), round(height / MM)) == (296, 210)  # A4 landscape (2 x 148)


@pytest.fixture(scope="module")
def booklet(tmp_path_factory):
    out = tmp_path_factory.mktemp("booklet")
    return build(ENGLISH, ["booklet"], out)[0]


def test_a_real_paper_folds_into_reading_order(booklet):
    """The paper's own footers ("Page 3 of 7") say which page stands where."""
    assert booklet.name == "en-rare-earth-processing-booklet.pdf"
    sides = []
    with pdfplumber.open(booklet) as pdf:
        for page in pdf.pages:
            halves: list[int | None] = [None, None]
            for match in re.finditer(r"Page (\d+) of (\d+)", page.extract_text()):
                words = page.search(match.group(0))
                halves[0 if words[0]["x0"] < page.width / 2 else 1] = int(match.group(1))
                count = int(match.group(2))
            sides.append(tuple(halves))
    assert count > 4  # the A5 layout runs longer than the A4 paper
    total = -(-count // 4) * 4
    assert len(sides) == total // 2
    assert folded(sides) == [*range(1, count + 1), *[None] * (total - count)]


def test_the_booklet_uses_the_themes_a5_layout_not_a4_shrunk(booklet):
    """Body text at the booklet's own size (9.5 pt), on pages 148 mm wide."""
    with pdfplumber.open(booklet) as pdf:
        sizes = [round(c["size"], 1) for c in pdf.pages[0].chars if c["text"].isalpha()]
        assert pdf.pages[0].width == pytest.approx(2 * 148 * MM, abs=0.1)
    assert max(set(sizes), key=sizes.count) == 9.5
