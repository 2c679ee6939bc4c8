"""Take a figure whose file is a chart spec, produce the chart as inline SVG for the page:
drawn at the figure's printed width, in the theme's chart style and the language's faces."""

from __future__ import annotations

from markupsafe import Markup

from .. import figures
from .. import model as m
from ..charts.svg import chart_svg, inline
from ..figures.chart import ChartImage
from ..language import Language
from ..theme import Theme


def chart_markup(node: m.Figure, theme: Theme, language: Language) -> Markup | None:
    """The <svg> for a chart figure; None for any other figure."""
    if figures.suffix_of(node.path) != ".chart.yaml":
        return None
    image = figures.load(node.path)
    if not isinstance(image, ChartImage) or image.chart is None:
        return None
    style = theme.charts
    width = node.width.of(theme.page.text_width) if node.width else theme.page.text_width
    height = width * (image.aspect or style.aspect)
    faces = language.pdf_fonts[style.font]
    svg = chart_svg(image.chart, style, faces, width, height, salt=node.src)
    return Markup(inline(svg, width, node.alt))
