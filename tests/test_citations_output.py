"""Citations as a reader meets them in the outputs: in the DOCX, one native Word footnote
per note-style citation, in order, the reference list in the "Bibliography" style with a
hanging indent and its DOIs and URLs as real hyperlinks; in the PDF, every note at the
foot of its call's page, the hanging indent, live links; in an author-date style (APA)
citations in the text and no notes but the hand-written one. The papers are the ones
tests/test_citations.py compares with Pandoc (fixtures/citations)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pdfplumber
import pypdf
import pytest
from pdf_reading import read_pages
from test_docx import NS, W, rels, style_of, text_of, xml
from test_docx_rendered import BODY, NOTE, _laid_out_by_libreoffice

from briefing import model as m
from briefing import styles as names
from briefing.build import build
from briefing.docx.styles import style_id
from briefing.reader import read_paper
from briefing.theme import load_theme
from briefing.transform import plain_text, walk

THEME = load_theme()
FIXTURES = Path(__file__).parent / "fixtures" / "citations"
BIBLIOGRAPHY = style_id(names.BIBLIOGRAPHY)
HANGING = THEME.styles[names.BIBLIOGRAPHY].hanging
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
EXTERNAL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """{case: (paper, pdf path, docx path)} for the three citing test papers."""
    out = tmp_path_factory.mktemp("citations")
    papers = {}
    for case in ("en", "zh", "en-apa"):
        pdf, docx = build(FIXTURES / case, ["pdf", "docx"], out)
        papers[case] = (read_paper(FIXTURES / case), pdf, docx)
    return papers


def package(path) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(path.read_bytes()))


def entries(paper: m.Paper) -> list[str]:
    return [plain_text(e) for b in paper.blocks if isinstance(b, m.Bibliography) for e in b.entries]


def note_text(note: m.Footnote) -> str:
    return " ".join(plain_text(b.children) for b in note.blocks)


# ------------------------------------------------------------------ DOCX


@pytest.mark.parametrize("case, calls", [("en", 20), ("zh", 11)])
def test_each_note_style_citation_is_one_native_footnote_in_order(built, case, calls):
    """en: 19 citations outside notes and 1 hand-written note; zh: 10 and 1. Each is one
    w:footnoteReference, numbered in the order they are called, and its w:footnote holds
    the citation's note (the notes' wording is compared with Pandoc in test_citations)."""
    paper, _, docx = built[case]
    pkg = package(docx)
    body = xml(pkg, "word/document.xml")
    refs = [int(r.get(W + "id")) for r in body.iter(W + "footnoteReference")]
    assert refs == list(range(1, calls + 1))
    notes = {
        int(n.get(W + "id")): text_of(n).strip()
        for n in xml(pkg, "word/footnotes.xml").findall("w:footnote", NS)
        if int(n.get(W + "id")) > 0
    }
    assert sorted(notes) == refs, "one footnote per call, none extra"
    for number, note in zip(refs, paper.footnotes, strict=True):
        assert note.number == number
        assert notes[number] == note_text(note)
    first = "International Energy Agency, The Role of Critical Minerals in Clean Energy"
    if case == "en":
        assert notes[1].startswith(first)
        assert notes[10] == f"{first} Transitions, 12.", "the short form after the first"


@pytest.mark.parametrize("case", ["en", "zh", "en-apa"])
def test_the_reference_list_is_in_the_bibliography_style_with_a_hanging_indent(built, case):
    paper, _, docx = built[case]
    pkg = package(docx)
    body = xml(pkg, "word/document.xml")
    listed = [p for p in body.iter(W + "p") if style_of(p) == BIBLIOGRAPHY]
    assert [text_of(p) for p in listed] == entries(paper)
    assert len(listed) == {"en": 23, "en-apa": 23, "zh": 13}[case]
    assert all(p.find("w:pPr/w:ind", NS) is None for p in listed), "no direct indents"
    style = xml(pkg, "word/styles.xml").find(f"w:style[@w:styleId='{BIBLIOGRAPHY}']", NS)
    assert style.find("w:name", NS).get(W + "val") == names.BIBLIOGRAPHY
    assert style.get(W + "customStyle") is None, "Word's own Bibliography style"
    ind = style.find("w:pPr/w:ind", NS)
    hanging = int(ind.get(W + "hanging"))
    assert hanging == round(HANGING * 20) > 0, "twips"
    assert int(ind.get(W + "left")) == hanging, "the first line starts at the margin"


def test_dois_and_urls_are_hyperlinks_to_external_targets(built):
    paper, _, docx = built["en"]
    pkg = package(docx)
    expected = {n.href for b in paper.blocks for n in walk(b) if isinstance(n, m.Link)}
    assert "https://doi.org/10.1162/isec_a_00342" in expected
    assert "http://data.europa.eu/eli/reg/2024/1252/oj" in expected
    for part in ("word/document.xml", "word/footnotes.xml"):
        targets = rels(pkg, part)
        links = list(xml(pkg, part).iter(W + "hyperlink"))
        assert links, f"{part} has links"
        for link in links:
            rel = targets[link.get(R + "id")]
            assert rel.get("Type") == EXTERNAL and rel.get("TargetMode") == "External"
            assert rel.get("Target") == text_of(link), "the link goes where it says"
    listed = {
        targets_of
        for p in xml(pkg, "word/document.xml").iter(W + "p")
        if style_of(p) == BIBLIOGRAPHY
        for targets_of in (
            rels(pkg, "word/document.xml")[h.get(R + "id")].get("Target")
            for h in p.iter(W + "hyperlink")
        )
    }
    assert listed == expected


def test_libreoffice_prints_each_note_at_the_foot_of_its_call_s_page(built, tmp_path):
    """Read by number (short notes repeat their words): the small raised digits in the text
    are calls, the smaller ones below the text start notes. As in test_docx_rendered, a
    note may start on the next page when its call is on one of the page's last 3 lines."""
    paper, _, docx = built["en"]
    path = tmp_path / "en.docx"
    path.write_bytes(docx.read_bytes())
    pages = next(_laid_out_by_libreoffice(path))
    pitch = BODY * THEME.styles["Body Text"].line_height
    calls, notes = {}, {}
    for index, (_, chars, _) in enumerate(pages):
        body = [c for c in chars if abs(c["size"] - BODY) < 0.3]
        bottom = max((c["bottom"] for c in body), default=0)
        for number, top, size in _raised_numbers(chars):
            if top < bottom and size > NOTE * 0.65:
                calls[number] = (index, top > bottom - 3 * pitch)
            elif top > bottom:
                notes[number] = index
    expected = [f.number for f in paper.footnotes]
    assert sorted(calls) == sorted(notes) == expected
    for number in expected:
        page, last_lines = calls[number]
        assert notes[number] == page or (notes[number] == page + 1 and last_lines), number
    text = "".join(page_text for page_text, _, _ in pages)
    assert "Allison, Graham. Destined for War" in text


def _raised_numbers(chars) -> list[tuple[int, float, float]]:
    """(number, top, size) of each run of digits set smaller than the footnote text."""
    digits = [c for c in chars if c["text"].isdigit() and c["size"] < NOTE * 0.9]
    out, last = [], None
    for c in digits:
        if last is not None and abs(c["top"] - last["top"]) < 1 and c["x0"] - last["x1"] < 1:
            number, top, size = out[-1]
            out[-1] = (number * 10 + int(c["text"]), top, size)
        else:
            out.append((int(c["text"]), c["top"], c["size"]))
        last = c
    return out


# ------------------------------------------------------------------ PDF


@pytest.mark.parametrize("case, spread", [("en", 2), ("zh", 1)])
def test_every_note_sits_at_the_foot_of_its_call_s_page(built, case, spread):
    paper, pdf, _ = built[case]
    pages = read_pages(pdf)
    call_page = {n: view.number for view in pages for n in view.calls}
    note_page = {n: view.number for view in pages for n in view.notes}
    expected = [f.number for f in paper.footnotes]
    assert [n for view in pages for n in view.calls] == expected, "each called once, in order"
    assert sorted(note_page) == expected
    assert len({call_page[n] for n in expected}) == spread, "pages with notes"
    for number in expected:
        assert note_page[number] == call_page[number], f"note {number} not on its call's page"
        view = pages[note_page[number] - 1]
        assert view.notes[number] > view.body_bottom, f"note {number} is not below the text"


def test_the_reference_list_hangs_and_links_in_the_pdf(built):
    paper, pdf, _ = built["en"]
    margin = THEME.page.margin_left
    size = THEME.styles[names.BIBLIOGRAPHY].size
    firsts, rest = [], []
    starts = tuple(e[:25] for e in entries(paper))
    with pdfplumber.open(pdf) as doc:
        text = "".join(p.extract_text() for p in doc.pages)
        for page in doc.pages:
            lines = [
                line
                for line in page.extract_text_lines()
                if abs(line["chars"][0]["size"] - size) < 0.1
            ]
            after = False
            for line in lines:
                if line["text"].startswith(starts):
                    firsts.append(line["x0"])
                    after = True
                elif after:
                    rest.append(line["x0"])
    assert len(firsts) == len(starts)
    assert all(abs(x - margin) < 1 for x in firsts), "each entry starts at the margin"
    assert rest and all(abs(x - margin - HANGING) < 1 for x in rest), "later lines hang in"
    flat = text.replace("\n", "")
    hrefs = {n.href for b in paper.blocks for n in walk(b) if isinstance(n, m.Link)}
    for href in hrefs:
        assert href in flat, f"{href} printed whole, no hyphen inserted where it breaks"
    uris = {
        a.get_object()["/A"]["/URI"]
        for page in pypdf.PdfReader(pdf).pages
        for a in page.get("/Annots", [])
        if "/URI" in a.get_object().get("/A", {})
    }
    assert hrefs <= uris, "every DOI and URL is a live link"


# ------------------------------------------------------------------ author-date


def test_author_date_citations_stay_in_the_text(built):
    paper, pdf, docx = built["en-apa"]
    assert [note_text(f) for f in paper.footnotes] == [
        "See also Gholz & Hughes (2021) and (Klinger, 2017, p. 40), compared with "
        "(International Energy Agency, 2021, p. 45)."
    ], "only the hand-written note, its citations in place"
    pkg = package(docx)
    body = xml(pkg, "word/document.xml")
    assert len(list(body.iter(W + "footnoteReference"))) == 1
    text = text_of(body)
    pages = read_pages(pdf)
    printed = " ".join(view.text.replace("\u2010\n", "").replace("\n", " ") for view in pages)
    for cited in (
        "mining (International Energy Agency, 2021).",
        "a history (Bradsher, 2010; see Gholz & Hughes, 2021, p. 615).",
        "Mearsheimer (2019) argues",
        "The survey’s numbers (2025, p. 144)",  # the apostrophe curled, as in the text
    ):
        assert cited in text, cited
        assert cited in printed, cited
    assert [n for view in pages for n in view.calls] == [1]


# ------------------------------------------------------------------ volumes

VOLUME_PAPER = """---
title: {title}
authors: [{{name: Test Author}}]
date: 2025-06-30
lang: en
bibliography: ../shared/library.bib
key_points: ["A paper of a volume, citing a library it shares with the other."]
---
## Sources

{text}
"""


@pytest.fixture(scope="module")
def volume(tmp_path_factory):
    """Two citing papers bound in one volume, sharing one library from content/shared/;
    both cite the IEA report first, then a source of their own."""
    from briefing.build import build_volume
    from briefing.reader.volume import read_volume

    content = tmp_path_factory.mktemp("volume") / "content"
    (content / "shared").mkdir(parents=True)
    (content / "shared" / "library.bib").write_bytes((FIXTURES / "library.bib").read_bytes())
    papers = {
        "first": ("Mining and Its Limits", "Refining [@iea2021, 5]. War [@allison2017, 12]. "
                  "Again [@iea2021, 6]."),
        "second": ("Frontiers of Supply", "Refining [@iea2021, 7]. Frontiers [@klinger2017]."),
    }  # fmt: skip
    for slug, (title, text) in papers.items():
        (content / slug).mkdir()
        (content / slug / "paper.md").write_text(VOLUME_PAPER.format(title=title, text=text))
    (content / "volumes").mkdir()
    path = content / "volumes" / "v.yaml"
    path.write_text("title: Two Papers\ndate: 2025-06-30\nlang: en\npapers: [first, second]\n")
    pdf, docx = build_volume(path, ["pdf", "docx"], content.parent / "out")
    return read_volume(path), pdf, docx


def test_each_paper_of_a_volume_keeps_its_own_notes_and_reference_list(volume):
    bound, pdf, docx = volume
    first, second = bound.papers
    iea = "International Energy Agency, The Role of Critical Minerals in Clean Energy Transitions"
    full = f"{iea}, World Energy Outlook Special Report (IEA, 2021)"
    assert [note_text(n)[: len(full)] for n in first.footnotes][::2] == [full, f"{iea}, 6."]
    assert note_text(second.footnotes[0]).startswith(f"{full}, 7"), "first citation in its paper"
    assert [e.split(".")[0] for e in entries(first)] == [
        "Allison, Graham",
        "International Energy Agency",
    ]
    assert [e.split(".")[0] for e in entries(second)] == [
        "International Energy Agency",
        "Klinger, Julie Michelle",
    ]

    from test_volume import start_pages

    pages = read_pages(pdf)
    starts = sorted(start_pages(pdf, bound).values())
    spans = zip(starts, starts[1:] + [len(pages) + 1], strict=True)
    for paper, (begin, end) in zip(bound.papers, spans, strict=True):
        own = pages[begin - 1 : end - 1]
        assert [n for v in own for n in v.calls] == [f.number for f in paper.footnotes]
        assert sorted(n for v in own for n in v.notes) == [f.number for f in paper.footnotes]
        text = " ".join(v.text for v in own)
        assert ("Allison, Graham." in text) == (paper is first)
        assert ("Klinger, Julie Michelle." in text) == (paper is second)

    pkg = package(docx)
    body = xml(pkg, "word/document.xml")
    listed = [text_of(p) for p in body.iter(W + "p") if style_of(p) == BIBLIOGRAPHY]
    assert listed == entries(first) + entries(second)
    notes = [
        text_of(n).strip()
        for n in xml(pkg, "word/footnotes.xml").findall("w:footnote", NS)
        if int(n.get(W + "id")) > 0
    ]
    # each paper's notes numbered from 1 again, the number written in the note (a custom mark)
    assert notes == [f"{f.label} {note_text(f)}" for p in bound.papers for f in p.footnotes]


def test_make_watch_and_volumes_know_a_paper_s_library_and_style(volume, monkeypatch):
    from briefing.deps import paper_rules
    from briefing.inputs import paper_inputs
    from briefing.reader.volume import volume_inputs
    from briefing.watch import paper_snapshot

    bound, _, _ = volume
    content = bound.content_root
    shared = content / "shared" / "library.bib"
    monkeypatch.chdir(content.parent)
    for slug in ("first", "second"):
        folder = Path("content") / slug
        assert Path("content/shared/library.bib") in paper_inputs(folder)
        assert Path("content/shared/library.bib") in paper_snapshot(folder), "watch sees it"
        rule = paper_rules(folder, Path("build")).splitlines()[0]
        assert "content/shared/library.bib" in rule.split(": ", 1)[1].split(" ")
    assert shared in volume_inputs(content / "volumes" / "v.yaml")
    monkeypatch.chdir(FIXTURES.parent)
    own = paper_inputs(Path("citations/ibid"))
    assert Path("citations/ibid/ibid.csl") in own and Path("citations/library.json") in own
