"""Take a briefing.model.Paper, produce the same document as Typst markup."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from typing import Any

from briefing import model as m
from briefing.theme import load_theme

# The paper as a Typst document with the same content and a comparable layout (A4, the
# theme's fonts and margins, numbered headings, footnotes, figure, table, key-points box), so
# the Typst baseline typesets the same work. Function syntax (#emph[..]) throughout: it is
# stable across Typst versions and needs no word boundaries around CJK text.
TYPST_SPECIAL = re.compile(r"([\\#*_`$<>@\[\]~/])")
BOX = '#block(fill: rgb("#EAF0F7"), stroke: 1pt + rgb("#1F3A5F"), inset: 8pt, width: 100%)'
GENERIC_FONTS = ("serif", "sans-serif", "monospace")

Notes = dict[str, m.Footnote]  # by footnote id
Handler = Callable[[Any, Notes], str]


def typst_source(paper: m.Paper) -> str:
    """A .typ document equivalent to `paper`."""
    theme = load_theme()
    lang = paper.meta.lang
    language = theme.language(lang)
    fonts = language.pdf_fonts
    body_fonts = ", ".join(json.dumps(f) for f in fonts["body"] if f not in GENERIC_FONTS)
    indent = theme.style("Body Text", language).first_line_indent or 0
    notes = {n.id: n for n in paper.footnotes}
    tb = paper.title_block
    points = box(paper.key_points, notes) if paper.key_points else ""
    authors = "\n\n".join(escape(line) for line in tb.authors)
    return "\n".join(
        [
            '#set page(paper: "a4", margin: (top: 25mm, bottom: 22mm, left: 25mm, '
            'right: 22mm), numbering: "1 / 1")',
            f'#set text(font: ({body_fonts},), size: 11pt, lang: "{lang[:2]}")',
            f"#set par(justify: true, first-line-indent: {indent:g}pt, leading: 0.8em)",
            f'#text(size: 19pt, weight: "bold")[{escape(tb.numbered_title)}]\n',
            f"{authors}\n\n{escape(tb.date)}\n",
            f"{points}\n",
            blocks(paper.blocks, notes),
        ]
    )


def escape(text: str) -> str:
    """Plain text as Typst markup: every character with a meaning in Typst gets a backslash."""
    return TYPST_SPECIAL.sub(r"\\\1", text)


def inlines(nodes: Iterable[m.Inline], notes: Notes) -> str:
    return "".join(INLINE_HANDLERS[type(node)](node, notes) for node in nodes)


def blocks(nodes: Iterable[m.Block], notes: Notes) -> str:
    return "\n\n".join(BLOCK_HANDLERS[type(node)](node, notes) for node in nodes) + "\n"


# ------------------------------------------------------------------- inlines


def footnote(node: m.FootnoteRef, notes: Notes) -> str:
    if not node.first:  # Typst numbers its own notes; a repeated call prints the number
        return f"#super[{escape(node.label)}]"
    return f"#footnote[{blocks(notes[node.id].blocks, notes).strip()}]"


def wrapped(function: str) -> Handler:
    """An inline whose children go inside a Typst function: #sub[..], #strike[..]."""
    return lambda node, notes: f"#{function}[{inlines(node.children, notes)}]"


INLINE_HANDLERS: dict[type, Handler] = {
    m.Text: lambda node, notes: escape(node.text),
    m.Emph: lambda node, notes: f"#emph[{inlines(node.children, notes)}]",
    m.Strong: lambda node, notes: f"#strong[{inlines(node.children, notes)}]",
    m.Code: lambda node, notes: f"#raw({json.dumps(node.text)})",
    m.Link: lambda node, notes: f"#link({json.dumps(node.href)})[{inlines(node.children, notes)}]",
    m.LineBreak: lambda node, notes: "#linebreak()",
    m.FootnoteRef: footnote,
    m.CrossRef: lambda node, notes: escape(node.text),  # its label, e.g. "圖 1"
    m.Subscript: wrapped("sub"),
    m.Superscript: wrapped("super"),
    m.Strikeout: wrapped("strike"),
    m.Underline: wrapped("underline"),
    m.SmallCaps: wrapped("smallcaps"),
    m.LangSpan: lambda node, notes: (
        f'#text(lang: "{node.lang[:2]}")[{inlines(node.children, notes)}]'
    ),
    # Targets carry no Typst labels here: the words only (the benchmark times typesetting).
    m.PageRef: lambda node, notes: escape(node.before + node.after),
    m.Citation: lambda node, notes: inlines(node.children, notes),  # as the style printed it
}

# ------------------------------------------------------------------- blocks


def heading(node: m.Heading, notes: Notes) -> str:
    label = f"{escape(node.label)} " if node.label else ""
    return f"{'=' * node.level} {label}{inlines(node.children, notes)}"


def list_of(mark: str) -> Handler:
    """A list whose items start with `mark` ("-" bullets, "+" numbers)."""

    def render(node: m.BulletList | m.OrderedList, notes: Notes) -> str:
        return "\n\n".join(f"{mark} {blocks(item, notes).strip()}" for item in node.items)

    return render


def figure(node: m.Figure, notes: Notes) -> str:
    width = f", width: {node.width.css()}" if node.width else ""
    caption = inlines(node.caption, notes)
    out = f"#figure(image({json.dumps(node.src)}{width}), caption: [{caption}])"
    if node.source:
        out += f"\n\n#align(center, text(size: 9pt)[{escape(node.source)}])"
    return out


def table(node: m.Table, notes: Notes) -> str:
    align = ", ".join(a if a in ("left", "right", "center") else "left" for a in node.align)
    cells = [f"[#strong[{inlines(c, notes)}]]" for c in node.header]
    cells += [f"[{inlines(c, notes)}]" for row in node.rows for c in row]
    body = f"table(columns: {len(node.header)}, align: ({align},), {', '.join(cells)})"
    return f"#figure({body}, caption: [{inlines(node.caption, notes)}], kind: table)"


def box(node: m.Box, notes: Notes) -> str:
    return f"{BOX}[#strong[{escape(node.title)}]\n\n{blocks(node.children, notes)}]"


def bibliography(node: m.Bibliography, notes: Notes) -> str:
    entries = "\n\n".join(inlines(entry, notes) for entry in node.entries)
    return f"#par(hanging-indent: 2em)[{entries}]" if entries else ""


def definitions(node: m.DefinitionList, notes: Notes) -> str:
    return "\n".join(
        f"/ {inlines(term, notes)}: {' '.join(blocks(d, notes).strip() for d in defs)}"
        for term, defs in node.items
    )


BLOCK_HANDLERS: dict[type, Handler] = {
    m.Paragraph: lambda node, notes: inlines(node.children, notes),
    m.Heading: heading,
    m.BulletList: list_of("-"),
    m.OrderedList: list_of("+"),
    m.BlockQuote: lambda node, notes: f"#quote(block: true)[{blocks(node.children, notes)}]",
    m.CodeBlock: lambda node, notes: f"#raw(block: true, {json.dumps(node.text)})",
    m.Figure: figure,
    m.Table: table,
    m.Box: box,
    m.Bibliography: bibliography,
    m.DefinitionList: definitions,
    m.Appendix: lambda node, notes: blocks(node.children, notes),
    m.Landscape: lambda node, notes: f"#page(flipped: true)[{blocks(node.children, notes)}]",
    m.Contents: lambda node, notes: f"#outline(title: [{escape(node.title)}])",
}
