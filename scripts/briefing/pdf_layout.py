"""Take a paper (or a volume), its theme and what an output adds (`Finishing`), produce
the finished PDF and the page on which each HTML id lands: the page rendered, laid out
again where a figure left a page too empty (figure_flow.py), and written.

The everyday PDF and every edition (print, booklet, archive) are laid out here, so an
edition's own page size and margins get the same figure flow as the everyday PDF.
"""

from __future__ import annotations

import datetime as dt

from .figure_flow import lay_out, lay_out_volume
from .html import paper_id_prefix, render_html, render_volume_html
from .model import Paper, Volume
from .pdf import figure_images, figure_url, render_document, write_pdf
from .pdf_finish import Finishing
from .theme import Theme


def paper_pdf(
    paper: Paper, theme: Theme, timestamp: dt.datetime, finishing: Finishing
) -> tuple[bytes, dict[str, int]]:
    images = figure_images([paper])

    def render(laid: Paper):
        html = render_html(laid, theme, timestamp, asset_url=figure_url)
        return render_document(html, laid.folder, laid.folder.parent, images, finishing.variant)

    document, _ = lay_out(paper, render, theme.figures.max_blank)
    return write_pdf(document, finishing)


def volume_pdf(
    volume: Volume, theme: Theme, timestamp: dt.datetime, finishing: Finishing
) -> tuple[bytes, dict[str, int]]:
    root = volume.content_root
    images = figure_images(volume.papers)

    def render(laid: Volume):
        html = render_volume_html(laid, theme, timestamp, asset_url=figure_url)
        return render_document(html, root, root, images, finishing.variant)

    document, _ = lay_out_volume(
        volume, render, theme.figures.max_blank, lambda p: paper_id_prefix(p.slug)
    )
    return write_pdf(document, finishing)
