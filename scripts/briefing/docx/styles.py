"""Take the theme and the paper's language, produce word/styles.xml: every named style.

The writer only names styles (briefing.styles); fonts, sizes, colours, spacing and
alignment live here, once, as a table read from the theme (pandoc's reference.docx idea).
python-docx's template styles are replaced wholesale, so nothing from its Mac Word 2010
template (theme fonts, 100 table styles) leaks into a paper.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document

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
    text_width_twips,
    val,
)
from briefing.theme import Theme

NORMAL = "Normal"
VERBATIM = "Verbatim Char"
HYPERLINK = "Hyperlink"
MARKING_CHAR = "Marking Char"  # the marking inside the running header

# Word knows these by a lower-case internal name; python-docx shows them capitalised.
INTERNAL_NAMES = {
    "Caption": "caption",
    "Header": "header",
    "Footer": "footer",
    "Heading 1": "heading 1",
    "Heading 2": "heading 2",
    "Heading 3": "heading 3",
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
        HYPERLINK,
        *names.HEADINGS.values(),
    }
)


def style_id(name: str) -> str:
    """'Key Points Title' -> 'KeyPointsTitle', the w:styleId Word would give it."""
    return name.replace(" ", "")


@dataclass(frozen=True)
class Spec:
    """One style. None means "inherit from based_on", as in Word itself."""

    name: str
    kind: str = "paragraph"  # ST_StyleType: "paragraph" | "character"
    font: str | None = None  # "body" | "heading" | "mono"
    size: float | None = None  # pt
    colour: str | None = None  # a key of theme.colours
    bold: bool = False
    caps: bool = False
    underline: bool = False
    superscript: bool = False
    align: str | None = None  # ST_Jc: "left" | "center" | "both"
    before: float | None = None  # pt
    after: float | None = None  # pt
    line: float | None = None  # multiple of single spacing
    first_line_em: float = 0
    left: float = 0  # pt
    right: float = 0  # pt
    keep_next: bool = False
    outline: int | None = None  # w:outlineLvl, so the navigation pane lists headings
    fill: str | None = None  # a key of theme.colours, paragraph shading
    right_tab: bool = False  # a right tab stop at the text width (running header)
    rule_below: str | None = None  # a key of theme.colours: a 1.2 pt bottom border
    next: str | None = None  # the style Word gives the paragraph typed after this one


def specs(theme: Theme, lang: str) -> list[Spec]:
    """The style table, read from the theme; order is the order in styles.xml."""
    s = theme.sizes
    body_align = "both" if theme.lang(lang)["align"] == "justify" else "left"
    indent = float(theme.lang(lang).get("first_line_indent_em", 0))
    body = {"size": s["body"], "align": body_align, "line": s["line_height"]}
    small = {"size": s["key_points"], "align": body_align, "line": 1.5}
    heading = {"font": "heading", "bold": True, "colour": "accent", "keep_next": True, "line": 1.35}
    table = {"size": s["caption"], "align": "left", "line": 1.35, "before": 2, "after": 2}
    cjk = lang == "zh-Hant"
    return [
        Spec(
            names.TITLE,
            font="heading",
            size=s["title"],
            bold=True,
            colour="accent",
            line=1.3,
            after=6,
            next=names.SUBTITLE,
        ),
        Spec(names.SUBTITLE, font="body", size=s["subtitle"], line=1.2, after=8, next=names.AUTHOR),
        Spec(
            names.SERIES,
            font="body",
            size=s["header"] + 1,
            colour="accent",
            after=6,
            caps=not cjk,
        ),
        Spec(
            names.AUTHOR,
            font="body",
            size=s["body"] - 1,
            colour="muted",
            after=0,
            align="right" if cjk else "left",
            next=names.DATE,
        ),
        # The rule under the title block is the Date paragraph's bottom border.
        Spec(
            names.DATE,
            font="body",
            size=s["body"] - 1,
            colour="muted",
            after=14,
            align="right" if cjk else "left",
            rule_below="accent",
            next=names.BODY,
        ),
        Spec(
            names.MARKING,
            font="heading",
            size=s["body"],
            bold=True,
            colour="marking",
            align="center",
            after=6,
        ),
        *(
            Spec(
                names.HEADINGS[level],
                size=s[f"heading_{level}"],
                before=before,
                after=after,
                outline=level - 1,
                next=names.BODY,
                **heading,
            )
            for level, before, after in ((1, 20, 8), (2, 14, 6), (3, 11, 6))
        ),
        Spec(names.BODY, after=s["paragraph_space_after"], first_line_em=indent, **body),
        Spec(
            names.KEY_POINTS_TITLE, size=s["box_title"], after=2, next=names.KEY_POINTS, **heading
        ),
        Spec(names.KEY_POINTS, before=2, after=2, **small),
        Spec(names.BOX_TITLE, size=s["box_title"], after=2, next=names.BOX_TEXT, **heading),
        Spec(names.BOX_TEXT, before=3, **small),
        Spec(names.LIST_BULLET, after=2, **body),
        Spec(names.LIST_NUMBER, after=2, **body),
        Spec(
            names.QUOTE,
            left=2 * s["body"],
            after=s["paragraph_space_after"],
            colour="muted",
            **body,
        ),
        Spec(
            names.CODE,
            font="mono",
            size=s["caption"],
            align="left",
            line=1.0,
            after=s["paragraph_space_after"],
            fill="box_fill",
        ),
        Spec(names.FIGURE, align="center", line=1.0, before=8, after=2, keep_next=True),
        Spec(
            names.CAPTION,
            font="body",
            size=s["caption"],
            align="center",
            line=1.4,
            before=4,
            after=8,
            next=names.BODY,
        ),
        Spec(
            names.SOURCE, size=s["caption"] - 1, colour="muted", align="center", line=1.2, after=10
        ),
        Spec(names.TABLE_TEXT, **table),
        Spec(names.TABLE_HEADING, font="heading", bold=True, keep_next=True, **table),
        Spec(names.FOOTNOTE_TEXT, size=s["footnote"], align=body_align, line=1.2, after=0),
        Spec(names.FOOTNOTE_REFERENCE, kind="character", superscript=True),
        Spec(
            names.HEADER, font="heading", size=s["header"], colour="muted", after=0, right_tab=True
        ),
        Spec(
            names.FOOTER, font="heading", size=s["header"], colour="muted", after=0, align="center"
        ),
        Spec(VERBATIM, kind="character", font="mono"),
        Spec(MARKING_CHAR, kind="character", font="heading", bold=True, colour="marking"),
        Spec(HYPERLINK, kind="character", colour="accent", underline=True),
    ]


def define_styles(document: Document, theme: Theme, lang: str) -> None:
    """Replace the template's styles with ours: docDefaults, the defaults Word needs, specs."""
    root = document.styles.element
    root[:] = []
    root.append(_doc_defaults(theme, lang))
    root.extend(_required_defaults(theme))
    for spec in specs(theme, lang):
        root.append(_style(spec, theme, lang))


def lang_element(theme: Theme, lang: str) -> Element:
    """w:lang (§17.3.2.20): Latin text in English, CJK text in Traditional Chinese (zh-TW)."""
    latin = theme.lang("en")["docx_lang"] if lang == "zh-Hant" else theme.lang(lang)["docx_lang"]
    east_asia = theme.lang("zh-Hant")["docx_lang"]
    return el("w:lang", {"w:val": latin, "w:eastAsia": east_asia, "w:bidi": "ar-SA"})


def _rfonts(latin: str, east_asia: str) -> Element:
    return el(
        "w:rFonts", {"w:ascii": latin, "w:hAnsi": latin, "w:eastAsia": east_asia, "w:cs": latin}
    )


def _doc_defaults(theme: Theme, lang: str) -> Element:
    """w:docDefaults (§17.7.5): fonts, size and language every run starts from."""
    size = pt_to_half_points(theme.sizes["body"])
    rpr = el(
        "w:rPr",
        None,
        _rfonts(*fonts(theme, lang, "body")),
        val("w:sz", size),
        val("w:szCs", size),
        lang_element(theme, lang),
    )
    ppr = el("w:pPr")
    if lang == "zh-Hant":
        # CJK line breaking (kinsoku, §17.3.1.16) on; the small gap Word puts between
        # CJK and Latin text (autoSpaceDE) or digits (autoSpaceDN, §17.3.1.2-3) as the
        # theme's `autospace_latin` says; no snapping to the document grid.
        space = "1" if theme.lang(lang).get("autospace_latin", True) else "0"
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


def _style(spec: Spec, theme: Theme, lang: str) -> Element:
    paragraph = spec.kind == "paragraph"
    style = _style_shell(spec.kind, spec.name, NORMAL if paragraph else None)
    if paragraph:
        style.append(val("w:next", style_id(spec.next or spec.name)))
    style.append(el("w:qFormat"))
    if paragraph:
        style.append(_paragraph_props(spec, theme))
    style.append(_run_props(spec, theme, lang))
    return style


def _paragraph_props(spec: Spec, theme: Theme) -> Element:
    ppr = el("w:pPr")
    if spec.keep_next:
        ppr.extend([el("w:keepNext"), el("w:keepLines")])
    if spec.fill:
        ppr.append(
            el(
                "w:shd",
                {
                    "w:val": "clear",
                    "w:color": "auto",
                    "w:fill": hex_colour(theme.colours[spec.fill]),
                },
            )
        )
    if spec.rule_below:
        colour = hex_colour(theme.colours[spec.rule_below])
        ppr.append(
            el(
                "w:pBdr",
                None,
                el("w:bottom", {"w:val": "single", "w:sz": 10, "w:space": 8, "w:color": colour}),
            )
        )
    if spec.right_tab:
        tab = el("w:tab", {"w:val": "right", "w:pos": text_width_twips(theme.page)})
        ppr.append(el("w:tabs", None, tab))
    spacing = {}
    if spec.before is not None:
        spacing["w:before"] = pt_to_twips(spec.before)
    if spec.after is not None:
        spacing["w:after"] = pt_to_twips(spec.after)
    if spec.line is not None:
        spacing.update({"w:line": round(240 * spec.line), "w:lineRule": "auto"})
    if spacing:
        ppr.append(el("w:spacing", spacing))
    ind: dict[str, object] = {}
    if spec.left or spec.right:
        ind.update({"w:left": pt_to_twips(spec.left), "w:right": pt_to_twips(spec.right)})
    if spec.first_line_em:
        # firstLineChars (hundredths of a character) is what Word uses for CJK;
        # firstLine (twips) is the same length for readers that ignore the former.
        size = spec.size or theme.sizes["body"]
        ind.update(
            {
                "w:firstLine": pt_to_twips(spec.first_line_em * size),
                "w:firstLineChars": round(spec.first_line_em * 100),
            }
        )
    if ind:
        ppr.append(el("w:ind", ind))
    if spec.align:
        ppr.append(val("w:jc", spec.align))
    if spec.outline is not None:
        ppr.append(val("w:outlineLvl", spec.outline))
    return in_order(ppr, PPR_ORDER)


def _run_props(spec: Spec, theme: Theme, lang: str) -> Element:
    rpr = el("w:rPr")
    if spec.font:
        rpr.append(_rfonts(*fonts(theme, lang, spec.font)))
    if spec.bold:
        rpr.extend([el("w:b"), el("w:bCs")])
    if spec.caps:
        rpr.append(el("w:caps"))
    if spec.colour:
        rpr.append(val("w:color", hex_colour(theme.colours[spec.colour])))
    if spec.size:
        half_points = pt_to_half_points(spec.size)
        rpr.extend([val("w:sz", half_points), val("w:szCs", half_points)])
    if spec.underline:
        rpr.append(val("w:u", "single"))
    if spec.superscript:
        rpr.append(val("w:vertAlign", "superscript"))
    return in_order(rpr, RPR_ORDER)
