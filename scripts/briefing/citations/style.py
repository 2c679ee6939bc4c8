"""Take a CSL style file and a locale, produce the parsed style citeproc-py renders with:
our element classes (elements.py) and the locale files kept in csl/locales/, or a
StyleError saying why the file is not a CSL style."""

from __future__ import annotations

from pathlib import Path

from citeproc import model as cp
from citeproc.frontend import CitationStylesStyle, CitationStylesXML
from lxml import etree

from .elements import OURS, complete_names

CSL = "http://purl.org/net/xbiblio/csl"
LOCALES = Path(__file__).parent / "csl" / "locales"  # the official CSL locales we use


HOW_TO_GET_A_STYLE = (
    "download the style's .csl file from the Zotero Style Repository, "
    "or use citation_style: chicago or apa"
)


class StyleError(Exception):
    """A style file that is not a CSL style: where, why and what to do, for a content error."""

    def __init__(self, line: int, message: str, hint: str = HOW_TO_GET_A_STYLE):
        super().__init__(message)
        self.line, self.message, self.hint = line, message, hint


class Style(CitationStylesStyle):
    """A CSL style file parsed with our classes for the elements above, and the locale
    files from csl/locales/ (kept in the repository, so the words a paper prints change
    only with a commit, and make rebuilds what they touch)."""

    def __init__(self, path: Path, locale: str):
        lookup = etree.ElementNamespaceClassLookup()
        namespace = lookup.get_namespace(CSL)
        namespace[None] = cp.CitationStylesElement
        for cls in cp.CitationStylesElement.__subclasses__():
            namespace[cls.__name__.replace("_", "-").lower()] = cls
        namespace.update(OURS)
        parser = etree.XMLParser(remove_comments=True, encoding="UTF-8", no_network=True)
        parser.set_element_class_lookup(lookup)
        try:
            self.xml = etree.parse(str(path), parser)
        except etree.XMLSyntaxError as err:
            raise _not_xml(path, err) from err
        self.root = self.xml.getroot()
        what = etree.QName(self.root)
        if what.namespace != CSL or what.localname != "style":
            raise StyleError(
                self.root.sourceline or 1,
                f"not a CSL style: the file holds a <{what.localname}>, not a CSL <style>",
            )
        if self.root.find(f"{{{CSL}}}citation") is None:
            raise StyleError(self.root.sourceline or 1, "not a CSL style: it has no <citation>")
        complete_names(self.root)
        _set_locales(self.root, locale)


def _not_xml(path: Path, err: etree.XMLSyntaxError) -> StyleError:
    head = path.read_bytes()[:2000].lower()
    if b"<html" in head or b"<!doctype html" in head:
        return StyleError(1, "not a CSL style but a web page (HTML)")
    return StyleError(err.lineno or 1, f"not a CSL style: the XML is malformed ({err.msg})")


def _set_locales(root, locale: str) -> None:
    """Where the style looks up its words, in the order CSL 1.0.2 gives (Locale Fallback):
    the style's own `cs:locale` for the dialect, the language and any language, then the
    locale files for the dialect and en-US. (CSL's "primary dialect" file is skipped: for
    zh-TW it would be zh-CN, Simplified Chinese in a Taiwanese paper.)"""
    found = []
    for lang in (locale, locale.split("-")[0]):
        found += root.xpath(f'./cs:locale[@xml:lang="{lang}"]', namespaces={"cs": CSL})
    found += root.xpath("./cs:locale[not(@xml:lang)]", namespaces={"cs": CSL})
    for name in dict.fromkeys((locale, "en-US")):
        found.append(CitationStylesXML(str(LOCALES / f"locales-{name}.xml"), validate=False).root)
    root.locales = found
    for element in found:
        element.style = root
