"""Take a model Table, produce its caption and a Word table with a repeating header row.

A booktabs look: a rule above and below the table and one under the header, no vertical
lines. The header row is marked w:tblHeader (ECMA-376 Part 1, §17.4.49) so Word and
LibreOffice repeat it on every page; rows do not split across pages (w:cantSplit).
The table spans the text width, columns sized by their content; column alignment comes
from the Markdown (w:jc per cell paragraph). The w:tbl plumbing here (borders, cells,
spacer) is shared with boxes.py.
"""

from __future__ import annotations

import unicodedata

from docx.oxml.ns import qn

from briefing import styles as names
from briefing.docx.captions import caption_paragraph
from briefing.docx.context import Context
from briefing.docx.inlines import write_inlines
from briefing.docx.ooxml import (
    TBLPR_ORDER,
    TCPR_ORDER,
    Element,
    append_block,
    el,
    hex_colour,
    in_order,
    paragraph,
    pt_to_twips,
    val,
)
from briefing.docx.styles import style_id
from briefing.model import Table
from briefing.transform import plain_text

ALIGN = {"left": "left", "center": "center", "right": "right"}
SIDES = ("top", "left", "bottom", "right")


def eighths(points: float) -> int:
    """A line width in eighths of a point (ST_EighthPointMeasure, §17.18.2), at least 2."""
    return max(2, round(points * 8))


def write_table(ctx: Context, parent: Element, node: Table) -> None:
    """Caption above (kept with the table), then the table, then a spacer paragraph."""
    if node.label or node.caption:
        append_block(
            parent, caption_paragraph(ctx, node.label, node.id, node.caption, keep_next=True)
        )
    look = ctx.theme.tables
    columns = max([len(node.header)] + [len(row) for row in node.rows])
    rule = border(eighths(look.rule), hex_colour(ctx.theme.colours["rule"]))
    lines = {
        "header": {
            "bottom": border(eighths(look.header_rule), hex_colour(ctx.theme.colours["rule"]))
        },
        "row": {
            "bottom": border(eighths(look.row_rule), hex_colour(ctx.theme.colours["hairline"]))
        },
    }
    widths = column_widths(node, columns, ctx.text_width)
    padding, side = pt_to_twips(look.cell_padding), pt_to_twips(look.cell_padding_side)
    margins = {"top": padding, "bottom": padding, "left": side, "right": side}
    tbl = new_table(widths, borders={"top": rule, "bottom": rule}, margins=margins)
    if node.header:
        tbl.append(_row(ctx, node.header, node.align, widths, header=True, lines=lines["header"]))
    for i, cells in enumerate(node.rows):
        last = i == len(node.rows) - 1  # the table's own bottom rule closes the last row
        row_lines = None if last else lines["row"]
        tbl.append(_row(ctx, cells, node.align, widths, header=False, lines=row_lines))
    append_block(parent, tbl)
    append_block(parent, spacer(look.space_after))


def column_widths(node: Table, columns: int, total: int) -> list[int]:
    """Twips per column: the analyst's shares when given (`widths=` or a pipe table's
    dashes), else in proportion to the longest cell text (Chinese counts double), within 4
    and 30 characters, so a label column is not squeezed by a column of numbers.
    The layout is fixed (w:tblLayout): every reader gets these widths."""
    if node.widths and len(node.widths) == columns:
        widths = [round(total * share) for share in node.widths]
        widths[-1] += total - sum(widths)
        return widths
    longest = [4] * columns
    for row in (node.header, *node.rows):
        for i, cell_inlines in enumerate(row[:columns]):
            size = sum(
                2 if unicodedata.east_asian_width(ch) in "WF" else 1
                for ch in plain_text(cell_inlines)
            )
            longest[i] = min(max(longest[i], size), 30)
    widths = [total * n // sum(longest) for n in longest]
    widths[-1] += total - sum(widths)  # rounding: the columns fill the width exactly
    return widths


def _row(
    ctx: Context,
    cells: tuple,
    align: tuple[str, ...],
    widths: list[int],
    *,
    header: bool,
    lines: dict[str, Border] | None,
) -> Element:
    trpr = el("w:trPr", None, el("w:cantSplit"))
    if header:
        trpr.append(el("w:tblHeader"))  # repeat this row at the top of every page
    tr = el("w:tr", None, trpr)
    style = style_id(names.TABLE_HEADING if header else names.TABLE_TEXT)
    for i, width in enumerate(widths):
        jc = ALIGN.get(align[i] if i < len(align) else "")
        p = paragraph(style, *([val("w:jc", jc)] if jc else []))
        write_inlines(ctx, p, cells[i] if i < len(cells) else ())
        tr.append(cell(width, p, borders=lines))
    return tr


Border = dict[str, object]  # the attributes of one w:top / w:bottom / ... element


def border(size: int, colour: str) -> Border:
    """A single line `size` eighths of a point wide (ST_EighthPointMeasure, §17.18.2)."""
    return {"w:val": "single", "w:sz": size, "w:space": 0, "w:color": colour}


def _borders(tag: str, borders: dict[str, Border], inside: bool) -> Element:
    """w:tblBorders / w:tcBorders; sides not given are w:val="nil" (no line)."""
    sides = SIDES + (("insideH", "insideV") if inside else ())
    return el(tag, None, *(el(f"w:{side}", borders.get(side, {"w:val": "nil"})) for side in sides))


def new_table(widths: list[int], *, borders: dict[str, Border], margins: dict[str, int]) -> Element:
    """An empty w:tbl with columns `widths` twips wide, and no table style."""
    width = sum(widths)
    cell_margins = el(
        "w:tblCellMar",
        None,
        *(el(f"w:{side}", {"w:w": margins.get(side, 0), "w:type": "dxa"}) for side in SIDES),
    )
    tbl_pr = el(
        "w:tblPr",
        None,
        el("w:tblW", {"w:w": width, "w:type": "dxa"}),
        el("w:tblInd", {"w:w": 0, "w:type": "dxa"}),
        _borders("w:tblBorders", borders, inside=True),
        el("w:tblLayout", {"w:type": "fixed"}),
        cell_margins,
        el(
            "w:tblLook",
            {
                "w:val": "0000",
                "w:firstRow": 0,
                "w:lastRow": 0,
                "w:firstColumn": 0,
                "w:lastColumn": 0,
                "w:noHBand": 1,
                "w:noVBand": 1,
            },
        ),
    )
    grid = el("w:tblGrid", None, *(el("w:gridCol", {"w:w": w}) for w in widths))
    return el("w:tbl", None, in_order(tbl_pr, TBLPR_ORDER), grid)


def cell(
    width: int, *content: Element, borders: dict[str, Border] | None = None, fill: str | None = None
) -> Element:
    """A w:tc `width` twips wide holding `content`; see end_with_paragraph."""
    tc_pr = el("w:tcPr", None, el("w:tcW", {"w:w": width, "w:type": "dxa"}))
    if borders:
        tc_pr.append(_borders("w:tcBorders", borders, inside=False))
    if fill:
        tc_pr.append(el("w:shd", {"w:val": "clear", "w:color": "auto", "w:fill": fill}))
    return el("w:tc", None, in_order(tc_pr, TCPR_ORDER), *content)


def end_with_paragraph(tc: Element) -> None:
    """A cell's last child must be a w:p (§17.4.66): add an empty one after a nested table."""
    if tc[-1].tag != qn("w:p"):
        tc.append(el("w:p"))


def spacer(height: float) -> Element:
    """An empty Normal paragraph exactly `height` points high after a table or box: the
    theme's space after it, and two tables in a row stay two tables (Word merges
    adjacent ones)."""
    exact = {"w:after": 0, "w:before": 0, "w:line": pt_to_twips(height), "w:lineRule": "exact"}
    return el("w:p", None, el("w:pPr", None, el("w:spacing", exact)))
