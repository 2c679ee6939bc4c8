"""Take a theme's name (or folder) and optional in-memory overrides, produce its YAML as one
merged node tree: the theme's own theme.yaml on top of the theme it `extends`, on top of
that one's parent, and so on, with the overrides on top of all.

The merge is done on the composed YAML nodes, before any checking, so every node keeps the
file it came from: a mistake is reported at the child's key when the child wrote it and at
the parent's when it is inherited. Mappings merge key by key, at every depth; anything else
(a list, a number, a string) is replaced whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import Collector
from .yamlcheck import compose_file

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "templates"
THEME_FILE = "theme.yaml"
EXTENDS = "extends"


class ThemeNotFound(LookupError):
    """No theme of that name: the message names the themes there are."""


def available_themes(root: Path = TEMPLATES_DIR) -> list[str]:
    """The theme names under templates/: every folder with a theme.yaml."""
    return sorted(p.parent.name for p in root.glob(f"*/{THEME_FILE}"))


def theme_folder(theme: str | Path, near: Path | None = None) -> Path:
    """templates/<name> for a name; a folder as given. `near` is a theme folder whose
    siblings are searched first (a theme extending another next to it)."""
    if isinstance(theme, Path) or "/" in str(theme):
        folder = Path(theme)
        if (folder / THEME_FILE).is_file():
            return folder.resolve()
        raise ThemeNotFound(f"no {THEME_FILE} in {folder}")
    for root in ([near.parent] if near else []) + [TEMPLATES_DIR]:
        if (root / theme / THEME_FILE).is_file():
            return (root / theme).resolve()
    known = ", ".join(available_themes()) or "none"
    raise ThemeNotFound(f"no theme '{theme}' in templates/ (themes: {known})")


@dataclass(frozen=True)
class Source:
    """A theme's merged YAML: the node tree, and the folders of the chain (child first)."""

    node: yaml.MappingNode
    folders: tuple[Path, ...]


def read_source(
    folder: Path, report: Collector, overrides: dict | None = None, name: str = "overrides"
) -> Source | None:
    """The merged node tree of the theme in `folder` (with its ancestors), overrides on top."""
    chain: list[Path] = []
    node = _read_chain(folder, report, chain)
    if node is None:
        return None
    if overrides:
        text = yaml.safe_dump(overrides, allow_unicode=True, sort_keys=False)
        loader = yaml.SafeLoader(text)
        loader.name = name  # errors in the overrides name them, at their line in this dump
        try:
            node = merge(node, loader.get_single_node())
        finally:
            loader.dispose()
    return Source(node, tuple(chain))


def _read_chain(folder: Path, report: Collector, chain: list[Path]) -> yaml.MappingNode | None:
    path = folder / THEME_FILE
    if folder in chain:
        names = " -> ".join(f.name for f in [*chain, folder])
        report.error(1, 1, f"the themes extend each other in a circle: {names}", "", path)
        return None
    chain.append(folder)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        report.error(1, 1, f"cannot read the theme: {exc}", "check the theme's folder", path)
        return None
    node = compose_file(text, str(path), report, "the theme")
    if node is None:
        return None
    parent_key = next(((k, v) for k, v in node.value if k.value == EXTENDS), None)
    if parent_key is None:
        return node
    key, value = parent_key
    node.value = [(k, v) for k, v in node.value if k is not key]
    if not isinstance(value, yaml.ScalarNode) or not value.value:
        line, col = value.start_mark.line + 1, value.start_mark.column + 1
        report.error(line, col, "extends: should be a theme's name", "e.g. extends: default", path)
        return None
    try:
        parent = theme_folder(value.value, near=folder)
    except ThemeNotFound as exc:
        line, col = value.start_mark.line + 1, value.start_mark.column + 1
        report.error(line, col, f"extends: {exc}", "name a folder under templates/", path)
        return None
    base = _read_chain(parent, report, chain)
    return None if base is None else merge(base, node)


def merge(base: yaml.Node, over: yaml.Node) -> yaml.Node:
    """`over` on top of `base`: mappings key by key (recursively), anything else replaced."""
    if not (isinstance(base, yaml.MappingNode) and isinstance(over, yaml.MappingNode)):
        return over
    merged = list(base.value)
    index = {k.value: i for i, (k, _) in enumerate(merged)}
    for key, value in over.value:
        if key.value in index:
            i = index[key.value]
            merged[i] = (key, merge(merged[i][1], value))
        else:
            index[key.value] = len(merged)
            merged.append((key, value))
    return yaml.MappingNode(
        over.tag, merged, over.start_mark, over.end_mark, flow_style=over.flow_style
    )
