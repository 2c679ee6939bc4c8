"""Take a Paper, produce its paper.md: YAML front matter and Pandoc Markdown that the
reader turns back into the same paper. The model's third writer (after HTML and DOCX),
used by `briefing import` to write what it read from a DOCX.

Front matter fields are written when they differ from their defaults, in the order the
README lists them; key points and bios as one line of Markdown each. The body is
blocks.py's, the notes follow it in number order.
"""

from __future__ import annotations

import re

import yaml

from briefing import model as m
from briefing.citations.syntax import KEY
from briefing.language import Language
from briefing.transform import plain_text, walk

from .blocks import BLOCK_HANDLERS, WIDTH, Writer, wrap
from .inlines import INLINE_HANDLERS, plain

__all__ = ["render_markdown", "BLOCK_HANDLERS", "INLINE_HANDLERS"]


def scalar(value: object) -> str:
    """A YAML scalar as short as it can be written safely."""
    dumped = yaml.safe_dump(value, allow_unicode=True, width=10**6, default_flow_style=True)
    return dumped.removesuffix("\n").removesuffix("\n...").strip()


def front_matter(paper: m.Paper, writer: Writer) -> list[str]:
    meta = paper.meta
    lines = ["---", f"title: {scalar(meta.title)}"]
    for key in ("subtitle", "short_title", "series"):
        if getattr(meta, key):
            lines.append(f"{key}: {scalar(getattr(meta, key))}")
    if meta.number:
        lines.append(f"number: {meta.number}")
    lines.append("authors:")
    for author in meta.authors:
        lines.append(f"  - name: {scalar(author.name)}")
        for key in ("affiliation", "role"):
            if getattr(author, key):
                lines.append(f"    {key}: {scalar(getattr(author, key))}")
        if author.bio:
            bio = plain(writer.inlines(author.bio)).replace("\\\n", " ")
            lines.append(f"    bio: {scalar(bio)}")
    lines.append(f"date: {meta.date.isoformat()}")
    lines.append(f"lang: {scalar(meta.lang)}")
    lines.append("key_points:")
    for point in key_points(paper):
        text = plain(writer.inlines(point)).replace("\\\n", " ")
        lines.append(f"  - {scalar(text)}")
    for key, default in (("marking", ""), ("toc", False), ("calendar", ""), ("theme", ""),
                         ("status", "")):  # fmt: skip
        value = getattr(meta, key)
        if value != default:
            lines.append(f"{key}: {scalar(value)}")
    if meta.toc and meta.toc_depth != 2:
        lines.append(f"toc_depth: {meta.toc_depth}")
    lines += citation_fields(meta)
    lines.append("---")
    return lines


def citation_fields(meta: m.Meta) -> list[str]:
    """`bibliography:` (one file, or a list), `csl:`, `citation_style:`,
    `citation_locale:` and `nocite:` as Pandoc writes them (`nocite: "@a, @b"`)."""
    lines = []
    if len(meta.bibliography) == 1:
        lines.append(f"bibliography: {scalar(meta.bibliography[0])}")
    elif meta.bibliography:
        lines.append("bibliography:")
        lines += [f"  - {scalar(name)}" for name in meta.bibliography]
    for key in ("csl", "citation_style", "citation_locale"):
        if getattr(meta, key):
            lines.append(f"{key}: {scalar(getattr(meta, key))}")
    if meta.nocite:
        plain = [k if k == "*" or re.fullmatch(KEY, k) else f"{{{k}}}" for k in meta.nocite]
        lines.append(f"nocite: {scalar(', '.join('@' + k for k in plain))}")
    return lines


def key_points(paper: m.Paper) -> list[tuple]:
    if paper.key_points is None:
        return []
    points = []
    for block in paper.key_points.children:
        if isinstance(block, (m.BulletList, m.OrderedList)):
            points.extend(
                item[0].children
                for item in block.items
                if item and isinstance(item[0], m.Paragraph)
            )
        elif isinstance(block, m.Paragraph):
            points.append(block.children)
    return points


def footnote(writer: Writer, note: m.Footnote) -> list[str]:
    writer.width -= 4  # a note's later lines are indented four columns
    lines = writer.blocks(note.blocks) or [""]
    first = f"[^{note.id}]: " + lines[0]
    rest = ["    " + line if line else "" for line in lines[1:]]
    if note.blocks and isinstance(note.blocks[0], m.Paragraph):  # rewrap with its label
        head = wrap(writer.inlines(note.blocks[0].children), writer.width, lead=f"[^{note.id}]: ")
        first_len = len(writer.blocks(note.blocks[:1]))
        rest = ["    " + line for line in head[1:]] + rest[first_len - 1 :]
        first = head[0]
    writer.width += 4
    return [first, *rest]


def implied_references(blocks: tuple[m.Block, ...], language: Language) -> tuple[m.Block, ...]:
    """The blocks without the reference list where the reader puts it by itself: at the
    end of the first section headed "References" (and without that heading too when it is
    the unnumbered one the reader adds at the end), so a paper that wrote neither a
    `::: {#refs}` nor the heading gets neither."""
    found = [i for i, b in enumerate(blocks) if isinstance(b, m.Bibliography)]
    if len(found) != 1 or sum(isinstance(n, m.Bibliography) for n in walk(blocks)) != 1:
        return blocks
    at = found[0]
    word = language.word("references")
    sections = [i for i, b in enumerate(blocks) if isinstance(b, m.Heading) and b.level == 1]
    headed = [i for i in sections if plain_text(blocks[i].children).strip() == word]
    if not headed or headed[0] > at:
        return blocks
    section_end = next((i for i in sections if i > headed[0]), len(blocks))
    if at + 1 != section_end:
        return blocks  # the list stands elsewhere: its `::: {#refs}` says where
    added = m.Heading(1, (m.Text(word),), numbered=False)
    if headed == [at - 1] and at + 1 == len(blocks) and blocks[at - 1] == added:
        return blocks[: at - 1]
    return blocks[:at] + blocks[at + 1 :]


def render_markdown(paper: m.Paper, language: Language, *, width: int = WIDTH) -> str:
    """paper.md for `paper`, written in `language`'s conventions (English typography is
    escaped where the model holds straight quotes); paragraphs wrapped at `width`
    columns (a diff is easier to read with a paragraph to a line)."""
    writer = Writer(smart=bool(language.smart_quotes))
    writer.width = width
    lines = front_matter(paper, writer)
    lines += ["", *writer.blocks(implied_references(paper.blocks, language))]
    for note in paper.footnotes:
        if not note.citation:  # a citation's note is made again from the library
            lines += ["", *footnote(writer, note)]
    return "\n".join(line.rstrip() if line.strip() else "" for line in lines) + "\n"
