"""Take a figure file, produce a checked Image both writers can draw, or a FigureError.

One loader for every figure, used by the reader (which checks, so a paper that passes
`briefing check` never fails in a writer) and by the writers (which draw). A loader is
an entry in `LOADERS`, keyed by file suffix; adding a format is one entry plus its module.
Loaded images are cached by path, size and modification time, so a paper with the same
figure twice, or a PDF and a DOCX built together, read and decode each file once.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from .chart import load_chart
from .image import FigureError, Image
from .pdf import load_pdf
from .raster import load_raster
from .svg import load_svg

LOADERS: dict[str, Callable[[Path, bytes], Image]] = {
    ".svg": load_svg,
    ".pdf": load_pdf,
    ".png": load_raster,
    ".jpg": load_raster,
    ".jpeg": load_raster,
    ".gif": load_raster,
    ".webp": load_raster,
    ".tif": load_raster,
    ".tiff": load_raster,
    ".chart.yaml": load_chart,
}
# How messages name each suffix's kind; a suffix sharing a kind's name is listed once.
NAMES = {".svg": "SVG", ".pdf": "PDF", ".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG",
         ".gif": "GIF", ".webp": "WebP", ".tif": "TIFF", ".tiff": "TIFF",
         ".chart.yaml": "chart (.chart.yaml)"}  # fmt: skip
# What to export a figure as: the kinds that stay sharp (vector) or lossless, and photos.
PREFERRED = (".svg", ".pdf", ".png", ".jpg")
MAX_BYTES = 50_000_000  # a figure larger than this is a mistake (a video, an archive)

__all__ = ["FigureError", "Image", "LOADERS", "load", "kinds_text", "suffixes_text", "suffix_of"]


def kinds_text() -> str:
    """ "SVG, PDF, PNG, JPEG, GIF, WebP or TIFF": the kinds of figure file, for messages."""
    kinds = list(dict.fromkeys(NAMES[s] for s in LOADERS))
    return ", ".join(kinds[:-1]) + " or " + kinds[-1]


def suffixes_text() -> str:
    """ ".svg, .pdf, .png or .jpg": what to convert a figure to, for hints."""
    return ", ".join(PREFERRED[:-1]) + " or " + PREFERRED[-1]


def suffix_of(path: Path) -> str | None:
    """The LOADERS key that `path`'s name ends with (".chart.yaml", not ".yaml"), or None."""
    name = Path(path).name.lower()
    return max((s for s in LOADERS if name.endswith(s)), key=len, default=None)


def load(path: Path) -> Image:
    """The image in `path` (an existing file, already checked to lie inside content/)."""
    path = Path(path)
    try:
        stat = path.stat()
    except OSError as exc:
        raise FigureError("cannot be read", str(exc.strerror or exc)) from exc
    image = _load(path, stat.st_size, stat.st_mtime_ns)
    if not image.current():  # a chart whose CSV changed since it was read
        _load.cache_clear()
        image = _load(path, stat.st_size, stat.st_mtime_ns)
    return image


@lru_cache(maxsize=64)
def _load(path: Path, size: int, mtime: int) -> Image:
    loader = LOADERS.get(suffix_of(path) or "")
    if loader is None:
        raise FigureError(f"is not an {kinds_text()} file", "convert it to one of those")
    if size > MAX_BYTES:
        raise FigureError(f"is {size // 1_000_000} MB, too large for a figure", "export it smaller")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FigureError(
            f"cannot be read: {exc.strerror or exc}", "check its permissions"
        ) from exc
    return loader(path, data)
