"""Take the paper's metadata and key points, produce the title block and the key-points box.

Marking, series, title with the paper's number ("五、" / "No. 5"), subtitle, one Author
paragraph per author, date, then the key points: each in its own named style, in the order a reader
meets them on the first page.
"""

from __future__ import annotations

from briefing import styles as names
from briefing.docx.boxes import key_points_box, write_box
from briefing.docx.context import Context
from briefing.docx.ooxml import Element, append_block, paragraph, run
from briefing.docx.styles import style_id
from briefing.labels import author_line, numbered_title


def write_front_matter(ctx: Context, body: Element) -> None:
    meta = ctx.paper.meta
    lines = [
        (names.MARKING, meta.marking),
        (names.SERIES, meta.series),
        (names.TITLE, numbered_title(meta.title, meta.number, ctx.lang)),
        (names.SUBTITLE, meta.subtitle),
        *((names.AUTHOR, author_line(author, ctx.lang)) for author in meta.authors),
        (names.DATE, ctx.theme.format_date(ctx.lang, meta.date)),
    ]
    for style, text in lines:
        if text:
            append_block(body, paragraph(style_id(style))).append(run(text))
    if ctx.paper.key_points:
        write_box(ctx, body, key_points_box(ctx))
