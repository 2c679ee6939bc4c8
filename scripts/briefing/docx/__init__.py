"""Take a Paper and a Theme, produce an editable .docx: the DOCX writer's stages in order.

Each stage is one module: package (a clean python-docx document), styles and fonts (named
styles and the font table from the theme), numbering (list definitions), settings
(footnote and CJK settings), page (size, margins, header, footer), front (title block,
key points), writer (the blocks), footnotes (native Word notes), source (what `briefing
import` needs and the document does not show), and package again (properties,
reproducible zip).
Nothing here imports WeasyPrint: a DOCX build stays fast.
"""

from __future__ import annotations

import datetime as dt

from briefing.docx.context import Context
from briefing.docx.fields import collect_targets
from briefing.docx.fonts import spans_in, write_font_table
from briefing.docx.footnotes import write_footnotes
from briefing.docx.front import write_back_matter, write_front_matter
from briefing.docx.numbering import Numbering
from briefing.docx.package import Properties, new_document, set_properties, to_bytes
from briefing.docx.page import set_up_page
from briefing.docx.settings import configure_settings
from briefing.docx.source import add_source_part, source_facts
from briefing.docx.styles import define_styles
from briefing.docx.writer import write_blocks
from briefing.model import Paper
from briefing.theme import Theme

__all__ = ["render_docx"]


def render_docx(
    paper: Paper, theme: Theme, *, timestamp: dt.datetime, pages: dict[str, int] | None = None
) -> bytes:
    """The complete .docx for `paper`; the same paper and timestamp give the same bytes.
    `pages` (model id -> page in the PDF) gives contents and page references their numbers."""
    language = theme.language(paper.meta.lang)
    document = new_document()
    define_styles(document, theme, language)
    write_font_table(document, language, spans_in(theme, paper))
    numbering = Numbering(document, theme)
    configure_settings(document, theme, language)
    ctx = Context(
        language=language,
        theme=theme,
        document=document,
        numbering=numbering,
        targets=collect_targets(paper.blocks, paper.footnotes),
        part=document.part,
        write_blocks=write_blocks,
        pages=pages or {},
    )
    set_up_page(ctx, paper.title_block)
    body = document.element.body
    write_front_matter(ctx, body, paper)
    write_blocks(ctx, body, paper.blocks)
    write_back_matter(ctx, body, paper)
    write_footnotes(ctx, paper.footnotes)
    add_source_part(document, source_facts(paper, ctx.targets, ctx.vectors, ctx.digests, ctx.drawn))
    set_properties(document, Properties.of_paper(paper, language), timestamp)
    return to_bytes(document, timestamp)
