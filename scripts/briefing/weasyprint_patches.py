"""Take WeasyPrint 70.0, produce it with one layout decision changed: a footnote stays
on the page of its call.

Why this exists: when a paragraph's line does not fit at the foot of a page, WeasyPrint
70 first tries moving the page's *earlier* footnotes to the next page to make room for
the line (`layout/block.py`, `_linebox_layout`, the `report = ...` loop). CSS GCPM allows
that, but a briefing then prints note 4 on page 3 while its call is on page 2, which our
readers and the acceptance tests reject. With `report = False` the line moves to the next
page instead and every note stays with its call.

The patch is applied by recompiling that one function from WeasyPrint's own source with
the single expression replaced; it checks the version and that the expression is found
exactly once, and fails loudly otherwise, so an upgrade cannot silently drop it.
"""

from __future__ import annotations

import ctypes.util
import inspect
import re
import shutil
import subprocess
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PINNED_VERSION = "70.0"
ORIGINAL = "report = not context.in_column and can_break_now and not could_break_before"
PATCHED = "report = False  # briefing: keep footnotes on the page of their call"

_applied = False


class PatchError(RuntimeError):
    pass


def require_version(module_file: str) -> None:
    """Refuse to patch any WeasyPrint but the one these patches were written against."""
    import weasyprint

    if weasyprint.__version__ != PINNED_VERSION:
        raise PatchError(
            f"{module_file} patches WeasyPrint {PINNED_VERSION}, found "
            f"{weasyprint.__version__}: review it before upgrading"
        )


def apply() -> None:
    global _applied
    if _applied:
        return
    from weasyprint.layout import block

    require_version("scripts/briefing/weasyprint_patches.py")
    source = textwrap.dedent(inspect.getsource(block._linebox_layout))
    if source.count(ORIGINAL) != 1:
        raise PatchError("WeasyPrint's _linebox_layout changed: review weasyprint_patches.py")
    namespace = vars(block)
    code = compile(source.replace(ORIGINAL, PATCHED), inspect.getsourcefile(block), "exec")
    exec(code, namespace)  # redefines block._linebox_layout in WeasyPrint's own module
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
