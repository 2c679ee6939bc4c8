"""Take a chart figure, produce a native Word chart in the document: a chart part
(`/word/charts/chartN.xml`) related from the story, its embedded workbook
(`/word/embeddings/Microsoft_Excel_WorksheetN.xlsx`) related from the chart through
`c:externalData`, and the `w:drawing` that places it inline.

python-pptx makes the chart XML and the workbook (docx/chart_xml.py); what a Word package
needs around them, and python-pptx (made for PowerPoint) does not write, is here:
the parts and relationships (ECMA-376 Part 1 §14.2.1 chart part, §15.2.10 embedded
package) and the inline graphic frame (§20.4.2.8 wp:inline with a:graphicData of the
chart URI and c:chart r:id, §21.2.2.27). python-docx records each part's content type.
"""

from __future__ import annotations

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part, XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from lxml import etree

from briefing.docx.chart_xml import NS, C, chart_parts
from briefing.docx.context import Context
from briefing.docx.ooxml import EMU_PER_INCH, Element
from briefing.figures.chart import ChartImage

EMU_PER_POINT = EMU_PER_INCH // 72
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def chart_drawing(ctx: Context, image: ChartImage, width: float, alt: str) -> Element:
    """The w:drawing of a chart `width` points wide, its parts added to the package."""
    style = ctx.theme.charts
    fonts = ctx.language.docx_fonts
    faces = (fonts[style.font], fonts[f"{style.font}_east_asia"])
    space, workbook = chart_parts(image.chart, style, faces, ctx.language.docx_lang)
    package = ctx.document.part.package
    chart_part = XmlPart(
        package.next_partname("/word/charts/chart%d.xml"), CT.DML_CHART, space, package
    )
    rid = ctx.part.relate_to(chart_part, RT.CHART)
    sheet = Part(
        package.next_partname("/word/embeddings/Microsoft_Excel_Worksheet%d.xlsx"),
        CT.SML_SHEET,
        workbook,
        package,
    )
    _external_data(space, chart_part.relate_to(sheet, RT.PACKAGE))
    height = width * (image.aspect or style.aspect)
    cx, cy = round(width * EMU_PER_POINT), round(height * EMU_PER_POINT)
    return inline_chart(ctx.next_drawing_id(), rid, cx, cy, alt)


def _external_data(space: etree._Element, rid: str) -> None:
    """c:externalData (§21.2.2.63) after c:txPr: the workbook Word's "Edit Data" opens.
    autoUpdate 0: the cached values in the chart are what every reader shows."""
    data = etree.Element(f"{{{C}}}externalData", {f"{{{R}}}id": rid})
    etree.SubElement(data, f"{{{C}}}autoUpdate", val="0")
    text = space.find("c:txPr", NS)
    if text is not None:
        text.addnext(data)
    else:
        space.append(data)


def inline_chart(drawing_id: int, rid: str, cx: int, cy: int, alt: str) -> Element:
    drawing = parse_xml(
        f"<w:drawing {nsdecls('w', 'wp', 'a', 'r')}>"
        f'<wp:inline distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{drawing_id}" name="Chart {drawing_id}"/>'
        f"<wp:cNvGraphicFramePr/>"
        f'<a:graphic><a:graphicData uri="{C}">'
        f'<c:chart xmlns:c="{C}" r:id="{rid}"/>'
        f"</a:graphicData></a:graphic></wp:inline></w:drawing>"
    )
    drawing.find(".//wp:docPr", drawing.nsmap).set("descr", alt)
    return drawing
