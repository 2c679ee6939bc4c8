"""Take a paper, produce it numbered: section labels, figure and table numbers, and the
text of every cross-reference, in the paper's language."""

from __future__ import annotations

import dataclasses

from . import model as m
from .numerals import section_label
from .theme import Theme
from .transform import rewrite


def number_paper(paper: m.Paper, theme: Theme) -> tuple[m.Paper, dict[str, str]]:
    """Return the numbered paper and the text each id is referred to by ("圖 1")."""
    lang = paper.meta.lang
    counters = {"fig": 0, "tbl": 0}
    path: list[int] = []
    targets: dict[str, str] = {}

    def number(node):
        nonlocal path
        if isinstance(node, m.Heading) and node.numbered:
            depth = node.level
            path = (path + [0] * depth)[:depth]
            path[-1] += 1
            label = section_label(tuple(path), lang)
            if node.id:
                word = theme.word(lang, "section")
                targets[node.id] = f"{word} {label}" if word else label
            return dataclasses.replace(node, label=label)
        if isinstance(node, (m.Figure, m.Table)):
            kind = "fig" if isinstance(node, m.Figure) else "tbl"
            counters[kind] += 1
            if node.id:
                word = theme.word(lang, "figure" if kind == "fig" else "table")
                targets[node.id] = f"{word} {counters[kind]}"
            return dataclasses.replace(node, number=counters[kind])
        return node

    # Blocks are numbered in document order; `rewrite` visits children first, which for
    # these leaf-like nodes (headings, figures, tables never nest each other) is the same.
    blocks = _in_order(paper.blocks, number)

    def resolve(node):
        if isinstance(node, m.CrossRef):
            return dataclasses.replace(node, text=targets.get(node.id, node.id))
        return node

    numbered = dataclasses.replace(
        paper,
        blocks=rewrite(blocks, resolve),
        footnotes=rewrite(paper.footnotes, resolve),
        key_points=rewrite(paper.key_points, resolve),
    )
    return numbered, targets


def _in_order(blocks: tuple[m.Block, ...], fn) -> tuple[m.Block, ...]:
    out = []
    for block in blocks:
        if isinstance(block, m.Box):
            block = dataclasses.replace(block, children=_in_order(block.children, fn))
        out.append(fn(block))
    return tuple(out)
