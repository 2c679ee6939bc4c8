"""Take the paper's title block and key points, produce their paragraphs and box; and
what closes a paper: "About the authors" and the imprint line.

The theme's band (with the series and logo), marking, series, title with the paper's
number ("五、" / "No. 5"), subtitle, one Author paragraph per author, date, then the
key-points box (or side panel): each in its own named style, in the order a reader meets
them on the first page. Every line is the model's, as printed.
"""

from __future__ import annotations

from briefing import styles as names
from briefing.docx.boxes import write_box
from briefing.docx.context import Context
from briefing.docx.house import band_run, side_panel, write_colophon
from briefing.docx.ooxml import Element, append_block, paragraph, run
from briefing.docx.styles import style_id
from briefing.model import Paper


def write_front_matter(ctx: Context, body: Element, paper: Paper, *, series: bool = True) -> None:
    """`series` False: a volume's paper, whose series the volume states (and which has
    no band of its own)."""
    tb = paper.title_block
    band = band_run(ctx, tb) if series else None  # a band prints the series itself
    lines = [
        (names.MARKING, tb.marking),
        (names.SERIES, tb.series if series and band is None else ""),
        (names.TITLE, tb.numbered_title),
        (names.SUBTITLE, tb.subtitle),
        *((names.AUTHOR, line) for line in tb.authors),
        (names.DATE, tb.date),
    ]
    for style, text in lines:
        if text:
            p = append_block(body, paragraph(style_id(style)))
            if band is not None:  # anchored in the first paragraph, drawn from the page top
                p.append(band)
                band = None
            p.append(run(text))
    if paper.key_points:
        panel = side_panel(ctx)
        width, position = panel or (None, None)
        write_box(ctx, body, paper.key_points, width=width, floating=position)
    if paper.contents:
        ctx.write_blocks(ctx, body, (paper.contents,))


def write_back_matter(ctx: Context, body: Element, paper: Paper, *, colophon: bool = True) -> None:
    """After the body: "About the authors", then the imprint line."""
    if paper.about:
        write_box(ctx, body, paper.about)
    if colophon:
        write_colophon(ctx, body, paper.colophon)
