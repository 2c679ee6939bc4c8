"""Take a figure's or table's number and caption, produce its Caption and Source paragraphs.

A caption reads "圖 1　caption" / "Figure 1 caption", the label in bold, as in the PDF.
"圖 1" is the word plus a SEQ field (Word's own caption numbering, ECMA-376 Part 1,
§17.16.5.56), inside the bookmark that REF fields for @fig:/@tbl: references point at.
"""

from __future__ import annotations

from briefing import styles as names
from briefing.docx.context import Context
from briefing.docx.fields import bookmark, seq_field
from briefing.docx.inlines import write_inlines
from briefing.docx.ooxml import Element, el, paragraph, run, run_props
from briefing.docx.styles import style_id


def caption_paragraph(
    ctx: Context,
    word_key: str,
    number: int,
    model_id: str | None,
    caption: tuple,
    *,
    keep_next: bool,
) -> Element:
    """The Caption paragraph; `keep_next` holds it on the page of what follows it."""
    p = paragraph(style_id(names.CAPTION), *([el("w:keepNext")] if keep_next else []))
    if number:
        word = ctx.word(word_key)
        bold = run_props(bold=True)  # the label is bold, as in the PDF
        label = [run(word + " ", bold), *seq_field(word, number, bold)]
        target = ctx.targets.get(model_id) if model_id else None
        p.extend(bookmark(ctx.next_bookmark_id(), target.bookmark, label) if target else label)
        if caption:  # the PDF's gap after the label: 1em in Chinese, a space in English
            p.append(run("\u3000" if ctx.cjk else " "))
    write_inlines(ctx, p, caption)
    return p


def source_paragraph(ctx: Context, source: str) -> Element:
    """ "資料來源：…" / "Source: …" under a figure."""
    p = paragraph(style_id(names.SOURCE))
    p.append(run(ctx.word("source") + source))
    return p
