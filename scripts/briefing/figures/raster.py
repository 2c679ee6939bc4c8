"""Take a PNG or JPEG file's bytes, produce a checked Image: decoded in full, sized, bounded."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

from .image import FigureError, Image

MAX_PIXELS = 40_000_000  # ~ an A4 page at 600 dpi on both sides; more is a mistake
KINDS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}
TOO_LARGE = "scale it to at most ~6000 pixels on its longer side"


def load_raster(path: Path, data: bytes) -> Image:
    from PIL import Image as PILImage  # only papers with bitmaps pay for Pillow
    from PIL import ImageFile, UnidentifiedImageError

    kind = KINDS[path.suffix.lower()]
    PILImage.MAX_IMAGE_PIXELS = MAX_PIXELS
    # WeasyPrint sets Pillow's LOAD_TRUNCATED_IMAGES on import; a truncated file must fail
    # here whatever was imported before.
    truncated_ok, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
            with PILImage.open(io.BytesIO(data)) as image:
                fmt, (w, h) = image.format, image.size
                if w * h > MAX_PIXELS:
                    raise FigureError(f"is {w} x {h} pixels, too large to print", TOO_LARGE)
                if fmt != kind:
                    raise FigureError(
                        f"is a {fmt} file named .{path.suffix[1:]}", f"rename it to match ({fmt})"
                    )
                image.load()  # decode it all: a truncated file fails here, not in a writer
                dpi = image.info.get("dpi", (96, 96))
    except PILImage.DecompressionBombError as exc:
        raise FigureError("has too many pixels to print", TOO_LARGE) from exc
    except (UnidentifiedImageError, SyntaxError, ValueError, OSError) as exc:
        if isinstance(exc, FigureError):
            raise
        raise FigureError(f"is not a readable {kind} image", f"re-export it as {kind}") from exc
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = truncated_ok
    x_dpi, y_dpi = (_sane(d) for d in dpi)
    return Image(path, kind.lower(), w * 72 / x_dpi, h * 72 / y_dpi, data)


def _sane(dpi: float) -> float:
    """Pixels per inch as a file states it, rounded as Word rounds it (PNG stores pixels
    per metre: 150 dpi comes back as 150.01); 96 (CSS) when missing or absurd."""
    try:
        dpi = round(float(dpi))
    except (TypeError, ValueError):
        return 96.0
    return float(dpi) if 20 <= dpi <= 2400 else 96.0
