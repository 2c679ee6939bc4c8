"""The document model: what a reader produces and every writer consumes.

Frozen dataclasses only. A writer never parses Markdown or reads YAML, and never counts
or decides: every printed label ("（一）", "Figure 2", footnote 3, "五、", the date line,
the key-points box, whether a note's call is its first) is filled in by the reader and
the numbering transform, so every writer prints the same text.
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
    """A link; `href` is a web or mail address, or `#id` of a figure, table or section."""

    children: tuple[Inline, ...]
    href: str


@dataclass(frozen=True)
class LineBreak:
    pass


@dataclass(frozen=True)
class FootnoteRef:
    """A call to a footnote. `number` is the note's position in call order, `label` what
    is printed ("3"); `first` is True for the note's first call, where the note is placed
    (a later call prints the number again and points to it)."""

    id: str
    number: int
    label: str = ""
    first: bool = True


@dataclass(frozen=True)
class CrossRef:
    """`@fig:rings` in the source. `text` is what a reader sees ("圖 1", "Section 2");
    `label` is the part of it that is the target's own label ("1" of "Section 1"), which the
    DOCX keeps live as a REF field."""

    kind: str  # "fig" | "tbl" | "sec"
    id: str  # the full id, e.g. "fig:rings"
    text: str = ""
    label: str = ""


Inline = Text | Emph | Strong | Code | Link | LineBreak | FootnoteRef | CrossRef

# ---------------------------------------------------------------- blocks


@dataclass(frozen=True)
class Label:
    """A figure's or table's printed label, e.g. "圖 1": `prefix` ("圖 ") then `number`
    ("1"); `count` is its place in its sequence (what Word's SEQ field counts)."""

    text: str
    prefix: str
    number: str
    count: int


@dataclass(frozen=True)
class Width:
    """A figure's width as the analyst gave it, checked: a share of the text width
    (`fraction`, 0 < f <= 1) or an absolute size in points."""

    fraction: float | None = None
    points: float | None = None

    def of(self, text_width: float) -> float:
        """The width in points for a text column `text_width` points wide."""
        return self.points if self.points is not None else text_width * self.fraction

    def css(self) -> str:
        return f"{self.points:.2f}pt" if self.points is not None else f"{self.fraction * 100:g}%"


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
    """An image paragraph. `src` is relative to the paper's folder (POSIX form); `path`
    is the checked file it names."""

    src: str
    caption: tuple[Inline, ...]
    id: str | None = None
    width: Width | None = None  # None: the image's natural size, at most the text width
    source: str | None = None  # the "Source: ..." line under the caption
    alt: str = ""
    label: Label | None = None
    path: Path = field(default=Path("."), compare=False, repr=False)


@dataclass(frozen=True)
class Table:
    header: tuple[tuple[Inline, ...], ...]
    rows: tuple[tuple[tuple[Inline, ...], ...], ...]
    align: tuple[str, ...]  # "left" | "center" | "right" | "" per column
    caption: tuple[Inline, ...] = ()
    id: str | None = None
    label: Label | None = None


@dataclass(frozen=True)
class Box:
    """A shaded, bordered box (`::: {.box title="..."}`); the key points are one too."""

    title: str
    children: tuple[Block, ...]
    kind: str = "box"  # "box" | "key-points" | "about-authors"


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
    label: str = ""


@dataclass(frozen=True)
class Author:
    name: str
    affiliation: str = ""
    role: str = ""
    bio: tuple[Inline, ...] = ()  # printed under "About the authors"


@dataclass(frozen=True)
class Meta:
    """The front matter as written."""

    title: str
    authors: tuple[Author, ...]
    date: dt.date
    lang: str = "en"
    subtitle: str = ""
    series: str = ""
    number: int | None = None
    short_title: str = ""
    marking: str = ""
    theme: str = ""  # the theme the front matter names; "" for the default
    status: str = ""  # "draft" | "final" | "" (final)


@dataclass(frozen=True)
class TitleBlock:
    """Every line the title block and the running heads print, in the paper's language."""

    number: str = ""  # "五、" / "No. 5"; empty without a number
    title: str = ""
    title_separator: str = ""  # between the number and the title
    numbered_title: str = ""  # "五、近期中共…" (contents, bookmarks)
    header_title: str = ""  # the numbered short title, for the running header
    subtitle: str = ""
    series: str = ""
    authors: tuple[str, ...] = ()  # one printed line per author
    date: str = ""  # "2022 年 1 月 25 日"
    marking: str = ""
    watermark: str = ""  # the word printed across every page of a draft ("DRAFT", "草稿")
    status: str = ""  # the status the document properties carry ("draft"); "" when final


@dataclass(frozen=True)
class Colophon:
    """The imprint line that closes a paper, as printed, and the URL its QR code encodes
    (`qr` False: no code)."""

    text: str
    url: str = ""
    qr: bool = False


@dataclass(frozen=True)
class Paper:
    meta: Meta
    blocks: tuple[Block, ...]
    footnotes: tuple[Footnote, ...] = ()
    key_points: Box | None = None  # the key-points box, title and bullets
    title_block: TitleBlock = TitleBlock()
    about: Box | None = None  # "About the authors": a Box of kind "about-authors"
    colophon: Colophon | None = None
    folder: Path = field(default=Path("."), compare=False)  # where `src` paths resolve
    slug: str = ""


@dataclass(frozen=True)
class ContentsEntry:
    """One line of a volume's contents: the paper's numbered title and its authors."""

    slug: str
    title: str
    authors: str


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
    date_text: str = ""
    contents_title: str = ""
    contents: tuple[ContentsEntry, ...] = ()
    marking: str = ""  # every different marking of its papers: on its cover and contents
    content_root: Path = field(default=Path("."), compare=False)  # where paper folders live
    watermark: str = ""  # the word across every page of a draft volume
    status: str = ""  # "draft" or ""
