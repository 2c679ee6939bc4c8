"""Take a model Figure, produce a Figure paragraph with an inline picture, its caption and source.

The picture comes from the one figure loader (briefing.figures), which the reader has
already checked, at the width the model gives. Bitmaps are embedded as the loader gives
them (PNG or JPEG, upright). A vector figure (an SVG, or a PDF's first page, both a clean
SVG by then) is embedded as vector, the way Word 2016+ does it: the a:blip points at a
PNG rendering at print resolution (what older readers show) and carries the SVG part in
a:extLst/a:ext/asvg:svgBlip (MS-ODRAWXML §2.3.1.32). The alt text (the `alt` attribute,
else the caption, as the model says) goes in wp:docPr/@descr.
"""

from __future__ import annotations

import hashlib
import io

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from briefing import figures
from briefing import styles as names
from briefing.docx.captions import caption_paragraph, source_paragraph
from briefing.docx.context import Context
from briefing.docx.ooxml import EMU_PER_INCH, Element, append_block, el, paragraph
from briefing.docx.styles import style_id
from briefing.figures.svg import render_png
from briefing.model import Figure

SVG_EXT_URI = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
SVG_NS = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
EMU_PER_POINT = EMU_PER_INCH // 72


def write_figure(ctx: Context, parent: Element, node: Figure) -> None:
    """Picture, then caption below it, then the source line (if any)."""
    p = append_block(parent, paragraph(style_id(names.FIGURE)))
    p.append(el("w:r", None, _drawing(ctx, node)))
    if node.label or node.caption:
        caption = caption_paragraph(
            ctx, node.label, node.id, node.caption, keep_next=bool(node.source)
        )
        append_block(parent, caption)
    if node.source:
        append_block(parent, source_paragraph(ctx, node.source))


def _drawing(ctx: Context, node: Figure) -> Element:
    image = figures.load(node.path)
    room = ctx.text_width / 20  # points, inside any box around the figure
    page_width = (ctx.page or ctx.theme.page).text_width  # the landscape text in landscape
    width = min(node.width.of(page_width) if node.width else image.width, room)
    ctx.drawn.append(round(width * EMU_PER_POINT))  # for briefing import: resized since?
    if image.kind == "chart":  # a native Word chart, not a picture
        from briefing.docx.charts import chart_drawing  # python-pptx: only papers with charts

        return chart_drawing(ctx, image, width, node.alt)
    ctx.digests[node.src] = hashlib.sha1(image.data).hexdigest()  # for briefing import
    return picture(ctx, image, width, name=node.path.name, alt=node.alt, keep=True)


def picture(
    ctx: Context, image: figures.Image, width: float, *, name: str, alt: str, keep: bool = False
) -> Element:
    """A w:drawing of `image`, `width` points wide: a figure, the theme's logo, a QR code.
    `keep` records a vector figure's SVG by its PNG's digest (docx/source.py): a program
    that keeps only the PNG (LibreOffice 7.4 on saving) still gives the SVG back."""
    height = width * image.aspect
    cx, cy = round(width * EMU_PER_POINT), round(height * EMU_PER_POINT)
    if image.vector:
        png = render_png(image, width)
        blip_id = _relate_image(ctx, png)
        svg_id = _relate_svg(ctx, image.data, blip_id)
        if keep:
            ctx.vectors[hashlib.sha1(png).hexdigest()] = image.data
    else:
        blip_id, svg_id = _relate_image(ctx, image.data), None
    return inline_picture(ctx.next_drawing_id(), blip_id, svg_id, cx, cy, name=name, alt=alt)


def _relate_image(ctx: Context, data: bytes) -> str:
    """Add (or reuse, by SHA-1) an image part; relate it from the current story part."""
    image_part = ctx.document.part.package.get_or_add_image_part(io.BytesIO(data))
    return ctx.part.relate_to(image_part, RT.IMAGE)


def _relate_svg(ctx: Context, data: bytes, png_rid: str) -> str:
    """The SVG part, named after its PNG fallback (image3.png -> image3.svg)."""
    part = ctx.svg_parts.get(data)
    if part is None:
        package = ctx.document.part.package
        png_name = ctx.part.related_parts[png_rid].partname
        name = PackURI(png_name[: -len(png_name.ext)] + "svg")
        if any(p.partname == name for p in package.iter_parts()):
            name = package.next_partname("/word/media/image%d.svg")
        part = ctx.svg_parts[data] = Part(name, "image/svg+xml", data, package)
    return ctx.part.relate_to(part, RT.IMAGE)


def inline_picture(
    drawing_id: int, blip_id: str, svg_id: str | None, cx: int, cy: int, *, name: str, alt: str
) -> Element:
    """w:drawing/wp:inline (§20.4.2.8) with a pic:pic (§20.2.2.5) of size cx x cy EMU."""
    svg = (
        (
            f'<a:extLst><a:ext uri="{SVG_EXT_URI}"><asvg:svgBlip xmlns:asvg="{SVG_NS}" '
            f'r:embed="{svg_id}"/></a:ext></a:extLst>'
        )
        if svg_id
        else ""
    )
    drawing = parse_xml(
        f"<w:drawing {nsdecls('w', 'wp', 'a', 'pic', 'r')}>"
        f'<wp:inline distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{drawing_id}" name="Picture {drawing_id}"/>'
        f'<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
        f'<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        f'<pic:pic><pic:nvPicPr><pic:cNvPr id="{drawing_id}" name=""/><pic:cNvPicPr/></pic:nvPicPr>'
        f'<pic:blipFill><a:blip r:embed="{blip_id}">{svg}</a:blip>'
        f"<a:stretch><a:fillRect/></a:stretch></pic:blipFill>"
        f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>'
        f"</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing>"
    )
    # Names and alt text go in as attributes, so no escaping is needed in the template.
    doc_pr = drawing.find(".//wp:docPr", drawing.nsmap)
    doc_pr.set("descr", alt)
    drawing.find(".//pic:cNvPr", drawing.nsmap).set("name", name)
    return drawing
