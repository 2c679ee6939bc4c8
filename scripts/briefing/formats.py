"""The output formats: one table that build, the CLI, the manifest, verify and the Makefile
(through `briefing formats --make`) all read. A new output is one entry here plus its writer.

Each format says where its files go (`build/<folder>/<slug><suffix>`), how to render a paper,
and how to render a volume. A volume's PDF layout is computed once per build and shared:
the DOCX takes its table of contents' page numbers from it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from .model import Paper, Volume
from .theme import Theme


class VolumeRun:
    """One volume being built: what its formats share, made at most once."""

    def __init__(self, volume: Volume, theme: Theme, timestamp: dt.datetime):
        self.volume, self.theme, self.timestamp = volume, theme, timestamp

    @cached_property
    def html(self) -> str:
        """The browser preview (the PDF is laid out from its own page, figure_flow.py)."""
        from .html import preview_url, render_volume_html

        return render_volume_html(self.volume, self.theme, self.timestamp, asset_url=preview_url)

    @cached_property
    def pdf_and_pages(self) -> tuple[bytes, dict[str, int]]:
        from .figure_flow import lay_out_volume
        from .html import paper_id_prefix, render_volume_html
        from .pdf import figure_images, figure_url, render_document, write_pdf

        root = self.volume.content_root
        images = figure_images(self.volume.papers)

        def render(volume: Volume):
            html = render_volume_html(volume, self.theme, self.timestamp, asset_url=figure_url)
            return render_document(html, root, root, images)

        document, _ = lay_out_volume(
            self.volume, render, self.theme.figures.max_blank, lambda p: paper_id_prefix(p.slug)
        )
        return write_pdf(document)


def _paper_html(paper: Paper, theme: Theme, timestamp: dt.datetime) -> bytes:
    from .html import preview_url, render_html

    return render_html(paper, theme, timestamp, asset_url=preview_url).encode("utf-8")


def _paper_pdf(paper: Paper, theme: Theme, timestamp: dt.datetime) -> bytes:
    from .figure_flow import lay_out
    from .html import render_html
    from .pdf import figure_images, figure_url, render_document, write_pdf

    images = figure_images([paper])

    def render(laid: Paper):
        html = render_html(laid, theme, timestamp, asset_url=figure_url)
        return render_document(html, laid.folder, laid.folder.parent, images)

    document, _ = lay_out(paper, render, theme.figures.max_blank)
    return write_pdf(document)[0]


def _paper_docx(paper: Paper, theme: Theme, timestamp: dt.datetime) -> bytes:
    from .docx import render_docx

    return render_docx(paper, theme, timestamp=timestamp)


def _volume_html(run: VolumeRun) -> bytes:
    return run.html.encode("utf-8")


def _volume_pdf(run: VolumeRun) -> bytes:
    return run.pdf_and_pages[0]


def _volume_docx(run: VolumeRun) -> bytes:
    from .docx.volume import render_volume_docx

    pages = run.pdf_and_pages[1]
    starts = {p.slug: pages.get(f"paper-{p.slug}", 0) for p in run.volume.papers}
    return render_volume_docx(run.volume, run.theme, timestamp=run.timestamp, pages=starts)


@dataclass(frozen=True)
class OutputFormat:
    name: str  # what --format and make say: "pdf"
    suffix: str  # ".pdf"
    description: str
    render: Callable[[Paper, Theme, dt.datetime], bytes]
    render_volume: Callable[[VolumeRun], bytes] | None = None
    folder: str = ""  # under the output folder; "" for build/<slug>.pdf
    recorded: bool = True  # listed in build/manifest.json and checked by verify

    def target(self, stem: str) -> str:
        """The output's path inside the output folder: "x.pdf", "print/x.pdf"."""
        return f"{self.folder}/{stem}{self.suffix}" if self.folder else f"{stem}{self.suffix}"


FORMATS: dict[str, OutputFormat] = {
    f.name: f
    for f in (
        OutputFormat("pdf", ".pdf", "print-ready PDF", _paper_pdf, _volume_pdf),
        OutputFormat("docx", ".docx", "editable Word document", _paper_docx, _volume_docx),
        OutputFormat(
            "html", ".html", "a preview to open in a browser", _paper_html, _volume_html,
            recorded=False,
        ),
    )
}  # fmt: skip
RECORDED = tuple(name for name, f in FORMATS.items() if f.recorded)


def names_text() -> str:
    """ "pdf, docx or html" for messages."""
    names = list(FORMATS)
    return ", ".join(names[:-1]) + " or " + names[-1]
