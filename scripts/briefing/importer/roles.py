"""Take a w:p and the document's styles, produce the paragraph's role: what kind of text
it is (a heading of level 2, a caption, a list item, a key point...).

Our own DOCX names a style for every kind of text (styles.py): the role is the style.
Other people's documents are read by Word's built-in style names, the names Pandoc,
LibreOffice and Google Docs write (Heading 1, Title, Caption, Quote, Source Code,
Footnote Text...), and by outline level for headings in styles of their own.
"""

from __future__ import annotations

import re

from lxml import etree

from briefing import styles as names

from .inlines import style_key
from .package import NS, Package, w

# Style name (compared without case or spaces) -> role.
ROLES = {
    **{style_key(n): n for n in names.PARAGRAPH_STYLES},
    "heading1": names.HEADINGS[1],
    "heading2": names.HEADINGS[2],
    "heading3": names.HEADINGS[3],
    "imagecaption": names.CAPTION,
    "tablecaption": names.CAPTION,
    "figurecaption": names.CAPTION,
    "blocktext": names.QUOTE,
    "intensequote": names.QUOTE,
    "quotations": names.QUOTE,  # LibreOffice's "Quotations"
    "preformattedtext": names.CODE,  # LibreOffice
    "htmlpreformatted": names.CODE,
    "sourcecode": names.CODE,
    "captionedfigure": names.FIGURE,
    "endnotetext": names.FOOTNOTE_TEXT,
    "footnote": names.FOOTNOTE_TEXT,  # LibreOffice's "Footnote"
    "endnote": names.FOOTNOTE_TEXT,
    "listbullet2": names.LIST_BULLET,
    "listnumber2": names.LIST_NUMBER,
    "toc4": names.TOC_3,
    "contentsheading": names.TOC_HEADING,
    "contents1": names.TOC_1,
    "contents2": names.TOC_2,
    "contents3": names.TOC_3,
    "abstract": names.BODY,
    "firstparagraph": names.BODY,
    "compact": names.BODY,
    "normal": names.BODY,
    "textbody": names.BODY,  # LibreOffice's "Text Body"
    "normalweb": names.BODY,
    "listparagraph": names.BODY,
    "tablecontents": names.TABLE_TEXT,  # LibreOffice
    "tableheading": names.TABLE_HEADING,
}
HEADING_NAME = re.compile(r"^(?:heading|標題)\s*(\d)$", re.IGNORECASE)


def paragraph_style(p: etree._Element) -> str:
    found = p.find("w:pPr/w:pStyle", NS)
    return found.get(w("val"), "") if found is not None else ""


def role(p: etree._Element, package: Package) -> str:
    """The style name the paragraph plays (one of styles.py's), Body Text by default.
    A heading deeper than Heading 3 is Heading 3 (the model has three levels)."""
    style_id = paragraph_style(p)
    name = package.style_name(style_id) if style_id else ""
    found = HEADING_NAME.match(name.strip()) or HEADING_NAME.match(style_id)
    if found:
        return names.HEADINGS[min(max(int(found[1]), 1), 3)]
    mapped = ROLES.get(style_key(name)) or ROLES.get(style_key(style_id))
    if mapped:
        return mapped
    outline = p.find("w:pPr/w:outlineLvl", NS)
    level = int(outline.get(w("val"))) if outline is not None else package.outline_level(style_id)
    if level is not None and level < 9:
        return names.HEADINGS[min(level + 1, 3)]
    return names.BODY


def heading_level(role_name: str) -> int | None:
    for level, name in names.HEADINGS.items():
        if name == role_name:
            return level
    return None


def num_pr(p: etree._Element) -> tuple[str, int] | None:
    """(numId, level) when the paragraph is a list item (w:numPr, numId not 0)."""
    found = p.find("w:pPr/w:numPr", NS)
    if found is None:
        return None
    num = found.find("w:numId", NS)
    level = found.find("w:ilvl", NS)
    num_id = num.get(w("val"), "0") if num is not None else "0"
    if num_id == "0":
        return None
    return num_id, int(level.get(w("val"), "0")) if level is not None else 0


def list_kind(package: Package, num_id: str, level: int) -> tuple[str, int]:
    """("bullet" | "ordered", start) of list `num_id` at `level`, from numbering.xml."""
    root = package.numbering
    if root is None:
        return "bullet", 1
    num = root.find(f"w:num[@w:numId='{num_id}']", NS)
    if num is None:
        return "bullet", 1
    start = None
    override = num.find(f"w:lvlOverride[@w:ilvl='{level}']/w:startOverride", NS)
    if override is not None:
        start = int(override.get(w("val"), "1"))
    abstract_id = num.find("w:abstractNumId", NS)
    abstract = root.find(
        f"w:abstractNum[@w:abstractNumId='{abstract_id.get(w('val'))}']", NS
    ) if abstract_id is not None else None  # fmt: skip
    lvl = abstract.find(f"w:lvl[@w:ilvl='{level}']", NS) if abstract is not None else None
    fmt = lvl.find("w:numFmt", NS) if lvl is not None else None
    kind = "bullet" if fmt is None or fmt.get(w("val")) in ("bullet", "none") else "ordered"
    if start is None and lvl is not None and lvl.find("w:start", NS) is not None:
        start = int(lvl.find("w:start", NS).get(w("val"), "1"))
    return kind, start or 1
