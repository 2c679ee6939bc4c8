"""Take model blocks, produce Markdown blocks: paragraphs wrapped as a person wraps them,
lists, quotes, fenced code, figures with their attributes, pipe tables with `Table:`
captions, `:::` boxes, appendices and landscape blocks, and `::: {#refs}` where the reference
list stands.

One handler per block type (BLOCK_HANDLERS); each returns the block's lines. Labels,
numbers and the contents are not written: the reader and numbering.py make them again.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import replace
from fractions import Fraction

from briefing import model as m
from briefing.transform import plain_text

from .inlines import BREAK, NOBREAK, Where, plain, write_inlines

WIDTH = 88  # columns a paragraph is wrapped to (a Chinese character takes two)
# What a line may not start with, or it would be read as another block.
BLOCK_START = re.compile(
    r"^(?:#{1,6}(?:\s|$)|>|[+*-](?:\s|$)|\d{1,9}[.)](?:\s|$)|:(?:\s|$)|:::|Table:|`{3}|~{3}"
    r"|[=-]+\s*$|(?:[*_-]\s*){3,}$|\[\^[^\]]*\]:)"
)
PANDOC_COLUMNS = 72


def columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrap(markdown: str, width: int = WIDTH, *, lead: str = "") -> list[str]:
    """A paragraph's Markdown in lines of at most `width` columns where it can break: at a
    space, or between two Chinese characters (BREAK); never where the next line would
    start another block."""
    lines = []
    for hard in markdown.split("\n"):
        tokens = re.split(f"([ {BREAK}])", hard)
        line, size = "", columns(lead) if not lines else 0
        pending = ""  # the separator before the next token: " " or BREAK
        for token in tokens:
            if token in (" ", BREAK):
                pending = token if pending != " " else pending
                continue
            if not token:
                continue
            gap = " " if pending == " " else ""
            shown = token.replace(NOBREAK, " ")
            need = columns(gap + shown)
            if line and pending and size + need > width and not BLOCK_START.match(shown):
                lines.append(line)
                line, size = shown, columns(shown)
            else:
                line += gap + shown
                size += need
            pending = ""
        lines.append(line + (" " if pending == " " else ""))
    return [lead + lines[0] if lead else escape_start(lines[0]), *lines[1:]]


def escape_start(line: str) -> str:
    """A paragraph opening with `#`, `-`, `1.`, `>`... keeps it as text."""
    start = len(line) - len(line.lstrip())
    if not BLOCK_START.match(line[start:]):
        return line
    digits = re.match(r"\d+", line[start:])
    if digits:  # "2020. was..." -> "2020\. was..."
        start += digits.end()
    elif line[start:].startswith("Table:"):
        start += len("Table")
    return line[:start] + "\\" + line[start:]


class Writer:
    def __init__(self, smart: bool):
        self.where = Where(smart=smart)
        self.width = WIDTH  # less the indentation of the list, quote or note being written

    def blocks(self, blocks: tuple) -> list[str]:
        """Blocks separated by blank lines; two lists in a row are kept apart by
        changing the marker, as CommonMark reads a new marker as a new list."""
        out: list[str] = []
        previous = None
        for block in blocks:
            handler = BLOCK_HANDLERS.get(type(block))
            if handler is None:
                raise TypeError(f"Markdown writer: no handler for block {type(block).__name__}")
            alternate = type(previous) is type(block) and isinstance(
                block, (m.BulletList, m.OrderedList)
            )
            lines = handler(self, block, alternate) if alternate else handler(self, block)
            if not lines:
                continue
            if out:
                out.append("")
            out.extend(lines)
            previous = block
        return out

    def inlines(self, nodes: tuple, **change) -> str:
        return write_inlines(nodes, replace(self.where, **change) if change else self.where)

    def paragraph(self, node: m.Paragraph) -> list[str]:
        return wrap(self.inlines(node.children), self.width) if node.children else []

    def heading(self, node: m.Heading) -> list[str]:
        attrs = []
        if node.id:
            attrs.append("#" + node.id)
        if not node.numbered:
            attrs.append(".unnumbered" if node.id else "-")
        text = plain(self.inlines(node.children)).replace("\\\n", " ")
        suffix = f" {{{' '.join(attrs)}}}" if attrs else ""
        return ["#" * (node.level + 1) + " " + text + suffix]

    def bullets(self, node: m.BulletList, alternate: bool = False) -> list[str]:
        marker = "*" if alternate else "-"
        return self._items(node.items, lambda i: marker)

    def ordered(self, node: m.OrderedList, alternate: bool = False) -> list[str]:
        end = ")" if alternate else "."
        return self._items(node.items, lambda i: f"{node.start + i}{end}")

    def _items(self, items, marker) -> list[str]:
        loose = any(len(item) > 1 for item in items)
        out: list[str] = []
        for i, item in enumerate(items):
            lead = marker(i) + " "
            self.width -= len(lead)
            lines = self.blocks(item) or [""]
            self.width += len(lead)
            if loose and out:
                out.append("")
            out.append(lead + lines[0])
            pad = " " * len(lead)
            out.extend(pad + line if line else "" for line in lines[1:])
        return out

    def quote(self, node: m.BlockQuote) -> list[str]:
        self.width -= 2
        lines = self.blocks(node.children)
        self.width += 2
        return [f"> {line}" if line else ">" for line in lines]

    def code(self, node: m.CodeBlock) -> list[str]:
        longest = max((len(r) for r in re.findall(r"`{3,}", node.text)), default=2)
        fence = "`" * (longest + 1)
        return [fence, *node.text.split("\n"), fence]

    def figure(self, node: m.Figure) -> list[str]:
        attrs = []
        if node.id:
            attrs.append("#" + node.id)
        if node.width is not None:
            attrs.append("width=" + width_text(node.width))
        if node.source is not None:
            attrs.append("source=" + quoted(node.source))
        if node.alt and node.alt != plain_text(node.caption):
            attrs.append("alt=" + quoted(node.alt))
        src = f"<{node.src}>" if re.search(r"[\s()<>]", node.src) else node.src
        caption = plain(self.inlines(node.caption, brackets=True)).replace("\\\n", " ")
        return [f"![{caption}]({src})" + (f"{{{' '.join(attrs)}}}" if attrs else "")]

    def table(self, node: m.Table) -> list[str]:
        count = max([len(node.header)] + [len(r) for r in node.rows])

        def row(cells) -> str:
            shown = [plain(self.inlines(c, table=True)) for c in cells]
            shown += [""] * (count - len(shown))
            return "| " + " | ".join(shown) + " |"

        lines = [row(node.header), *(row(r) for r in node.rows)]
        align = list(node.align) + [""] * (count - len(node.align))
        dashes = dash_counts(node.widths, align, lines)
        lines.insert(1, "|" + "|".join(rule(n, a) for n, a in zip(dashes, align)) + "|")
        attrs = [f"#{node.id}"] if node.id else []
        if node.widths and dashes == [3] * count:  # no dashes say these shares: say them
            attrs.append(f'widths="{" ".join(f"{w * 100:g}" for w in node.widths)}"')
        if node.caption or attrs:
            caption = self.inlines(node.caption).replace("\\\n", " ")
            tail = f" {{{NOBREAK.join(attrs)}}}" if attrs else ""
            lines += ["", *wrap((caption + tail).strip(), lead="Table: ")]
        return lines

    def box(self, node: m.Box) -> list[str]:
        title = f" title={quoted(node.title)}" if node.title else ""
        return ["::: {.box" + title + "}", *self.blocks(node.children), ":::"]

    def definitions(self, node: m.DefinitionList) -> list[str]:
        out: list[str] = []
        for term, definitions in node.items:
            if out:
                out.append("")
            out.append(plain(self.inlines(term)))
            for blocks in definitions:
                lines = self.blocks(blocks) or [""]
                out.append("")
                out.append(":   " + lines[0])
                out.extend("    " + line if line else "" for line in lines[1:])
        return out

    def appendix(self, node: m.Appendix) -> list[str]:
        return ["::: appendix", *self.blocks(node.children), ":::"]

    def landscape(self, node: m.Landscape) -> list[str]:
        return ["::: landscape", *self.blocks(node.children), ":::"]

    def contents(self, node: m.Contents) -> list[str]:
        return []  # `toc: true` in the front matter makes them again

    def bibliography(self, node: m.Bibliography) -> list[str]:
        return ["::: {#refs}", ":::"]  # its place; the reader writes the list from the library


def quoted(value: str) -> str:
    return f"'{value}'" if '"' in value and "'" not in value else f'"{value}"'


def width_text(width: m.Width) -> str:
    """The shortest way to write `width` that reads back as exactly the same number."""
    from briefing.reader.widths import parse_width

    if width.fraction is not None:
        candidates = [f"{round(width.fraction * 100, d):g}%" for d in range(0, 8)]
        candidates.append(f"{width.fraction * 100!r}%")
    else:
        candidates = [
            f"{round(width.points / factor, d):g}{unit}"
            for d in range(0, 6)
            for unit, factor in (
                ("cm", 72 / 2.54),
                ("mm", 72 / 25.4),
                ("in", 72.0),
                ("pt", 1.0),
                ("px", 0.75),
            )  # fmt: skip
        ]
        candidates.append(f"{width.points!r}pt")
    for text in candidates:
        parsed, _, _ = parse_width(text, 1000.0)
        if parsed == width:
            return text
    return candidates[-1]


def dash_counts(widths: tuple[float, ...], align: list[str], lines: list[str]) -> list[int]:
    """Dashes under the header: three each, or, for a table with column shares, dashes in
    those proportions on a separator line longer than Pandoc's 72 columns (which is what
    makes the reader take them as shares)."""
    count = len(align)
    if not widths or len(widths) != count:
        return [3] * count
    shares = [Fraction(w).limit_denominator(1000) for w in widths]
    lcm = 1
    for share in shares:
        lcm = lcm * share.denominator // _gcd(lcm, share.denominator)
    counts = [int(share * lcm) for share in shares]
    if any(n / sum(counts) != w for n, w in zip(counts, widths)):
        return [3] * count  # the shares are not ratios of whole numbers: write them out
    factor = 1
    while min(counts) * factor < 3 or sum(counts) * factor + count + 1 <= PANDOC_COLUMNS:
        factor += 1
    return [n * factor for n in counts]


def _gcd(a: int, b: int) -> int:
    while b:
        a, b = b, a % b
    return a


def rule(n: int, align: str) -> str:
    if align == "right":
        return "-" * (n - 1) + ":"
    if align == "center":
        return ":" + "-" * (n - 2) + ":"
    if align == "left":
        return ":" + "-" * (n - 1)
    return "-" * n


BLOCK_HANDLERS: dict[type, Callable] = {
    m.Paragraph: Writer.paragraph,
    m.Heading: Writer.heading,
    m.BulletList: Writer.bullets,
    m.OrderedList: Writer.ordered,
    m.BlockQuote: Writer.quote,
    m.CodeBlock: Writer.code,
    m.Figure: Writer.figure,
    m.Table: Writer.table,
    m.Box: Writer.box,
    m.DefinitionList: Writer.definitions,
    m.Appendix: Writer.appendix,
    m.Landscape: Writer.landscape,
    m.Contents: Writer.contents,
    m.Bibliography: Writer.bibliography,
}
