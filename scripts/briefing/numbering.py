"""Take a read paper (or a volume's preface), produce it labelled: every number and word a
writer prints is decided here, once, in the document's language.

- headings get their labels (（一）, 1.2, 附錄一) and separators, figures and tables
  theirs (圖 1, Table 2, 附圖一之一 in an appendix), wherever they stand: in lists,
  quotes and boxes too (one walk, in document order);
- each footnote call gets its printed label and whether it is the note's first call;
- each cross-reference gets the text it prints, and the part of it that is the label;
  each page reference the words around its page number;
- with `toc: true`, every heading an id and the paper its contents;
- the title block's lines and the key-points box are made from the front matter.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from . import model as m
from .language import Language
from .theme import Imprint
from .transform import plain_text, rewrite, walk


@dataclass(frozen=True)
class Target:
    """What `@id` prints: all of `text`, of which `label` is the target's own label."""

    kind: str
    text: str
    label: str


class Numberer:
    """One document's counters: sections, figures and tables, appendices, in reading order."""

    def __init__(self, language: Language):
        self.language = language
        self.counters = {"fig": 0, "tbl": 0}
        self.path: list[int] = []
        self.appendix = 0  # the current appendix (1 = A / 一), 0 before any
        self.in_appendix = False
        self.targets: dict[str, Target] = {}
        self.unnumbered_above = 0  # level of the unnumbered heading we are under (0: none)

    def label(self, node):
        if isinstance(node, m.Heading):
            return self.heading(node)
        if isinstance(node, (m.Figure, m.Table)):
            return self.figure_or_table(node)
        return node

    def heading(self, node: m.Heading) -> m.Heading:
        language = self.language
        if self.unnumbered_above and node.level <= self.unnumbered_above:
            self.unnumbered_above = 0
        if self.unnumbered_above or not node.numbered:
            # A heading under an unnumbered one is unnumbered too: numbering it would
            # print a 0 for its parent ("1.0.1").
            self.unnumbered_above = self.unnumbered_above or node.level
            node = replace(node, numbered=False)
            if node.id:
                words = plain_text(node.children)
                self.targets[node.id] = Target("sec", words, words)
            return node
        depth = node.level
        self.path = (self.path + [0] * depth)[:depth]
        self.path[-1] += 1
        if self.in_appendix and depth == 1:  # a new appendix: 附錄一 / Appendix A
            self.appendix += 1
            self.counters = {"fig": 0, "tbl": 0}
            text = language.appendix_label(self.appendix)
            if node.id:
                self.targets[node.id] = Target("sec", text, text)
            return replace(node, label=text, separator=language.separators["appendix"])
        if self.in_appendix and self.appendix:
            text = language.appendix_section_label(self.appendix, tuple(self.path[1:]))
        else:
            text = language.section_label(tuple(self.path))
        if node.id:
            self.targets[node.id] = Target("sec", language.section_reference(text), text)
        return replace(node, label=text, separator=language.separators["heading"])

    def figure_or_table(self, node: m.Figure | m.Table) -> m.Figure | m.Table:
        kind = "fig" if isinstance(node, m.Figure) else "tbl"
        word = "figure" if kind == "fig" else "table"
        self.counters[kind] += 1
        n = self.counters[kind]
        appendix = self.appendix if self.in_appendix else 0
        parts = self.language.label_parts(word, n, appendix)
        made = m.Label(
            text=parts.text,
            prefix=parts.prefix,
            number=parts.number,
            count=n,
            suffix=parts.suffix,
            style=parts.style,
            sequence=self.language.word(word),
            restart=bool(appendix) and n == 1,
        )
        if node.id:
            self.targets[node.id] = Target(kind, parts.text, parts.text)
        return replace(node, label=made)


def number_blocks(
    blocks: tuple[m.Block, ...], language: Language
) -> tuple[tuple[m.Block, ...], dict[str, Target]]:
    """Label headings, figures and tables in document order; return what each id prints.
    An appendix stands at the top level (the reader checks), so each top-level block is
    labelled knowing whether it is one."""
    numberer = Numberer(language)
    out = []
    for block in blocks:
        numberer.in_appendix = isinstance(block, m.Appendix)
        # `rewrite` visits children before parents; headings, figures and tables never
        # contain each other, so they are met in document order.
        out.append(rewrite(block, numberer.label))
    return tuple(out), numberer.targets


def resolve_references(node, targets: dict[str, Target]):
    """Every CrossRef under `node` with the text it prints (unknown ids keep theirs: the
    reader has reported them)."""

    def resolve(n):
        if isinstance(n, m.CrossRef) and n.id in targets:
            target = targets[n.id]
            return replace(n, text=target.text, label=target.label)
        return n

    return rewrite(node, resolve)


def word_page_references(node, language: Language):
    """Every PageRef under `node` with the words around its number ("p. ", "第 "/" 頁")."""
    before, after = language.page_reference()

    def word(n):
        return replace(n, before=before, after=after) if isinstance(n, m.PageRef) else n

    return rewrite(node, word)


def name_headings(blocks: tuple[m.Block, ...]) -> tuple[m.Block, ...]:
    """Give every heading without an id one (`sec:toc-3`), so the contents can point at it."""
    used = {n.id for n in walk(blocks) if getattr(n, "id", None)}
    count = 0

    def name(node):
        nonlocal count
        if not isinstance(node, m.Heading) or node.id:
            return node
        count += 1
        while f"sec:toc-{count}" in used:
            count += 1
        return replace(node, id=f"sec:toc-{count}")

    return rewrite(blocks, name)


def contents(blocks: tuple[m.Block, ...], depth: int, language: Language) -> m.Contents:
    """The contents: every heading down to `depth`, as labelled, in reading order."""
    entries = tuple(
        m.TocEntry(node.id, node.level, node.label, node.separator, plain_text(node.children))
        for node in walk(blocks)
        if isinstance(node, m.Heading) and node.level <= depth and node.id
    )
    return m.Contents(language.word("contents"), entries)


def number_notes(
    blocks: tuple[m.Block, ...], footnotes: tuple[m.Footnote, ...]
) -> tuple[tuple[m.Block, ...], tuple[m.Footnote, ...]]:
    """Notes numbered in the order a reader meets their first calls: a table's caption,
    printed above it, before its cells (Markdown writes it below). Word numbers notes by
    their place and LibreOffice takes a DOCX's notes in that order, so the DOCX needs
    it; notes never called keep their order after the rest."""
    order: dict[str, int] = {}
    for node in walk(blocks, reading=True):
        if isinstance(node, m.FootnoteRef) and node.id not in order:
            order[node.id] = len(order) + 1
    for note in sorted(footnotes, key=lambda f: f.number):
        order.setdefault(note.id, len(order) + 1)
    if all(order.get(note.id) == note.number for note in footnotes):
        return blocks, footnotes

    def renumber(node):
        if isinstance(node, m.FootnoteRef) and node.id in order:
            return replace(node, number=order[node.id])
        return node

    notes = tuple(replace(note, number=order[note.id]) for note in footnotes)
    return rewrite(blocks, renumber), tuple(sorted(notes, key=lambda f: f.number))


def mark_footnote_calls(blocks: tuple[m.Block, ...], language: Language) -> tuple[m.Block, ...]:
    """Each call's printed label, and whether it is its note's first call."""
    seen: set[str] = set()

    def mark(node):
        if isinstance(node, m.FootnoteRef):
            first = node.id not in seen
            seen.add(node.id)
            return replace(node, label=language.footnote_label(node.number), first=first)
        return node

    return rewrite(blocks, mark)


def title_block(meta: m.Meta, language: Language) -> m.TitleBlock:
    short = meta.short_title or meta.title
    return m.TitleBlock(
        number=language.paper_number(meta.number) if meta.number else "",
        title=meta.title,
        title_separator=language.separators["title"] if meta.number else "",
        numbered_title=language.numbered_title(meta.title, meta.number),
        header_title=language.numbered_title(short, meta.number),
        subtitle=meta.subtitle,
        series=meta.series,
        authors=tuple(language.author_line(a.name, a.affiliation, a.role) for a in meta.authors),
        date=language.format_date(meta.date, meta.calendar),
        marking=meta.marking,
        watermark=language.word("draft") if meta.status == "draft" else "",
        status="draft" if meta.status == "draft" else "",
    )


def key_points_box(points: tuple[tuple[m.Inline, ...], ...], language: Language) -> m.Box | None:
    """The key points as the box both outputs print: the language's title, one bullet each."""
    if not points:
        return None
    items = tuple((m.Paragraph(point),) for point in points)
    return m.Box(language.word("key_points"), (m.BulletList(items),), kind="key-points")


def about_box(authors: tuple[m.Author, ...], language: Language) -> m.Box | None:
    """ "About the authors": for each author with a bio, the name (bold) and the bio below."""
    entries = tuple(
        m.Paragraph((m.Strong((m.Text(a.name),)), m.LineBreak(), *a.bio)) for a in authors if a.bio
    )
    if not entries:
        return None
    return m.Box(language.word("about_authors"), entries, kind="about-authors")


def colophon(imprint: Imprint | None) -> m.Colophon | None:
    """The imprint line as printed: its parts joined by the theme's separator."""
    if imprint is None or not imprint.parts():
        return None
    return m.Colophon(imprint.separator.join(imprint.parts()), imprint.url, imprint.qr)


def number_paper(
    paper: m.Paper, points: tuple[tuple[m.Inline, ...], ...], language: Language
) -> tuple[m.Paper, dict[str, Target]]:
    """The paper with every label filled in, and what each id prints."""
    blocks = name_headings(paper.blocks) if paper.meta.toc else paper.blocks
    blocks, targets = number_blocks(blocks, language)
    blocks, footnotes = number_notes(blocks, paper.footnotes)
    blocks = mark_footnote_calls(blocks, language)
    footnotes = tuple(
        replace(note, label=language.footnote_label(note.number)) for note in footnotes
    )

    def resolved(node):
        return word_page_references(resolve_references(node, targets), language)

    numbered = replace(
        paper,
        blocks=resolved(blocks),
        footnotes=resolved(footnotes),
        key_points=resolved(key_points_box(points, language)),
        contents=contents(blocks, paper.meta.toc_depth, language) if paper.meta.toc else None,
        title_block=title_block(paper.meta, language),
        about=resolved(about_box(paper.meta.authors, language)),
    )
    return numbered, targets
