"""Take a paper's PDF, produce its pages as PNG files named by what they show.

Each page is drawn with PDFium (pypdfium2, in this process: no program to start) at
`dpi`, and the bitmap's sha256 names its file, so a page that did not change keeps its
URL and the browser keeps the image it has; only changed pages are encoded and sent.
The files live in build/.preview/<slug>/; those of the last two builds are kept (a
browser may still be fetching the previous set when the next arrives), older ones go.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from ..outputs import write_atomic

CSS_DPI = 96  # a CSS pixel is 1/96 inch
DEFAULT_DPI = 144  # 1.5 image pixels per CSS pixel: sharp on most screens, ~20 ms a page


class PageImages:
    """The page images of one paper, in `folder`."""

    def __init__(self, folder: Path, dpi: int = DEFAULT_DPI):
        self.folder = folder
        self.dpi = dpi
        self._previous: set[str] = set()

    def render(self, pdf: bytes) -> list[tuple[str, int, int]]:
        """(file name, width, height in CSS pixels) of each page, drawing only the new."""
        import pypdfium2

        pages = []
        document = pypdfium2.PdfDocument(pdf)
        try:
            for page in document:
                width, height = page.get_size()  # points
                bitmap = page.render(scale=self.dpi / 72)
                digest = hashlib.sha256(bitmap.buffer)
                digest.update(f"{bitmap.width}x{bitmap.height}".encode())
                name = f"{digest.hexdigest()[:24]}.png"
                target = self.folder / name
                if not target.exists():
                    data = io.BytesIO()
                    # Fast zlib level: a page is encoded in ~20 ms, not ~150 ms, and
                    # travels over loopback only.
                    bitmap.to_pil().save(data, "PNG", compress_level=1)
                    write_atomic(target, data.getvalue(), sync=False)
                pages.append((name, round(width * CSS_DPI / 72), round(height * CSS_DPI / 72)))
                page.close()
        finally:
            document.close()
        self._prune({name for name, _, _ in pages})
        return pages

    def _prune(self, current: set[str]) -> None:
        keep = current | self._previous
        for old in self.folder.glob("*.png"):
            if old.name not in keep:
                old.unlink(missing_ok=True)
        self._previous = current
