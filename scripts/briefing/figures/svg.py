"""Take an SVG file's bytes, produce a checked Image holding a clean, self-contained SVG
that every renderer draws the same, and render such an SVG to PNG (the DOCX's fallback).

Safety. The DOCTYPE line that nearly every exporter writes (`<!DOCTYPE svg PUBLIC ...
svg11.dtd>`) is accepted; its DTD is never fetched. Entity declarations are refused, with
one exception: Illustrator's "Preserve Illustrator Editing Capabilities" export declares
namespace URIs as internal entities (`<!ENTITY ns_svg "http://www.w3.org/2000/svg">`) and
uses them in `xmlns` attributes. An internal, general entity whose whole value is one URI
cannot expand into markup or into another entity (a URI holds no `&` or `<` here), so it
cannot be a bomb or an XXE: those are accepted. Parameter entities, external entities,
unparsed entities and any other value are refused. Scripts, references to other files or
URLs (`href`, CSS `url()` and `@import`) are refused.

Cleaning. The clean SVG is the root element alone (no DOCTYPE, no comments or processing
instructions outside it), sized in CSS px with a viewBox (so it scales in every reader),
each <switch> resolved to the branch it shows, and with installed fallbacks after each
font family (`fonts.py`). Both writers draw it.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.parsers import expat

from lxml import etree

from . import fonts
from .image import FigureError, Image

MAX_SVG_BYTES = 5_000_000
XLINK = "{http://www.w3.org/1999/xlink}href"
SVG_NS = "http://www.w3.org/2000/svg"
POINTS_PER = {
    "": 0.75,
    "px": 0.75,
    "pt": 1.0,
    "pc": 12.0,
    "in": 72.0,
    "cm": 72 / 2.54,
    "mm": 72 / 25.4,
}
PRINT_DPI = 300
NAMESPACE_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>&%\"'\\]{1,300}")
EXTERNAL_URL = re.compile(r"url\(\s*['\"]?\s*(?!#|data:)([^)'\"]{0,40})|@import", re.I)
# Pictures inside an SVG may be embedded bitmaps; an embedded SVG could hide references.
EMBEDDED_PICTURE = re.compile(r"data:image/(png|jpeg|jpg|gif|webp)[;,]", re.I)
REEXPORT = "re-export it from the drawing program"


def load_svg(path: Path, data: bytes, kind: str = "svg") -> Image:
    # A PDF's SVG carries its embedded pictures and fonts: the file-size cap is the loader's.
    if kind == "svg" and len(data) > MAX_SVG_BYTES:
        raise FigureError("is larger than 5 MB", "simplify or rasterise it")
    _check_declarations(data)
    parser = etree.XMLParser(
        resolve_entities=True,  # only namespace-URI entities are left (checked above)
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=False,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise FigureError(f"is not valid XML: {exc}", REEXPORT) from exc
    if root.tag != f"{{{SVG_NS}}}svg":
        raise FigureError("is not an SVG image", "re-export it as SVG")
    _check_elements(root)
    width, height = _size(root)
    _clean(root, width, height)
    clean = etree.tostring(root, encoding="utf-8", xml_declaration=True)
    image = Image(path, kind, width, height, clean, "svg")
    render_png(image, 24)  # a writer draws it later: find out now if it cannot be drawn
    return image


class _Refused(Exception):
    pass


def _check_declarations(data: bytes) -> None:
    """Walk the document with expat (no DTD is ever read) and refuse every entity
    declaration but a namespace URI, before anything could be expanded."""
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def entity(name, is_parameter, value, base, system_id, public_id, notation):
        if is_parameter or value is None or not NAMESPACE_URI.fullmatch(value):
            kind = "an external entity" if system_id else "an entity"
            raise _Refused(f"declares {kind}, <!ENTITY {'% ' if is_parameter else ''}{name}>")

    def unparsed(name, *_):
        raise _Refused(f"declares an external entity, <!ENTITY {name}>")

    def external_reference(*_):
        raise _Refused("refers to an external entity")

    parser.EntityDeclHandler = entity
    parser.UnparsedEntityDeclHandler = unparsed
    parser.ExternalEntityRefHandler = external_reference
    try:
        parser.Parse(data, True)
    except _Refused as exc:
        hint = "remove the <!ENTITY> lines; a <!DOCTYPE> line may stay"
        raise FigureError(str(exc), hint) from None
    except expat.ExpatError as exc:
        raise FigureError(f"is not valid XML: {exc}", REEXPORT) from exc


def _check_elements(root) -> None:
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions
        href = (element.get(XLINK) or element.get("href") or "").strip()
        if href and not (href.startswith("#") or EMBEDDED_PICTURE.match(href)):
            raise FigureError(
                f"refers to another file or URL, {href[:40]}",
                "embed the image in the SVG or remove the reference",
            )
        if etree.QName(element).localname == "script":
            raise FigureError("contains a script", "remove the <script> element")
        texts = [v for v in element.attrib.values()]
        if etree.QName(element).localname == "style":
            texts.append(element.text or "")
        for text in texts:
            if match := EXTERNAL_URL.search(text):
                raise FigureError(
                    f"refers to another file or URL, {match[0][:40]}",
                    "embed the resource in the SVG or remove the reference",
                )


def _size(root) -> tuple[float, float]:
    """Natural size in points from width/height, completed from the viewBox's proportions."""
    box = _view_box(root)
    box_w, box_h = (box[2], box[3]) if box else (0, 0)
    width, height = _length(root.get("width")), _length(root.get("height"))
    if width and height:
        return width, height
    if not (box_w and box_h):
        raise FigureError(
            "has no size (no width and height, and no viewBox)",
            "re-export it with a size, or add a viewBox",
        )
    if width:
        return width, width * box_h / box_w
    if height:
        return height * box_w / box_h, height
    return box_w * 0.75, box_h * 0.75


def _view_box(root) -> list[float] | None:
    try:
        box = [float(v) for v in re.split(r"[\s,]+", root.get("viewBox", "").strip()) if v]
    except ValueError:
        return None
    return box if len(box) == 4 and box[2] > 0 and box[3] > 0 else None


def _length(value: str | None) -> float | None:
    """An SVG length in points; None for missing or percentage lengths."""
    match = re.fullmatch(r"\s*([\d.]+(?:e[+-]?\d+)?)\s*([a-z]*)\s*", value or "", re.I)
    if not match or match[2].lower() not in POINTS_PER:
        return None
    try:
        number = float(match[1])
    except ValueError:
        return None
    return number * POINTS_PER[match[2].lower()] if number > 0 else None


def _clean(root, width: float, height: float) -> None:
    """Size in px with a viewBox (a viewBox-less SVG would not scale), fonts completed."""
    if _view_box(root) is None:
        # Without a viewBox the user units are px at the file's own size.
        root.set("viewBox", f"0 0 {_number(width / 0.75)} {_number(height / 0.75)}")
    root.set("width", _number(width / 0.75))
    root.set("height", _number(height / 0.75))
    for switch in list(root.iter(f"{{{SVG_NS}}}switch")):
        _choose(switch)
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if family := element.get("font-family"):
            element.set("font-family", fonts.family_value(family))
        if style := element.get("style"):
            element.set("style", fonts.style_attribute(style))
        if etree.QName(element).localname == "style" and element.text:
            element.text = fonts.style_sheet(element.text)


def _choose(switch) -> None:
    """Resolve a <switch> here, as SVG 1.1 §5.8.2 says: the first child whose conditions
    hold (we support no extensions; features and languages count as supported), so every
    renderer draws the same branch. WeasyPrint 70 has no <switch> and draws them all."""
    children = [c for c in switch if isinstance(c.tag, str)]
    chosen = next((c for c in children if not c.get("requiredExtensions", "").strip()), None)
    for child in children:
        if child is not chosen:
            switch.remove(child)
    switch.tag = f"{{{SVG_NS}}}g"


def _number(value: float) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".")


def render_png(image: Image, width_pt: float) -> bytes:
    """The clean SVG as a PNG at print resolution for a display width of `width_pt`.

    resvg (through resvg-py) draws it: of the rasterisers at hand it follows the SVG spec
    most closely (CSS, <switch>, masks, data: images) and shapes text with per-character
    font fallback, and it writes no time or random chunks, so the bytes are the same on
    every run. The clean SVG is sized in px, which resvg-py 0.5 requires."""
    import resvg_py

    pixels = max(1, round(width_pt / 72 * PRINT_DPI))
    try:
        return bytes(
            resvg_py.svg_to_bytes(
                svg_string=image.data.decode("utf-8"),
                width=pixels,
                sans_serif_family=fonts.SANS,
                serif_family=fonts.SERIF,
                monospace_family=fonts.MONO,
                font_family=fonts.SERIF,
            )
        )
    except Exception as exc:  # noqa: BLE001 - resvg raises plain exceptions
        raise FigureError(f"cannot be drawn ({exc})", REEXPORT) from exc
