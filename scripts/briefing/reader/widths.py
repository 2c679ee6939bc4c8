"""Take a figure's `width=` as written, produce a checked Width or what is wrong with it.

Accepted: a percentage of the text width (`60%`) or a length in cm, mm, in, pt or px
(CSS pixels, 96 to the inch), as Pandoc accepts them. A width wider than the text column
is refused rather than silently shrunk: the analyst asked for a size the page cannot give.
"""

from __future__ import annotations

import re

from ..model import Width

UNITS = {"cm": 72 / 2.54, "mm": 72 / 25.4, "in": 72.0, "pt": 1.0, "px": 0.75}
WIDTH = re.compile(r"^\s*(\d+(?:\.\d+)?|\.\d+)\s*(%|[a-zA-Z]*)\s*$")
ACCEPTED = "a percentage such as 60%, or a length in cm, mm, in, pt or px"


def parse_width(text: str, text_width: float) -> tuple[Width | None, str, str]:
    """(width, "", "") when acceptable, else (None, message, hint). `text_width` in points."""
    match = WIDTH.match(text)
    if not match:
        return None, f"figure width '{text}' is not a size", f"write {ACCEPTED}"
    value, unit = float(match[1]), match[2].lower()
    if value <= 0:
        return None, f"figure width '{text}' is zero", "give a positive width"
    if unit == "%":
        if value > 100:
            return (
                None,
                f"figure width {text} is more than the text width",
                "use at most 100%",
            )
        return Width(fraction=value / 100), "", ""
    if unit not in UNITS:
        hint = f"write {ACCEPTED}" if unit else f"add a unit: {value:g}% or {value:g}px"
        return None, f"figure width '{text}' has no unit this pipeline knows", hint
    width = value * UNITS[unit]
    if width > text_width + 0.5:
        most = text_width / UNITS[unit]
        return (
            None,
            f"figure width {text} is wider than the text ({most:.1f} {unit} across)",
            f"use at most {most:.1f}{unit}, or 100%",
        )
    return Width(points=width), "", ""
