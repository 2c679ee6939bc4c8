"""Take nothing, produce the chart record both writers draw from: its kind, categories and
series, as the spec and the CSV gave them and the reader checked them.

A writer draws what the Chart says; anything both outputs must agree on (which legend,
whether a line has markers) is decided here, once.
"""

from __future__ import annotations

from dataclasses import dataclass

# A line with more points than this is drawn without markers: they would merge into a band.
MAX_MARKED_POINTS = 40
# Marker shapes in series order: with the palette's lightness steps, a second cue that
# tells series apart in greyscale. Each writer maps the names to its own codes.
MARKERS = ("circle", "square", "triangle", "diamond", "x", "star")
# A pie slice smaller than this share gets no percentage label: neighbours would overprint.
MIN_LABELLED_SHARE = 0.03


@dataclass(frozen=True)
class Kind:
    """One chart type of the spec's `type:`. `family` says how it is drawn: bars, a line, a
    filled area, points on two value axes, or slices of a whole."""

    name: str
    family: str  # "bar" | "line" | "area" | "scatter" | "pie"
    horizontal: bool = False  # bars run left to right, categories down the side
    stacked: bool = False

    @property
    def has_axes(self) -> bool:
        return self.family != "pie"


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("column", "bar"),
        Kind("bar", "bar", horizontal=True),
        Kind("line", "line"),
        Kind("area", "area", stacked=True),  # overlapping areas would hide one another
        Kind("stacked-column", "bar", stacked=True),
        Kind("stacked-bar", "bar", horizontal=True, stacked=True),
        Kind("scatter", "scatter"),
        Kind("pie", "pie"),
    )
}


@dataclass(frozen=True)
class Series:
    """One value column: its header and a value per row (None where the cell was empty)."""

    name: str
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class Chart:
    """A checked chart. `categories` is the x column as written, in file order; for a
    scatter chart `x_values` holds the same column as numbers."""

    kind: Kind
    x_name: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    x_values: tuple[float, ...] | None = None
    x_title: str = ""
    y_title: str = ""
    number_format: str = ""  # Excel-style; "" for General
    y_min: float | None = None
    y_max: float | None = None
    legend: str = "bottom"  # "bottom" | "right" | "none"
    aspect: float | None = None  # height over width; None: the theme's

    @property
    def markers(self) -> bool:
        """Whether lines carry a marker at each point (scatter charts always do)."""
        return self.kind.family == "scatter" or (
            self.kind.family == "line" and len(self.categories) <= MAX_MARKED_POINTS
        )

    @property
    def labelled_slices(self) -> tuple[bool, ...]:
        """For a pie, whether each slice is large enough to carry its percentage."""
        values = [v or 0.0 for v in self.series[0].values]
        total = sum(values) or 1.0
        return tuple(v / total >= MIN_LABELLED_SHARE for v in values)
