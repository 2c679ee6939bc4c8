"""Take a figure's or table's label and caption, produce its Caption and Source paragraphs.

A caption reads "圖 1　caption" / "Figure 1 caption", the label in bold, as in the PDF.
The label is the model's: its prefix ("圖 ") as text, then its number as a SEQ field
(Word's own caption numbering, ECMA-376 Part 1, §17.16.5.56), inside the bookmark that
REF fields for @fig:/@tbl: references point at.

In an appendix the label is "Figure A-1" / "附圖一之一": the prefix "Figure A-" / "附圖一之"
is text and the number is the same SEQ (one sequence per kind, named by the language's
word), restarted with `\r 1` at each appendix's first figure and shown in the model's
numeral style (`\\* CHINESENUM3` for 一). Word's chapter numbering (STYLEREF with
`SEQ \\s`) was not used: it needs headings numbered by a Word list, and ours carry their
labels as text (（一）, 附錄一), and it cannot write the 之 of 附圖一之一. With one
sequence per kind, Word's "Insert Table of Figures" still lists every figure.
"""

from __future__ import annotations

from briefing import styles as names
from briefing.docx.context import Context
from briefing.docx.fields import bookmark, seq_field
from briefing.docx.inlines import write_inlines
from briefing.docx.ooxml import Element, el, paragraph, run, run_props
from briefing.docx.styles import style_id
from briefing.model import Label


def caption_paragraph(
    ctx: Context, label: Label | None, model_id: str | None, caption: tuple, *, keep_next: bool
) -> Element:
    """The Caption paragraph; `keep_next` holds it on the page of what follows it."""
    p = paragraph(style_id(names.CAPTION), *([el("w:keepNext")] if keep_next else []))
    if label is not None:
        bold = run_props(bold=True)  # the label is bold, as in the PDF
        sequence = label.sequence or label.prefix.strip() or label.text
        # The first of a sequence restarts it: a paper bound in a volume counts from 1.
        restart = label.restart or label.count == 1
        parts = [
            run(label.prefix, bold),
            *seq_field(sequence, label.number, bold, style=label.style, restart=restart),
        ]
        if label.suffix:
            parts.append(run(label.suffix, bold))
        target = ctx.targets.get(model_id) if model_id else None
        p.extend(bookmark(ctx.next_bookmark_id(), target.bookmark, parts) if target else parts)
        if caption:
            p.append(run(ctx.language.separators["caption"]))
    write_inlines(ctx, p, caption)
    return p


def source_paragraph(ctx: Context, source: str) -> Element:
    """ "資料來源：…" / "Source: …" under a figure."""
    p = paragraph(style_id(names.SOURCE))
    p.append(run(ctx.word("source") + source))
    return p
