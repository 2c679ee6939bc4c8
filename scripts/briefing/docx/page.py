"""Take the theme's page values and the paper, produce the section: page, header and footer.

A4 with the theme's margins (w:pgSz, w:pgMar, ECMA-376 Part 1, §17.6.13/§17.6.11), a
running header with the series, the handling marking and the short title, and a
footer "第 1 頁／共 3 頁" whose numbers are PAGE and NUMPAGES fields (§17.16.5.43/.40).
"""

from __future__ import annotations

import re

from docx.document import Document
from docx.section import Section
from docx.shared import Twips

from briefing import styles as names
from briefing.docx.fields import complex_field
from briefing.docx.ooxml import (
    Element,
    el,
    mm_to_twips,
    paragraph,
    run,
    run_props,
    text_width_twips,
)
from briefing.docx.styles import MARKING_CHAR, style_id
from briefing.labels import numbered_title
from briefing.model import Paper
from briefing.theme import Theme


def set_up_page(document: Document, paper: Paper, theme: Theme) -> None:
    """The one section: page size, margins, header/footer distances, header and footer."""
    section = document.sections[0]
    page_geometry(section, theme)
    fill(section.header._element, [header_paragraph(paper, text_width_twips(theme.page))])
    fill(section.footer._element, [footer_paragraph(theme.word(paper.meta.lang, "page"))])


def page_geometry(section: Section, theme: Theme) -> None:
    """A4 (or the theme's page) with the theme's margins and header/footer distances."""
    page = theme.page
    section.page_width = Twips(mm_to_twips(page["width_mm"]))
    section.page_height = Twips(mm_to_twips(page["height_mm"]))
    section.top_margin = Twips(mm_to_twips(page["margin_top_mm"]))
    section.bottom_margin = Twips(mm_to_twips(page["margin_bottom_mm"]))
    section.left_margin = Twips(mm_to_twips(page["margin_left_mm"]))
    section.right_margin = Twips(mm_to_twips(page["margin_right_mm"]))
    section.header_distance = Twips(mm_to_twips(page["header_distance_mm"]))
    section.footer_distance = Twips(mm_to_twips(page["footer_distance_mm"]))
    section.gutter = Twips(0)
    for name in list(section._sectPr.attrib):  # the template's revision ids (w:rsid*)
        del section._sectPr.attrib[name]


def header_paragraph(paper: Paper, width: int) -> Element:
    """One line, as in the PDF: series at the left margin, the handling marking (if any)
    in the centre, the number and short title against the right margin.

    The Header style has the right tab stop; the centre stop is added only when there is
    a marking, since a tab with nothing after it would push a long title off its line.
    """
    meta = paper.meta
    title = numbered_title(paper.header_title, meta.number, meta.lang)
    if not meta.marking:
        header = paragraph(style_id(names.HEADER))
        header.append(run(f"{meta.series}\t{title}"))
        return header
    centre = el("w:tabs", None, el("w:tab", {"w:val": "center", "w:pos": width // 2}))
    header = paragraph(style_id(names.HEADER), centre)
    header.append(run(meta.series + "\t"))
    header.append(run(meta.marking, run_props(style_id=style_id(MARKING_CHAR))))
    header.append(run("\t" + title))
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
