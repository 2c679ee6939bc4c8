"""Take a model Figure, produce a Figure paragraph with an inline picture, its caption and source.

PNG and JPEG files are embedded as they are. An SVG is embedded as vector, the way Word
2016+ does it: the a:blip points at a PNG rendering (what older readers show) and
carries the SVG part in a:extLst/a:ext/asvg:svgBlip (MS-ODRAWXML §2.3.1.32). The PNG is
rendered by resvg at print resolution for the width the figure is shown at.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import resvg_py
from defusedxml import ElementTree
from docx.image.exceptions import UnrecognizedImageError
from docx.image.image import Image
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from briefing import styles as names
from briefing.docx.captions import caption_paragraph, source_paragraph
from briefing.docx.context import Context
from briefing.docx.fields import plain_text
from briefing.docx.ooxml import EMU_PER_INCH, Element, append_block, el, paragraph, twips_to_emu
from briefing.docx.styles import style_id
from briefing.model import Figure

SVG_EXT_URI = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
SVG_NS = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
PRINT_DPI = 300
CSS_PX_PER_INCH = 96  # SVG user units are CSS pixels
SVG_UNITS = {
    "": 1 / 96,
    "px": 1 / 96,
    "pt": 1 / 72,
    "pc": 1 / 6,
    "in": 1.0,
    "cm": 1 / 2.54,
    "mm": 1 / 25.4,
}


def write_figure(ctx: Context, parent: Element, node: Figure) -> None:
    """Picture, then caption below it, then the source line (if any)."""
    p = append_block(parent, paragraph(style_id(names.FIGURE)))
    p.append(el("w:r", None, _drawing(ctx, node)))
    if node.number or node.caption:
        append_block(
            parent,
            caption_paragraph(
                ctx, "figure", node.number, node.id, node.caption, keep_next=bool(node.source)
            ),
        )
    if node.source:
        append_block(parent, source_paragraph(ctx, node.source))


def _drawing(ctx: Context, node: Figure) -> Element:
    path = ctx.paper.folder / node.src
    try:
        data = path.read_bytes()
    except OSError as err:
        raise ValueError(f"{path}: cannot read figure image ({err.strerror})") from err
    text_width = twips_to_emu(ctx.text_width)
    if path.suffix.lower() == ".svg":
        natural_w, natural_h = svg_size(data, path)
        width = display_width(node.width, natural_w, text_width, path)
        height = round(width * natural_h / natural_w)
        png = render_svg(data, path, width)
        blip_id = _relate_image(ctx, png, path)
        svg_id = _relate_svg(ctx, data, blip_id)
    else:
        try:
            image = Image.from_blob(data)
        except UnrecognizedImageError as err:
            raise ValueError(f"{path}: not a PNG, JPEG, GIF, BMP or TIFF image") from err
        natural_w = round(image.px_width / image.horz_dpi * EMU_PER_INCH)
        natural_h = round(image.px_height / image.vert_dpi * EMU_PER_INCH)
        width = display_width(node.width, natural_w, text_width, path)
        height = round(width * natural_h / natural_w)
        blip_id, svg_id = _relate_image(ctx, data, path), None
    alt = node.alt or plain_text(node.caption)
    return inline_picture(
        ctx.next_drawing_id(), blip_id, svg_id, width, height, name=Path(node.src).name, alt=alt
    )


def display_width(width: str | None, natural: int, text_width: int, path: Path) -> int:
    """EMU: `width` ("60%") of the text width; by default the natural size, at most 100%."""
    if width is None:
        return min(natural, text_width)
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*%\s*", width)
    if not match:
        raise ValueError(f"{path}: figure width {width!r} is not a percentage like 60%")
    return round(text_width * min(float(match.group(1)), 100) / 100)


def svg_size(data: bytes, path: Path) -> tuple[int, int]:
    """The SVG's intrinsic size in EMU, from width/height or else the viewBox (CSS px)."""
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as err:
        raise ValueError(f"{path}: not a well-formed SVG file ({err})") from err
    box = [float(v) for v in re.split(r"[\s,]+", root.get("viewBox", "").strip()) if v]
    box_w, box_h = (box[2], box[3]) if len(box) == 4 else (None, None)
    width, height = _length(root.get("width")), _length(root.get("height"))
    if not (width and height):
        if not (box_w and box_h):
            raise ValueError(f"{path}: SVG has neither width and height nor a viewBox")
        width = width or (height * box_w / box_h if height else box_w / CSS_PX_PER_INCH)
        height = height or width * box_h / box_w
    return round(width * EMU_PER_INCH), round(height * EMU_PER_INCH)


def _length(value: str | None) -> float | None:
    """An SVG length in inches; None for missing or percentage lengths."""
    match = re.fullmatch(r"\s*([\d.]+)\s*([a-z]*)\s*", value or "")
    if not match or match.group(2) not in SVG_UNITS:
        return None
    return float(match.group(1)) * SVG_UNITS[match.group(2)]


def render_svg(data: bytes, path: Path, width_emu: int) -> bytes:
    """PNG at PRINT_DPI for the displayed width. resvg writes no time or random chunks,
    so the bytes are the same on every run (checked by the tests)."""
    pixels = max(1, round(width_emu / EMU_PER_INCH * PRINT_DPI))
    try:
        return bytes(
            resvg_py.svg_to_bytes(
                svg_string=data.decode("utf-8"), width=pixels, resources_dir=str(path.parent)
            )
        )
    except Exception as err:  # resvg raises plain exceptions for unparsable SVG
        raise ValueError(f"{path}: cannot render SVG ({err})") from err


def _relate_image(ctx: Context, data: bytes, path: Path) -> str:
    """Add (or reuse, by SHA-1) an image part; relate it from the current story part."""
    try:
        image_part = ctx.document.part.package.get_or_add_image_part(io.BytesIO(data))
    except UnrecognizedImageError as err:
        raise ValueError(f"{path}: not a PNG, JPEG, GIF, BMP or TIFF image") from err
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
