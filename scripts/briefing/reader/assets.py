"""Take the figures a paper names, check each is a safe, readable image inside the content
folder, and report what is wrong with the ones that are not."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from ..model import Figure
from .convert import Context

IMAGE_KINDS = {".svg": "SVG", ".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}
MAX_PIXELS = 40_000_000  # ~ an A4 page at 600 dpi on both sides; more is a mistake
MAX_SVG_BYTES = 5_000_000
URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
XLINK = "{http://www.w3.org/1999/xlink}href"


def check_figures(ctx: Context, folder: Path) -> None:
    root = folder.resolve().parent  # figures may be shared across papers within content/
    for figure, line in ctx.figures:
        place = ctx.at(line, figure.src or "![")
        problem = _problem(figure, folder, root)
        if problem:
            place.error(*problem)


def _problem(figure: Figure, folder: Path, root: Path) -> tuple[str, str] | None:
    src = figure.src
    if not src:
        return "figure has no file", "write ![Caption](figures/name.svg)"
    if URL.match(src) or src.startswith("//"):
        return (
            f"figure '{src}' is a URL; renders never use the network",
            "download it into the paper's figures/ folder and link that file",
        )
    if src.startswith("/") or src.startswith("\\"):
        return (
            f"figure '{src}' is an absolute path",
            "use a path relative to paper.md, e.g. figures/x.svg",
        )
    path = (folder / src).resolve()
    if not path.is_relative_to(root):
        return (
            f"figure '{src}' is outside the content folder",
            "copy it into the paper's figures/ folder",
        )
    kind = IMAGE_KINDS.get(path.suffix.lower())
    if kind is None:
        return (
            f"figure '{src}' is not an SVG, PNG or JPEG file",
            "convert it to .svg, .png or .jpg",
        )
    if not path.is_file():
        return (
            f"figure file '{src}' not found",
            f"check the name; looked for {path.name} in {path.parent.name}/",
        )
    try:
        return _check_svg(path, src) if kind == "SVG" else _check_bitmap(path, src, kind)
    except OSError as exc:
        return (
            f"figure '{src}' cannot be read: {exc.strerror or exc}",
            "check the file's permissions",
        )


def _check_svg(path: Path, src: str) -> tuple[str, str] | None:
    if path.stat().st_size > MAX_SVG_BYTES:
        return f"SVG figure '{src}' is larger than 5 MB", "simplify or rasterise it"
    try:
        tree = SafeET.parse(path, forbid_dtd=True)
    except DefusedXmlException:
        return (
            f"SVG figure '{src}' declares entities or a DTD",
            "remove the <!DOCTYPE>/<!ENTITY> lines",
        )
    except SafeET.ParseError as exc:
        return (
            f"SVG figure '{src}' is not valid XML: {exc}",
            "re-export it from the drawing program",
        )
    root = tree.getroot()
    if not root.tag.endswith("svg"):
        return f"figure '{src}' is not an SVG image", "re-export it as SVG"
    for element in root.iter():
        href = element.get(XLINK) or element.get("href")
        if href and not (href.startswith("#") or href.startswith("data:")):
            return (
                f"SVG figure '{src}' refers to another file or URL ({href[:40]})",
                "embed the image in the SVG or remove the reference",
            )
        if element.tag.endswith("script"):
            return f"SVG figure '{src}' contains a script", "remove the <script> element"
    return None


def _check_bitmap(path: Path, src: str, kind: str) -> tuple[str, str] | None:
    from PIL import Image, UnidentifiedImageError  # only papers with bitmaps pay for Pillow

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:  # reads the header only; nothing is decoded
                fmt, (w, h) = image.format, image.size
    except Image.DecompressionBombError:
        return (
            f"figure '{src}' has too many pixels to print",
            "scale it to at most ~6000 pixels on its longer side",
        )
    except (UnidentifiedImageError, SyntaxError, ValueError):
        return f"figure '{src}' is not a readable {kind} image", f"re-export it as {kind}"
    if fmt != kind:
        return (
            f"figure '{src}' is a {fmt} file named .{path.suffix[1:]}",
            f"rename it to match ({fmt})",
        )
    if w * h > MAX_PIXELS:
        return (
            f"figure '{src}' is {w} x {h} pixels, too large to print",
            "scale it to at most ~6000 pixels on its longer side",
        )
    return None
