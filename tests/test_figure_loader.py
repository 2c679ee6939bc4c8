"""The one figure loader, file by file: every real-tool export in tests/fixtures/figures/
loads with its kind and proportions, the refused ones are refused, and what it hands the
writers is what they can draw (clean SVG, upright 8-bit PNG or JPEG)."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest
import yaml
from lxml import etree
from PIL import Image, ImageChops

from briefing import figures
from briefing.build import build
from briefing.figures import fonts
from briefing.figures.svg import render_png

FIGURES = Path(__file__).parent / "fixtures" / "figures"
SPEC = yaml.safe_load((FIGURES / "figures.yaml").read_text(encoding="utf-8"))["figures"]
GOOD = [f for f in SPEC if f["expect"] == "ok"]
REFUSED = [f for f in SPEC if f["expect"] == "refused"]
SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize("f", GOOD, ids=[f["file"] for f in GOOD])
def test_every_good_export_loads_upright_in_its_proportions(f):
    image = figures.load(FIGURES / f["file"])
    assert image.kind == f["kind"]
    assert image.width / image.height == pytest.approx(f["aspect"], rel=0.002)
    if image.vector:
        root = etree.fromstring(image.data)
        assert root.tag == f"{SVG}svg" and root.get("viewBox")
        assert b"<!DOCTYPE" not in image.data and b"<!ENTITY" not in image.data
    else:
        with Image.open(io.BytesIO(image.data)) as picture:
            assert picture.format.lower() == image.format in ("png", "jpeg")
            assert picture.mode in ("L", "LA", "RGB", "RGBA", "P")
            assert picture.width / picture.height == pytest.approx(f["aspect"], rel=0.002)
            assert picture.getexif().get(0x0112, 1) == 1, "orientation applied, tag gone"


@pytest.mark.parametrize("f", REFUSED, ids=[f["file"] for f in REFUSED])
def test_every_bad_file_is_refused(f):
    with pytest.raises(figures.FigureError) as refused:
        figures.load(FIGURES / f["file"])
    assert refused.value.problem and refused.value.hint


def test_files_writers_can_embed_pass_through_byte_for_byte():
    for name in ("mpl-line.png", "raster-progressive.jpg", "raster-rgba.png"):
        assert figures.load(FIGURES / name).data == (FIGURES / name).read_bytes()


@pytest.mark.parametrize("name", ["raster-cmyk.jpg", "raster-gray16.png", "raster.webp",
                                  "raster.tiff"])  # fmt: skip
def test_converted_bitmaps_show_the_same_photo(name):
    """Each was made from the same 480x320 photo as raster-progressive.jpg: once converted
    (CMYK to RGB, 16 to 8 bits scaled, WebP and TIFF to PNG) it still looks like it, not
    black, inverted or washed out."""
    grey = "L" if name == "raster-gray16.png" else "RGB"

    def pixels(path_or_bytes):
        with Image.open(path_or_bytes) as picture:
            return picture.convert(grey).resize((48, 32))

    mine = pixels(io.BytesIO(figures.load(FIGURES / name).data))
    reference = pixels(FIGURES / "raster-progressive.jpg")
    histogram = ImageChops.difference(mine, reference).convert("L").histogram()
    mean = sum(i * n for i, n in enumerate(histogram)) / sum(histogram)
    assert mean < 12


ILLUSTRATOR = """<?xml version="1.0" encoding="utf-8"?>
<!-- Generator: Adobe Illustrator 24.0.0, SVG Export Plug-In . SVG Version: 6.00 Build 0)  -->
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [
    <!ENTITY ns_extend "http://ns.adobe.com/Extensibility/1.0/">
    <!ENTITY ns_ai "http://ns.adobe.com/AdobeIllustrator/10.0/">
    <!ENTITY ns_graphs "http://ns.adobe.com/Graphs/1.0/">
    <!ENTITY ns_vars "http://ns.adobe.com/Variables/1.0/">
    <!ENTITY ns_svg "http://www.w3.org/2000/svg">
    <!ENTITY ns_xlink "http://www.w3.org/1999/xlink">
]>
<svg version="1.1" xmlns:x="&ns_extend;" xmlns:i="&ns_ai;" xmlns:graph="&ns_graphs;"
     xmlns="&ns_svg;" xmlns:xlink="&ns_xlink;" x="0px" y="0px" width="200px" height="100px"
     viewBox="0 0 200 100" xml:space="preserve">
<switch>
    <foreignObject requiredExtensions="&ns_ai;" x="0" y="0" width="1" height="1">
        <i:pgfRef xlink:href="#adobe_illustrator_pgf"></i:pgfRef>
    </foreignObject>
    <g i:extraneous="self">
        <rect x="10" y="10" width="180" height="80" fill="#1F4E79"/>
        <text transform="matrix(1 0 0 1 20 60)" style="font-family:'ArialMT';font-size:24px;"
            fill="#FFFFFF">Harbour</text>
    </g>
</switch>
<i:pgf id="adobe_illustrator_pgf"><![CDATA[eJzs]]></i:pgf>
</svg>
"""


def test_illustrator_namespace_entities_are_accepted_and_expanded(tmp_path):
    path = tmp_path / "ai.svg"
    path.write_text(ILLUSTRATOR, encoding="utf-8")
    image = figures.load(path)
    root = etree.fromstring(image.data)
    assert root.tag == f"{SVG}svg"
    assert root.nsmap["i"] == "http://ns.adobe.com/AdobeIllustrator/10.0/"
    # The <switch> is resolved to the branch every renderer shows: Illustrator's private
    # data (the foreignObject) goes, the drawing stays.
    assert root.find(f".//{SVG}switch") is None and root.find(f".//{SVG}foreignObject") is None
    assert root.find(f"{SVG}g/{SVG}g/{SVG}rect").get("fill") == "#1F4E79"
    assert ImageChops.invert(Image.open(io.BytesIO(render_png(image, 100))).convert("L")).getbbox()


@pytest.mark.parametrize(
    "declaration",
    [
        '<!ENTITY % p "http://example.com/">',
        '<!ENTITY e SYSTEM "http://example.com/e.xml">',
        '<!ENTITY e "two words">',
        '<!ENTITY e "http://example.com/&amp;x">',
        '<!ENTITY e "&#60;rect/&#62;">',
    ],
    ids=["parameter", "external", "text", "ampersand", "markup"],
)
def test_other_entity_declarations_are_refused(declaration, tmp_path):
    path = tmp_path / "e.svg"
    path.write_text(
        f'<!DOCTYPE svg [{declaration}]><svg xmlns="http://www.w3.org/2000/svg" '
        'width="10" height="10"/>'
    )
    with pytest.raises(figures.FigureError, match="declares"):
        figures.load(path)


def test_an_embedded_svg_picture_is_refused(tmp_path):
    path = tmp_path / "nested.svg"
    path.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        '<image href="data:image/svg+xml;base64,PHN2Zy8+" width="10" height="10"/></svg>'
    )
    with pytest.raises(figures.FigureError, match="refers to another file"):
        figures.load(path)


def test_missing_fonts_get_metric_twins_and_a_cjk_face():
    assert fonts.with_fallbacks(["Arial"]) == [
        "Arial", "Liberation Sans", "Noto Sans CJK TC", "sans-serif"
    ]  # fmt: skip
    assert fonts.with_fallbacks(["PMingLiU", "serif"]) == [
        "PMingLiU", "Noto Serif CJK TC", "Liberation Serif", "serif"
    ]  # fmt: skip
    assert fonts.family_value("'Microsoft JhengHei', sans-serif") == (
        "'Microsoft JhengHei','Noto Sans CJK TC','Liberation Sans',sans-serif"
    )
    assert fonts.style_sheet(".a{font-family:Helvetica;fill:red}") == (
        ".a{font-family:'Helvetica','Liberation Sans','Noto Sans CJK TC',sans-serif;fill:red;}"
    )


CJK_LABEL = """<svg xmlns="http://www.w3.org/2000/svg" width="240pt" height="60pt">
<text x="8" y="50" font-size="36" font-family="{font}">臺灣 Taiwan</text></svg>"""


def test_figure_text_in_a_missing_font_is_drawn_in_its_fallback(tmp_path):
    """The DOCX's PNG of text in 'Microsoft JhengHei' is the same as in Noto Sans CJK TC,
    the face it falls back to: the Han characters are drawn, not tofu boxes."""
    renders = {}
    for font in ("Microsoft JhengHei", "Noto Sans CJK TC", "No Such Font At All"):
        path = tmp_path / f"{font}.svg"
        path.write_text(CJK_LABEL.format(font=font), encoding="utf-8")
        renders[font] = render_png(figures.load(path), 240)
    assert renders["Microsoft JhengHei"] == renders["Noto Sans CJK TC"]
    assert renders["No Such Font At All"] != renders["Noto Sans CJK TC"]  # Liberation Sans first


def test_figure_text_in_missing_fonts_prints_in_liberation_and_noto_cjk(tmp_path):
    """In the PDF, WeasyPrint draws an SVG's 'Arial' label in Liberation Sans (Arial's
    metrics) and its Han characters in Noto Sans CJK TC: real text, no tofu."""
    folder = tmp_path / "content" / "fonts"
    (folder / "figures").mkdir(parents=True)
    (folder / "figures" / "label.svg").write_text(CJK_LABEL.format(font="Arial"), encoding="utf-8")
    (folder / "paper.md").write_text(
        "---\ntitle: Fonts\nauthors: [{name: A. Tester}]\ndate: 2024-03-01\n"
        "key_points: [One]\n---\n## One\n\n![Label](figures/label.svg)\n",
        encoding="utf-8",
    )
    [pdf] = build(folder, ["pdf"], tmp_path / "out")
    with pdfplumber.open(pdf) as document:
        chars = document.pages[0].chars
    faces = {c["text"]: c["fontname"].split("+")[-1] for c in chars if c["text"] in "臺灣Tw"}
    assert faces["臺"] == faces["灣"] == "Noto-Sans-CJK-TC"
    assert faces["T"] == faces["w"] == "Liberation-Sans"
