"""Charts in the PDF: drawn from the CSV at build time as vector graphics, their labels and
titles real text in the theme's faces, the same bytes on every build, and a changed cell
a changed chart. Also the theme's palette, number formats, and what make and watch know."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pdfplumber
import pytest
import yaml
from chart_fixtures import CHARTS, PAPERS, TYPES, expected

from briefing import figures
from briefing.build import build
from briefing.charts.numfmt import formatter
from briefing.charts.style import MIN_LIGHTNESS_STEP, lightness
from briefing.deps import paper_inputs
from briefing.errors import ContentError
from briefing.reader import read_paper
from briefing.theme import DEFAULT_THEME, load_theme
from briefing.watch import paper_snapshot

THEME = load_theme()


@pytest.fixture(scope="module")
def pdf(tmp_path_factory):
    out = tmp_path_factory.mktemp("charts-pdf")
    return {lang: build(folder, ["pdf"], out)[0] for lang, folder in PAPERS.items()}


def text_of(path: Path) -> str:
    """The PDF's text as poppler reads it, rotated axis titles included."""
    return subprocess.run(
        ["pdftotext", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def faces(lang: str) -> set[str]:
    """The PDF font names of the faces the theme gives chart text in `lang`."""
    return {f.replace(" ", "-") for f in THEME.language(lang).pdf_fonts[THEME.charts.font]}


def runs_in_faces(path: Path, wanted: set[str]) -> str:
    """Every character set in one of `wanted` faces, in the order the PDF draws them."""
    out = []
    with pdfplumber.open(path) as document:
        for page in document.pages:
            out += [
                c["text"]
                for c in page.chars
                if c["fontname"].split("+")[-1] in wanted and c["text"] != " "
            ]
    return "".join(out)


@pytest.mark.parametrize("lang", PAPERS)
def test_labels_and_titles_are_text_in_the_themes_faces(pdf, lang):
    chart_text = runs_in_faces(pdf[lang], faces(lang))
    text = text_of(pdf[lang])
    for kind in TYPES:
        want = expected(lang, kind)
        labels = want.categories if kind not in ("scatter",) else []
        titles = [t for t in (want.spec.get("x_title"), want.spec.get("y_title")) if t]
        legend = list(want.series) if len(want.series) > 1 else []
        for word in [*labels, *titles, *legend]:
            assert word in text, f"{kind}: '{word}' is not text in the PDF"
        # Labels and legends are drawn as runs in a chart face; of a rotated title,
        # pdfplumber keeps the characters but not their order.
        for word in [*labels, *legend]:
            assert word.replace(" ", "") in chart_text, f"{kind}: {word}"
        for word in titles:
            assert set(word.replace(" ", "")) <= set(chart_text), f"{kind}: {word}"


def test_chart_text_is_sans_and_body_text_is_not(pdf):
    """The chart face is the theme's chosen one, not whatever face the body uses."""
    with pdfplumber.open(pdf["en"]) as document:
        chars = document.pages[1].chars
    legend = [c for c in chars if c["text"] == "M" and abs(c["size"] - THEME.charts.size) < 0.1]
    assert legend and {c["fontname"].split("+")[-1] for c in legend} <= faces("en")


def test_charts_are_vector_drawings_not_pictures(pdf):
    with pdfplumber.open(pdf["en"]) as document:
        page = document.pages[1]
        assert not page.images
        assert len(page.rects) + len(page.curves) >= 15  # the first chart's bars at least


def test_two_builds_give_the_same_bytes(tmp_path):
    for lang, folder in PAPERS.items():
        first = build(folder, ["pdf", "docx"], tmp_path / "a")
        second = build(folder, ["pdf", "docx"], tmp_path / "b")
        for a, b in zip(first, second):
            assert a.read_bytes() == b.read_bytes(), f"{lang}: {a.name} differs"


def test_changing_one_cell_changes_the_chart(tmp_path):
    root = tmp_path / "charts"
    shutil.copytree(CHARTS, root)
    paper = root / "en-charts"
    before = build(paper, ["pdf", "docx"], tmp_path / "before")
    csv = root / "data" / "usgs-us-rare-earths.csv"
    csv.write_text(csv.read_text().replace("45900", "15900"), encoding="utf-8")
    after = build(paper, ["pdf", "docx"], tmp_path / "after")

    def bars(path):
        with pdfplumber.open(path) as document:
            return sorted(round(r["height"], 1) for r in document.pages[1].rects)

    assert bars(before[0]) != bars(after[0])
    assert len(bars(before[0])) == len(bars(after[0]))
    with zipfile.ZipFile(after[1]) as docx:
        chart = docx.read("word/charts/chart1.xml").decode()
    assert "<c:v>15900.0</c:v>" in chart or "<c:v>15900</c:v>" in chart
    assert "45900" not in chart


def test_a_chart_figure_takes_the_text_width_unless_told(tmp_path):
    paper = read_paper(PAPERS["en"])
    widths = [b.width for b in paper.blocks if hasattr(b, "width")]
    assert widths[0].fraction == 1.0  # no width= given
    assert widths[1].fraction == 0.8


def test_a_changed_csv_is_read_again(tmp_path):
    """The figure loader caches by the spec's file; a chart also follows its CSV (watch)."""
    (tmp_path / "c.chart.yaml").write_text("type: column\ndata: d.csv\nx: a\n")
    data = tmp_path / "d.csv"
    data.write_text("a,b\nx,1\n")
    assert figures.load(tmp_path / "c.chart.yaml").chart.series[0].values == (1.0,)
    data.write_text("a,b\nx,22\n")
    assert figures.load(tmp_path / "c.chart.yaml").chart.series[0].values == (22.0,)


# ---------------------------------------------------------------- theme
def test_the_palette_stays_apart_in_greyscale():
    palette = THEME.charts.palette
    assert len(palette) >= 6
    greys = sorted(lightness(c) for c in palette)
    assert all(b - a >= MIN_LIGHTNESS_STEP for a, b in zip(greys, greys[1:]))


def test_a_palette_that_merges_in_greyscale_is_refused(tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(DEFAULT_THEME, theme)
    path = theme / "theme.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    palette = data["charts"]["palette"]
    text = path.read_text(encoding="utf-8").replace(palette[2], "#2A4A70")  # near #1F3A5F
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_theme(theme)
    message = str(caught.value)
    assert "charts.palette: #1F3A5F and #2A4A70 look alike in greyscale" in message
    assert "theme.yaml:" in message


@pytest.mark.parametrize(
    "code,value,printed",
    [
        ("", 45000.0, "45000"),
        ("", 0.25, "0.25"),
        ("#,##0", 45900.0, "45,900"),
        ("#,##0.0", -1234.56, "-1,234.6"),
        ("0", 2.9, "3"),
        ("0.0%", 0.125, "12.5%"),
        ('"$"#,##0', 1500.0, "$1,500"),
        ('0" t"', 12.0, "12 t"),
        ("0.0", -0.01, "0.0"),
    ],
)
def test_number_formats_print_as_words_chart_prints_them(code, value, printed):
    assert formatter(code)(value) == printed


# ---------------------------------------------------------------- make and watch
def test_make_and_watch_know_a_csv_outside_the_paper_folder(monkeypatch):
    content = Path(__file__).parent / "fixtures" / "content"
    monkeypatch.chdir(content.parent)
    folder = Path("content/zh-central-asia-energy")
    shared = Path("content/data/central-asia-gas-pipelines.csv")
    assert shared in paper_inputs(folder)
    assert shared in paper_snapshot(folder)
    english = Path("content/en-rare-earth-processing")
    assert english / "data" / "us-rare-earths.csv" in paper_inputs(english)
    assert shared not in paper_inputs(english)
