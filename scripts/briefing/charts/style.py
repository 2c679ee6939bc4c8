"""Take the theme's `charts:` section, produce the checked ChartStyle both chart writers read.

The palette must survive greyscale print: every pair of its colours must differ by at least
MIN_LIGHTNESS_STEP in CIE L* (lightness, computed from relative luminance as in WCAG and
CIE 1976), else the theme check says which two colours look alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

# 10 L* is about the step between neighbouring patches of a printed grey scale: two
# series closer than that read as one on a laser printer.
MIN_LIGHTNESS_STEP = 10.0


@dataclass(frozen=True)
class ChartStyle:
    """Colours as #RRGGBB, lengths in points; `font` names the language's face (body or
    heading) every chart text takes."""

    palette: tuple[str, ...]
    text: str
    axis: str
    gridline: str
    font: str
    size: float
    title_size: float
    line_width: float
    axis_width: float
    gridline_width: float
    marker_size: float
    gap: float
    aspect: float

    def colour(self, index: int) -> str:
        """The colour of series (or pie slice) `index`; the palette repeats past its end."""
        return self.palette[index % len(self.palette)]


def chart_style(data: dict, colour, points) -> ChartStyle:
    """`data` is theme.yaml's `charts:`; `colour` resolves a colour name, `points` a length."""
    lengths = ("size", "title_size", "line_width", "axis_width", "gridline_width", "marker_size")
    return ChartStyle(
        palette=tuple(colour(c) for c in data["palette"]),
        text=colour(data["text"]),
        axis=colour(data["axis"]),
        gridline=colour(data["gridline"]),
        font=data["font"],
        gap=float(data["gap"]),
        aspect=float(data["aspect"]),
        **{key: points(data[key]) for key in lengths},
    )


def lightness(hex_colour: str) -> float:
    """CIE L* (0 black .. 100 white) of an sRGB colour "#RRGGBB"."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    y = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 116 * y ** (1 / 3) - 16 if y > 216 / 24389 else y * 24389 / 27


def greyscale_clashes(palette: tuple[str, ...]) -> list[tuple[int, int]]:
    """Index pairs of palette colours too close in lightness to tell apart in greyscale."""
    return [
        (i, j)
        for (i, a), (j, b) in combinations(enumerate(palette), 2)
        if abs(lightness(a) - lightness(b)) < MIN_LIGHTNESS_STEP
    ]
