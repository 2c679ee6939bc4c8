"""`toc: true` and page references (`[@sec:x]{.page}`), on the fixture papers contents-en
(the English sample) and contents-zh (the seed): the PDF's contents list the real pages of
the headings, every "p. N" / "第 N 頁" is its target's page, the DOCX has a TOC field and
PAGEREF fields whose results are those pages, and LibreOffice computes the same references
for its own layout.
"""

from __future__ import annotations

import re

import pdfplumber
import pytest
from docx_reading import NS, W, instructions, paragraphs, part, style_of, text_of

from briefing.theme import load_theme

THEME = load_theme()
# Sections and subsections (the contents' depth); their sizes differ from the entries'.
HEADING_SIZES = {THEME.styles[f"Heading {n}"].size for n in (1, 2)}
CAPTION_SIZE = THEME.styles["Caption"].size
LEADER = re.compile(r"^(.*?)\s*\.{4,}\s*(\d+)$")
# What each fixture prints for its page references: (what the target is, its page).
REFERENCES = {
    "contents-en": re.compile(r"(Section \d|Table 1|Figure 1)(?:, | \()p\. (\d+)\)"),
    "contents-zh": re.compile(r"(（[一二三四]）|圖 1)（第 ?(\d+) ?頁）"),
}
CASES = list(REFERENCES)


def lines_by_page(path) -> list[list[dict]]:
    with pdfplumber.open(path) as pdf:
        return [page.extract_text_lines() for page in pdf.pages]


def page_of(pages: list[list[dict]], starts: str, size: float) -> int:
    """The page (1-based) of the first line set at `size` that starts with `starts`."""
    for number, lines in enumerate(pages, 1):
        for line in lines:
            if line["text"].startswith(starts) and abs(line["chars"][0]["size"] - size) < 0.2:
                return number
    raise AssertionError(f"{starts!r} at {size}pt is on no page")


def heading_page(pages, text: str) -> int:
    for size in HEADING_SIZES:
        try:
            return page_of(pages, text, size)
        except AssertionError:
            continue
    raise AssertionError(f"no heading {text!r}")


def contents_entries(pages) -> list[tuple[str, int]]:
    """(words, page number) of each contents line on the first page."""
    found = []
    for line in pages[0]:
        match = LEADER.match(line["text"])
        if match:
            found.append((match[1].strip(), int(match[2])))
    return found


@pytest.mark.parametrize("case", CASES)
def test_the_pdf_contents_list_each_heading_with_its_real_page(case, feature):
    pages = lines_by_page(feature(case)["pdf"])
    entries = contents_entries(pages)
    assert len(entries) == 5  # four sections and one subsection
    for words, number in entries:
        assert heading_page(pages, words) == number, (words, number)
    assert [n for _, n in entries] == sorted(n for _, n in entries)
    assert max(n for _, n in entries) >= 3, "the fixture should spread over several pages"


def _target_page(pages, target: str) -> int:
    """Where a reference's target is: a heading's label, or a caption's label."""
    if target.startswith(("Table", "Figure", "圖")):
        return page_of(pages, target, CAPTION_SIZE)
    return heading_page(pages, target.replace("Section ", ""))


def _references(path, case) -> list[tuple[str, int]]:
    with pdfplumber.open(path) as pdf:
        text = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
    return [(what, int(page)) for what, page in REFERENCES[case].findall(text)]


@pytest.mark.parametrize("case", CASES)
def test_each_pdf_page_reference_is_its_targets_page(case, feature):
    path = feature(case)["pdf"]
    pages = lines_by_page(path)
    found = _references(path, case)
    assert len(found) == (5 if case == "contents-en" else 2)
    for target, number in found:
        assert _target_page(pages, target) == number, (target, number)


@pytest.mark.parametrize("case", CASES)
def test_the_docx_has_a_toc_field_with_the_pdfs_pages(case, feature):
    built = feature(case)
    root = part(built["docx"])
    [toc] = [i for i in instructions(root) if i.startswith("TOC")]
    assert toc == 'TOC \\o "1-2" \\h \\z \\u'
    entries = [p for p in paragraphs(root) if style_of(p) in ("TOC1", "TOC2")]
    assert [style_of(p) for p in entries].count("TOC2") == 1
    pdf_entries = contents_entries(lines_by_page(built["pdf"]))
    # each entry: a link to the heading's bookmark holding its words, a tab (w:tab, not
    # text) and a PAGEREF to the same bookmark whose result is the PDF's page
    bookmarks = set(root.xpath("//w:bookmarkStart/@w:name", namespaces=NS))
    for p, (words, number) in zip(entries, pdf_entries, strict=True):
        [link] = p.findall("w:hyperlink", NS)
        assert link.get(W + "anchor") in bookmarks
        assert text_of(p) == f"{words}{number}"
        [pageref] = [t.text for t in p.iterfind(".//w:instrText", NS) if "PAGEREF" in t.text]
        assert pageref.split()[1] == link.get(W + "anchor")


@pytest.mark.parametrize("case", CASES)
def test_the_docx_page_references_are_pageref_fields_with_the_pdfs_pages(case, feature):
    built = feature(case)
    root = part(built["docx"])
    pdf_refs = _references(built["pdf"], case)
    body = [p for p in paragraphs(root) if style_of(p) == "BodyText"]
    results = []
    for p in body:
        runs = p.findall("w:r", NS)
        for i, r in enumerate(runs):
            instr = r.find("w:instrText", NS)
            if instr is not None and instr.text.split()[0] == "PAGEREF":
                results.append(int("".join(runs[i + 2].xpath("w:t/text()", namespaces=NS))))
    assert results == [page for _, page in pdf_refs]


@pytest.mark.parametrize("case", CASES)
def test_libreoffice_computes_each_page_reference_for_its_own_layout(case, feature):
    """LibreOffice recomputes PAGEREF fields: each "p. N" it prints is where it put the
    target. (It keeps the TOC field's cached entries, the PDF's pages, until updated.)"""
    path = feature(case, "lo")["lo"]
    pages = lines_by_page(path)
    found = _references(path, case)
    assert len(found) == (5 if case == "contents-en" else 2)
    for target, number in found:
        assert _target_page(pages, target) == number, (target, number)


def test_beside_a_key_points_side_panel_the_contents_stop_short_of_it(tmp_path):
    """The policy-brief theme floats the key points beside the text: the contents' page
    numbers stand left of the panel, in the PDF and in Word's tab stops."""
    from conftest import FEATURES

    from briefing.build import build

    theme = load_theme("policy-brief")
    built = {p.suffix: p for p in build(FEATURES / "contents-en", ["pdf", "docx"], tmp_path, theme)}
    layout, page = theme.key_points, theme.page
    panel_left = page.margin_left + page.text_width - layout.width
    with pdfplumber.open(built[".pdf"]) as pdf:  # what stands left of the panel
        first = pdf.pages[0]
        lines = first.crop((0, 0, panel_left, first.height)).extract_text_lines()
    entries = [ln for ln in lines if LEADER.match(ln["text"])]
    assert len(entries) == 5
    assert all(ln["chars"][-1]["x1"] <= panel_left - layout.gap + 0.5 for ln in entries)
    root = part(built[".docx"])
    stops = [
        int(t.get(W + "pos"))
        for p in paragraphs(root)
        if style_of(p) in ("TOC1", "TOC2")
        for t in p.iterfind("w:pPr/w:tabs/w:tab[@w:val='right']", NS)
    ]
    assert stops == [round((page.text_width - layout.width - layout.gap) * 20)] * 5
