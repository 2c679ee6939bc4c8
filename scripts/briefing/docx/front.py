"""Take the paper's title block and key points, produce their paragraphs and box.

Marking, series, title with the paper's number ("五、" / "No. 5"), subtitle, one Author
paragraph per author, date, then the key-points box: each in its own named style, in the
order a reader meets them on the first page. Every line is the model's, as printed.
"""

from __future__ import annotations

from briefing import styles as names
from briefing.docx.boxes import write_box
from briefing.docx.context import Context
from briefing.docx.ooxml import Element, append_block, paragraph, run
from briefing.docx.styles import style_id
from briefing.model import Paper


def write_front_matter(ctx: Context, body: Element, paper: Paper, *, series: bool = True) -> None:
    tb = paper.title_block
    lines = [
        (names.MARKING, tb.marking),
        (names.SERIES, tb.series if series else ""),
        (names.TITLE, tb.numbered_title),
        (names.SUBTITLE, tb.subtitle),
        *((names.AUTHOR, line) for line in tb.authors),
        (names.DATE, tb.date),
    ]
    for style, text in lines:
        if text:
            append_block(body, paragraph(style_id(style))).append(run(text))
    if paper.key_points:
        write_box(ctx, body, paper.key_points)
    if paper.contents:
        ctx.write_blocks(ctx, body, (paper.contents,))
