"""Take what the importer could not map, produce warnings naming where it stands in the
document ("paragraph 12 ("Rare-earth elements…")", "footnote 3"), so nothing is dropped
without a word."""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from .package import w


@dataclass
class Report:
    """The warnings of one import, and the paragraph numbers of each story it reads."""

    warnings: list[str] = field(default_factory=list)
    numbers: dict = field(default_factory=dict)  # w:p element -> its number in its story

    def number(self, root: etree._Element) -> None:
        """Number the paragraphs of a story (1, 2, ...), as a person counts them."""
        for i, p in enumerate(root.iter(w("p")), 1):
            self.numbers[p] = i

    def place(self, element: etree._Element | None, where: str = "") -> str:
        """ "paragraph 12 ("Rare-earth elements are…")" for the paragraph holding `element`."""
        if element is None:
            return where or "the document"
        p = element if element.tag == w("p") else next(element.iterancestors(w("p")), None)
        if p is None:
            p = next(element.iter(w("p")), None)  # a table: its first paragraph
        if p is None or p not in self.numbers:
            return where or "the document"
        words = "".join(t.text or "" for t in p.iter(w("t"))).strip()
        shown = f" (“{words[:40]}{'…' if len(words) > 40 else ''}”)" if words else ""
        prefix = f"{where}, " if where else ""
        return f"{prefix}paragraph {self.numbers[p]}{shown}"

    def warn(self, element: etree._Element | None, message: str, where: str = "") -> None:
        self.warnings.append(f"{self.place(element, where)}: {message}")
