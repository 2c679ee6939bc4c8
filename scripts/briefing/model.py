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
class Subscript:
    """`H~2~O`: lowered and smaller."""

    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Superscript:
    """`x^2^`: raised and smaller."""

    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Strikeout:
    """`~~struck~~`."""

    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Underline:
    """`[text]{.underline}`."""

    children: tuple[Inline, ...]


@dataclass(frozen=True)
class SmallCaps:
    """`[text]{.smallcaps}`."""

    children: tuple[Inline, ...]


@dataclass(frozen=True)
class LangSpan:
    """`[text]{lang=en}`: a passage in another of the theme's languages, set in its fonts,
    hyphenated by its rules and tagged with its language in both outputs."""

    children: tuple[Inline, ...]
    lang: str


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


@dataclass(frozen=True)
class PageRef:
    """`[@fig:rings]{.page}`: the page a figure, table or section is on ("p. 5", "第 5 頁").
    The number is the layout's (CSS target-counter in the PDF, a PAGEREF field in the
    DOCX); the words around it, `before` and `after`, are the language's."""

    kind: str  # "fig" | "tbl" | "sec"
    id: str
    before: str = ""
    after: str = ""


@dataclass(frozen=True)
class Citation:
    """`[@key, p. 12]` or `@key` from the library, as it was written (`source`) and as it
    prints (`children`, filled in by the reader from the citation style): in a note style
    the note call (after the author's name for `@key`), in an author-date style or inside
    a note the text. Writers print the children; the Markdown writer writes the source,
    which also holds the space before a note call and the punctuation moved in front of
    it (`text [@a].` prints `text.¹`: source ` [@a].`, children `.` and the call)."""

    source: str
    children: tuple[Inline, ...]


Inline = (
    Text | Emph | Strong | Code | Link | LineBreak | FootnoteRef | CrossRef | Subscript
    | Superscript | Strikeout | Underline | SmallCaps | LangSpan | PageRef | Citation
)  # fmt: skip

# ---------------------------------------------------------------- blocks


@dataclass(frozen=True)
class Label:
    """A figure's or table's printed label, e.g. "圖 1": `prefix` ("圖 ") then `number`
    ("1") then `suffix`; `count` is its place in its sequence (what Word's SEQ field
    counts). In an appendix the sequence restarts: "附圖一之一" is prefix "附圖一之",
    number "一" in style "chinese"."""

    text: str
    prefix: str
    number: str
    count: int
    suffix: str = ""  # after the number, when the pattern has text there
    style: str = ""  # the numeral style of `number` ("" arabic, "chinese", "upper-alpha"...)
    sequence: str = ""  # what is counted ("圖", "Table"): Word's SEQ identifier
    restart: bool = False  # the first of its sequence in a new appendix: counting restarts


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
    label: str = ""  # "（一）" / "1.2" / "附錄一"; empty when unnumbered
    separator: str = ""  # printed between the label and the words


@dataclass(frozen=True)
class BulletList:
    items: tuple[tuple[Block, ...], ...]


@dataclass(frozen=True)
class OrderedList:
    items: tuple[tuple[Block, ...], ...]
    start: int = 1


@dataclass(frozen=True)
class DefinitionList:
    """Terms, each with one or more definitions (each a run of blocks)."""

    items: tuple[tuple[tuple[Inline, ...], tuple[tuple[Block, ...], ...]], ...]


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
    widths: tuple[float, ...] = ()  # each column's share of the width; () sized by content


@dataclass(frozen=True)
class Box:
    """A shaded, bordered box (`::: {.box title="..."}`); the key points are one too."""

    title: str
    children: tuple[Block, ...]
    kind: str = "box"  # "box" | "key-points" | "about-authors"


@dataclass(frozen=True)
class Bibliography:
    """The reference list, where `## References` or a `::: {#refs}` div puts it: one entry
    per work, in the citation style's order and words (filled in by the reader)."""

    entries: tuple[tuple[Inline, ...], ...] = ()


@dataclass(frozen=True)
class Appendix:
    """The appendices (`::: appendix`, or everything after `# Appendix {.appendix}`): each
    `##` in it is one appendix, lettered 附錄一 / Appendix A, its figures and tables
    numbered within it (附圖一之一 / Figure A-1)."""

    children: tuple[Block, ...]


@dataclass(frozen=True)
class Landscape:
    """`::: landscape`: its content on pages of their own, turned to landscape."""

    children: tuple[Block, ...]


@dataclass(frozen=True)
class TocEntry:
    """One line of a paper's contents: a heading's label and words, and its id."""

    id: str
    level: int
    label: str
    separator: str
    text: str


@dataclass(frozen=True)
class Contents:
    """A paper's table of contents (`toc: true`), printed after the key points; each
    entry's page number is the layout's."""

    title: str
    entries: tuple[TocEntry, ...]


Block = (
    Paragraph | Heading | BulletList | OrderedList | BlockQuote | CodeBlock | Figure | Table | Box
    | DefinitionList | Appendix | Landscape | Contents | Bibliography
)  # fmt: skip

INLINE_TYPES: tuple[type, ...] = (
    Text, Emph, Strong, Code, Link, LineBreak, FootnoteRef, CrossRef, Subscript, Superscript,
    Strikeout, Underline, SmallCaps, LangSpan, PageRef, Citation,
)  # fmt: skip
BLOCK_TYPES: tuple[type, ...] = (
    Paragraph, Heading, BulletList, OrderedList, BlockQuote, CodeBlock, Figure, Table, Box,
    DefinitionList, Appendix, Landscape, Contents, Bibliography,
)  # fmt: skip

# ---------------------------------------------------------------- the paper


@dataclass(frozen=True)
class Footnote:
    id: str
    number: int
    blocks: tuple[Block, ...]
    label: str = ""
    citation: str = ""  # the citation it was made from, as written; "" if written by hand


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
    bibliography: tuple[str, ...] = ()  # library files, relative to the paper's folder
    csl: str = ""  # a style file, relative to the paper's folder
    citation_style: str = ""  # a bundled style's name
    citation_locale: str = ""
    nocite: tuple[str, ...] = ()  # keys, or "*"
    theme: str = ""  # the theme the front matter names; "" for the default
    status: str = ""  # "draft" | "final" | "" (final)
    toc: bool = False
    toc_depth: int = 2  # heading levels in the contents: 1 sections, 2 with subsections...
    calendar: str = ""  # "" the language's own; "gregorian" | "roc"
    keywords: tuple[str, ...] = ()  # subject keywords (PDF metadata, archive catalogues)


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
    contents: Contents | None = None  # `toc: true`: printed after the key points
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
