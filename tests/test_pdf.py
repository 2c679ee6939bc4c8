"""The sample PDFs, read back as a reader sees them."""

from __future__ import annotations

import re
import subprocess

import pypdf
import pytest
from pdf_reading import read_pages

from briefing import model as m
from briefing.transform import walk

SEED = "zh-russia-ukraine-kazakhstan"
ENGLISH = "en-rare-earth-processing"
A4 = (595.28, 841.89)


@pytest.fixture(scope="module")
def seed_pages(built_pdf):
    return read_pages(built_pdf[SEED])


@pytest.fixture(scope="module")
def english_pages(built_pdf):
    return read_pages(built_pdf[ENGLISH])


@pytest.mark.parametrize("slug", [SEED, ENGLISH])
def test_every_footnote_sits_at_the_foot_of_the_page_of_its_first_call(built_pdf, slug, request):
    pages = read_pages(built_pdf[slug])
    paper = request.getfixturevalue("seed_paper" if slug == SEED else "english_paper")
    first_call = {}
    for view in pages:
        for number in view.calls:
            first_call.setdefault(number, view.number)
    note_page = {n: view.number for view in pages for n in view.notes}
    expected = [f.number for f in paper.footnotes]
    assert sorted(first_call) == expected, "every note is called, and only those"
    assert sorted(note_page) == expected, "every note is printed once"
    for number in expected:
        assert note_page[number] == first_call[number], f"note {number} not on its call's page"
        view = pages[note_page[number] - 1]
        assert view.notes[number] > view.body_bottom, f"note {number} is not below the body text"


def test_footnotes_are_numbered_in_call_order(seed_pages):
    calls = [n for view in seed_pages for n in view.calls]
    assert calls == sorted(calls) == list(range(1, len(calls) + 1))


def test_the_seed_reads_as_the_briefing(seed_pages, seed_paper):
    text = "".join(v.text for v in seed_pages)
    first = seed_pages[0].text
    assert "五、近期中共對俄、烏及哈薩克情勢立場之觀察" in first.replace("\n", "")
    assert "政治大學民族學系教授趙竹成主稿" in first
    assert "重點摘要" in first
    flat = first.replace("\n", "")
    for [point] in seed_paper.key_points.children[0].items:
        assert point.children[0].text[:20] in flat, "key point missing from page 1"
    labels = [label for label in re.findall(r"（[一二三四五六七八九十]+）", text)]
    assert labels[:4] == ["（一）", "（二）", "（三）", "（四）"]
    assert "圖 1" in text and "俄羅斯與中亞五國關係的同心圓架構" in text


@pytest.mark.parametrize("slug", [SEED, ENGLISH])
def test_no_markdown_syntax_leaks_into_the_pdf(built_pdf, slug):
    text = "".join(v.text for v in read_pages(built_pdf[slug]))
    for leak in ("[^", "@fig:", "@tbl:", "@sec:", "**", "{#", ":::", "](", "<span"):
        assert leak not in text, f"{leak!r} printed in {slug}"


def test_figures_and_tables_are_numbered_and_referenced(english_pages, english_paper):
    text = " ".join(v.text for v in english_pages)
    figures = [n for n in walk(english_paper.blocks) if isinstance(n, m.Figure)]
    tables = [n for n in walk(english_paper.blocks) if isinstance(n, m.Table)]
    assert figures and tables
    for i, _ in enumerate(figures, 1):
        assert re.search(rf"Figure {i}\b", text)
    for i, _ in enumerate(tables, 1):
        assert re.search(rf"Table {i}\b", text)
    refs = [n.text for n in walk(english_paper.blocks) if isinstance(n, m.CrossRef)]
    for ref in refs:
        assert ref in text


def test_the_key_points_box_is_shaded_and_on_page_one(built_pdf):
    import pdfplumber

    from briefing.theme import load_theme

    fill = load_theme().colours["box_fill"].lstrip("#")
    rgb = tuple(int(fill[i : i + 2], 16) / 255 for i in (0, 2, 4))
    with pdfplumber.open(built_pdf[SEED]) as pdf:
        page = pdf.pages[0]
        boxes = [
            r
            for r in page.rects
            if r["non_stroking_color"]
            and all(abs(a - b) < 0.01 for a, b in zip(r["non_stroking_color"], rgb))
        ]
        assert boxes, "no shaded box on page 1"
        box = boxes[0]
        inside = page.within_bbox((box["x0"], box["top"], box["x1"], box["bottom"])).extract_text()
        assert "重點摘要" in inside and "俄烏問題或是哈薩克事件" in inside


@pytest.mark.parametrize("slug", [SEED, ENGLISH])
def test_pages_are_a4_with_running_header_and_page_numbers(built_pdf, slug):
    pages = read_pages(built_pdf[slug])
    reader = pypdf.PdfReader(built_pdf[slug])
    total = len(reader.pages)
    assert total >= 2
    for page in reader.pages:
        box = page.mediabox
        assert (round(float(box.width), 1), round(float(box.height), 1)) == (595.3, 841.9)
    for view in pages:
        label = (
            f"第 {view.number} 頁／共 {total} 頁"
            if slug == SEED
            else f"Page {view.number} of {total}"
        )
        assert label in view.text
    title_word = "近期中共對俄" if slug == SEED else "Mined Widely"
    assert title_word in pages[1].text.splitlines()[0], "running header with the title"


@pytest.mark.parametrize("slug", [SEED, ENGLISH])
def test_fonts_are_embedded_and_chinese_is_set_in_a_cjk_font(built_pdf, slug):
    reader = pypdf.PdfReader(built_pdf[slug])
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font.get("/DescendantFonts")
            desc = (descendant[0].get_object() if descendant else font).get("/FontDescriptor")
            fonts[str(font["/BaseFont"])] = desc.get_object()
    assert fonts
    for name, desc in fonts.items():
        assert any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")), (
            f"{name} not embedded"
        )
    if slug == SEED:
        import pdfplumber

        with pdfplumber.open(built_pdf[slug]) as pdf:
            for page in pdf.pages:
                for c in page.chars:
                    if "\u4e00" <= c["text"] <= "\u9fff":
                        assert "CJK" in c["fontname"], (c["text"], c["fontname"])


def test_metadata_comes_from_the_paper_not_the_clock(built_pdf, seed_paper):
    reader = pypdf.PdfReader(built_pdf[SEED])
    info = reader.metadata
    assert info["/Title"] == seed_paper.meta.title
    assert info["/Author"] == "趙竹成"
    assert info["/CreationDate"].startswith("D:20220125000000")
    assert info["/ModDate"].startswith("D:20220125000000")
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "zh-Hant"
    assert root["/MarkInfo"]["/Marked"] is True or root["/MarkInfo"]["/Marked"] == True  # noqa: E712
    assert "/StructTreeRoot" in root, "tagged PDF"


def test_copy_paste_gives_the_source_text(built_pdf, seed_paper):
    out = subprocess.run(
        ["pdftotext", "-layout", str(built_pdf[SEED]), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    flat = re.sub(r"\s+", "", out)
    sentence = "無論是俄烏問題或是哈薩克事件，都是發生在俄羅斯的國家核心利益區域之內。"
    assert sentence in flat
