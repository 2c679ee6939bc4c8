"""Take the paper read from our own DOCX (its citations printed as text and notes), produce
it with each citation that still reads as it was printed turned back into the citation as
written (`[@usgs2025, 144–145]`), and that citation's note marked as made by it.

The DOCX's source part (docx/source.py) records every citation: its source, what it
printed in the text before its note call (`shown`: "." moved in front of the call, the
author's name of `@key`, or the whole "(IEA, 2021)" of an author-date style) and its
note's words. What is visible wins: a citation is restored only where the document still
shows exactly that text and, for a note, that note's words; a note an editor rewrote
comes back as a note written by hand with the editor's words (its label made from the
key), and text an editor retyped stays text. A note still as printed whose surroundings
changed (the full stop before its call edited away) keeps its citation, written at the
call. Citations are matched in reading order, each record once, so repeated identical
citations ("USGS, 144.") come back in turn.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import cached_property

from briefing import model as m
from briefing.citations.cite import NOTE_PUNCTUATION
from briefing.docx.source import note_text, shown_text

NEVER = "\x01"  # what a citation already restored stands for: nothing matches it


@dataclass
class Record:
    source: str
    shown: str
    note: str | None  # the note's words; None for a citation printed in the text
    used: bool = False

    @cached_property
    def pattern(self) -> re.Pattern:
        """The printed text, any run of spaces matching any other."""
        words = [re.escape(part) for part in self.shown.split(" ")]
        return re.compile(r"\s+".join(words))

    @property
    def core(self) -> str:
        """The citation without the space before it and the punctuation moved into it."""
        return self.source.strip().rstrip(NOTE_PUNCTUATION)


class Citations:
    def __init__(self, facts: dict):
        self.records = [
            Record(r.get("source", ""), r.get("shown", ""), r.get("note"))
            for r in facts.get("citations", [])
            if r.get("source") and r.get("shown")
        ]
        self.notes: dict[str, str] = {}  # note label -> its words, as read
        self.claimed: dict[str, str] = {}  # note label -> the citation that made it

    def restore(self, tree, footnotes: tuple[m.Footnote, ...]):
        """`tree` (any model nodes: key points, blocks, bios) with its citations restored,
        and the notes, those made by a citation marked with it."""
        if not self.records:
            return tree, footnotes
        self.notes = {note.id: note_text(note.blocks) for note in footnotes}
        tree = self._visit(tree, self._match)
        footnotes = self._visit_notes(footnotes, self._match)
        # A note still as printed whose surroundings an editor changed: cited at its call.
        tree = self._visit(tree, self._at_call)
        footnotes = self._visit_notes(footnotes, self._at_call)
        marked = tuple(
            dataclasses.replace(note, citation=self.claimed[note.id])
            if note.id in self.claimed
            else note
            for note in footnotes
        )
        return tree, marked

    # ------------------------------------------------------------ walking
    def _visit_notes(self, footnotes, match) -> tuple[m.Footnote, ...]:
        """Notes written by hand may hold citations too; a citation's own note does not."""
        return tuple(
            note if note.id in self.claimed else self._visit(note, match) for note in footnotes
        )

    def _visit(self, node, match):
        """Every run of inlines in `node`, in reading order, passed through `match` (its
        own level first, then inside emphasis, links...)."""
        if isinstance(node, tuple):
            if node and all(isinstance(item, m.INLINE_TYPES) for item in node):
                node = match(node)
            return tuple(
                item if isinstance(item, m.Citation) else self._visit(item, match) for item in node
            )
        if not dataclasses.is_dataclass(node) or isinstance(node, type):
            return node
        changes = {}
        for f in dataclasses.fields(node):
            value = getattr(node, f.name)
            new = self._visit(value, match)
            if new is not value:
                changes[f.name] = new
        return dataclasses.replace(node, **changes) if changes else node

    # ------------------------------------------------------------ matching
    def _match(self, inlines: tuple) -> tuple:
        """Each unused record found printed in `inlines`, wrapped as its citation."""
        for record in self.records:
            if record.used:
                continue
            flat, starts = _flatten(inlines)
            for found in record.pattern.finditer(flat):
                span = _span(inlines, starts, found.start(), found.end())
                if span is None or not self._note_fits(record, inlines, starts, found):
                    continue
                inlines = _wrapped(inlines, span, record.source)
                record.used = True
                break
        return inlines

    def _note_fits(self, record: Record, inlines: tuple, starts: list[int], found) -> bool:
        calls = [
            node
            for node, at in zip(inlines, starts)
            if isinstance(node, m.FootnoteRef) and found.start() <= at < found.end()
        ]
        if record.note is None:
            return not calls
        return len(calls) == 1 and self._claim(record, calls[0])

    def _claim(self, record: Record, call: m.FootnoteRef) -> bool:
        if call.id in self.claimed or self.notes.get(call.id) != record.note:
            return False
        self.claimed[call.id] = record.core
        return True

    def _at_call(self, inlines: tuple) -> tuple:
        out = list(inlines)
        for i, node in enumerate(out):
            if not isinstance(node, m.FootnoteRef) or node.id in self.claimed:
                continue
            record = next(
                (
                    r
                    for r in self.records
                    if not r.used and r.note == self.notes.get(node.id) and r.core[:1] != "@"
                ),
                None,
            )  # `@key` printed the author before the call: without it, no citation
            if record is not None and self._claim(record, node):
                record.used = True
                out[i] = m.Citation(record.core, (node,))
        return tuple(out)


def _flatten(inlines: tuple) -> tuple[str, list[int]]:
    """The text `inlines` print (a note call as NOTE_CALL) and where each node starts."""
    parts, starts, at = [], [], 0
    for node in inlines:
        if isinstance(node, m.Citation):
            text = NEVER
        elif isinstance(node, m.Text):
            text = node.text
        else:
            text = shown_text((node,))
        starts.append(at)
        parts.append(text)
        at += len(text)
    return "".join(parts), starts


def _span(inlines: tuple, starts: list[int], start: int, end: int):
    """(first node, offset in it, last node, offset after the end in it) of the text from
    `start` to `end`, or None when it begins or ends inside a node that is not text."""
    ends = [*starts[1:], starts[-1] + len(_flatten(inlines[-1:])[0])]

    def place(at: int, closing: bool) -> tuple[int, int] | None:
        for i, (first, last) in enumerate(zip(starts, ends)):
            inside = first <= at < last if not closing else first < at <= last
            if inside:
                if at in (first, last) or isinstance(inlines[i], m.Text):
                    return i, at - first
                return None
        return None

    opening, closing = place(start, False), place(end, True)
    if opening is None or closing is None:
        return None
    return (*opening, *closing)


def _wrapped(inlines: tuple, span, source: str) -> tuple:
    """`inlines` with the span's text and nodes inside one Citation."""
    first, head, last, tail = span
    before, inside, after = list(inlines[:first]), [], list(inlines[last + 1 :])
    for i in range(first, last + 1):
        node = inlines[i]
        if not isinstance(node, m.Text):
            inside.append(node)
            continue
        text = node.text
        cut_from = head if i == first else 0
        cut_to = tail if i == last else len(text)
        if text[:cut_from]:
            before.append(m.Text(text[:cut_from]))
        inside.append(m.Text(text[cut_from:cut_to]))
        if text[cut_to:]:
            after.insert(0, m.Text(text[cut_to:]))
    inside = [n for n in inside if not (isinstance(n, m.Text) and not n.text)]
    return (*before, m.Citation(source, tuple(inside)), *after)
