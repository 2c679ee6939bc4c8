"""Take a model tree and a function, produce the tree rewritten bottom-up (or walk it).

The one tree walker: numbering, checks and writers that need to look inside a tree use
these two functions, so every node type nested anywhere (a figure in a list in a box) is
met, in document order."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from typing import Any

from .model import Citation, LineBreak, Table, Text

# Where a node's fields print in another order than the model lists them: a table's
# caption stands above it in both outputs.
READING_ORDER = {Table: ("caption", "header", "rows")}


def rewrite(node: Any, fn: Callable[[Any], Any], *, reading: bool = False) -> Any:
    """Rebuild `node` with every nested model node passed through `fn`, children first;
    with `reading`, `fn` meets them in the order a reader does (READING_ORDER)."""
    if isinstance(node, tuple):
        return tuple(rewrite(item, fn, reading=reading) for item in node)
    if not dataclasses.is_dataclass(node) or isinstance(node, type):
        return node
    changes = {}
    for name in _fields(node, reading):
        value = getattr(node, name)
        new = rewrite(value, fn, reading=reading)
        if new is not value:
            changes[name] = new
    rebuilt = dataclasses.replace(node, **changes) if changes else node
    return fn(rebuilt)


def walk(node: Any, *, reading: bool = False) -> Iterator[Any]:
    """Every model node under `node`, parents before children, in document order; with
    `reading`, in the order a reader meets them on the page (READING_ORDER)."""
    if isinstance(node, tuple):
        for item in node:
            yield from walk(item, reading=reading)
        return
    if not dataclasses.is_dataclass(node) or isinstance(node, type):
        return
    yield node
    for name in _fields(node, reading):
        yield from walk(getattr(node, name), reading=reading)


def _fields(node: Any, reading: bool) -> list[str]:
    names = [f.name for f in dataclasses.fields(node)]
    if reading and type(node) in READING_ORDER:
        first = READING_ORDER[type(node)]
        names = [*first, *(n for n in names if n not in first)]
    return names


def plain_text(inlines: tuple) -> str:
    """The visible text of inlines, without markup (a heading's words, alt text)."""
    out = []
    for node in walk(inlines):
        text = getattr(node, "text", None)
        if isinstance(text, str) and not hasattr(node, "children"):
            out.append(text)
        elif isinstance(node, LineBreak):
            out.append(" ")
    return "".join(out)


def merge_text(inlines: list) -> tuple:
    """Neighbouring texts joined into one, empty texts dropped."""
    out: list = []
    for node in inlines:
        if isinstance(node, Text) and out and isinstance(out[-1], Text):
            out[-1] = Text(out[-1].text + node.text)
        elif not (isinstance(node, Text) and node.text == ""):
            out.append(node)
    return tuple(out)


def printed(inlines: tuple) -> tuple:
    """The inlines as they print: each citation opened into what its style printed, so
    writers see a citation's note call next to the character before it, as any other."""
    if not any(isinstance(node, Citation) for node in inlines):
        return inlines
    out: list = []
    for node in inlines:
        out.extend(printed(node.children) if isinstance(node, Citation) else (node,))
    return merge_text(out)
