"""Take a chart spec file's path and bytes, produce a checked Chart, or a ChartError with
every problem at `spec:line:col` and `data.csv:line:col`.

A column the spec names but the CSV lacks is the spec's error (that is where it is
fixed); a cell that is not a number is the CSV's.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import Collector, Diagnostic
from .model import Chart, Series
from .spec import Spec, column_hint, read_spec
from .table import Row, Table, read_table

NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
MAX_CELL_ERRORS = 10  # then one line for the rest: a wrong column makes every row wrong
NOT_A_NUMBER_HINT = (
    "write a plain number such as 1234.5, without thousands separators, units or notes; "
    "leave the cell empty where there is no value"
)


class ChartError(ValueError):
    """Everything wrong with a chart, in its spec's and its data's own lines."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__(f"{len(diagnostics)} problems")
        self.diagnostics = diagnostics


def read_chart(path: Path, data: bytes) -> tuple[Chart, Path]:
    """The chart `path` describes, and the CSV file it was drawn from."""
    spec_report = Collector(path)
    spec = read_spec(path, data, spec_report)
    if spec is None:
        raise ChartError(spec_report.errors)
    data_report = Collector(spec.data_path)
    table = read_table(spec.data_path, data_report)
    chart = _chart(spec, table, spec_report, data_report) if table else None
    if chart is None:
        raise ChartError(spec_report.errors + data_report.errors)
    return chart, spec.data_path


def _chart(spec: Spec, table: Table, spec_report: Collector, data_report: Collector):
    x_name = spec.fields["x"]
    x = _column(spec, table, x_name, ("x",), spec_report)
    names = spec.y if spec.y is not None else [n for n in table.header.cells if n != x_name]
    single = isinstance(spec.fields.get("y"), str)  # `y: China`, not a list
    ys = [
        _column(spec, table, name, ("y",) if single else ("y", i), spec_report)
        for i, name in enumerate(names)
    ]
    if not names:
        data_report.error(
            table.header.line,
            1,
            f"the data has no value columns besides '{x_name}'",
            "add a column of numbers to chart",
        )
    elif spec.kind.family == "pie" and len(names) > 1:
        spec_report.error(
            *spec.at("type"),
            f"a pie chart shows one value column; the data has {len(names)} value "
            f"columns besides '{x_name}'",
            "name the one to show in y",
        )
    if spec_report.errors or data_report.errors:
        return None
    cells = _Cells(data_report)
    if spec.kind.family == "scatter":
        x_values = tuple(cells.number(row, x, x_name, empty_ok=False) for row in table.rows)
    else:
        x_values = None
        for row in table.rows:
            if not row.cells[x]:
                data_report.error(
                    row.line, row.cols[x], f"this row has no '{x_name}'", "name every category"
                )
    # Row by row, so the cells reported first are the first in the file.
    rows = [[cells.number(row, i, name) for name, i in zip(names, ys)] for row in table.rows]
    series = tuple(
        Series(name, tuple(values[k] for values in rows)) for k, name in enumerate(names)
    )
    cells.summarise()
    _check_values(spec, table, series, ys, data_report)
    if data_report.errors:
        return None
    fields = spec.fields
    several = len(series) > 1 or spec.kind.family == "pie"
    fmt = fields.get("number_format", "")
    return Chart(
        kind=spec.kind,
        x_name=x_name,
        categories=tuple(row.cells[x] for row in table.rows),
        series=series,
        x_values=x_values,
        x_title=fields.get("x_title", ""),
        y_title=fields.get("y_title", ""),
        number_format="" if fmt == "General" else fmt,
        y_min=fields.get("y_min"),
        y_max=fields.get("y_max"),
        legend=fields.get("legend", "bottom" if several else "none"),
        aspect=fields.get("aspect"),
    )


def _column(spec: Spec, table: Table, name: str, key: tuple, report: Collector) -> int:
    index = table.column(name)
    if index is None:
        report.error(
            *spec.at(*key),
            f"column '{name}' is not in {table.path.name}",
            column_hint(name, table.header.cells),
        )
        return -1
    return index


class _Cells:
    """Reads cells as numbers, reporting the first few that are not."""

    def __init__(self, report: Collector):
        self.report = report
        self.bad: list[tuple[int, int]] = []

    def number(self, row: Row, index: int, column: str, empty_ok: bool = True) -> float | None:
        text = row.cells[index]
        if not text and empty_ok:
            return None
        if NUMBER.fullmatch(text):
            return float(text)
        if len(self.bad) < MAX_CELL_ERRORS:
            what = f"'{text}'" if text else "an empty cell"
            hint = NOT_A_NUMBER_HINT if text else "a scatter chart needs an x value on every row"
            self.report.error(
                row.line, row.cols[index], f"{what} in column '{column}' is not a number", hint
            )
        self.bad.append((row.line, row.cols[index]))
        return None

    def summarise(self) -> None:
        extra = len(self.bad) - MAX_CELL_ERRORS
        if extra > 0:
            line, col = self.bad[MAX_CELL_ERRORS]
            self.report.error(
                line, col, f"and {extra} more cells that are not numbers", NOT_A_NUMBER_HINT
            )


def _check_values(spec: Spec, table: Table, series, columns, report: Collector) -> None:
    header = table.header
    for one, index in zip(series, columns):
        if all(v is None for v in one.values) and not report.errors:
            report.error(
                header.line,
                header.cols[index],
                f"column '{one.name}' has no values",
                "fill it in, or leave it out of y",
            )
    if spec.kind.family != "pie" or report.errors:
        return
    values = series[0].values
    for row, value in zip(table.rows, values):
        if value is not None and value < 0:
            report.error(
                row.line,
                row.cols[columns[0]],
                f"a pie chart cannot show a negative value ({value:g})",
                "choose a column or bar chart for values below zero",
            )
    if not report.errors and not any(values):
        report.error(
            header.line,
            header.cols[columns[0]],
            f"column '{series[0].name}' adds up to zero; a pie needs a whole to divide",
            "check the data, or choose another type",
        )
