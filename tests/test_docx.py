"""The DOCX writer, read back the way Word would: parts, relationships and WordprocessingML.

Two small papers (zh-Hant and English) built here hold one of every model node. Each
test opens the rendered .docx (zip parts with lxml, or python-docx) and asserts what a
reader of the document would see: native footnotes, the shaded key-points box, SEQ
captions, REF cross-references, named styles, fonts and language, page set-up.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree
from PIL import Image

from briefing import figures
from briefing import model as m
from briefing import styles as names
from briefing.docx import render_docx
from briefing.reader import read_paper
from briefing.theme import load_theme

THEME = load_theme()
TIMESTAMP = dt.datetime(2022, 1, 25, 9, 30, tzinfo=dt.UTC)
NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "asvg": "http://schemas.microsoft.com/office/drawing/2016/SVG/main",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
}
W = f"{{{NS['w']}}}"
R = f"{{{NS['r']}}}"
SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300" viewBox="0 0 400 300">
<rect x="10" y="10" width="380" height="280" fill="#dfe7ef" stroke="#1f3a5f" stroke-width="4"/>
<circle cx="200" cy="150" r="90" fill="#bccbdb"/></svg>"""
BODY_ZH = "自2021年10月起，俄羅斯在烏克蘭邊境集結軍隊，引發國際關注。" * 6
BODY_EN = "Since October 2021 Russia has massed troops on the Ukrainian border. " * 6


# ------------------------------------------------------------------ the test papers


WORDS = {
    "zh-Hant": dict(
        front="""title: 近期中共對俄、烏及哈薩克情勢立場之觀察
series: 國政分析
short_title: 中共對俄烏哈立場
authors: [{name: 趙竹成, affiliation: 政治大學民族學系教授, role: 主稿}]
lang: zh-Hant
key_points: [俄烏問題攸關俄防禦縱深。, 中共秉持不干涉內政原則。]""",
        intro="前言",
        see="如",
        also="及",
        stop="。",
        core="核心利益",
        follow="承",
        comma="，",
        russia="俄羅斯",
        rings="同心圓架構",
        source="作者自繪",
        trade="貿易額",
        head="| 國家 | 貿易額 | 備註 |",
        row1="| 哈薩克 | 10.5 | 能源 |",
        row2="| 烏克蘭 | 3.2 | **糧食** |",
        table="雙邊貿易",
        summary="小結",
        a="甲項",
        b="乙項",
        first="第一",
        second="第二",
        detail="細項",
        box="延伸閱讀",
        box_text="方框內文",
        quote="引文",
        site="網站",
        bold="粗體",
        drafts="俄方草案",
        stressed="強調",
        link="連結",
        putin="普亭講話",
        csto="集體安全條約組織",
    ),
    "en": dict(
        front="""title: China and the Ukraine crisis
subtitle: A briefing
series: Policy Brief
short_title: China and Ukraine
authors: [{name: Jane Doe, affiliation: NCCU, role: lead author}]
lang: en
marking: OFFICIAL
key_points: [Ukraine matters to Russia., China does not interfere.]""",
        intro="Introduction",
        see="See ",
        also=" and ",
        stop=".",
        core="Core interests",
        follow="Following ",
        comma=", ",
        russia="Russia",
        rings="Concentric circles",
        source="Author",
        trade="Trade",
        head="| Country | Trade | Note |",
        row1="| Kazakhstan | 10.5 | Energy |",
        row2="| Ukraine | 3.2 | **Grain** |",
        table="Bilateral trade",
        summary="Summary",
        a="Item A",
        b="Item B",
        first="First",
        second="Second",
        detail="Detail",
        box="Further reading",
        box_text="Box text",
        quote="A quotation",
        site="website",
        bold="bold",
        drafts="Russian drafts",
        stressed="stressed",
        link="link",
        putin="Putin speech ",
        csto="CSTO",
    ),
}
SOURCE = """---
{front}
date: 2022-01-25
number: 5
---
## {intro} {{#sec:intro}}

{body}[^drafts]{body}{see}@fig:rings{also}@tbl:trade{stop}

## {core} {{#sec:core}}

{follow}@sec:intro{comma}*{russia}*[^putin]{body}

![{rings}](figures/rings.svg){{#fig:rings width=55% source="{source}"}}

![{trade}](figures/bars.png){{#fig:bars}}

{head}
|:--|--:|:-:|
{row1}
{row2}

Table: {table} {{#tbl:trade}}

### {summary} {{#sec:sum}}

- {a}
- {b}

3. {first}
4. {second}
   - {detail}

::: {{.box title="{box}"}}
{box_text}
:::

> {quote}

```
print('hello')
print('world')
```

[{site}](https://example.org/a)\\
`x = 1`**{bold}**[^csto]{stop}

[^drafts]: {drafts} *{stressed}* [{link}](https://example.org/fn)
[^putin]: {putin}`ref`
[^csto]: {csto}
"""


def make_paper(folder: Path, lang: str, extra: str = "") -> m.Paper:
    """One of every node type, written as an analyst would and read by the reader."""
    (folder / "figures").mkdir(parents=True, exist_ok=True)
    (folder / "figures" / "rings.svg").write_text(SVG, encoding="utf-8")
    Image.new("RGB", (600, 300), "#bccbdb").save(folder / "figures" / "bars.png", dpi=(150, 150))
    body = BODY_ZH if lang == "zh-Hant" else BODY_EN
    source = SOURCE.format(body=body, **WORDS[lang])
    if extra:
        source = source.replace("[^drafts]: ", f"{extra}\n\n[^drafts]: ")
    (folder / "paper.md").write_text(source, encoding="utf-8")
    return read_paper(folder, THEME)


@pytest.fixture(scope="module", params=["zh-Hant", "en"])
def paper(request, tmp_path_factory) -> m.Paper:
    return make_paper(tmp_path_factory.mktemp(f"docx-{request.param}"), request.param)


@pytest.fixture(scope="module")
def data(paper) -> bytes:
    return render_docx(paper, THEME, timestamp=TIMESTAMP)


@pytest.fixture(scope="module")
def pkg(data) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(data))


def language(paper: m.Paper):
    return THEME.language(paper.meta.lang)


def xml(pkg: zipfile.ZipFile, name: str) -> etree._Element:
    return etree.fromstring(pkg.read(name))


def rels(pkg: zipfile.ZipFile, name: str) -> dict[str, etree._Element]:
    folder, base = name.rsplit("/", 1)
    root = xml(pkg, f"{folder}/_rels/{base}.rels")
    return {r.get("Id"): r for r in root.findall("rel:Relationship", NS)}


def text_of(element: etree._Element) -> str:
    """What a reader sees: the w:t text (not field instructions); U+3000 as a space."""
    return "".join(t.text or "" for t in element.iter(W + "t")).replace("\u3000", " ")


def style_of(p: etree._Element) -> str | None:
    style = p.find("w:pPr/w:pStyle", NS)
    return style.get(W + "val") if style is not None else None


def fields(element: etree._Element) -> list[tuple[str, str]]:
    """(instruction, result text) of every complex field, in document order."""
    out, instr, result, state = [], "", "", None
    for node in element.iter(W + "fldChar", W + "instrText", W + "t"):
        if node.tag == W + "fldChar":
            state = node.get(W + "fldCharType")
            if state == "begin":
                instr, result = "", ""
            elif state == "end":
                out.append((instr.strip(), result))
        elif node.tag == W + "instrText":
            instr += node.text
        elif state == "separate":
            result += node.text
    return out


def bookmarks(element: etree._Element) -> dict[str, str]:
    """{bookmark name: the text between bookmarkStart and bookmarkEnd} (within a paragraph)."""
    out = {}
    for start in element.iter(W + "bookmarkStart"):
        texts, node = [], start.getnext()
        while node is not None and not (
            node.tag == W + "bookmarkEnd" and node.get(W + "id") == start.get(W + "id")
        ):
            texts.append(text_of(node))
            node = node.getnext()
        out[start.get(W + "name")] = "".join(texts)
    return out


# ------------------------------------------------------------------ structure


def test_footnotes_are_native_word_footnotes(pkg, paper):
    types = xml(pkg, "[Content_Types].xml")
    override = types.find("ct:Override[@PartName='/word/footnotes.xml']", NS)
    assert override.get("ContentType") == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
    )
    targets = [
        r.get("Target")
        for r in rels(pkg, "word/document.xml").values()
        if r.get("Type").endswith("/footnotes")
    ]
    assert targets == ["footnotes.xml"]
    notes = xml(pkg, "word/footnotes.xml").findall("w:footnote", NS)
    assert [(n.get(W + "id"), n.get(W + "type")) for n in notes[:2]] == [
        ("-1", "separator"),
        ("0", "continuationSeparator"),
    ]
    assert notes[0].find(".//w:separator", NS) is not None
    assert notes[1].find(".//w:continuationSeparator", NS) is not None
    real = notes[2:]
    assert [int(n.get(W + "id")) for n in real] == [f.number for f in paper.footnotes]
    for note, model_note in zip(real, paper.footnotes):
        first = note.find("w:p", NS)
        assert style_of(first) == "FootnoteText"
        mark = first.find("w:r", NS)
        assert mark.find("w:rPr/w:rStyle", NS).get(W + "val") == "FootnoteReference"
        assert mark.find("w:footnoteRef", NS) is not None
        expected = "".join(t.text for p in model_note.blocks for t in _texts(p.children))
        assert text_of(note).strip() == expected.strip()


def _texts(inlines):
    for node in inlines:
        if isinstance(node, (m.Text, m.Code)):
            yield node
        elif hasattr(node, "children"):
            yield from _texts(node.children)


def test_footnote_calls_are_footnote_references_in_order(pkg, paper):
    calls = xml(pkg, "word/document.xml").findall(".//w:footnoteReference", NS)
    assert [int(c.get(W + "id")) for c in calls] == [1, 2, 3]
    for call in calls:
        style = call.getparent().find("w:rPr/w:rStyle", NS)
        assert style.get(W + "val") == "FootnoteReference"


def test_footnote_markdown_keeps_emphasis_code_and_links(pkg, paper):
    notes = xml(pkg, "word/footnotes.xml")
    # Emphasis as the language marks it: italic, or (zh-Hant) dots under Chinese characters.
    mark = "w:i" if language(paper).emphasis == "italic" else "w:em[@w:val='underDot']"
    assert notes.find(f".//w:r/w:rPr/{mark}", NS) is not None
    assert notes.find(".//w:r/w:rPr/w:rStyle[@w:val='VerbatimChar']", NS) is not None
    link = notes.find(".//w:hyperlink", NS)
    rel = rels(pkg, "word/footnotes.xml")[link.get(R + "id")]
    assert rel.get("Target") == "https://example.org/fn" and rel.get("TargetMode") == "External"


def test_settings_place_footnotes_at_the_page_foot(pkg):
    pr = xml(pkg, "word/settings.xml").find("w:footnotePr", NS)
    assert pr.find("w:pos", NS).get(W + "val") == "pageBottom"
    assert pr.find("w:numFmt", NS).get(W + "val") == "decimal"
    assert [f.get(W + "id") for f in pr.findall("w:footnote", NS)] == ["-1", "0"]


def test_key_points_are_a_shaded_bordered_box_after_the_title_block(pkg, paper):
    body = xml(pkg, "word/document.xml").find("w:body", NS)
    before = []
    for child in body:
        if child.tag == W + "tbl":
            box = child
            break
        before.append(style_of(child))
    assert before[-2:] == ["Author", "Date"] and "Title" in before
    cells = box.findall(".//w:tc", NS)
    assert len(cells) == 1
    fill = THEME.colours["box_fill"].lstrip("#").upper()
    border = THEME.colours["box_border"].lstrip("#").upper()
    assert cells[0].find("w:tcPr/w:shd", NS).get(W + "fill") == fill
    for borders in (box.find("w:tblPr/w:tblBorders", NS), cells[0].find("w:tcPr/w:tcBorders", NS)):
        for side in ("top", "left", "bottom", "right"):
            line = borders.find(f"w:{side}", NS)
            assert (line.get(W + "val"), line.get(W + "color")) == ("single", border)
            assert line.get(W + "sz") == str(round(THEME.box.border * 8))
    assert box.find("w:tr/w:trPr/w:cantSplit", NS) is not None
    paragraphs = cells[0].findall("w:p", NS)
    assert style_of(paragraphs[0]) == "KeyPointsTitle"
    assert text_of(paragraphs[0]) == language(paper).word("key_points")
    points = paragraphs[1:]
    expected = [item[0].children[0].text for item in paper.key_points.children[0].items]
    assert [text_of(p) for p in points] == expected
    for p in points:
        assert style_of(p) == "KeyPoints"
        assert _num_format(pkg, p) == "bullet"


def _num_format(pkg, p) -> str:
    """numFmt of the list level a paragraph is in, looked up in numbering.xml."""
    num_id = p.find("w:pPr/w:numPr/w:numId", NS).get(W + "val")
    level = p.find("w:pPr/w:numPr/w:ilvl", NS).get(W + "val")
    numbering = xml(pkg, "word/numbering.xml")
    num = numbering.find(f"w:num[@w:numId='{num_id}']", NS)
    abstract_id = num.find("w:abstractNumId", NS).get(W + "val")
    abstract = numbering.find(f"w:abstractNum[@w:abstractNumId='{abstract_id}']", NS)
    return abstract.find(f"w:lvl[@w:ilvl='{level}']/w:numFmt", NS).get(W + "val")


def test_a_box_block_is_a_box_too(pkg, paper):
    boxes = [
        t
        for t in xml(pkg, "word/document.xml").iter(W + "tbl")
        if t.find(".//w:tcPr/w:shd", NS) is not None
    ]
    assert len(boxes) == 2
    paragraphs = boxes[1].findall(".//w:p", NS)
    assert [style_of(p) for p in paragraphs] == ["BoxTitle", "BoxText"]


def test_svg_figures_embed_the_svg_with_a_png_fallback(pkg, paper):
    document = xml(pkg, "word/document.xml")
    document_rels = rels(pkg, "word/document.xml")
    blips = document.findall(".//a:blip", NS)
    assert len(blips) == 2
    svg_blip = blips[0].find("a:extLst/a:ext/asvg:svgBlip", NS)
    assert blips[0].find("a:extLst/a:ext", NS).get("uri") == (
        "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
    )
    rid = R + "embed"
    png = pkg.read("word/" + document_rels[blips[0].get(rid)].get("Target"))
    svg = pkg.read("word/" + document_rels[svg_blip.get(rid)].get("Target"))
    # The loader's clean SVG: the same drawing, sized in px, without the XML's extras.
    assert svg == figures.load(paper.folder / "figures" / "rings.svg").data
    circle = etree.fromstring(svg).find("{http://www.w3.org/2000/svg}circle")
    assert (circle.get("r"), circle.get("fill")) == ("90", "#bccbdb")
    assert png.startswith(b"\x89PNG")
    types = xml(pkg, "[Content_Types].xml")
    svg_name = "/word/" + document_rels[svg_blip.get(rid)].get("Target")
    assert types.find(f"ct:Override[@PartName='{svg_name}']", NS).get("ContentType") == (
        "image/svg+xml"
    )
    assert types.find("ct:Default[@Extension='png']", NS).get("ContentType") == "image/png"
    # 55% of the text width, at 300 dpi
    text_width_in = THEME.page.text_width / 72
    extent = document.findall(".//wp:extent", NS)
    assert int(extent[0].get("cx")) == pytest.approx(0.55 * text_width_in * 914400, rel=1e-3)
    assert int(extent[0].get("cy")) == pytest.approx(int(extent[0].get("cx")) * 0.75, rel=1e-3)
    assert Image.open(io.BytesIO(png)).width == pytest.approx(0.55 * text_width_in * 300, abs=1)


def test_png_figures_are_embedded_as_they_are_at_their_natural_size(pkg, paper):
    document = xml(pkg, "word/document.xml")
    blip = document.findall(".//a:blip", NS)[1]
    assert blip.find("a:extLst", NS) is None
    target = rels(pkg, "word/document.xml")[blip.get(R + "embed")].get("Target")
    assert pkg.read("word/" + target) == (paper.folder / "figures/bars.png").read_bytes()
    extent = document.findall(".//wp:extent", NS)[1]
    assert (int(extent.get("cx")), int(extent.get("cy"))) == (4 * 914400, 2 * 914400)
    doc_prs = [int(d.get("id")) for d in document.iterfind(".//wp:docPr", NS)]
    assert doc_prs == [1, 2]


def test_captions_are_numbered_with_seq_fields_inside_bookmarks(pkg, paper):
    body = xml(pkg, "word/document.xml").find("w:body", NS)
    captions = [p for p in body.iter(W + "p") if style_of(p) == "Caption"]
    figure, table = language(paper).word("figure"), language(paper).word("table")
    # The first of each sequence restarts it (\\r 1): a paper bound into a volume counts
    # from 1 again when the fields are updated.
    expected = [
        (f"SEQ {figure} \\* ARABIC \\r 1", "1"),
        (f"SEQ {figure} \\* ARABIC", "2"),
        (f"SEQ {table} \\* ARABIC \\r 1", "1"),
    ]
    assert [fields(c)[0] for c in captions] == expected
    marks = bookmarks(body)
    assert marks["_Ref_fig_rings"] == f"{figure} 1"
    assert marks["_Ref_tbl_trade"] == f"{table} 1"
    # figure captions follow their figure; the table caption comes before the table
    assert style_of(captions[0].getprevious()) == "Figure"
    assert captions[2].getnext().tag == W + "tbl"
    assert captions[2].find("w:pPr/w:keepNext", NS) is not None
    source = captions[0].getnext()
    assert style_of(source) == "Source"
    assert text_of(source) == language(paper).word("source") + paper.blocks[4].source


def test_cross_references_are_ref_fields_to_existing_bookmarks(pkg, paper):
    body = xml(pkg, "word/document.xml").find("w:body", NS)
    marks = bookmarks(body)
    refs = [(i, r) for i, r in fields(body) if i.startswith("REF ")]
    assert len(refs) == 3
    for instruction, result in refs:
        name = instruction.split()[1]
        assert instruction.endswith("\\h") and name in marks
        assert result == marks[name]
    flat = text_of(body)
    zh = paper.meta.lang == "zh-Hant"
    assert ("承（一）" if zh else "Following Section 1") in flat
    assert marks["_Ref_sec_intro"] == ("（一）" if zh else "1")


def test_tables_have_a_repeating_header_row_and_rules(pkg):
    table = next(
        t
        for t in xml(pkg, "word/document.xml").iter(W + "tbl")
        if t.find(".//w:tcPr/w:shd", NS) is None
    )
    rows = table.findall("w:tr", NS)
    assert rows[0].find("w:trPr/w:tblHeader", NS) is not None
    assert all(r.find("w:trPr/w:tblHeader", NS) is None for r in rows[1:])
    assert {style_of(p) for p in rows[0].iter(W + "p")} == {"TableHeading"}
    assert {style_of(p) for r in rows[1:] for p in r.iter(W + "p")} == {"TableText"}
    aligns = [p.find("w:pPr/w:jc", NS).get(W + "val") for p in rows[1].iter(W + "p")]
    assert aligns == ["left", "right", "center"]
    borders = table.find("w:tblPr/w:tblBorders", NS)
    assert borders.find("w:top", NS).get(W + "val") == "single"
    assert borders.find("w:insideV", NS).get(W + "val") == "nil"
    text_width = round(THEME.page.text_width * 20)
    assert table.find("w:tblPr/w:tblW", NS).get(W + "w") == str(text_width)


def test_headings_carry_their_label_as_text(data, paper):
    document = docx.Document(io.BytesIO(data))
    headings = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    if paper.meta.lang == "zh-Hant":
        assert headings == [
            ("Heading 1", "（一）前言"),
            ("Heading 1", "（二）核心利益"),
            ("Heading 2", "1.小結"),
        ]
    else:
        assert headings == [
            ("Heading 1", "1 Introduction"),
            ("Heading 1", "2 Core interests"),
            ("Heading 2", "2.1 Summary"),
        ]


def test_lists_use_numbering_definitions(pkg):
    body = xml(pkg, "word/document.xml").find("w:body", NS)
    listed = [p for p in body.findall("w:p", NS) if p.find("w:pPr/w:numPr", NS) is not None]
    assert [(style_of(p), _num_format(pkg, p)) for p in listed] == [
        ("ListBullet", "bullet"),
        ("ListBullet", "bullet"),
        ("ListNumber", "decimal"),
        ("ListNumber", "decimal"),
        ("ListBullet", "bullet"),
    ]
    assert listed[-1].find("w:pPr/w:numPr/w:ilvl", NS).get(W + "val") == "1"
    num_id = listed[2].find("w:pPr/w:numPr/w:numId", NS).get(W + "val")
    numbering = xml(pkg, "word/numbering.xml")
    start = numbering.find(f"w:num[@w:numId='{num_id}']/w:lvlOverride/w:startOverride", NS)
    assert start.get(W + "val") == "3"


def test_other_blocks_and_inlines_use_their_styles(pkg):
    body = xml(pkg, "word/document.xml").find("w:body", NS)
    styles = [style_of(p) for p in body.findall("w:p", NS)]
    assert "Quote" in styles and "SourceCode" in styles
    code = next(p for p in body.findall("w:p", NS) if style_of(p) == "SourceCode")
    assert len(code.findall(".//w:br", NS)) == 1
    link = body.find(".//w:hyperlink", NS)
    assert link.find(".//w:rStyle", NS).get(W + "val") == "Hyperlink"
    assert body.find(".//w:rStyle[@w:val='VerbatimChar']", NS) is not None
    assert body.xpath(".//w:p[w:pPr/w:pStyle/@w:val='BodyText']//w:br", namespaces=NS)


STYLE_NAMES = [
    names.TITLE,
    names.SUBTITLE,
    *names.HEADINGS.values(),
    names.BODY,
    names.KEY_POINTS_TITLE,
    names.KEY_POINTS,
    names.BOX_TITLE,
    names.BOX_TEXT,
    names.CAPTION,
    names.FOOTNOTE_TEXT,
    names.FOOTNOTE_REFERENCE,
    names.SOURCE,
    names.HEADER,
    names.FOOTER,
    names.SERIES,
    names.AUTHOR,
    names.DATE,
    names.MARKING,
    names.LIST_BULLET,
    names.LIST_NUMBER,
    names.QUOTE,
    names.CODE,
    names.TABLE_TEXT,
    names.TABLE_HEADING,
    names.FIGURE,
]


def test_named_styles_exist_and_body_text_uses_them_without_direct_formatting(data, pkg, paper):
    document = docx.Document(io.BytesIO(data))
    for name in STYLE_NAMES:
        assert document.styles[name] is not None, name
    assert document.styles[names.FOOTNOTE_REFERENCE].font.superscript
    body_paragraphs = [
        p
        for p in document.paragraphs
        if p.text.startswith(BODY_ZH[:10]) or p.text.startswith(BODY_EN[:10])
    ]
    assert body_paragraphs and {p.style.name for p in body_paragraphs} == {names.BODY}
    for p in body_paragraphs:
        assert [child.tag for child in p._p.pPr] == [W + "pStyle"]
        for run in p._p.iter(W + "r"):
            props = run.find("w:rPr", NS)
            allowed = {W + "rStyle", W + "i", W + "b", W + "rFonts"}
            assert props is None or {c.tag for c in props} <= allowed


def test_fonts_language_and_cjk_typography_come_from_the_theme(pkg, paper):
    fonts = language(paper).docx_fonts
    styles = xml(pkg, "word/styles.xml")
    defaults = styles.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    rfonts = defaults.find("w:rFonts", NS)
    assert rfonts.get(W + "ascii") == rfonts.get(W + "hAnsi") == fonts["body"]
    assert rfonts.get(W + "eastAsia") == fonts["body_east_asia"]
    tagged = defaults.find("w:lang", NS)
    assert tagged.get(W + "eastAsia") == "zh-TW"
    assert tagged.get(W + "val") == "en-GB"
    heading = styles.find("w:style[@w:styleId='Heading1']/w:rPr/w:rFonts", NS)
    assert heading.get(W + "eastAsia") == fonts["heading_east_asia"]
    body = styles.find("w:style[@w:styleId='BodyText']/w:pPr", NS)
    assert body.find("w:jc", NS).get(W + "val") == "both"
    ppr_default = styles.find("w:docDefaults/w:pPrDefault/w:pPr", NS)
    if language(paper).cjk:
        assert body.find("w:ind", NS).get(W + "firstLineChars") == "200"
        for switch in ("kinsoku", "autoSpaceDE", "autoSpaceDN"):
            assert ppr_default.find(f"w:{switch}", NS) is not None
    else:
        assert body.find("w:ind", NS) is None


def test_page_is_a4_with_theme_margins_header_and_footer(pkg, paper):
    document = xml(pkg, "word/document.xml")
    sect = document.find("w:body/w:sectPr", NS)
    size, margins = sect.find("w:pgSz", NS), sect.find("w:pgMar", NS)
    assert (size.get(W + "w"), size.get(W + "h")) == ("11906", "16838")
    page = THEME.page
    for side in ("top", "bottom", "left", "right"):
        assert int(margins.get(W + side)) == round(getattr(page, f"margin_{side}") * 20)
    header = xml(pkg, "word/header1.xml")
    assert paper.title_block.header_title in text_of(header)
    assert paper.meta.series in text_of(header)
    if paper.meta.marking:
        assert paper.meta.marking in text_of(header)
    footer = xml(pkg, "word/footer1.xml")
    assert [i for i, _ in fields(footer)] == ["PAGE \\* ARABIC", "NUMPAGES \\* ARABIC"]
    words = language(paper).page_pattern.split("{page}")[0]
    assert text_of(footer).startswith(words)


def test_title_block(data, paper):
    document = docx.Document(io.BytesIO(data))
    block = [(p.style.name, p.text) for p in document.paragraphs[:6]]
    if paper.meta.lang == "zh-Hant":
        assert block[:4] == [
            ("Series", "國政分析"),
            ("Title", "五、近期中共對俄、烏及哈薩克情勢立場之觀察"),
            ("Author", "政治大學民族學系教授趙竹成主稿"),
            ("Date", "2022 年 1 月 25 日"),
        ]
    else:
        assert block == [
            ("Marking", "OFFICIAL"),
            ("Series", "Policy Brief"),
            ("Title", "No. 5 China and the Ukraine crisis"),
            ("Subtitle", "A briefing"),
            ("Author", "Jane Doe, NCCU (lead author)"),
            ("Date", "25 January 2022"),
        ]


def test_document_properties_name_the_paper_not_the_tool(data, pkg, paper):
    props = docx.Document(io.BytesIO(data)).core_properties
    assert props.title == paper.meta.title
    assert props.author == paper.meta.authors[0].name
    assert props.created == props.modified == TIMESTAMP
    assert props.language == language(paper).docx_lang
    assert props.revision == 1
    for name in pkg.namelist():
        assert b"python-docx" not in pkg.read(name), name
    assert b"<Application>briefing</Application>" in pkg.read("docProps/app.xml")


def test_two_renders_are_byte_identical(data, paper):
    assert render_docx(paper, THEME, timestamp=TIMESTAMP) == data
    entries = zipfile.ZipFile(io.BytesIO(data)).infolist()
    assert entries[0].filename == "[Content_Types].xml"
    assert [e.filename for e in entries[1:]] == sorted(e.filename for e in entries[1:])
    assert {e.date_time for e in entries} == {(2022, 1, 25, 9, 30, 0)}
    assert {e.external_attr for e in entries} == {0o100644 << 16}


def test_timestamps_before_1980_are_clamped(paper):
    old = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    entries = zipfile.ZipFile(io.BytesIO(render_docx(paper, THEME, timestamp=old))).infolist()
    assert {e.date_time for e in entries} == {(1980, 1, 1, 0, 0, 0)}


def test_a_second_call_to_a_note_is_a_noteref_to_the_first(tmp_path):
    paper = make_paper(tmp_path, "en", extra="Again[^drafts].")
    body = etree.fromstring(
        zipfile.ZipFile(io.BytesIO(render_docx(paper, THEME, timestamp=TIMESTAMP))).read(
            "word/document.xml"
        )
    )
    calls = [int(c.get(W + "id")) for c in body.iter(W + "footnoteReference")]
    assert calls == [1, 2, 3], "a note has one w:footnoteReference"
    assert ("NOTEREF _Ref_fn_1 \\h", "1") in fields(body)
    start = body.find(".//w:bookmarkStart[@w:name='_Ref_fn_1']", NS)
    assert start.getnext().find("w:footnoteReference", NS).get(W + "id") == "1"


@pytest.mark.parametrize(
    "model_id, expected",
    [
        ("fig:rings", "_Ref_fig_rings"),
        ("tbl:gdp-growth", "_Ref_tbl_gdp_growth"),
        ("sec:" + "x" * 60, r"_Ref_sec_x{22}_[0-9a-f]{8}"),  # too long: cut, and a digest
        ("sec:前言", r"_Ref_sec____[0-9a-f]{8}"),  # not ASCII: a digest keeps it unique
    ],
)
def test_bookmark_names_are_what_word_accepts(model_id, expected):
    from briefing.docx.fields import bookmark_name

    name = bookmark_name(model_id)
    assert len(name) <= 40 and re.fullmatch(r"_Ref[A-Za-z0-9_]+", name)
    assert re.fullmatch(expected, name), name
    assert name == bookmark_name(model_id), "stable from run to run"


def test_the_docx_writer_does_not_load_weasyprint():
    import subprocess
    import sys

    code = "import sys, briefing.docx; sys.exit('weasyprint' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
