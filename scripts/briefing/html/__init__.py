"""Take a numbered `Paper` and the theme, produce the complete HTML page the PDF is made from."""

from __future__ import annotations

import datetime as dt
import json
from functools import cache

import jinja2
from markupsafe import Markup

from .. import model as m
from .. import styles
from ..labels import author_line, numbered_title
from ..numerals import paper_number
from ..theme import Theme
from .writer import BLOCKS, INLINES, HtmlWriter

__all__ = ["render_html", "render_volume_html", "BLOCKS", "INLINES"]


def css_string(value: str) -> Markup:
    """A Python string as a CSS string literal (JSON's escaping is valid CSS for these)."""
    return Markup(json.dumps(value, ensure_ascii=False).replace("</", "<\\/"))


def font_stack(names: list[str]) -> str:
    generic = {"serif", "sans-serif", "monospace"}
    return ", ".join(n if n in generic else f'"{n}"' for n in names)


@cache
def environment(folder: str) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        autoescape=jinja2.select_autoescape(["html", "html.j2"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["css_string"] = css_string
    env.filters["css_class"] = styles.css_class
    return env


def render_html(paper: m.Paper, theme: Theme, timestamp: dt.datetime) -> str:
    """A standalone page for one paper; figure URLs are relative to its folder."""
    env = environment(str(theme.folder))
    meta = paper.meta
    css = env.get_template("paper.css.j2").render(
        **css_values(
            theme,
            meta.lang,
            header_left=meta.series,
            header_right=numbered_title(paper.header_title, meta.number, meta.lang),
            marking=meta.marking,
        )
    )
    writer = HtmlWriter(paper, theme, lambda src: src)
    return env.get_template("paper.html.j2").render(
        css=Markup(css),
        timestamp=_w3c(timestamp),
        **article(paper, theme, writer, article_id="paper"),
    )


def render_volume_html(volume: m.Volume, theme: Theme, timestamp: dt.datetime) -> str:
    """One page for a whole volume: cover, contents, preface, then every paper, each with
    ids prefixed by its slug and figure URLs relative to the content folder."""
    env = environment(str(theme.folder))
    lang = volume.lang
    values = css_values(theme, lang, header_left=volume.title, header_right="", marking="")
    css = env.get_template("paper.css.j2").render(**values)
    css += env.get_template("volume.css.j2").render(**values, volume_title=volume.title)
    papers = []
    for paper in volume.papers:
        slug = paper.slug

        def asset(src: str, slug: str = slug) -> str:
            return f"{slug}/{src}"

        writer = HtmlWriter(paper, theme, asset, id_prefix=f"{slug}--")
        papers.append(article(paper, theme, writer, article_id=f"paper-{slug}", in_volume=True))
    preface_writer = HtmlWriter(
        m.Paper(volume.papers[0].meta, (), volume.preface), theme, lambda src: src
    )
    return env.get_template("volume.html.j2").render(
        volume=volume,
        css=Markup(css),
        timestamp=_w3c(timestamp),
        date_text=theme.format_date(lang, volume.date),
        contents_word=theme.word(lang, "contents"),
        preface=preface_writer.blocks(volume.preface),
        papers=papers,
        article_template="_paper.html.j2",
    )


def article(
    paper: m.Paper, theme: Theme, writer: HtmlWriter, article_id: str, in_volume: bool = False
) -> dict:
    """The values `_paper.html.j2` lays out: title block, key points, body."""
    meta, lang = paper.meta, paper.meta.lang
    key_points = m.Box(
        title=theme.word(lang, "key_points"),
        children=(m.BulletList(tuple((m.Paragraph(p),) for p in paper.key_points)),),
        kind="key-points",
    )
    return dict(
        meta=meta,
        article_id=article_id,
        in_volume=in_volume,
        paper_number=paper_number(meta.number, lang) if meta.number else "",
        number_title=numbered_title(meta.title, meta.number, lang),
        author_lines=[author_line(a, lang) for a in meta.authors],
        date_text=theme.format_date(lang, meta.date),
        key_points=writer.blocks((key_points,)) if paper.key_points else "",
        body=writer.blocks(paper.blocks),
    )


def _w3c(timestamp: dt.datetime) -> str:
    return timestamp.strftime("%Y-%m-%dT%H:%M:%SZ")


def css_values(
    theme: Theme, lang: str, *, header_left: str, header_right: str, marking: str
) -> dict:
    settings = theme.lang(lang)
    cjk = lang.startswith("zh")
    page = theme.page_label(lang, "\x00page\x00", "\x00pages\x00")
    # "第 {page} 頁／共 {pages} 頁" -> "第 " counter(page) " 頁／共 " counter(pages) " 頁"
    parts = []
    for i, piece in enumerate(page.split("\x00")):
        if piece in ("page", "pages") and i % 2:
            parts.append(f"counter({piece})")
        elif piece:
            parts.append(str(css_string(piece)))
    return dict(
        page=theme.page,
        colours=theme.colours,
        sizes=theme.sizes,
        fonts={k: font_stack(v) for k, v in settings["pdf_fonts"].items()},
        cjk=cjk,
        body_align=settings["align"],  # Chinese: see cjk_justify.py
        indent=settings["first_line_indent_em"],
        caption_gap="1em" if cjk else "0.5em",
        header_left=header_left,
        header_right=header_right,
        page_label=Markup(" ".join(parts)),
        marking=marking,
    )
