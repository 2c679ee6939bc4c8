"""Take a CSL style, a locale and a library, produce each citation and bibliography entry as
citeproc-py renders it (HTML-marked text), in document order.

citeproc-py is the maintained CSL processor in Python; where it falls short of the CSL
1.0.2 specification (and of Pandoc's citeproc, which we are compared with) this module
fills the gap, each in one place, by giving lxml our own classes for four CSL elements:

- `cs:name`: Chinese, Japanese and Korean names print family name first with no space or
  comma (王信賢), never initialised, and the short form is the family name (王) — as the
  spec's rules for non-"romanesque" names and citeproc-js/Pandoc do; citeproc-py treats
  them as Western names (". 信賢 . 王"). `initialize="false"` (CSL 1.0.1), which Chicago
  uses on every name, is obeyed: citeproc-py initialised anyway ("J. A. Smith").
- `cs:names`: the first names a citation prints can be left out (`[-@key]`,
  suppress-author) or taken apart (`@key` in the text prints the author; the rest goes in
  the note or the brackets). citeproc-py has neither.
- `cs:if`/`cs:else-if`: the `disambiguate="true"` test is false (citeproc-py skipped the
  test, so such branches always fired and short notes grew publishers). We never need the
  extra disambiguating details for a citation that is unambiguous after names and year
  suffixes, which is what the two bundled styles ask for.
- year suffixes (2024a, 2024b) for author-date styles that ask for them
  (`disambiguate-add-year-suffix`), assigned in bibliography order; citeproc-py has none.

Impossible with citeproc-py and not faked: disambiguation by adding names or given names
(`disambiguate-add-names`, `-givenname`) and citation collapsing (`collapse="year"`).
"""

from __future__ import annotations

import contextvars
import unicodedata
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from citeproc import Citation, CitationItem, CitationStylesBibliography, Locator, formatter
from citeproc import model as cp
from citeproc.frontend import CitationStylesStyle
from citeproc.source import Name as CslName
from citeproc.source import VariableError
from lxml import etree

from .data import as_citeproc_source


@dataclass
class _Mode:
    """How the citation being rendered treats its author: print it, leave it out, or
    print the rest while keeping the author apart (`captured`)."""

    suppress: bool = False
    captured: str | None = None
    in_bibliography: bool = False


_MODE: contextvars.ContextVar[_Mode] = contextvars.ContextVar("csl_mode", default=_Mode())


def is_cjk_text(text: str) -> bool:
    """True when a name is written in Han, Kana or Hangul (no space between its parts)."""
    for ch in text:
        name = unicodedata.name(ch, "")
        if name.startswith(("CJK", "HIRAGANA", "KATAKANA", "HANGUL")):
            return True
    return False


class Name(cp.Name):
    def process(self, item, variable, context=None, sort_options=None, **kwargs):
        options = dict(sort_options or {})
        if self.get("initialize", "true") == "false" and "initialize-with" not in options:
            options["initialize-with"] = None
        form = self.get_option("form", context, sort_options)
        names = item.reference.get(variable, [])
        eastern = [_eastern(n, form) for n in names]
        if eastern == names:
            return super().process(item, variable, context, options or sort_options, **kwargs)
        item.reference[variable] = eastern
        try:
            return super().process(item, variable, context, options or sort_options, **kwargs)
        finally:
            item.reference[variable] = names


def _eastern(name, form: str):
    """A CJK name as one family-first word: 王信賢 (long) or 王 (short)."""
    family, given = name.get("family"), name.get("given")
    if "literal" in name or not family or not is_cjk_text(family + (given or "")):
        return name
    return CslName(family=family if form == "short" else family + (given or ""))


class Names(cp.Names):
    def render(self, item, *args, **kwargs):
        text = super().render(item, *args, **kwargs)
        mode = _MODE.get()
        if not mode.in_bibliography and text and mode.captured is None:
            mode.captured = str(text)
            if mode.suppress:
                return None
        return text


class If(cp.If):
    def render(self, item, context=None, delimiter="", **kwargs):
        if "disambiguate" not in self.attrib:
            return super().render(item, context, delimiter, **kwargs)
        results = [False]  # we never need the disambiguating details (see above)
        for attribute, test in TESTS.items():
            if attribute in self.attrib:
                results += test(self, item, context)
        match = self.get("match", "all")
        passed = {"any": any(results), "none": not any(results)}.get(match, all(results))
        if not passed:
            raise cp.ConditionFailed
        return self.render_children(item, context=context, delimiter=delimiter, **kwargs)


# citeproc-py's own tests of a condition, by attribute.
TESTS = {
    "type": lambda el, item, context: el._type(item),
    "variable": lambda el, item, context: el._variable(item),
    "is-numeric": lambda el, item, context: el._is_numeric(item),
    "is-uncertain-date": lambda el, item, context: el._is_uncertain_date(item),
    "locator": lambda el, item, context: el._locator(item),
    "position": lambda el, item, context: el._position(item, context),
}


class Else_If(If):  # noqa: N801 (citeproc-py's lookup names classes after the tags)
    pass


OURS = {"name": Name, "names": Names, "if": If, "else-if": Else_If}


class Style(CitationStylesStyle):
    """A CSL style file parsed with our classes for the elements above; the locale files
    (citeproc-py ships the official CSL locales) are read as citeproc-py reads them."""

    def __init__(self, path: Path, locale: str):
        lookup = etree.ElementNamespaceClassLookup()
        namespace = lookup.get_namespace("http://purl.org/net/xbiblio/csl")
        namespace[None] = cp.CitationStylesElement
        for cls in cp.CitationStylesElement.__subclasses__():
            namespace[cls.__name__.replace("_", "-").lower()] = cls
        namespace.update(OURS)
        parser = etree.XMLParser(remove_comments=True, encoding="UTF-8", no_network=True)
        parser.set_element_class_lookup(lookup)
        self.xml = etree.parse(str(path), parser)
        self.root = self.xml.getroot()
        # A `cs:names` without `cs:name` gets one of ours: citeproc-py would make a plain
        # one of its own there, without the fixes above. (Names inside `cs:substitute`
        # borrow the name of the names they stand for, as the spec says.)
        ns = {"cs": "http://purl.org/net/xbiblio/csl"}
        for names in self.root.xpath("//cs:names[not(cs:name) and not(parent::cs:substitute)]", namespaces=ns):
            names.append(names.makeelement(f"{{{ns['cs']}}}name", {}))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # locale schema warnings
            self.root.set_locale_list(locale, validate=False)


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
        mode = _Mode(suppress=first.suppress_author or author_in_text)
        token = _MODE.set(mode)
        try:
            text = self._bib.cite(citation, lambda missing: None)
        finally:
            _MODE.reset(token)
        author = (mode.captured or "") if author_in_text else ""
        return Rendered(str(text or ""), author)

    def bibliography(self, keys: list[str]) -> list[str]:
        """The entries for `keys` (each once), sorted by the style."""
        fresh = CitationStylesBibliography(self.style, self._source, formatter.html)
        fresh.register(Citation([CitationItem(self._ids[k]) for k in dict.fromkeys(keys)]))
        fresh.sort()
        token = _MODE.set(_Mode(in_bibliography=True))
        try:
            return [str(entry) for entry in fresh.bibliography()]
        finally:
            _MODE.reset(token)

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


__all__ = ["Engine", "CiteItem", "Rendered", "VariableError", "is_cjk_text"]
