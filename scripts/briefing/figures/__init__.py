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
from .raster import load_raster
from .svg import load_svg

LOADERS: dict[str, Callable[[Path, bytes], Image]] = {
    ".svg": load_svg,
    ".png": load_raster,
    ".jpg": load_raster,
    ".jpeg": load_raster,
    ".chart.yaml": load_chart,
}
# How messages name a kind when its suffix, upper-cased, would not do.
KIND_NAMES = {".jpg": "JPEG", ".chart.yaml": "chart (.chart.yaml)"}
MAX_BYTES = 50_000_000  # a figure larger than this is a mistake (a video, an archive)

__all__ = ["FigureError", "Image", "LOADERS", "load", "kinds_text", "suffixes_text", "suffix_of"]


def kinds_text() -> str:
    """ "SVG, PNG or JPEG": the kinds of figure file, for messages."""
    kinds = list(dict.fromkeys(KIND_NAMES.get(s, s.lstrip(".").upper()) for s in LOADERS))
    return ", ".join(kinds[:-1]) + " or " + kinds[-1]


def suffixes_text() -> str:
    """ ".svg, .png or .jpg": the suffixes a figure may have, for hints."""
    suffixes = [s for s in LOADERS if s != ".jpeg"]
    return ", ".join(suffixes[:-1]) + " or " + suffixes[-1]


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
