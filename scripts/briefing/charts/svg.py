"""Take a checked Chart, the theme's chart style and the language's faces, produce the
chart as SVG markup for the PDF: vector, text kept as text, the same bytes every time.

Drawn with matplotlib rather than Vega-Lite (vl-convert-python): matplotlib is pure
Python over FreeType, a small wheel with no JavaScript engine inside, lays text out with
the very font files WeasyPrint embeds (so widths measured here are the widths printed),
picks a face per glyph from a family list (Latin and CJK in one label), and writes SVG
whose text stays <text> (`svg.fonttype: none`) and whose ids come from `svg.hashsalt`,
not from chance. The chart is drawn at the figure's printed size, so the theme's point
sizes are the printed sizes.
"""

from __future__ import annotations

import io
import logging
import math
import re
import unicodedata

from .model import MARKERS, MIN_LABELLED_SHARE, Chart
from .numfmt import formatter
from .style import ChartStyle

GENERIC_FAMILIES = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui"}
MPL_MARKERS = dict(zip(MARKERS, ("o", "s", "^", "D", "x", "*")))
PAD = 3.0  # points of white space around the chart and between its parts

# matplotlib warns on stderr for every face it cannot find; the theme's lists name
# fallbacks on purpose, so only errors matter.
logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)


def chart_svg(
    chart: Chart, style: ChartStyle, faces: list[str], width: float, height: float, salt: str
) -> str:
    """The chart as an <svg> element `width` x `height` points, for inline use in HTML
    (no XML declaration, no DOCTYPE). `salt` keeps ids apart between charts of one page."""
    import matplotlib
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    with matplotlib.rc_context(_rc(style, faces, salt)):
        figure = Figure(figsize=(width / 72, height / 72), dpi=72, layout="constrained")
        figure.get_layout_engine().set(w_pad=PAD / 72, h_pad=PAD / 72, hspace=0, wspace=0)
        axes = figure.add_subplot()
        DRAW[chart.kind.family](axes, chart, style)
        if chart.kind.has_axes:
            _axes(axes, chart, style, width, height)
        _legend(figure, axes, chart, style, width)
        out = io.BytesIO()
        FigureCanvasSVG(figure).print_svg(out, metadata={"Date": None, "Creator": None})
    svg = out.getvalue().decode("utf-8")
    return svg[svg.index("<svg") :]


def _rc(style: ChartStyle, faces: list[str], salt: str) -> dict:
    return {
        "svg.fonttype": "none",  # text as <text>, set by WeasyPrint in the theme's faces
        "svg.hashsalt": salt,
        "font.family": [f for f in faces if f not in GENERIC_FAMILIES] or ["sans-serif"],
        "font.size": style.size,
        "text.color": style.text,
        "axes.labelcolor": style.text,
        "axes.labelsize": style.title_size,
        "axes.edgecolor": style.axis,
        "axes.linewidth": style.axis_width,
        "axes.unicode_minus": False,  # "-" as Word's chart writes it
        "axes.autolimit_mode": "round_numbers",  # the value axis ends on a tick, as Word's
        "xtick.color": style.axis,
        "ytick.color": style.axis,
        "xtick.labelcolor": style.text,
        "ytick.labelcolor": style.text,
        "figure.facecolor": "none",
        "axes.facecolor": "none",
        "savefig.transparent": True,
        "legend.frameon": False,
        "legend.fontsize": style.size,
    }


# ---------------------------------------------------------------- one per family
def _nan(values) -> list[float]:
    return [math.nan if v is None else v for v in values]


def _bars(axes, chart: Chart, style: ChartStyle) -> None:
    """Grouped or stacked; the gap between groups is `style.gap` bar widths, as in Word."""
    count, n = len(chart.series), len(chart.categories)
    bar = 1 / (1 + style.gap) if chart.kind.stacked else 1 / (count + style.gap)
    up, down = [0.0] * n, [0.0] * n  # stacks grow away from zero on each side
    draw = axes.barh if chart.kind.horizontal else axes.bar
    for i, series in enumerate(chart.series):
        values = [v or 0.0 for v in series.values]
        if chart.kind.stacked:
            where = list(range(n))
            base = [u if v >= 0 else d for v, u, d in zip(values, up, down)]
            up = [u + max(v, 0) for v, u in zip(values, up)]
            down = [d + min(v, 0) for v, d in zip(values, down)]
        else:
            where = [p + (i - (count - 1) / 2) * bar for p in range(n)]
            base = [0.0] * n
        extra = {"left": base} if chart.kind.horizontal else {"bottom": base}
        draw(where, values, bar, color=style.colour(i), label=series.name, linewidth=0, **extra)


def _line(axes, chart: Chart, style: ChartStyle) -> None:
    for i, series in enumerate(chart.series):
        marker = MPL_MARKERS[MARKERS[i % len(MARKERS)]] if chart.markers else None
        axes.plot(
            range(len(chart.categories)),
            _nan(series.values),
            color=style.colour(i),
            linewidth=style.line_width,
            marker=marker,
            markersize=style.marker_size,
            label=series.name,
        )


def _area(axes, chart: Chart, style: ChartStyle) -> None:
    """Areas stacked in series order, the first at the bottom, as Word's stacked area."""
    top = [0.0] * len(chart.categories)
    for i, series in enumerate(chart.series):
        base, top = top, [t + (v or 0.0) for t, v in zip(top, series.values)]
        where = range(len(chart.categories))
        axes.fill_between(where, base, top, color=style.colour(i), lw=0, label=series.name)


def _scatter(axes, chart: Chart, style: ChartStyle) -> None:
    for i, series in enumerate(chart.series):
        axes.plot(
            chart.x_values,
            _nan(series.values),
            linestyle="none",
            marker=MPL_MARKERS[MARKERS[i % len(MARKERS)]],
            markersize=style.marker_size,
            color=style.colour(i),
            label=series.name,
        )


def _pie(axes, chart: Chart, style: ChartStyle) -> None:
    """From twelve o'clock, clockwise, percentages outside the slices: Word's defaults."""
    values = [v or 0.0 for v in chart.series[0].values]
    wedges, _texts, _labels = axes.pie(
        values,
        colors=[style.colour(i) for i in range(len(values))],
        startangle=90,
        counterclock=False,
        autopct=lambda share: f"{share:.0f}%" if share >= 100 * MIN_LABELLED_SHARE else "",
        pctdistance=1.18,
        wedgeprops={"linewidth": style.axis_width, "edgecolor": "white"},
        textprops={"fontsize": style.size, "color": style.text},
    )
    for wedge, name in zip(wedges, chart.categories):
        wedge.set_label(name)
    axes.set_aspect("equal")


DRAW = {"bar": _bars, "line": _line, "area": _area, "scatter": _scatter, "pie": _pie}


# ---------------------------------------------------------------- axes and legend
def _axes(axes, chart: Chart, style: ChartStyle, width: float, height: float) -> None:
    """Gridlines on the value axis only, behind the data; the category axis as a line;
    the value axis as its labels alone."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    horizontal = chart.kind.horizontal
    value_axis, category_axis = (axes.xaxis, axes.yaxis) if horizontal else (axes.yaxis, axes.xaxis)
    axes.set_axisbelow(True)
    value_axis.grid(True, color=style.gridline, linewidth=style.gridline_width)
    for side in ("top", "right", "bottom" if horizontal else "left"):
        axes.spines[side].set_visible(False)
    axes.tick_params(length=0, pad=PAD)
    write = formatter(chart.number_format)
    value_axis.set_major_formatter(FuncFormatter(lambda v, _pos: write(v)))
    if chart.kind.family == "scatter":
        general = formatter("")
        axes.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: general(v)))
        if all(float(x).is_integer() for x in chart.x_values):  # years: no 2020.5
            axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    else:
        _categories(axes, chart, style.size, width, height)
    low, high = chart.y_min, chart.y_max
    if low is None and chart.kind.family in ("line", "scatter"):
        low = _excel_floor(chart)
    (axes.set_xlim if horizontal else axes.set_ylim)(low, high)
    if chart.x_title:
        category_axis.set_label_text(chart.x_title, fontsize=style.title_size)
    if chart.y_title:
        value_axis.set_label_text(chart.y_title, fontsize=style.title_size)


def _categories(axes, chart: Chart, size: float, width: float, height: float) -> None:
    """One label per category, or every k-th when they would not fit side by side
    (Word skips labels the same way). Bars run top to bottom in file order."""
    n = len(chart.categories)
    if chart.kind.horizontal:
        room, each = height * 0.8, 1.6 * size
        axes.set_ylim(n - 0.5, -0.5)
    else:
        room = width * 0.85
        each = max(_text_width(c, size) for c in chart.categories) + size
        edge = 0.0 if chart.kind.family == "area" else 0.5  # areas reach the plot's edges
        axes.set_xlim(-edge, n - 1 + edge)
    step = max(1, math.ceil(n / max(1, int(room // each))))
    ticks = list(range(0, n, step))
    set_ticks = axes.set_yticks if chart.kind.horizontal else axes.set_xticks
    set_ticks(ticks, [chart.categories[i] for i in ticks])


def _excel_floor(chart: Chart) -> float | None:
    """Word starts a value axis at zero unless the values sit far from it (the data's
    range is under a sixth of its maximum); matplotlib would hug the data. Follow Word."""
    values = [v for s in chart.series for v in s.values if v is not None]
    low, high = min(values), max(values)
    if low < 0 or (high > 0 and (high - low) / high < 1 / 6):
        return None
    return 0.0


def _legend(figure, axes, chart: Chart, style: ChartStyle, width: float) -> None:
    if chart.legend == "none":
        return
    handles, labels = axes.get_legend_handles_labels()
    if chart.legend == "right":
        figure.legend(handles, labels, loc="outside right center", ncols=1)
        return
    widths = [_text_width(label, style.size) + 3 * style.size for label in labels]
    columns = len(labels)
    while columns > 1 and _row_width(widths, columns) > width - 2 * PAD:
        columns -= 1
    figure.legend(handles, labels, loc="outside lower center", ncols=columns)


def _row_width(widths: list[float], columns: int) -> float:
    """The widest row of a legend laid out in `columns` columns, each as wide as its widest."""
    cols = [max(widths[c::columns]) for c in range(columns)]
    return sum(cols)


def _text_width(text: str, size: float) -> float:
    """A label's width in points, estimated: wide (CJK) characters one em, others 0.6."""
    return sum(size if unicodedata.east_asian_width(c) in "WF" else 0.6 * size for c in text)


def inline(svg: str, width: float, alt: str) -> str:
    """The <svg> sized by CSS, not its attributes: `width` points, never wider than its
    box, the height following the viewBox's proportions."""
    head, rest = svg.split(">", 1)
    head = re.sub(r'\s(width|height)="[^"]*"', "", head)
    alt = alt.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    style = f"width: {width:.2f}pt; max-width: 100%"
    return f'{head} class="chart" role="img" aria-label="{alt}" style="{style}">{rest}'
