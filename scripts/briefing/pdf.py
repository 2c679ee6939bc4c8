"""Take the HTML page of a paper, produce PDF bytes with WeasyPrint: A4, tagged, fonts
embedded and subset, metadata from the paper, a content-derived /ID, no network."""

from __future__ import annotations

import logging
from pathlib import Path

from .fetcher import ContainedFetcher, RefusedResource

# WeasyPrint logs every CSS property it ignores at WARNING level; the pipeline's own
# checks report what matters to an analyst, so keep its console quiet unless debugging.
logging.getLogger("weasyprint").setLevel(logging.ERROR)


class RenderError(Exception):
    pass


def render_pdf(html: str, folder: Path, content_root: Path) -> bytes:
    import weasyprint  # imported here so a DOCX-only build never pays for the PDF engine

    from . import cjk_justify, weasyprint_patches

    weasyprint_patches.apply()
    cjk_justify.apply()

    fetcher = ContainedFetcher(content_root)
    document = weasyprint.HTML(
        string=html, base_url=folder.resolve().as_uri() + "/", url_fetcher=fetcher
    )
    try:
        return document.write_pdf(
            pdf_tags=True,  # tagged PDF: reading order for screen readers and copy-paste
            pdf_identifier=True,  # /ID = hash of the file's own bytes: same input, same ID
            uncompressed_pdf=False,
            optimize_images=False,
        )
    except weasyprint.urls.FatalURLFetchingError as exc:
        cause = exc.__cause__
        if isinstance(cause, RefusedResource):
            raise RenderError(str(cause)) from exc
        raise RenderError(str(exc)) from exc
