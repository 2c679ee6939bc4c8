"""Take the theme and the paper's language, produce word/styles.xml: every named style.

The writer only names styles (briefing.styles); fonts, sizes, colours, spacing and
alignment come from the theme's `styles:` table, the same `Style` records the PDF's CSS
is generated from (html/css.py), so both outputs change together. python-docx's
template styles are replaced wholesale, so nothing from its Mac Word 2010 template (theme
fonts, 100 table styles) leaks into a paper. What is Word's own business stays here: the
built-in style names, outline levels, which style follows which.
"""

from __future__ import annotations

import re

from docx.document import Document
from docx.oxml.ns import qn

from briefing import styles as names
from briefing.docx.fonts import fonts
from briefing.docx.ooxml import (
    PPR_ORDER,
    RPR_ORDER,
    Element,
    el,
    hex_colour,
    in_order,
    pt_to_half_points,
    pt_to_twips,
    val,
)
from briefing.language import Language
from briefing.theme import Style, Theme

NORMAL = "Normal"
VERBATIM = names.VERBATIM
HYPERLINK = names.HYPERLINK

# Word knows these by a lower-case internal name; python-docx shows them capitalised.
INTERNAL_NAMES = {
    "Caption": "caption",
    "Header": "header",
    "Footer": "footer",
    "Heading 1": "heading 1",
    "Heading 2": "heading 2",
    "Heading 3": "heading 3",
    "TOC Heading": "TOC Heading",
    "TOC 1": "toc 1",
    "TOC 2": "toc 2",
    "TOC 3": "toc 3",
}
# Word's own built-in styles; everything else is marked w:customStyle.
BUILT_IN = frozenset(
    {
        NORMAL,
        names.TITLE,
        names.SUBTITLE,
        names.BODY,
        names.CAPTION,
        names.DATE,
        names.FOOTNOTE_TEXT,
        names.FOOTNOTE_REFERENCE,
        names.HEADER,
        names.FOOTER,
        names.LIST_BULLET,
        names.LIST_NUMBER,
        names.QUOTE,
        names.TOC_HEADING,
        names.TOC_1,
        names.BIBLIOGRAPHY,  # Word 2007+'s own, the one its References tab writes
        names.TOC_2,
        names.TOC_3,
        HYPERLINK,
        *names.HEADINGS.values(),
    }
)
OUTLINE = {name: level - 1 for level, name in names.HEADINGS.items()}
# The style Word gives the paragraph typed after one in this style.
NEXT = {
    names.TITLE: names.SUBTITLE,
    names.SUBTITLE: names.AUTHOR,
    names.AUTHOR: names.DATE,
    names.DATE: names.BODY,
    **{h: names.BODY for h in names.HEADINGS.values()},
    names.KEY_POINTS_TITLE: names.KEY_POINTS,
    names.BOX_TITLE: names.BOX_TEXT,
    names.CAPTION: names.BODY,
}
RIGHT_TAB = {names.HEADER}  # a right tab stop at the text width (the running header)
# Contents entries: dot leaders to the page number at a right tab, the title kept clear of
# it by a right indent, so a long title wraps before the number. (LibreOffice drops text
# after a tab stop beyond the right indent, so the numbers end at the indent.)
LEADER_TAB = {names.TOC_1, names.TOC_2, names.TOC_3}
ALIGN = {"left": "left", "right": "right", "center": "center", "justify": "both"}


def style_id(name: str) -> str:
    """'Key Points Title' -> 'KeyPointsTitle', the w:styleId Word would give it."""
    return name.replace(" ", "")


def define_styles(document: Document, theme: Theme, language: Language) -> None:
    """Replace the template's styles with ours: docDefaults, the defaults Word needs, and
    one style per name in the theme's table."""
    root = document.styles.element
    root[:] = []
    root.append(_doc_defaults(theme, language))
    root.extend(_required_defaults(theme))
    for name in names.ALL_STYLES:
        root.append(_style(theme.style(name, language), theme, language))


def language_style_name(name: str, language: Language) -> str:
    """ "Body Text" as a paper in `language` sets it inside a volume of another language."""
    return f"{name} ({language.code})"


def define_language_styles(document: Document, theme: Theme, language: Language) -> dict[str, str]:
    """Every named style again, as `language` sets it (its fonts, indents, alignments), for
    a volume's papers in a language other than the volume's: {style id: its id here}.
    "Body Text (zh-Hant)" keeps a Chinese paper's first-line indent in an English volume."""
    root = document.styles.element
    variants = {}
    for name in names.ALL_STYLES:
        variant = language_style_name(name, language)
        element = _style(theme.style(name, language), theme, language)
        element.set(qn("w:styleId"), re.sub(r"[^A-Za-z0-9]", "", variant))
        element.set(qn("w:customStyle"), "1")
        element.find(qn("w:name")).set(qn("w:val"), variant)
        root.append(element)
        variants[style_id(name)] = element.get(qn("w:styleId"))
    return variants


def restyle(elements, variants: dict[str, str]) -> None:
    """Point every paragraph and run style under `elements` at its variant."""
    for element in elements:
        for node in element.iter(qn("w:pStyle"), qn("w:rStyle")):
            name = node.get(qn("w:val"))
            node.set(qn("w:val"), variants.get(name, name))


def lang_element(theme: Theme, language: Language) -> Element:
    """w:lang (§17.3.2.20): Latin text and East Asian text each tagged with a language of
    the theme's, the paper's own for its script (zh-TW and en-GB in the default theme)."""
    others = theme.languages.values()
    latin = (
        language.docx_lang
        if not language.cjk
        else next((other.docx_lang for other in others if not other.cjk), "en-US")
    )
    east_asia = (
        language.docx_lang
        if language.cjk
        else next((other.docx_lang for other in others if other.cjk), "zh-TW")
    )
    return el("w:lang", {"w:val": latin, "w:eastAsia": east_asia, "w:bidi": "ar-SA"})


def _rfonts(latin: str, east_asia: str) -> Element:
    return el(
        "w:rFonts", {"w:ascii": latin, "w:hAnsi": latin, "w:eastAsia": east_asia, "w:cs": latin}
    )


def _doc_defaults(theme: Theme, language: Language) -> Element:
    """w:docDefaults (§17.7.5): fonts, size and language every run starts from."""
    size = pt_to_half_points(theme.style(names.BODY, language).size)
    rpr = el(
        "w:rPr",
        None,
        _rfonts(*fonts(language, "body")),
        val("w:sz", size),
        val("w:szCs", size),
        lang_element(theme, language),
    )
    ppr = el("w:pPr")
    if language.cjk:
        # CJK line breaking (kinsoku, §17.3.1.16) on; the small gap Word puts between
        # CJK and Latin text (autoSpaceDE) or digits (autoSpaceDN, §17.3.1.2-3) as the
        # theme's `autospace_latin` says; no snapping to the document grid.
        space = "1" if language.autospace_latin else "0"
        ppr.extend(
            [
                el("w:kinsoku"),
                val("w:autoSpaceDE", space),
                val("w:autoSpaceDN", space),
                val("w:snapToGrid", "0"),
            ]
        )
    ppr.append(el("w:spacing", {"w:after": 0, "w:line": 240, "w:lineRule": "auto"}))
    return el(
        "w:docDefaults",
        None,
        el("w:rPrDefault", None, in_order(rpr, RPR_ORDER)),
        el("w:pPrDefault", None, in_order(ppr, PPR_ORDER)),
    )


def _required_defaults(theme: Theme) -> list[Element]:
    """The four default styles every WordprocessingML document has (§17.7.4.17)."""
    normal = _style_shell("paragraph", NORMAL, based_on=None, default=True)
    normal.append(el("w:rPr", None, val("w:color", hex_colour(theme.colours["text"]))))
    paragraph_font = _style_shell("character", "Default Paragraph Font", None, default=True)
    paragraph_font.insert(1, el("w:semiHidden"))
    table = _style_shell("table", "Normal Table", None, default=True, sid="TableNormal")
    # Word's own default cell margins (0.19 cm); our tables and boxes set their own.
    margins = el(
        "w:tblCellMar",
        None,
        *(
            el(f"w:{side}", {"w:w": width, "w:type": "dxa"})
            for side, width in (("top", 0), ("left", 108), ("bottom", 0), ("right", 108))
        ),
    )
    table.append(el("w:tblPr", None, el("w:tblInd", {"w:w": 0, "w:type": "dxa"}), margins))
    no_list = _style_shell("numbering", "No List", None, default=True)
    return [normal, paragraph_font, table, no_list]


def _style_shell(
    kind: str, name: str, based_on: str | None, *, default: bool = False, sid: str | None = None
) -> Element:
    attrs: dict[str, object] = {"w:type": kind, "w:styleId": sid or style_id(name)}
    if default:
        attrs["w:default"] = 1
    elif name not in BUILT_IN:
        attrs["w:customStyle"] = 1
    style = el("w:style", attrs, val("w:name", INTERNAL_NAMES.get(name, name)))
    if based_on:
        style.append(val("w:basedOn", style_id(based_on)))
    return style


def _style(style: Style, theme: Theme, language: Language) -> Element:
    paragraph = not style.character
    element = _style_shell(
        "paragraph" if paragraph else "character", style.name, NORMAL if paragraph else None
    )
    if paragraph:
        element.append(val("w:next", style_id(NEXT.get(style.name, style.name))))
    element.append(el("w:qFormat"))
    if paragraph:
        element.append(_paragraph_props(style, theme))
    element.append(_run_props(style, language))
    return element


def _paragraph_props(style: Style, theme: Theme) -> Element:
    ppr = el("w:pPr")
    if style.keep_with_next:
        ppr.extend([el("w:keepNext"), el("w:keepLines")])
    if style.fill:
        ppr.append(
            el("w:shd", {"w:val": "clear", "w:color": "auto", "w:fill": hex_colour(style.fill)})
        )
    if style.rule_below:
        rule = style.rule_below
        line = {
            "w:val": "single",
            "w:sz": round(rule.width * 8),  # eighths of a point (§17.18.2)
            "w:space": round(rule.gap),  # points
            "w:color": hex_colour(rule.colour),
        }
        ppr.append(el("w:pBdr", None, el("w:bottom", line)))
    if style.name in RIGHT_TAB:
        tab = el("w:tab", {"w:val": "right", "w:pos": pt_to_twips(theme.page.text_width)})
        ppr.append(el("w:tabs", None, tab))
    if style.name in LEADER_TAB:
        end = pt_to_twips(theme.page.text_width - theme.volume.toc_number_width)
        tab = el("w:tab", {"w:val": "right", "w:leader": "dot", "w:pos": end})
        ppr.append(el("w:tabs", None, tab))
    spacing = {}
    if style.space_before is not None:
        spacing["w:before"] = pt_to_twips(style.space_before)
    if style.space_after is not None:
        spacing["w:after"] = pt_to_twips(style.space_after)
    if style.line_height is not None:
        spacing.update({"w:line": round(240 * style.line_height), "w:lineRule": "auto"})
    if spacing:
        ppr.append(el("w:spacing", spacing))
    ind: dict[str, object] = {}
    if style.indent_left:
        ind["w:left"] = pt_to_twips(style.indent_left)
    if style.name in LEADER_TAB:
        ind["w:right"] = pt_to_twips(theme.volume.toc_number_width)
    if style.first_line_indent:
        # firstLineChars (hundredths of a character) is what Word uses for CJK;
        # firstLine (twips) is the same length for readers that ignore the former.
        size = style.size or 11.0
        ind.update(
            {
                "w:firstLine": pt_to_twips(style.first_line_indent),
                "w:firstLineChars": round(style.first_line_indent / size * 100),
            }
        )
    if style.hanging:  # w:hanging (§17.3.1.12) pulls the first line back out of w:left
        hanging = pt_to_twips(style.hanging)
        ind.update({"w:left": ind.get("w:left", 0) + hanging, "w:hanging": hanging})
    if ind:
        ppr.append(el("w:ind", ind))
    if style.align:
        ppr.append(val("w:jc", ALIGN[style.align]))
    if style.name in OUTLINE:
        ppr.append(val("w:outlineLvl", OUTLINE[style.name]))
    return in_order(ppr, PPR_ORDER)


def _run_props(style: Style, language: Language) -> Element:
    rpr = el("w:rPr")
    if style.font:
        rpr.append(_rfonts(*fonts(language, style.font)))
    if style.bold is not None:
        rpr.extend([val("w:b", int(style.bold)), val("w:bCs", int(style.bold))])
    if style.italic is not None:
        rpr.extend([val("w:i", int(style.italic)), val("w:iCs", int(style.italic))])
    if style.caps is not None:
        rpr.append(val("w:caps", int(style.caps)))
    if style.colour:
        rpr.append(val("w:color", hex_colour(style.colour)))
    if style.letter_spacing:
        rpr.append(val("w:spacing", pt_to_twips(style.letter_spacing)))
    if style.size:
        half_points = pt_to_half_points(style.size)
        rpr.extend([val("w:sz", half_points), val("w:szCs", half_points)])
    if style.underline is not None:
        rpr.append(val("w:u", "single" if style.underline else "none"))
    if style.superscript:
        rpr.append(val("w:vertAlign", "superscript"))
    return in_order(rpr, RPR_ORDER)
