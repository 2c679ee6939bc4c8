"""Citations through `briefing import` and `briefing diff`: a paper that cites from its
library, built to DOCX and imported, says `[@usgs2025, 144–145]` again, not a typed-out
note, with its citation front matter and its library; an editor's changes in the DOCX win.

The test papers are the citation fixtures (tests/fixtures/citations).
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from test_import import comparable, round_trip

from briefing import model as m
from briefing.build import build
from briefing.cli import main
from briefing.importer import import_docx
from briefing.importer.save import save
from briefing.markdown import render_markdown
from briefing.reader import paper_theme, read_paper
from briefing.transform import walk

CITING = Path(__file__).parent / "fixtures" / "citations"
# Every syntax in Chicago (English, Chinese), in a style that prints "ibid.", and in APA;
# citations in every place text stands (key points and bios in APA, emphasis, tables,
# captions, lists, quotes, boxes).
CASES = ["en", "zh", "ibid", "en-apa", "places", "places-apa"]


def sources(paper: m.Paper) -> list[str]:
    """Each citation as the analyst wrote it (without the space and the punctuation the
    note call took in front of it)."""
    nodes = walk((paper.blocks, paper.footnotes))
    return [n.source.strip().rstrip(".,;:。，") for n in nodes if isinstance(n, m.Citation)]


def one_line(text: str) -> str:
    return " ".join(text.split())


def citing_copy(tmp: Path, case: str) -> Path:
    """The test paper in a content folder of its own, with the library beside it."""
    shutil.copytree(CITING, tmp / "content", ignore=shutil.ignore_patterns("*.pdf", "*.docx"))
    return tmp / "content" / case


def rewrite(source: Path, target: Path, edits: dict[str, tuple[str, str]]) -> None:
    """A copy of a DOCX with one text replaced in each named part, as an editor would."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename in edits:
                old, new = edits[info.filename]
                text = data.decode("utf-8")
                assert old in text, f"{old!r} is not in {info.filename}"
                data = text.replace(old, new, 1).encode("utf-8")
            zout.writestr(info, data)


def imported_text(docx: Path, tmp: Path) -> tuple[str, m.Paper, list[str]]:
    imported = import_docx(docx)
    theme = paper_theme(CITING / "en")
    target = tmp / "imported" / "paper"
    save(imported, target, theme)
    text = (target / "paper.md").read_text(encoding="utf-8")
    return text, read_paper(target, theme), imported.warnings


# ------------------------------------------------------------------ the round trip


@pytest.mark.parametrize("case", CASES)
def test_citations_come_back_as_written(case, tmp_path):
    original, again = round_trip(CITING / case, tmp_path)
    assert comparable(again) == comparable(original)
    text = (tmp_path / "content" / case / "paper.md").read_text(encoding="utf-8")
    written = one_line(text)
    for source in sources(original):
        assert source in written
    assert "[^cite" not in text  # no note made by a citation is typed out
    for note in original.footnotes:
        assert (f"\n[^{note.id}]: " in text) == (not note.citation)
    head = text.split("\n---\n", 1)[0]
    for key in ("bibliography", "csl", "citation_style", "citation_locale", "nocite"):
        assert (f"\n{key}: " in head) == bool(getattr(original.meta, key)), key
    assert f"bibliography: {original.meta.bibliography[0]}" in head
    # the library and the style file come with the paper where they were not
    library = "library.bib" if case == "zh" else "library.json"
    assert (tmp_path / "content" / library).read_bytes() == (CITING / library).read_bytes()
    if case == "ibid":
        assert (tmp_path / "content" / case / "ibid.csl").is_file()


def test_a_citation_s_moved_punctuation_and_its_author_come_back_in_place(tmp_path):
    round_trip(CITING / "en", tmp_path)
    text = one_line((tmp_path / "content" / "en" / "paper.md").read_text(encoding="utf-8"))
    assert "concentrated than mining [@iea2021]. The outlook says so too" in text
    assert "and @allison2017 [ch. 2] asks whether war is coming" in text
    assert "The Act sets benchmarks,[^law] for 2030 [@eu2024crma, art. 5]." in text


@pytest.mark.parametrize("case", ["en", "en-apa", "places"])
def test_citations_survive_a_libreoffice_resave(case, tmp_path):
    original, again = round_trip(CITING / case, tmp_path, resave=True)
    assert comparable(again) == comparable(original)


def test_the_markdown_writer_writes_citations_as_written(tmp_path):
    for case in CASES:
        folder = citing_copy(tmp_path / case, case)
        theme = paper_theme(folder)
        paper = read_paper(folder, theme)
        (folder / "paper.md").write_text(render_markdown(paper, theme.language(paper.meta.lang)))
        assert comparable(read_paper(folder, theme)) == comparable(paper), case


# ------------------------------------------------------------------ what an editor changed


def diff_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if line[:1] in "+-" and line[:3] not in "+++---"]


@pytest.mark.parametrize("case", ["en", "en-apa"])
def test_diff_shows_one_changed_word_and_nothing_else(case, tmp_path, capsys):
    folder = citing_copy(tmp_path, case)
    [docx] = build(folder, ["docx"], tmp_path / "build")
    assert main(["diff", str(docx), str(folder)]) == 0
    assert capsys.readouterr().out == ""  # unedited: nothing changed, citations included
    edited = tmp_path / "edited.docx"
    rewrite(docx, edited, {"word/document.xml": ("more concentrated", "far more concentrated")})
    assert main(["diff", str(edited), str(folder)]) == 0
    minus, plus = diff_lines(capsys.readouterr().out)
    assert minus.startswith("-Refining is more concentrated than mining [@iea2021]. The")
    assert plus.startswith("+Refining is far more concentrated than mining [@iea2021]. The")
    assert minus.replace("more", "far more", 1)[1:] == plus[1:]


def test_a_note_an_editor_rewrote_comes_back_written_by_hand(tmp_path):
    folder = citing_copy(tmp_path, "en")
    [docx] = build(folder, ["docx"], tmp_path / "build")
    edited = tmp_path / "edited.docx"
    rewrite(docx, edited, {"word/footnotes.xml": ("Special Report (IEA", "Special Study (IEA")})
    text, paper, _ = imported_text(edited, tmp_path)
    written = one_line(text)
    assert "concentrated than mining.[^iea2021] The outlook says so too [@iea2024outlook" in written
    note = next(n for n in paper.footnotes if n.id == "iea2021")
    assert not note.citation and "World Energy Outlook Special Study (IEA, 2021)" in one_line(
        text.split("[^iea2021]: ", 1)[1]
    )
    # every other citation is still a citation
    assert sum(1 for n in paper.footnotes if n.citation) == 18
    assert "[see @gholz2021, 615; @bradsher2010]" in written


def test_a_narrative_citation_whose_note_was_rewritten_keeps_the_author_as_text(tmp_path):
    folder = citing_copy(tmp_path, "en")
    [docx] = build(folder, ["docx"], tmp_path / "build")
    edited = tmp_path / "edited.docx"
    rewrite(docx, edited, {"word/footnotes.xml": ("Bound to Fail", "Bound to Falter")})
    text, paper, _ = imported_text(edited, tmp_path)
    assert "John J. Mearsheimer[^mearsheimer2019] argues" in one_line(text)
    assert "Bound to Falter" in text


def test_a_note_as_printed_keeps_its_citation_when_the_text_before_its_call_changed(tmp_path):
    folder = citing_copy(tmp_path, "en")
    [docx] = build(folder, ["docx"], tmp_path / "build")
    edited = tmp_path / "edited.docx"
    rewrite(docx, edited, {"word/document.xml": ("than mining.<", "than mining;<")})
    text, paper, _ = imported_text(edited, tmp_path)
    assert "concentrated than mining;[@iea2021] The outlook" in one_line(text)
    assert "[^" not in text.replace("[^law]", "")


def test_an_author_date_citation_an_editor_retyped_stays_as_typed(tmp_path):
    folder = citing_copy(tmp_path, "en-apa")
    [docx] = build(folder, ["docx"], tmp_path / "build")
    edited = tmp_path / "edited.docx"
    old = "mining (International Energy Agency, 2021)."
    rewrite(docx, edited, {"word/document.xml": (old, "mining (IEA, 2021).")})
    text, paper, _ = imported_text(edited, tmp_path)
    written = one_line(text)
    assert "concentrated than mining (IEA, 2021). The outlook says so too [@iea2024outlook" in (
        written
    )
    assert "The same page twice [@iea2021, 12]" in written


def test_an_edited_reference_list_entry_is_reported(tmp_path):
    folder = citing_copy(tmp_path, "en")
    [docx] = build(folder, ["docx"], tmp_path / "build")
    edited = tmp_path / "edited.docx"
    rewrite(docx, edited, {"word/document.xml": ("Houghton Mifflin Harcourt", "HMH")})
    text, _, warnings = imported_text(edited, tmp_path)
    assert any("reference list entry was changed" in w for w in warnings)
    assert "HMH" not in text


def test_a_library_already_there_is_never_replaced(tmp_path):
    folder = citing_copy(tmp_path, "en")
    [docx] = build(folder, ["docx"], tmp_path / "build")
    target = tmp_path / "content" / "again"
    (tmp_path / "content" / "library.json").write_text("[]", encoding="utf-8")  # edited since
    save(import_docx(docx), target, paper_theme(folder))
    assert (tmp_path / "content" / "library.json").read_text(encoding="utf-8") == "[]"
