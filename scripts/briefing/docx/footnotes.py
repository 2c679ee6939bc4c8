"""Take the paper's footnotes, produce word/footnotes.xml: native Word footnotes.

python-docx 1.2 has no footnotes part, so we add one (ECMA-376 Part 1, §17.11):
the part, related from the main document with the footnotes relationship and its own
content type, holds the separator (w:id -1) and continuation separator (w:id 0) notes,
then one w:footnote per model footnote (w:id = its number). A note's first paragraph
opens with a Footnote Reference run holding w:footnoteRef, which prints the note's
number; the body calls it with w:footnoteReference (see inlines.footnote_ref). Links
inside notes are related from this part, not from the document.
"""

from __future__ import annotations

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from briefing import styles as names
from briefing.docx.context import Context, Roles
from briefing.docx.ooxml import Element, el, run, run_props
from briefing.docx.styles import style_id
from briefing.model import Footnote, Paragraph

PARTNAME = "/word/footnotes.xml"

# The two notes Word draws between body and notes: a short rule on the page where notes
# start, a full-width rule where a note continues from the previous page.
SEPARATORS = f"""<w:footnotes {nsdecls("w", "r")}>
<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240"
 w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0"
 w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
</w:footnotes>"""


def add_footnotes_part(document: Document) -> XmlPart:
    """The footnotes part with its separators, replacing one the template might carry."""
    main = document.part
    for r_id, rel in list(main.rels.items()):
        if rel.reltype == RT.FOOTNOTES:  # python-docx 1.2's template has none; be sure
            del main.rels[r_id]
    part = XmlPart(PackURI(PARTNAME), CT.WML_FOOTNOTES, parse_xml(SEPARATORS), main.package)
    main.relate_to(part, RT.FOOTNOTES)
    return part


def write_footnotes(ctx: Context, footnotes: tuple[Footnote, ...]) -> None:
    """The footnotes part, holding the paper's notes."""
    append_footnotes(ctx, add_footnotes_part(ctx.document), footnotes)


def append_footnotes(ctx: Context, part: XmlPart, footnotes: tuple[Footnote, ...]) -> None:
    """One w:footnote per model footnote, in number order, in Footnote Text style."""
    roles = Roles(para=names.FOOTNOTE_TEXT, bullet=names.FOOTNOTE_TEXT, number=names.FOOTNOTE_TEXT)
    with ctx.within(part=part, roles=roles, list_level=-1):
        for note in footnotes:
            part.element.append(_footnote(ctx, note))


def _footnote(ctx: Context, note: Footnote) -> Element:
    footnote = el("w:footnote", {"w:id": note.number + ctx.footnote_offset})
    blocks = note.blocks
    if not blocks or not isinstance(blocks[0], Paragraph):
        blocks = (Paragraph(()), *blocks)  # the number needs a paragraph to stand in
    ctx.write_blocks(ctx, footnote, blocks)
    first = footnote.find(qn("w:p"))
    rpr = run_props(style_id=style_id(names.FOOTNOTE_REFERENCE))
    # w:footnoteRef prints Word's number; with custom marks, the call's own label.
    mark = run(note.label, rpr) if ctx.note_marks else el("w:r", None, rpr, el("w:footnoteRef"))
    # After the paragraph properties: the number, then a space, as Word writes them.
    at = 1 if len(first) and first[0].tag == qn("w:pPr") else 0
    first.insert(at, mark)
    first.insert(at + 1, run(" "))
    return footnote
