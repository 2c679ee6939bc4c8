"""Take a URL, produce its QR code as an SVG figure both writers draw (segno makes the code).

The code is an `Image` like any figure's, so the PDF embeds it as vector through
WeasyPrint and the DOCX as an SVG picture with a PNG fallback, exactly as figures are.
Same URL, same bytes: segno's output depends only on the data and these settings.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

import segno

from .figures import Image

QUIET_ZONE = 4  # modules of white around the code (ISO/IEC 18004 asks for four)


@cache
def qr_image(url: str, size: float, colour: str = "#000000") -> Image:
    """The QR code of `url`, `size` points square (quiet zone included), in `colour`."""
    code = segno.make(url, error="m", micro=False)
    out = io.BytesIO()
    # One user unit per module and no unit on the size: the writers size the picture
    # (resvg, which draws the DOCX's PNG fallback, refuses absolute units).
    code.save(
        out, kind="svg", border=QUIET_ZONE, scale=1, dark=colour,
        xmldecl=False, nl=False, svgclass=None, lineclass=None,
    )  # fmt: skip
    modules = code.symbol_size(border=QUIET_ZONE)[0]
    svg = out.getvalue().replace(b"<svg ", f'<svg viewBox="0 0 {modules} {modules}" '.encode(), 1)
    return Image(Path("qr.svg"), "svg", size, size, svg)
