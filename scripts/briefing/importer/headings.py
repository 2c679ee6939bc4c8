"""Take a heading's inlines as read from a DOCX, produce them without the label our
writer printed in front ("（一）", "1.2 ", "Appendix A: "), and whether it was numbered.

Our DOCX writes a heading's label as literal text, computed by numbering.py. Reading it
back, the same counters are kept here, in reading order: when a heading's text starts
with the label its place would give, it is a numbered heading and the label goes;
otherwise it was written unnumbered (`{-}`). A level-1 heading starting with the next
appendix label ("附錄一", "Appendix A") opens the appendices. Another program's headings
are numbered (the pipeline numbers them again): a number typed in front is removed.
"""

from __future__ import annotations

import re

from briefing import model as m
from briefing.language import Language

TYPED_NUMBER = re.compile(
    r"^\s*(?:[0-9]+(?:\.[0-9]+)*\.?|[（(][一二三四五六七八九十0-9]+[)）]|[一二三四五六七八九十]+、)\s*"
)


class HeadingLabels:
    def __init__(self, language: Language, own: bool):
        self.language = language
        self.own = own
        self.path: list[int] = []
        self.appendix = 0
        self.in_appendix = False
        self.opened = False  # the last heading read opened an appendix
        self.typed_numbers = 0  # other programs' headings whose typed number was removed

    def strip(self, level: int, children: tuple) -> tuple[tuple, bool]:
        first = children[0].text if children and isinstance(children[0], m.Text) else ""
        if not self.own:
            stripped = TYPED_NUMBER.sub("", first, count=1)
            if stripped != first:
                self.typed_numbers += 1
            return _replace_first(children, first, stripped), True
        language = self.language
        path = (self.path + [0] * level)[:level]
        path[-1] += 1
        heading_gap = language.separators["heading"]
        if level == 1:
            candidates = [
                (language.appendix_label(self.appendix + 1), language.separators["appendix"], True)
            ]
            if not self.in_appendix:
                candidates.insert(0, (language.section_label(tuple(path)), heading_gap, False))
        elif self.in_appendix:
            label = language.appendix_section_label(self.appendix, tuple(path[1:]))
            candidates = [(label, heading_gap, False)]
        else:
            candidates = [(language.section_label(tuple(path)), heading_gap, False)]
        for label, gap, opens in candidates:
            if first.startswith(label + gap):
                self.path = path
                self.opened = opens
                if opens:
                    self.appendix += 1
                    self.in_appendix = True
                return _replace_first(children, first, first[len(label + gap) :]), True
        return children, False


def _replace_first(children: tuple, old: str, new: str) -> tuple:
    if old == new:
        return children
    rest = children[1:]
    return ((m.Text(new),) + rest) if new else rest
