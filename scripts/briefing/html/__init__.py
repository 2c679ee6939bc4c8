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
from .writer import BLOCKS, INLINES, HtmlWriter, asset_path

__all__ = ["render_html", "BLOCKS", "INLINES"]


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
    meta, lang = paper.meta, paper.meta.lang
    env = environment(str(theme.folder))
    writer = HtmlWriter(paper, theme, asset_path(paper))
    key_points = m.Box(
        title=theme.word(lang, "key_points"),
        children=(m.BulletList(tuple((m.Paragraph(p),) for p in paper.key_points)),),
        kind="key-points",
    )
    number = paper_number(meta.number, lang) if meta.number else ""
    css = env.get_template("paper.css.j2").render(**_css_values(paper, theme))
    return env.get_template("paper.html.j2").render(
        meta=meta,
        css=Markup(css),
        paper_number=number,
        author_lines=[author_line(a, lang) for a in meta.authors],
        date_text=theme.format_date(lang, meta.date),
        key_points=writer.blocks((key_points,)),
        body=writer.blocks(paper.blocks),
        timestamp=timestamp.strftime("%Y-%m-%dT%H:%M:%SZ"),
    )


def _css_values(paper: m.Paper, theme: Theme) -> dict:
    lang = paper.meta.lang
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
        header_left=paper.meta.series,
        header_right=numbered_title(paper.header_title, paper.meta.number, lang),
        page_label=Markup(" ".join(parts)),
        marking=paper.meta.marking,
    )
