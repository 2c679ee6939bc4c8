"""Take model inlines, produce runs, hyperlinks, footnote calls and REF fields in a w:p.

One handler per inline type (INLINE_HANDLERS). Emphasis is the only direct formatting
(w:b, w:i on the run as Markdown asked for it, or w:em dots under Chinese characters where
the theme's language says so); code, links and footnote calls use the character styles
"Verbatim Char", "Hyperlink" and "Footnote Reference".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from briefing import styles as names
from briefing.docx.context import Context
from briefing.docx.fields import bookmark, noteref_field, ref_field
from briefing.docx.ooxml import AMBIGUOUS_PUNCTUATION, Element, el, run, run_props
from briefing.docx.styles import HYPERLINK, VERBATIM, style_id
from briefing.model import Code, CrossRef, Emph, FootnoteRef, LineBreak, Link, Strong, Text


@dataclass(frozen=True)
class Format:
    """What the enclosing inlines ask of a run."""

    bold: bool = False
    italic: bool = False
    link: bool = False
    marked: bool = False  # in *emphasis* the language marks its own way (not a slant)
    mark: str = ""  # w:em of this run

    def rpr(self, *, style: str | None = None, hint: bool = False) -> Element | None:
        if style is None and self.link:
            style = HYPERLINK
        return run_props(
            style_id=style_id(style) if style else None,
            bold=self.bold,
            italic=self.italic,
            hint=hint,
            mark=self.mark,
        )


PLAIN = Format()


def write_inlines(ctx: Context, parent: Element, nodes: tuple, fmt: Format = PLAIN) -> None:
    """Append the runs for `nodes` to `parent` (a w:p or w:hyperlink)."""
    for node in nodes:
        handler = INLINE_HANDLERS.get(type(node))
        if handler is None:
            raise TypeError(f"DOCX writer: no handler for inline {type(node).__name__}")
        handler(ctx, parent, node, fmt)


# *Emphasis* on full-width letters, as the theme's language asks (as the PDF prints it):
# dots under each character (Word's emphasis mark), or bold.
WIDE_EMPHASIS = {"dots": {"mark": "underDot"}, "bold": {"bold": True}}


def text(ctx: Context, parent: Element, node: Text, fmt: Format) -> None:
    # A stray newline is a Markdown soft break: a space, never a line break.
    content = node.text.replace("\n", " ")
    if fmt.marked:  # Latin runs italic, full-width letters marked, punctuation plain
        for kind, piece in ctx.language.emphasis_runs(content):
            how = {"latin": {"italic": True}, "wide": WIDE_EMPHASIS[ctx.language.emphasis]}
            text(ctx, parent, Text(piece), replace(fmt, marked=False, **how.get(kind, {})))
        return
    hint = ctx.cjk and not AMBIGUOUS_PUNCTUATION.isdisjoint(content)
    parent.append(run(content, fmt.rpr(hint=hint)))


def emph(ctx: Context, parent: Element, node: Emph, fmt: Format) -> None:
    """w:i, as Markdown asked; in a language that marks emphasis otherwise (zh-Hant: dots
    under Chinese characters, which have no italic), Word's slant only on Latin text."""
    if ctx.language.emphasis == "italic":
        write_inlines(ctx, parent, node.children, replace(fmt, italic=True))
    else:
        write_inlines(ctx, parent, node.children, replace(fmt, marked=True))


def strong(ctx: Context, parent: Element, node: Strong, fmt: Format) -> None:
    write_inlines(ctx, parent, node.children, replace(fmt, bold=True))


def code(ctx: Context, parent: Element, node: Code, fmt: Format) -> None:
    parent.append(run(node.text, fmt.rpr(style=VERBATIM)))


def link(ctx: Context, parent: Element, node: Link, fmt: Format) -> None:
    """w:hyperlink (§17.16.22): external targets by relationship from the current part."""
    if node.href.startswith("#"):  # the reader has checked the id exists
        target = ctx.targets[node.href[1:]]
        hyperlink = el("w:hyperlink", {"w:anchor": target.bookmark, "w:history": 1})
    else:
        r_id = ctx.part.relate_to(node.href, RT.HYPERLINK, is_external=True)
        hyperlink = el("w:hyperlink", {"r:id": r_id, "w:history": 1})
    write_inlines(ctx, hyperlink, node.children, replace(fmt, link=True))
    parent.append(hyperlink)


def line_break(ctx: Context, parent: Element, node: LineBreak, fmt: Format) -> None:
    parent.append(run("\n", fmt.rpr()))


def footnote_ref(ctx: Context, parent: Element, node: FootnoteRef, fmt: Format) -> None:
    """w:footnoteReference (§17.11.14) in a Footnote Reference run.

    A note called a second time gets a NOTEREF field to a bookmark around its first call,
    as Word's "insert cross-reference to footnote" does; a note has only one call.
    """
    rpr = run_props(style_id=style_id(names.FOOTNOTE_REFERENCE))
    if node.first:
        reference = el("w:footnoteReference", {"w:id": node.number + ctx.footnote_offset})
        call = [el("w:r", None, rpr, reference)]
        if ctx.note_marks:  # the label is the mark (§17.11.14, customMarkFollows)
            reference.set(qn("w:customMarkFollows"), "1")
            call.append(run(node.label, run_props(style_id=style_id(names.FOOTNOTE_REFERENCE))))
        ctx.footnote_calls[node.id] = call
        parent.extend(call)
        return
    first = ctx.footnote_calls[node.id]
    name = f"_Ref_{ctx.bookmark_prefix}fn_{node.number}"
    previous = first[0].getprevious()
    if previous is None or previous.get(qn("w:name")) != name:  # not yet bookmarked
        start, end = bookmark(ctx.next_bookmark_id(), name, [])
        first[0].addprevious(start)
        first[-1].addnext(end)
    for r in noteref_field(name, node.label, rpr):
        parent.append(r)


def cross_ref(ctx: Context, parent: Element, node: CrossRef, fmt: Format) -> None:
    """The words before the label ("Section ") as text, then a REF field to the target's
    bookmark showing the label, in the Cross Reference character style."""
    target = ctx.targets[node.id]
    rpr = fmt.rpr(style=names.CROSS_REFERENCE)
    words = node.text[: len(node.text) - len(node.label)]
    if words:
        parent.append(run(words, fmt.rpr(style=names.CROSS_REFERENCE)))
    for r in ref_field(target.bookmark, node.label, rpr):
        parent.append(r)


INLINE_HANDLERS: dict[type, Callable[[Context, Element, object, Format], None]] = {
    Text: text,
    Emph: emph,
    Strong: strong,
    Code: code,
    Link: link,
    LineBreak: line_break,
    FootnoteRef: footnote_ref,
    CrossRef: cross_ref,
}
