"""Every good figure in tests/fixtures/figures/ (exports of matplotlib, Graphviz, gnuplot,
Inkscape, R, LibreOffice Calc, Illustrator, phones and ImageMagick) in one paper, built to
PDF and DOCX, and each figure checked where a reader would see it: ink in the PDF where it
stands, its proportions in both outputs, searchable text for SVGs that hold text, vector
plus a non-blank PNG in the DOCX, the photo upright, and LibreOffice drawing each one."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pdfplumber
import pypdf
import pypdfium2
import pytest
import yaml
from lxml import etree
from PIL import Image, ImageChops, ImageOps

from briefing import model as m
from briefing.docx import render_docx
from briefing.html import render_html
from briefing.pdf import OPTIONS, figure_images, figure_url, render_document
from briefing.reader import read_paper
from briefing.theme import load_theme
from briefing.transform import walk

FIGURES = Path(__file__).parent / "fixtures" / "figures"
SPEC = yaml.safe_load((FIGURES / "figures.yaml").read_text(encoding="utf-8"))["figures"]
GOOD = [f for f in SPEC if f["expect"] == "ok"]
SPACED = "Incidents Timeline.PNG"  # issue 12: a name with a space and an upper-case suffix
PLACED = [*GOOD, {**next(f for f in GOOD if f["file"] == "raster-1bit.png"), "file": SPACED}]
THEME = load_theme()
TIMESTAMP = dt.datetime(2024, 3, 1, tzinfo=dt.UTC)
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "asvg": "http://schemas.microsoft.com/office/drawing/2016/SVG/main",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
PX = 0.75  # WeasyPrint lays out in CSS px; the PDF is in points


def source(f: dict) -> str:
    return f"<figures/{f['file']}>" if " " in f["file"] else f"figures/{f['file']}"


@pytest.fixture(scope="module")
def paper(tmp_path_factory):
    folder = tmp_path_factory.mktemp("gallery") / "content" / "gallery"
    (folder / "figures").mkdir(parents=True)
    for f in GOOD:
        shutil.copy(FIGURES / f["file"], folder / "figures" / f["file"])
    shutil.copy(FIGURES / "raster-1bit.png", folder / "figures" / SPACED)
    # Captions say "Picture N" only: no word of a figure's own text, so a search finds
    # the figure's text, not its caption's.
    body = "\n\n".join(
        f'![Picture {i}]({source(f)}){{#fig:p{i} alt="Described {i}"}}'
        for i, f in enumerate(PLACED, 1)
    )
    (folder / "paper.md").write_text(
        "---\ntitle: Gallery\nauthors: [{name: A. Tester}]\ndate: 2024-03-01\nlang: en\n"
        f"key_points: [Every tool's figure]\n---\n## Figures\n\n{body}\n",
        encoding="utf-8",
    )
    return read_paper(folder, THEME)


@pytest.fixture(scope="module")
def pdf(paper, tmp_path_factory):
    """(PDF bytes, where each figure stands: [(page index, x0, top, x1, bottom) in pt])."""
    html = render_html(paper, THEME, TIMESTAMP, asset_url=figure_url)
    document = render_document(html, paper.folder, paper.folder.parent, figure_images([paper]))
    places = []
    for index, page in enumerate(document.pages):
        for box in descendants(page._page_box):
            if getattr(box, "element_tag", None) == "img":
                x, y = box.content_box_x() * PX, box.content_box_y() * PX
                places.append((index, x, y, x + box.width * PX, y + box.height * PX))
    return document.write_pdf(**OPTIONS), places


def descendants(box):
    yield box
    for child in getattr(box, "children", ()):
        yield from descendants(child)


@pytest.fixture(scope="module")
def docx_bytes(paper):
    return render_docx(paper, THEME, timestamp=TIMESTAMP)


def test_the_paper_holds_every_good_fixture(paper, pdf):
    figures = [n for n in walk(paper.blocks) if isinstance(n, m.Figure)]
    assert [f.path.name for f in figures] == [f["file"] for f in PLACED]
    assert len(pdf[1]) == len(PLACED)


@pytest.mark.parametrize("i", range(len(PLACED)), ids=[f["file"] for f in PLACED])
def test_pdf_has_ink_where_each_figure_stands_in_its_proportions(pdf, i):
    data, places = pdf
    page, x0, top, x1, bottom = places[i]
    assert (x1 - x0) / (bottom - top) == pytest.approx(PLACED[i]["aspect"], rel=0.01)
    region = page_pixels(data, page).crop((round(x0) + 1, round(top) + 1, round(x1) - 1,
                                           round(bottom) - 1)).convert("L")  # fmt: skip
    dark = sum(region.histogram()[:200])
    assert dark >= 0.002 * region.width * region.height, "the figure's box is blank"


@pytest.mark.parametrize(
    "i",
    [i for i, f in enumerate(PLACED) if f["kind"] == "svg" and f["has_text"]],
    ids=[f["file"] for f in PLACED if f["kind"] == "svg" and f["has_text"]],
)
def test_text_in_svg_figures_is_real_text_in_the_pdf(pdf, i):
    data, places = pdf
    page, x0, top, x1, bottom = places[i]
    with pdfplumber.open(io.BytesIO(data)) as document:
        text = document.pages[page].within_bbox((x0, top, x1, bottom)).extract_text()
    assert PLACED[i]["text"] in text.replace("\n", " ")


@pytest.mark.parametrize(
    "i",
    [i for i, f in enumerate(PLACED) if f["kind"] not in ("svg", "pdf")],
    ids=[f["file"] for f in PLACED if f["kind"] not in ("svg", "pdf")],
)
def test_pdf_bitmaps_are_upright_and_undistorted(pdf, i):
    data, places = pdf
    page, *box = places[i]
    with pdfplumber.open(io.BytesIO(data)) as document:
        [image] = [
            im for im in document.pages[page].images
            if abs(im["x0"] - box[0]) < 1 and abs(im["top"] - box[1]) < 1
        ]  # fmt: skip
    width, height = image["srcsize"]
    assert width / height == pytest.approx(PLACED[i]["aspect"], rel=0.01)


@pytest.mark.parametrize("name", ["photo-landscape-exif6.jpg", "photo-portrait-exif6.jpg"])
def test_the_phone_photo_is_upright_in_both_outputs(pdf, docx_bytes, name):
    i = [f["file"] for f in PLACED].index(name)
    page, x0, top, x1, bottom = pdf[1][i]
    printed = page_pixels(pdf[0], page, scale=2).crop(
        (round(x0 * 2), round(top * 2), round(x1 * 2), round(bottom * 2))
    )
    assert looks_upright(printed, FIGURES / name)
    embedded = Image.open(io.BytesIO(docx_pictures(docx_bytes)[i]["blip"]))
    assert looks_upright(embedded, FIGURES / name)


@pytest.mark.parametrize(
    "name", ["raster-cmyk.jpg", "raster-gray16.png", "raster.webp", "raster.tiff"]
)
def test_converted_bitmaps_print_like_the_photo_they_were_made_from(pdf, name):
    """The CMYK JPEG, the 16-bit grey PNG, the WebP and the TIFF were all made from the
    photo in raster-progressive.jpg: printed, each looks like it (the 16-bit PNG used to
    print as a black rectangle)."""
    files = [f["file"] for f in PLACED]

    def printed(file):
        page, *box = pdf[1][files.index(file)]
        region = page_pixels(pdf[0], page).crop(tuple(round(v) for v in box))
        return region.convert("L").resize((48, 32))

    histogram = ImageChops.difference(printed(name), printed("raster-progressive.jpg")).histogram()
    assert sum(i * n for i, n in enumerate(histogram)) / sum(histogram) < 12


def looks_upright(picture: Image.Image, original: Path) -> bool:
    """Closer to the EXIF-rotated original than to the picture as stored, turned either way
    (so a picture on its side, or upside down, fails)."""
    with Image.open(original) as stored:
        upright = ImageOps.exif_transpose(stored)
        wrong = [stored.rotate(a, expand=True) for a in (0, 90, 180, 270)]
    wrong = [w for w in wrong if w.tobytes() != upright.tobytes()]

    def distance(a, b):
        a, b = (x.convert("L").resize((24, 24)) for x in (a, b))
        return sum(i * n for i, n in enumerate(ImageChops.difference(a, b).histogram()))

    mine = distance(picture, upright)
    return all(mine * 1.5 < distance(picture, w) for w in wrong)


def test_every_figure_has_its_alt_text_in_the_pdf(pdf):
    root = pypdf.PdfReader(io.BytesIO(pdf[0])).trailer["/Root"]["/StructTreeRoot"]
    assert figure_alts(root) == [f"Described {i}" for i in range(1, len(PLACED) + 1)]


def figure_alts(element) -> list[str]:
    """/Alt of every /Figure structure element below `element`, in document order."""
    element = element.get_object()
    if not isinstance(element, dict):
        return []
    found = [str(element["/Alt"])] if element.get("/S") == "/Figure" else []
    kids = element.get("/K", [])
    kids = kids.get_object() if hasattr(kids, "get_object") else kids
    for kid in kids if isinstance(kids, list) else [kids]:
        found += figure_alts(kid)
    return found


@pytest.mark.parametrize("i", range(len(PLACED)), ids=[f["file"] for f in PLACED])
def test_docx_pictures_keep_proportions_with_vector_and_a_real_png(docx_bytes, i):
    picture = docx_pictures(docx_bytes)[i]
    f = PLACED[i]
    assert picture["cx"] / picture["cy"] == pytest.approx(f["aspect"], rel=0.01)
    assert picture["descr"] == f"Described {i + 1}"
    blip = Image.open(io.BytesIO(picture["blip"]))
    assert blip.format in ("PNG", "JPEG")
    assert blip.width / blip.height == pytest.approx(f["aspect"], rel=0.01)
    if f["kind"] in ("svg", "pdf"):
        assert picture["svg"] is not None and picture["svg"].lstrip().startswith(b"<?xml")
        assert etree.fromstring(picture["svg"]).tag == "{http://www.w3.org/2000/svg}svg"
        assert blip.format == "PNG" and dark_share(blip) > 0.002, "the PNG fallback is blank"
    else:
        assert picture["svg"] is None


def dark_share(picture: Image.Image) -> float:
    """Share of pixels that print darker than light grey, on white paper."""
    white = Image.new("RGBA", picture.size, "white")
    grey = Image.alpha_composite(white, picture.convert("RGBA")).convert("L")
    return sum(grey.histogram()[:200]) / (picture.width * picture.height)


def docx_pictures(data: bytes) -> list[dict]:
    """Each inline picture of the DOCX in order: extent, alt text, blip bytes, SVG bytes."""
    with zipfile.ZipFile(io.BytesIO(data)) as pkg:
        document = etree.fromstring(pkg.read("word/document.xml"))
        rels = etree.fromstring(pkg.read("word/_rels/document.xml.rels"))
        target = {r.get("Id"): "word/" + r.get("Target") for r in rels}
        out = []
        for inline in document.iterfind(".//wp:inline", NS):
            extent = inline.find("wp:extent", NS)
            blip = inline.find(".//a:blip", NS)
            svg = blip.find("a:extLst/a:ext/asvg:svgBlip", NS)
            out.append({
                "cx": int(extent.get("cx")),
                "cy": int(extent.get("cy")),
                "descr": inline.find("wp:docPr", NS).get("descr"),
                "blip": pkg.read(target[blip.get(EMBED)]),
                "svg": pkg.read(target[svg.get(EMBED)]) if svg is not None else None,
            })  # fmt: skip
    return out


def page_pixels(data: bytes, index: int, scale: float = 1) -> Image.Image:
    """A PDF page as pixels, 72 * scale per inch (so at scale 1 a pixel is a point)."""
    document = pypdfium2.PdfDocument(data)
    try:
        return document[index].render(scale=scale).to_pil().convert("RGB")
    finally:
        document.close()


@pytest.fixture(scope="module")
def libreoffice_pdf(docx_bytes, tmp_path_factory):
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed: cannot lay the DOCX out")
    folder = tmp_path_factory.mktemp("gallery-lo")
    (folder / "gallery.docx").write_bytes(docx_bytes)
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(folder), str(folder / "gallery.docx")],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return (folder / "gallery.pdf").read_bytes()


def test_libreoffice_draws_every_figure_above_its_caption(libreoffice_pdf, docx_bytes):
    """In LibreOffice's layout each caption "Figure N" has its figure right above it: the
    text column over the caption, as high as the picture, holds ink."""
    heights = [p["cy"] / 12700 for p in docx_pictures(docx_bytes)]  # EMU -> points
    left, right = THEME.page.margin_left, THEME.page.width - THEME.page.margin_right
    seen = set()
    with pdfplumber.open(io.BytesIO(libreoffice_pdf)) as document:
        for index, page in enumerate(document.pages):
            words = page.extract_words()
            pixels = None
            for word, following in zip(words, words[1:]):
                if word["text"] != "Figure" or not following["text"].isdigit():
                    continue
                number = int(following["text"])
                pixels = pixels or page_pixels(libreoffice_pdf, index)
                bottom = word["top"] - 2
                top = bottom - heights[number - 1]
                box = (round(left), round(top), round(right), round(bottom))
                dark = sum(pixels.crop(box).convert("L").histogram()[:200])
                assert dark > 50, f"nothing drawn above the caption of {PLACED[number - 1]['file']}"
                seen.add(number)
    assert seen == set(range(1, len(PLACED) + 1))


def test_without_alt_the_caption_describes_the_figure_in_both_outputs(tmp_path):
    from briefing.build import build

    folder = tmp_path / "content" / "plain"
    (folder / "figures").mkdir(parents=True)
    shutil.copy(FIGURES / "gv-flow.svg", folder / "figures" / "flow.svg")
    (folder / "paper.md").write_text(
        "---\ntitle: Plain\nauthors: [{name: A. Tester}]\ndate: 2024-03-01\n"
        "key_points: [One]\n---\n## One\n\n![How a *draft* is approved](figures/flow.svg)\n",
        encoding="utf-8",
    )
    pdf, docx = build(folder, ["pdf", "docx"], tmp_path / "out")
    root = pypdf.PdfReader(pdf).trailer["/Root"]["/StructTreeRoot"]
    assert figure_alts(root) == ["How a draft is approved"]
    [picture] = docx_pictures(docx.read_bytes())
    assert picture["descr"] == "How a draft is approved"
