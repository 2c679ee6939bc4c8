"""Running heads and handling markings, read back from the PDF and the DOCX.

A marking is a security label: it is on every page of every output holding its paper, on
a line of its own, whole. The series and the title share the header line and never run
into each other (the longer one is cut with an ellipsis); the page label stays on one
line. Bookmarks and headers keep the separator after a number; a volume's right pages
carry the paper's short title.
"""

from __future__ import annotations

import shutil
import zipfile

import pdfplumber
import pypdf
import pytest
from conftest import CONTENT, ENGLISH
from lxml import etree

from briefing.build import build, build_volume
from briefing.theme import load_theme

THEME = load_theme()
PAGE = THEME.page
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LONG_MARKING = (
    "FOR PUBLIC RELEASE — DISTRIBUTION UNLIMITED — NOT FOR ONWARD TRANSMISSION TO THIRD PARTIES"
)
LONG_SERIES = "Sample Briefings on Critical Minerals, Supply Chains and Industrial Policy"
SHORT_TITLE = "Rare Earths Processing"
ZH_MARKING = "限閱"
ZH_SHORT = "上合組織與集安組織"


def _edit_front_matter(paper_md, after: str, lines: str) -> None:
    text = paper_md.read_text(encoding="utf-8")
    assert after in text
    paper_md.write_text(text.replace(after, after + lines, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """An English paper with a long series and a long marking, a marked Chinese paper and
    an unmarked one, bound into an English volume; all built."""
    root = tmp_path_factory.mktemp("running-heads")
    content = root / "content"
    (content / "volumes").mkdir(parents=True)
    shutil.copytree(ENGLISH, content / "en-marked")
    shutil.copytree(CONTENT / "zh-sco-csto-membership", content / "zh-marked")
    shutil.copytree(CONTENT / "zh-central-asia-energy", content / "zh-plain")
    shutil.copytree(CONTENT / "data", content / "data")  # the CSV of zh-plain's chart
    _edit_front_matter(
        content / "en-marked" / "paper.md",
        "number: 1\n",
        f"short_title: {SHORT_TITLE}\nmarking: {LONG_MARKING}\n",
    )
    md = content / "en-marked" / "paper.md"
    md.write_text(
        md.read_text(encoding="utf-8").replace(
            "series: Sample Briefings\n", f"series: {LONG_SERIES}\n"
        ),
        encoding="utf-8",
    )
    _edit_front_matter(
        content / "zh-marked" / "paper.md",
        "number: 4\n",
        f"short_title: {ZH_SHORT}\nmarking: {ZH_MARKING}\n",
    )
    (content / "volumes" / "bound.yaml").write_text(
        "title: Observations on Central Asia\ndate: 2025-07-01\nlang: en\n"
        "papers: [en-marked, zh-marked, zh-plain]\n",
        encoding="utf-8",
    )
    out = root / "build"
    pdf, docx = build(content / "en-marked", ["pdf", "docx"], out)
    vpdf, vdocx = build_volume(content / "volumes" / "bound.yaml", ["pdf", "docx"], out)
    return {"pdf": pdf, "docx": docx, "volume_pdf": vpdf, "volume_docx": vdocx}


def margin_lines(page) -> tuple[list[dict], list[dict]]:
    """The text lines in the top margin and in the bottom margin of a pdfplumber page."""
    lines = page.extract_text_lines()
    top = [ln for ln in lines if ln["bottom"] <= PAGE.margin_top]
    bottom = [ln for ln in lines if ln["top"] >= PAGE.height - PAGE.margin_bottom]
    return top, bottom


def test_every_page_of_a_marked_paper_has_its_whole_marking_on_lines_of_its_own(project):
    with pdfplumber.open(project["pdf"]) as pdf:
        assert len(pdf.pages) > 2
        for number, page in enumerate(pdf.pages, 1):
            top, bottom = margin_lines(page)
            assert top[0]["text"] == LONG_MARKING, (number, top)
            assert bottom[-1]["text"] == LONG_MARKING, (number, bottom)
            # Nothing else shares the marking's lines: it is centred in the text width.
            for line in (top[0], bottom[-1]):
                centre = (line["x0"] + line["x1"]) / 2
                assert abs(centre - (PAGE.margin_left + PAGE.text_width / 2)) < 2


def ink_spans(page, line: dict, gap: float = 3.0) -> list[tuple[float, float]]:
    """Where ink is across a text line, in points from the left edge, as a reader sees it:
    the page rendered (clipped text stays hidden), columns with ink joined across gaps
    narrower than `gap` (the spaces between words)."""
    band = page.crop((0, line["top"], page.width, line["bottom"]))
    image = band.to_image(resolution=144).original.convert("L")
    pixels, scale = image.load(), image.size[0] / page.width
    columns = [
        x / scale
        for x in range(image.size[0])
        if any(pixels[x, y] < 160 for y in range(image.size[1]))
    ]
    spans: list[list[float]] = []
    for x in columns:
        if spans and x - spans[-1][1] < gap:
            spans[-1][1] = x
        else:
            spans.append([x, x])
    return [(a, b) for a, b in spans]


def test_series_and_title_never_run_into_each_other_and_the_page_label_is_one_line(project):
    right_margin = PAGE.margin_left + PAGE.text_width
    with pdfplumber.open(project["pdf"]) as pdf:
        pages = len(pdf.pages)
        for number, page in enumerate(pdf.pages, 1):
            top, bottom = margin_lines(page)
            assert [ln["text"] for ln in bottom] == [f"Page {number} of {pages}", LONG_MARKING]
            if number == 1:  # the first page has the title block instead of a header line
                assert len(top) == 1
                continue
            assert len(top) == 2, [ln["text"] for ln in top]
            spans = ink_spans(page, top[1], gap=12)  # words joined; the two parts apart
            assert len(spans) == 2, spans
            (series_start, series_end), (title_start, title_end) = spans
            assert abs(series_start - PAGE.margin_left) < 2
            assert series_end <= PAGE.margin_left + PAGE.running_head_left, "cut, not wrapped"
            assert abs(title_end - right_margin) < 2
            assert title_start - series_end > 12
            # The title is whole: its ink is as wide as the words "No. 1 Rare Earths …".
            title = [w for w in page.extract_words() if w["top"] >= top[1]["top"] - 1]
            last = max(title, key=lambda w: w["x1"])
            assert last["text"] == SHORT_TITLE.split()[-1] and abs(last["x1"] - title_end) < 2


def test_bookmarks_and_headers_keep_the_space_after_numbers(project):
    outline = pypdf.PdfReader(project["pdf"]).outline
    assert outline[0].title.startswith("No. 1 Mined Widely")
    assert [s.title for s in outline[1]][:2] == [
        "1 The processing bottleneck",
        "2 Where rare earths are mined",
    ]
    volume = pypdf.PdfReader(project["volume_pdf"]).outline
    papers = [item.title for item in volume[1] if not isinstance(item, list)]
    assert papers[0].startswith("No. 1 Mined Widely")
    assert papers[1].startswith("二、上海合作組織")
    assert volume[1][1][0].title == "1 The processing bottleneck"


def _volume_pages(path) -> list[tuple[int, str, list[str], list[str]]]:
    """(number, what is set in the title size, top-margin lines, bottom-margin lines)."""
    size = THEME.styles["Title"].size
    found = []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            top, bottom = margin_lines(page)
            title = "".join(c["text"] for c in page.chars if abs(c["size"] - size) < 0.3)
            found.append((number, title, [ln["text"] for ln in top], [ln["text"] for ln in bottom]))
    return found


def test_a_volume_carries_each_papers_marking_on_every_one_of_its_pages(project):
    pages = _volume_pages(project["volume_pdf"])
    heads = {"en-marked": "No. 1 Mined", "zh-marked": "二、上海合作", "zh-plain": "三、中亞能源"}
    starts = {
        slug: next(n for n, title, _, _ in pages if title.startswith(head))
        for slug, head in heads.items()
    }
    assert 2 < starts["en-marked"] < starts["zh-marked"] < starts["zh-plain"]
    both = f"{LONG_MARKING} / {ZH_MARKING}"
    for number, _, top, bottom in pages:
        if number < starts["en-marked"]:  # cover and contents: what the volume holds
            expected = both
        elif number < starts["zh-marked"]:  # blank pages after a paper keep its marking
            expected = LONG_MARKING
        elif number < starts["zh-plain"]:
            expected = ZH_MARKING
        else:
            assert not any(ZH_MARKING in t or "RELEASE" in t for t in top + bottom), number
            continue
        # A long marking may wrap over two lines; they are its own, nothing shares them.
        assert _opens_with(top, expected), (number, top)
        assert _opens_with(bottom[::-1], expected, backwards=True), (number, bottom)


def _opens_with(lines: list[str], marking: str, backwards: bool = False) -> bool:
    """Whether the first few of `lines` hold exactly `marking` and nothing else (`backwards`:
    the lines are given last first)."""
    bare, joined = marking.replace(" ", ""), ""
    for line in lines:
        part = line.replace(" ", "")
        joined = part + joined if backwards else joined + part
        if joined == bare:
            return True
        if not (bare.endswith(joined) if backwards else bare.startswith(joined)):
            return False
    return False


def test_volume_right_pages_carry_the_short_title_and_left_pages_the_volume_title(project):
    pages = _volume_pages(project["volume_pdf"])
    heads = {n: top for n, _, top, _ in pages if n > 2}
    right = [top for n, top in heads.items() if n % 2 and top]
    left = [top for n, top in heads.items() if not n % 2 and top]
    assert any(top[-1] == f"No. 1 {SHORT_TITLE}" for top in right)
    assert any(top[-1] == f"二、{ZH_SHORT}" for top in right)
    assert not any("Mined Widely" in line for top in right for line in top)
    assert all(top[-1] == "Observations on Central Asia" for top in left if len(top) > 1)


def _story(path, part: str) -> list[tuple[str, str]]:
    """(style, text) of each paragraph of a header or footer part."""
    with zipfile.ZipFile(path) as package:
        root = etree.fromstring(package.read(part))
    out = []
    for p in root.iter(f"{W}p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        text = "".join(
            t.text if t.tag == f"{W}t" else "\t"
            for t in p.iter(f"{W}t", f"{W}tab")
            if t.text or t.tag == f"{W}tab"
        )
        out.append((style.get(f"{W}val") if style is not None else "", text))
    return out


def _parts(path, kind: str) -> list[str]:
    with zipfile.ZipFile(path) as package:
        return sorted(n for n in package.namelist() if n.startswith(f"word/{kind}"))


def test_the_docx_header_and_footer_keep_the_marking_on_a_line_of_its_own(project):
    (header,) = _parts(project["docx"], "header")
    (footer,) = _parts(project["docx"], "footer")
    assert _story(project["docx"], header) == [
        ("HeaderMarking", LONG_MARKING),
        ("Header", f"{LONG_SERIES}\tNo. 1 {SHORT_TITLE}"),
    ]
    footer_lines = _story(project["docx"], footer)
    assert footer_lines[-1] == ("HeaderMarking", LONG_MARKING)
    assert footer_lines[0][0] == "Footer"


def test_the_volume_docx_marks_its_front_matter_and_each_paper(project):
    texts = [
        "\n".join(t for _, t in _story(project["volume_docx"], part))
        for part in _parts(project["volume_docx"], "header")
    ]
    assert any(f"{LONG_MARKING} / {ZH_MARKING}" in t for t in texts), "the cover's"
    assert sum(LONG_MARKING + "\n" in t and SHORT_TITLE in t for t in texts) == 1
    assert sum(t.startswith(ZH_MARKING + "\n") and ZH_SHORT in t for t in texts) == 1


def test_libreoffice_shows_the_marking_apart_from_series_and_title(project, tmp_path):
    from test_docx_rendered import _laid_out_by_libreoffice

    path = tmp_path / "marked.docx"
    shutil.copy(project["docx"], path)
    pages = next(_laid_out_by_libreoffice(path))
    assert len(pages) > 1
    for number, (text, _, _) in enumerate(pages, 1):
        lines = text.splitlines()
        assert lines[0] == LONG_MARKING, number
        assert lines[1] == f"{LONG_SERIES} No. 1 {SHORT_TITLE}", number  # apart, not run together
        assert lines[-1] == LONG_MARKING and lines[-2] == f"Page {number} of {len(pages)}"
