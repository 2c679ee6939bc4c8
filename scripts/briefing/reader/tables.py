"""Take a pipe table's tokens and source lines, produce a model Table: cells, each
column's alignment and, where the analyst gave them, the columns' relative widths.

Widths follow Pandoc. A pipe table whose source has a line longer than 72 characters
(Pandoc's default `--columns`) takes the full text width, each column's share being its
count of dashes (colons included) in the line under the header: `|---|-|` is 3/4 and 1/4.
Shorter tables are sized by their content. A `widths="30 20 50"` attribute on the
`Table:` caption gives the shares outright. A column whose cells are all numbers and
that has no alignment of its own is right-aligned, as a reader compares figures.
"""

from __future__ import annotations

import re

from markdown_it.token import Token

from .. import model as m
from ..transform import plain_text
from .context import Context
from .inlines import Inlines

ALIGN = re.compile(r"text-align:(left|center|right)")
PANDOC_COLUMNS = 72  # Pandoc's default --columns: longer lines make widths relative
SEPARATOR_CELL = re.compile(r":?-+:?")
# 12, -3.5, 1,234, 1 234, 12%, $5, +0.2, (a minus written as − too); an empty cell or a
# lone dash (no value) does not stop a column being numeric.
NUMBER = re.compile(r"^[+\-−]?[$€£¥]?\d[\d,\u00a0\u202f ]*(?:\.\d+)?\s*%?$")
NO_VALUE = {"", "-", "–", "—", "n/a", "NA"}
WIDTHS_HINT = 'write widths="30 20 50": one positive number per column'


def read_table(tokens: list[Token], i: int, end: int, inlines: Inlines, ctx: Context) -> m.Table:
    """tokens[i:end] is one table_open ... table_close."""
    line = tokens[i].map[0] if tokens[i].map else 0
    header, rows, align, row = [], [], [], []
    inlines.in_table_cell = True
    try:
        for tok in tokens[i:end]:
            if tok.type == "tr_open":
                row = []
            elif tok.type == "th_open":
                found = ALIGN.search(str(tok.attrs.get("style", "")))
                align.append(found[1] if found else "")
            elif tok.type == "inline":
                row.append(inlines.convert(tok.children or [], line))
            elif tok.type == "tr_close":
                (rows if header else header).append(tuple(row))
    finally:
        inlines.in_table_cell = False
    align = numeric_right(align, rows)
    widths = dash_widths(ctx, tokens[i].map, len(align)) if tokens[i].map else ()
    return m.Table(header[0], tuple(rows), tuple(align), widths=widths)


def numeric_right(align: list[str], rows: list[tuple]) -> list[str]:
    """A column with no alignment of its own whose values are all numbers is right-aligned."""
    out = []
    for column, given in enumerate(align):
        values = [plain_text(row[column]).strip() for row in rows if column < len(row)]
        shown = [v for v in values if v not in NO_VALUE]
        numeric = bool(shown) and all(NUMBER.match(v) for v in shown)
        out.append(given or ("right" if numeric else ""))
    return out


def dash_widths(ctx: Context, lines_map: list[int], columns: int) -> tuple[float, ...]:
    """Pandoc's relative widths: when a line is longer than its columns, the dashes' shares."""
    start, stop = lines_map
    lines = ctx.lines[start:stop]
    if len(lines) < 2 or max(len(line) for line in lines) <= PANDOC_COLUMNS:
        return ()
    dashes = [len(cell) for cell in SEPARATOR_CELL.findall(lines[1])]
    if len(dashes) != columns:
        return ()
    return tuple(n / sum(dashes) for n in dashes)


def caption_widths(text: str, columns: int, ctx: Context, line: int) -> tuple[float, ...]:
    """`widths="30 20 50"` on a Table: caption -> (0.3, 0.2, 0.5); problems reported."""
    parts = [p for p in re.split(r"[\s,]+", text.strip()) if p]
    try:
        numbers = [float(p.rstrip("%")) for p in parts]
    except ValueError:
        numbers = []
    place = ctx.at(line, "widths=")
    if not numbers or any(n <= 0 for n in numbers):
        place.error(f'widths="{text}" is not a list of positive numbers', WIDTHS_HINT)
        return ()
    if len(numbers) != columns:
        place.error(
            f'widths="{text}" gives {len(numbers)} widths for {columns} columns',
            f"give {columns} numbers, one per column",
        )
        return ()
    return tuple(n / sum(numbers) for n in numbers)
