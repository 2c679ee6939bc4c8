"""Take a Volume (and the page each paper starts on in the PDF), produce one .docx:
cover, a table of contents, the preface, then each paper in its own section.

Word's own machinery does the binding, so an editor can keep working on the volume:
- each paper is a section that starts on an odd page (w:type oddPage, ECMA-376 Part 1,
  §17.6.22), with footnote numbering restarting per section (w:numRestart eachSect,
  §17.11.19) and its own headers: the paper's title on odd pages, the volume's title on
  even pages (w:evenAndOddHeaders, §17.15.1.35). Page numbers run on through the volume.
- the contents are a real TOC field (§17.16.5.68) over the Title style, whose current
  result already lists every paper with a PAGEREF (§17.16.5.45) to a bookmark on its
  title. Word cannot be asked for its page breaks, so the cached page numbers are the
  PDF's, laid out from the same theme; "Update Field" in Word recomputes them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from docx.enum.section import WD_SECTION
from docx.oxml.ns import qn

from briefing import styles as names
from briefing.docx.context import Context
from briefing.docx.fields import bookmark, collect_targets, complex_field
from briefing.docx.fonts import write_font_table
from briefing.docx.footnotes import add_footnotes_part, append_footnotes
from briefing.docx.front import write_front_matter
from briefing.docx.numbering import Numbering
from briefing.docx.ooxml import (
    Element,
    append_block,
    el,
    paragraph,
    run,
    text_width_twips,
    val,
)
from briefing.docx.package import new_document, set_properties, to_bytes
from briefing.docx.page import fill, footer_paragraph, header_paragraph, page_geometry
from briefing.docx.settings import configure_settings
from briefing.docx.styles import define_styles, style_id
from briefing.docx.writer import write_blocks
from briefing.labels import author_line, numbered_title
from briefing.model import Author, Meta, Paper, Volume
from briefing.theme import Theme

TOC_STYLE = "TOC 1"  # Word's built-in name for first-level contents entries
TOC_HEADING = "TOC Heading"
VOLUME_TITLE = "Volume Title"


def render_volume_docx(
    volume: Volume, theme: Theme, *, timestamp: dt.datetime, pages: dict[str, int]
) -> bytes:
    """`pages` maps each paper's slug to the page it starts on (from the PDF)."""
    lang = volume.lang
    document = new_document()
    define_styles(document, theme, lang)
    _define_volume_styles(document, theme)
    write_font_table(document, theme, lang)
    numbering = Numbering(document, theme)
    configure_settings(document, theme, lang)
    settings = document.settings.element
    settings.insert(0, el("w:evenAndOddHeaders"))  # first in CT_Settings' sequence (§17.15.1.35)
    front = document.sections[0]
    page_geometry(front, theme)
    fill(front.header._element, [paragraph(style_id(names.HEADER))])
    fill(front.footer._element, [paragraph(style_id(names.FOOTER))])
    body = document.element.body
    as_paper = _volume_as_paper(volume)

    def context(paper: Paper, index: int, offset: int) -> Context:
        return Context(
            paper=paper,
            theme=theme,
            document=document,
            numbering=numbering,
            targets=collect_targets(paper, theme, prefix=f"p{index}:"),
            part=document.part,
            write_blocks=write_blocks,
            footnote_offset=offset,
            bookmark_prefix=f"p{index}_",
        )

    _write_cover(body, volume, theme)
    _write_contents(body, volume, theme, pages)
    if volume.preface:  # on a page of its own, as in the PDF
        breaker = append_block(body, paragraph(None))
        breaker.append(el("w:r", None, el("w:br", {"w:type": "page"})))
        write_blocks(context(as_paper, 0, 0), body, volume.preface)

    notes, offset, width = [], 0, text_width_twips(theme.page)
    for index, paper in enumerate(volume.papers, 1):
        section = document.add_section(WD_SECTION.ODD_PAGE)
        _paper_headers(section, paper, volume, theme, width)
        ctx = context(paper, index, offset)
        start = len(body) - (1 if body[-1].tag == qn("w:sectPr") else 0)  # new blocks go before it
        write_front_matter(ctx, body)
        _bookmark_title(body, start, ctx.next_bookmark_id(), _toc_bookmark(index))
        write_blocks(ctx, body, paper.blocks)
        notes.append((ctx, paper.footnotes))
        offset += len(paper.footnotes)

    part = add_footnotes_part(document)
    for ctx, footnotes in notes:
        append_footnotes(ctx, part, footnotes)
    set_properties(document, as_paper, theme, timestamp)
    return to_bytes(document, timestamp)


def _toc_bookmark(index: int) -> str:
    return f"_Toc_paper_{index}"


def _volume_as_paper(volume: Volume) -> Paper:
    """The volume's metadata in the shape the shared writers (properties, preface) take."""
    author = (Author(volume.publisher),) if volume.publisher else ()
    meta = Meta(volume.title, author, volume.date, volume.lang, subtitle=volume.subtitle)
    return Paper(meta, (), volume.preface, folder=volume.content_root, slug=volume.slug)


def _write_cover(body: Element, volume: Volume, theme: Theme) -> None:
    lines = [
        (VOLUME_TITLE, volume.title),
        (names.SUBTITLE, volume.subtitle),
        (names.DATE, volume.publisher),
        (names.DATE, theme.format_date(volume.lang, volume.date)),
    ]
    for style, text in lines:
        if text:
            append_block(body, paragraph(style_id(style), val("w:jc", "center"))).append(run(text))
    breaker = append_block(body, paragraph(None))
    breaker.append(el("w:r", None, el("w:br", {"w:type": "page"})))


def _write_contents(body: Element, volume: Volume, theme: Theme, pages: dict[str, int]) -> None:
    heading = append_block(body, paragraph(style_id(TOC_HEADING)))
    heading.append(run(theme.word(volume.lang, "contents")))
    begin, instr, separate, _, end = complex_field('TOC \\h \\z \\t "Title,1"', "")
    entries = []
    for index, paper in enumerate(volume.papers, 1):
        entry = append_block(body, paragraph(style_id(TOC_STYLE)))
        meta = paper.meta
        title = numbered_title(meta.title, meta.number, meta.lang)
        authors = "、".join(author_line(a, meta.lang) for a in meta.authors)
        link = el("w:hyperlink", {"w:anchor": _toc_bookmark(index), "w:history": "1"})
        link.append(run(title))
        link.append(el("w:r", None, el("w:tab")))
        page = str(pages.get(paper.slug, ""))
        link.extend(complex_field(f"PAGEREF {_toc_bookmark(index)} \\h", page))
        entry.append(link)
        if authors:
            entry.append(el("w:r", None, el("w:br")))
            entry.append(run(authors))
        entries.append(entry)
    first, last = entries[0], entries[-1]
    at = 1 if len(first) and first[0].tag == qn("w:pPr") else 0
    for offset, part in enumerate((begin, instr, separate)):
        first.insert(at + offset, part)
    last.append(end)


def _paper_headers(section, paper: Paper, volume: Volume, theme: Theme, width: int) -> None:
    """Odd pages: the paper's title; even pages: the volume's; footers: page numbers."""
    section.header.is_linked_to_previous = False
    section.even_page_header.is_linked_to_previous = False
    section.footer.is_linked_to_previous = False
    section.even_page_footer.is_linked_to_previous = False
    in_volume = dataclasses.replace(paper.meta, series="")
    fill(
        section.header._element,
        [header_paragraph(dataclasses.replace(paper, meta=in_volume), width)],
    )
    even = paragraph(style_id(names.HEADER))
    even.append(run(volume.title))
    fill(section.even_page_header._element, [even])
    pattern = theme.word(volume.lang, "page")
    fill(section.footer._element, [footer_paragraph(pattern)])
    fill(section.even_page_footer._element, [footer_paragraph(pattern)])
    # Footnote numbers restart with each paper. CT_SectPr puts footnotePr right after
    # the header and footer references.
    sect_pr = section._sectPr
    refs = [c for c in sect_pr if c.tag in (qn("w:headerReference"), qn("w:footerReference"))]
    restart = el(  # children in CT_FtnProps order: numFmt, numStart, numRestart
        "w:footnotePr",
        None,
        val("w:numFmt", "decimal"),
        val("w:numStart", "1"),
        val("w:numRestart", "eachSect"),
    )
    (refs[-1].addnext if refs else lambda e: sect_pr.insert(0, e))(restart)


def _bookmark_title(body: Element, start: int, bookmark_id: int, name: str) -> None:
    """Wrap the text of the first Title paragraph written since `start` in a bookmark."""
    title_style = style_id(names.TITLE)
    for p in list(body)[start:]:
        style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        if style is not None and style.get(qn("w:val")) == title_style:
            runs = [c for c in p if c.tag == qn("w:r")]
            start_el, *_, end_el = bookmark(bookmark_id, name, [])
            runs[0].addprevious(start_el)
            runs[-1].addnext(end_el)
            return


def _define_volume_styles(document, theme: Theme) -> None:
    """Volume Title, TOC Heading and TOC 1 (right tab with dot leader at the margin)."""
    styles = document.styles.element
    width = text_width_twips(theme.page)
    accent = theme.colours["accent"].lstrip("#")

    def style(name: str, ppr: list[Element], rpr: list[Element], based: str) -> Element:
        return el(
            "w:style",
            {"w:type": "paragraph", "w:customStyle": "1", "w:styleId": style_id(name)},
            val("w:name", name),
            val("w:basedOn", style_id(based)),
            val("w:uiPriority", "39"),
            el("w:pPr", None, *ppr),
            el("w:rPr", None, *rpr),
        )

    size = int(theme.sizes["title"] * 2) + 14
    styles.append(
        style(
            VOLUME_TITLE,
            [el("w:spacing", {"w:before": 3600, "w:after": 480})],
            [el("w:b"), val("w:color", accent), val("w:sz", size)],
            names.TITLE,
        )
    )
    styles.append(
        style(
            TOC_HEADING,
            [el("w:spacing", {"w:after": 360})],
            [el("w:b"), val("w:color", accent), val("w:sz", int(theme.sizes["heading_1"] * 2) + 4)],
            names.HEADINGS[1],
        )
    )
    tabs = el("w:tabs", None, el("w:tab", {"w:val": "right", "w:leader": "dot", "w:pos": width}))
    no_indent = el("w:ind", {"w:firstLine": 0})
    styles.append(
        style(TOC_STYLE, [tabs, el("w:spacing", {"w:after": 160}), no_indent], [], names.BODY)
    )
