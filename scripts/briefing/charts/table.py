"""Take a chart's CSV file, produce its header and rows with where each cell stands, or
errors at `data.csv:line:col`.

Python's csv module parses (quotes, embedded commas and line breaks); it does not say at
which column a cell starts, which an analyst needs to find a bad cell in a wide row, so
`_cell_columns` recovers that from the record's own text.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from ..errors import Collector

MAX_ROWS = 10_000
MAX_BYTES = 20_000_000  # 10,000 rows of even a hundred long columns stay far below this
_FEWER = f"a chart shows at most {MAX_ROWS:,} rows; aggregate or filter the data first"


@dataclass(frozen=True)
class Row:
    line: int  # 1-based line of the record's first character
    cells: tuple[str, ...]
    cols: tuple[int, ...]  # 1-based column of each cell's first character


@dataclass(frozen=True)
class Table:
    path: Path
    header: Row
    rows: tuple[Row, ...]

    def column(self, name: str) -> int | None:
        """The index of the column headed `name`, or None."""
        try:
            return self.header.cells.index(name)
        except ValueError:
            return None


def read_table(path: Path, report: Collector) -> Table | None:
    """The CSV in `path` (an existing file), or None after reporting what is wrong."""
    data = path.read_bytes()
    if len(data) > MAX_BYTES:
        report.error(1, 1, f"the data file is larger than {MAX_BYTES // 1_000_000} MB", _FEWER)
        return None
    text = _decode(data, report)
    if text is None:
        return None
    records = _records(text)
    header = next(records, None)
    if header is None:
        report.error(
            1, 1, "the data file is empty", "write a header row of column names, then the data"
        )
        return None
    if not _header_ok(header, report):
        return None
    rows = []
    for row in records:
        if len(rows) == MAX_ROWS:
            report.error(row.line, 1, f"the data has more than {MAX_ROWS:,} rows", _FEWER)
            return None
        if len(row.cells) != len(header.cells):
            report.error(
                row.line,
                row.cols[min(len(row.cells), len(header.cells)) - 1],
                f"this row has {len(row.cells)} cells; the header has {len(header.cells)}",
                "give every row one cell per column; leave a cell empty for no value",
            )
            continue
        rows.append(row)
    if not rows and not report.errors:
        report.error(
            header.line, 1, "the data file has a header but no rows of data", "add the data rows"
        )
    return None if report.errors else Table(path, header, tuple(rows))


def _decode(data: bytes, report: Collector) -> str | None:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        report.error(
            line, col, "the data file is not UTF-8 text", "save it as CSV UTF-8, comma-delimited"
        )
        return None


def _records(text: str):
    """Each non-blank record as a Row. Lines are counted as the file's (\\n, \\r\\n or \\r)."""
    lines = io.StringIO(text, newline="").readlines()
    reader = csv.reader(iter(lines), strict=False)
    consumed = 0  # physical lines the reader has taken so far
    for cells in reader:
        start, consumed = consumed, reader.line_num
        if not cells or cells == [""]:
            continue
        raw = "".join(lines[start:consumed])
        yield Row(start + 1, tuple(c.strip() for c in cells), _cell_columns(raw, len(cells)))


def _cell_columns(raw: str, count: int) -> tuple[int, ...]:
    """1-based start column of each of `count` cells in a record's text."""
    starts, quoted = [1], False
    for i, char in enumerate(raw):
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            starts.append(i + 2)
    starts += [starts[-1]] * (count - len(starts))
    return tuple(starts[:count])


def _header_ok(header: Row, report: Collector) -> bool:
    seen: dict[str, int] = {}
    for name, col in zip(header.cells, header.cols):
        if not name:
            report.error(header.line, col, "a column has no name", "give every column a header")
        elif name in seen:
            report.error(
                header.line, col, f"column '{name}' is named twice", "give each column its own name"
            )
        seen.setdefault(name, col)
    if len(header.cells) == 1 and any(sep in header.cells[0] for sep in ";\t"):
        report.error(
            header.line, 1, "the data has only one column", "separate the columns with commas"
        )
    return not report.errors
