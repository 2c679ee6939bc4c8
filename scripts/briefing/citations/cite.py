"""Take a read paper whose text holds `Cite` nodes, produce it with every citation made of
plain model nodes, and its reference list placed.

In a note style (Chicago) each citation in the text becomes a footnote, numbered in call
order together with the hand-written notes, and the punctuation after it moves before
the call as Pandoc moves it ("text [@a]." -> "text.¹"); a citation inside a hand-written
note is printed in place. In an author-date style (APA) citations stay in the text. The
CSL processor sees the citations in that order, so "first", "subsequent" and "ibid." are
the positions a reader meets. `@key` in the text prints the author there; the rest of the
citation goes in the note (or the brackets), as Pandoc does.

Each citation stays in the model as a `Citation`: its source as written and what it
prints, so the Markdown writer (`briefing import`) can write it back as it was.

The bibliography goes where a `::: {#refs}` div stands, else at the end of the section
headed with the language's word for references (`## References`, `## 參考文獻`), else
at the end of the paper under such a heading, unnumbered.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from .. import model as m
from ..language import Language
from ..transform import merge_text, plain_text, rewrite
from .engine import CiteItem, Engine
from .inlines import to_inlines
from .library import Library

NOTE_PUNCTUATION = ".,;:!?。，；：！？、"


@dataclass(frozen=True)
class CiteRef:
    key: str
    prefix: str = ""
    suffix: str = ""
    locator: tuple[str, str] | None = None
    suppress_author: bool = False


@dataclass(frozen=True)
class Cite:
    """A citation as read, until `resolve_citations` renders it; never reaches a writer."""

    items: tuple[CiteRef, ...]
    in_text: bool = False
    source: str = ""  # as written: `[@a, p. 12]`, `@a`


class _Splice(tuple):
    """Several inlines standing where one node stood (flattened into the parent's tuple)."""


@dataclass
class Citing:
    """What resolving needs: the processor, the library's keys, and `nocite`."""

    engine: Engine
    keys: tuple[str, ...] = ()  # the library's keys, in its order
    nocite: tuple[str, ...] = ()
    punctuation_in_quote: bool = False
    cited: list[str] = dataclasses.field(default_factory=list)  # filled while resolving
    library: Library | None = None


def resolve_citations(
    paper: m.Paper, points: tuple, citing: Citing, language: Language
) -> tuple[m.Paper, tuple]:
    state = _State(citing)
    points = tuple(_flatten(rewrite(p, state.inline_text)) for p in points)
    # In reading order (a table's caption before its cells): the order of the notes, and
    # of "first", "subsequent" and "ibid.", is the order a reader meets them.
    blocks = rewrite(paper.blocks, lambda n: state.body(n, paper.footnotes), reading=True)
    blocks = _flatten(blocks)
    # The bios print last ("About the authors"); a citation there stays in the text (the
    # reader refuses one that would need a note).
    authors = _flatten(rewrite(paper.meta.authors, state.inline_text))
    footnotes = tuple(sorted(state.notes + state.uncalled(paper.footnotes), key=lambda f: f.number))
    blocks = place_bibliography(blocks, state.bibliography(), language)
    citing.cited[:] = list(dict.fromkeys(state.cited))
    meta = dataclasses.replace(paper.meta, authors=authors)
    return dataclasses.replace(paper, meta=meta, blocks=blocks, footnotes=footnotes), points


class _State:
    def __init__(self, citing: Citing):
        self.citing = citing
        self.engine = citing.engine
        self.count = 0
        self.numbers: dict[str, int] = {}  # hand-written note label -> its number
        self.notes: list[m.Footnote] = []
        self.cited: list[str] = []
        self.in_note = False

    def render(self, cite: Cite):
        self.cited += [i.key for i in cite.items]
        items = [
            CiteItem(
                i.key,
                i.locator,
                f"{i.prefix} " if i.prefix else "",
                _suffix(i.suffix),
                i.suppress_author,
            )
            for i in cite.items
        ]
        in_text = cite.in_text and not (self.engine.note and self.in_note)
        rendered = self.engine.cite(items, author_in_text=in_text)
        stop = not (self.engine.note and self.in_note)
        text = to_inlines(rendered.text, self.citing.punctuation_in_quote, final_stop=stop)
        author = to_inlines(rendered.author) if rendered.author else ()
        return text, author

    def inline_text(self, node):
        """A citation printed where it stands: in an author-date style, or inside a note.
        In a note style, as Pandoc prints it there: without the note's closing full stop,
        and in parentheses unless it is `@key` in the text."""
        if not isinstance(node, Cite):
            return node
        text, author = self.render(node)
        if not self.engine.note:
            return m.Citation(node.source, (*author, m.Text(" "), *text) if author else text)
        return m.Citation(node.source, text if node.in_text else (m.Text("("), *text, m.Text(")")))

    def body(self, node, footnotes: tuple[m.Footnote, ...]):
        if isinstance(node, m.FootnoteRef):
            if node.id not in self.numbers:
                self.count += 1
                self.numbers[node.id] = self.count
                note = next(f for f in footnotes if f.id == node.id)
                self.in_note = True
                blocks = _flatten(rewrite(note.blocks, self.inline_text))
                self.in_note = False
                self.notes.append(dataclasses.replace(note, number=self.count, blocks=blocks))
            return dataclasses.replace(node, number=self.numbers[node.id])
        if not isinstance(node, Cite):
            return node
        if not self.engine.note:
            return self.inline_text(node)
        self.count += 1
        text, author = self.render(node)
        text = _capitalised(text)  # a note starts with a capital ("See ...")
        ident = f"cite {self.count}"  # a space: no Markdown note label can take it
        note = m.Footnote(ident, self.count, (m.Paragraph(text),), citation=node.source)
        self.notes.append(note)
        return _NoteCall(node.source, author, m.FootnoteRef(ident, self.count))

    def uncalled(self, footnotes: tuple[m.Footnote, ...]) -> list[m.Footnote]:
        """Notes defined but never called (a warning already) keep numbers after the rest."""
        out = []
        for note in footnotes:
            if note.id not in self.numbers:
                self.count += 1
                out.append(dataclasses.replace(note, number=self.count))
        return out

    def bibliography(self) -> m.Bibliography | None:
        if not self.engine.has_bibliography():
            return None
        nocite = self.citing.nocite
        keys = list(self.citing.keys) if "*" in nocite else self.cited + list(nocite)
        if not keys:
            return None
        entries = self.engine.bibliography(keys)
        quote = self.citing.punctuation_in_quote
        return m.Bibliography(tuple(to_inlines(e, quote) for e in entries))


@dataclass(frozen=True)
class _NoteCall:
    """A citation that became a note (the author's name before the call for `@key`),
    before the punctuation after it moves in front of the call."""

    source: str
    author: tuple
    call: m.FootnoteRef


def _capitalised(inlines: tuple) -> tuple:
    first = inlines[0] if inlines else None
    if isinstance(first, m.Text) and first.text[:1].islower():
        return (m.Text(first.text[0].upper() + first.text[1:]), *inlines[1:])
    return inlines


def _suffix(text: str) -> str:
    if not text or text[0] in ",.;:)" or text[0].isspace():
        return text
    return " " + text


def _flatten(node):
    """Rebuild `node` with every _Splice opened into its parent tuple, and each note call
    taking the punctuation that follows it in front of it."""
    if isinstance(node, tuple):
        items = []
        for item in node:
            item = _flatten(item)
            items.extend(item) if isinstance(item, _Splice) else items.append(item)
        if isinstance(node, _Splice):
            return _Splice(items)
        if any(isinstance(i, _NoteCall) for i in items):
            return _move_punctuation(items)
        return tuple(items)
    if dataclasses.is_dataclass(node) and not isinstance(node, type):
        changes = {}
        for f in dataclasses.fields(node):
            value = getattr(node, f.name)
            new = _flatten(value)
            if new is not value:
                changes[f.name] = new
        return dataclasses.replace(node, **changes) if changes else node
    return node


def _move_punctuation(items: list) -> tuple:
    """`see [@a].` -> `see.` + call: the space before a note call goes, and punctuation
    right after it comes before it. Both become part of the Citation (its source gains
    them), so it can be written back as it was."""
    out: list = []
    for i, item in enumerate(items):
        if not isinstance(item, _NoteCall):
            out.append(item)
            continue
        source, children = item.source, list(item.author)
        if not children and out and isinstance(out[-1], m.Text):
            kept = out[-1].text.rstrip(" ")
            if kept != out[-1].text:
                source = " " + source
            out[-1] = m.Text(kept)
        after = items[i + 1] if i + 1 < len(items) else None
        if isinstance(after, m.Text) and after.text[:1] in tuple(NOTE_PUNCTUATION):
            mark = after.text[0]
            before = children or out
            if not (before and isinstance(before[-1], m.Text) and before[-1].text.endswith(mark)):
                children.append(m.Text(mark))
            source += mark
            items[i + 1] = m.Text(after.text[1:])
        out.append(m.Citation(source, merge_text([*children, item.call])))
    return merge_text(out)


def place_bibliography(
    blocks: tuple[m.Block, ...], bibliography: m.Bibliography | None, language: Language
) -> tuple[m.Block, ...]:
    """Fill the first `::: {#refs}` placeholder; else after the references section; else
    at the end under a new unnumbered heading. Empty placeholders are dropped."""
    placed = False

    def fill(node):
        nonlocal placed
        if isinstance(node, m.Bibliography):
            if placed or bibliography is None:
                return _Splice(())
            placed = True
            return bibliography
        return node

    blocks = _flatten(rewrite(blocks, fill))
    if placed or bibliography is None:
        return blocks
    word = language.word("references")
    at = next(
        (
            i
            for i, b in enumerate(blocks)
            if isinstance(b, m.Heading) and b.level == 1 and plain_text(b.children).strip() == word
        ),
        None,
    )
    if at is None:
        heading = m.Heading(1, (m.Text(word),), numbered=False)
        return (*blocks, heading, bibliography)
    end = next(
        (
            j
            for j in range(at + 1, len(blocks))
            if isinstance(blocks[j], m.Heading) and blocks[j].level == 1
        ),
        len(blocks),
    )
    return (*blocks[:end], bibliography, *blocks[end:])
