"""Take the note calls met in the text, produce model footnote calls and, once the text is
read, the footnotes themselves: native footnotes and endnotes alike (a briefing has
footnotes only, so endnotes become footnotes), numbered in the order of their first call.

Our own DOCX records each note's Markdown label (`[^iea2021]`) in its custom XML part, in
note order; another program's notes are labelled by their number.
"""

from __future__ import annotations

from briefing import model as m

from .package import NS, w


class Notes:
    def __init__(self, importer):
        self.im = importer
        self.order: dict[tuple[str, str], tuple[str, int]] = {}  # (kind, w:id) -> label, number
        self.labels = list(importer.package.facts.get("notes", []))

    def call(self, kind: str, note_id: str | None, run) -> m.FootnoteRef | None:
        key = (kind, note_id or "")
        if key not in self.order:
            number = len(self.order) + 1
            own = self.labels[number - 1] if number <= len(self.labels) else ""
            label = own or str(number)
            while any(label == known for known, _ in self.order.values()):
                label = f"{label}-{number}"
            self.order[key] = (label, number)
        label, number = self.order[key]
        return m.FootnoteRef(label, number)

    def by_bookmark(self, name: str) -> m.FootnoteRef | None:
        """The note whose first call a NOTEREF field's bookmark surrounds."""
        key = self.im.note_bookmarks.get(name)
        if key is None or key not in self.order:
            return None
        label, number = self.order[key]
        return m.FootnoteRef(label, number)

    def read(self) -> tuple[m.Footnote, ...]:
        """Every note called, with its blocks, in number order."""
        from .blocks import BlockReader

        stories = {"footnote": self.im.package.footnotes, "endnote": self.im.package.endnotes}
        notes = []
        for (kind, note_id), (label, number) in sorted(self.order.items(), key=lambda i: i[1][1]):
            story = stories[kind]
            element = None
            if story is not None:
                element = story.root.find(f"w:{kind}[@w:id='{note_id}']", NS)
            if element is None:
                self.im.report.warn(None, f"{kind} {note_id} is called but not in the document")
                continue
            reader = BlockReader(self.im, story.part, where=f"{kind} {number}")
            blocks = _trim(reader.read(list(element)))
            notes.append(m.Footnote(label, number, blocks))
        if self.im.package.endnotes is not None and any(k == "endnote" for k, _ in self.order):
            self.im.report.warn(None, "endnotes became footnotes")
        return tuple(notes)


def _trim(blocks: tuple) -> tuple:
    """A note opens with its number and a space: the space goes."""
    if blocks and isinstance(blocks[0], m.Paragraph):
        children = blocks[0].children
        if children and isinstance(children[0], m.Text):
            text = children[0].text.lstrip()
            children = ((m.Text(text),) if text else ()) + children[1:]
        return (m.Paragraph(children), *blocks[1:])
    return blocks


def note_bookmarks(root) -> dict[str, tuple[str, str]]:
    """Bookmark name -> the note whose call it surrounds ((kind, w:id)), for NOTEREF."""
    found: dict[str, tuple[str, str]] = {}
    pending: list[str] = []
    for element in root.iter(w("bookmarkStart"), w("footnoteReference"), w("endnoteReference")):
        if element.tag == w("bookmarkStart"):
            pending.append(element.get(w("name"), ""))
        else:
            kind = "footnote" if element.tag == w("footnoteReference") else "endnote"
            for name in pending:
                found[name] = (kind, element.get(w("id"), ""))
            pending = []
    return found
