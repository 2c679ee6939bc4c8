"""Take a model Box (the key points are one), produce a shaded, bordered one-cell table.

Word has no box element that every reader honours the same way; a one-cell table does:
cell shading (w:shd, ECMA-376 Part 1, §17.4.33), borders on table and cell
(w:tblBorders/w:tcBorders), padding as cell margins (w:tblCellMar), full text width, and
w:cantSplit so a short box is never cut by a page break. No table style is involved, so
the look survives a change of template.
"""

from __future__ import annotations

from briefing import styles as names
from briefing.docx.context import Context, Roles
from briefing.docx.ooxml import Element, append_block, el, hex_colour, paragraph, pt_to_twips, run
from briefing.docx.styles import style_id
from briefing.docx.tables import SIDES, border, cell, end_with_paragraph, new_table, spacer
from briefing.model import Box


def write_box(ctx: Context, parent: Element, node: Box) -> None:
    """Title paragraph, then the children, all inside the one shaded cell."""
    theme = ctx.theme
    line = border(round(theme.box.border * 8), hex_colour(theme.colours["box_border"]))
    lines = dict.fromkeys(SIDES, line)
    padding, side = pt_to_twips(theme.box.padding), pt_to_twips(theme.box.padding_side)
    margins = {"top": padding, "bottom": padding, "left": side, "right": side}
    tbl = new_table([ctx.text_width], borders=lines, margins=margins)
    tc = cell(ctx.text_width, borders=lines, fill=hex_colour(theme.colours["box_fill"]))
    title_style, roles = _styles(ctx, node)
    if node.title:
        title = append_block(tc, paragraph(style_id(title_style)))
        title.append(run(node.title))
    inset = 2 * (side + pt_to_twips(theme.box.border))
    with ctx.within(roles=roles, list_level=-1, inset=inset):
        ctx.write_blocks(ctx, tc, node.children)
    end_with_paragraph(tc)
    tbl.append(el("w:tr", None, el("w:trPr", None, el("w:cantSplit")), tc))
    append_block(parent, tbl)
    append_block(parent, spacer(theme.box.space_after))


def _styles(ctx: Context, node: Box) -> tuple[str, Roles]:
    """Key points: every line in "Key Points" with accent bullets; boxes: "Box Text"."""
    if node.kind == "key-points":
        return names.KEY_POINTS_TITLE, Roles(
            para=names.KEY_POINTS,
            bullet=names.KEY_POINTS,
            number=names.KEY_POINTS,
            bullet_num=ctx.numbering.key_points,
        )
    return names.BOX_TITLE, Roles(para=names.BOX_TEXT)
