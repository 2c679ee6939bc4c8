"""Take a chart spec file (`*.chart.yaml`), produce its checked fields and where each stands,
or errors at `spec:line:col`.

The spec is checked against schema/chart.schema.json (through the same YAML checker as a
paper's front matter), then for what a schema cannot say: the data file exists, y_min is
below y_max, a pie has one value column and no axes.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import Collector
from ..yamlcheck import load_checked, position, schema
from .model import KINDS, Kind

URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
AXIS_FIELDS = ("x_title", "y_title", "y_min", "y_max")


@dataclass(frozen=True)
class Spec:
    fields: dict
    node: yaml.Node
    data_path: Path  # the CSV, resolved

    @property
    def kind(self) -> Kind:
        return KINDS[self.fields["type"]]

    @property
    def y(self) -> list[str] | None:
        """The value columns named, or None for "all the others"."""
        y = self.fields.get("y")
        return [y] if isinstance(y, str) else y

    def at(self, *keys) -> tuple[int, int]:
        """Line and column of the field (or list item) at `keys`."""
        return position(self.node, keys)


def read_spec(path: Path, data: bytes, report: Collector) -> Spec | None:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        report.error(1, 1, "the chart spec is not UTF-8 text", "save it as UTF-8")
        return None
    loaded = load_checked(text, schema("chart"), report, what="the chart spec")
    if loaded is None:
        return None
    fields, node = loaded
    spec = Spec(fields, node, (path.parent / fields["data"]).resolve())
    _check_fields(spec, report)
    _check_data_file(spec, fields["data"], report)
    return None if report.errors else spec


def _check_fields(spec: Spec, report: Collector) -> None:
    fields = spec.fields
    if spec.kind.family == "pie":
        for key in AXIS_FIELDS:
            if key in fields:
                report.error(
                    *spec.at(key),
                    f"a pie chart has no axes, so '{key}' does not apply",
                    f"remove '{key}', or choose another type",
                )
        if spec.y is not None and len(spec.y) > 1:
            report.error(
                *spec.at("y"),
                f"a pie chart shows one value column; y names {len(spec.y)}",
                "name one column in y, or choose another type such as column",
            )
    low, high = fields.get("y_min"), fields.get("y_max")
    if low is not None and high is not None and low >= high:
        report.error(
            *spec.at("y_max"),
            f"y_max ({high:g}) is not above y_min ({low:g})",
            "make y_max larger than y_min",
        )


def _check_data_file(spec: Spec, written: str, report: Collector) -> None:
    """The CSV must be a local file beside or near the spec (the reader also keeps it
    inside the content folder)."""
    if URL.match(written) or written.startswith("//"):
        report.error(
            *spec.at("data"),
            f"data '{written}' is a URL; renders never use the network",
            "download the CSV and give its path relative to this spec",
        )
    elif written.startswith(("/", "\\")):
        report.error(
            *spec.at("data"),
            f"data '{written}' is an absolute path",
            "give the CSV's path relative to this spec, e.g. ../data/x.csv",
        )
    elif not spec.data_path.is_file():
        report.error(*spec.at("data"), f"data file '{written}' not found", _near(spec.data_path))


def _near(path: Path) -> str:
    try:
        names = [p.name for p in path.parent.iterdir()] if path.parent.is_dir() else []
    except OSError:
        names = []
    same = [n for n in names if n.lower() == path.name.lower()]
    if same:
        return f"did you mean '{same[0]}'? names must match letter case"
    close = difflib.get_close_matches(path.name, names, n=1)
    if close:
        return f"did you mean '{close[0]}'?"
    return f"the path is relative to the spec; looked in {path.parent.name}/"


def column_hint(name: str, columns: tuple[str, ...]) -> str:
    """ "did you mean 'China'?" or the list of columns there are."""
    close = difflib.get_close_matches(name, columns, n=1)
    listed = ", ".join(columns)
    return (
        f"did you mean '{close[0]}'? the columns are: {listed}"
        if close
        else f"the columns are: {listed}"
    )
