"""Take the theme, produce word/numbering.xml: real list definitions for bullets and numbers.

Lists use Word numbering (ECMA-376 Part 1, §17.9): a w:abstractNum defines the look of
each level, a w:num instance points at one, and a paragraph joins a list with
w:numPr (w:ilvl, w:numId). Every ordered list gets its own w:num with a
w:startOverride, so each starts again at its own `start`; bullets share one instance.
"""

from __future__ import annotations

from docx.document import Document

from briefing.docx.ooxml import Element, el, hex_colour, pt_to_twips, val
from briefing.theme import Theme

LEVELS = 9  # Word defines all nine levels of a multi-level list
BULLET_GLYPHS = ("•", "◦", "▪")
NUMBER_FORMATS = (("decimal", "%{}."), ("lowerLetter", "%{}."), ("lowerRoman", "%{}."))

BULLETS, KEY_POINTS, ORDERED = 0, 1, 2  # w:abstractNumId values


class Numbering:
    """Owns numbering.xml; hands out w:numId values in the order lists are written."""

    def __init__(self, document: Document, theme: Theme):
        self.root = document.part.numbering_part.element
        self.root[:] = []
        accent = hex_colour(theme.colours["accent"])
        # Where item text starts after the bullet, per level: the theme's list indents.
        self.indent = pt_to_twips(theme.lists.indent)
        tight = pt_to_twips(theme.lists.key_points_indent)
        self.root.append(_abstract(BULLETS, "bullet", self.indent))
        self.root.append(_abstract(KEY_POINTS, "bullet", tight, colour=accent))
        self.root.append(_abstract(ORDERED, "number", self.indent))
        self._next_id = 1
        self.bullets = self._num(BULLETS)
        self.key_points = self._num(KEY_POINTS)

    def ordered(self, start: int, level: int) -> int:
        """A fresh instance for one ordered list, numbering from `start` at `level`."""
        return self._num(ORDERED, restart=(level, start))

    def _num(self, abstract_id: int, restart: tuple[int, int] | None = None) -> int:
        num_id = self._next_id
        self._next_id += 1
        num = el("w:num", {"w:numId": num_id}, val("w:abstractNumId", abstract_id))
        if restart:
            level, start = restart
            num.append(el("w:lvlOverride", {"w:ilvl": level}, val("w:startOverride", start)))
        self.root.append(num)  # w:num elements follow every w:abstractNum (§17.9.16)
        return num_id


def num_pr(num_id: int, level: int) -> Element:
    """w:numPr for a paragraph in list `num_id` at nesting `level` (0-based)."""
    return el("w:numPr", None, val("w:ilvl", level), val("w:numId", num_id))


def _abstract(abstract_id: int, kind: str, indent: int, colour: str | None = None) -> Element:
    abstract = el(
        "w:abstractNum",
        {"w:abstractNumId": abstract_id},
        val("w:nsid", f"{0x5B1EF000 + abstract_id:08X}"),  # fixed, not random
        val("w:multiLevelType", "hybridMultilevel"),
    )
    for level in range(LEVELS):
        if kind == "bullet":
            fmt, text = "bullet", BULLET_GLYPHS[level % len(BULLET_GLYPHS)]
        else:
            fmt, pattern = NUMBER_FORMATS[level % len(NUMBER_FORMATS)]
            text = pattern.format(level + 1)
        lvl = el(
            "w:lvl",
            {"w:ilvl": level},
            val("w:start", 1),
            val("w:numFmt", fmt),
            val("w:lvlText", text),
            val("w:lvlJc", "left"),
            el("w:pPr", None, el("w:ind", {"w:left": indent * (level + 1), "w:hanging": indent})),
        )
        if colour:
            lvl.append(el("w:rPr", None, val("w:color", colour)))
        abstract.append(lvl)
    return abstract
