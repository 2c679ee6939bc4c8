"""Take a `Paper`, produce the HTML body fragments the page template lays out.

One handler per model node, in two tables (`BLOCKS`, `INLINES`). Every string from the
content passes through `escape`; the writer never emits the content's own markup.
Footnotes are written in place, as `<span class="footnote">` at the call, because CSS
`float: footnote` moves each one to the foot of the page where it is called.
"""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup, escape

from .. import model as m
from .. import styles
from ..theme import Theme

InlineHandler = Callable[["HtmlWriter", object], str]


def cls(style: str) -> str:
    return styles.css_class(style)


def html_id(ident: str, prefix: str = "") -> str:
    """`fig:rings` -> `fig-rings` (a colon is legal but awkward in CSS selectors); in a
    volume each paper's ids carry its slug, so two papers' `fig:map` stay apart."""
    return prefix + ident.replace(":", "-")


class HtmlWriter:
    def __init__(
        self,
        paper: m.Paper,
        theme: Theme,
        asset_url: Callable[[str], str],
        id_prefix: str = "",
    ):
        self.paper = paper
        self.theme = theme
        self.lang = paper.meta.lang
        self.asset_url = asset_url
        self.id_prefix = id_prefix
        self.notes = {note.number: note for note in paper.footnotes}
        self.placed: set[int] = set()  # footnotes already floated to the foot of a page

    # ---------------------------------------------------------------- entry points
    def blocks(self, blocks: tuple[m.Block, ...]) -> Markup:
        return Markup("\n".join(BLOCKS[type(b)](self, b) for b in blocks))

    def inlines(self, inlines: tuple[m.Inline, ...]) -> Markup:
        out, i = [], 0
        while i < len(inlines):
            node = inlines[i]
            after = inlines[i + 1] if i + 1 < len(inlines) else None
            if isinstance(node, m.Text) and isinstance(after, m.FootnoteRef) and node.text:
                # The character before a footnote call and the call never part at a
                # line break: both go in one `white-space: nowrap` span.
                out.append(
                    f'{escape(node.text[:-1])}<span class="keep">{escape(node.text[-1])}'
                    f"{self.footnote_ref(after)}</span>"
                )
                i += 2
                continue
            out.append(INLINES[type(node)](self, node))
            i += 1
        return Markup("".join(out))

    def anchor(self, ident: str | None) -> str:
        return f' id="{escape(html_id(ident, self.id_prefix))}"' if ident else ""

    # ---------------------------------------------------------------- blocks
    def paragraph(self, node: m.Paragraph) -> str:
        return f'<p class="{cls(styles.BODY)}">{self.inlines(node.children)}</p>'

    def heading(self, node: m.Heading) -> str:
        tag = f"h{node.level + 1}"
        label = f'<span class="label">{escape(node.label)}</span>' if node.label else ""
        return (
            f'<{tag} class="{cls(styles.HEADINGS[node.level])}"{self.anchor(node.id)}>'
            f"{label}{self.inlines(node.children)}</{tag}>"
        )

    def bullet_list(self, node: m.BulletList) -> str:
        items = "".join(f"<li>{self._item(item)}</li>" for item in node.items)
        return f'<ul class="{cls(styles.LIST_BULLET)}">{items}</ul>'

    def ordered_list(self, node: m.OrderedList) -> str:
        items = "".join(f"<li>{self._item(item)}</li>" for item in node.items)
        start = f' start="{node.start}"' if node.start != 1 else ""
        return f'<ol class="{cls(styles.LIST_NUMBER)}"{start}>{items}</ol>'

    def _item(self, blocks: tuple[m.Block, ...]) -> str:
        # A one-paragraph item prints without the paragraph's margins (a tight list).
        if len(blocks) == 1 and isinstance(blocks[0], m.Paragraph):
            return self.inlines(blocks[0].children)
        return self.blocks(blocks)

    def block_quote(self, node: m.BlockQuote) -> str:
        return f'<blockquote class="{cls(styles.QUOTE)}">{self.blocks(node.children)}</blockquote>'

    def code_block(self, node: m.CodeBlock) -> str:
        return f'<pre class="{cls(styles.CODE)}">{escape(node.text)}</pre>'

    def figure(self, node: m.Figure) -> str:
        width = f' style="width: {escape(node.width)}"' if node.width else ""
        word = self.theme.word(self.lang, "figure")
        source = ""
        if node.source:
            source = (
                f'<p class="{cls(styles.SOURCE)}">{escape(self.theme.word(self.lang, "source"))}'
                f"{escape(node.source)}</p>"
            )
        return (
            f'<figure class="{cls(styles.FIGURE)}"{self.anchor(node.id)}>'
            f'<img src="{escape(self.asset_url(node.src))}" alt="{escape(node.alt)}"{width}>'
            f'<figcaption class="{cls(styles.CAPTION)}"><span class="label">{escape(word)} '
            f"{node.number}</span>{self.inlines(node.caption)}</figcaption>{source}</figure>"
        )

    def table(self, node: m.Table) -> str:
        def cell(tag: str, inlines, align: str) -> str:
            style = f' style="text-align: {align}"' if align else ""
            return f"<{tag}{style}>{self.inlines(inlines)}</{tag}>"

        head = "".join(cell("th", c, a) for c, a in zip(node.header, node.align))
        rows = "".join(
            "<tr>" + "".join(cell("td", c, a) for c, a in zip(row, node.align)) + "</tr>"
            for row in node.rows
        )
        caption = ""
        if node.number:
            word = self.theme.word(self.lang, "table")
            caption = (
                f'<caption class="{cls(styles.CAPTION)}"><span class="label">{escape(word)} '
                f"{node.number}</span>{self.inlines(node.caption)}</caption>"
            )
        return (
            f'<table class="{cls(styles.TABLE_TEXT)}"{self.anchor(node.id)}>{caption}'
            f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
        )

    def box(self, node: m.Box) -> str:
        title_style, text_style = (
            (styles.KEY_POINTS_TITLE, styles.KEY_POINTS)
            if node.kind == "key-points"
            else (styles.BOX_TITLE, styles.BOX_TEXT)
        )
        title = f'<p class="{cls(title_style)}">{escape(node.title)}</p>' if node.title else ""
        return (
            f'<aside class="box {cls(node.kind)}"><div class="{cls(text_style)}">'
            f"{title}{self.blocks(node.children)}</div></aside>"
        )

    # ---------------------------------------------------------------- inlines
    def text(self, node: m.Text) -> str:
        return str(escape(node.text))

    def emph(self, node: m.Emph) -> str:
        return f"<em>{self.inlines(node.children)}</em>"

    def strong(self, node: m.Strong) -> str:
        return f"<strong>{self.inlines(node.children)}</strong>"

    def code(self, node: m.Code) -> str:
        return f"<code>{escape(node.text)}</code>"

    def link(self, node: m.Link) -> str:
        return f'<a href="{escape(node.href)}">{self.inlines(node.children)}</a>'

    def line_break(self, node: m.LineBreak) -> str:
        return "<br>"

    def footnote_ref(self, node: m.FootnoteRef) -> str:
        # A note cited again prints its number again; the note itself appears once,
        # at the foot of the page of its first call (as Word's NOTEREF does).
        if node.number in self.placed:
            return f'<span class="footnote-again">{node.number}</span>'
        self.placed.add(node.number)
        note = self.notes[node.number]
        body = "".join(self._note_paragraph(b) for b in note.blocks)
        return f'<span class="footnote {cls(styles.FOOTNOTE_TEXT)}">{body}</span>'

    def _note_paragraph(self, block: m.Block) -> str:
        # Inside the floated span only phrasing content is valid HTML: paragraphs of a
        # note become spans that CSS displays as blocks.
        if isinstance(block, m.Paragraph):
            return f'<span class="note-para">{self.inlines(block.children)}</span>'
        return f'<span class="note-para">{self.blocks((block,))}</span>'

    def cross_ref(self, node: m.CrossRef) -> str:
        return (
            f'<a class="xref" href="#{escape(html_id(node.id, self.id_prefix))}">'
            f"{escape(node.text)}</a>"
        )


BLOCKS: dict[type, Callable] = {
    m.Paragraph: HtmlWriter.paragraph,
    m.Heading: HtmlWriter.heading,
    m.BulletList: HtmlWriter.bullet_list,
    m.OrderedList: HtmlWriter.ordered_list,
    m.BlockQuote: HtmlWriter.block_quote,
    m.CodeBlock: HtmlWriter.code_block,
    m.Figure: HtmlWriter.figure,
    m.Table: HtmlWriter.table,
    m.Box: HtmlWriter.box,
}

INLINES: dict[type, Callable] = {
    m.Text: HtmlWriter.text,
    m.Emph: HtmlWriter.emph,
    m.Strong: HtmlWriter.strong,
    m.Code: HtmlWriter.code,
    m.Link: HtmlWriter.link,
    m.LineBreak: HtmlWriter.line_break,
    m.FootnoteRef: HtmlWriter.footnote_ref,
    m.CrossRef: HtmlWriter.cross_ref,
}
