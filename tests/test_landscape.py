"""`::: landscape` (fixture paper landscape: a wide table between two upright pages): the
PDF's landscape page is wider than tall with its running header and page number upright
at its top and bottom; the DOCX puts the table in a landscape section of its own, with its
own header, and LibreOffice lays it out the same way.
"""

from __future__ import annotations

import pdfplumber
import pytest
from docx_reading import NS, W, part, runs_with_text

from briefing.theme import load_theme

THEME = load_theme()
PAGE = THEME.page


def pdf_pages(path):
    with pdfplumber.open(path) as pdf:
        return [
            (float(p.width), float(p.height), p.extract_text(), p.chars, p.extract_text_lines())
            for p in pdf.pages
        ]


def _line(lines, starts: str) -> dict:
    return next(line for line in lines if line["text"].startswith(starts))


@pytest.mark.parametrize("source", ["pdf", "lo"])
def test_the_wide_table_is_on_a_landscape_page_between_upright_ones(source, feature):
    pages = pdf_pages(feature("landscape", "lo")[source])
    assert len(pages) == 3
    shapes = [w > h for w, h, *_ in pages]
    assert shapes == [False, True, False]
    width, height, text, chars, lines = pages[1]
    assert (round(width), round(height)) == (round(PAGE.height), round(PAGE.width))
    assert "Net import reliance" in text and "Before" not in text and "After" not in text
    assert "The text continues on an upright page." in pages[2][2]


@pytest.mark.parametrize("source", ["pdf", "lo"])
def test_the_landscape_pages_running_heads_are_upright_at_its_top_and_bottom(source, feature):
    width, height, text, chars, lines = pdf_pages(feature("landscape", "lo")[source])[1]
    header = _line(lines, "Test Series")
    assert header["bottom"] < PAGE.margin_top  # above the text, on the long edge's top
    title = [c for c in header["chars"] if c["x0"] > width / 2]
    assert "".join(c["text"] for c in title).replace(" ", "").endswith("Landscapepages")
    assert width - PAGE.margin_right - 3 < title[-1]["x1"] <= width - PAGE.margin_right + 1
    assert all(c["upright"] for c in header["chars"])  # read left to right, not turned
    footer = _line([ln for ln in lines if ln["top"] > height - PAGE.margin_bottom], "Page 2")
    assert footer["top"] > height - PAGE.margin_bottom
    number = [c for c in footer["chars"] if c["x0"] < width * 0.75]  # not the marking
    middle = (number[0]["x0"] + number[-1]["x1"]) / 2
    text_middle = PAGE.margin_left + PAGE.turned().text_width / 2
    assert abs(middle - text_middle) < 3  # centred on the wide page's text
    assert "FOR TESTING" in text  # the marking, as on every page


def test_the_pdf_table_spans_the_landscape_text_width(feature):
    with pdfplumber.open(feature("landscape")["pdf"]) as pdf:
        page = pdf.pages[1]
        # the table's top rule, drawn cell by cell (collapsed borders)
        top = min(line["top"] for line in page.lines)
        rule = [line for line in page.lines if abs(line["top"] - top) < 0.1]
    widest = max(line["x1"] for line in rule) - min(line["x0"] for line in rule)
    assert abs(widest - PAGE.turned().text_width) < 2


def test_the_page_reference_to_the_table_says_page_two(feature):
    with pdfplumber.open(feature("landscape")["pdf"]) as pdf:
        assert "on a landscape page (p. 2)" in " ".join(pdf.pages[0].extract_text().split())


def test_the_docx_table_is_in_a_landscape_section_with_its_own_header(feature):
    path = feature("landscape")["docx"]
    root = part(path)
    body = root.find("w:body", NS)
    sections = body.findall("w:p/w:pPr/w:sectPr", NS) + body.findall("w:sectPr", NS)
    sizes = [s.find("w:pgSz", NS) for s in sections]
    assert [(int(z.get(W + "w")) > int(z.get(W + "h")), z.get(W + "orient")) for z in sizes] == [
        (False, None),
        (True, "landscape"),
        (False, None),
    ]
    # the table stands between the first section's end and the landscape section's end
    blocks = list(body)
    ends = [i for i, b in enumerate(blocks) if b.find("w:pPr/w:sectPr", NS) is not None]
    [table_at] = [i for i, b in enumerate(blocks) if b.tag == W + "tbl" and "Net import" in "".join(
        b.xpath(".//w:t/text()", namespaces=NS))]  # fmt: skip
    assert ends[0] < table_at < ends[1]
    assert all(s.find("w:footnotePr", NS) is None for s in sections[1:])  # numbers run on
    assert [s.find("w:type", NS) for s in sections[1:]] == [None, None]  # each: a new page
    # each section has a header of its own; the landscape one's right tab is at its margin
    refs = [s.find("w:headerReference", NS).get(f"{{{NS['r']}}}id") for s in sections]
    assert len(set(refs)) == 3
    header = _header_of(path, refs[1])
    stops = {
        t.get(W + "val"): int(t.get(W + "pos")) for t in header.iterfind(".//w:tab[@w:pos]", NS)
    }
    assert stops["right"] == round(PAGE.turned().text_width * 20)
    assert stops["clear"] == round(PAGE.text_width * 20)
    assert runs_with_text(header, "FOR TESTING")


def _header_of(path, r_id: str):
    rels = part(path, "word/_rels/document.xml.rels")
    target = rels.xpath(f"//*[@Id='{r_id}']/@Target")[0]
    return part(path, f"word/{target}")
