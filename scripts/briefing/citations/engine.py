"""Take a CSL style, a locale and a library, produce each citation and bibliography entry as
citeproc-py renders it (HTML-marked text), in document order: first, subsequent and ibid.
positions as the reader meets them, and year suffixes (2024a, 2024b) for author-date
styles that ask for them (`disambiguate-add-year-suffix`), which citeproc-py lacks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from citeproc import Citation, CitationItem, CitationStylesBibliography, Locator, formatter
from citeproc.source import VariableError

from .data import as_citeproc_source
from .elements import MODE, Mode, is_cjk_text
from .style import Style, StyleError


class EqualLocator(Locator):
    """citeproc-py compares locators by identity, so `ibid-with-locator` fired for the same page."""

    def __eq__(self, other):
        return isinstance(other, Locator) and (self.label, self.identifier) == (
            other.label,
            other.identifier,
        )

    __hash__ = None


@dataclass
class CiteItem:
    key: str
    locator: tuple[str, str] | None = None  # (CSL label, value), e.g. ("page", "12")
    prefix: str = ""
    suffix: str = ""
    suppress_author: bool = False


@dataclass
class Rendered:
    text: str  # HTML-marked, as citeproc-py's html formatter writes it
    author: str = ""  # the author part, for a citation in the text (`@key`)


@dataclass
class Engine:
    style_path: Path
    locale: str
    items: dict[str, dict]  # key -> CSL-JSON
    style: Style = field(init=False)
    note: bool = field(init=False)

    def __post_init__(self):
        self.style = Style(self.style_path, self.locale)
        self.note = self.style.root.get("class") == "note"
        self._ids = {key: f"k{i}" for i, key in enumerate(self.items)}  # citeproc lower-cases keys
        self._source = as_citeproc_source({self._ids[k]: v for k, v in self.items.items()})
        self._bib = CitationStylesBibliography(self.style, self._source, formatter.html)
        self._add_year_suffixes()

    def cite(self, items: list[CiteItem], author_in_text: bool = False) -> Rendered:
        """One citation, rendered at its place in the document's citation order."""
        citation = Citation([self._item(i) for i in items])
        self._bib.register(citation)
        first = items[0]
        mode = Mode(suppress=first.suppress_author or author_in_text)
        token = MODE.set(mode)
        try:
            text = self._bib.cite(citation, lambda missing: None)
        finally:
            MODE.reset(token)
        author = (mode.captured or "") if author_in_text else ""
        return Rendered(str(text or ""), author)

    def bibliography(self, keys: list[str]) -> list[str]:
        """The entries for `keys` (each once), sorted by the style."""
        fresh = CitationStylesBibliography(self.style, self._source, formatter.html)
        fresh.register(Citation([CitationItem(self._ids[k]) for k in dict.fromkeys(keys)]))
        fresh.sort()
        token = MODE.set(Mode(in_bibliography=True))
        try:
            return [str(entry) for entry in fresh.bibliography()]
        finally:
            MODE.reset(token)

    def has_bibliography(self) -> bool:
        return self.style.has_bibliography()

    def _item(self, cite: CiteItem) -> CitationItem:
        extra = {}
        if cite.locator:
            extra["locator"] = EqualLocator(*cite.locator)
        if cite.prefix:
            extra["prefix"] = formatter.html.preformat(cite.prefix)
        if cite.suffix:
            extra["suffix"] = formatter.html.preformat(cite.suffix)
        return CitationItem(self._ids[cite.key], **extra)

    def _add_year_suffixes(self) -> None:
        """2024a, 2024b: items whose first citations would read the same get letters, in
        bibliography order, when the style asks for year suffixes."""
        citation_el = self.style.root.citation
        if citation_el is None or citation_el.get("disambiguate-add-year-suffix") != "true":
            return
        probe = CitationStylesBibliography(self.style, self._source, formatter.html)
        everything = Citation([CitationItem(i) for i in self._ids.values()])
        probe.register(everything)
        probe.sort()
        groups: dict[str, list[str]] = {}
        for cid in probe.keys:
            one = Citation([CitationItem(cid)])
            probe.register(one)
            probe._cites.clear()
            groups.setdefault(str(probe.cite(one, lambda missing: None)), []).append(cid)
        for ids in groups.values():
            if len(ids) > 1:
                for n, cid in enumerate(ids):
                    self._source[cid]["year_suffix"] = chr(ord("a") + n)


__all__ = ["Engine", "CiteItem", "Rendered", "StyleError", "VariableError", "is_cjk_text"]
