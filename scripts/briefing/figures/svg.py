"""Take an SVG file's bytes, produce a checked Image (safe, self-contained, sized), and
render it to PNG for readers that cannot draw SVG (the DOCX's fallback picture).

Safety: no DTD or entity declarations (entity bombs, XXE), no scripts, no references to
other files or URLs. Size: `width`/`height` in any CSS unit, else the viewBox in CSS px.
"""

from __future__ import annotations

import re
from pathlib import Path

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from .image import FigureError, Image

MAX_SVG_BYTES = 5_000_000
XLINK = "{http://www.w3.org/1999/xlink}href"
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


def load_svg(path: Path, data: bytes) -> Image:
    if len(data) > MAX_SVG_BYTES:
        raise FigureError("is larger than 5 MB", "simplify or rasterise it")
    try:
        root = SafeET.fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise FigureError(
            "declares entities or a DTD", "remove the <!DOCTYPE>/<!ENTITY> lines"
        ) from exc
    except SafeET.ParseError as exc:
        raise FigureError(
            f"is not valid XML: {exc}", "re-export it from the drawing program"
        ) from exc
    if not root.tag.endswith("svg"):
        raise FigureError("is not an SVG image", "re-export it as SVG")
    for element in root.iter():
        href = element.get(XLINK) or element.get("href")
        if href and not (href.startswith("#") or href.startswith("data:")):
            raise FigureError(
                f"refers to another file or URL ({href[:40]})",
                "embed the image in the SVG or remove the reference",
            )
        if str(element.tag).endswith("script"):
            raise FigureError("contains a script", "remove the <script> element")
    width, height = _size(root)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FigureError("is not UTF-8 text", "save it as UTF-8 SVG") from exc
    image = Image(path, "svg", width, height, data)
    render_png(image, 24)  # a writer draws it later: find out now if it cannot be drawn
    return image


def _size(root) -> tuple[float, float]:
    """Natural size in points from width/height, completed from the viewBox's proportions."""
    box = [float(v) for v in re.split(r"[\s,]+", root.get("viewBox", "").strip()) if v]
    box_w, box_h = (box[2], box[3]) if len(box) == 4 and box[2] > 0 and box[3] > 0 else (0, 0)
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


def _length(value: str | None) -> float | None:
    """An SVG length in points; None for missing or percentage lengths."""
    match = re.fullmatch(r"\s*([\d.]+(?:e[+-]?\d+)?)\s*([a-z]*)\s*", value or "")
    if not match or match[2] not in POINTS_PER:
        return None
    try:
        number = float(match[1])
    except ValueError:
        return None
    return number * POINTS_PER[match[2]] if number > 0 else None


def render_png(image: Image, width_pt: float) -> bytes:
    """The SVG as a PNG at print resolution for a display width of `width_pt`. resvg
    writes no time or random chunks, so the bytes are the same on every run."""
    import resvg_py

    pixels = max(1, round(width_pt / 72 * PRINT_DPI))
    try:
        return bytes(
            resvg_py.svg_to_bytes(
                svg_string=image.data.decode("utf-8"),
                width=pixels,
                resources_dir=str(image.path.parent),
            )
        )
    except Exception as exc:  # noqa: BLE001 - resvg raises plain exceptions
        raise FigureError(
            f"cannot be drawn ({exc})", "re-export it from the drawing program"
        ) from exc
