"""Take the theme's house additions and a paper, produce their DOCX forms: the colour band
with the logo across the top of page 1, the key points as a side panel, the imprint line
with its QR code, and a draft's watermark.

Each is made from what Word and LibreOffice both render:
- the band is a rectangle shape anchored to the page's top-left corner, as wide as the
  page, holding the logo and series in its text box (LibreOffice 7.4 would leave a
  floating table as wide as the page inline, at the margin);
- the side panel is a floating table (w:tblpPr, ECMA-376 Part 1, §17.4.57) against the
  right (or left) margin, the text running beside it; LibreOffice opens it as a frame.
- the watermark is Word's own: a VML text-path shape named PowerPlusWaterMarkObject in
  the header (§14.1, the `v:` and `o:` namespaces), which Word's Design > Watermark
  lists and LibreOffice shows as its own watermark.
"""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from briefing import figures
from briefing import styles as names
from briefing.docx.context import Context
from briefing.docx.figures import EMU_PER_POINT, picture
from briefing.docx.fonts import fonts
from briefing.docx.ooxml import (
    TBLPR_ORDER,
    TCPR_ORDER,
    Element,
    append_block,
    el,
    hex_colour,
    in_order,
    paragraph,
    pt_to_twips,
    run,
    val,
)
from briefing.docx.styles import style_id
from briefing.docx.tables import SIDES
from briefing.model import Colophon, TitleBlock
from briefing.qr import qr_image

NO_LINES: dict = {}
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
VML = "urn:schemas-microsoft-com:vml"
OFFICE = "urn:schemas-microsoft-com:office:office"


def floating(**position: object) -> Element:
    """w:tblpPr: where a floating table stands and how far text keeps from it (twips)."""
    attrs = {"w:leftFromText": 0, "w:rightFromText": 0, "w:topFromText": 0, "w:bottomFromText": 0}
    attrs.update({f"w:{k}": v for k, v in position.items()})
    return el("w:tblpPr", attrs)


def _float(tbl: Element, tblp_pr: Element) -> Element:
    tbl_pr = tbl.find(qn("w:tblPr"))
    tbl_pr.append(tblp_pr)
    in_order(tbl_pr, TBLPR_ORDER)
    return tbl


def _cell(width: int, *content: Element, fill: str = "", margins: dict | None = None) -> Element:
    tc_pr = el("w:tcPr", None, el("w:tcW", {"w:w": width, "w:type": "dxa"}))
    if fill:
        tc_pr.append(el("w:shd", {"w:val": "clear", "w:color": "auto", "w:fill": fill}))
    if margins:
        sides = (el(f"w:{s}", {"w:w": margins[s], "w:type": "dxa"}) for s in SIDES if s in margins)
        tc_pr.append(el("w:tcMar", None, *sides))
    tc_pr.append(val("w:vAlign", "center"))
    return el("w:tc", None, in_order(tc_pr, TCPR_ORDER), *content)


def band_run(ctx: Context, tb: TitleBlock) -> Element | None:
    """The theme's colour band as a w:r to open the first paragraph: a page-wide
    rectangle from the page's top edge (a DrawingML shape, wps:wsp, anchored to the page,
    §20.4.2.3), filled with the band colour, holding the logo at the left margin and the
    series (Band Text) against the right one; text keeps below it (wrapTopAndBottom).
    None when the theme has no band."""
    theme = ctx.theme
    cover, page = theme.cover, theme.page
    if not cover.band:
        return None
    width, height = round(page.width * EMU_PER_POINT), round(cover.band_height * EMU_PER_POINT)
    below = round(theme.box.space_after * EMU_PER_POINT)
    tab = el("w:tab", {"w:val": "right", "w:pos": pt_to_twips(page.text_width)})
    line = paragraph(style_id(names.BAND_TEXT), el("w:tabs", None, tab), val("w:jc", "left"))
    if theme.logo and cover.logo:
        image = figures.load(theme.logo.path)
        drawing = picture(ctx, image, theme.logo.width, name=image.path.name, alt=theme.logo.alt)
        line.append(el("w:r", None, drawing))
    line.append(run("\t" + tb.series))
    number = ctx.next_drawing_id()
    anchor = parse_xml(
        f'<w:drawing {nsdecls("w", "wp", "a")} xmlns:wps="{WPS}">'
        f'<wp:anchor distT="0" distB="{below}" distL="0" distR="0" simplePos="0" '
        f'relativeHeight="{251658240 + number}" behindDoc="0" locked="0" layoutInCell="1" '
        f'allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="page"><wp:posOffset>0</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="page"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{width}" cy="{height}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:wrapTopAndBottom/><wp:docPr id="{number}" name="Band {number}"/>'
        f'<wp:cNvGraphicFramePr/><a:graphic><a:graphicData uri="{WPS}"><wps:wsp>'
        f'<wps:cNvSpPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{width}" '
        f'cy="{height}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        f'<a:solidFill><a:srgbClr val="{hex_colour(cover.band_colour)}"/></a:solidFill>'
        f"<a:ln><a:noFill/></a:ln></wps:spPr><wps:txbx><w:txbxContent/></wps:txbx>"
        f'<wps:bodyPr rot="0" vert="horz" wrap="square" '
        f'lIns="{round(page.margin_left * EMU_PER_POINT)}" tIns="0" '
        f'rIns="{round(page.margin_right * EMU_PER_POINT)}" bIns="0" anchor="ctr" '
        f'anchorCtr="0"><a:noAutofit/></wps:bodyPr></wps:wsp></a:graphicData></a:graphic>'
        f"</wp:anchor></w:drawing>"
    )
    anchor.find(".//" + qn("w:txbxContent")).append(line)
    return el("w:r", None, anchor)


def side_panel(ctx: Context) -> tuple[int, Element] | None:
    """(width, w:tblpPr) for the key points as a side panel, or None for a box above."""
    layout = ctx.theme.key_points
    if not layout.side_panel:
        return None
    gap = pt_to_twips(layout.gap)
    away = {"leftFromText": gap} if layout.side == "right" else {"rightFromText": gap}
    position = floating(
        vertAnchor="text", horzAnchor="margin", tblpXSpec=layout.side, tblpY=0,
        bottomFromText=gap, **away,
    )  # fmt: skip
    return pt_to_twips(layout.width), position


def write_colophon(ctx: Context, body: Element, colophon: Colophon | None) -> None:
    """The imprint line, after a QR code of the URL when the theme asks for one."""
    if colophon is None:
        return
    p = append_block(body, paragraph(style_id(names.COLOPHON)))
    if colophon.qr:
        size = ctx.theme.imprint(ctx.language).qr_size
        image = qr_image(colophon.url, size, ctx.theme.colours["text"])
        p.append(el("w:r", None, picture(ctx, image, size, name="qr.svg", alt=colophon.url)))
        p.append(run("\n"))
    p.append(run(colophon.text))


# The text-path shape type Word writes for its watermarks (o:spt 136, "plain text").
SHAPETYPE = """<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800"
 path="m@7,l@8,m@5,21600l@6,21600e"><v:formulas><v:f eqn="sum #0 0 10800"/>
<v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/><v:f eqn="sum 0 0 @2"/>
<v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/><v:f eqn="if @0 21600 @1"/>
<v:f eqn="if @0 0 @2"/><v:f eqn="if @0 @4 21600"/><v:f eqn="mid @5 @6"/>
<v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/><v:f eqn="mid @6 @7"/>
<v:f eqn="sum @6 0 @5"/></v:formulas><v:path textpathok="t" o:connecttype="custom"
 o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" o:connectangles="270,180,90,0"/>
<v:textpath on="t" fitshape="t"/><v:handles><v:h position="#0,bottomRight"
 xrange="6629,14971"/></v:handles><o:lock v:ext="edit" text="t" shapetype="t"/>
</v:shapetype>""".replace("\n", " ")


def watermark_run(ctx: Context, word: str, number: int = 1) -> Element | None:
    """A w:r holding Word's watermark shape with `word`, centred on the page's text area
    and turned by the theme's angle; None when there is no word (a final paper)."""
    if not word:
        return None
    mark = ctx.theme.watermark
    cjk = ctx.language.cjk
    # The text fills its shape (fitshape): the shape is as tall as the letters and as
    # wide as the word, a CJK character being about square, a Latin one ~0.7 of that.
    height = mark.size
    width = mark.size * len(word) * (1.0 if cjk else 0.72)
    font = fonts(ctx.language, "heading")[1 if cjk else 0]
    style = (
        f"position:absolute;margin-left:0;margin-top:0;width:{width:.1f}pt;height:{height:.1f}pt;"
        f"rotation:{(360 - mark.angle) % 360:g};z-index:-251657216;"
        "mso-position-horizontal:center;mso-position-horizontal-relative:margin;"
        "mso-position-vertical:center;mso-position-vertical-relative:margin"
    )
    text_style = 'font-family:"' + font + '";font-size:1pt'
    shape = (
        f'<v:shape id="PowerPlusWaterMarkObject{number}" o:spid="_x0000_s{2048 + number}" '
        f'type="#_x0000_t136" style={quoteattr(style)} o:allowincell="f" '
        f'fillcolor="{mark.colour}" stroked="f"><v:fill opacity="1"/>'
        f"<v:textpath style={quoteattr(text_style)} "
        f"string={quoteattr(word)}/></v:shape>"
    )
    return parse_xml(
        f'<w:r {nsdecls("w")} xmlns:v="{VML}" xmlns:o="{OFFICE}"><w:rPr><w:noProof/></w:rPr>'
        f"<w:pict>{SHAPETYPE}{shape}</w:pict></w:r>"
    )
