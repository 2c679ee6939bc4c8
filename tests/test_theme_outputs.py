"""A theme's values reach both outputs: every test paper builds in both themes, and what a
reader sees (page size, colours, faces, the logo, the side panel, a draft's watermark)
follows the theme in the PDF and the DOCX alike."""

from __future__ import annotations

import difflib
import re
import subprocess
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from conftest import ENGLISH, SAMPLES, SEED
from lxml import etree
from pypdf import PdfReader

from briefing import figures
from briefing.build import build
from briefing.html import render_html
from briefing.html.css import pt
from briefing.reader import read_paper
from briefing.theme import load_theme

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
THEMES = Path(__file__).parent / "fixtures" / "themes"
POLICY = load_theme("policy-brief")


@pytest.fixture(scope="module")
def both_themes(tmp_path_factory) -> dict[tuple[str, str], list[Path]]:
    """{(slug, theme): [pdf, docx]} for every test paper in both themes."""
    built = {}
    for theme in ("default", "policy-brief"):
        out = tmp_path_factory.mktemp(theme)
        for folder in SAMPLES:
            built[folder.name, theme] = build(folder, ["pdf", "docx"], out, theme=theme)
    return built


def xml(docx: Path, part: str) -> etree._Element:
    with zipfile.ZipFile(docx) as z:
        return etree.fromstring(z.read(part))


def style(docx: Path, name: str) -> etree._Element:
    styles = xml(docx, "word/styles.xml")
    return styles.find(f"{W}style[@{W}styleId='{name.replace(' ', '')}']")


def fill_ops(pdf: Path, page: int = 0) -> set[str]:
    data = PdfReader(pdf).pages[page].get_contents().get_data().decode("latin1")
    return set(re.findall(r"(?:[\d.]+ ){3}(?:rg|RG)", data))


def rgb_op(colour: str, op: str = "rg") -> str:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    return " ".join(f"{c:.6f}".rstrip("0").rstrip(".") if c else "0" for c in channels) + f" {op}"


def test_every_paper_builds_in_both_themes_with_the_themes_page_size(both_themes):
    for (slug, theme), (pdf, docx) in both_themes.items():
        page = load_theme(theme).page
        box = PdfReader(pdf).pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == (
            round(page.width),
            round(page.height),
        ), slug
        size = xml(docx, "word/document.xml").find(f".//{W}sectPr/{W}pgSz")
        assert int(size.get(f"{W}w")) == round(page.width * 20), slug
        assert int(size.get(f"{W}h")) == round(page.height * 20), slug


def test_colours_reach_the_docx_styles_and_the_pdfs_drawing(both_themes):
    pdf, docx = both_themes[ENGLISH.name, "policy-brief"]
    accent = POLICY.colours["accent"]
    colour = style(docx, "Heading 1").find(f".//{W}color").get(f"{W}val")
    assert colour == accent.lstrip("#")
    band = rgb_op(POLICY.cover.band_colour)
    assert band in fill_ops(pdf)  # the band, painted on page 1
    default_pdf, _ = both_themes[ENGLISH.name, "default"]
    assert band not in fill_ops(default_pdf)
    shape = xml(docx, "word/document.xml").find(".//{*}wsp//{*}solidFill/{*}srgbClr")
    assert shape.get("val") == POLICY.cover.band_colour.lstrip("#")


def test_faces_reach_both_outputs(both_themes):
    pdf, docx = both_themes[ENGLISH.name, "policy-brief"]
    with pdfplumber.open(pdf) as doc:
        faces = {c["fontname"].split("+")[-1] for c in doc.pages[0].chars}
    assert "Open-Sans" in faces and not any("Serif" in f for f in faces), faces
    fonts = style(docx, "Body Text").find(f".//{W}rFonts")
    assert fonts.get(f"{W}ascii") == "Open Sans"
    zh_pdf, _ = both_themes[SEED.name, "policy-brief"]
    with pdfplumber.open(zh_pdf) as doc:
        faces = {c["fontname"].split("+")[-1] for c in doc.pages[0].chars}
    assert not any("Serif" in f for f in faces), faces  # the sans theme: no serif face


def test_the_logo_is_in_the_band_of_both_outputs(both_themes):
    pdf, docx = both_themes[ENGLISH.name, "policy-brief"]
    assert "1 1 1 RG" in fill_ops(pdf)  # the logo's white outline, on page 1 only
    assert "1 1 1 RG" not in fill_ops(pdf, 1)
    band = xml(docx, "word/document.xml").find(f".//{{*}}wsp//{W}txbxContent")
    picture = band.find(".//{*}pic/{*}nvPicPr/{*}cNvPr")
    assert picture.get("name") == "logo.svg"
    with zipfile.ZipFile(docx) as z:
        svgs = [n for n in z.namelist() if n.endswith(".svg")]
        # the logo as the one figure loader gives it to every writer (a clean SVG)
        logo = figures.load(POLICY.logo.path).data
        assert any(z.read(n) == logo for n in svgs)


def test_key_points_stand_in_a_side_panel_on_page_one(both_themes, tmp_path):
    pdf, docx = both_themes[ENGLISH.name, "policy-brief"]
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[0]
        words = page.extract_words()
        title = next(w for w in words if w["text"] == "KEY")
        beside = [w for w in words if 0 <= w["top"] - title["top"] < 100 and w["x1"] < title["x0"]]
    assert title["x0"] > page.width / 2  # the panel is on the right half
    assert beside  # and the body text runs beside it
    position = xml(docx, "word/document.xml").find(f".//{W}tblpPr")
    assert position.get(f"{W}tblpXSpec") == "right"
    # LibreOffice puts it on page 1, on the right
    rendered = libreoffice_pdf(docx, tmp_path)
    with pdfplumber.open(rendered) as doc:
        page = doc.pages[0]
        title = next(w for w in page.extract_words() if w["text"] == "KEY")
    assert title["x0"] > page.width / 2


def libreoffice_pdf(docx: Path, out: Path) -> Path:
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out), str(docx)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return out / (docx.stem + ".pdf")


def test_two_overrides_change_exactly_those_values(tmp_path):
    """accent colour and body size: the page's CSS and the Word styles differ in those only."""
    base, accent = load_theme(), load_theme(THEMES / "accent")
    paper = read_paper(ENGLISH, base)
    import datetime as dt

    when = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    changed = [
        line
        for line in difflib.ndiff(
            render_html(paper, base, when).splitlines(),
            render_html(read_paper(ENGLISH, accent), accent, when).splitlines(),
        )
        if line[:2] in ("- ", "+ ")
    ]
    old_accent, new_accent = base.colours["accent"], accent.colours["accent"]

    scale = base.footnotes.call_scale  # a footnote call's size and raise follow the body's

    def reduced(line: str) -> str:
        for value in (old_accent, new_accent):
            line = line.replace(value, "ACCENT")
        for size in (11, 12):
            line = line.replace(pt(size * scale), "CALL").replace(pt(size * (1 - scale)), "RAISE")
        return re.sub(r"font-size: 1[12]pt", "SIZE", line[2:])

    removed = sorted(reduced(line) for line in changed if line.startswith("- "))
    added = sorted(reduced(line) for line in changed if line.startswith("+ "))
    assert removed and removed == added  # each changed line differs only in those values
    default_docx = build(ENGLISH, ["docx"], tmp_path / "a", theme=base)[0]
    accent_docx = build(ENGLISH, ["docx"], tmp_path / "b", theme=accent)[0]
    a, b = xml(default_docx, "word/styles.xml"), xml(accent_docx, "word/styles.xml")
    differ = set()
    for old, new in zip(a.iter(), b.iter()):
        for key, value in old.attrib.items():
            if new.get(key) != value:
                differ.add((etree.QName(old).localname, value, new.get(key)))
    colour = (old_accent[1:], new_accent[1:])
    # the accent wherever a style uses it (text colour; the Date's rule), the body's size
    assert differ == {
        ("color", *colour),
        ("bottom", *colour),
        ("sz", "22", "24"),
        ("szCs", "22", "24"),
    }
    accent_pdf = build(ENGLISH, ["pdf"], tmp_path / "b", theme=accent)[0]
    assert rgb_op(new_accent) in fill_ops(accent_pdf)
    with pdfplumber.open(accent_pdf) as doc:
        # The body's first line (which page 2 holds depends on how the figures float).
        line = next(
            ln
            for ln in doc.pages[0].extract_text_lines(return_chars=True)
            if ln["text"].startswith("Rare-earth elements are")
        )
    assert {round(c["size"], 1) for c in line["chars"] if c["text"].strip()} == {12.0}


@pytest.mark.parametrize("theme", ["default", "policy-brief"])
@pytest.mark.parametrize("folder", [ENGLISH, SEED], ids=["en", "zh-Hant"])
def test_a_draft_is_marked_on_every_page_and_in_its_properties(folder, theme, tmp_path):
    pdf, docx = build(folder, ["pdf", "docx"], tmp_path, theme=theme, draft=True)
    word = load_theme(theme).language(read_paper(folder).meta.lang).word("draft")
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            marks = "".join(c["text"] for c in page.chars if abs(c["matrix"][1]) > 0.1)
            assert word in marks, page.page_number
    assert PdfReader(pdf).metadata["/contentstatus"] == "draft"  # HTML lower-cases meta names
    header = b"".join(
        zipfile.ZipFile(docx).read(n)
        for n in zipfile.ZipFile(docx).namelist()
        if n.startswith("word/header")
    ).decode("utf-8")
    assert 'id="PowerPlusWaterMarkObject1"' in header and f'string="{word}"' in header
    core = zipfile.ZipFile(docx).read("docProps/core.xml").decode("utf-8")
    assert "<cp:contentStatus>draft</cp:contentStatus>" in core


def test_a_final_paper_has_no_mark(both_themes):
    pdf, docx = both_themes[ENGLISH.name, "default"]
    with pdfplumber.open(pdf) as doc:
        assert not any(abs(c["matrix"][1]) > 0.1 for c in doc.pages[0].chars)
    with zipfile.ZipFile(docx) as z:
        assert b"PowerPlusWaterMark" not in b"".join(
            z.read(n) for n in z.namelist() if n.startswith("word/header")
        )


def test_about_the_authors_and_the_imprint_close_the_paper(both_themes):
    pdf, docx = both_themes[ENGLISH.name, "policy-brief"]
    with pdfplumber.open(pdf) as doc:
        pages = [page.extract_text() for page in doc.pages]
    # after the reference list; the imprint may run over onto a page of its own
    closing = "\n".join(pages[-2:])
    assert closing.index("References") < closing.index("About the authors")
    assert closing.index("About the authors") < closing.index("CC BY 4.0")
    assert "CC BY 4.0" in pages[-1]
    body = xml(docx, "word/document.xml").find(f"{W}body")
    styles = [p.find(f"{W}pPr/{W}pStyle") for p in body.iter(f"{W}p")]
    names = [s.get(f"{W}val") for s in styles if s is not None]
    assert names[-1] == "Colophon" and "AboutTitle" in names
    colophon = [p for p in body.iter(f"{W}p") if "Colophon" in etree.tostring(p).decode()][-1]
    assert colophon.find(".//{*}pic") is not None  # the QR code


def test_the_dotx_is_a_word_template_libreoffice_opens_with_every_style(tmp_path, capsys):
    from briefing.cli import main
    from briefing.styles import CHARACTER_STYLES, PARAGRAPH_STYLES

    out = tmp_path / "house.dotx"
    assert main(["theme", "export-dotx", "policy-brief", "--lang", "en", "--out", str(out)]) == 0
    with zipfile.ZipFile(out) as z:
        types = z.read("[Content_Types].xml").decode()
        assert "wordprocessingml.template.main+xml" in types
    names = {
        s.find(f"{W}name").get(f"{W}val").lower()
        for s in xml(out, "word/styles.xml").iter(f"{W}style")
    }
    assert {n.lower() for n in PARAGRAPH_STYLES + CHARACTER_STYLES} <= names
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "fodt", "--outdir", str(tmp_path), str(out)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    flat = (tmp_path / "house.fodt").read_text(encoding="utf-8")
    listed = set(re.findall(r'style:(?:display-)?name="([^"]+)"', flat))
    assert {"Key Points", "Key Points Title", "Band Text", "About Title", "Colophon"} <= listed
    assert "Heading 1" in listed
