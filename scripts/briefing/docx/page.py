"""Take the theme's page values and the paper's title block, produce the section: page,
header and footer.

The theme's page size and margins (w:pgSz, w:pgMar, ECMA-376 Part 1, §17.6.13/§17.6.11),
a running header with the series and the short title, a footer "第 1 頁／共 3 頁" whose
numbers are PAGE and NUMPAGES fields (§17.16.5.43/.40), and the handling marking on a
line of its own in both.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Twips

from briefing import styles as names
from briefing.docx.context import Context
from briefing.docx.fields import complex_field
from briefing.docx.house import watermark_run
from briefing.docx.ooxml import Element, el, paragraph, pt_to_twips, run
from briefing.docx.styles import style_id
from briefing.model import TitleBlock
from briefing.theme import Page, Theme

Furniture = Callable[[Section, Page], None]  # fills a section's header and footer


def set_up_page(ctx: Context, tb: TitleBlock) -> None:
    """The first section: page size, margins, header/footer distances, header and footer;
    a draft's watermark in the header, so it is on every page. A later section (a landscape
    page) gets its own from `ctx.page_furniture`."""
    section = ctx.document.sections[0]
    page_geometry(section, ctx.theme)
    ctx.page_furniture = paper_furniture(ctx, tb)
    ctx.page_furniture(section, ctx.theme.page)


def paper_furniture(ctx: Context, tb: TitleBlock) -> Furniture:
    """A paper's running header (with a draft's watermark) and footer, for a section of
    `page`'s size."""
    theme, language = ctx.theme, ctx.language

    def furnish(section: Section, page: Page) -> None:
        section.header.is_linked_to_previous = False  # its own parts, not the prior section's
        section.footer.is_linked_to_previous = False
        width = pt_to_twips(page.text_width)
        header = header_paragraphs(
            tb.series, tb.header_title, tb.marking, width, style_tab(page, theme)
        )
        mark = watermark_run(ctx, tb.watermark, ctx.next_watermark())
        if mark is not None:
            header[-1].append(mark)
        fill(section.header._element, header)
        fill(section.footer._element, footer_paragraphs(language.page_pattern, tb.marking))

    return furnish


def page_geometry(section: Section, theme: Theme) -> None:
    """The theme's page size, margins and header/footer distances."""
    page = theme.page
    section.page_width = Twips(pt_to_twips(page.width))
    section.page_height = Twips(pt_to_twips(page.height))
    section.top_margin = Twips(pt_to_twips(page.margin_top))
    section.bottom_margin = Twips(pt_to_twips(page.margin_bottom))
    section.left_margin = Twips(pt_to_twips(page.margin_left))
    section.right_margin = Twips(pt_to_twips(page.margin_right))
    section.header_distance = Twips(pt_to_twips(page.header_distance))
    section.footer_distance = Twips(pt_to_twips(page.footer_distance))
    section.gutter = Twips(0)
    for name in list(section._sectPr.attrib):  # the template's revision ids (w:rsid*)
        del section._sectPr.attrib[name]


def style_tab(page: Page, theme: Theme) -> int | None:
    """The Header style's right stop (the portrait text width), when `page` needs another."""
    return None if page == theme.page else pt_to_twips(theme.page.text_width)


def header_paragraphs(
    left: str, right: str, marking: str, width: int, clear: int | None = None
) -> list[Element]:
    """As in the PDF: the handling marking (if any) on a line of its own, centred, then one
    line with `left` at the left margin and `right` against the right margin (the Header
    style's right tab stop). Kept apart, no part can run into another. On a page of
    another width the style's stop at `clear` is cleared (§17.3.1.37) and one put at
    `width`, the right margin there."""
    tabs = []
    if clear is not None:
        stops = [
            el("w:tab", {"w:val": "clear", "w:pos": clear}),
            el("w:tab", {"w:val": "right", "w:pos": width}),
        ]
        stops.sort(key=lambda stop: int(stop.get(qn("w:pos"))))  # Word lists them left to right
        tabs = [el("w:tabs", None, *stops)]
    header = paragraph(style_id(names.HEADER), *tabs)
    header.append(run(f"{left}\t{right}" if right else left))
    return [*_marking(marking), header]


def footer_paragraphs(pattern: str, marking: str) -> list[Element]:
    """The page label, then the marking (if any) on a line of its own, as in the PDF."""
    return [footer_paragraph(pattern), *_marking(marking)]


def _marking(marking: str) -> list[Element]:
    if not marking:
        return []
    line = paragraph(style_id(names.HEADER_MARKING))
    line.append(run(marking))
    return [line]


def footer_paragraph(pattern: str) -> Element:
    """ "第 {page} 頁／共 {pages} 頁" with {page} -> PAGE and {pages} -> NUMPAGES fields."""
    p = paragraph(style_id(names.FOOTER))
    for piece in re.split(r"(\{page\}|\{pages\})", pattern):
        if piece == "{page}":
            p.extend(complex_field("PAGE \\* ARABIC", "1"))
        elif piece == "{pages}":
            p.extend(complex_field("NUMPAGES \\* ARABIC", "1"))
        elif piece:
            p.append(run(piece))
    return p


def fill(story: Element, paragraphs: list[Element]) -> None:
    """Replace the template's empty header/footer paragraph with ours."""
    for child in list(story):
        story.remove(child)
    story.extend(paragraphs)
