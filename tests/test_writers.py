"""Every writer handles every node of the model, and prints what the model says.

The HTML writer is read back with lxml (the page WeasyPrint lays out): the labels,
the key-points box, a note placed at its first call only, links to existing ids, the
named styles as classes, and every string escaped.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from pathlib import Path

import pytest
from lxml import html as lxml_html
from test_docx import THEME, make_paper

from briefing import model as m
from briefing import styles as names
from briefing.docx.inlines import INLINE_HANDLERS as DOCX_INLINES
from briefing.docx.writer import BLOCK_HANDLERS as DOCX_BLOCKS
from briefing.html import BLOCKS as HTML_BLOCKS
from briefing.html import INLINES as HTML_INLINES
from briefing.html import render_html
from briefing.markdown import BLOCK_HANDLERS as MARKDOWN_BLOCKS
from briefing.markdown import INLINE_HANDLERS as MARKDOWN_INLINES
from briefing.reader import read_paper
from briefing.web import BLOCKS as WEB_BLOCKS
from briefing.web import INLINES as WEB_INLINES

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from bench_typst import BLOCK_HANDLERS as TYPST_BLOCKS  # noqa: E402
from bench_typst import INLINE_HANDLERS as TYPST_INLINES  # noqa: E402

WRITERS = {
    "html": (HTML_BLOCKS, HTML_INLINES),
    "web": (WEB_BLOCKS, WEB_INLINES),
    "docx": (DOCX_BLOCKS, DOCX_INLINES),
    "markdown (briefing import)": (MARKDOWN_BLOCKS, MARKDOWN_INLINES),
    "typst (benchmark)": (TYPST_BLOCKS, TYPST_INLINES),
}
TIMESTAMP = dt.datetime(2022, 1, 25, tzinfo=dt.UTC)


@pytest.mark.parametrize("writer", WRITERS)
def test_every_node_type_has_a_handler_in_every_writer(writer):
    blocks, inlines = WRITERS[writer]
    assert set(blocks) == set(m.BLOCK_TYPES), f"{writer}: block handlers"
    assert set(inlines) == set(m.INLINE_TYPES), f"{writer}: inline handlers"


@pytest.fixture(scope="module", params=["zh-Hant", "en"])
def page(request, tmp_path_factory):
    paper = make_paper(tmp_path_factory.mktemp(f"html-{request.param}"), request.param)
    extra = paper.folder / "paper.md"
    source = extra.read_text(encoding="utf-8")
    # a second call to note 1, and text that must be escaped, not obeyed
    source = source.replace("[^drafts]: ", "Again[^drafts] <b>not bold</b>&amp;.\n\n[^drafts]: ")
    extra.write_text(source.replace("<b>not bold</b>", "`<b>not bold</b>`"), encoding="utf-8")
    paper = read_paper(paper.folder, THEME)
    return paper, lxml_html.fromstring(render_html(paper, THEME, TIMESTAMP))


def classes(element) -> set[str]:
    return set((element.get("class") or "").split())


def test_the_title_block_prints_the_model_lines(page):
    paper, root = page
    tb = paper.title_block
    assert root.find_class("title")[0].text_content() == tb.numbered_title
    assert [p.text_content() for p in root.find_class("author")] == list(tb.authors)
    assert root.find_class("date")[0].text_content() == tb.date


def test_the_key_points_box_holds_the_points_in_their_style(page):
    paper, root = page
    [box] = root.find_class("key-points-box")
    assert box.find_class("key-points-title")[0].text_content() == paper.key_points.title
    items = [li for li in box.iter("li")]
    assert len(items) == 2 and all(classes(li) == {"key-points"} for li in items)


def test_figures_and_tables_carry_their_labels_and_ids(page):
    paper, root = page
    labels = [n.label.text for n in _walk(paper.blocks) if isinstance(n, (m.Figure, m.Table))]
    printed = [span.text_content() for span in root.xpath("//figcaption/span | //caption/span")]
    assert printed == labels
    for ref in root.find_class("cross-reference"):
        target = ref.get("href")[1:]
        assert root.get_element_by_id(target) is not None, f"{target} is not on the page"


def test_a_note_is_placed_at_its_first_call_and_numbered_again_after(page):
    paper, root = page
    placed = root.find_class("footnote")
    assert len(placed) == len(paper.footnotes)
    again = root.find_class("footnote-again")
    assert [a.text_content() for a in again] == ["1"]


def test_paragraphs_take_the_style_of_where_they_stand(page):
    _, root = page
    assert {"body-text"} <= {c for p in root.iter("p") for c in classes(p)}
    box = [b for b in root.find_class("box") if "key-points-box" not in classes(b)][0]
    assert all(classes(p) & {"box-title", "box-text"} for p in box.iter("p"))
    assert {"list-bullet"} == classes(root.xpath("//ul[@class='list']/li")[-1])
    assert root.xpath("//blockquote/p")[0].get("class") == names.css_class(names.QUOTE)
    # the container takes no style: the Quote style's indent is applied once, to its text
    assert names.css_class(names.QUOTE) not in classes(root.xpath("//blockquote")[0])


def test_content_text_is_escaped_not_obeyed(page):
    _, root = page
    assert not root.xpath("//b"), "a <b> written in the text became markup"
    assert "<b>not bold</b>" in root.text_content()


def _walk(node):
    from briefing.transform import walk

    return walk(node)


# ------------------------------------------------------------------ labels and widths in both
EVERYWHERE = Path(__file__).parent / "fixtures" / "reader" / "figures_everywhere.md"


@pytest.fixture(scope="module")
def everywhere(tmp_path_factory):
    """The reader fixture with figures in a list, a quote and a box, in both outputs."""
    from briefing.build import build

    out = tmp_path_factory.mktemp("everywhere")
    folder = out / "paper"
    folder.mkdir()
    (folder / "paper.md").write_text(EVERYWHERE.read_text(encoding="utf-8"), encoding="utf-8")
    shutil.copytree(EVERYWHERE.parent / "figures", folder / "figures")
    pdf, docx_path = build(folder, ["pdf", "docx"], out)
    return read_paper(folder, THEME), pdf, docx_path


def test_figures_in_lists_quotes_and_boxes_are_labelled_in_the_pdf(everywhere):
    import pdfplumber

    paper, pdf, _ = everywhere
    with pdfplumber.open(pdf) as document:
        text = " ".join(page.extract_text() for page in document.pages)
        images = [image for page in document.pages for image in page.images]
    for caption in ("Figure 1 In a list", "Figure 2 In a quote", "Table 1 In a quote"):
        assert caption in text
    assert "Figure 3 In a box" in text and "Figure 4 At the top level" in text
    assert "citing Figure 1, Figure 2 and Figure 3." in text
    # map.png twice: 40% of the text width in the list, 144pt in the box
    widths = sorted(round(image["x1"] - image["x0"], 1) for image in images)
    assert widths == [144.0, round(0.4 * THEME.page.text_width, 1)]


def test_figures_in_lists_quotes_and_boxes_are_labelled_in_the_docx(everywhere):
    import zipfile

    from lxml import etree
    from test_docx import NS, W, fields

    paper, _, docx_path = everywhere
    with zipfile.ZipFile(docx_path) as package:
        body = etree.fromstring(package.read("word/document.xml"))
    seq = [(i.split()[1], r) for i, r in fields(body) if i.startswith("SEQ ")]
    order = [("Figure", "1"), ("Figure", "2"), ("Table", "1"), ("Figure", "3"), ("Figure", "4")]
    assert seq == order
    refs = [r for i, r in fields(body) if i.startswith("REF ")]
    assert refs == ["Figure 3", "Table 1", "Figure 1", "Figure 2", "Figure 3", "1"]
    marks = {b.get(W + "name") for b in body.iter(W + "bookmarkStart")}
    for instruction, _ in fields(body):
        if instruction.startswith("REF "):
            assert instruction.split()[1] in marks, instruction
    extents = [int(e.get("cx")) / 12700 for e in body.iter(f"{{{NS['wp']}}}extent")]
    # list 40%, quote 5cm, box 144pt, top 300px
    expected = [0.4 * THEME.page.text_width, 5 / 2.54 * 72, 144.0, 225.0]
    assert [round(w, 1) for w in extents] == [round(w, 1) for w in expected]
