"""Take model blocks, produce w:p and w:tbl elements in a body, box, table cell or note.

The writer is two dispatch tables, {block type: handler} here and {inline type: handler}
in inlines.py; figures, tables, boxes, contents and landscape sections have a module
each. A handler is `handler(ctx, parent, node)`: it appends what `node` becomes to `parent`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from briefing import styles as names
from briefing.docx.boxes import write_box
from briefing.docx.contents import write_contents
from briefing.docx.context import Context
from briefing.docx.fields import bookmark
from briefing.docx.figures import write_figure
from briefing.docx.inlines import INLINE_HANDLERS, write_inlines
from briefing.docx.numbering import num_pr
from briefing.docx.ooxml import Element, append_block, el, paragraph, run
from briefing.docx.sections import write_landscape
from briefing.docx.styles import style_id
from briefing.docx.tables import write_table
from briefing.model import (
    Appendix,
    Bibliography,
    BlockQuote,
    Box,
    BulletList,
    CodeBlock,
    Contents,
    DefinitionList,
    Figure,
    Heading,
    Landscape,
    OrderedList,
    Paragraph,
    Table,
)

__all__ = ["BLOCK_HANDLERS", "INLINE_HANDLERS", "write_blocks", "write_inlines"]


def write_blocks(ctx: Context, parent: Element, blocks: tuple) -> None:
    """Append every block in `blocks` to `parent`, in order."""
    for block in blocks:
        handler = BLOCK_HANDLERS.get(type(block))
        if handler is None:
            raise TypeError(f"DOCX writer: no handler for block {type(block).__name__}")
        handler(ctx, parent, block)


def write_paragraph(ctx: Context, parent: Element, node: Paragraph) -> None:
    """A paragraph in the style of where it stands: Body Text, Box Text, a list item..."""
    num = ctx.take_numbering()
    if num is not None:
        props = [num]
    elif ctx.list_level >= 0:  # a later paragraph of a list item: align with its text
        indent = ctx.numbering.indent * (ctx.list_level + 1)
        props = [el("w:ind", {"w:left": indent, "w:firstLine": 0})]
    else:
        props = []
    p = append_block(parent, paragraph(style_id(ctx.roles.para), *props))
    write_inlines(ctx, p, node.children)


def write_heading(ctx: Context, parent: Element, node: Heading) -> None:
    """The label is literal text ("（一）", "1.2"), bookmarked for @sec references, then
    the language's separator, as in the PDF."""
    p = append_block(parent, paragraph(style_id(names.HEADINGS[node.level])))
    target = ctx.targets.get(node.id) if node.id else None
    if node.label:
        label = [run(node.label)]
        p.extend(bookmark(ctx.next_bookmark_id(), target.bookmark, label) if target else label)
        if node.separator:
            p.append(run(node.separator))
        write_inlines(ctx, p, node.children)
    elif target:  # unnumbered: a reference shows the heading's words
        start, end = bookmark(ctx.next_bookmark_id(), target.bookmark, [])
        p.append(start)
        write_inlines(ctx, p, node.children)
        p.append(end)
    else:
        write_inlines(ctx, p, node.children)


def write_list(ctx: Context, parent: Element, node: BulletList | OrderedList) -> None:
    """Each item's first paragraph joins the list (w:numPr); nested lists go one level down."""
    level = ctx.list_level + 1
    if isinstance(node, OrderedList):
        num_id, style = ctx.numbering.ordered(node.start, level), ctx.roles.number
    else:
        num_id, style = ctx.roles.bullet_num or ctx.numbering.bullets, ctx.roles.bullet
    with ctx.within(roles=replace(ctx.roles, para=style), list_level=level):
        for item in node.items:
            ctx.pending_num = num_pr(num_id, level)
            if not item or not isinstance(item[0], Paragraph):
                write_paragraph(ctx, parent, Paragraph(()))  # the bullet needs a line
            write_blocks(ctx, parent, item)
    ctx.pending_num = None


def write_quote(ctx: Context, parent: Element, node: BlockQuote) -> None:
    with ctx.within(roles=replace(ctx.roles, para=names.QUOTE)):
        write_blocks(ctx, parent, node.children)


def write_code(ctx: Context, parent: Element, node: CodeBlock) -> None:
    """One Source Code paragraph; lines are w:br breaks so the block stays together."""
    p = append_block(parent, paragraph(style_id(names.CODE)))
    p.append(run(node.text.rstrip("\n")))


def write_bibliography(ctx: Context, parent: Element, node: Bibliography) -> None:
    """One paragraph per entry in the Bibliography style (hanging indent from the theme)."""
    for entry in node.entries:
        p = append_block(parent, paragraph(style_id(names.BIBLIOGRAPHY)))
        write_inlines(ctx, p, entry)


def write_definitions(ctx: Context, parent: Element, node: DefinitionList) -> None:
    """Each term a Definition Term paragraph (kept with what follows), its definitions in
    the indented Definition style."""
    for term, definitions in node.items:
        p = append_block(parent, paragraph(style_id(names.DEFINITION_TERM)))
        write_inlines(ctx, p, term)
        with ctx.within(roles=replace(ctx.roles, para=names.DEFINITION)):
            for blocks in definitions:
                write_blocks(ctx, parent, blocks)


def write_appendix(ctx: Context, parent: Element, node: Appendix) -> None:
    """The appendices' headings, figures and tables carry their labels (附錄一, 附圖一之一)."""
    write_blocks(ctx, parent, node.children)


BLOCK_HANDLERS: dict[type, Callable[[Context, Element, object], None]] = {
    Paragraph: write_paragraph,
    Heading: write_heading,
    BulletList: write_list,
    OrderedList: write_list,
    BlockQuote: write_quote,
    CodeBlock: write_code,
    Figure: write_figure,
    Table: write_table,
    Box: write_box,
    Bibliography: write_bibliography,
    DefinitionList: write_definitions,
    Appendix: write_appendix,
    Landscape: write_landscape,
    Contents: write_contents,
}
