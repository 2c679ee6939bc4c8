"""Take a paper's Contents (or a volume's entries), produce a real TOC field whose current
result already lists every entry with its page.

The field (ECMA-376 Part 1, §17.16.5.68) spans the entry paragraphs: its begin, instruction
and separator runs open the first entry, its end closes the last, as Word writes it. Each
entry is a hyperlink to its target's bookmark holding the entry's words, a tab (the TOC
styles' right-aligned dot leader) and a PAGEREF field (§17.16.5.45) whose result is the
page in the PDF's layout: Word cannot be asked for its page breaks, and "Update Field"
recomputes the numbers for Word's own layout.
"""

from __future__ import annotations

from docx.oxml.ns import qn

from briefing import styles as names
from briefing.docx.context import Context
from briefing.docx.fields import complex_field
from briefing.docx.house import side_panel
from briefing.docx.ooxml import Element, append_block, el, paragraph, pt_to_twips, run
from briefing.docx.styles import style_id
from briefing.model import Contents


def toc_entry(
    style: str, bookmark: str, text: str, page: str, tabs: Element | None = None
) -> Element:
    """One entry paragraph: its words and page, linked to `bookmark`; `tabs` replace the
    style's page-number stop."""
    line = paragraph(style_id(style), *([tabs] if tabs is not None else []))
    link = el("w:hyperlink", {"w:anchor": bookmark, "w:history": "1"})
    link.append(run(text))
    link.append(el("w:r", None, el("w:tab")))
    link.extend(complex_field(f"PAGEREF {bookmark} \\h", page))
    line.append(link)
    return line


def enclose_in_field(first: Element, last: Element, instruction: str) -> None:
    """Make the paragraphs from `first` to `last` the current result of a field."""
    begin, instr, separate, _, end = complex_field(instruction, "")
    at = 1 if len(first) and first[0].tag == qn("w:pPr") else 0
    for offset, part in enumerate((begin, instr, separate)):
        first.insert(at + offset, part)
    last.append(end)


def write_contents(ctx: Context, parent: Element, node: Contents) -> None:
    """The contents heading, then a TOC field over Heading 1 to the deepest level listed
    (`\\o`), entries as hyperlinks (`\\h`), no page numbers in Web view (`\\z`), outline
    levels too (`\\u`); in a volume limited to the paper (`\\b` its bookmark)."""
    heading = append_block(parent, paragraph(style_id(names.TOC_HEADING)))
    heading.append(run(node.title))
    if not node.entries:
        return
    lines = []
    for entry in node.entries:
        tabs = _beside_panel(ctx)  # an element of each entry's own
        words = f"{entry.label}{entry.separator}{entry.text}"
        page = str(ctx.pages.get(entry.id, ""))
        bookmark = ctx.targets[entry.id].bookmark
        style = names.TOC_LEVELS[entry.level]
        lines.append(append_block(parent, toc_entry(style, bookmark, words, page, tabs)))
    depth = max(entry.level for entry in node.entries)
    scope = f" \\b {ctx.toc_scope}" if ctx.toc_scope else ""
    enclose_in_field(lines[0], lines[-1], f'TOC \\o "1-{depth}" \\h \\z \\u{scope}')


def _beside_panel(ctx: Context) -> Element | None:
    """With the key points floating beside the text, the contents follow them: their page
    numbers stop short of the panel (the styles' stop, at the text width, is cleared)."""
    panel = side_panel(ctx)
    if panel is None:
        return None
    full = ctx.text_width
    short = full - panel[0] - pt_to_twips(ctx.theme.key_points.gap)
    return el(
        "w:tabs",
        None,
        el("w:tab", {"w:val": "right", "w:leader": "dot", "w:pos": short}),
        el("w:tab", {"w:val": "clear", "w:pos": full}),
    )
