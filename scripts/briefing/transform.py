"""Take a model tree and a function, produce the tree rewritten bottom-up (or walk it)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from typing import Any


def rewrite(node: Any, fn: Callable[[Any], Any]) -> Any:
    """Rebuild `node` with every nested model node passed through `fn`, children first."""
    if isinstance(node, tuple):
        return tuple(rewrite(item, fn) for item in node)
    if not dataclasses.is_dataclass(node) or isinstance(node, type):
        return node
    changes = {}
    for f in dataclasses.fields(node):
        value = getattr(node, f.name)
        new = rewrite(value, fn)
        if new is not value:
            changes[f.name] = new
    rebuilt = dataclasses.replace(node, **changes) if changes else node
    return fn(rebuilt)


def walk(node: Any) -> Iterator[Any]:
    """Every model node under `node`, parents before children, in document order."""
    if isinstance(node, tuple):
        for item in node:
            yield from walk(item)
        return
    if not dataclasses.is_dataclass(node) or isinstance(node, type):
        return
    yield node
    for f in dataclasses.fields(node):
        yield from walk(getattr(node, f.name))
