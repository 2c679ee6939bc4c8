"""Take a labelled `Paper`, the theme and the paper's PDF and DOCX, produce the web edition:
`index.html` (the theme's web.html.j2) with the figures and the downloads beside it, and
the index page listing every paper's edition.

The page needs no script, makes no request but for its own figures (no web fonts: the
theme's `web_fonts` name faces the reader's system may have, falling back to generic
ones), carries its stylesheet inline, and opens the same from a web server or from disk.
"""

from __future__ import annotations

import datetime as dt
import mimetypes
from pathlib import Path
from urllib.parse import quote

from markupsafe import Markup

from .. import model as m
from ..html import theme_environment
from ..theme import Theme
from . import figures
from .css import css_values, language_rules
from .writer import BLOCKS, INLINES, WebWriter

__all__ = ["render_web", "render_index", "BLOCKS", "INLINES"]


def size_text(size: int) -> str:
    """A download's size as readers see it on a link: "612 kB", "1.2 MB"."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    return f"{max(1, round(size / 1000))} kB"


def render_web(
    paper: m.Paper,
    theme: Theme,
    timestamp: dt.datetime,
    downloads: dict[str, bytes],
    pages: dict[str, int] | None = None,
) -> dict[str, bytes]:
    """{name: bytes} of the edition's folder: index.html, its figures, the downloads.
    `pages` are the PDF's page numbers of the paper's ids, for its page references."""
    env = theme_environment(theme)
    language = theme.language(paper.meta.lang)
    writer = WebWriter(
        theme,
        language,
        lambda figure: quote(figures.name(figure, paper)),
        footnotes=paper.footnotes,
        pages=pages,
    )
    css = env.get_template("web.css.j2").render(**css_values(theme, language))
    links = [
        dict(
            href=quote(name),
            label=language.word(Path(name).suffix.lstrip(".")),
            type=mimetypes.guess_type(name)[0] or "application/octet-stream",
            size=size_text(len(data)),
        )
        for name, data in downloads.items()
    ]
    page = env.get_template("web.html.j2").render(
        css=Markup(css),
        tb=paper.title_block,
        lang=paper.meta.lang,
        date_iso=paper.meta.date.isoformat(),
        timestamp=timestamp.strftime("%Y-%m-%dT%H:%M:%SZ"),
        authors=[a.name for a in paper.meta.authors],
        words=language.words,
        key_points=writer.blocks((paper.key_points,)) if paper.key_points else "",
        body=writer.blocks(paper.blocks),
        notes=writer.endnotes(paper.footnotes),
        downloads=links,
    )
    files = figures.files(paper, theme, language)
    return {"index.html": page.encode("utf-8"), **files, **downloads}


def render_index(papers: list[m.Paper], theme: Theme) -> bytes:
    """The page listing every paper's edition (each in its own folder beside the index,
    as formats.FORMATS["web"] places them), newest first."""
    from ..formats import DOWNLOADS, FORMATS

    env = theme_environment(theme)
    language = theme.language(theme.web.index_language)
    entries = []
    for paper in sorted(papers, key=lambda p: (-p.meta.date.toordinal(), p.slug)):
        folder = quote(paper.slug)
        entries.append(
            dict(
                tb=paper.title_block,
                lang=paper.meta.lang,
                date_iso=paper.meta.date.isoformat(),
                href=f"{folder}/{FORMATS['web'].index}",
                words=theme.language(paper.meta.lang).words,
                downloads=[
                    (f"{folder}/{quote(paper.slug)}{FORMATS[kind].suffix}", kind)
                    for kind in DOWNLOADS
                ],
            )
        )
    css = [env.get_template("web.css.j2").render(**css_values(theme, language))]
    for code in sorted({p.meta.lang for p in papers} - {language.code}):
        css.append(str(language_rules(theme, theme.language(code), language)))
    page = env.get_template("web-index.html.j2").render(
        css=Markup("\n".join(css)), lang=language.code, words=language.words, entries=entries
    )
    return page.encode("utf-8")
