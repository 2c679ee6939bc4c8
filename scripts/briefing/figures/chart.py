"""Take a chart spec file's bytes (`*.chart.yaml`), produce a ChartImage: the checked Chart
the PDF writer draws as SVG (charts/svg.py) and the DOCX writer as a Word chart
(docx/charts.py), or a FigureError carrying the spec's and the CSV's own errors.

A chart has no size of its own: it takes the width the figure gives it (the text width
by default) and the height its aspect ratio gives.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from ..charts.model import Chart
from ..charts.read import ChartError, read_chart
from .image import FigureError, Image

Stamp = tuple[int, int] | None


@dataclass(frozen=True)
class ChartImage(Image):
    chart: Chart | None = None
    data_file: Path | None = None
    stamp: Stamp = None  # the CSV's (mtime, size) when it was read

    @property
    def inputs(self) -> tuple[Path, ...]:
        return (self.data_file,) if self.data_file else ()

    def current(self) -> bool:
        return self.data_file is None or _stamp(self.data_file) == self.stamp

    @property
    def aspect(self) -> float | None:
        """Height over width as the spec sets it; None leaves it to the theme."""
        return self.chart.aspect if self.chart else None


def load_chart(path: Path, data: bytes) -> ChartImage:
    try:
        chart, data_file = read_chart(path, data)
    except ChartError as exc:
        raise FigureError(
            "cannot be drawn: see the errors in its spec and data files",
            "",
            diagnostics=exc.diagnostics,
        ) from exc
    return ChartImage(
        path,
        "chart",
        math.inf,  # no natural size: as wide as the figure allows
        math.inf,
        data,
        chart=chart,
        data_file=data_file,
        stamp=_stamp(data_file),
    )


def _stamp(path: Path) -> Stamp:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size
