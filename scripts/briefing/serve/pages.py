"""Take a paper's PDF, produce its pages as PNG files named by what they show.

Only pages that changed are drawn. Before the PDF is written, each page gets a key: the
digest of its content stream (every drawing operation on it) and of the document's
shared forms and patterns (`page_keys`, a WeasyPrint `finisher`), salted with the
paper's figure files and the theme (a changed figure keeps its name in the PDF, so its
file decides). A page whose key was seen in the last build keeps its image, undrawn;
the others are drawn with PDFium (pypdfium2, in this process) at `dpi`, and the
bitmap's sha256 names the file, so a page that looks the same keeps its URL and the
browser keeps the image it has. The files live in build/.preview/<slug>/; those of the
last two builds are kept (a browser may still be fetching the previous set when the
next arrives), older ones go.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from ..outputs import write_atomic

CSS_DPI = 96  # a CSS pixel is 1/96 inch
Page = tuple[str, int, int]  # file name, width and height in CSS pixels
DEFAULT_DPI = 144  # 1.5 image pixels per CSS pixel: sharp on most screens, ~20 ms a page


class PageImages:
    """The page images of one paper, in `folder`."""

    def __init__(self, folder: Path, dpi: int = DEFAULT_DPI):
        self.folder = folder
        self.dpi = dpi
        self.drawn = 0  # pages drawn by the last `render`
        self._known: dict[str, Page] = {}  # key -> page, of the last build
        self._previous: set[str] = set()

    def render(self, pdf: bytes, keys: list[str], salt: str = "") -> list[Page]:
        """(file name, width, height in CSS pixels) of each page; `keys` from
        `page_keys`, `salt` what else the pages show (figure files, theme)."""
        keys = [hashlib.sha256(f"{salt}:{key}".encode()).hexdigest() for key in keys]
        pages: list[Page | None] = [self._known.get(key) for key in keys]
        todo = [i for i, page in enumerate(pages) if page is None]
        if todo:
            pages = self._draw(pdf, todo, pages)
        self.drawn = len(todo)
        self._known = dict(zip(keys, pages))
        self._prune({name for name, _, _ in pages})
        return pages

    def _draw(self, pdf: bytes, todo: list[int], pages: list) -> list[Page]:
        import pypdfium2

        pages = list(pages)
        document = pypdfium2.PdfDocument(pdf)
        try:
            for i in todo:
                page = document[i]
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
                pages[i] = (name, round(width * CSS_DPI / 72), round(height * CSS_DPI / 72))
                page.close()
        finally:
            document.close()
        return pages

    def _prune(self, current: set[str]) -> None:
        keep = current | self._previous
        for old in self.folder.glob("*.png"):
            if old.name not in keep:
                old.unlink(missing_ok=True)
        self._previous = current


def page_keys(pdf) -> list[str]:
    """For each page of a pydyf PDF that WeasyPrint is about to write (a `finisher`), a
    digest of everything it draws: its content stream, and the document's forms and
    patterns, which pages draw by name (images are named from their URL: the caller's
    salt covers their files; fonts keep their glyph ids when subset, so a page's glyphs
    draw the same whatever other pages use)."""
    import pydyf

    shared = hashlib.sha256()
    for obj in pdf.objects:
        kind = obj.extra.get("Type") if isinstance(obj, pydyf.Stream) else None
        if kind in ("/XObject", "/Pattern") and obj.extra.get("Subtype") != "/Image":
            shared.update(obj.data)
    keys = []
    for number in pdf.pages["Kids"][::3]:  # [n, 0, "R", ...]: the pages' object numbers
        page = pdf.objects[number]
        contents = pdf.objects[int(page["Contents"].split()[0])]
        digest = shared.copy()
        digest.update(repr(list(page["MediaBox"])).encode())
        digest.update(contents.data)
        keys.append(digest.hexdigest())
    return keys
