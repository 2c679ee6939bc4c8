"""Take a PDF figure's bytes (its first page), produce a checked Image holding that page as
a clean SVG, so it stays vector in both outputs and is drawn like any SVG figure.

poppler's `pdftocairo -svg` converts it: poppler is the PDF renderer of the Linux desktop
(Evince, LibreOffice's import) and draws what R, Stata, Excel, matplotlib and LibreOffice
export faithfully, including embedded fonts and images. Its SVG keeps every line and
letter as vector outlines; text becomes glyph shapes, so it prints crisp but is not
searchable (an SVG export keeps text searchable; see the README). The page's crop box is
the figure's frame. Embedding the page itself as a PDF form XObject would keep the text,
but WeasyPrint cannot place one and the DOCX needs an SVG anyway.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from .image import FigureError, Image
from .svg import load_svg

TIMEOUT = 60  # seconds; a chart takes well under one
NOT_READABLE = "re-export it as PDF or SVG from the program that made it"


def load_pdf(path: Path, data: bytes) -> Image:
    if not data.startswith(b"%PDF-"):
        raise FigureError("is not a PDF file", NOT_READABLE)
    tool = shutil.which("pdftocairo")
    if tool is None:  # scripts/bootstrap installs poppler-utils in the runtime set
        raise FigureError(
            "cannot be converted: pdftocairo (poppler-utils) is not installed",
            "run scripts/bootstrap, or export the figure as SVG",
        )
    with tempfile.TemporaryDirectory(prefix="briefing-pdf-") as tmp:
        source, target = Path(tmp, "figure.pdf"), Path(tmp, "figure.svg")
        source.write_bytes(data)
        try:
            done = subprocess.run(
                [tool, "-svg", "-f", "1", "-l", "1", str(source), str(target)],
                capture_output=True,
                timeout=TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise FigureError("takes too long to convert", NOT_READABLE) from exc
        if done.returncode != 0 or not target.is_file():
            reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
            detail = f" ({reason[-1][:80]})" if reason else ""
            raise FigureError(f"is not a readable PDF{detail}", NOT_READABLE)
        svg = target.read_bytes()
    return load_svg(path, svg, kind="pdf")
