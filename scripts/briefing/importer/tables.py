"""Take a w:tbl, produce a model Table (header row, cells, alignment, the analyst's column
shares) or, for a one-cell table, the Box it draws: our boxes and key points, or another
program's shaded single cell.

A cell's paragraphs become one cell with line breaks between them (a pipe table's cell
is one line); merged cells (w:gridSpan, w:vMerge) and tables inside cells have no place
in a pipe table: they are reported and their text kept.
"""

from __future__ import annotations

from lxml import etree

from briefing import model as m
from briefing import styles as names
from briefing.transform import plain_text

from .package import NS, w
from .roles import role

ALIGN = {"left": "left", "start": "left", "center": "center", "right": "right", "end": "right"}
KEY_POINT_WORDS = {"key points", "key point", "key findings", "重點摘要", "重點", "摘要", "要點"}


def single_cell(tbl: etree._Element) -> etree._Element | None:
    rows = tbl.findall("w:tr", NS)
    if len(rows) != 1:
        return None
    cells = rows[0].findall("w:tc", NS)
    return cells[0] if len(cells) == 1 else None


def read_box(reader, cell: etree._Element) -> m.Box | None:
    """A box: its title paragraph, then its blocks. The key points box goes to the front
    matter (and returns None)."""
    from .blocks import flatten, has_text

    im = reader.im
    content = [c for c in flatten(cell) if not (c.tag == w("p") and not has_text(c))]
    if not content:
        return None
    first = content[0]
    first_role = role(first, im.package) if first.tag == w("p") else ""
    title = ""
    if first_role in (names.BOX_TITLE, names.KEY_POINTS_TITLE) or (
        not im.own and first.tag == w("p") and _looks_like_title(reader, first)
    ):
        title = "".join(t.text or "" for t in first.iter(w("t"))).strip()
        content = content[1:]
    key_points = first_role == names.KEY_POINTS_TITLE or (
        not im.own
        and title.lower().rstrip(":：")
        in KEY_POINT_WORDS | {im.language.word("key_points").lower()}
    )
    blocks = reader.read(content)
    if key_points and im.key_points is None:
        im.key_points = _points(blocks)
        return None
    return m.Box(title, blocks)


def _looks_like_title(reader, p) -> bool:
    """Another program's box title: a short paragraph, all of it bold."""
    text = "".join(t.text or "" for t in p.iter(w("t"))).strip()
    runs = [r for r in p.iter(w("r")) if "".join(t.text or "" for t in r.iter(w("t"))).strip()]
    bold = runs and all(r.find("w:rPr/w:b", NS) is not None for r in runs)
    return bool(text) and len(text) < 80 and bool(bold)


def _points(blocks) -> tuple[tuple[m.Inline, ...], ...]:
    """Each key point: an item of the box's list, or a paragraph of it."""
    points = []
    for block in blocks:
        if isinstance(block, (m.BulletList, m.OrderedList)):
            for item in block.items:
                for inner in item:
                    if isinstance(inner, m.Paragraph) and inner.children:
                        points.append(inner.children)
        elif isinstance(block, m.Paragraph) and block.children:
            points.append(block.children)
    return tuple(points)


def read_table(reader, tbl: etree._Element, caption) -> m.Table:
    im = reader.im
    words, ident = caption or ((), None)
    rows = []
    header_rows = 0
    align: list[str] = []
    for r, tr in enumerate(tbl.findall("w:tr", NS)):
        if tr.find("w:trPr/w:tblHeader", NS) is not None and r == header_rows:
            header_rows += 1
        cells = []
        for tc in tr.findall("w:tc", NS):
            span = tc.find("w:tcPr/w:gridSpan", NS)
            merge = tc.find("w:tcPr/w:vMerge", NS)
            if span is not None and int(span.get(w("val"), "1")) > 1:
                im.report.warn(tc, "merged cells: the text is kept in the first", reader.where)
            if merge is not None and merge.get(w("val"), "continue") == "continue":
                im.report.warn(tc, "a cell merged with the one above was left empty", reader.where)
            if tc.find(".//w:tbl", NS) is not None:
                im.report.warn(tc, "a table inside a cell: its text is kept", reader.where)
            cells.append(_cell(reader, tc))
            if r <= 1:
                jc = tc.find("w:p/w:pPr/w:jc", NS)
                column = len(cells) - 1
                found = ALIGN.get(jc.get(w("val"), "")) if jc is not None else ""
                if column >= len(align):
                    align.append(found or "")
                elif r == 1 and found and not align[column]:
                    align[column] = found
            if span is not None:  # keep the columns in line
                cells.extend(() for _ in range(int(span.get(w("val"), "1")) - 1))
        rows.append(tuple(cells))
    if header_rows > 1:
        im.report.warn(tbl, "a table with several header rows: the first is the header")
    columns = max((len(row) for row in rows), default=0)
    rows = [row + ((),) * (columns - len(row)) for row in rows]
    align = (align + [""] * columns)[:columns]
    header, body = (rows[0], rows[1:]) if rows else ((), [])
    return m.Table(header, tuple(body), tuple(align), words, ident, widths=im.table_widths(columns))


def _cell(reader, tc) -> tuple[m.Inline, ...]:
    from .blocks import flatten

    out: list[m.Inline] = []
    for element in flatten(tc):
        paragraphs = [element] if element.tag == w("p") else list(element.iter(w("p")))
        for p in paragraphs:
            children = reader.text(p)
            if not children:
                continue
            if out:
                out.append(m.LineBreak())
            out.extend(children)
    while out and isinstance(out[-1], m.LineBreak):
        out.pop()
    if any(isinstance(c, (m.Text,)) and "\n" in c.text for c in out):
        out = [m.Text(c.text.replace("\n", " ")) if isinstance(c, m.Text) else c for c in out]
    kept = (m.Code, m.FootnoteRef)  # a cell that is only a note call (a citation) is not empty
    if plain_text(tuple(out)).strip() == "" and not any(isinstance(c, kept) for c in out):
        return ()
    return tuple(out)
