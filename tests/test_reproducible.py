"""Same sources, same bytes: whatever the clock, time zone, checkout path or file times."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import zipfile

import pypdf
from conftest import ROOT, SEED

from briefing.build import build
from briefing.verify import verify

EPOCH = 1_700_000_000  # 2023-11-14 22:13:20 UTC


def test_a_rebuild_elsewhere_gives_identical_bytes(built_pdf, built_docx, tmp_path):
    """Another path, TZ=Pacific/Kiritimati, C locale, every mtime changed: `make verify`."""
    out = tmp_path / "build"
    out.mkdir()
    for path in [*built_pdf.values(), *built_docx.values()]:
        shutil.copy(path, out / path.name)
    assert verify(ROOT, out) == []


def test_source_date_epoch_dates_every_output(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    pdf, docx = build(SEED, ["pdf", "docx"], tmp_path)
    info = pypdf.PdfReader(pdf).metadata
    assert info["/CreationDate"].startswith("D:20231114221320")
    assert info["/ModDate"].startswith("D:20231114221320")
    with zipfile.ZipFile(docx) as package:
        core = package.read("docProps/core.xml").decode()
        assert "2023-11-14T22:13:20Z" in core
        assert {i.date_time for i in package.infolist()} == {(2023, 11, 14, 22, 13, 20)}


def test_without_source_date_epoch_the_paper_date_is_used(built_pdf, built_docx):
    info = pypdf.PdfReader(built_pdf[SEED.name]).metadata
    assert info["/CreationDate"].startswith("D:20220125000000")
    with zipfile.ZipFile(built_docx[SEED.name]) as package:
        assert "2022-01-25T00:00:00Z" in package.read("docProps/core.xml").decode()
        stamps = {i.date_time for i in package.infolist()}
    assert stamps == {dt.datetime(2022, 1, 25).timetuple()[:6]}


def test_docx_entries_are_in_a_fixed_order_with_fixed_attributes(built_docx):
    with zipfile.ZipFile(built_docx[SEED.name]) as package:
        infos = package.infolist()
    names = [i.filename for i in infos]
    assert names[0] == "[Content_Types].xml"
    assert names[1:] == sorted(names[1:])
    assert {i.external_attr >> 16 for i in infos} == {0o100644}
    assert {i.compress_type for i in infos} == {zipfile.ZIP_DEFLATED}


def test_the_pdf_has_a_content_derived_id_and_no_local_paths(built_pdf):
    path = built_pdf[SEED.name]
    reader = pypdf.PdfReader(path)
    first, second = reader.trailer["/ID"]
    # The permanent ID is WeasyPrint's md5 (hex) of the bytes it wrote; the finishing
    # (qpdf's deterministic_id) makes the changing one an md5 of the final content.
    assert len(first) == 32, "an md5 (hex) of the file's own content"
    assert len(second.original_bytes) == 16 and second.original_bytes != b"\0" * 16
    raw = path.read_bytes()
    assert str(ROOT).encode() not in raw and b"file://" not in raw


def test_papers_with_bitmap_figures_give_the_same_bytes_from_any_folder(tmp_path, monkeypatch):
    """Issue 12: WeasyPrint named each picture in the PDF after its absolute file: URL, so
    a PNG or JPEG figure made the PDF depend on the checkout's folder. Two checkouts at
    different depths now build the same PDF and DOCX, byte for byte."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    figures = ROOT / "tests" / "fixtures" / "figures"
    outputs = []
    for checkout in (tmp_path / "a", tmp_path / "some" / "other place" / "b"):
        folder = checkout / "content" / "bitmaps"
        (folder / "figures").mkdir(parents=True)
        for name in ("mpl-line.png", "raster-progressive.jpg", "photo-landscape-exif6.jpg",
                     "raster-gray16.png", "gp-sine.svg", "gp-sine.pdf"):  # fmt: skip
            shutil.copy(figures / name, folder / "figures" / name)
        shutil.copy(figures / "raster-rgba.png", folder / "figures" / "Incidents Timeline.PNG")
        (folder / "paper.md").write_text(
            "---\ntitle: Bitmaps\nauthors: [{name: A. Tester}]\ndate: 2024-03-01\n"
            "key_points: [One]\n---\n## One\n\n"
            "![Line](figures/mpl-line.png)\n\n![Falls](figures/raster-progressive.jpg)\n\n"
            "![Turned](figures/photo-landscape-exif6.jpg)\n\n![Grey](figures/raster-gray16.png)"
            "\n\n![Sine](figures/gp-sine.svg)\n\n![Sine again](figures/gp-sine.pdf)\n\n"
            "![Spaced](<figures/Incidents Timeline.PNG>)\n",
            encoding="utf-8",
        )
        pdf, docx = build(folder, ["pdf", "docx"], checkout / "build")
        outputs.append((pdf.read_bytes(), docx.read_bytes()))
        assert str(checkout).encode() not in outputs[-1][0]
    assert outputs[0][0] == outputs[1][0], "the PDFs differ"
    assert outputs[0][1] == outputs[1][1], "the DOCX files differ"
    assert len(pypdf.PdfReader(io.BytesIO(outputs[0][0])).pages[0].images) >= 2
