"""Take the block tokens of a paper's parts, produce them: the appendices that close it
(`::: appendix`, or everything after `# Appendices {.appendix}`) and landscape blocks
(`::: landscape`), with the reader's checks of where each may stand.

A mixin of `Blocks` (blocks.py): these handlers need its conversion and its state (whether
an appendix is being read, the page content is on).
"""

from __future__ import annotations

from dataclasses import dataclass

from markdown_it.token import Token

from .. import model as m

APPENDIX = "appendix"  # also `# Appendix {.appendix}`: the rest of the paper is appendices


@dataclass(frozen=True)
class AppendixMark:
    """`# Appendix {.appendix}`: not printed; what follows it is the appendix."""

    line: int


class Parts:
    """Appendices and landscape blocks, for `Blocks`."""

    def convert_body(self, tokens: list[Token]) -> tuple[m.Block, ...]:
        """A paper's body: after `# ... {.appendix}`, everything is one Appendix; after an
        appendix, nothing but appendices may follow."""
        placed = self._convert(tokens, 0, len(tokens))
        mark = next((i for i, (_, b) in enumerate(placed) if isinstance(b, AppendixMark)), None)
        if mark is not None:
            rest = tuple(b for _, b in placed[mark + 1 :] if not isinstance(b, AppendixMark))
            self._check_appendix(rest, placed[mark][0])
            placed = [*placed[:mark], (placed[mark][0], m.Appendix(rest))]
        seen = False
        for line, block in placed:
            if seen and not isinstance(block, m.Appendix):
                self.ctx.at(line).error(
                    "the paper continues after its appendix",
                    "move this into the body, or into the appendix",
                )
                break
            seen = seen or isinstance(block, m.Appendix)
        return tuple(b for _, b in placed)

    def _check_appendix(self, children: tuple[m.Block, ...], line: int) -> None:
        """An appendix opens with its `##` heading (附錄一 / Appendix A and its title)."""
        first = children[0] if children else None
        if not (isinstance(first, m.Heading) and first.level == 1 and first.numbered):
            self.ctx.at(line).error(
                "an appendix must start with its ## heading",
                "add a line '## Title of the appendix' at its start",
            )

    def appendix_heading(self, tokens, i, line):
        """`# Appendix {.appendix}` at the top of the body: a mark, resolved by convert_body."""
        if tokens[i].level != 0 or self.where != "body" or self.in_appendix:
            self.ctx.at(line, "#").error(
                "# ... {.appendix} must stand at the top level of the paper's body",
                "move it out of the list, quote or box, after the last section",
            )
            return self.close_index(tokens, i) + 1, None
        return self.close_index(tokens, i) + 1, AppendixMark(line)

    def appendix(self, tokens, i, end, place) -> m.Appendix | None:
        if tokens[i].level != 0 or self.in_appendix:
            place.error(
                "an appendix must stand at the top level of the paper",
                "move the ::: appendix block out of the list, quote or box, to the end",
            )
            return None
        self.in_appendix = True
        try:
            children = self.convert(tokens, i + 1, end)
        finally:
            self.in_appendix = False
        self._check_appendix(children, self.line(tokens[i]))
        return m.Appendix(children)

    def landscape(self, tokens, i, end, place) -> m.Landscape | None:
        """Content on pages turned on their side: figures may be as wide as that text."""
        top = tokens[i].level == 0 or (self.in_appendix and tokens[i].level == 1)
        if not top or self.page is not self.ctx.theme.page:
            place.error(
                "a landscape block must stand at the top level of the paper or an appendix",
                "move the ::: landscape block out of the list, quote or box",
            )
            return None
        self.page = self.ctx.theme.page.turned()
        try:
            children = self.convert(tokens, i + 1, end)
        finally:
            self.page = self.ctx.theme.page
        return m.Landscape(children)
