"""Every PDF, not only the archive copy, tells assistive technology what it is: figures
with their descriptions, header cells, headings in order, notes tied to their calls,
the title in the window, the language, bookmarks, and XMP metadata."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from conftest import ROOT
from pdf_structure import elements, roles, xmp

from briefing import model as m
from briefing.build import build
from briefing.reader import read_paper
from briefing.transform import walk

FIXTURE = ROOT / "tests" / "fixtures" / "editions" / "en-editions"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return build(FIXTURE, ["pdf"], tmp_path_factory.mktemp("a11y"))[0]


@pytest.fixture(scope="module")
def paper():
    return read_paper(FIXTURE)


def test_every_figure_has_its_description_as_alt(built, paper):
    """`alt=` when given, else the caption's words; one /Alt per figure, in order."""
    figures = [n for n in walk(paper.blocks) if isinstance(n, m.Figure)]
    assert figures[0].alt == "Bar chart: China 270, United States 45, Burma 31 thousand tonnes."
    assert figures[1].alt == "Mine production again, as the caption a screen reader reads."
    with pikepdf.open(built) as pdf:
        alts = [str(e.Alt) for e in roles(pdf, "/Figure")]
    assert alts == [f.alt for f in figures]


def test_header_cells_are_th_with_column_scope(built):
    with pikepdf.open(built) as pdf:
        headers = roles(pdf, "/TH")
        cells = roles(pdf, "/TD")
        assert [str(h.A.Scope) for h in headers] == ["/Column", "/Column"]
        # Each data cell names its column's header (WeasyPrint's /Headers, kept).
        ids = {str(h.ID) for h in headers}
        assert cells and all(str(c.A.Headers[0]) in ids for c in cells)


def test_footnotes_are_notes_with_ids_and_their_calls_point_at_them(built, paper):
    with pikepdf.open(built) as pdf:
        notes = roles(pdf, "/Note")
        calls = roles(pdf, "/Reference")
        assert len(notes) == len(paper.footnotes) == 2
        assert len({str(n.ID) for n in notes}) == len(notes)  # unique (PDF/UA-1 7.9)
        assert [c.Ref[0].objgen for c in calls] == [n.objgen for n in notes]
        # Each note starts with its number, tagged as a label.
        assert all(str(n.K[0].S) == "/Lbl" for n in notes)


def test_headings_are_tagged_in_order_without_skipping_levels(built):
    with pikepdf.open(built) as pdf:
        levels = [int(str(e.S)[2:]) for e in elements(pdf) if str(e.S) in ("/H1", "/H2", "/H3")]
    assert levels == [1, 2, 2]  # the title, then the two sections
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:]))


def test_title_in_the_window_language_bookmarks_and_metadata(built):
    with pikepdf.open(built) as pdf:
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        assert str(pdf.Root.Lang) == "en"
        with pdf.open_outline() as outline:
            titles = [item.title for item in outline.root]
        assert titles[0].startswith("Editions: one paper")
        meta = xmp(pdf)
        assert meta["dc:title"] == "Editions: one paper for the printer, the folder and the archive"
        assert set(meta["dc:subject"]) == {"rare earths", "supply chains", "refining"}
        assert meta["dc:language"] == {"en"}
        assert str(pdf.docinfo.Keywords) == "rare earths, supply chains, refining"


def test_check_warns_that_the_caption_is_used_for_a_figure_without_alt():
    warnings = []
    read_paper(FIXTURE, warnings=warnings)
    assert [str(w) for w in warnings] == [
        f"{FIXTURE.relative_to(ROOT)}/paper.md:25:1: warning: figure has no alt= text; its "
        'caption is used as the description screen readers announce (add alt="..." saying '
        "what the figure shows)"
    ]


def test_witness_without_the_wrapper_a_footnote_is_a_plain_span(tmp_path):
    """WeasyPrint's own tree has no /Note and no /Scope: `pdf_access` is what adds them."""
    from briefing import pdf_access, weasyprint_ext

    with weasyprint_ext.originals(pdf_access.BUILD_BOX_TREE):
        plain = build(FIXTURE, ["pdf"], tmp_path)[0]
    with pikepdf.open(plain) as pdf:
        assert roles(pdf, "/Note") == [] and roles(pdf, "/Reference") == []
        assert all("/Scope" not in h.A for h in roles(pdf, "/TH"))


def test_a_print_edition_is_the_same_bytes_twice(tmp_path):
    """WeasyPrint's PDF/X-4 XMP draws a random uuid4 (pdf_stable fixes it)."""
    first = build(FIXTURE, ["print", "booklet"], tmp_path / "a")
    second = build(FIXTURE, ["print", "booklet"], tmp_path / "b")
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
