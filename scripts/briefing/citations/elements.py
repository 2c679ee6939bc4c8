"""Take citeproc-py's classes for CSL elements, produce ours where it falls short of the
CSL 1.0.2 specification (and of Pandoc's citeproc, which we are compared with), each gap
filled in one class that lxml builds for that element (style.py parses with them):

- `cs:name`: Chinese, Japanese and Korean names print family name first with no space or
  comma (王信賢), never initialised, and the short form is the family name (王) — as the
  spec's rules for non-"romanesque" names and citeproc-js/Pandoc do; citeproc-py treats
  them as Western names (". 信賢 . 王"). `initialize="false"` (CSL 1.0.1), which Chicago
  uses on every name, is obeyed: citeproc-py initialised anyway ("J. A. Smith").
- `cs:names`: the first names a citation prints can be left out (`[-@key]`,
  suppress-author) or taken apart (`@key` in the text prints the author; the rest goes in
  the note or the brackets). citeproc-py has neither. Names a `cs:substitute` printed are
  not printed again.
- `cs:if`/`cs:else-if`: the `disambiguate="true"` test is false (citeproc-py skipped the
  test, so such branches always fired and short notes grew publishers). We never need the
  extra disambiguating details for a citation that is unambiguous after names and year
  suffixes, which is what the two bundled styles ask for. `is-numeric` reads the locator.
- `cs:label` prints only with its variable; `cs:layout` keeps citation items in written
  order; `cs:key` sorts on words, not markup.

Impossible with citeproc-py and not faked: disambiguation by adding names or given names
(`disambiguate-add-names`, `-givenname`) and citation collapsing (`collapse="year"`).
"""

from __future__ import annotations

import contextvars
import copy
import re
import unicodedata
from dataclasses import dataclass

from citeproc import model as cp
from citeproc.source import Name as CslName
from lxml import etree


@dataclass
class Mode:
    """How the citation being rendered treats its author: print it, leave it out, or
    print the rest while keeping the author apart (`captured`)."""

    suppress: bool = False
    captured: str | None = None
    in_bibliography: bool = False
    depth: int = 0


MODE: contextvars.ContextVar[Mode] = contextvars.ContextVar("csl_mode", default=None)


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
        # Names a `cs:substitute` already printed are not printed again (CSL 1.0.2);
        # citeproc-py only kept that rule for `cs:text` ("eds. ... Edited by ...").
        context = kwargs.get("context")
        try:
            layout = (context if context is not None else self).get_layout()
        except IndexError:  # a macro rendered for sorting, outside any layout
            layout = None
        repressed = getattr(layout, "repressed", {}).get(self.tag, []) if layout is not None else []
        variables = self.get("variable", "")
        left = " ".join(v for v in variables.split() if v not in repressed)
        if not left:
            return None
        mode = MODE.get() or Mode()  # outside a citation (probing): a scratch mode
        self.set("variable", left)
        mode.depth += 1  # a names inside a substitute is part of the outer one
        try:
            text = super().render(item, *args, **kwargs)
        finally:
            self.set("variable", variables)
            mode.depth -= 1
        if mode.depth:
            return text
        if not mode.in_bibliography and text and mode.captured is None:
            mode.captured = str(text)
            if mode.suppress:
                return None
        return text


class If(cp.If):
    """Conditions evaluated by us: `disambiguate="true"` is false (see above) and
    `is-numeric` also reads the locator ("ch. 2" is numeric); citeproc-py evaluated
    neither, so Chicago dropped "ch." before a chapter number and printed publishers in
    short notes."""

    def render(self, item, context=None, delimiter="", **kwargs):
        results = []
        for attribute, test in TESTS.items():
            if attribute in self.attrib:
                results += test(self, item, context)
        match = self.get("match", "all")
        passed = {"any": any(results), "none": not any(results)}.get(match, all(results))
        if not passed:
            raise cp.ConditionFailed
        return self.render_children(item, context=context, delimiter=delimiter, **kwargs)


NUMERIC = re.compile(r"^[A-Za-z]*\d+[A-Za-z]*(\s*[-–,&]\s*[A-Za-z]*\d+[A-Za-z]*)*$")


def _is_numeric(element, item, context) -> list[bool]:
    out = []
    for variable in element.get("is-numeric").split():
        if variable == "locator":
            value = item.locator.identifier if item.has_locator else None
        else:
            value = item.reference.get(variable.replace("-", "_"))
        out.append(value is not None and bool(NUMERIC.match(str(value).strip())))
    return out


# citeproc-py's own tests of a condition, by attribute, and ours.
TESTS = {
    "disambiguate": lambda el, item, context: [False],
    "type": lambda el, item, context: el._type(item),
    "variable": lambda el, item, context: el._variable(item),
    "is-numeric": _is_numeric,
    "is-uncertain-date": lambda el, item, context: el._is_uncertain_date(item),
    "locator": lambda el, item, context: el._locator(item),
    "position": lambda el, item, context: el._position(item, context),
}


class Else_If(If):  # noqa: N801 (citeproc-py's lookup names classes after the tags)
    pass


class Label(cp.Label):
    """A label prints only with its variable (CSL 1.0.2): citeproc-py printed "Edition"
    for entries without an edition."""

    def process(self, item, variable=None, plural=None, context=None, **kwargs):
        name = variable or self.get("variable")
        if variable is None and name != "locator" and name.replace("-", "_") not in item.reference:
            return None
        return super().process(item, variable, plural, context, **kwargs)


class Substitute(cp.Substitute):
    def add_to_repressed_list(self, child, context):
        """What a substitute printed is suppressed after it, also names it found inside a
        `cs:choose` (citeproc-py marked only a direct `cs:names`)."""
        layout = context.get_layout()
        found = (
            [child]
            if isinstance(child, cp.Names)
            else child.iterdescendants(child.tag.replace(etree.QName(child).localname, "names"))
        )
        for names in found:
            layout.repressed.setdefault(names.tag, []).extend(names.get("variable", "").split())


class Layout(cp.Layout):
    """Citation items keep the order they are written in unless the style sorts them;
    citeproc-py put them in the order they were first cited."""

    def render_citation(self, citation, callback):
        bibliography = citation.bibliography
        saved = bibliography.keys
        written = list(dict.fromkeys(cite.key for cite in citation.cites))
        bibliography.keys = written + [k for k in saved if k not in written]
        try:
            return super().render_citation(citation, callback)
        finally:
            bibliography.keys = saved


MARKUP = re.compile(r"<[^>]+>|&[a-z]+;|[“”‘’「」『』\"'\[\](){}]")


class Key(cp.Key):
    """Sort keys compare words, not markup: citeproc-py sorted on its HTML (`<i>Title`)
    and quotation marks (“2022 …” after Mineral …)."""

    def sort_keys(self, items, context):
        token = MODE.set(Mode(in_bibliography=True))  # sorting prints no author
        try:
            keys = super().sort_keys(items, context)
        finally:
            MODE.reset(token)
        return [_sort_text(k) for k in keys]


def _sort_text(key):
    if key is None or isinstance(key, int):
        return key
    text = "".join(map(str, key)) if isinstance(key, list) else str(key)
    return MARKUP.sub("", text).strip()


OURS = {
    "name": Name,
    "names": Names,
    "if": If,
    "else-if": Else_If,
    "label": Label,
    "layout": Layout,
    "key": Key,
    "substitute": Substitute,
}


def complete_names(root) -> None:
    """Give every `cs:names` a `cs:name` of our class. A names element inside a
    `cs:substitute` inherits the name and label of the names it stands for (CSL 1.0.2),
    also when it stands in a `cs:choose` there, which citeproc-py missed ("包宗和, 吳玉山"
    without "and" or "eds."); the others get the default name."""
    cs = "{http://purl.org/net/xbiblio/csl}"
    ns = {"cs": cs[1:-1]}
    for names in root.xpath("//cs:names[not(cs:name)]", namespaces=ns):
        outer = names.xpath("ancestor::cs:substitute[1]/parent::cs:names", namespaces=ns)
        if outer and outer[0].find(f"{cs}name") is not None:
            for tag in ("name", "et-al", "label"):
                source = outer[0].find(f"{cs}{tag}")
                if source is not None and names.find(f"{cs}{tag}") is None:
                    names.append(copy.deepcopy(source))
        else:
            names.append(names.makeelement(f"{cs}name", {}))
