"""Take the HTML page of a paper, produce PDF bytes with WeasyPrint: tagged, fonts embedded
and subset, metadata from the paper, a content-derived /ID, no network; then finished
(`pdf_finish`): XMP metadata, and what an edition adds (print marks, imposition, sources)."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache, lru_cache
from pathlib import Path

from . import figures
from . import model as m
from .pdf_finish import Finishing, finish
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


# Who wants a paper's layout as soon as it is made, before its PDF is written: the live
# preview (serve/) draws its page images from it while the real PDF is still to come.
_layout_observers: ContextVar[tuple[Callable, ...]] = ContextVar("layout_observers", default=())


@contextmanager
def observing_layout(observer: Callable) -> Iterator[None]:
    """Within the block, `observer(document)` is called with every WeasyPrint Document
    laid out, before its PDF is written."""
    token = _layout_observers.set((*_layout_observers.get(), observer))
    try:
        yield
    finally:
        _layout_observers.reset(token)


# The page's one stylesheet, as paper.html.j2 and volume.html.j2 write it in <head>. (The
# content cannot hold a <style> element: every string from it is escaped.)
STYLE = re.compile(r"<style>(.*?)</style>", re.S)


@lru_cache(maxsize=8)
def _stylesheet(css: str, base_url: str, content_root: Path):
    """A stylesheet parsed once per process (~25 ms for ours): rebuilding the same paper
    (watch, serve) or papers of one language and theme reuse it. Given to WeasyPrint as
    a stylesheet rather than in the page, it cascades the same (the page has no other
    author styles but its elements' own `style` attributes, which win either way)."""
    import weasyprint

    from .fetcher import ContainedFetcher

    fetcher = ContainedFetcher(content_root)
    return weasyprint.CSS(
        string=css, base_url=base_url, url_fetcher=fetcher, font_config=_font_config()
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


def render_pdf(
    html: str, folder: Path, content_root: Path, images=None, finishing: Finishing | None = None
) -> bytes:
    return render_pdf_with_pages(html, folder, content_root, images, finishing)[0]


def render_pdf_with_pages(
    html: str,
    folder: Path,
    content_root: Path,
    images: dict[str, figures.Image] | None = None,
    finishing: Finishing | None = None,
) -> tuple[bytes, dict[str, int]]:
    """The PDF, and the page number (1-based) on which each HTML id lands. `images` are
    the figures the page names by `figure_url`; `finishing` what the output adds (an
    edition's PDF variant and steps; the XMP metadata of every PDF)."""
    finishing = finishing or Finishing()
    document = render_document(html, folder, content_root, images, finishing.variant)
    laid_out(document)
    return write_pdf(document, finishing)


def render_document(html: str, folder: Path, content_root: Path, images=None, variant=None):
    """WeasyPrint's laid-out document (pages and boxes), before it is written as a PDF."""
    from . import cjk_justify, pdf_access, pdf_lang, pdf_stable, subset_cache, weasyprint_patches

    with weasyprint_patches.fast_library_lookup():
        import weasyprint  # imported here so a DOCX-only build never pays for the PDF engine

    from .fetcher import ContainedFetcher

    weasyprint_patches.apply()
    cjk_justify.apply()
    pdf_lang.apply()
    # After pdf_lang: pdf_access wraps whatever is installed, so both wrappers run.
    pdf_access.apply()
    pdf_stable.apply()
    subset_cache.apply()
    fetcher = ContainedFetcher(content_root, images)
    base_url = folder.resolve().as_uri() + "/"
    stylesheets = []
    found = STYLE.search(html)
    if found:
        stylesheets.append(_stylesheet(found[1], base_url, content_root.resolve()))
        html = html[: found.start()] + html[found.end() :]
    source = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher)
    # The reader has checked every figure; a refused fetch here is a bug, and surfaces as
    # an internal error naming the file.
    return source.render(
        font_config=_font_config(), stylesheets=stylesheets, **OPTIONS, pdf_variant=variant
    )


def laid_out(document) -> None:
    """Show whoever observes layouts (`observing_layout`) a document as soon as it is laid
    out, before it is written. A paper's first layout is the one shown: laying it out
    again to float a figure (figure_flow.py) would double the live preview's wait."""
    for observe in _layout_observers.get():
        observe(document)


def write_pdf(document, finishing: Finishing | None = None) -> tuple[bytes, dict[str, int]]:
    """A laid-out Document's finished bytes, and the page (1-based) on which each HTML id
    lands. `finishing` is what the output adds (pdf_finish.py); every PDF gets its XMP."""
    finishing = finishing or Finishing()
    pages = {}
    for number, page in enumerate(document.pages, 1):
        for anchor in page.anchors:
            pages.setdefault(anchor, number)
    written = document.write_pdf(**OPTIONS, pdf_variant=finishing.variant)
    return finish(written, finishing), pages
