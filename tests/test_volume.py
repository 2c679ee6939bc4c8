"""A bound volume, read back: contents that match the pages, papers on right-hand pages,
footnotes restarting per paper, bookmarks; and a DOCX that Word can keep maintaining."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pdfplumber
import pypdf
import pytest
from conftest import CONTENT
from lxml import etree
from pdf_reading import read_pages

from briefing.build import build_volume
from briefing.reader.volume import read_volume
from briefing.theme import load_theme

VOLUME = CONTENT / "volumes" / "sample.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def volume():
    return read_volume(VOLUME)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("volume")
    pdf, docx = build_volume(VOLUME, ["pdf", "docx"], out)
    return pdf, docx


def start_pages(pdf_path, volume) -> dict[str, int]:
    """The page where each paper's title is printed in the title size."""
    size = load_theme().styles["Title"].size
    titles = {}
    with pdfplumber.open(pdf_path) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            big = "".join(c["text"] for c in page.chars if abs(c["size"] - size) < 0.3)
            for paper in volume.papers:
                if paper.meta.title[:10] in big:
                    titles.setdefault(paper.slug, number)
    return titles


def test_the_sample_volume_binds_the_seed_as_paper_five_with_others(volume):
    numbers = {p.slug: p.meta.number for p in volume.papers}
    assert numbers["zh-russia-ukraine-kazakhstan"] == 5
    assert len(volume.papers) >= 3


def test_contents_list_every_paper_at_the_page_it_starts(built, volume):
    pdf, _ = built
    contents = read_pages(pdf)[1].text
    starts = start_pages(pdf, volume)
    for paper in volume.papers:
        line = next(ln for ln in contents.splitlines() if paper.meta.title[:10] in ln)
        assert re.search(rf"{starts[paper.slug]}\s*$", line), (line, starts[paper.slug])


def test_each_paper_starts_on_a_right_hand_page(built, volume):
    for slug, page in start_pages(built[0], volume).items():
        assert page % 2 == 1, f"{slug} starts on page {page}"


def test_footnotes_restart_with_each_paper(built, volume):
    pdf, _ = built
    pages = read_pages(pdf)
    starts = sorted(start_pages(pdf, volume).values())
    for paper, first, after in zip(volume.papers, starts, starts[1:] + [len(pages) + 1]):
        calls = [n for v in pages[first - 1 : after - 1] for n in v.calls]
        assert calls, f"{paper.slug}: no footnote calls found in its pages"
        assert calls[0] == 1 and calls == sorted(calls)
        assert max(calls) == len(paper.footnotes)


def test_bookmarks_hold_the_volume_its_papers_and_their_sections(built, volume):
    reader = pypdf.PdfReader(built[0])
    outline = reader.outline
    assert outline[0].title == volume.title
    papers = [item.title for item in outline[1] if not isinstance(item, list)]
    assert len(papers) == len(volume.papers)
    assert papers[-1].startswith("五、")
    sections = [i for i in outline[1] if isinstance(i, list)]
    assert any(s.title.startswith("（一）") for group in sections for s in group)


def _docx_parts(path: Path):
    with zipfile.ZipFile(path) as package:
        return (
            etree.fromstring(package.read("word/document.xml")),
            etree.fromstring(package.read("word/footnotes.xml")),
            etree.fromstring(package.read("word/settings.xml")),
        )


def test_the_docx_has_a_filled_toc_field_with_the_pdf_page_numbers(built, volume):
    document, _, _ = _docx_parts(built[1])
    instructions = "".join(t.text for t in document.iter(f"{W}instrText"))
    assert 'TOC \\h \\z \\t "Title,1"' in instructions
    starts = start_pages(built[0], volume)
    for index, paper in enumerate(volume.papers, 1):
        name = f"_Toc_paper_{index}"
        assert f"PAGEREF {name}" in instructions
        marks = [b for b in document.iter(f"{W}bookmarkStart") if b.get(f"{W}name") == name]
        assert marks, "each paper's title carries the bookmark the entry points to"
        entry = next(h for h in document.iter(f"{W}hyperlink") if h.get(f"{W}anchor") == name)
        text = "".join(t.text or "" for t in entry.iter(f"{W}t"))
        assert paper.meta.title in text and text.endswith(str(starts[paper.slug]))


def test_the_docx_gives_each_paper_an_odd_page_section_with_restarting_notes(built, volume):
    document, footnotes, settings = _docx_parts(built[1])
    sections = list(document.iter(f"{W}sectPr"))
    assert len(sections) == len(volume.papers) + 1, "front matter, then one per paper"
    for sect in sections[1:]:
        assert sect.find(f"{W}type").get(f"{W}val") == "oddPage"
        assert len(sect.findall(f"{W}footnotePr")) == 1, "one per section, as the schema says"
        assert sect.find(f"{W}footnotePr/{W}numRestart").get(f"{W}val") == "eachSect"
        kinds = {r.get(f"{W}type") for r in sect.iter(f"{W}headerReference")}
        assert kinds == {"default", "even"}
    assert settings.find(f"{W}evenAndOddHeaders") is not None
    ids = [int(n.get(f"{W}id")) for n in footnotes.iter(f"{W}footnote")]
    assert ids == sorted(set(ids)), "footnote ids unique across papers"
    assert len([i for i in ids if i > 0]) == sum(len(p.footnotes) for p in volume.papers)


@pytest.fixture(scope="module")
def volume_in_libreoffice(built, tmp_path_factory):
    """LibreOffice's PDF of the volume DOCX, one (text, chars, rects) per page: what
    someone opening the .docx sees once every field is updated."""
    from test_docx_rendered import _laid_out_by_libreoffice

    path = tmp_path_factory.mktemp("volume-lo") / "volume.docx"
    path.write_bytes(built[1].read_bytes())
    yield from _laid_out_by_libreoffice(path)


def _papers_pages(pages, volume) -> list[list]:
    """The pages of each paper, in order, found by its numbered title in the title size."""
    size = load_theme().styles["Title"].size
    starts = []
    for paper in volume.papers:
        head = paper.title_block.numbered_title[:8]
        for index, (_, chars, _) in enumerate(pages):
            big = "".join(c["text"] for c in chars if abs(c["size"] - size) < 0.5)
            if head in big:
                starts.append(index)
                break
    assert len(starts) == len(volume.papers), "every paper's title is printed"
    return [pages[a:b] for a, b in zip(starts, starts[1:] + [len(pages)])]


def test_libreoffice_numbers_each_papers_figures_and_tables_from_one(volume_in_libreoffice, volume):
    """The SEQ fields restart per paper: LibreOffice recomputes them on opening, as Word
    does on "Update Field", and paper five's first figure is 圖 1 again, not 圖 2."""
    caption = re.compile(r"^(圖|表) ?(\d+)[\s\u3000]")
    seen = []
    for paper, pages in zip(volume.papers, _papers_pages(volume_in_libreoffice, volume)):
        numbers: dict[str, list[int]] = {}
        for text, _, _ in pages:
            for line in text.splitlines():
                if found := caption.match(line):
                    numbers.setdefault(found[1], []).append(int(found[2]))
        for word, found in numbers.items():
            assert found == list(range(1, len(found) + 1)), (paper.slug, word, found)
        seen.append(numbers)
    assert sum(len(n.get("圖", [])) for n in seen) >= 2, "figures in two papers"


def _calls(chars) -> list[int]:
    """Footnote calls in a LibreOffice page: runs of adjacent digits set as superscript of
    the body size (LibreOffice's own superscript size; the marks in the notes are smaller)."""
    body = load_theme().styles["Body Text"].size
    digits = [c for c in chars if c["text"].isdigit() and 0.5 * body < c["size"] < 0.7 * body]
    calls, last = [], None
    for c in digits:
        if last is not None and abs(c["top"] - last["top"]) < 1 and c["x0"] - last["x1"] < 1:
            calls[-1] = calls[-1] * 10 + int(c["text"])
        else:
            calls.append(int(c["text"]))
        last = c
    return calls


def test_libreoffice_numbers_each_papers_notes_from_one(volume_in_libreoffice, volume):
    """Each paper's calls run 1, 2, 3 … in LibreOffice too (it printed 0 for every note
    after the first paper, having no per-section restart)."""
    for paper, pages in zip(volume.papers, _papers_pages(volume_in_libreoffice, volume)):
        calls = [n for _, chars, _ in pages for n in _calls(chars)]
        first_calls = sorted(set(calls), key=calls.index)
        assert first_calls == list(range(1, len(paper.footnotes) + 1)), (paper.slug, calls)


def test_the_docx_prints_each_notes_label_as_its_mark(built, volume):
    """Every call and every note carries the model's label (1, 2, … per paper) as a custom
    mark, so no reader has to restart numbering per section to print it."""
    document, footnotes, _ = _docx_parts(built[1])
    refs = list(document.iter(f"{W}footnoteReference"))
    assert all(r.get(f"{W}customMarkFollows") == "1" for r in refs)
    marks = [r.getparent().getnext().findtext(f"{W}t") for r in refs]
    expected = [str(n) for p in volume.papers for n in range(1, len(p.footnotes) + 1)]
    assert marks == expected
    notes = [n for n in footnotes.iter(f"{W}footnote") if int(n.get(f"{W}id")) > 0]
    assert [n.find(f"{W}p/{W}r/{W}t").text for n in notes] == expected
    assert not list(footnotes.iter(f"{W}footnoteRef"))


def preface_problems(tmp_path, preface: str) -> list:
    """The content errors of a one-paper volume with this preface (YAML, from line 5)."""
    from briefing.errors import ContentError

    content = tmp_path / "content"
    shutil.copytree(CONTENT / "zh-central-asia-energy", content / "zh-central-asia-energy")
    shutil.copytree(CONTENT / "data", content / "data")  # its chart's CSV
    (content / "volumes").mkdir()
    path = content / "volumes" / "v.yaml"
    head = "title: 一卷\ndate: 2022-01-25\nlang: zh-Hant\npapers: [zh-central-asia-energy]\n"
    path.write_text(head + preface, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        read_volume(path)
    return caught.value.diagnostics


def test_a_preface_is_checked_like_a_paper(tmp_path):
    """A preface's reference to a missing id is a content error at its line and column."""
    preface = "preface: |\n  第一行。\n\n  見@fig:nowhere與 ::: 文字。\n"
    [problem] = preface_problems(tmp_path, preface)
    assert (problem.line, problem.col) == (8, 4)
    assert "cross-reference @fig:nowhere points to no fig id" in problem.message


def test_a_preface_takes_no_figures_or_notes(tmp_path):
    preface = "preface: |\n  說明[^a]\n\n  ![圖](x.png)\n\n  [^a]: 注。\n"
    note, figure = preface_problems(tmp_path, preface)
    assert (note.line, note.col, note.message) == (6, 5, "a footnote cannot be called here")
    assert (figure.line, figure.col) == (8, 3)
    assert figure.message == "a figure cannot stand in a volume's preface"
