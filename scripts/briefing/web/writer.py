"""Take model blocks, produce the web edition's HTML fragments.

The print HTML's handlers (html/writer.py) serve wherever the markup is the same; this
writer replaces the four whose markup differs on a screen: a figure is sized as a share
of the column (so it scales with the text) and names its file beside the page (a chart
too: web/figures.py); the key-points box is a section with a real heading (screen
readers list it); a footnote call is a link to its note in the notes after the text, which links
back to the first call; and a page reference, which a web page has no pages for, prints
the page in the PDF beside it (the number the DOCX prints too) and links to the target.
"""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup, escape

from .. import model as m
from .. import styles
from ..html.writer import BLOCKS as PRINT_BLOCKS
from ..html.writer import INLINES as PRINT_INLINES
from ..html.writer import HtmlWriter, Roles, cls, html_id
from .figures import size as figure_size

# The back-link's mark: U+21A9 with U+FE0E, which asks for the text glyph, not an emoji.
BACK = "\u21a9\ufe0e"
PX_PER_PT = 4 / 3  # CSS: 1px = 0.75pt


def note_anchor(number: int) -> str:
    return f"note-{number}"


def call_anchor(number: int) -> str:
    return f"call-{number}"


class WebWriter(HtmlWriter):
    def __init__(self, *args, pages: dict[str, int] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.pages = pages or {}  # {model id: its page in the PDF}, for page references

    # ---------------------------------------------------------------- blocks
    def figure(self, node: m.Figure) -> str:
        # The share of the text column the figure has in print: its given width, else its
        # natural size, at most the column. The width and height attributes give the
        # browser the aspect ratio before the file arrives, so the text does not jump. The
        # source line goes inside the figcaption: HTML allows a figure's caption only
        # first or last.
        width, height = figure_size(node, self.theme)
        text_width = self.theme.page.text_width
        share = min((node.width.of(text_width) if node.width else width) / text_width, 1.0)
        source = ""
        if node.source:
            source = (
                f'<p class="{cls(styles.SOURCE)}">{escape(self.language.word("source"))}'
                f"{escape(node.source)}</p>"
            )
        return (
            f'<figure class="{cls(styles.FIGURE)}"{self.anchor(node.id)}>'
            f'<img src="{escape(self.asset_url(node))}" alt="{escape(node.alt)}" '
            f'width="{round(width * PX_PER_PT)}" height="{round(height * PX_PER_PT)}" '
            f'style="width: {share * 100:.4g}%">'
            f'<figcaption class="{cls(styles.CAPTION)}">{self._label(node.label, node.caption)}'
            f"{self.inlines(node.caption)}{source}</figcaption></figure>"
        )

    def box(self, node: m.Box) -> str:
        if node.kind != "key-points":
            return HtmlWriter.box(self, node)
        kind = styles.BOX_KINDS[node.kind]
        ident = f"{self.id_prefix}key-points"
        with self.within(Roles(kind.text, kind.items, kind.items)):
            children = self.blocks(node.children)
        return (
            f'<section class="box key-points-box" aria-labelledby="{ident}">'
            f'<h2 class="{cls(kind.title)}" id="{ident}">{escape(node.title)}</h2>'
            f"{children}</section>"
        )

    # ---------------------------------------------------------------- inlines
    def footnote_ref(self, node: m.FootnoteRef) -> str:
        # Every call links to its note; the first call is where the note links back to.
        ident = f' id="{call_anchor(node.number)}"' if node.first else ""
        return (
            f'<sup class="note-call"><a href="#{note_anchor(node.number)}"{ident} '
            f'role="doc-noteref">{escape(node.label)}</a></sup>'
        )

    def page_ref(self, node: m.PageRef) -> str:
        page = self.pages.get(node.id)
        text = f"{node.before}{page}{node.after}" if page else f"{node.before}{node.after}"
        href = f"#{html_id(node.id, self.id_prefix)}"
        return f'<a class="page-reference" href="{escape(href)}">{escape(text.strip())}</a>'

    # ---------------------------------------------------------------- the notes
    def endnotes(self, notes: tuple[m.Footnote, ...]) -> Markup:
        """One list item per note, in the model's order: its number, its text, and a
        link back to its first call. The number opens the first paragraph and the link
        closes the last, so a one-paragraph note reads as one line of text."""
        back = escape(self.language.word("back_to_text"))
        items = []
        with self.within(Roles(styles.FOOTNOTE_TEXT, styles.FOOTNOTE_TEXT, styles.FOOTNOTE_TEXT)):
            for note in notes:
                label = f'<span class="note-label">{escape(note.label)}</span> '
                link = (
                    f' <a class="note-back" href="#{call_anchor(note.number)}" '
                    f'role="doc-backlink" aria-label="{back}">{BACK}</a>'
                )
                items.append(
                    f'<li id="{note_anchor(note.number)}">{self._note_body(note, label, link)}</li>'
                )
        return Markup("\n".join(items))

    def _note_body(self, note: m.Footnote, label: str, link: str) -> str:
        blocks = list(note.blocks)
        para = cls(styles.FOOTNOTE_TEXT)
        first = last = ""
        if blocks and isinstance(blocks[0], m.Paragraph):
            first = self.inlines(blocks.pop(0).children)
            if not blocks:  # one paragraph: number, text and link together
                return f'<p class="{para}">{label}{first}{link}</p>'
        if blocks and isinstance(blocks[-1], m.Paragraph):
            last = f'<p class="{para}">{self.inlines(blocks.pop().children)}{link}</p>'
        else:
            last = f'<p class="{para}">{link}</p>'
        opening = f'<p class="{para}">{label}{first}</p>'
        return opening + self.blocks(tuple(blocks)) + last


BLOCKS: dict[type, Callable] = {
    **PRINT_BLOCKS,
    m.Figure: WebWriter.figure,
    m.Box: WebWriter.box,
}
INLINES: dict[type, Callable] = {
    **PRINT_INLINES,
    m.FootnoteRef: WebWriter.footnote_ref,
    m.PageRef: WebWriter.page_ref,
}
WebWriter.BLOCKS, WebWriter.INLINES = BLOCKS, INLINES
