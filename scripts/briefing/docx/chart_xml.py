"""Take a checked Chart and the theme's chart style, produce the chart's DrawingML
(`c:chartSpace`, ECMA-376 Part 1 §21.2) with its values cached, and the workbook of the
same numbers that Word's "Edit Data" opens.

python-pptx writes both (`pptx.chart.xmlwriter` through `ChartData.xml_bytes`, and
`pptx.chart.xlsx` through XlsxWriter): a chart part is the same in PowerPoint and Word,
only the package around it differs (docx/charts.py). Styling goes through python-pptx's
chart objects; the few settings it has no property for are set on the XML here.
"""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree
from pptx.chart.chart import Chart as PptxChart
from pptx.chart.data import CategoryChartData, XyChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE as XL
from pptx.enum.chart import XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_MARKER_STYLE, XL_TICK_MARK
from pptx.oxml import parse_xml
from pptx.util import Pt

from briefing.charts.model import MARKERS, Chart
from briefing.charts.style import ChartStyle

C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS = {"c": C, "a": A}

# The spec's type -> python-pptx's chart type; a line with markers is LINE_MARKERS.
CHART_TYPES = {
    "column": XL.COLUMN_CLUSTERED,
    "bar": XL.BAR_CLUSTERED,
    "line": XL.LINE,
    "area": XL.AREA_STACKED,
    "stacked-column": XL.COLUMN_STACKED,
    "stacked-bar": XL.BAR_STACKED,
    "scatter": XL.XY_SCATTER,
    "pie": XL.PIE,
}
WORD_MARKERS = dict(
    zip(
        MARKERS,
        (
            XL_MARKER_STYLE.CIRCLE,
            XL_MARKER_STYLE.SQUARE,
            XL_MARKER_STYLE.TRIANGLE,
            XL_MARKER_STYLE.DIAMOND,
            XL_MARKER_STYLE.X,
            XL_MARKER_STYLE.STAR,
        ),
    )
)
LEGEND = {"bottom": XL_LEGEND_POSITION.BOTTOM, "right": XL_LEGEND_POSITION.RIGHT}


def chart_parts(
    chart: Chart, style: ChartStyle, fonts: tuple[str, str], lang: str
) -> tuple[etree._Element, bytes]:
    """The c:chartSpace element and the .xlsx bytes. `fonts` is (latin, east Asian)."""
    data = _chart_data(chart)
    chart_type = CHART_TYPES[chart.kind.name]
    if chart_type == XL.LINE and chart.markers:
        chart_type = XL.LINE_MARKERS
    space = parse_xml(data.xml_bytes(chart_type))
    _style(PptxChart(space, None), chart, style)
    _finish(space, chart, fonts, lang)
    return space, _undated(data.xlsx_blob)


def _chart_data(chart: Chart) -> CategoryChartData | XyChartData:
    number_format = chart.number_format or "General"
    if chart.kind.family == "scatter":
        data = XyChartData(number_format="General")
        for series in chart.series:
            points = data.add_series(series.name, number_format=number_format)
            for x, y in zip(chart.x_values, series.values):
                if y is not None:  # a point needs both coordinates; an empty cell is none
                    points.add_data_point(x, y)
        return data
    data = CategoryChartData(number_format=number_format)
    data.categories = chart.categories
    for series in chart.series:
        data.add_series(series.name, series.values)
    return data


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour[1:])


def _style(word: PptxChart, chart: Chart, style: ChartStyle) -> None:
    """Colours, lines, markers, gridlines, number format, bounds, titles and legend from
    the theme and the spec, matching what charts/svg.py draws."""
    word.has_title = False  # the caption is the title; Word would print a series name
    word.font.size = Pt(style.size)
    word.font.color.rgb = _rgb(style.text)
    word.has_legend = chart.legend != "none"
    if word.has_legend:
        word.legend.position = LEGEND[chart.legend]
        word.legend.include_in_layout = False
    plot = word.plots[0]
    family = chart.kind.family
    if family == "bar":
        plot.gap_width = round(style.gap * 100)
    for i, series in enumerate(plot.series):
        colour = _rgb(style.colour(i))
        if family in ("line", "scatter"):
            if family == "scatter":
                series.format.line.fill.background()  # points only, no line between them
            else:
                series.format.line.color.rgb = colour
                series.format.line.width = Pt(style.line_width)
            if chart.markers:
                marker = series.marker
                marker.style = WORD_MARKERS[MARKERS[i % len(MARKERS)]]
                marker.size = max(2, round(style.marker_size))
                marker.format.fill.solid()
                marker.format.fill.fore_color.rgb = colour
                marker.format.line.color.rgb = colour
        elif family == "pie":
            for j, point in enumerate(series.points):
                point.format.fill.solid()
                point.format.fill.fore_color.rgb = _rgb(style.colour(j))
                point.format.line.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
                point.format.line.width = Pt(style.axis_width)
        else:
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = colour
    if family == "pie":
        _pie_labels(plot, chart)
    else:
        _axes(word, chart, style)


def _pie_labels(plot, chart: Chart) -> None:
    """Percentages outside the slices, whole numbers, none on slivers: as charts/svg.py."""
    labels = plot.series[0].data_labels  # the series' own, which its slices' refine
    labels.show_percentage = True
    labels.show_value = False
    labels.show_category_name = False
    labels.number_format = "0%"
    labels.number_format_is_linked = False
    labels.position = XL_LABEL_POSITION.OUTSIDE_END
    for point, labelled in zip(plot.series[0].points, chart.labelled_slices):
        if not labelled:  # a label of the slice's own, deleted in _finish
            point.data_label.position = XL_LABEL_POSITION.OUTSIDE_END


def _axes(word: PptxChart, chart: Chart, style: ChartStyle) -> None:
    values, categories = word.value_axis, word.category_axis
    values.has_major_gridlines = True
    grid = values.major_gridlines.format.line
    grid.color.rgb = _rgb(style.gridline)
    grid.width = Pt(style.gridline_width)
    values.format.line.fill.background()  # the value axis is its labels and gridlines
    categories.format.line.color.rgb = _rgb(style.axis)
    categories.format.line.width = Pt(style.axis_width)
    for axis in (values, categories):
        axis.major_tick_mark = XL_TICK_MARK.NONE
        axis.minor_tick_mark = XL_TICK_MARK.NONE
    values.tick_labels.number_format = chart.number_format or "General"
    values.tick_labels.number_format_is_linked = False
    if chart.kind.family == "scatter":
        categories.has_major_gridlines = False
    if chart.y_min is not None:
        values.minimum_scale = chart.y_min
    if chart.y_max is not None:
        values.maximum_scale = chart.y_max
    if chart.kind.horizontal:  # first category at the top, as in the file and the PDF
        categories.reverse_order = True
    for axis, title in ((categories, chart.x_title), (values, chart.y_title)):
        if title:
            axis.has_title = True
            axis.axis_title.text_frame.text = title
            font = axis.axis_title.text_frame.paragraphs[0].runs[0].font
            font.size = Pt(style.title_size)
            font.bold = False
            font.color.rgb = _rgb(style.text)


def _finish(space: etree._Element, chart: Chart, fonts: tuple[str, str], lang: str) -> None:
    """What python-pptx has no property for: the faces (a:latin and a:ea on the chart's
    default text, §21.2.2.216), the language, square corners, no frame (c:spPr), no label
    on a pie's slivers, and where the value axis crosses reversed categories."""
    body = space.find("c:chart", NS)
    for name, value in (("lang", lang), ("roundedCorners", "0")):  # in schema order
        body.addprevious(etree.Element(f"{{{C}}}{name}", val=value))
    # No fill, no border around the chart: the page shows through, as in the PDF.
    body.addnext(
        etree.fromstring(
            f'<c:spPr xmlns:c="{C}" xmlns:a="{A}"><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>'
        )
    )
    defaults = space.find("c:txPr/a:p/a:pPr/a:defRPr", NS)
    latin, east_asia = fonts
    for tag, face in (("latin", latin), ("ea", east_asia)):
        etree.SubElement(defaults, f"{{{A}}}{tag}", typeface=face)
    for j, labelled in enumerate(chart.labelled_slices if chart.kind.family == "pie" else ()):
        if not labelled:  # a slice's c:dLbl holding only c:delete hides it (§21.2.2.47)
            find = etree.XPath(f".//c:ser/c:dLbls/c:dLbl[c:idx/@val='{j}']", namespaces=NS)
            for label in find(space):
                for child in list(label)[1:]:
                    label.remove(child)
                etree.SubElement(label, f"{{{C}}}delete", val="1")
    if chart.kind.horizontal:
        # Reversed categories would take the value axis to the top; crossing at the last
        # category keeps it at the bottom (§21.2.2.33).
        crosses = space.find("c:chart/c:plotArea/c:valAx/c:crosses", NS)
        if crosses is not None:
            crosses.set("val", "max")


def _undated(xlsx: bytes) -> bytes:
    """XlsxWriter stamps the workbook's properties with the clock; the same chart must give
    the same bytes, so the dates are left out (they are optional, ECMA-376 Part 2 §11).
    XlsxWriter already dates every zip entry 1980-01-01."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"<dcterms:(created|modified)\b[^>]*>[^<]*</dcterms:\1>", b"", data)
            target.writestr(info, data)
    return out.getvalue()
