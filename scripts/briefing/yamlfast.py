"""Take YAML text, produce its data or its node tree through libyaml where PyYAML has it.

PyYAML's C binding (in its wheels) gives the same nodes, marks and Python types as its
pure-Python safe loader, about ten times faster. Every command reads YAML (a theme of
several hundred lines, every paper's front matter, `make`'s dependency scan of 50 papers),
so the pure-Python parser was a visible part of a cold build. Kept apart from yamlcheck,
which loads jsonschema, so the dependency scan stays light.
"""

from __future__ import annotations

from typing import Any

import yaml

CLoader = getattr(yaml, "CSafeLoader", None)
FAST_LOADER = CLoader or yaml.SafeLoader


def fast_load(text: str) -> Any:
    """yaml.safe_load, through libyaml where present."""
    return yaml.load(text, Loader=FAST_LOADER)  # noqa: S506 - FAST_LOADER is a safe loader


def fast_compose(text: str) -> yaml.Node | None:
    """yaml.compose with the safe loader, through libyaml where present."""
    return yaml.compose(text, Loader=FAST_LOADER)
