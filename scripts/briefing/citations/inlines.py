"""Take a citation or bibliography entry as citeproc-py's HTML formatter writes it, produce
model inlines: text, emphasis, strong, and links for every URL and DOI in it.

citeproc-py marks italics `<i>`, bold `<b>`, small caps as a styled `<span>` and escapes
the text; lxml reads that back. Small caps, superscripts and subscripts keep their text
(the two bundled styles use none of them). CSL prints URLs and DOIs as text; Pandoc links
them, and so do we, leaving a closing full stop or comma outside the link.
"""

from __future__ import annotations

import re

from lxml import html

from .. import model as m
from ..transform import merge_text, plain_text

URL = re.compile(r"https?://[^\s<>\"]+")
TRAILING = ".,;:)]}»”’"
QUOTE_THEN_PUNCT = re.compile(r"([”’])([.,])")
DOUBLED = re.compile(r"([?!.])\.")


def to_inlines(
    marked: str, punctuation_in_quote: bool = False, final_stop: bool = True
) -> tuple[m.Inline, ...]:
    """`final_stop=False` leaves out the full stop a note's citation ends with (for a
    citation inside a sentence of a hand-written note)."""
    if not final_stop and marked.endswith("."):
        marked = marked[:-1]
    if not marked:
        return ()
    root = html.fragment_fromstring(marked, create_parent="span")
    out = merge_text(_children(root))
    if punctuation_in_quote:
        out = _move_punctuation(out)
    return tuple(_linked(_no_doubled_stop(out)))


def _children(element) -> list[m.Inline]:
    out: list[m.Inline] = []
    if element.text:
        out.append(m.Text(element.text))
    for child in element:
        inner = tuple(merge_text(_children(child)))
        if child.tag == "i":
            out.append(m.Emph(inner))
        elif child.tag == "b":
            out.append(m.Strong(inner))
        else:
            out.extend(inner)
        if child.tail:
            out.append(m.Text(child.tail))
    return out


def _move_punctuation(inlines: tuple[m.Inline, ...]) -> tuple[m.Inline, ...]:
    """American punctuation: a comma or full stop after a closing quote goes inside it
    (the locale's `punctuation-in-quote`, which citeproc-py ignores)."""
    return tuple(
        m.Text(QUOTE_THEN_PUNCT.sub(r"\2\1", n.text)) if isinstance(n, m.Text) else n
        for n in inlines
    )


def _no_doubled_stop(inlines: tuple[m.Inline, ...]) -> tuple[m.Inline, ...]:
    """`Trap?.` -> `Trap?`: a full stop after a title's own ? ! or . is left out (the
    title may be in italics, the stop outside them), as Pandoc's citeproc does."""
    out: list[m.Inline] = []
    last = ""
    for node in inlines:
        if isinstance(node, m.Text):
            text = DOUBLED.sub(r"\1", node.text)
            if last in "?!." and last and text.startswith("."):
                text = text[1:]
            node = m.Text(text)
        out.append(node)
        visible = plain_text((node,))
        last = visible[-1:] if visible else last
    return merge_text(out)


def _linked(inlines: tuple[m.Inline, ...]) -> list[m.Inline]:
    out: list[m.Inline] = []
    for node in inlines:
        if isinstance(node, m.Text):
            out.extend(_link_text(node.text))
        elif isinstance(node, m.Emph | m.Strong):
            out.append(type(node)(tuple(_linked(node.children))))
        else:
            out.append(node)
    return out


def _link_text(text: str) -> list[m.Inline]:
    out: list[m.Inline] = []
    at = 0
    for found in URL.finditer(text):
        url = found[0].rstrip(TRAILING)
        if found.start() > at:
            out.append(m.Text(text[at : found.start()]))
        out.append(m.Link((m.Text(url),), url))
        at = found.start() + len(url)
    if at < len(text):
        out.append(m.Text(text[at:]))
    return out
