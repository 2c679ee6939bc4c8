"""Take a read paper (or a volume's preface), produce it labelled: every number and word a
writer prints is decided here, once, in the document's language.

- headings get their labels (（一）, 1.2), figures and tables theirs (圖 1, Table 2),
  wherever they stand: in lists, quotes and boxes too (one walk, in document order);
- each footnote call gets its printed label and whether it is the note's first call;
- each cross-reference gets the text it prints, and the part of it that is the label;
- the title block's lines and the key-points box are made from the front matter.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from . import model as m
from .language import Language
from .theme import Imprint
from .transform import plain_text, rewrite


@dataclass(frozen=True)
class Target:
    """What `@id` prints: all of `text`, of which `label` is the target's own label."""

    kind: str
    text: str
    label: str


def number_blocks(
    blocks: tuple[m.Block, ...], language: Language
) -> tuple[tuple[m.Block, ...], dict[str, Target]]:
    """Label headings, figures and tables in document order; return what each id prints."""
    counters = {"fig": 0, "tbl": 0}
    path: list[int] = []
    targets: dict[str, Target] = {}
    unnumbered_above = 0  # level of the unnumbered heading we are under (0: none)

    def label(node):
        nonlocal path, unnumbered_above
        if isinstance(node, m.Heading):
            if unnumbered_above and node.level <= unnumbered_above:
                unnumbered_above = 0
            if unnumbered_above or not node.numbered:
                # A heading under an unnumbered one is unnumbered too: numbering it
                # would print a 0 for its parent ("1.0.1").
                unnumbered_above = unnumbered_above or node.level
                node = dataclasses.replace(node, numbered=False)
                if node.id:
                    words = plain_text(node.children)
                    targets[node.id] = Target("sec", words, words)
                return node
            depth = node.level
            path = (path + [0] * depth)[:depth]
            path[-1] += 1
            text = language.section_label(tuple(path))
            if node.id:
                targets[node.id] = Target("sec", language.section_reference(text), text)
            return dataclasses.replace(node, label=text)
        if isinstance(node, (m.Figure, m.Table)):
            kind = "fig" if isinstance(node, m.Figure) else "tbl"
            counters[kind] += 1
            n = counters[kind]
            text = language.label_text("figure" if kind == "fig" else "table", n)
            number = str(n)
            prefix = text[: len(text) - len(number)] if text.endswith(number) else text
            made = m.Label(text=text, prefix=prefix, number=number, count=n)
            if node.id:
                targets[node.id] = Target(kind, text, text)
            return dataclasses.replace(node, label=made)
        return node

    # `rewrite` visits children before parents; headings, figures and tables never
    # contain each other, so they are met in document order.
    return rewrite(blocks, label), targets


def resolve_references(node, targets: dict[str, Target]):
    """Every CrossRef under `node` with the text it prints (unknown ids keep theirs: the
    reader has reported them)."""

    def resolve(n):
        if isinstance(n, m.CrossRef) and n.id in targets:
            target = targets[n.id]
            return dataclasses.replace(n, text=target.text, label=target.label)
        return n

    return rewrite(node, resolve)


def mark_footnote_calls(blocks: tuple[m.Block, ...], language: Language) -> tuple[m.Block, ...]:
    """Each call's printed label, and whether it is its note's first call."""
    seen: set[str] = set()

    def mark(node):
        if isinstance(node, m.FootnoteRef):
            first = node.id not in seen
            seen.add(node.id)
            return dataclasses.replace(
                node, label=language.footnote_label(node.number), first=first
            )
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
        date=language.format_date(meta.date),
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
    blocks, targets = number_blocks(paper.blocks, language)
    blocks = mark_footnote_calls(blocks, language)
    footnotes = tuple(
        dataclasses.replace(note, label=language.footnote_label(note.number))
        for note in paper.footnotes
    )
    numbered = dataclasses.replace(
        paper,
        blocks=resolve_references(blocks, targets),
        footnotes=resolve_references(footnotes, targets),
        key_points=resolve_references(key_points_box(points, language), targets),
        title_block=title_block(paper.meta, language),
        about=resolve_references(about_box(paper.meta.authors, language), targets),
    )
    return numbered, targets
