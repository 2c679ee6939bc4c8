"""Take the language's DOCX fonts, produce the font roles and word/fontTable.xml.

The font table (ECMA-376 Part 1, §17.8.3) tells a reader what each named font is when it
is not installed: its family (roman = serif, swiss = sans, modern = monospace), its
character set (136 = Big5, Traditional Chinese) and its localised name (新細明體), so a
substitute of the right kind is chosen. The template's table (Japanese Mac fonts) goes.
"""

from __future__ import annotations

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from briefing.docx.ooxml import el, val
from briefing.language import Language
from briefing.model import LangSpan
from briefing.theme import Theme
from briefing.transform import walk

# name -> (w:family, w:pitch, w:charset, w:altName) for the fonts themes name today.
KNOWN = {
    "PMingLiU": ("roman", "variable", "88", "新細明體"),
    "MingLiU": ("modern", "fixed", "88", "細明體"),
    "Microsoft JhengHei": ("swiss", "variable", "88", "微軟正黑體"),
    "DFKai-SB": ("script", "fixed", "88", "標楷體"),
    "Times New Roman": ("roman", "variable", "00", ""),
    "Cambria": ("roman", "variable", "00", ""),
    "Georgia": ("roman", "variable", "00", ""),
    "Arial": ("swiss", "variable", "00", ""),
    "Calibri": ("swiss", "variable", "00", ""),
    "Open Sans": ("swiss", "variable", "00", ""),
    "Courier New": ("modern", "fixed", "00", ""),
    "Consolas": ("modern", "fixed", "00", ""),
}
ROLES = ("body", "heading", "mono")


def fonts(language: Language, role: str) -> tuple[str, str]:
    """(Latin font, East Asian font) for "body", "heading" or "mono"."""
    f = language.docx_fonts
    return f[role], f[role + "_east_asia"]


def spans_in(theme: Theme, *trees) -> list[Language]:
    """The languages of the `[...]{lang=x}` passages in `trees`: their fonts are used too."""
    codes = sorted({node.lang for node in walk(trees) if isinstance(node, LangSpan)})
    return [theme.language(code) for code in codes]


def write_font_table(
    document: Document, language: Language, others: list[Language] | tuple = ()
) -> None:
    """Replace word/fontTable.xml with an entry for each font the styles (and the passages
    in `others` languages) use."""
    used = sorted(
        {name for lang in (language, *others) for role in ROLES for name in fonts(lang, role)}
    )
    table = el("w:fonts", None, *(_font(name) for name in used))
    part = document.part.part_related_by(RT.FONT_TABLE)
    # python-docx loads this part as a plain Part: its bytes are all there is.
    part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)


def _font(name: str) -> etree._Element:
    family, pitch, charset, alt_name = KNOWN.get(name, ("auto", "variable", "00", ""))
    font = el("w:font", {"w:name": name})
    if alt_name:
        font.append(val("w:altName", alt_name))
    font.extend([val("w:charset", charset), val("w:family", family), val("w:pitch", pitch)])
    return font
