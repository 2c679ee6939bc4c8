"""The output formats: one table that build, the CLI, the manifest, verify and the Makefile
(through `briefing formats --make`) all read. A new output is one entry here plus its writer.

Each format says where its files go (`build/<folder>/<slug><suffix>`, or for an output of
several files `build/<folder>/<slug>/<index>` with the others beside it), how to render a
paper, and how to render a volume. What a paper's formats share is made at most once per
build (`PaperRun`): the PDF layout, whose page numbers the DOCX takes for its tables of
contents and page references (a paper with neither never lays out a PDF for its DOCX),
and each format's bytes, so the web edition ships the very PDF and DOCX built beside it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from .editions import paper_renderer, volume_renderer
from .model import PageRef, Paper, Volume
from .transform import walk

if TYPE_CHECKING:  # the theme module loads jsonschema; `briefing formats` never needs it
    from .theme import Theme


@dataclass(frozen=True)
class Bundle:
    """An output of several files: paths relative to the output's folder -> bytes. The
    format's `index` file is one of them; the others (figures, downloads) lie beside it."""

    files: dict[str, bytes]


Rendered = bytes | Bundle


class PaperRun:
    """One paper being built: what its formats share, made at most once: the HTML, the
    PDF's layout, and each format's bytes (a format may ship another's: the web edition
    links the PDF and DOCX beside it)."""

    def __init__(self, paper: Paper, theme: Theme, timestamp: dt.datetime):
        self.paper, self.theme, self.timestamp = paper, theme, timestamp
        self._done: dict[str, Rendered] = {}

    def output(self, name: str) -> Rendered:
        """The bytes of format `name` for this paper, rendered once."""
        if name not in self._done:
            self._done[name] = FORMATS[name].render(self)
        return self._done[name]

    @cached_property
    def html(self) -> str:
        """The browser preview: the print page with its figures inside it."""
        from .html import preview_url, render_html

        return render_html(self.paper, self.theme, self.timestamp, asset_url=preview_url)

    @cached_property
    def pdf_and_pages(self) -> tuple[bytes, dict[str, int]]:
        """The PDF (laid out again where a figure left a page too empty, figure_flow.py)
        and the page of each HTML id."""
        from .pdf_finish import Finishing
        from .pdf_layout import paper_pdf
        from .pdf_xmp import about_paper

        finishing = Finishing(about=about_paper(self.paper.meta))
        return paper_pdf(self.paper, self.theme, self.timestamp, finishing)

    def pages(self) -> dict[str, int]:
        """{model id: its page in the PDF} when the DOCX prints page numbers, else {}."""
        if not needs_pages(self.paper):
            return {}
        from .html.writer import html_id

        anchors = self.pdf_and_pages[1]
        ids = {getattr(n, "id", None) for n in walk(self.paper.blocks)} - {None}
        return {i: anchors[html_id(i)] for i in ids if html_id(i) in anchors}


def needs_pages(paper: Paper) -> bool:
    """A paper whose DOCX prints page numbers of its own: contents or page references."""
    return paper.contents is not None or any(isinstance(n, PageRef) for n in walk(paper))


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
        from .pdf_finish import Finishing
        from .pdf_layout import volume_pdf
        from .pdf_xmp import about_volume

        finishing = Finishing(about=about_volume(self.volume))
        return volume_pdf(self.volume, self.theme, self.timestamp, finishing)


def _paper_html(run: PaperRun) -> bytes:
    return run.html.encode("utf-8")


def _paper_pdf(run: PaperRun) -> bytes:
    return run.pdf_and_pages[0]


def _paper_docx(run: PaperRun) -> bytes:
    from .docx import render_docx

    return render_docx(run.paper, run.theme, timestamp=run.timestamp, pages=run.pages())


def _paper_web(run: PaperRun) -> Bundle:
    from .web import render_web

    slug = run.paper.slug
    downloads = {f"{slug}{FORMATS[name].suffix}": run.output(name) for name in DOWNLOADS}
    return Bundle(render_web(run.paper, run.theme, run.timestamp, downloads, run.pages()))


def _volume_html(run: VolumeRun) -> bytes:
    return run.html.encode("utf-8")


def _volume_pdf(run: VolumeRun) -> bytes:
    return run.pdf_and_pages[0]


def _volume_docx(run: VolumeRun) -> bytes:
    from .docx.volume import render_volume_docx

    return render_volume_docx(
        run.volume, run.theme, timestamp=run.timestamp, pages=run.pdf_and_pages[1]
    )


@dataclass(frozen=True)
class OutputFormat:
    name: str  # what --format and make say: "pdf"
    suffix: str  # ".pdf"
    description: str
    render: Callable[[PaperRun], Rendered]
    render_volume: Callable[[VolumeRun], bytes] | None = None
    folder: str = ""  # under the output folder; "" for build/<slug>.pdf
    recorded: bool = True  # listed in build/manifest.json and checked by verify
    index: str = ""  # set for an output of several files: build/<folder>/<slug>/<index>
    goal: str = ""  # the make target that builds it ("print"); "" for its own name

    def target(self, stem: str) -> str:
        """The output's (main) file inside the output folder: "x.pdf", "print/x.pdf",
        "web/x/index.html"."""
        name = f"{stem}/{self.index}" if self.index else f"{stem}{self.suffix}"
        return f"{self.folder}/{name}" if self.folder else name

    def stem(self, target: str) -> str:
        """The inverse of `target`: "web/x/index.html" -> "x"."""
        name = target.removeprefix(f"{self.folder}/") if self.folder else target
        return name.removesuffix(f"/{self.index}" if self.index else self.suffix)

    def owns(self, target: str) -> bool:
        """Whether a file its `target` pattern matches is this format's and not another's
        in the same folder: "print/x-booklet.pdf" is the booklet's, not the print edition's."""
        rivals = (f for f in FORMATS.values() if f.folder == self.folder and f is not self)
        return not any(
            len(f.suffix) > len(self.suffix) and not f.index and target.endswith(f.suffix)
            for f in rivals
        )


FORMATS: dict[str, OutputFormat] = {
    f.name: f
    for f in (
        OutputFormat("pdf", ".pdf", "print-ready PDF", _paper_pdf, _volume_pdf),
        OutputFormat("docx", ".docx", "editable Word document", _paper_docx, _volume_docx),
        OutputFormat(
            "html", ".html", "a preview to open in a browser", _paper_html, _volume_html,
            recorded=False,
        ),
        # The editions (editions.py): the same paper for the print shop, a folded
        # booklet, and the archive.
        OutputFormat(
            "print", ".pdf", "PDF/X-4 for the print shop: bleed, crop marks, output intent",
            paper_renderer("print"), volume_renderer("print"), folder="print", goal="print",
        ),
        OutputFormat(
            "booklet", "-booklet.pdf", "A5 booklet imposed two up on A4 sheets, for duplex",
            paper_renderer("booklet"), volume_renderer("booklet"), folder="print",
            goal="print",
        ),
        OutputFormat(
            "archive", ".pdf", "PDF/A-3a and PDF/UA-1 with the paper's sources attached",
            paper_renderer("archive"), volume_renderer("archive"), folder="archive",
            goal="archive",
        ),
        OutputFormat(
            "web", ".html", "the web edition: a page, its figures, the PDF and DOCX",
            _paper_web, folder="web", index="index.html",
        ),
    )
}  # fmt: skip
DOWNLOADS = ("pdf", "docx")  # the formats the web edition offers beside its page
RECORDED = tuple(name for name, f in FORMATS.items() if f.recorded)


def names_text() -> str:
    """ "pdf, docx or html" for messages."""
    names = list(FORMATS)
    return ", ".join(names[:-1]) + " or " + names[-1]
