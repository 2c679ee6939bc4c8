"""Take paper folders, produce their PDF/DOCX/HTML files in the output folder.

The whole pipeline, in order:
    read_paper      paper.md -> validated, numbered Paper        (reader/)
    build_timestamp the one date written into every output        (SOURCE_DATE_EPOCH or paper date)
    render_html     Paper -> HTML page                            (html/)
    render_pdf      HTML -> PDF bytes                             (pdf.py, WeasyPrint)
    render_docx     Paper -> DOCX bytes                           (docx/, python-docx)
    write_atomic    bytes -> build/<slug>.<ext>, all or nothing   (this module)
Every output is rendered in memory before any file is touched, so a failed build leaves
the previous outputs as they were.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from .model import Paper
from .outputs import write_outputs
from .reader import read_paper
from .theme import Theme, load_theme

FORMATS = ("pdf", "docx", "html")


def build_timestamp(date: dt.date) -> dt.datetime:
    """SOURCE_DATE_EPOCH when set (reproducible-builds.org), else the paper's (or the
    volume's) date at 00:00 UTC. Never the clock: the same sources give the same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.combine(date, dt.time(0, 0), dt.UTC)


def render(paper: Paper, fmt: str, theme: Theme) -> bytes:
    timestamp = build_timestamp(paper.meta.date)
    if fmt in ("pdf", "html"):
        from .html import render_html

        html = render_html(paper, theme, timestamp)
        if fmt == "html":
            return html.encode("utf-8")
        from .pdf import render_pdf

        return render_pdf(html, paper.folder, paper.folder.parent)
    if fmt == "docx":
        from .docx import render_docx

        return render_docx(paper, theme, timestamp=timestamp)
    raise ValueError(f"unknown format {fmt!r}")


def build(
    path: Path,
    formats: list[str],
    out_dir: Path,
    theme: Theme | None = None,
    warnings: list | None = None,
) -> list[Path]:
    theme = theme or load_theme()
    paper = read_paper(path, theme, warnings=warnings)
    rendered = {fmt: render(paper, fmt, theme) for fmt in formats}
    return write_outputs(out_dir, paper.slug, {fmt: rendered[fmt] for fmt in formats})


def build_volume(
    path: Path,
    formats: list[str],
    out_dir: Path,
    theme: Theme | None = None,
    warnings: list | None = None,
) -> list[Path]:
    """content/volumes/<name>.yaml -> <out_dir>/<name>.pdf/.docx. The PDF is laid out
    first even for a DOCX alone: its page numbers fill the DOCX's table of contents."""
    from .html import render_volume_html
    from .pdf import render_pdf_with_pages
    from .reader.volume import read_volume

    theme = theme or load_theme()
    volume = read_volume(path, theme, warnings=warnings)
    timestamp = build_timestamp(volume.date)
    html = render_volume_html(volume, theme, timestamp)
    pdf, pages = render_pdf_with_pages(html, volume.content_root, volume.content_root)
    rendered = {"pdf": pdf, "html": html.encode("utf-8")}
    if "docx" in formats:
        from .docx.volume import render_volume_docx

        starts = {p.slug: pages.get(f"paper-{p.slug}", 0) for p in volume.papers}
        rendered["docx"] = render_volume_docx(volume, theme, timestamp=timestamp, pages=starts)
    return write_outputs(out_dir, volume.slug, {fmt: rendered[fmt] for fmt in formats})
