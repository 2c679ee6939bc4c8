"""Take the HTML page of a paper, produce PDF bytes with WeasyPrint: A4, tagged, fonts
embedded and subset, metadata from the paper, a content-derived /ID, no network."""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

# WeasyPrint logs every CSS property it ignores at WARNING level; the pipeline's own
# checks report what matters to an analyst, so keep its console quiet unless debugging.
logging.getLogger("weasyprint").setLevel(logging.ERROR)


OPTIONS = dict(
    pdf_tags=True,  # tagged PDF: reading order for screen readers and copy-paste
    pdf_identifier=True,  # /ID = hash of the file's own bytes: same input, same ID
    uncompressed_pdf=False,
    optimize_images=False,
)


@cache
def _font_config():
    """One FontConfiguration per process: papers rendered one after another (a volume, a
    `briefing build` of several papers, `briefing watch`) reuse the loaded fonts."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def render_pdf(html: str, folder: Path, content_root: Path) -> bytes:
    return render_pdf_with_pages(html, folder, content_root)[0]


def render_pdf_with_pages(
    html: str, folder: Path, content_root: Path
) -> tuple[bytes, dict[str, int]]:
    """The PDF, and the page number (1-based) on which each HTML id lands."""
    return write_pdf(layout(html, folder, content_root))


def layout(html: str, folder: Path, content_root: Path):
    """The page laid out by WeasyPrint (a Document: its pages and their boxes)."""
    from . import cjk_justify, weasyprint_patches

    with weasyprint_patches.fast_library_lookup():
        import weasyprint  # imported here so a DOCX-only build never pays for the PDF engine

    from .fetcher import ContainedFetcher

    weasyprint_patches.apply()
    cjk_justify.apply()
    fetcher = ContainedFetcher(content_root)
    source = weasyprint.HTML(
        string=html, base_url=folder.resolve().as_uri() + "/", url_fetcher=fetcher
    )
    # The reader has checked every figure; a refused fetch here is a bug, and surfaces as
    # an internal error naming the file.
    return source.render(font_config=_font_config(), **OPTIONS)


def write_pdf(document) -> tuple[bytes, dict[str, int]]:
    """A laid-out Document's bytes, and the page (1-based) on which each HTML id lands."""
    pages = {}
    for number, page in enumerate(document.pages, 1):
        for anchor in page.anchors:
            pages.setdefault(anchor, number)
    return document.write_pdf(**OPTIONS), pages
