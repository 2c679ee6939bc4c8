"""Take model inlines, produce runs, hyperlinks, footnote calls and REF fields in a w:p.

One handler per inline type (INLINE_HANDLERS). What Markdown asks of a run is direct
formatting on it, as Word's own buttons make it: emphasis (w:b, w:i), strikeout
(w:strike), underline (w:u), small capitals (w:smallCaps), sub- and superscript
(w:vertAlign), and a passage in another language (w:lang, with that language's fonts in
w:rFonts). Code, links, cross-references and footnote calls use the character styles
"Verbatim Char", "Hyperlink", "Cross Reference" and "Footnote Reference". Where the
theme's language marks emphasis otherwise (zh-Hant: dots under Chinese characters),
w:em marks those characters and w:i only the Latin ones.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from briefing import styles as names
from briefing.docx.context import Context
from briefing.docx.fields import bookmark, complex_field, noteref_field, ref_field
from briefing.docx.fonts import fonts
from briefing.docx.ooxml import AMBIGUOUS_PUNCTUATION, Element, el, run, run_props
from briefing.docx.styles import HYPERLINK, VERBATIM, style_id
from briefing.model import (
    Citation,
    Code,
    CrossRef,
    Emph,
    FootnoteRef,
    LangSpan,
    LineBreak,
    Link,
    PageRef,
    SmallCaps,
    Strikeout,
    Strong,
    Subscript,
    Superscript,
    Text,
    Underline,
)
from briefing.transform import printed

STYLE_NAMES = {style_id(name): name for name in names.ALL_STYLES}


@dataclass(frozen=True)
class Format:
    """What the enclosing inlines ask of a run."""

    bold: bool = False
    italic: bool = False
    link: bool = False
    strike: bool = False
    underline: bool = False
    small_caps: bool = False
    vert_align: str = ""  # "subscript" | "superscript"
    fonts: tuple[tuple[str, str], ...] = ()  # w:rFonts of a passage in another language
    lang: tuple[tuple[str, str], ...] = ()  # its w:lang
    cjk: bool | None = None  # whether that language is CJK; None: the paper's
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
            strike=self.strike,
            underline=self.underline,
            small_caps=self.small_caps,
            vert_align=self.vert_align,
            fonts=dict(self.fonts),
            lang=dict(self.lang),
            mark=self.mark,
        )


PLAIN = Format()


def write_inlines(ctx: Context, parent: Element, nodes: tuple, fmt: Format = PLAIN) -> None:
    """Append the runs for `nodes` to `parent` (a w:p or w:hyperlink)."""
    for node in printed(nodes):  # a citation as its style printed it, in the runs around it
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
    cjk = ctx.cjk if fmt.cjk is None else fmt.cjk
    hint = cjk and not AMBIGUOUS_PUNCTUATION.isdisjoint(content)
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
    # Code keeps its monospaced face inside a passage in another language.
    parent.append(run(node.text, replace(fmt, fonts=()).rpr(style=VERBATIM)))


def styled(**change) -> Callable:
    """A handler writing an inline's children with `change` added to their format."""

    def handler(ctx: Context, parent: Element, node, fmt: Format) -> None:
        write_inlines(ctx, parent, node.children, replace(fmt, **change))

    return handler


def lang_span(ctx: Context, parent: Element, node: LangSpan, fmt: Format) -> None:
    """Runs tagged with the passage's language (w:lang) in its fonts for the paragraph's
    role (body, heading or mono, from the paragraph's style), so Word spell-checks and
    sets it as that language."""
    language = ctx.theme.language(node.lang)
    latin, east_asia = fonts(language, _font_role(ctx, parent))
    faces = {"ascii": latin, "hAnsi": latin, "cs": latin, "eastAsia": east_asia}
    tag = {"eastAsia" if language.cjk else "val": language.docx_lang}
    change = dict(fonts=tuple(faces.items()), lang=tuple(tag.items()), cjk=language.cjk)
    write_inlines(ctx, parent, node.children, replace(fmt, **change))


def _font_role(ctx: Context, parent: Element) -> str:
    """ "body", "heading" or "mono": the font of the style of the paragraph holding `parent`."""
    p = parent
    while p is not None and p.tag != qn("w:p"):
        p = p.getparent()
    found = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}") if p is not None else None
    name = STYLE_NAMES.get(found.get(qn("w:val")) if found is not None else "", names.BODY)
    return ctx.theme.style(name, ctx.language).font or "body"


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


def page_ref(ctx: Context, parent: Element, node: PageRef, fmt: Format) -> None:
    """ "p. " then a PAGEREF field (§17.16.5.45) to the target's bookmark, whose current
    result is the target's page in the PDF's layout; Word's "Update Field" recomputes it."""
    target = ctx.targets[node.id]
    style = names.CROSS_REFERENCE
    if node.before:
        parent.append(run(node.before, fmt.rpr(style=style)))
    page = str(ctx.pages.get(node.id, ""))
    parent.extend(complex_field(f"PAGEREF {target.bookmark} \\h", page, fmt.rpr(style=style)))
    if node.after:
        parent.append(run(node.after, fmt.rpr(style=style)))


def citation(ctx: Context, parent: Element, node: Citation, fmt: Format) -> None:
    """What the style printed; the citation as written is in the source part (source.py)."""
    write_inlines(ctx, parent, node.children, fmt)


INLINE_HANDLERS: dict[type, Callable[[Context, Element, object, Format], None]] = {
    Text: text,
    Emph: emph,
    Strong: strong,
    Code: code,
    Link: link,
    LineBreak: line_break,
    FootnoteRef: footnote_ref,
    CrossRef: cross_ref,
    Subscript: styled(vert_align="subscript"),
    Superscript: styled(vert_align="superscript"),
    Strikeout: styled(strike=True),
    Underline: styled(underline=True),
    SmallCaps: styled(small_caps=True),
    LangSpan: lang_span,
    PageRef: page_ref,
    Citation: citation,
}
