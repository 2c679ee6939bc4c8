"""Take a briefing.model.Paper, produce the same document as Typst markup."""

from __future__ import annotations

import json
import re

# The seed paper as a Typst document with the same content and a comparable layout (A4, the
# theme's fonts and margins, numbered headings, footnotes, figure, table, key-points box), so
# the Typst baseline typesets the same work. Function syntax (#emph[..]) throughout: it is
# stable across Typst versions and needs no word boundaries around CJK text.
TYPST_SPECIAL = re.compile(r"([\\#*_`$<>@\[\]~/])")


def _t(text: str) -> str:
    return TYPST_SPECIAL.sub(r"\\\1", text)


def _typst_inlines(nodes, notes: dict) -> str:
    from briefing import model as m

    out = []
    for node in nodes:
        if isinstance(node, m.Text):
            out.append(_t(node.text))
        elif isinstance(node, m.Emph):
            out.append(f"#emph[{_typst_inlines(node.children, notes)}]")
        elif isinstance(node, m.Strong):
            out.append(f"#strong[{_typst_inlines(node.children, notes)}]")
        elif isinstance(node, m.Code):
            out.append(f"#raw({json.dumps(node.text)})")
        elif isinstance(node, m.Link):
            out.append(f"#link({json.dumps(node.href)})[{_typst_inlines(node.children, notes)}]")
        elif isinstance(node, m.LineBreak):
            out.append("#linebreak()")
        elif isinstance(node, m.FootnoteRef):
            out.append(f"#footnote[{_typst_blocks(notes[node.number].blocks, notes).strip()}]")
        elif isinstance(node, m.CrossRef):
            out.append(_t(node.text))
    return "".join(out)


def _typst_blocks(blocks, notes: dict) -> str:
    from briefing import model as m

    out = []
    for b in blocks:
        if isinstance(b, m.Paragraph):
            out.append(_typst_inlines(b.children, notes))
        elif isinstance(b, m.Heading):
            label = f"{_t(b.label)} " if b.label else ""
            out.append(f"{'=' * b.level} {label}{_typst_inlines(b.children, notes)}")
        elif isinstance(b, (m.BulletList, m.OrderedList)):
            mark = "-" if isinstance(b, m.BulletList) else "+"
            out += [f"{mark} {_typst_blocks(item, notes).strip()}" for item in b.items]
        elif isinstance(b, m.BlockQuote):
            out.append(f"#quote(block: true)[{_typst_blocks(b.children, notes)}]")
        elif isinstance(b, m.CodeBlock):
            out.append(f"#raw(block: true, {json.dumps(b.text)})")
        elif isinstance(b, m.Figure):
            width = f", width: {b.width}" if b.width else ""
            caption = _typst_inlines(b.caption, notes)
            out.append(f"#figure(image({json.dumps(b.src)}{width}), caption: [{caption}])")
            if b.source:
                out.append(f"#align(center, text(size: 9pt)[{_t(b.source)}])")
        elif isinstance(b, m.Table):
            align = ", ".join(a if a in ("left", "right", "center") else "left" for a in b.align)
            cells = [f"[#strong[{_typst_inlines(c, notes)}]]" for c in b.header]
            cells += [f"[{_typst_inlines(c, notes)}]" for row in b.rows for c in row]
            body = f"table(columns: {len(b.header)}, align: ({align},), {', '.join(cells)})"
            caption = _typst_inlines(b.caption, notes)
            out.append(f"#figure({body}, caption: [{caption}], kind: table)")
        elif isinstance(b, m.Box):
            inner = _typst_blocks(b.children, notes)
            out.append(
                '#block(fill: rgb("#EAF0F7"), stroke: 1pt + rgb("#1F3A5F"), inset: 8pt, '
                f"width: 100%)[#strong[{_t(b.title)}]\n\n{inner}]"
            )
    return "\n\n".join(out) + "\n"


def typst_source(paper) -> str:
    """A .typ document equivalent to `paper` (a briefing.model.Paper)."""
    from briefing.theme import load_theme

    theme = load_theme()
    lang = paper.meta.lang
    fonts = theme.lang(lang)["pdf_fonts"]
    generic = ("serif", "sans-serif", "monospace")
    body_fonts = ", ".join(json.dumps(f) for f in fonts["body"] if f not in generic)
    indent = theme.lang(lang)["first_line_indent_em"]
    notes = {n.number: n for n in paper.footnotes}
    points = "\n".join(f"- {_typst_inlines(p, notes)}" for p in paper.key_points)
    meta = paper.meta
    authors = "\n\n".join(_t(f"{a.name} {a.affiliation}".strip()) for a in meta.authors)
    return "\n".join(
        [
            '#set page(paper: "a4", margin: (top: 25mm, bottom: 22mm, left: 25mm, '
            'right: 22mm), numbering: "1 / 1")',
            f'#set text(font: ({body_fonts},), size: 11pt, lang: "{lang[:2]}")',
            f"#set par(justify: true, first-line-indent: {indent}em, leading: 0.8em)",
            f'#text(size: 19pt, weight: "bold")[{_t(meta.title)}]\n',
            f"{authors}\n\n{meta.date.isoformat()}\n",
            '#block(fill: rgb("#EAF0F7"), stroke: 1pt + rgb("#1F3A5F"), inset: 8pt, '
            f"width: 100%)[#strong[{_t(theme.word(lang, 'key_points'))}]\n\n{points}]\n",
            _typst_blocks(paper.blocks, notes),
        ]
    )
