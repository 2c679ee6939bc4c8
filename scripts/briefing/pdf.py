"""Take the HTML page of a paper, produce PDF bytes with WeasyPrint: A4, tagged, fonts
embedded and subset, metadata from the paper, a content-derived /ID, no network."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from . import figures
from . import model as m
from .transform import walk

# WeasyPrint logs every CSS property it ignores at WARNING level; the pipeline's own
# checks report what matters to an analyst, so keep its console quiet unless debugging.
logging.getLogger("weasyprint").setLevel(logging.ERROR)


OPTIONS = dict(
    pdf_tags=True,  # tagged PDF: reading order for screen readers and copy-paste
    pdf_identifier=True,  # /ID = hash of the file's own bytes: same input, same ID
    uncompressed_pdf=False,
    optimize_images=False,
    custom_metadata=True,  # <meta name="ContentStatus">: a draft says so in its properties
)


@cache
def _font_config():
    """One FontConfiguration per process: papers rendered one after another (a volume, a
    `briefing build` of several papers, `briefing watch`) reuse the loaded fonts."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def figure_url(figure: m.Figure) -> str:
    """How the PDF's HTML names a figure: by what the one loader gives to draw."""
    from .fetcher import figure_url as url

    return url(figures.load(figure.path))


def figure_images(papers: Iterable[m.Paper]) -> dict[str, figures.Image]:
    """Every figure the papers draw, by the URL `figure_url` gives it."""
    from .fetcher import figure_url as url

    images = (figures.load(n.path) for p in papers for n in walk(p) if isinstance(n, m.Figure))
    return {url(image): image for image in images}


def render_pdf(html: str, folder: Path, content_root: Path, images=None) -> bytes:
    return render_pdf_with_pages(html, folder, content_root, images)[0]


def render_pdf_with_pages(
    html: str, folder: Path, content_root: Path, images: dict[str, figures.Image] | None = None
) -> tuple[bytes, dict[str, int]]:
    """The PDF, and the page number (1-based) on which each HTML id lands. `images` are
    the figures the page names by `figure_url`."""
    return write_pdf(render_document(html, folder, content_root, images))


def render_document(html: str, folder: Path, content_root: Path, images=None):
    """WeasyPrint's laid-out document (pages and boxes), before it is written as a PDF."""
    from . import cjk_justify, weasyprint_patches

    with weasyprint_patches.fast_library_lookup():
        import weasyprint  # imported here so a DOCX-only build never pays for the PDF engine

    from .fetcher import ContainedFetcher

    weasyprint_patches.apply()
    cjk_justify.apply()
    fetcher = ContainedFetcher(content_root, images)
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
