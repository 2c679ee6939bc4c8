"""Take a laid-out document and its paper, produce the paper with each figure that did not
fit at the foot of a page moved after the text that follows it, as book typesetting floats
a figure: the text flows on to fill the page, the figure starts the next one.

WeasyPrint keeps a figure whole (`break-inside: avoid`), so a figure taller than what is
left of a page goes to the next page and leaves the rest of this one empty: a third of
a page, often. CSS has no float-to-next-page, so the layout is done twice: the first
pass finds each figure that opens a page after a page left more than the theme's share
empty (`figures.max_blank`), the model moves it past the text after it (paragraphs,
lists, quotes; or the next heading and its text, as a book's figure floats into the next
section), as many blocks as the first layout shows would fill that space (the last of them
split by the page break), and the page is laid out once more. Only once: every layout of a
60-page paper costs seconds, and further passes, measured on the benchmark's long paper,
freed 2 of 6 such pages for twice the time. The live preview (`briefing serve`) shows the
first layout, so an edit's pages appear without waiting for the second.
A figure moves only later, within its own container (never past a table, a box, another
figure or the end of a box or list), so it stays after its first reference, and figures keep
their order and numbers.
The same input always moves the same figures.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from . import model as m
from .pdf import laid_out
from .transform import rewrite, walk

PASSES = 1  # layouts after the first (see the docstring: each costs a whole layout)
FIGURE_ATTRIBUTE = "data-figure"  # the figure's label count, written by the HTML writer


def _figure_boxes(box, found: list, parent=None) -> None:
    """Each figure's outermost box under `box`, with the box that holds it, in order."""
    element = getattr(box, "element", None)
    if (
        getattr(box, "element_tag", None) == "figure"
        and element is not None
        and element.get(FIGURE_ATTRIBUTE)
    ):
        found.append((box, parent))
        return
    for child in getattr(box, "children", ()):
        _figure_boxes(child, found, box)


def _content_bottom(box) -> float:
    """The lowest edge of the in-flow content under `box` (line boxes and replaced boxes)."""
    bottom = 0.0
    children = getattr(box, "children", None)
    if not children:
        return box.position_y + box.margin_height()
    for child in children:
        bottom = max(bottom, _content_bottom(child))
    return bottom


def pushed_figures(document, max_blank: float) -> dict[str, int]:
    """The figures (their data-figure values) that open a page after the page before
    them was left more than `max_blank` (a share of the text height) empty, each with how
    many of the blocks after it would fill that space (at least one): one more layout
    then usually settles it."""
    pushed = {}
    for before, page in zip(document.pages, document.pages[1:]):
        box = page._page_box
        figures: list = []
        _figure_boxes(box.children[0], figures)
        if not figures or figures[0][0].position_y > box.content_box_y() + 1:
            continue
        previous = before._page_box
        area_bottom = previous.content_box_y() + previous.height
        footnotes = getattr(previous, "footnote_area", None)
        if footnotes is not None and footnotes.children:
            area_bottom = footnotes.position_y
        empty = area_bottom - _content_bottom(previous.children[0])
        if empty > max_blank * previous.height:
            figure, parent = figures[0]
            pushed[figure.element.get(FIGURE_ATTRIBUTE)] = _blocks_filling(figure, parent, empty)
    return pushed


def _blocks_filling(figure, parent, space: float) -> int:
    """How many of the blocks after `figure` (as laid out on its page) it takes to fill
    `space`: those that fit, and the one that reaches past it, which a page break splits
    (a paragraph) or which stops the move anyway (`_text_after` passes text only).
    Counting only whole blocks left the page short again and cost another layout."""
    siblings = list(getattr(parent, "children", ()))
    after = siblings[siblings.index(figure) + 1 :] if figure in siblings else []
    count, used = 0, 0.0
    for block in after:
        if used >= space:
            break
        used += block.margin_height()
        count += 1
    return max(count, 1)


def move_after_next_paragraph(
    blocks: tuple[m.Block, ...], wanted: Callable[[m.Figure], int]
) -> tuple[tuple[m.Block, ...], bool]:
    """`blocks` with each wanted figure moved past the text right after it in the same
    container (the paper's body, a box, a quote, a list item): past as many blocks as
    `wanted` says (0: it stays), or fewer where a table, a box or a figure comes first;
    and whether one moved."""
    moved = False

    def swap(children: tuple[m.Block, ...]) -> tuple[m.Block, ...]:
        nonlocal moved
        out, i = list(children), 0
        while i + 1 < len(out):
            figure = out[i]
            want = wanted(figure) if isinstance(figure, m.Figure) else 0
            passed = 0
            while want and passed < want and not _has_note_call(figure.caption):
                step = _text_after(out, i + 1 + passed)
                if not step or (passed and passed + step > want):
                    break
                passed += step
            if passed:
                out[i : i + 1 + passed] = [*out[i + 1 : i + 1 + passed], figure]
                moved = True
                i += passed
            i += 1
        return tuple(out)

    def containers(node):
        if isinstance(node, (m.BlockQuote, m.Box)):
            return dataclasses.replace(node, children=swap(node.children))
        if isinstance(node, (m.BulletList, m.OrderedList)):
            return dataclasses.replace(node, items=tuple(swap(item) for item in node.items))
        return node

    return swap(rewrite(blocks, containers)), moved


TEXT = (m.Paragraph, m.BulletList, m.OrderedList, m.BlockQuote, m.CodeBlock)


def _text_after(blocks: list[m.Block], at: int) -> int:
    """How many blocks from `at` a figure moves past: running text (a paragraph, a list, a
    quote), or a heading and the text under it (a figure never comes between a heading
    and its text); 0 before a table, a box, another figure or the end."""
    if at < len(blocks) and isinstance(blocks[at], TEXT):
        return 1
    if (
        at + 1 < len(blocks)
        and isinstance(blocks[at], m.Heading)
        and isinstance(blocks[at + 1], TEXT)
    ):
        return 2
    return 0


def lay_out(paper: m.Paper, render: Callable[[m.Paper], object], max_blank: float):
    """The paper laid out by `render` (a WeasyPrint Document), figures moved on where one
    left a page more than `max_blank` empty; and the paper as laid out."""
    document = render(paper)
    laid_out(document)
    for _ in range(PASSES):
        moved = _move_pushed([paper], pushed_figures(document, max_blank), lambda p: "")
        if moved is None:
            break
        (paper,) = moved
        document = render(paper)
    return document, paper


def lay_out_volume(
    volume: m.Volume,
    render: Callable[[m.Volume], object],
    max_blank: float,
    prefix: Callable[[m.Paper], str],
):
    """The same for a bound volume; `prefix` is what the HTML puts before each paper's
    figure numbers (its ids' prefix), so two papers' figure 1 stay apart."""
    document = render(volume)
    laid_out(document)
    for _ in range(PASSES):
        moved = _move_pushed(volume.papers, pushed_figures(document, max_blank), prefix)
        if moved is None:
            break
        volume = dataclasses.replace(volume, papers=tuple(moved))
        document = render(volume)
    return document, volume


def _move_pushed(papers, pushed: dict[str, int], prefix) -> list[m.Paper] | None:
    """The papers with their pushed figures moved on; None when none could move."""
    out, any_moved = [], False
    for paper in papers:
        keys = {
            key[len(prefix(paper)) :]: n
            for key, n in pushed.items()
            if key.startswith(prefix(paper))
        }

        def wanted(figure: m.Figure, keys: dict[str, int] = keys) -> int:
            return keys.get(str(figure.label.count), 0) if figure.label is not None else 0

        blocks, moved = move_after_next_paragraph(paper.blocks, wanted) if keys else ((), False)
        out.append(dataclasses.replace(paper, blocks=blocks) if moved else paper)
        any_moved |= moved
    return out if any_moved else None


def _has_note_call(inlines: tuple[m.Inline, ...]) -> bool:
    """A caption with a footnote call keeps its place: moving it past a paragraph with
    calls of its own would print the notes out of order."""
    return any(isinstance(n, m.FootnoteRef) for n in walk(inlines))
