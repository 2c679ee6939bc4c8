"""Citations from a reference library: our notes and reference list against
`pandoc --citeproc` on the same library and CSL file, and what the DOCX and PDF show.

The test library (fixtures/citations/library.bib, and library.json, the same in CSL JSON)
holds 23 real, checkable sources: reports, books, journal and newspaper articles, a
chapter, government documents, a web page; 10 in Chinese.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from pandoc_cites import have_pandoc, pandoc_render

from briefing import model as m
from briefing.citations import STYLES
from briefing.citations.syntax import parse_locator
from briefing.reader import read_paper
from briefing.transform import plain_text

FIXTURES = Path(__file__).parent / "fixtures" / "citations"

# Where we and Pandoc 2.17 (Debian 12's) differ, and why ours stands. Each is a pair of
# (Pandoc's text, ours) replaced in Pandoc's output before comparing.
KNOWN = {
    # Chicago 18's page-range-format="chicago-16" (CMOS 9.64: 611–34): Pandoc 2.17's
    # citeproc predates it and prints the range whole; citeproc-py abbreviates as Chicago asks.
    "chicago-ranges": [("10381–10382", "10381–82"), ("611–634", "611–34")],
    # Pandoc 2.17 carries its own 2022 copy of the CSL locales; we use today's official
    # ones (shipped by citeproc-py): en-US's short "chapter" is now "chap.", and zh-TW no
    # longer labels authors "作者".
    "locale-versions": [("ch. 2", "chap. 2"), (", 作者.", "."), (", 作者,", ","), (", 作者 ", " ")],
    # apa.csl's label-locator macro writes a numeric chapter's label in full, "Chapter 2"
    # (APA 7, 8.13: only page and paragraph are abbreviated); Pandoc 2.17 prints "chap.".
    "apa-chapter": [("2017, chap. 2", "2017, Chapter 2")],
    # A label's plural (CSL 1.0.2, label: "contextual") is for ranges and lists (12-14,
    # 12, 15, 12 & 15); Pandoc 2.17 also takes a space for one, "pp. Executive Summary".
    "plural-locator": [("pp. Executive Summary", "p. Executive Summary")],
    # Pandoc 2.17 reads "章 2" (chapter 2) as a bare page; we read Chinese locator words.
    "zh-locators": [("1997), 2;", "1997), 章 2;")],
    # Pandoc 2.17 puts a full stop after every CJK name in APA (it treats them as
    # initials: "包宗和., & 吳玉山."); CJK names take none.
    "apa-cjk-names": [
        ("包宗和., & 吳玉山.", "包宗和, & 吳玉山"),
        ("包宗和. & 吳玉山.", "包宗和 & 吳玉山"),
    ],
    # APA's "(Ed.)" is capitalised by text-case on the label, which citeproc-py ignores
    # on labels inside names.
    "apa-label-case": [("(Ed.)", "(ed.)"), ("(Eds.)", "(eds.)")],
}


def ours(folder: Path) -> tuple[list[str], list[str], m.Paper]:
    paper = read_paper(folder)
    notes = [plain_text(b.children) for f in paper.footnotes for b in f.blocks]
    entries = [
        plain_text(e) for b in paper.blocks if isinstance(b, m.Bibliography) for e in b.entries
    ]
    return notes, entries, paper


def _normal(text: str) -> str:
    """Both sides' text with the listed differences replaced, then spaces made alike."""
    text = re.sub(r"\s+", " ", text).replace("( ", "(").strip()
    for pairs in KNOWN.values():
        for theirs, mine in pairs:
            text = text.replace(theirs, mine)
    # Pandoc puts a space before a citation in parentheses even after a Chinese word, and
    # a line break in the source after a Chinese full stop; we do not (Chinese sets no space
    # there). Pandoc also curls apostrophes in the text, which this pipeline leaves to the
    # writer of the paper. Compared without these, on both sides.
    text = re.sub(r"(?<=[\u3000-\u9fff]) \(", "(", text)
    text = re.sub(r"(?<=[\u3000-\u303f\uff00-\uffef]) ", "", text)
    return text.replace("\u2019", "'")


@pytest.mark.parametrize(
    "case, style, locale, cited",
    [
        ("en", "chicago", "en-US", 23),  # the whole library, cited or in nocite
        ("en-apa", "apa", "en-US", 23),
        ("zh", "chicago", "zh-TW", 13),
        # A style of the paper's own (csl:) whose notes say "Ibid." (the bundled Chicago 18
        # does not): ibid with and without a locator, subsequent, and after two sources.
        ("ibid", "ibid/ibid.csl", "en-US", 0),
    ],
)
def test_notes_and_references_read_as_pandoc_citeproc_prints_them(case, style, locale, cited):
    if not have_pandoc():
        pytest.skip("pandoc is not installed (scripts/bootstrap test installs it from Debian)")
    folder = FIXTURES / case
    library = FIXTURES / ("library.bib" if case == "zh" else "library.json")
    csl = STYLES.get(style) or FIXTURES / style
    p_notes, p_entries, p_text = pandoc_render(folder / "paper.md", csl, library, locale)
    notes, entries, paper = ours(folder)
    # The text around the citations: author-date citations, `@key` authors, note calls
    # after the punctuation (notes themselves left out on both sides).
    text = [plain_text(b.children) for b in paper.blocks if isinstance(b, m.Paragraph)]
    assert [_normal(t) for t in text] == [_normal(t) for t in p_text]
    assert [_normal(n) for n in notes] == [_normal(n) for n in p_notes]
    # Pandoc sorts the reference list with the Unicode collation algorithm; we sort by
    # code point, which differs only where entries share an author: compare as sets there.
    assert sorted(_normal(e) for e in entries) == sorted(_normal(e) for e in p_entries)
    assert len(entries) == len(p_entries) == cited


@pytest.mark.parametrize(
    "suffix, locator, rest",
    [
        (", p. 12", ("page", "12"), ""),
        (", 12", ("page", "12"), ""),
        (", pp. 12, 15", ("page", "12, 15"), ""),
        (", p. 12, emphasis added", ("page", "12"), ", emphasis added"),
        (", 12-14 and passim", ("page", "12-14"), " and passim"),
        (", 144–145. Shares are ours", ("page", "144–145"), ". Shares are ours"),
        (", ch. 2", ("chapter", "2"), ""),
        (", chap. ii", ("chapter", "ii"), ""),
        (", 頁 25", ("page", "25"), ""),
        (", 章 2", ("chapter", "2"), ""),
        (", {Executive Summary}", ("page", "Executive Summary"), ""),
        (", {sec. Executive Summary} there", ("section", "Executive Summary"), " there"),
        (", art. 5", None, ", art. 5"),  # not a locator word: all suffix, as in Pandoc
        (", Executive Summary", None, ", Executive Summary"),
    ],
)
def test_locators_are_read_as_pandoc_reads_them(suffix, locator, rest):
    assert parse_locator(suffix) == (locator, rest)


def test_note_style_citations_become_numbered_notes_with_hand_written_ones():
    notes, _, paper = ours(FIXTURES / "en")
    calls = [n for n in _walk(paper.blocks) if isinstance(n, m.FootnoteRef)]
    assert [c.number for c in calls] == list(range(1, len(paper.footnotes) + 1))
    assert [f.number for f in paper.footnotes] == [c.number for c in calls]
    first = plain_text(paper.blocks[1].children)
    assert first.startswith("Refining is more concentrated than mining. The outlook")
    assert "Mearsheimer argues" in first  # @key prints the author in the text
    assert notes[0].startswith("International Energy Agency, The Role of Critical Minerals")
    iea = "International Energy Agency, The Role of Critical Minerals in Clean Energy Transitions"
    assert notes[9] == f"{iea}, 12."


def test_the_reference_list_stands_under_references_with_links():
    _, entries, paper = ours(FIXTURES / "en")
    heading = paper.blocks[-2]
    assert isinstance(heading, m.Heading) and plain_text(heading.children) == "References"
    bib = paper.blocks[-1]
    links = [n for n in _walk(bib) if isinstance(n, m.Link)]
    assert "https://doi.org/10.1162/isec_a_00342" in {link.href for link in links}
    assert any(e.startswith("費孝通. 鄉土中國") for e in entries)  # nocite-free, cited


def _walk(node):
    from briefing.transform import walk

    return walk(node)


PLAIN = """---
title: A paper
authors: [{{name: A. Writer}}]
date: 2024-03-01
key_points: [One point]
{front}---
## One

{text}
"""


def test_an_at_sign_is_text_without_a_library_and_escaped_with_one(tmp_path):
    """`@POTUS` in a paper that cites nothing prints as written (Pandoc would print it as
    an unfound citation); with a library, `\\@` keeps it plain."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "paper.md").write_text(PLAIN.format(front="", text="As @POTUS wrote."))
    paper = read_paper(tmp_path / "a")
    assert plain_text(paper.blocks[1].children) == "As @POTUS wrote."
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "library.bib").write_bytes((FIXTURES / "library.bib").read_bytes())
    text = "As \\@POTUS wrote [@allison2017]."
    front = "bibliography: library.bib\n"
    (tmp_path / "b" / "paper.md").write_text(PLAIN.format(front=front, text=text))
    paper = read_paper(tmp_path / "b")
    assert plain_text(paper.blocks[1].children) == "As @POTUS wrote.", "the call moved in"
    assert len(paper.footnotes) == 1


def test_a_citation_over_two_lines_reads_as_on_one_and_is_kept_as_written(tmp_path):
    """Where the source breaks its lines never changes the model: the citation keeps its
    source with single spaces (what `briefing import` writes back), and prints the same."""
    models = []
    for name, text in (
        ("one", "Refining [see @gholz2021, 615; @bradsher2010]. And @allison2017 [ch. 2] asks."),
        (
            "two",
            "Refining [see\n@gholz2021,  615;\n@bradsher2010]. And @allison2017 [ch.\n2] asks.",
        ),
    ):
        (tmp_path / name).mkdir()
        (tmp_path / name / "library.bib").write_bytes((FIXTURES / "library.bib").read_bytes())
        front = "bibliography: library.bib\n"
        (tmp_path / name / "paper.md").write_text(PLAIN.format(front=front, text=text))
        models.append(read_paper(tmp_path / name))
    one, two = models
    assert one.blocks == two.blocks and one.footnotes == two.footnotes
    cited = [n for n in _walk(one.blocks) if isinstance(n, m.Citation)]
    assert [c.source for c in cited] == [
        " [see @gholz2021, 615; @bradsher2010].",
        "@allison2017 [ch. 2]",
    ]
    assert [plain_text(c.children) for c in cited] == [".", "Graham Allison"]
    assert [f.citation for f in one.footnotes] == [
        "[see @gholz2021, 615; @bradsher2010]", "@allison2017 [ch. 2]",
    ]  # fmt: skip


def test_notes_are_numbered_as_a_reader_meets_them_a_table_s_caption_first(tmp_path):
    """A table's caption prints above it: its notes come before the cells' notes, in
    the model, the PDF and the DOCX (where Word numbers notes by place and LibreOffice
    takes them in order), for notes written by hand and citations alike."""
    from briefing.build import build

    text = (
        "Before[^a].\n\n| A | B |\n|---|---|\n| cell[^b] | cell [@allison2017] |\n\n"
        "Table: Caption[^c] and [@klinger2017]. {#tbl:t}\n\n"
        "[^a]: Note a.\n\n[^b]: Note b.\n\n[^c]: Note c."
    )
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "library.bib").write_bytes((FIXTURES / "library.bib").read_bytes())
    front = "bibliography: library.bib\n"
    (tmp_path / "p" / "paper.md").write_text(PLAIN.format(front=front, text=text))
    paper = read_paper(tmp_path / "p")
    words = [plain_text(f.blocks[0].children) for f in paper.footnotes]
    assert [f.number for f in paper.footnotes] == [1, 2, 3, 4, 5]
    assert words[:3] == ["Note a.", "Note c.", "Julie Michelle Klinger, Rare Earth Frontiers: "
                         "From Terrestrial Subsoils to Lunar Landscapes (Cornell University "
                         "Press, 2017)."]  # fmt: skip
    assert words[3:] == ["Note b.", words[4]] and words[4].startswith("Graham Allison, Destined")
    [docx] = build(tmp_path / "p", ["docx"], tmp_path / "out")
    with zipfile.ZipFile(docx) as package:
        document = package.read("word/document.xml").decode()
    calls = [int(n) for n in re.findall(r'<w:footnoteReference w:id="(\d+)"', document)]
    assert calls == sorted(calls) and len(calls) == 5
