"""Take the WeasyPrint functions our extensions change, each pinned by the sha256 of its
source, produce them checked, replaced and (for the tests) restorable.

Why this exists: `weasyprint_patches.py` and `cjk_justify.py` replace or wrap functions
inside WeasyPrint 70.0. A version check alone does not notice a distribution's patched
build or an edit in site-packages, and after an upgrade it cannot say which function to
re-read. So every function we replace, wrap, or rely on the internals of is named by a
target, "module:qualified.name", pinned next to its patch by the sha256 of
`inspect.getsource(function)`, and checked before anything is replaced. A mismatch raises
PatchError naming the function, where WeasyPrint defines it, the file of ours to review
and both digests.

`install` remembers WeasyPrint's own function for each target, so a check after
installing still hashes WeasyPrint's source, and `originals()` can put WeasyPrint's
functions back for a moment: the tests render the same document both ways to show that
each extension is what makes its test pass.
"""

from __future__ import annotations

import ast
import hashlib
import importlib
import inspect
import textwrap
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

PINNED_VERSION = "70.0"

_originals: dict[str, Any] = {}  # target -> WeasyPrint's own function, once replaced


class PatchError(RuntimeError):
    """WeasyPrint is not the one an extension was written against."""


def require_version(module_file: str) -> None:
    """Refuse to patch any WeasyPrint but the one these patches were written against."""
    import weasyprint

    if weasyprint.__version__ != PINNED_VERSION:
        raise PatchError(
            f"{module_file} patches WeasyPrint {PINNED_VERSION}, found "
            f"{weasyprint.__version__}: review it before upgrading"
        )


def source_digest(function: Callable) -> str:
    """sha256 of the function's source text as `inspect.getsource` returns it."""
    return hashlib.sha256(inspect.getsource(function).encode()).hexdigest()


def checked(pins: Mapping[str, str], patch_file: str) -> dict[str, Any]:
    """{target: WeasyPrint's own function} for every pinned target, each checked against
    its digest (and WeasyPrint's version) before the caller replaces anything."""
    require_version(patch_file)
    found = {}
    for target, pinned in pins.items():
        function = original(target)
        digest = source_digest(function)
        if digest != pinned:
            defined = inspect.unwrap(function)  # past @contextmanager, as getsource goes
            where = f"{inspect.getsourcefile(defined)}:{inspect.getsourcelines(defined)[1]}"
            raise PatchError(
                f"{_dotted(target)} ({where}) is not the source {patch_file} was written "
                f"against: sha256 {digest}, pinned {pinned}. Review the patch in "
                f"{patch_file} against the new source, then update its pinned digest."
            )
        found[target] = function
    return found


def original(target: str) -> Any:
    """WeasyPrint's own function at `target`, also after `install` replaced it."""
    return _originals.get(target) or current(target)


def current(target: str) -> Any:
    """What WeasyPrint looks up at `target` now: ours once installed."""
    owner, name = _owner(target)
    return getattr(owner, name)


def install(target: str, replacement: Callable) -> None:
    """Put `replacement` where WeasyPrint looks `target` up, remembering WeasyPrint's own."""
    owner, name = _owner(target)
    _originals.setdefault(target, getattr(owner, name))
    setattr(owner, name, replacement)


@contextmanager
def originals(*targets: str) -> Iterator[None]:
    """WeasyPrint's own functions at `targets` (every installed one if none) for the
    duration of the block; ours again afterwards."""
    chosen = targets or tuple(_originals)
    ours = {}
    for target in chosen:
        owner, name = _owner(target)
        ours[target] = getattr(owner, name)
        setattr(owner, name, _originals[target])
    try:
        yield
    finally:
        for target, replacement in ours.items():
            owner, name = _owner(target)
            setattr(owner, name, replacement)


def recompile(function: Callable, old: str, new: str, patch_file: str) -> Callable:
    """`function` compiled again from its own source with the one expression `old`
    replaced by `new`, in its own module's globals.

    The code keeps WeasyPrint's file name and line numbers: the parsed source is shifted
    down to where the function starts in its file, so a traceback through it points at
    WeasyPrint's real lines (and quotes them, so a frame on the replaced line shows the
    original text from the file)."""
    lines, first_line = inspect.getsourcelines(function)
    source = textwrap.dedent("".join(lines))
    if source.count(old) != 1:
        raise PatchError(
            f"{function.__module__}.{function.__qualname__} no longer contains "
            f"`{old}` exactly once: review {patch_file}"
        )
    if old.count("\n") != new.count("\n"):
        raise ValueError("a replacement must keep the line count, or line numbers shift")
    tree = ast.parse(source.replace(old, new))
    ast.increment_lineno(tree, first_line - 1)
    code = compile(tree, inspect.getsourcefile(function), "exec")
    namespace: dict[str, Any] = {}
    exec(code, function.__globals__, namespace)
    return namespace[function.__name__]


def _owner(target: str) -> tuple[Any, str]:
    """The object holding the last name of "module:qualified.name", and that name."""
    module, _, qualname = target.partition(":")
    *path, name = qualname.split(".")
    owner = importlib.import_module(module)
    for part in path:
        owner = getattr(owner, part)
    return owner, name


def _dotted(target: str) -> str:
    return target.replace(":", ".")
