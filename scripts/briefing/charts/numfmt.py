"""Take an Excel number format of the kind a chart spec accepts, produce a function that
writes a number the way Word's chart writes it.

Only the subset the chart schema allows (`0`, `#,##0`, decimals, `%`, quoted text before
or after): no library formats Excel codes in Python, and a full implementation (sections,
colours, dates) would be far more than a tick label needs.
"""

from __future__ import annotations

import re
from collections.abc import Callable

FORMAT = re.compile(r'(?:"([^"]*)")?(0|#,##0)(?:\.(0+))?(%?)(?:"([^"]*)")?')


def formatter(code: str) -> Callable[[float], str]:
    """`formatter("#,##0.0")(1234.56)` -> "1,234.6"; "" (General) -> "1234.56"."""
    match = FORMAT.fullmatch(code)
    if not match:
        return _general
    prefix, digits, decimals, percent, suffix = match.groups()
    places = len(decimals or "")
    comma = "," if digits == "#,##0" else ""

    def write(value: float) -> str:
        value = value * 100 if percent else value
        text = f"{abs(value):{comma}.{places}f}"
        sign = "-" if value < 0 and text.strip("0.,") else ""
        return f"{sign}{prefix or ''}{text}{percent}{suffix or ''}"

    return write


def _general(value: float) -> str:
    """Excel's General: up to ten significant digits, no separators, no "-0"."""
    text = f"{value:.10g}"
    return "0" if text == "-0" else text
