"""Take model blocks, produce the HTML fragments the page template lays out.

One handler per model node, in two tables (`BLOCKS`, `INLINES`); a test checks every node
type has one. Every string from the content passes through `escape`; the writer never
emits the content's own markup. It prints what the model says (labels, the key-points
box, whether a note's call is its first) and decides nothing.

A paragraph's class is the named style of where it stands, as in the DOCX: body text,
box text, a key point, a list item, a note. Footnotes are written in place, as
`<span class="footnote">` at their first call, because CSS `float: footnote` moves each
one to the foot of the page where it is called.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace

from markupsafe import Markup, escape

from .. import model as m
from .. import styles
from ..language import Language
from ..theme import Theme
from ..transform import printed
from .charts import chart_markup
from .css import pt


def cls(style: str) -> str:
    return styles.css_class(style)


def html_id(ident: str, prefix: str = "") -> str:
    """`fig:rings` -> `fig-rings` (a colon is legal but awkward in CSS selectors); in a
    volume each paper's ids carry its slug, so two papers' `fig:map` stay apart."""
    return prefix + ident.replace(":", "-")


@dataclass(frozen=True)
class Roles:
    """The named style plain content takes in the current container."""

    para: str = styles.BODY
    bullet: str = styles.LIST_BULLET
    number: str = styles.LIST_NUMBER


class HtmlWriter:
    # The handler tables (set below the class): a writer built on this one (the web
    # edition's) replaces the entries whose markup differs.
    BLOCKS: dict[type, Callable]
    INLINES: dict[type, Callable]

    def __init__(
        self,
        theme: Theme,
        language: Language,
        asset_url: Callable[[m.Figure], str],
        *,
        footnotes: tuple[m.Footnote, ...] = (),
        id_prefix: str = "",
    ):
        self.theme = theme
        self.language = language
        self.asset_url = asset_url
        self.id_prefix = id_prefix
        self.notes = {note.id: note for note in footnotes}
        self.roles = Roles()
        self.emphasis = False  # inside *emphasis* marked the language's way (not a slant)
        self.page = theme.page  # turned on its side inside a landscape block

    @contextmanager
    def within(self, roles: Roles) -> Iterator[None]:
        saved, self.roles = self.roles, roles
        try:
            yield
        finally:
            self.roles = saved

    # ---------------------------------------------------------------- entry points
    def blocks(self, blocks: tuple[m.Block, ...]) -> Markup:
        return Markup("\n".join(self.BLOCKS[type(b)](self, b) for b in blocks))

    def inlines(self, inlines: tuple[m.Inline, ...]) -> Markup:
        inlines = printed(inlines)  # a citation's note call keeps to the text before it
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
            out.append(self.INLINES[type(node)](self, node))
            i += 1
        return Markup("".join(out))

    def anchor(self, ident: str | None) -> str:
        return f' id="{escape(html_id(ident, self.id_prefix))}"' if ident else ""

    # ---------------------------------------------------------------- blocks
    def paragraph(self, node: m.Paragraph) -> str:
        return f'<p class="{cls(self.roles.para)}">{self.inlines(node.children)}</p>'

    def heading(self, node: m.Heading) -> str:
        tag = f"h{node.level + 1}"
        label = ""
        if node.label:
            gap = escape(node.separator)
            label = f'<span class="label">{escape(node.label)}</span>{gap}'
        return (
            f'<{tag} class="{cls(styles.HEADINGS[node.level])}"{self.anchor(node.id)}>'
            f"{label}{self.inlines(node.children)}</{tag}>"
        )

    def bullet_list(self, node: m.BulletList) -> str:
        return f'<ul class="list">{self._items(node.items, self.roles.bullet)}</ul>'

    def ordered_list(self, node: m.OrderedList) -> str:
        start = f' start="{node.start}"' if node.start != 1 else ""
        return f'<ol class="list"{start}>{self._items(node.items, self.roles.number)}</ol>'

    def _items(self, items: tuple[tuple[m.Block, ...], ...], style: str) -> str:
        out = []
        with self.within(replace(self.roles, para=style)):
            for blocks in items:
                # A one-paragraph item prints as the item itself (a tight list).
                if len(blocks) == 1 and isinstance(blocks[0], m.Paragraph):
                    out.append(f'<li class="{cls(style)}">{self.inlines(blocks[0].children)}</li>')
                else:
                    out.append(f'<li class="list-item">{self.blocks(blocks)}</li>')
        return "".join(out)

    def block_quote(self, node: m.BlockQuote) -> str:
        with self.within(replace(self.roles, para=styles.QUOTE)):
            # The container takes no style of its own: its paragraphs are in Quote (indented
            # once, as in Word), so the quote is not indented twice.
            return f'<blockquote class="block-quote">{self.blocks(node.children)}</blockquote>'

    def code_block(self, node: m.CodeBlock) -> str:
        return f'<pre class="{cls(styles.CODE)}">{escape(node.text)}</pre>'

    def figure(self, node: m.Figure) -> str:
        # The same size as in the DOCX: a share of the text width (not of a list item's or
        # a quote's narrower box), at most the width of the container (CSS max-width).
        width = ""
        if node.width:
            width = f' style="width: {pt(node.width.of(self.page.text_width))}"'
        source = ""
        if node.source:
            source = (
                f'<p class="{cls(styles.SOURCE)}">{escape(self.language.word("source"))}'
                f"{escape(node.source)}</p>"
            )
        picture = chart_markup(node, self.theme, self.language) or (
            f'<img src="{escape(self.asset_url(node))}" alt="{escape(node.alt)}"{width}>'
        )
        # data-figure names the figure to the PDF's second layout pass (figure_flow.py).
        flow = f' data-figure="{self.id_prefix}{node.label.count}"' if node.label else ""
        return (
            f'<figure class="{cls(styles.FIGURE)}"{self.anchor(node.id)}{flow}>{picture}'
            f'<figcaption class="{cls(styles.CAPTION)}">{self._label(node.label, node.caption)}'
            f"{self.inlines(node.caption)}</figcaption>{source}</figure>"
        )

    def _label(self, label: m.Label | None, caption: tuple) -> str:
        if label is None:
            return ""
        gap = escape(self.language.separators["caption"]) if caption else ""
        return f'<span class="label">{escape(label.text)}</span>{gap}'

    def table(self, node: m.Table) -> str:
        def cell(tag: str, style: str, inlines, align: str) -> str:
            css = f' style="text-align: {align}"' if align else ""
            return f'<{tag} class="{cls(style)}"{css}>{self.inlines(inlines)}</{tag}>'

        columns = ""
        if node.widths:  # the analyst's shares of the width (Pandoc's relative widths)
            cols = "".join(f'<col style="width: {w * 100:.3f}%">' for w in node.widths)
            columns = f"<colgroup>{cols}</colgroup>"
        with self.within(replace(self.roles, para=styles.TABLE_TEXT)):
            head = "".join(
                cell("th", styles.TABLE_HEADING, c, a) for c, a in zip(node.header, node.align)
            )
            rows = "".join(
                "<tr>"
                + "".join(cell("td", styles.TABLE_TEXT, c, a) for c, a in zip(row, node.align))
                + "</tr>"
                for row in node.rows
            )
        caption = ""
        if node.label or node.caption:
            caption = (
                f'<caption class="{cls(styles.CAPTION)}">{self._label(node.label, node.caption)}'
                f"{self.inlines(node.caption)}</caption>"
            )
        fixed = " fixed" if node.widths else ""
        return (
            f'<div class="table-block"><table class="table{fixed}"{self.anchor(node.id)}>'
            f"{caption}{columns}<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>"
        )

    def box(self, node: m.Box) -> str:
        kind = styles.BOX_KINDS[node.kind]
        roles = Roles(kind.text, kind.items or styles.LIST_BULLET, kind.items or styles.LIST_NUMBER)
        title = f'<p class="{cls(kind.title)}">{escape(node.title)}</p>' if node.title else ""
        with self.within(roles):
            children = self.blocks(node.children)
        tag, frame = ("aside", "box ") if kind.framed else ("section", "")
        return f'<{tag} class="{frame}{cls(node.kind)}-box">{title}{children}</{tag}>'

    def bibliography(self, node: m.Bibliography) -> str:
        entries = "".join(
            f'<p class="{cls(styles.BIBLIOGRAPHY)}">{self.inlines(entry)}</p>'
            for entry in node.entries
        )
        return f'<div class="references">{entries}</div>' if entries else ""

    def definition_list(self, node: m.DefinitionList) -> str:
        out = []
        for term, definitions in node.items:
            out.append(f'<dt class="{cls(styles.DEFINITION_TERM)}">{self.inlines(term)}</dt>')
            with self.within(replace(self.roles, para=styles.DEFINITION)):
                out += [f"<dd>{self.blocks(blocks)}</dd>" for blocks in definitions]
        return f'<dl class="definitions">{"".join(out)}</dl>'

    def appendix(self, node: m.Appendix) -> str:
        return f'<section class="appendix">{self.blocks(node.children)}</section>'

    def landscape(self, node: m.Landscape) -> str:
        # CSS puts the section on pages of its own (named page `landscape`, paper.css.j2).
        saved, self.page = self.page, self.theme.page.turned()
        try:
            return f'<section class="landscape">{self.blocks(node.children)}</section>'
        finally:
            self.page = saved

    def contents(self, node: m.Contents) -> str:
        """The paper's contents; CSS adds each entry's dot leader and page number."""
        lines = []
        for entry in node.entries:
            label = ""
            if entry.label:
                label = f'<span class="label">{escape(entry.label)}</span>{escape(entry.separator)}'
            href = "#" + html_id(entry.id, self.id_prefix)
            lines.append(
                f'<li><a class="{cls(styles.TOC_LEVELS[entry.level])}" href="{escape(href)}">'
                f"{label}{escape(entry.text)}</a></li>"
            )
        return (
            f'<nav class="contents paper-contents"><h2 class="{cls(styles.TOC_HEADING)}">'
            f'{escape(node.title)}</h2><ol class="toc">{"".join(lines)}</ol></nav>'
        )

    # ---------------------------------------------------------------- inlines
    def text(self, node: m.Text) -> str:
        if not self.emphasis:
            return str(escape(node.text))
        return "".join(
            self._emphasised(kind, run) for kind, run in self.language.emphasis_runs(node.text)
        )

    def _emphasised(self, kind: str, run: str) -> str:
        """Latin text in a real italic; full-width letters with the language's mark: dots
        under each character (one span each, so a justified line spreads them too), or bold."""
        if kind == "latin":
            return f'<span class="em-latin">{escape(run)}</span>'
        if kind == "wide" and self.language.emphasis == "dots":
            return "".join(f'<span class="em-dot">{escape(char)}</span>' for char in run)
        if kind == "wide":
            return f'<span class="em-{self.language.emphasis}">{escape(run)}</span>'
        return str(escape(run))

    def emph(self, node: m.Emph) -> str:
        if self.language.emphasis == "italic":
            return f"<em>{self.inlines(node.children)}</em>"
        saved, self.emphasis = self.emphasis, True
        try:
            return f'<em class="marked">{self.inlines(node.children)}</em>'
        finally:
            self.emphasis = saved

    def strong(self, node: m.Strong) -> str:
        return f"<strong>{self.inlines(node.children)}</strong>"

    def code(self, node: m.Code) -> str:
        return f'<code class="{cls(styles.VERBATIM)}">{escape(node.text)}</code>'

    def link(self, node: m.Link) -> str:
        href = node.href
        if href.startswith("#"):
            href = "#" + html_id(href[1:], self.id_prefix)
        text = self.inlines(node.children)
        return f'<a class="{cls(styles.HYPERLINK)}" href="{escape(href)}">{text}</a>'

    def line_break(self, node: m.LineBreak) -> str:
        return "<br>"

    def footnote_ref(self, node: m.FootnoteRef) -> str:
        # A note cited again prints its number again; the note itself appears once,
        # at the foot of the page of its first call (as Word's NOTEREF does). On a screen
        # (the HTML preview) the note is a link to its entry in the notes at the end.
        screen = self._screen_call(node)
        if not node.first:
            return f'<span class="footnote-again">{escape(node.label)}</span>{screen}'
        note = self.notes[node.id]
        with self.within(Roles(styles.FOOTNOTE_TEXT, styles.FOOTNOTE_TEXT, styles.FOOTNOTE_TEXT)):
            body = "".join(self._note_paragraph(b) for b in note.blocks)
        return f'<span class="footnote {cls(styles.FOOTNOTE_TEXT)}">{body}</span>{screen}'

    def _screen_call(self, node: m.FootnoteRef) -> str:
        """The call as a screen shows it (print CSS hides it): a link to the note."""
        back = f' id="{self.id_prefix}call-{node.number}"' if node.first else ""
        return (
            f'<a class="note-call"{back} href="#{self.id_prefix}note-{node.number}">'
            f"{escape(node.label)}</a>"
        )

    def endnotes(self, footnotes: tuple[m.Footnote, ...]) -> Markup:
        """The notes as a screen shows them, after the text (print CSS hides them: there
        they stand at the foot of their pages), each linked back to its first call."""
        if not footnotes:
            return Markup("")
        items = []
        with self.within(Roles(styles.FOOTNOTE_TEXT, styles.FOOTNOTE_TEXT, styles.FOOTNOTE_TEXT)):
            for note in footnotes:
                back = f"#{self.id_prefix}call-{note.number}"
                here = f"{self.id_prefix}note-{note.number}"
                items.append(
                    f'<li class="{cls(styles.FOOTNOTE_TEXT)}" id="{here}">'
                    f'<a class="note-back" href="{back}">{escape(note.label)}.</a> '
                    f"{self.blocks(note.blocks)}</li>"
                )
        heading = escape(self.language.word("notes"))
        return Markup(
            f'<section class="notes"><h2 class="notes-heading">{heading}</h2>'
            f'<ol class="note-list">{"".join(items)}</ol></section>'
        )

    def _note_paragraph(self, block: m.Block) -> str:
        # Inside the floated span only phrasing content is valid HTML: paragraphs of a
        # note become spans that CSS displays as blocks.
        if isinstance(block, m.Paragraph):
            return f'<span class="note-para">{self.inlines(block.children)}</span>'
        return f'<span class="note-para">{self.blocks((block,))}</span>'

    def lang_span(self, node: m.LangSpan) -> str:
        # `lang` chooses the fonts and hyphenation (CSS :lang rules from the theme) and
        # becomes the passage's /Lang in the tagged PDF (pdf_lang.py).
        return f'<span lang="{escape(node.lang)}">{self.inlines(node.children)}</span>'

    def page_ref(self, node: m.PageRef) -> str:
        # The number is the layout's: CSS `target-counter` in ::before (paper.css.j2).
        return (
            f'<a class="page-reference" href="#{escape(html_id(node.id, self.id_prefix))}" '
            f'data-before="{escape(node.before)}" data-after="{escape(node.after)}"></a>'
        )

    def cross_ref(self, node: m.CrossRef) -> str:
        return (
            f'<a class="{cls(styles.CROSS_REFERENCE)}" '
            f'href="#{escape(html_id(node.id, self.id_prefix))}">{escape(node.text)}</a>'
        )

    def citation(self, node: m.Citation) -> str:
        return self.inlines(node.children)  # what the style printed; the source is not shown


def wrapped(tag: str, css_class: str = "") -> Callable:
    """A handler printing an inline's children inside `tag` (sub, sup, s, u, small caps)."""
    attr = f' class="{css_class}"' if css_class else ""

    def handler(writer: HtmlWriter, node) -> str:
        return f"<{tag}{attr}>{writer.inlines(node.children)}</{tag}>"

    return handler


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
    m.Bibliography: HtmlWriter.bibliography,
    m.DefinitionList: HtmlWriter.definition_list,
    m.Appendix: HtmlWriter.appendix,
    m.Landscape: HtmlWriter.landscape,
    m.Contents: HtmlWriter.contents,
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
    m.Subscript: wrapped("sub"),
    m.Superscript: wrapped("sup"),
    m.Strikeout: wrapped("s"),
    m.Underline: wrapped("u"),
    m.SmallCaps: wrapped("span", "smallcaps"),
    m.LangSpan: HtmlWriter.lang_span,
    m.PageRef: HtmlWriter.page_ref,
    m.Citation: HtmlWriter.citation,
}
HtmlWriter.BLOCKS, HtmlWriter.INLINES = BLOCKS, INLINES
