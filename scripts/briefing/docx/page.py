"""Take the theme's page values and the paper's title block, produce the section: page,
header and footer.

The theme's page size and margins (w:pgSz, w:pgMar, ECMA-376 Part 1, §17.6.13/§17.6.11),
a running header with the series, the handling marking and the short title, and a footer
"第 1 頁／共 3 頁" whose numbers are PAGE and NUMPAGES fields (§17.16.5.43/.40).
"""

from __future__ import annotations

import re

from docx.section import Section
from docx.shared import Twips

from briefing import styles as names
from briefing.docx.context import Context
from briefing.docx.fields import complex_field
from briefing.docx.house import watermark_run
from briefing.docx.ooxml import Element, el, paragraph, pt_to_twips, run, run_props
from briefing.docx.styles import MARKING_CHAR, style_id
from briefing.model import TitleBlock
from briefing.theme import Theme


def set_up_page(ctx: Context, tb: TitleBlock) -> None:
    """The one section: page size, margins, header/footer distances, header and footer;
    a draft's watermark in the header, so it is on every page."""
    theme, language = ctx.theme, ctx.language
    section = ctx.document.sections[0]
    page_geometry(section, theme)
    width = pt_to_twips(theme.page.text_width)
    header = header_paragraph(tb.series, tb.marking, tb.header_title, width)
    mark = watermark_run(ctx, tb.watermark)
    if mark is not None:
        header.append(mark)
    fill(section.header._element, [header])
    fill(section.footer._element, [footer_paragraph(language.page_pattern)])


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


def header_paragraph(left: str, marking: str, right: str, width: int) -> Element:
    """One line, as in the PDF: series at the left margin, the handling marking (if any)
    in the centre, the number and short title against the right margin.

    The Header style has the right tab stop; the centre stop is added only when there is
    a marking, since a tab with nothing after it would push a long title off its line.
    """
    if not marking:
        header = paragraph(style_id(names.HEADER))
        header.append(run(f"{left}\t{right}"))
        return header
    centre = el("w:tabs", None, el("w:tab", {"w:val": "center", "w:pos": width // 2}))
    header = paragraph(style_id(names.HEADER), centre)
    header.append(run(left + "\t"))
    header.append(run(marking, run_props(style_id=style_id(MARKING_CHAR))))
    header.append(run("\t" + right))
    return header


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
