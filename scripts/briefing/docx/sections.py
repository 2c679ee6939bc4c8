"""Take a model Landscape block, produce its content in a landscape section of its own.

A section's properties sit at its end (ECMA-376 Part 1, §17.6.17): the body's final
w:sectPr describes the section being written. A landscape block therefore
1. ends the section before it with a copy of those properties in a paragraph's w:pPr;
2. writes its content on the turned page;
3. ends itself with the same properties turned (w:pgSz w:orient="landscape", width and
   height swapped, §17.6.13), starting on a new page (w:type nextPage, §17.6.22);
4. and the section after it (the body's final w:sectPr again) starts on a new page too.
The landscape section and the one after it get header and footer parts of their own,
filled by the document's writer (`ctx.page_furniture`), so the running header's right tab
sits at that page's right margin. Neither restarts footnote numbering (no w:footnotePr:
numbers run on, also in a volume whose papers restart theirs).
"""

from __future__ import annotations

import copy

from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Twips

from briefing.docx.context import Context
from briefing.docx.ooxml import Element, append_block, paragraph, pt_to_twips
from briefing.model import Landscape
from briefing.theme import Page


def write_landscape(ctx: Context, body: Element, node: Landscape) -> None:
    final = body.find(qn("w:sectPr"))
    append_block(body, paragraph(None, copy.deepcopy(final)))  # 1. the section before ends
    turned = ctx.theme.page.turned()
    saved, ctx.page = ctx.page, turned
    try:
        ctx.write_blocks(ctx, body, node.children)  # 2.
    finally:
        ctx.page = saved
    landscape = copy.deepcopy(final)
    append_block(body, paragraph(None, landscape))  # 3. ... and so does the landscape one
    _restart(ctx, landscape, turned, WD_ORIENT.LANDSCAPE)
    _restart(ctx, final, ctx.theme.page, WD_ORIENT.PORTRAIT)  # 4. the rest: portrait again


def _restart(ctx: Context, sect_pr: Element, page: Page, orientation) -> None:
    """`sect_pr` as a section starting on a new page of `page`'s size, with its own
    header and footer, continuing the footnote numbers."""
    for child in sect_pr.findall(qn("w:footnotePr")):
        sect_pr.remove(child)
    for ref in sect_pr.xpath("w:headerReference|w:footerReference"):
        sect_pr.remove(ref)
    section = Section(sect_pr, ctx.document.part)
    section.start_type = WD_SECTION.NEW_PAGE
    section.orientation = orientation
    section.page_width = Twips(pt_to_twips(page.width))
    section.page_height = Twips(pt_to_twips(page.height))
    if ctx.page_furniture is not None:
        ctx.page_furniture(section, page)
