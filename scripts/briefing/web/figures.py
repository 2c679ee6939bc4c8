"""Take a paper's figures, produce the files its web edition shows them with, and their
natural sizes.

A figure is shown as what every writer draws: the figure loader's picture of its file
(a clean SVG for SVG and PDF files, a PNG or JPEG for raster ones). A chart is drawn
here as the PDF draws it (charts/svg.py, at its printed width, in the theme's chart
style) into an SVG file of its own: inline in the page, the SVG's RDF metadata would
not be valid HTML. Each file lies beside the page under the path the figure has in the
paper's folder (a figure shared from elsewhere in content/ under shared/), with the
suffix of what it now is when that differs (`x.pdf.svg`, `x.tif.png`, `x.chart.yaml.svg`).
"""

from __future__ import annotations

from pathlib import Path

from .. import figures
from .. import model as m
from ..charts.svg import chart_svg
from ..figures.chart import ChartImage
from ..language import Language
from ..theme import Theme
from ..transform import walk

SHARED = "shared"  # where a figure from outside the paper's own folder is copied to
SUFFIXES = {"svg": (".svg",), "png": (".png",), "jpeg": (".jpg", ".jpeg")}


def chart_of(node: m.Figure) -> ChartImage | None:
    image = figures.load(node.path)
    return image if isinstance(image, ChartImage) and image.chart is not None else None


def size(node: m.Figure, theme: Theme) -> tuple[float, float]:
    """The figure's natural width and height in points (a chart's: as printed)."""
    chart = chart_of(node)
    if chart is None:
        image = figures.load(node.path)
        return image.width, image.height
    text_width = theme.page.text_width
    width = node.width.of(text_width) if node.width else text_width
    return width, width * (chart.aspect or theme.charts.aspect)


def picture(node: m.Figure, theme: Theme, language: Language) -> bytes:
    chart = chart_of(node)
    if chart is None:
        return figures.load(node.path).data
    width, height = size(node, theme)
    faces = list(language.pdf_fonts[theme.charts.font])
    return chart_svg(chart.chart, theme.charts, faces, width, height, salt=node.src).encode()


def name(node: m.Figure, paper: m.Paper) -> str:
    """Where the figure's file lies, relative to the page."""
    path = Path(node.path).resolve()
    if path.is_relative_to(paper.folder):
        found = path.relative_to(paper.folder).as_posix()
    else:
        found = f"{SHARED}/{path.relative_to(paper.folder.parent).as_posix()}"
    kind = "svg" if chart_of(node) else figures.load(path).format
    return found if found.lower().endswith(SUFFIXES[kind]) else found + SUFFIXES[kind][0]


def files(paper: m.Paper, theme: Theme, language: Language) -> dict[str, bytes]:
    """{name: bytes} of every figure the paper shows, once however often it shows it."""
    blocks = (*paper.blocks, *(b for note in paper.footnotes for b in note.blocks))
    shown = {name(n, paper): n for n in walk(blocks) if isinstance(n, m.Figure)}
    return {found: picture(node, theme, language) for found, node in shown.items()}
