"""Take element names and values, produce WordprocessingML elements in schema order.

The few helpers every DOCX module shares: build a `w:p` or `w:r`, put property children
in the order the schema demands (ECMA-376 Part 1, §17.3.1.26 pPr and §17.3.2.28 rPr are
xsd:sequence, so Word rejects a file whose children are out of order), and convert
theme units (mm, pt, "#RRGGBB") into the units OOXML stores (twips, half-points, hex).
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

Element = etree._Element

EMU_PER_INCH = 914400
TWIPS_PER_INCH = 1440

# CT_PPrBase then CT_PPr (ECMA-376 Part 1, §17.3.1.26).
PPR_ORDER = (
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
)
# CT_RPr (§17.3.2.28).
RPR_ORDER = (
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
)
# CT_TblPr (§17.4.60), CT_TcPr (§17.4.70).
TBLPR_ORDER = (
    "tblStyle",
    "tblpPr",
    "tblOverlap",
    "bidiVisual",
    "tblStyleRowBandSize",
    "tblStyleColBandSize",
    "tblW",
    "jc",
    "tblCellSpacing",
    "tblInd",
    "tblBorders",
    "shd",
    "tblLayout",
    "tblCellMar",
    "tblLook",
)
TCPR_ORDER = (
    "cnfStyle",
    "tcW",
    "gridSpan",
    "hMerge",
    "vMerge",
    "tcBorders",
    "shd",
    "noWrap",
    "tcMar",
    "textDirection",
    "tcFitText",
    "vAlign",
    "hideMark",
)

# Punctuation whose script Word cannot tell from the character alone; in a Chinese paper
# it must take the East Asian font (w:rFonts/@w:hint="eastAsia", §17.3.2.26).
AMBIGUOUS_PUNCTUATION = frozenset("“”‘’…—·")


def el(tag: str, attrs: dict[str, object] | None = None, *children: Element) -> Element:
    """`el("w:jc", {"w:val": "both"})` -> <w:jc w:val="both"/>; attribute names are prefixed."""
    element = OxmlElement(tag)
    for name, value in (attrs or {}).items():
        element.set(qn(name), str(value))
    element.extend(children)
    return element


def val(tag: str, value: object) -> Element:
    """The common one-attribute element: <w:x w:val="..."/>."""
    return el(tag, {"w:val": value})


def in_order(parent: Element, order: tuple[str, ...]) -> Element:
    """Sort `parent`'s children into schema order (stable for repeated elements)."""
    rank = {qn(name if ":" in name else "w:" + name): i for i, name in enumerate(order)}
    parent[:] = sorted(parent, key=lambda child: rank.get(child.tag, len(order)))
    return parent


def paragraph(style_id: str | None, *props: Element) -> Element:
    """A `w:p` in a named style; `props` are any extra pPr children (numPr, keepNext...)."""
    p = el("w:p")
    ppr = el("w:pPr")
    if style_id:
        ppr.append(val("w:pStyle", style_id))
    ppr.extend(props)
    if len(ppr):
        p.append(in_order(ppr, PPR_ORDER))
    return p


def run_props(
    *,
    style_id: str | None = None,
    bold: bool = False,
    italic: bool = False,
    hint: bool = False,
    strike: bool = False,
    underline: bool = False,
    small_caps: bool = False,
    vert_align: str = "",
    fonts: dict[str, str] | None = None,
    lang: dict[str, str] | None = None,
    mark: str = "",
) -> Element | None:
    """w:rPr with what a run asks for beyond its style: `fonts` and `lang` are the
    attributes of w:rFonts (§17.3.2.26) and w:lang (§17.3.2.20), `vert_align`
    "subscript" or "superscript" (§17.3.2.42); `mark` an emphasis mark (w:em, §17.3.2.12:
    "dot", "underDot")."""
    rpr = el("w:rPr")
    if style_id:
        rpr.append(val("w:rStyle", style_id))
    if hint or fonts:
        attrs = {f"w:{k}": v for k, v in (fonts or {}).items()}
        if hint:
            attrs["w:hint"] = "eastAsia"
        rpr.append(el("w:rFonts", attrs))
    for on, tag in ((bold, "w:b"), (italic, "w:i"), (small_caps, "w:smallCaps"),
                    (strike, "w:strike")):  # fmt: skip
        if on:
            rpr.append(el(tag))
    if underline:
        rpr.append(val("w:u", "single"))
    if vert_align:
        rpr.append(val("w:vertAlign", vert_align))
    if mark:
        rpr.append(val("w:em", mark))
    if lang:
        rpr.append(el("w:lang", {f"w:{k}": v for k, v in lang.items()}))
    return in_order(rpr, RPR_ORDER) if len(rpr) else None


def run(text: str = "", rpr: Element | None = None) -> Element:
    """A `w:r` holding `text`; tabs become w:tab, newlines w:br (§17.3.3)."""
    r = el("w:r")
    if rpr is not None:
        r.append(rpr)
    for i, line in enumerate(text.split("\n")):
        if i:
            r.append(el("w:br"))
        for j, chunk in enumerate(line.split("\t")):
            if j:
                r.append(el("w:tab"))
            if chunk:
                t = el("w:t")
                t.text = chunk
                # Word trims leading/trailing spaces unless told otherwise.
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                r.append(t)
    return r


def append_block(container: Element, block: Element) -> Element:
    """Append a w:p or w:tbl to a body, cell, note, header or footer.

    A w:body ends with its w:sectPr (§17.2.2), so blocks go before it.
    """
    last = container[-1] if len(container) else None
    if last is not None and last.tag == qn("w:sectPr"):
        last.addprevious(block)
    else:
        container.append(block)
    return block


def hex_colour(colour: str) -> str:
    """ "#1f3a5f" -> "1F3A5F" (ST_HexColorRGB)."""
    return colour.lstrip("#").upper()


def pt_to_twips(pt: float) -> int:
    return round(pt * 20)


def pt_to_half_points(pt: float) -> int:
    return round(pt * 2)


def twips_to_emu(twips: int) -> int:
    return twips * EMU_PER_INCH // TWIPS_PER_INCH
