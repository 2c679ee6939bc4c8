"""Take a model Box (the key points are one), produce a shaded, bordered one-cell table.

Word has no box element that every reader honours the same way; a one-cell table does:
cell shading (w:shd, ECMA-376 Part 1, §17.4.33), borders on table and cell
(w:tblBorders/w:tcBorders), padding as cell margins (w:tblCellMar), full text width, and
w:cantSplit so a short box is never cut by a page break. No table style is involved, so
the look survives a change of template.
"""

from __future__ import annotations

from docx.oxml.ns import qn

from briefing import styles as names
from briefing.docx.context import Context, Roles
from briefing.docx.ooxml import (
    TBLPR_ORDER,
    Element,
    append_block,
    el,
    hex_colour,
    in_order,
    paragraph,
    pt_to_twips,
    run,
)
from briefing.docx.styles import style_id
from briefing.docx.tables import SIDES, border, cell, end_with_paragraph, new_table, spacer
from briefing.model import Box


def write_box(
    ctx: Context, parent: Element, node: Box, *, width: int | None = None, floating=None
) -> None:
    """Title paragraph, then the children, all inside the one shaded cell. `width` (twips)
    narrows it (a side panel), `floating` (a w:tblpPr) floats it beside the text; a kind
    that is not framed ("About the authors") is its paragraphs alone."""
    theme = ctx.theme
    kind = names.BOX_KINDS[node.kind]
    roles = _roles(ctx, node)
    if not kind.framed:
        if node.title:
            append_block(parent, paragraph(style_id(kind.title))).append(run(node.title))
        with ctx.within(roles=roles, list_level=-1):
            ctx.write_blocks(ctx, parent, node.children)
        return
    width = width or ctx.text_width
    line = border(round(theme.box.border * 8), hex_colour(theme.colours["box_border"]))
    lines = dict.fromkeys(SIDES, line)
    padding, side = pt_to_twips(theme.box.padding), pt_to_twips(theme.box.padding_side)
    margins = {"top": padding, "bottom": padding, "left": side, "right": side}
    tbl = new_table([width], borders=lines, margins=margins)
    if floating is not None:
        tbl_pr = tbl.find(qn("w:tblPr"))
        tbl_pr.append(floating)
        in_order(tbl_pr, TBLPR_ORDER)
    tc = cell(width, borders=lines, fill=hex_colour(theme.colours["box_fill"]))
    if node.title:
        title = append_block(tc, paragraph(style_id(kind.title)))
        title.append(run(node.title))
    inset = 2 * (side + pt_to_twips(theme.box.border)) + ctx.text_width - width
    with ctx.within(roles=roles, list_level=-1, inset=inset):
        ctx.write_blocks(ctx, tc, node.children)
    end_with_paragraph(tc)
    tbl.append(el("w:tr", None, el("w:trPr", None, el("w:cantSplit")), tc))
    append_block(parent, tbl)
    if floating is None:  # a floating table needs no paragraph to keep it apart
        append_block(parent, spacer(theme.box.space_after))


def _roles(ctx: Context, node: Box) -> Roles:
    """The styles of a kind of box's text; the key points' bullets in the accent colour."""
    kind = names.BOX_KINDS[node.kind]
    if kind.items:
        return Roles(
            para=kind.text,
            bullet=kind.items,
            number=kind.items,
            bullet_num=ctx.numbering.key_points,
        )
    return Roles(para=kind.text)
