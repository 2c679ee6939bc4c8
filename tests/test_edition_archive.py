"""The archive edition: PDF/A-3a and PDF/UA-1 identification with the front matter's
metadata, the paper's sources attached (names, relationships, bytes), written out again
by `briefing extract`, and rebuilt from them to the same bytes. veraPDF, where a machine
has it, validates both claims."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from conftest import ROOT
from pdf_structure import roles, xmp

from briefing.build import build
from briefing.cli import main

FIXTURE = ROOT / "tests" / "fixtures" / "editions" / "en-editions"
DEFAULT = ROOT / "templates" / "default"


@pytest.fixture(scope="module")
def archived(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("archive")
    return build(FIXTURE, ["archive"], out)[0]


def test_it_says_it_is_pdf_a3a_and_pdf_ua1_with_the_front_matters_metadata(archived):
    assert archived.parent.name == "archive"
    with pikepdf.open(archived) as pdf:
        meta = xmp(pdf)
        assert (meta["pdfaid:part"], meta["pdfaid:conformance"]) == ("3", "A")
        assert meta["pdfuaid:part"] == "1"
        assert meta["dc:title"] == "Editions: one paper for the printer, the folder and the archive"
        assert meta["dc:creator"] == ["Test Author, Second Author"]  # as /Author says
        assert meta["dc:description"] == "A fixture for the print, booklet and archive editions"
        assert set(meta["dc:subject"]) == {"rare earths", "supply chains", "refining"}
        assert meta["dc:language"] == {"en"}
        assert meta["xmp:CreateDate"] == "2025-06-30T00:00:00Z"
        assert str(pdf.Root.OutputIntents[0].S) == "/GTS_PDFA1"
        assert pdf.Root.MarkInfo.Marked is True and pdf.Root.ViewerPreferences.DisplayDocTitle


def _expected_sources() -> dict[str, tuple[Path, str]]:
    paper = {
        f"content/en-editions/{p.relative_to(FIXTURE).as_posix()}": p
        for p in FIXTURE.rglob("*")
        if p.is_file()
    }
    theme = {
        f"templates/default/{p.relative_to(DEFAULT).as_posix()}": p
        for p in DEFAULT.rglob("*")
        if p.is_file()
    }
    kinds = {".md": "/Source", ".svg": "/Source", ".csv": "/Data"}
    return {
        **{name: (path, kinds[path.suffix]) for name, path in paper.items()},
        **{name: (path, "/Supplement") for name, path in theme.items()},
    }


def test_the_sources_are_attached_with_their_relationship_and_bytes(archived):
    expected = _expected_sources()
    with pikepdf.open(archived) as pdf:
        attached = dict(pdf.attachments.items())
        assert set(attached) == {*expected, "manifest.json"}
        for name, (path, relationship) in expected.items():
            spec = attached[name]
            assert spec.get_file().read_bytes() == path.read_bytes(), name
            assert str(spec.obj.AFRelationship) == relationship, name
        # Every one is an associated file of the document (ISO 19005-3, 6.8).
        assert {str(s.UF) for s in pdf.Root.AF} == set(attached)
        record = json.loads(attached["manifest.json"].get_file().read_bytes())
    assert record["output"] == "archive/en-editions.pdf"
    assert record["inputs"]["content/en-editions/paper.md"] == _sha(FIXTURE / "paper.md")
    assert record["engine"]["python_packages"]["weasyprint"] == "70.0"


def _sha(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def rebuilt_from_extract(archived: Path, slug: str, tmp_path: Path, monkeypatch) -> bytes:
    """The archive PDF built again from what `briefing extract` writes of `archived`, with
    the rebuild command's SOURCE_DATE_EPOCH and the extracted theme, from another folder."""
    folder = tmp_path / "extracted"
    assert main(["extract", str(archived), str(folder)]) == 0
    command = json.loads((folder / "manifest.json").read_text())["rebuild"]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", command.split()[0].partition("=")[2])
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "again"
    args = ["build", str(folder / "content" / slug), "--format", "archive"]
    assert main([*args, "--theme", str(folder / "templates/default"), "--out", str(out)]) == 0
    return (out / f"archive/{slug}.pdf").read_bytes()


def test_extract_then_rebuild_gives_the_same_bytes(archived, tmp_path, monkeypatch, capsys):
    folder = tmp_path / "extracted"
    assert main(["extract", str(archived), str(folder)]) == 0
    printed = capsys.readouterr().out
    assert (folder / "content/en-editions/figures/shares.csv").read_bytes() == (
        FIXTURE / "figures/shares.csv"
    ).read_bytes()
    command = json.loads((folder / "manifest.json").read_text())["rebuild"]
    assert f"rebuild it with: {command.replace('DIR/', str(folder) + '/')}" in printed
    # The command the record gives, run from another folder, with the extracted theme.
    again = rebuilt_from_extract(archived, "en-editions", tmp_path / "second", monkeypatch)
    assert again == archived.read_bytes()


def test_extract_refuses_a_name_outside_the_folder(tmp_path, capsys):
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.attachments["../escape.txt"] = pikepdf.AttachedFileSpec(pdf, b"x", filename="x")
    pdf.save(tmp_path / "evil.pdf")
    assert main(["extract", str(tmp_path / "evil.pdf"), str(tmp_path / "out")]) == 2
    assert "outside" in capsys.readouterr().err
    assert not (tmp_path / "escape.txt").exists() and not (tmp_path / "out").exists()


def test_the_archive_copy_is_tagged_like_every_pdf(archived):
    with pikepdf.open(archived) as pdf:
        assert len(roles(pdf, "/Note")) == 2
        assert all("/Alt" in f for f in roles(pdf, "/Figure"))


@pytest.mark.parametrize("flavour", ["3a", "ua1"])
def test_verapdf_validates_the_claims(archived, flavour):
    """veraPDF is the reference validator; it is not in the registries this project
    installs from, so a machine without it skips this and says so."""
    verapdf = shutil.which("verapdf")
    if verapdf is None:
        pytest.skip("veraPDF not on PATH: PDF/A-3a and PDF/UA-1 validation skipped")
    result = subprocess.run(
        [verapdf, "--flavour", flavour, "--format", "text", str(archived)],
        capture_output=True,
        text=True,
    )
    assert result.stdout.startswith("PASS"), result.stdout + result.stderr


def test_a_chart_reading_shared_data_carries_that_data_and_rebuilds(tmp_path, monkeypatch):
    """The Chinese sample's chart reads content/data/*.csv, outside its folder: the CSV
    is attached under that name, so the extracted project builds the same PDF."""
    from conftest import CONTENT

    paper = CONTENT / "zh-central-asia-energy"
    archived = build(paper, ["archive"], tmp_path / "first")[0]
    with pikepdf.open(archived) as pdf:
        spec = pdf.attachments["content/data/central-asia-gas-pipelines.csv"]
        assert str(spec.obj.AFRelationship) == "/Data"
        data = spec.get_file().read_bytes()
    assert data == (CONTENT / "data/central-asia-gas-pipelines.csv").read_bytes()
    again = rebuilt_from_extract(archived, paper.name, tmp_path, monkeypatch)
    assert again == archived.read_bytes()


def test_a_paper_citing_a_shared_library_carries_it_and_rebuilds(tmp_path, monkeypatch):
    """A paper citing `../library.json` (a library papers share): the library is attached
    under its name in the project, so the extracted project builds the same PDF."""
    paper = ROOT / "tests" / "fixtures" / "citations" / "en"
    archived = build(paper, ["archive"], tmp_path / "first")[0]
    with pikepdf.open(archived) as pdf:
        spec = pdf.attachments["content/library.json"]
        assert str(spec.obj.AFRelationship) == "/Source"
        assert spec.get_file().read_bytes() == (paper.parent / "library.json").read_bytes()
    again = rebuilt_from_extract(archived, paper.name, tmp_path, monkeypatch)
    assert again == archived.read_bytes()
