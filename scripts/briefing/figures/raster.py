"""Take a bitmap figure's bytes (PNG, JPEG, GIF, WebP, TIFF), produce a checked Image whose
`data` both writers can embed as it is: upright, 8 bits per channel, PNG or JPEG.

A file that already is such a PNG or JPEG is passed through byte for byte. Everything else
is converted once, here, with Pillow, so the PDF and the DOCX show the same pixels:
- the EXIF orientation is applied (phone photos): WeasyPrint would turn the picture, Word
  and LibreOffice would not, so neither writer is left to decide;
- CMYK JPEGs become RGB JPEGs (python-docx cannot read them; Pillow undoes Adobe's
  inverted CMYK), other JPEGs needing a change are re-encoded at quality 95, 4:4:4;
- 16-bit, interlaced and 1-, 2- or 4-bit PNGs become 8-bit PNGs: WeasyPrint copies a PNG's
  compressed rows into the PDF as 8-bit data, so those printed black or as noise;
- GIF, WebP and TIFF become PNG (lossless); animations and multi-page files are refused.
Converted files keep their resolution (dpi), so the natural size does not change.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path

from .image import FigureError, Image

MAX_PIXELS = 40_000_000  # ~ an A4 page at 600 dpi on both sides; more is a mistake
MAX_SIDE = 16_384  # a 16-inch-wide figure at 1000 dpi; wider is a mistake (and beyond some readers)
KINDS = {
    ".png": "PNG",
    ".jpg": "JPEG",
    ".jpeg": "JPEG",
    ".gif": "GIF",
    ".webp": "WEBP",
    ".tif": "TIFF",
    ".tiff": "TIFF",
}
TOO_LARGE = "scale it to at most ~6000 pixels on its longer side"
ORIENTATION = 0x0112
PASS_MODES = {"PNG": {"L", "LA", "RGB", "RGBA", "P"}, "JPEG": {"L", "RGB"}}


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
                if w * h > MAX_PIXELS or max(w, h) > MAX_SIDE:
                    raise FigureError(f"is {w} x {h} pixels, too large to print", TOO_LARGE)
                if fmt != kind:
                    raise FigureError(
                        f"is a {fmt} file named .{path.suffix[1:]}", f"rename it to match ({fmt})"
                    )
                frames = getattr(image, "n_frames", 1)
                if frames > 1:
                    raise FigureError(
                        f"holds {frames} frames or pages: an animation or a multi-page file",
                        "export the one picture you want as PNG",
                    )
                image.load()  # decode it all: a truncated file fails here, not in a writer
                dpi = tuple(_sane(d) for d in image.info.get("dpi", (96, 96)))
                orientation = image.getexif().get(ORIENTATION, 1)
                if _passes(image, data, orientation):
                    out, out_format = data, fmt
                else:
                    out, out_format, dpi = _convert(image, orientation, dpi)
    except PILImage.DecompressionBombError as exc:
        raise FigureError("has too many pixels to print", TOO_LARGE) from exc
    except (UnidentifiedImageError, SyntaxError, ValueError, OSError) as exc:
        if isinstance(exc, FigureError):
            raise
        raise FigureError(f"is not a readable {kind} image", f"re-export it as {kind}") from exc
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = truncated_ok
    width, height = _upright_size(w, h, orientation)
    return Image(path, kind.lower(), width * 72 / dpi[0], height * 72 / dpi[1], out,
                 out_format.lower())  # fmt: skip


def _passes(image, data: bytes, orientation: int) -> bool:
    """Whether the file is already what both writers embed as it is."""
    if orientation not in (0, 1) or image.mode not in PASS_MODES.get(image.format, ()):
        return False
    if image.format == "PNG":
        # IHDR: bit depth at byte 24, interlace method at byte 28.
        return data[24] == 8 and data[28] == 0
    # python-docx reads a JPEG's size from its JFIF or Exif header (at byte 6).
    return data[6:10] in (b"JFIF", b"Exif")


def _convert(image, orientation: int, dpi: tuple[float, float]):
    """(bytes, "PNG" | "JPEG", dpi) of the upright, 8-bit picture."""
    from PIL import ImageOps

    was_jpeg = image.format == "JPEG"
    if orientation not in (0, 1):
        image = ImageOps.exif_transpose(image)
        if orientation in (5, 6, 7, 8):
            dpi = (dpi[1], dpi[0])
    image = _eight_bit(image)
    out = io.BytesIO()
    pixels_per_inch = tuple(round(d) for d in dpi)
    if was_jpeg and image.mode in ("L", "RGB"):
        image.save(out, "JPEG", quality=95, subsampling=0, dpi=pixels_per_inch)
        return out.getvalue(), "JPEG", dpi
    image.save(out, "PNG", dpi=pixels_per_inch)
    return out.getvalue(), "PNG", dpi


def _eight_bit(image):
    """The picture in one of L, LA, RGB, RGBA or P (8 bits per channel)."""
    mode = image.mode
    if mode in ("L", "LA", "RGB", "RGBA"):
        return image
    if mode == "P":
        return image.convert("RGBA" if "transparency" in image.info else "RGB")
    if mode == "1":
        return image.convert("L")
    if mode.startswith("I") or mode == "F":
        # 16-bit (or wider) grey: scale 0-65535 to 0-255; convert("L") alone would clip.
        wide = image.convert("I") if mode != "F" else image
        return wide.point(lambda v: v / 257).convert("L")
    if mode in ("PA", "La", "RGBa") or "transparency" in image.info:
        return image.convert("RGBA")
    return image.convert("RGB")  # CMYK, YCbCr, LAB, HSV


def _upright_size(w: int, h: int, orientation: int) -> tuple[int, int]:
    return (h, w) if orientation in (5, 6, 7, 8) else (w, h)


def _sane(dpi: float) -> float:
    """Pixels per inch as a file states it, rounded as Word rounds it (PNG stores pixels
    per metre: 150 dpi comes back as 150.01); 96 (CSS) when missing or absurd."""
    try:
        dpi = round(float(dpi))
    except (TypeError, ValueError):
        return 96.0
    return float(dpi) if 20 <= dpi <= 2400 else 96.0
