"""Take labels and numbers, produce Word fields and bookmarks: SEQ, REF, NOTEREF, PAGE, NUMPAGES.

A complex field (ECMA-376 Part 1, §17.16.2) is a run sequence
w:fldChar begin / w:instrText / w:fldChar separate / result runs / w:fldChar end.
We always write the result the reader already computed ("圖 1", "（二）", page "1"), so
the document reads right before anyone presses F9, and Word/LibreOffice can update it.
Cross-reference targets are w:bookmarkStart/w:bookmarkEnd pairs (§17.13.6) around the
label, named like Word's own hidden "_Ref" bookmarks.
"""

from __future__ import annotations

import copy
import hashlib
import re
from dataclasses import dataclass

from briefing.docx.ooxml import Element, el, run
from briefing.model import Figure, Heading, Table
from briefing.transform import plain_text, walk

MAX_BOOKMARK = 40  # Word silently drops longer bookmark names


@dataclass(frozen=True)
class Target:
    """Where a cross-reference points: the bookmark and the text it surrounds."""

    bookmark: str
    text: str


def bookmark_name(model_id: str, *, hashed: bool = False) -> str:
    """ "fig:rings" -> "_Ref_fig_rings": letters, digits and "_" only, at most 40 characters.

    Long or non-ASCII ids (and, with `hashed`, ids that collide once punctuation is
    replaced) end in 8 hex digits of their SHA-1, so names stay unique and stable.
    """
    safe = re.sub(r"[^A-Za-z0-9]", "_", model_id)
    name = "_Ref_" + safe
    if hashed or len(name) > MAX_BOOKMARK or not model_id.isascii():
        digest = hashlib.sha1(model_id.encode("utf-8")).hexdigest()[:8]
        name = name[: MAX_BOOKMARK - 9] + "_" + digest
    return name


def collect_targets(*trees: tuple, prefix: str = "") -> dict[str, Target]:
    """Every id a CrossRef may name, with its bookmark name and the text the bookmark
    holds (the model's label); `prefix` keeps the bookmarks of papers bound in one volume
    apart."""
    targets: dict[str, Target] = {}
    used: set[str] = set()
    for node in walk(trees):
        if not isinstance(node, (Heading, Figure, Table)) or not node.id:
            continue
        if isinstance(node, Heading):
            text = node.label or plain_text(node.children)
        else:
            text = node.label.text if node.label else ""
        name = bookmark_name(prefix + node.id)
        if name in used:  # two ids that differ only in punctuation
            name = bookmark_name(prefix + node.id, hashed=True)
        used.add(name)
        targets[node.id] = Target(name, text)
    return targets


def complex_field(instr: str, result: str, rpr: Element | None = None) -> list[Element]:
    """The five runs of a field whose current result is `result`."""

    def props() -> Element | None:
        return copy.deepcopy(rpr) if rpr is not None else None

    def char(kind: str) -> Element:
        r = run("", props())
        r.append(el("w:fldChar", {"w:fldCharType": kind}))
        return r

    instruction = run("", props())
    text = el("w:instrText")
    text.text = f" {instr} "
    text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instruction.append(text)
    return [char("begin"), instruction, char("separate"), run(result, props()), char("end")]


# A numeral style of the theme's label patterns -> Word's numeric format switch
# (§17.16.4.3): 1, 一, A, a, I, i.
NUMBER_SWITCHES = {
    "": "ARABIC",
    "arabic": "ARABIC",
    "chinese": "CHINESENUM3",
    "upper-alpha": "ALPHABETIC",
    "lower-alpha": "alphabetic",
    "upper-roman": "ROMAN",
    "lower-roman": "roman",
}


def seq_field(
    identifier: str,
    number: str,
    rpr: Element | None = None,
    *,
    style: str = "",
    restart: bool = False,
) -> list[Element]:
    """SEQ 圖 \\* ARABIC: Word's caption numbering (§17.16.5.56); `restart` starts the
    sequence again at 1 here (`\\r 1`: a paper's first figure, so each paper bound in a
    volume counts from 1 once Word or LibreOffice updates the fields; an appendix's)."""
    again = " \\r 1" if restart else ""
    return complex_field(
        f"SEQ {identifier} \\* {NUMBER_SWITCHES.get(style, 'ARABIC')}{again}", number, rpr
    )


def ref_field(bookmark: str, result: str, rpr: Element | None = None) -> list[Element]:
    """REF name \\h: the bookmarked text, as a link to it (§17.16.5.51)."""
    return complex_field(f"REF {bookmark} \\h", result, rpr)


def noteref_field(bookmark: str, label: str, rpr: Element | None = None) -> list[Element]:
    """NOTEREF name \\h: the number of the footnote whose call is bookmarked (§17.16.5.40)."""
    return complex_field(f"NOTEREF {bookmark} \\h", label, rpr)


def bookmark(bookmark_id: int, name: str, inside: list[Element]) -> list[Element]:
    """`inside` wrapped in w:bookmarkStart/w:bookmarkEnd with the same w:id."""
    start = el("w:bookmarkStart", {"w:id": bookmark_id, "w:name": name})
    return [start, *inside, el("w:bookmarkEnd", {"w:id": bookmark_id})]
