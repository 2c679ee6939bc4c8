"""Charts in the DOCX are Word charts: a chart part per chart with the CSV's values cached,
an embedded workbook of the same numbers (what Word's "Edit Data" opens), the theme's
colours and faces; and LibreOffice, which draws them from the cached values, prints their
titles and labels."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile

import openpyxl
import pytest
from chart_fixtures import PAPERS, TYPES, expected
from lxml import etree

from briefing.build import build
from briefing.theme import load_theme

THEME = load_theme()
NS = {
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
PLOTS = {  # type -> (plot element, barDir, grouping)
    "column": ("barChart", "col", "clustered"),
    "bar": ("barChart", "bar", "clustered"),
    "line": ("lineChart", None, "standard"),
    "area": ("areaChart", None, "stacked"),
    "stacked-column": ("barChart", "col", "stacked"),
    "stacked-bar": ("barChart", "bar", "stacked"),
    "scatter": ("scatterChart", None, None),
    "pie": ("pieChart", None, None),
}
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
CASES = [(lang, kind) for lang in PAPERS for kind in TYPES]


@pytest.fixture(scope="module")
def docx(tmp_path_factory):
    """{lang: the DOCX's zip} for both chart papers."""
    out = tmp_path_factory.mktemp("charts-docx")
    return {lang: build(folder, ["docx"], out)[0] for lang, folder in PAPERS.items()}


class Package:
    """A .docx opened as a zip: its charts in document order, with their workbooks."""

    def __init__(self, path):
        self.zip = zipfile.ZipFile(path)

    def xml(self, name: str):
        return etree.fromstring(self.zip.read(name))

    def rels(self, part: str) -> dict[str, str]:
        folder, name = part.rsplit("/", 1)
        rels = self.xml(f"{folder}/_rels/{name}.rels")
        return {r.get("Id"): r.get("Target") for r in rels.findall("rel:Relationship", NS)}

    def charts(self) -> list[str]:
        document = self.xml("word/document.xml")
        rels = self.rels("word/document.xml")
        ids = [c.get(f"{{{NS['r']}}}id") for c in document.iterfind(".//c:chart", NS)]
        return ["word/" + rels[i] for i in ids]

    def workbook(self, chart: str) -> bytes:
        space = self.xml(chart)
        rid = space.find("c:externalData", NS).get(f"{{{NS['r']}}}id")
        target = self.rels(chart)[rid]
        return self.zip.read("word/" + target.replace("../", ""))


def cached(values) -> list[float | None]:
    """A c:numCache as a list, None where a point is absent (an empty CSV cell)."""
    count = int(values.find("c:ptCount", NS).get("val"))
    out: list[float | None] = [None] * count
    for point in values.findall("c:pt", NS):
        out[int(point.get("idx"))] = float(point.find("c:v", NS).text)
    return out


@pytest.mark.parametrize("lang,kind", CASES, ids=[f"{lang}-{k}" for lang, k in CASES])
def test_each_chart_is_a_word_chart_holding_the_csv(docx, lang, kind):
    package = Package(docx[lang])
    charts = package.charts()
    assert len(charts) == len(TYPES)
    space = package.xml(charts[TYPES.index(kind)])
    want = expected(lang, kind)
    tag, direction, grouping = PLOTS[kind]
    plot = space.find(f"c:chart/c:plotArea/c:{tag}", NS)
    assert plot is not None, f"{kind}: no c:{tag}"
    if direction:
        assert plot.find("c:barDir", NS).get("val") == direction
    if grouping:
        assert plot.find("c:grouping", NS).get("val") == grouping
    series = plot.findall("c:ser", NS)
    names = [s.find("c:tx//c:v", NS).text for s in series]
    assert names == list(want.series)
    for ser, (name, values) in zip(series, want.series.items()):
        if kind == "scatter":
            xs = cached(ser.find("c:xVal/c:numRef/c:numCache", NS))
            ys = cached(ser.find("c:yVal/c:numRef/c:numCache", NS))
            present = [(float(x), v) for x, v in zip(want.categories, values) if v is not None]
            assert list(zip(xs, ys)) == present, name
        else:
            assert cached(ser.find("c:val/c:numRef/c:numCache", NS)) == values, name
            labels = [p.find("c:v", NS).text for p in ser.findall("c:cat//c:pt", NS)]
            assert labels == want.categories


@pytest.mark.parametrize("lang,kind", CASES, ids=[f"{lang}-{k}" for lang, k in CASES])
def test_edit_data_opens_a_workbook_with_the_same_numbers(docx, lang, kind):
    package = Package(docx[lang])
    blob = package.workbook(package.charts()[TYPES.index(kind)])
    sheet = openpyxl.load_workbook(io.BytesIO(blob)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    want = expected(lang, kind)
    if kind == "scatter":  # python-pptx's layout: per series, its name over (x, y) rows
        for name, values in want.series.items():
            at = next(i for i, r in enumerate(rows) if r[1] == name)
            pairs = [(float(x), v) for x, v in zip(want.categories, values) if v is not None]
            got = [(float(r[0]), float(r[1])) for r in rows[at + 1 : at + 1 + len(pairs)]]
            assert got == pairs
        return
    assert rows[0][1:] == list(want.series)
    assert [str(r[0]) for r in rows[1:]] == want.categories
    for k, values in enumerate(want.series.values(), start=1):
        assert [r[k] for r in rows[1:]] == values


def test_the_workbook_carries_no_clock_time(docx):
    package = Package(docx["en"])
    blob = package.workbook(package.charts()[0])
    with zipfile.ZipFile(io.BytesIO(blob)) as workbook:
        assert b"dcterms:created" not in workbook.read("docProps/core.xml")
        assert {i.date_time for i in workbook.infolist()} == {(1980, 1, 1, 0, 0, 0)}


@pytest.mark.parametrize("lang", PAPERS)
def test_charts_take_the_theme_palette_and_faces(docx, lang):
    package = Package(docx[lang])
    fonts = THEME.language(lang).docx_fonts
    face = THEME.charts.font
    for chart in package.charts():
        space = package.xml(chart)
        defaults = space.find("c:txPr/a:p/a:pPr/a:defRPr", NS)
        assert defaults.find("a:latin", NS).get("typeface") == fonts[face]
        assert defaults.find("a:ea", NS).get("typeface") == fonts[f"{face}_east_asia"]
        assert int(defaults.get("sz")) == round(THEME.charts.size * 100)
        # Bars, areas and slices are filled, lines and markers drawn, in palette order
        # (a pie's slices are edged in white).
        fills = [f.get("val") for f in space.iterfind(".//c:ser//a:solidFill/a:srgbClr", NS)]
        fills = [f for f in fills if f != "FFFFFF"]
        palette = [c[1:] for c in THEME.charts.palette]
        assert fills and set(fills) <= set(palette)
        assert fills[0] == palette[0]
        grid = space.find(".//c:valAx/c:majorGridlines//a:srgbClr", NS)
        if grid is not None:
            assert grid.get("val") == THEME.charts.gridline[1:]


def test_a_chart_is_as_wide_as_its_figure(docx):
    """Figure 2 (the bar chart) is width=80%; Figure 1 takes the text width."""
    document = Package(docx["en"]).xml("word/document.xml")
    extents = [int(e.get("cx")) for e in document.iterfind(".//wp:inline/wp:extent", NS)]
    text_width = THEME.page.text_width * 12700
    assert extents[0] == pytest.approx(text_width, abs=2)
    assert extents[1] == pytest.approx(0.8 * text_width, abs=2)


@pytest.fixture(scope="module")
def libreoffice(docx, tmp_path_factory):
    """{lang: text of LibreOffice's PDF of the DOCX, whitespace removed}."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    out = tmp_path_factory.mktemp("charts-lo")
    texts = {}
    for lang, path in docx.items():
        copy = out / f"{lang}.docx"
        shutil.copy(path, copy)
        subprocess.run(
            [SOFFICE, f"-env:UserInstallation={(out / 'profile').as_uri()}", "--headless",
             "--convert-to", "pdf", "--outdir", str(out), str(copy)],
            check=True, capture_output=True, timeout=300,
        )  # fmt: skip
        # poppler reads rotated axis titles in order (pdfplumber reverses rotated CJK).
        text = subprocess.run(
            ["pdftotext", str(copy.with_suffix(".pdf")), "-"],
            check=True, capture_output=True, text=True,
        ).stdout  # fmt: skip
        texts[lang] = re.sub(r"\s+", "", text)
    return texts


@pytest.mark.parametrize("lang,kind", CASES, ids=[f"{lang}-{k}" for lang, k in CASES])
def test_libreoffice_prints_titles_and_labels_as_text(libreoffice, lang, kind):
    want = expected(lang, kind)
    text = libreoffice[lang]
    for title in (want.spec.get("x_title"), want.spec.get("y_title")):
        if title:
            assert re.sub(r"\s+", "", title) in text
    labels = want.categories if kind != "scatter" else []
    for label in labels:
        assert re.sub(r"\s+", "", label) in text, label
    if kind in ("column", "line", "pie"):  # legends
        names = want.categories if kind == "pie" else list(want.series)
        for name in names:
            assert re.sub(r"\s+", "", name) in text, name
