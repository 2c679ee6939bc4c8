"""Take WeasyPrint 70.0, produce it with two layout decisions changed: a footnote stays
on the page of its call, and a footnote area that fits is not taken for one that overflows.

Why this exists: when a paragraph's line does not fit at the foot of a page, WeasyPrint
70 first tries moving the page's *earlier* footnotes to the next page to make room for
the line (`layout/block.py`, `_linebox_layout`, the `report = ...` loop). CSS GCPM allows
that, but a briefing then prints note 4 on page 3 while its call is on page 2, which our
readers and the acceptance tests reject. With `report = False` the line moves to the next
page instead and every note stays with its call.

Second, `LayoutContext._update_footnote_area` (`layout/__init__.py`) decides whether the
notes overflow their area with a bare `last_child_bottom > footnote_area_bottom`, where
every other page-bottom test in WeasyPrint goes through `overflows()` and its 1e-9 fudge
for floating-point error. With some theme lengths (a 4 mm gap above the notes written as
11.339pt) the two sums differ in the last bit, every note is taken to overflow, and each
page ends after a few lines. The patch uses `self.overflows(...)` there too.

Each patch is applied by recompiling that one function from WeasyPrint's own source with
the single expression replaced (`weasyprint_ext.recompile`, which keeps WeasyPrint's file
name and line numbers in tracebacks). It first checks the version and the sha256 of the
function's source, and that the expression is found exactly once, and fails loudly
otherwise, so an upgrade cannot silently drop it.
"""

from __future__ import annotations

import ctypes.util
import re
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .weasyprint_ext import PINNED_VERSION, PatchError, checked, install, recompile, require_version

__all__ = ["PINNED_VERSION", "PatchError", "apply", "fast_library_lookup", "require_version"]

OUR_FILE = "scripts/briefing/weasyprint_patches.py"
LINEBOX_LAYOUT = "weasyprint.layout.block:_linebox_layout"
FOOTNOTE_AREA = "weasyprint.layout:LayoutContext._update_footnote_area"
# sha256 of inspect.getsource() of each WeasyPrint function this module changes.
PINS = {
    LINEBOX_LAYOUT: "e07bbe000974787ee370be1f419a01a21b327a1a1e3025a65afd47589060883d",
    FOOTNOTE_AREA: "2e317e4b066fb80cb369a41cd6f054a127722f9961c18ef4d6e1eef93673c4c1",
}
ORIGINAL = "report = not context.in_column and can_break_now and not could_break_before"
PATCHED = "report = False  # briefing: keep footnotes on the page of their call"
AREA_ORIGINAL = "overflow = last_child_bottom > footnote_area_bottom"
AREA_PATCHED = "overflow = self.overflows(footnote_area_bottom, last_child_bottom)"

_applied = False


def apply() -> None:
    global _applied
    if _applied:
        return
    functions = checked(PINS, OUR_FILE)
    install(LINEBOX_LAYOUT, recompile(functions[LINEBOX_LAYOUT], ORIGINAL, PATCHED, OUR_FILE))
    install(
        FOOTNOTE_AREA,
        recompile(functions[FOOTNOTE_AREA], AREA_ORIGINAL, AREA_PATCHED, OUR_FILE),
    )
    _applied = True


@contextmanager
def fast_library_lookup() -> Iterator[None]:
    """While WeasyPrint imports, look shared libraries up in one `ldconfig -p` listing.

    WeasyPrint tries several names per library (Windows names first); for each name
    cffi calls ctypes.util.find_library, which on Linux starts gcc, ld and ldconfig.
    Twenty-odd misses cost ~0.3 s of every cold PDF build. The same libraries are found
    (ldconfig's cache is what find_library consults last); off Linux nothing changes.
    """
    listing = _ldconfig_listing()
    if not listing:
        yield
        return
    original = ctypes.util.find_library
    ctypes.util.find_library = lambda name: listing.get(
        name if name.startswith("lib") else f"lib{name}"
    )
    try:
        yield
    finally:
        ctypes.util.find_library = original


def _ldconfig_listing() -> dict[str, str]:
    """{'libpango-1.0': 'libpango-1.0.so.0', ...} from the dynamic linker's cache."""
    ldconfig = shutil.which("ldconfig") or "/sbin/ldconfig"
    try:
        out = subprocess.run([ldconfig, "-p"], capture_output=True, text=True, timeout=5).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    found: dict[str, str] = {}
    for match in re.finditer(r"^\s+(lib\S+?)\.so(?:\.\d+)*\s.*=> (\S+)$", out, re.M):
        found.setdefault(match[1], Path(match[2]).name)
    return found
