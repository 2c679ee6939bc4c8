"""Take a labelled `Paper` (or `Volume`) and the theme, produce the complete HTML page the
PDF is made from: the theme's CSS, then the title block, key points and body. The same
page, with its figures inside it, is the `html` output: a preview for a browser, whose
screen CSS shows the notes after the text instead of at page feet."""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Callable
from functools import cache
from pathlib import Path
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from .. import figures, styles
from .. import model as m
from ..figures import Image
from ..language import Language
from ..qr import qr_image
from ..theme import Imprint, Theme
from .css import css_string, font_stack, lang_rules, language_rules, page_label, pt, style_rules
from .writer import BLOCKS, INLINES, HtmlWriter

__all__ = ["render_html", "render_volume_html", "paper_id_prefix", "BLOCKS", "INLINES"]


@cache
def environment(folders: tuple[str, ...]) -> jinja2.Environment:
    """Templates looked up in the theme's folder first, then in those of the themes it
    extends (and the default's): a theme overrides or adds only the templates it changes."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(list(folders)),
        autoescape=jinja2.select_autoescape(["html", "html.j2"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["css_string"] = css_string
    env.filters["css_class"] = styles.css_class
    env.filters["pt"] = pt
    return env


def relative_url(path: Path, base: Path) -> str:
    """A figure's URL relative to the page's base folder, spaces and all percent-encoded."""
    return quote(path.relative_to(base.resolve()).as_posix())


def theme_environment(theme: Theme) -> jinja2.Environment:
    return environment(tuple(str(f) for f in theme.folders))


def data_url(image: Image) -> str:
    """An image as a data: URL. Theme assets (the logo, a QR code) go into the page this
    way: their bytes, not where the theme happens to be checked out, reach the PDF."""
    return f"data:{image.mime};base64,{base64.b64encode(image.data).decode('ascii')}"


def house(theme: Theme, language: Language, paper: m.Paper) -> dict:
    """What the theme adds around a paper: band and logo, watermark, imprint and QR code."""
    logo = figures.load(theme.logo.path) if theme.logo else None
    tb, colophon, qr = paper.title_block, paper.colophon, None
    if colophon and colophon.qr:
        size = theme.imprint(language).qr_size
        qr = {"src": data_url(qr_image(colophon.url, size, theme.colours["text"])), "size": size}
    return dict(
        cover=theme.cover,
        logo=(
            {"src": data_url(logo), "alt": theme.logo.alt, "width": theme.logo.width}
            if logo
            else None
        ),
        band_text=tb.series,
        watermark=tb.watermark,
        status=tb.status,
        colophon=colophon,
        qr=qr,
    )


def preview_url(figure: m.Figure) -> str:
    """A figure inside the page, for the `html` output: the preview opens from build/ or
    any folder, with nothing beside it."""
    return data_url(figures.load(figure.path))


def render_html(
    paper: m.Paper,
    theme: Theme,
    timestamp: dt.datetime,
    asset_url: Callable[[m.Figure], str] | None = None,
) -> str:
    """A standalone page for one paper; figure URLs are relative to its folder (a browser
    opens the files themselves), or what `asset_url` says (the PDF's drawable figures)."""
    env = theme_environment(theme)
    language = theme.language(paper.meta.lang)
    css = env.get_template("paper.css.j2").render(**css_values(theme, language))
    writer = HtmlWriter(
        theme,
        language,
        asset_url or (lambda figure: relative_url(figure.path, paper.folder)),
        footnotes=paper.footnotes,
    )
    return env.get_template("paper.html.j2").render(
        css=Markup(css),
        timestamp=_w3c(timestamp),
        authors=[a.name for a in paper.meta.authors],
        keywords=paper.meta.keywords,
        **house(theme, language, paper),
        **article(paper, writer, article_id="paper"),
    )


def render_volume_html(
    volume: m.Volume,
    theme: Theme,
    timestamp: dt.datetime,
    asset_url: Callable[[m.Figure], str] | None = None,
) -> str:
    """One page for a whole volume: cover, contents, preface, then every paper, each with
    ids prefixed by its slug and figure URLs relative to the content folder."""
    env = theme_environment(theme)
    language = theme.language(volume.lang)
    values = css_values(theme, language)
    others = dict.fromkeys(p.meta.lang for p in volume.papers if p.meta.lang != volume.lang)
    values["language_rules"] = Markup(
        "\n".join(language_rules(theme, theme.language(code)) for code in others)
    )
    css = env.get_template("paper.css.j2").render(**values)
    css += env.get_template("volume.css.j2").render(**values)
    papers = []
    for paper in volume.papers:
        writer = HtmlWriter(
            theme,
            theme.language(paper.meta.lang),
            asset_url or (lambda figure: relative_url(figure.path, volume.content_root)),
            footnotes=paper.footnotes,
            id_prefix=paper_id_prefix(paper.slug),
        )
        papers.append(article(paper, writer, article_id=f"paper-{paper.slug}", in_volume=True))
    preface = HtmlWriter(theme, language, lambda figure: "", id_prefix="preface--")
    return env.get_template("volume.html.j2").render(
        volume=volume,
        watermark=volume.watermark,
        status=volume.status,
        css=Markup(css),
        timestamp=_w3c(timestamp),
        preface=preface.blocks(volume.preface),
        papers=papers,
    )


def paper_id_prefix(slug: str) -> str:
    """What a volume puts before each id of a paper, so two papers' `fig:map` stay apart."""
    return f"{slug}--"


def article(paper: m.Paper, writer: HtmlWriter, article_id: str, in_volume: bool = False) -> dict:
    """The values `_paper.html.j2` lays out: title block, key points, body."""
    return dict(
        tb=paper.title_block,
        lang=paper.meta.lang,
        date_iso=paper.meta.date.isoformat(),
        article_id=article_id,
        in_volume=in_volume,
        key_points=writer.blocks((paper.key_points,)) if paper.key_points else "",
        contents=writer.blocks((paper.contents,)) if paper.contents else "",
        body=writer.blocks(paper.blocks),
        about=writer.blocks((paper.about,)) if paper.about else "",
        notes=writer.endnotes(paper.footnotes),
    )


def _w3c(timestamp: dt.datetime) -> str:
    return timestamp.strftime("%Y-%m-%dT%H:%M:%SZ")


def css_values(theme: Theme, language: Language) -> dict:
    """What paper.css.j2 fills in: the theme's lengths and colours, this language's faces
    and style rules, and the page label's pattern."""
    body = theme.style(styles.BODY, language)
    scale = theme.footnotes.call_scale
    mark = theme.watermark
    return dict(
        watermark_box={
            # A line of the watermark's size across the middle of the text area; turned
            # about its centre, it crosses the page diagonally.
            "top": theme.page.text_height / 2 - mark.size * 0.6,
            "height": mark.size * 1.2,
        },
        key_points_layout=theme.key_points,
        mark=theme.watermark,
        logo_width=theme.logo.width if theme.logo else 0,
        qr_size=(theme.imprint(language) or Imprint()).qr_size,
        cover=theme.cover,
        page=theme.page,
        colours=theme.colours,
        box=theme.box,
        tables=theme.tables,
        figures=theme.figures,
        lists=theme.lists,
        footnotes=theme.footnotes,
        scripts=theme.scripts,
        volume=theme.volume,
        body=body,
        call={"size": body.size * scale, "raise": body.size * (1 - scale)},
        fonts={k: font_stack(v) for k, v in language.pdf_fonts.items()},
        hyphenate=language.hyphenate,
        style_rules=style_rules(theme, language),
        lang_rules=lang_rules(theme),
        language_rules="",  # a volume's papers in other languages (render_volume_html)
        page_label=page_label(language),
    )
