"""Take a Volume (and the page each paper starts on in the PDF), produce one .docx:
cover, a table of contents, the preface, then each paper in its own section.

Word's own machinery does the binding, so an editor can keep working on the volume:
- each paper is a section that starts on an odd page (w:type oddPage, ECMA-376 Part 1,
  §17.6.22), with its own headers: the paper's title on odd pages, the volume's title on
  even pages (w:evenAndOddHeaders, §17.15.1.35). Page numbers run on through the volume.
- each paper's notes are numbered from 1: every call and note prints the model's label as
  a custom mark (w:customMarkFollows, §17.11.14), which Word and LibreOffice both show as
  written (LibreOffice has no per-section restart: it printed 0 for papers after the
  first); w:numRestart eachSect (§17.11.19) still restarts notes an editor adds in Word.
- each paper's first figure and table restart their SEQ fields (\\r 1), so after "Update
  Field" every paper counts its figures from 1 again, in Word and in LibreOffice.
- a paper in another language than the volume's keeps its own look: its paragraphs,
  notes, headers and footers take that language's styles ("Body Text (zh-Hant)", with
  the Chinese first-line indent and fonts), as in the PDF.
- the contents are a real TOC field (§17.16.5.68) over the Title style, whose current
  result already lists every paper with a PAGEREF (§17.16.5.45) to a bookmark on its
  title. Word cannot be asked for its page breaks, so the cached page numbers are the
  PDF's, laid out from the same theme; "Update Field" in Word recomputes them.
"""

from __future__ import annotations

import datetime as dt

from docx.enum.section import WD_SECTION
from docx.oxml.ns import qn
from docx.section import Section

from briefing import styles as names
from briefing.docx.contents import enclose_in_field, toc_entry
from briefing.docx.context import Context
from briefing.docx.fields import bookmark, collect_targets
from briefing.docx.fonts import spans_in, write_font_table
from briefing.docx.footnotes import add_footnotes_part, append_footnotes
from briefing.docx.front import write_back_matter, write_front_matter
from briefing.docx.house import watermark_run
from briefing.docx.numbering import Numbering
from briefing.docx.ooxml import Element, append_block, el, paragraph, pt_to_twips, run
from briefing.docx.package import Properties, new_document, set_properties, to_bytes
from briefing.docx.page import (
    fill,
    footer_paragraphs,
    header_paragraphs,
    page_geometry,
    style_tab,
)
from briefing.docx.settings import configure_settings
from briefing.docx.styles import (
    define_language_styles,
    define_styles,
    language_style_name,
    restyle,
    style_id,
)
from briefing.docx.writer import write_blocks
from briefing.html.writer import html_id
from briefing.language import Language
from briefing.model import Paper, Volume
from briefing.theme import Page, Theme
from briefing.transform import walk


def render_volume_docx(
    volume: Volume, theme: Theme, *, timestamp: dt.datetime, pages: dict[str, int]
) -> bytes:
    """`pages` maps each HTML id of the volume's PDF to the page it lands on."""
    language = theme.language(volume.lang)
    document = new_document()
    define_styles(document, theme, language)
    # Papers in another language than the volume's keep their own look: styles of theirs.
    others = [theme.language(code) for code in dict.fromkeys(p.meta.lang for p in volume.papers)]
    variants = {
        other.code: define_language_styles(document, theme, other)
        for other in others
        if other.code != language.code
    }
    write_font_table(
        document,
        language,
        [
            *spans_in(theme, volume.papers, volume.preface),
            *(theme.language(p.meta.lang) for p in volume.papers),
        ],
    )
    numbering = Numbering(document, theme)
    configure_settings(document, theme, language)
    settings = document.settings.element
    settings.insert(0, el("w:evenAndOddHeaders"))  # first in CT_Settings' sequence (§17.15.1.35)
    front = document.sections[0]
    page_geometry(front, theme)
    # The cover, contents and preface: no page numbers, and every paper's marking.
    width = pt_to_twips(theme.page.text_width)
    fill(front.header._element, header_paragraphs("", "", volume.marking, width))
    fill(front.footer._element, [*_marking_only(volume.marking)])
    body = document.element.body

    def context(lang: Language, targets, index: int, offset: int) -> Context:
        return Context(
            language=lang,
            theme=theme,
            document=document,
            numbering=numbering,
            targets=targets,
            part=document.part,
            write_blocks=write_blocks,
            footnote_offset=offset,
            bookmark_prefix=f"p{index}_",
            note_marks=True,
        )

    _write_cover(body, volume)
    titles = [names.TITLE] + [
        language_style_name(names.TITLE, o) for o in others if o.code in variants
    ]
    _write_contents(body, volume, pages, titles)
    if volume.preface:  # on a page of its own, as in the PDF
        breaker = append_block(body, paragraph(None))
        breaker.append(el("w:r", None, el("w:br", {"w:type": "page"})))
        ctx = context(language, collect_targets(volume.preface, prefix="p0:"), 0, 0)
        write_blocks(ctx, body, volume.preface)

    notes, offset = [], 0
    for index, paper in enumerate(volume.papers, 1):
        section = document.add_section(WD_SECTION.ODD_PAGE)
        own = theme.language(paper.meta.lang)
        furniture = _paper_furniture(paper, volume, own, theme)
        furniture(section, theme.page)
        _restart_footnotes(section)
        targets = collect_targets(paper.blocks, paper.footnotes, prefix=f"p{index}:")
        ctx = context(own, targets, index, offset)
        ctx.pages = _paper_pages(paper, pages)
        ctx.page_furniture = furniture
        ctx.toc_scope = f"_Toc_scope_{index}"  # the paper's own contents list only its headings
        start = len(body) - (1 if body[-1].tag == qn("w:sectPr") else 0)  # new blocks go before it
        write_front_matter(ctx, body, paper, series=False)
        _bookmark_title(body, start, ctx.next_bookmark_id(), _toc_bookmark(index))
        scope_start, *_, scope_end = bookmark(ctx.next_bookmark_id(), ctx.toc_scope, [])
        append_block(body, scope_start)
        write_blocks(ctx, body, paper.blocks)
        append_block(body, scope_end)
        write_back_matter(ctx, body, paper, colophon=False)
        restyled = variants.get(own.code, {})
        stories = (section.header, section.even_page_header)
        stories += (section.footer, section.even_page_footer)
        restyle([*list(body)[start:], *(story._element for story in stories)], restyled)
        notes.append((ctx, paper.footnotes, restyled))
        offset += len(paper.footnotes)

    part = add_footnotes_part(document)
    for ctx, footnotes, restyled in notes:
        before = len(part.element)
        append_footnotes(ctx, part, footnotes)
        restyle(list(part.element)[before:], restyled)
    _mark_draft(context(language, {}, 0, 0), document, volume.watermark)
    about = Properties(
        volume.title, volume.publisher, volume.subtitle, language.docx_lang, volume.status
    )
    set_properties(document, about, timestamp)
    return to_bytes(document, timestamp)


def _toc_bookmark(index: int) -> str:
    return f"_Toc_paper_{index}"


def _write_cover(body: Element, volume: Volume) -> None:
    lines = [
        (names.VOLUME_TITLE, volume.title),
        (names.VOLUME_SUBTITLE, volume.subtitle),
        (names.IMPRINT, volume.publisher),
        (names.IMPRINT, volume.date_text),
    ]
    for style, text in lines:
        if text:
            append_block(body, paragraph(style_id(style))).append(run(text))
    breaker = append_block(body, paragraph(None))
    breaker.append(el("w:r", None, el("w:br", {"w:type": "page"})))


def _write_contents(
    body: Element, volume: Volume, pages: dict[str, int], titles: list[str]
) -> None:
    """The TOC field over every Title style (the papers' titles, in each language)."""
    heading = append_block(body, paragraph(style_id(names.TOC_HEADING)))
    heading.append(run(volume.contents_title))
    entries = []
    for index, entry in enumerate(volume.contents, 1):
        page = str(pages.get(f"paper-{entry.slug}", ""))
        line = toc_entry(names.TOC_1, _toc_bookmark(index), entry.title, page)
        entries.append(append_block(body, line))
        if entry.authors:
            append_block(body, paragraph(style_id(names.TOC_AUTHORS))).append(run(entry.authors))
    last = body[-2] if body[-1].tag == qn("w:sectPr") else body[-1]
    levels = ",".join(f"{title},1" for title in titles)
    enclose_in_field(entries[0], last, f'TOC \\h \\z \\t "{levels}"')


def _marking_only(marking: str) -> list[Element]:
    """A footer of just the marking's line, or one empty Footer paragraph."""
    lines = footer_paragraphs("", marking)
    return lines[1:] if marking else lines


def _paper_pages(paper: Paper, pages: dict[str, int]) -> dict[str, int]:
    """{model id: page} for one paper, from the volume PDF's {slug--html id: page}."""
    ids = {getattr(n, "id", None) for n in walk(paper.blocks)} - {None}
    anchors = {i: f"{paper.slug}--{html_id(i)}" for i in ids}
    return {i: pages[a] for i, a in anchors.items() if a in pages}


def _paper_furniture(paper: Paper, volume: Volume, language: Language, theme: Theme):
    """Odd pages: the paper's short title; even pages: the volume's; footers: page numbers
    (for a section of the paper on a page of the given size: a landscape one is wider)."""
    tb = paper.title_block

    def furnish(section: Section, page: Page) -> None:
        width, clear = pt_to_twips(page.text_width), style_tab(page, theme)
        section.header.is_linked_to_previous = False
        section.even_page_header.is_linked_to_previous = False
        section.footer.is_linked_to_previous = False
        section.even_page_footer.is_linked_to_previous = False
        odd = header_paragraphs("", tb.header_title, tb.marking, width, clear)
        fill(section.header._element, odd)
        even = header_paragraphs(volume.title, "", tb.marking, width, clear)
        fill(section.even_page_header._element, even)
        for footer in (section.footer, section.even_page_footer):
            fill(footer._element, footer_paragraphs(language.page_pattern, tb.marking))

    return furnish


def _restart_footnotes(section: Section) -> None:
    """Footnote numbers restart with each paper. CT_SectPr puts footnotePr right after
    the header and footer references."""
    sect_pr = section._sectPr
    for copied in sect_pr.findall(qn("w:footnotePr")):  # add_section copies the previous one
        sect_pr.remove(copied)
    refs = [c for c in sect_pr if c.tag in (qn("w:headerReference"), qn("w:footerReference"))]
    restart = el(  # children in CT_FtnProps order: numFmt, numStart, numRestart
        "w:footnotePr",
        None,
        el("w:numFmt", {"w:val": "decimal"}),
        el("w:numStart", {"w:val": "1"}),
        el("w:numRestart", {"w:val": "eachSect"}),
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


def _mark_draft(ctx: Context, document, word: str) -> None:
    """A draft volume's watermark in every header of every section, so on every page."""
    if not word:
        return
    number = 0
    for section in document.sections:
        for header in (section.header, section.even_page_header):
            if header.is_linked_to_previous and section is not document.sections[0]:
                continue
            first = header._element.find(qn("w:p"))
            if first is not None:
                number += 1
                first.append(watermark_run(ctx, word, number))
