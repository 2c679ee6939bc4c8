"""Table layout (fixture paper tables): column widths from a pipe table's dashes (Pandoc's
rule for a table with a line longer than 72 characters) and from `widths=` on the caption,
in the stated ratio within 2% in the PDF, the DOCX and LibreOffice's layout; numeric columns
right-aligned; `<br>` line breaks in cells; a table longer than a page repeating its header
and keeping its caption with its first rows.
"""

from __future__ import annotations

import re

import pdfplumber
import pytest
from conftest import FEATURES
from docx_reading import NS, W, part

from briefing import model as m
from briefing.reader import read_paper
from briefing.theme import load_theme
from briefing.transform import walk

PADDING = load_theme().tables.cell_padding_side

STATED = {
    "dashes": [40, 10, 10],  # the dashes under the header, colons included
    "elements": [15, 15, 30, 40],  # widths="15 15 30 40"
}


def shares(widths) -> list[float]:
    return [w / sum(widths) for w in widths]


def close(measured, stated, tolerance=0.02) -> bool:
    return all(
        abs(a - b) <= tolerance for a, b in zip(shares(measured), shares(stated), strict=True)
    )


def test_the_reader_takes_widths_from_the_dashes_and_the_caption():
    tables = [n for n in walk(read_paper(FEATURES / "tables").blocks) if isinstance(n, m.Table)]
    assert [t.id for t in tables] == ["tbl:dashes", "tbl:elements"]
    for table, stated in zip(tables, STATED.values(), strict=True):
        assert close(table.widths, stated, 1e-9)
    # the short-lined table of another fixture keeps content-sized columns
    [short] = [
        n for n in walk(read_paper(FEATURES / "appendix-en").blocks) if isinstance(n, m.Table)
    ]
    assert short.widths == ()


def _pdf_columns(page, below: float = 0) -> list[float]:
    """Column widths of the first table at or below `below`: its header rule is drawn cell
    by cell (collapsed borders), one segment per column."""
    top = min(line["top"] for line in page.lines if line["top"] >= below)
    return [line["x1"] - line["x0"] for line in page.lines if abs(line["top"] - top) < 0.1]


def test_the_pdf_columns_are_in_the_stated_ratio(feature):
    with pdfplumber.open(feature("tables")["pdf"]) as pdf:
        dashes = _pdf_columns(pdf.pages[0])
        elements = _pdf_columns(pdf.pages[1])
    assert close(dashes, STATED["dashes"]), dashes
    assert close(elements, STATED["elements"]), elements


def data_tables(root):
    """The paper's tables, not the one-cell table that draws the key-points box."""
    return [
        t for t in root.iterfind(".//w:tbl", NS) if len(t.findall("w:tblGrid/w:gridCol", NS)) > 1
    ]


def test_the_docx_grid_is_in_the_stated_ratio(feature):
    root = part(feature("tables")["docx"])
    grids = [
        [int(c.get(W + "w")) for c in table.findall("w:tblGrid/w:gridCol", NS)]
        for table in data_tables(root)
    ]
    assert close(grids[0], STATED["dashes"]) and close(grids[1], STATED["elements"])
    assert all(t.find("w:tblPr/w:tblLayout", NS).get(W + "type") == "fixed" for t in
               data_tables(root))  # fmt: skip


def test_libreoffice_lays_the_columns_out_in_the_stated_ratio(feature):
    """LibreOffice draws whole-width rules, so the elements table's columns are measured
    from its left-aligned headers' text (a cell's padding in from its left edge) to the
    table's edges; the first column (right-aligned numbers) is what is left."""
    with pdfplumber.open(feature("tables", "lo")["lo"]) as pdf:
        page = pdf.pages[1]
        words, rules = page.extract_words(), page.lines + page.rects
    starts = [next(w["x0"] for w in words if w["text"] == h) - PADDING
              for h in ("Symbol", "Element", "Note")]  # fmt: skip
    left, right = min(r["x0"] for r in rules), max(r["x1"] for r in rules)
    edges = [left, *starts, right]
    columns = [b - a for a, b in zip(edges, edges[1:])]
    assert close(columns, STATED["elements"]), columns


def test_a_numeric_column_is_right_aligned(feature):
    with pdfplumber.open(feature("tables")["pdf"]) as pdf:
        words = pdf.pages[1].extract_words()
    numbers = [w for w in words if re.fullmatch(r"\d+", w["text"]) and w["x0"] < 140]
    assert len({round(w["x1"]) for w in numbers}) == 1  # one right edge
    assert len({round(w["x0"]) for w in numbers}) > 1  # 1 and 10 start apart
    root = part(feature("tables")["docx"])
    elements = data_tables(root)[1]
    first_cells = [row.find("w:tc/w:p/w:pPr/w:jc", NS) for row in elements.findall("w:tr", NS)]
    assert {jc.get(W + "val") for jc in first_cells} == {"right"}


def test_a_cell_holds_a_line_break(feature):
    with pdfplumber.open(feature("tables")["pdf"]) as pdf:
        lines = pdf.pages[1].extract_text_lines()
    [scandium] = [ln for ln in lines if ln["text"].startswith("21 Sc Scandium")]
    assert scandium["text"].endswith("rare-earth element")
    below = [ln for ln in lines if 0 < ln["top"] - scandium["top"] < 15]
    assert below[0]["text"] == "(IUPAC)"
    root = part(feature("tables")["docx"])
    [table] = [t for t in data_tables(root) if "Scandium" in "".join(t.itertext())]
    breaks = [r for r in table.iterfind(".//w:r", NS) if r.find("w:br", NS) is not None]
    assert len(breaks) == 17  # scandium, yttrium and the fifteen lanthanides
    for r in breaks:  # the break stands between the two lines' text, in one cell
        assert [c.tag.split("}")[1] for c in r if c.tag != W + "rPr"] == ["br"]
        cell = r.getparent()
        assert "".join(cell.xpath(".//w:t/text()", namespaces=NS)) == "rare-earth element(IUPAC)"


@pytest.mark.parametrize("source", ["pdf", "lo"])
def test_a_long_table_repeats_its_header_and_keeps_its_caption_with_it(source, feature):
    with pdfplumber.open(feature("tables", "lo")[source]) as pdf:
        texts = [page.extract_text() for page in pdf.pages]
    holding = [i for i, t in enumerate(texts) if re.search(r"^\d+ [A-Z][a-z]? [A-Z]", t, re.M)]
    assert len(holding) >= 2, "the table should run over several pages"
    first = holding[0]
    assert "Table 2 The elements 1 to 71" in texts[first]
    assert re.search(r"^1 H Hydrogen", texts[first], re.M)  # with its first rows
    for i in holding:
        assert re.search(r"^Atomic( num-?)?", texts[i], re.M), f"no header on page {i + 1}"
    root = part(feature("tables")["docx"])
    elements = data_tables(root)[1]
    rows = elements.findall("w:tr", NS)
    assert rows[0].find("w:trPr/w:tblHeader", NS) is not None
    assert all(r.find("w:trPr/w:cantSplit", NS) is not None for r in rows)
