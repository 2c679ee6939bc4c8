"""The document model: what a reader produces and every writer consumes.

Frozen dataclasses only. A writer never parses Markdown or reads YAML; it walks these
nodes. Numbers and labels (section "（一）", "Figure 2", footnote 3) are filled in by
the reader and the numbering transform, so both writers print the same text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

# ---------------------------------------------------------------- inlines


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Emph:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Strong:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Code:
    text: str


@dataclass(frozen=True)
class Link:
    children: tuple[Inline, ...]
    href: str


@dataclass(frozen=True)
class LineBreak:
    pass


@dataclass(frozen=True)
class FootnoteRef:
    """A call to a footnote; `number` is its 1-based position in call order."""

    id: str
    number: int


@dataclass(frozen=True)
class CrossRef:
    """`@fig:rings` in the source. `text` is what a reader sees ("圖 1", "Table 2")."""

    kind: str  # "fig" | "tbl" | "sec"
    id: str  # the full id, e.g. "fig:rings"
    text: str = ""


Inline = Text | Emph | Strong | Code | Link | LineBreak | FootnoteRef | CrossRef

# ---------------------------------------------------------------- blocks


@dataclass(frozen=True)
class Paragraph:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Heading:
    """A section heading. `level` 1 is a section (`##`), 2 a subsection (`###`), 3 below."""

    level: int
    children: tuple[Inline, ...]
    id: str | None = None
    numbered: bool = True
    label: str = ""  # "（一）" / "1.2"; empty when unnumbered


@dataclass(frozen=True)
class BulletList:
    items: tuple[tuple[Block, ...], ...]


@dataclass(frozen=True)
class OrderedList:
    items: tuple[tuple[Block, ...], ...]
    start: int = 1


@dataclass(frozen=True)
class BlockQuote:
    children: tuple[Block, ...]


@dataclass(frozen=True)
class CodeBlock:
    text: str


@dataclass(frozen=True)
class Figure:
    """An image paragraph. `src` is relative to the paper's folder (POSIX form)."""

    src: str
    caption: tuple[Inline, ...]
    id: str | None = None
    width: str | None = None  # "60%" of the text width, as written
    source: str | None = None  # the "Source: ..." line under the caption
    number: int = 0
    alt: str = ""


@dataclass(frozen=True)
class Table:
    header: tuple[tuple[Inline, ...], ...]
    rows: tuple[tuple[tuple[Inline, ...], ...], ...]
    align: tuple[str, ...]  # "left" | "center" | "right" | "" per column
    caption: tuple[Inline, ...] = ()
    id: str | None = None
    number: int = 0


@dataclass(frozen=True)
class Box:
    """A shaded, bordered box (`::: {.box title="..."}`); the key points use one too."""

    title: str
    children: tuple[Block, ...]
    kind: str = "box"  # "box" | "key-points"


Block = (
    Paragraph | Heading | BulletList | OrderedList | BlockQuote | CodeBlock | Figure | Table | Box
)

INLINE_TYPES: tuple[type, ...] = (Text, Emph, Strong, Code, Link, LineBreak, FootnoteRef, CrossRef)
BLOCK_TYPES: tuple[type, ...] = (
    Paragraph,
    Heading,
    BulletList,
    OrderedList,
    BlockQuote,
    CodeBlock,
    Figure,
    Table,
    Box,
)

# ---------------------------------------------------------------- the paper


@dataclass(frozen=True)
class Footnote:
    id: str
    number: int
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Author:
    name: str
    affiliation: str = ""
    role: str = ""


@dataclass(frozen=True)
class Meta:
    title: str
    authors: tuple[Author, ...]
    date: dt.date
    lang: str = "en"  # "en" | "zh-Hant"
    subtitle: str = ""
    series: str = ""
    number: int | None = None
    short_title: str = ""
    marking: str = ""


@dataclass(frozen=True)
class Paper:
    meta: Meta
    key_points: tuple[tuple[Inline, ...], ...]
    blocks: tuple[Block, ...]
    footnotes: tuple[Footnote, ...] = ()
    folder: Path = field(default=Path("."), compare=False)  # where `src` paths resolve
    slug: str = ""

    @property
    def header_title(self) -> str:
        return self.meta.short_title or self.meta.title


@dataclass(frozen=True)
class Volume:
    """Papers bound together: each keeps its own numbering; `meta.number` is its place here."""

    title: str
    date: dt.date
    lang: str
    papers: tuple[Paper, ...]
    subtitle: str = ""
    publisher: str = ""
    preface: tuple[Block, ...] = ()
    slug: str = ""
    content_root: Path = field(default=Path("."), compare=False)  # where paper folders live
