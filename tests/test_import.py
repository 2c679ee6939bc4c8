"""`briefing import`: a DOCX back into paper.md, and what an editor changed.

Round trip: every sample paper (and the feature fixtures) built to DOCX, imported, and
read again gives the same model (`Paper` equality: fields marked compare=False, the
folder and figure paths, are left out by design; the slug is the folder's name). Then the
same through a LibreOffice re-save. Other people's documents are the committed
fixtures of tests/fixtures/import (scripts/make_import_fixtures.py): Pandoc's, LibreOffice's
and a Word-style draft with a tracked change and a comment.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import CONTENT, FEATURES, SAMPLES

from briefing import figures
from briefing import model as m
from briefing.build import build
from briefing.cli import main
from briefing.importer import TrackedChanges, import_docx
from briefing.importer.save import save
from briefing.reader import paper_theme, read_paper
from briefing.transform import plain_text, walk

IMPORTS = Path(__file__).parent / "fixtures" / "import"
FEATURE_PAPERS = sorted(p.parent for p in FEATURES.glob("*/paper.md"))
# The papers a LibreOffice re-save is tried on: the samples (the volume's papers among
# them) and the features LibreOffice rewrites most (contents, appendices, landscape).
RESAVED = [*SAMPLES, FEATURES / "appendix-zh", FEATURES / "contents-en", FEATURES / "landscape"]


def comparable(paper: m.Paper) -> m.Paper:
    return dataclasses.replace(paper, slug="")


def round_trip(folder: Path, tmp: Path, *, resave: bool = False) -> tuple[m.Paper, m.Paper]:
    """(the paper as read, the paper read from what `briefing import` wrote of its DOCX)."""
    theme = paper_theme(folder)
    original = read_paper(folder, theme)
    [docx] = build(folder, ["docx"], tmp / "build")
    if resave:
        docx = libreoffice_docx(docx, tmp)
    target = tmp / "content" / folder.name
    save(import_docx(docx), target, theme)
    return original, read_paper(target, theme)


def libreoffice_docx(docx: Path, tmp: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    out = tmp / "resaved"
    subprocess.run(
        [soffice, f"-env:UserInstallation={(tmp / 'lo-profile').as_uri()}", "--headless",
         "--convert-to", "docx", "--outdir", str(out), str(docx)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return out / docx.name


@pytest.mark.parametrize("folder", [*SAMPLES, *FEATURE_PAPERS], ids=lambda p: p.name)
def test_build_import_build_gives_the_same_model(folder, tmp_path):
    original, again = round_trip(folder, tmp_path)
    assert comparable(again) == comparable(original)


@pytest.mark.parametrize("folder", RESAVED, ids=lambda p: p.name)
def test_the_same_after_a_libreoffice_resave(folder, tmp_path):
    original, again = round_trip(folder, tmp_path, resave=True)
    assert comparable(again) == comparable(original)


def test_a_chart_comes_back_as_a_spec_and_csv_drawing_the_same_chart(tmp_path):
    folder = CONTENT / "zh-central-asia-energy"  # its CSV is shared, in content/data
    round_trip(folder, tmp_path)
    made = tmp_path / "content" / folder.name / "figures"
    spec = (made / "gas-capacity.chart.yaml").read_text(encoding="utf-8")
    assert "data: gas-capacity.csv" in spec and spec.startswith("# 資料")  # comments kept
    before = figures.load(folder / "figures" / "gas-capacity.chart.yaml").chart
    after = figures.load(made / "gas-capacity.chart.yaml").chart
    assert after == before


def test_the_markdown_writer_reads_back_as_the_same_model(tmp_path):
    """The third writer alone: every fixture paper written as Markdown and read again."""
    from briefing.markdown import render_markdown

    for folder in [*SAMPLES, *FEATURE_PAPERS]:
        theme = paper_theme(folder)
        paper = read_paper(folder, theme)
        copy = tmp_path / folder.parent.name / folder.name
        shutil.copytree(folder, copy)
        if (folder.parent / "data").is_dir() and not (copy.parent / "data").exists():
            shutil.copytree(folder.parent / "data", copy.parent / "data")
        (copy / "paper.md").write_text(render_markdown(paper, theme.language(paper.meta.lang)))
        assert comparable(read_paper(copy, theme)) == comparable(paper), folder.name


# ------------------------------------------------------------------ the command


def test_import_writes_clean_markdown_that_passes_check(tmp_path, capsys):
    [docx] = build(CONTENT / "en-rare-earth-processing", ["docx"], tmp_path / "build")
    target = tmp_path / "content" / "imported"
    assert main(["import", str(docx), str(target)]) == 0
    text = (target / "paper.md").read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1]
    assert "\\" not in body, "an escape the text does not need"
    wrapped = [line for line in body.splitlines() if "](" not in line and line[:1] != "|"]
    assert max(len(line) for line in wrapped) <= 88  # a link's address cannot break
    assert "{#fig:us-trade width=90% source=" in text
    assert "\n[^" not in text, "a citation's note typed out"  # the sample cites, by citations
    assert "bibliography: references.bib" in text and "[@usgs2025, 144–145]" in text
    assert (target / "references.bib").read_text() == (
        CONTENT / "en-rare-earth-processing" / "references.bib"
    ).read_text()
    assert "(0 footnotes, 12 citations)" in capsys.readouterr().out
    assert sorted(p.name for p in (target / "figures").iterdir()) == [
        "re-mine-2024.svg", "us-trade.chart.yaml", "us-trade.csv",
    ]  # fmt: skip
    assert main(["check", str(target)]) == 0
    capsys.readouterr()
    assert main(["import", str(docx), str(target)]) == 2  # never over a paper unasked
    assert "--force" in capsys.readouterr().err
    assert main(["import", str(docx), str(target), "--force"]) == 0


def test_diff_shows_what_an_editor_changed(tmp_path, capsys):
    folder = tmp_path / "content" / "en-rare-earth-processing"
    shutil.copytree(CONTENT / "en-rare-earth-processing", folder)
    [docx] = build(folder, ["docx"], tmp_path / "build")
    edited = tmp_path / "edited.docx"
    rewrite(docx, edited, lambda xml: xml.replace("indispensable", "essential", 1))
    assert main(["diff", str(edited), str(folder)]) == 0
    out = capsys.readouterr().out
    changed = [line for line in out.splitlines() if line[:1] in "+-" and line[:3] not in "+++---"]
    assert any("indispensable" in line for line in changed if line.startswith("-"))
    assert any("essential" in line for line in changed if line.startswith("+"))
    assert len(changed) == 2
    assert main(["diff", str(docx), str(folder)]) == 0
    assert capsys.readouterr().out == ""  # our own DOCX, unedited: nothing changed


def rewrite(source: Path, target: Path, edit) -> None:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/document.xml":
                data = edit(data.decode("utf-8")).encode("utf-8")
            zout.writestr(info, data)


# ------------------------------------------------------------------ editors' changes


def test_tracked_changes_are_refused_with_who_where_and_what():
    with pytest.raises(TrackedChanges) as refused:
        import_docx(IMPORTS / "word-tracked.docx")
    described = [c.describe() for c in refused.value.changes]
    assert len(described) == 2
    assert all("Anna Editor" in d and "paragraph 6" in d for d in described)
    assert "deleted" in described[0] and "“March”" in described[0]
    assert "inserted" in described[1] and "“April”" in described[1]


@pytest.mark.parametrize("changes,month", [("accept", "April"), ("reject", "March")])
def test_each_flag_gives_its_text(changes, month):
    imported = import_docx(IMPORTS / "word-tracked.docx", changes=changes)
    texts = [plain_text(b.children) for b in imported.paper.blocks if isinstance(b, m.Paragraph)]
    assert f"The Critical Raw Materials Act was adopted in {month} 2024." in texts


def test_comments_are_warnings_with_author_text_and_words():
    imported = import_docx(IMPORTS / "word-tracked.docx", changes="accept")
    [comment] = [w for w in imported.warnings if "comment" in w]
    assert "Anna Editor" in comment and "Give the three percentages here." in comment
    assert "“extraction, processing and recycling”" in comment


def test_the_cli_lists_tracked_changes_and_writes_nothing(tmp_path, capsys):
    target = tmp_path / "draft"
    assert main(["import", str(IMPORTS / "word-tracked.docx"), str(target)]) == 1
    err = capsys.readouterr().err
    assert "2 tracked changes" in err and "deleted by Anna Editor" in err
    assert not target.exists()


def test_an_editors_tracked_change_in_our_docx_accepted_or_rejected(tmp_path):
    folder = CONTENT / "en-rare-earth-processing"
    [docx] = build(folder, ["docx"], tmp_path / "build")
    edited = tmp_path / "edited.docx"
    mark = 'w:author="Ed" w:date="2025-07-02T00:00:00Z"'
    rewrite(docx, edited, lambda xml: xml.replace(
        "Rare-earth elements are indispensable",
        f'Rare-earth elements are </w:t></w:r><w:del w:id="901" {mark}><w:r><w:delText>'
        f'indispensable</w:delText></w:r></w:del><w:ins w:id="902" {mark}><w:r><w:t>vital'
        '</w:t></w:r></w:ins><w:r><w:t xml:space="preserve">', 1,
    ))  # fmt: skip
    original = read_paper(folder)
    rejected = import_docx(edited, changes="reject").paper
    accepted = import_docx(edited, changes="accept").paper
    first = lambda paper: plain_text(paper.blocks[1].children)  # noqa: E731
    assert first(rejected) == first(original)
    assert first(accepted).startswith("Rare-earth elements are vital to the permanent magnets")


# ------------------------------------------------------------------ other people's documents


def blocks_of(paper: m.Paper, kind) -> list:
    return [n for n in walk(paper.blocks) if isinstance(n, kind)]


def test_a_pandoc_docx():
    imported = import_docx(IMPORTS / "pandoc.docx")
    paper = imported.paper
    assert paper.meta.title == "Rare Earths After the Mine"
    assert [a.name for a in paper.meta.authors] == ["Editorial Team"]
    assert str(paper.meta.date) == "2025-06-30"
    assert [plain_text(p) for p in _points(paper)] == [
        "China mined about 69% of the world’s rare-earth oxide in 2024.",
        "Refining is more concentrated than mining.",
    ]
    assert [(h.level, plain_text(h.children)) for h in blocks_of(paper, m.Heading)] == [
        (1, "The processing bottleneck"), (2, "Mine output"),
    ]  # fmt: skip
    assert [plain_text(n.blocks[0].children) for n in paper.footnotes] == [
        "International Energy Agency, The Role of Critical Minerals in Clean Energy "
        "Transitions (2021).",
        "U.S. Geological Survey, Mineral Commodity Summaries 2025.",
    ]
    [table] = blocks_of(paper, m.Table)
    assert [plain_text(c) for c in table.header] == ["Country", "2024 (t REO)"]
    assert [[plain_text(c) for c in row] for row in table.rows][0] == ["China", "270,000"]
    assert plain_text(table.caption) == "Mine production, 2024 (USGS estimates)."
    [figure] = blocks_of(paper, m.Figure)
    assert plain_text(figure.caption) == "Mine production over time"
    assert imported.files[figure.src][:8] == b"\x89PNG\r\n\x1a\n"
    [link] = blocks_of(paper, m.Link)
    assert link.href.startswith("https://www.usgs.gov/")


def test_a_libreoffice_docx_with_a_footnote_and_an_endnote():
    imported = import_docx(IMPORTS / "libreoffice.docx")
    paper = imported.paper
    assert paper.meta.title == "Refining Rare Earths"
    assert [plain_text(n.blocks[0].children) for n in paper.footnotes] == [
        "U.S. Geological Survey, Mineral Commodity Summaries 2025.", "Estimated.",
    ]  # fmt: skip
    assert any("endnotes became footnotes" in w for w in imported.warnings)
    [table] = blocks_of(paper, m.Table)
    assert [[plain_text(c) for c in row] for row in (table.header, *table.rows)] == [
        ["Year", "Exports (t)"], ["2023", "20,700"], ["2024", "43,000"],
    ]  # fmt: skip
    [figure] = blocks_of(paper, m.Figure)
    assert plain_text(figure.caption) == "United States exports of rare-earth ores and compounds."
    [numbered] = blocks_of(paper, m.OrderedList)
    assert [plain_text(i[0].children) for i in numbered.items] == ["Separation", "Refining"]
    assert [plain_text(h.children) for h in blocks_of(paper, m.Heading)] == ["Where the ore goes"]
    assert any("no key points" in w for w in imported.warnings)


def test_a_word_draft_with_a_shaded_key_points_table(tmp_path):
    imported = import_docx(IMPORTS / "word-tracked.docx", changes="accept")
    assert [plain_text(p) for p in _points(imported.paper)] == [
        "The EU set a 40% processing benchmark for 2030.",
        "No more than 65% of any strategic raw material from one country.",
    ]
    assert [plain_text(h.children) for h in blocks_of(imported.paper, m.Heading)] == [
        "The benchmark"
    ]
    target = tmp_path / "draft"
    assert (
        main(["import", str(IMPORTS / "word-tracked.docx"), str(target), "--accept-changes"]) == 0
    )
    assert main(["check", str(target)]) == 0


@pytest.mark.parametrize("name", ["pandoc", "libreoffice"])
def test_others_documents_import_into_papers_that_pass_check(name, tmp_path):
    target = tmp_path / name
    assert main(["import", str(IMPORTS / f"{name}.docx"), str(target)]) == 0
    paper = read_paper(target)
    assert len(blocks_of(paper, m.Figure)) == 1 and len(blocks_of(paper, m.Table)) == 1
    assert len(paper.footnotes) == 2


def test_a_metafile_picture_becomes_png_or_a_placeholder(monkeypatch):
    from briefing.importer import media

    monkeypatch.setattr(media.shutil, "which", lambda name: None)
    assert media.to_png(b"not an emf", "emf") is None
    assert b"<svg" in media.placeholder("chart")


def _points(paper: m.Paper) -> list[tuple]:
    from briefing.markdown import key_points

    return key_points(paper)


def test_an_unreadable_file_is_one_line(tmp_path, capsys):
    bad = tmp_path / "x.docx"
    bad.write_bytes(b"not a zip")
    assert main(["import", str(bad), str(tmp_path / "out")]) == 1
    assert capsys.readouterr().err.count("\n") == 1


def test_an_editor_who_resizes_or_removes_a_picture_is_followed(tmp_path):
    folder = CONTENT / "en-rare-earth-processing"
    [docx] = build(folder, ["docx"], tmp_path / "build")

    def halve_first_picture(xml: str) -> str:
        found = re.search(r'<wp:extent cx="(\d+)" cy="(\d+)"/>', xml)
        cx, cy = int(found[1]) // 2, int(found[2]) // 2
        return xml.replace(found[0], f'<wp:extent cx="{cx}" cy="{cy}"/>', 1)

    resized = tmp_path / "resized.docx"
    rewrite(docx, resized, halve_first_picture)
    [mine, trade] = blocks_of(import_docx(resized).paper, m.Figure)
    assert mine.src == "figures/re-mine-2024.svg" and mine.width == m.Width(fraction=0.42)
    assert trade.width == m.Width(fraction=0.9)  # untouched: as written

    def drop_first_figure(xml: str) -> str:
        start = xml.index("<w:drawing")
        para = xml.rindex("<w:p>", 0, start)
        return xml[:para] + xml[xml.index("</w:p>", start) + len("</w:p>") :]

    removed = tmp_path / "removed.docx"
    rewrite(docx, removed, drop_first_figure)
    [chart] = blocks_of(import_docx(removed).paper, m.Figure)
    assert chart.src == "figures/us-trade.chart.yaml"


def test_chinese_emphasis_comes_back_as_emphasis_with_its_punctuation(tmp_path):
    """zh-Hant emphasis is written as dots under the characters (w:em), Latin words in it
    italic and full-width punctuation unmarked; import reads the three back as one *…*."""
    folder = tmp_path / "src" / "zh-central-asia-energy"
    shutil.copytree(CONTENT / "zh-central-asia-energy", folder)
    shutil.copytree(CONTENT / "data", folder.parent / "data")  # the chart's shared CSV
    paper_md = folder / "paper.md"
    paper_md.write_text(
        paper_md.read_text(encoding="utf-8") + "\n強調*不經過，俄羅斯領土的 Caspian 路線*之後。\n",
        encoding="utf-8",
    )
    original, again = round_trip(folder, tmp_path)
    assert comparable(again) == comparable(original)
    emphasised = [plain_text(n.children) for n in walk(again.blocks) if isinstance(n, m.Emph)]
    assert "不經過，俄羅斯領土的 Caspian 路線" in emphasised
