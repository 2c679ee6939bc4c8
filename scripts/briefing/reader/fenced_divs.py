"""Take Markdown with Pandoc fenced divs (`::: {.box title="..."}` ... `:::`), produce
`div_open`/`div_close` tokens around the parsed content.

Written here because no plugin has Pandoc's nesting rule. mdit-py-plugins' `container`
closes a block at the first later fence at least as long as its opener, so in

    ::: appendix
    ::: box
    :::
    :::

the box's closing line ends the appendix. Pandoc (the syntax our analysts know) matches
fences like brackets: a fence with attributes opens a div, a bare fence closes the
innermost open one. This rule finds the matching bare fence by counting, skipping fenced
code, and marks a div that is never closed (`token.meta["unclosed"]`) so the reader can
say so instead of silently swallowing the rest of the paper.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

OPEN = re.compile(r"^(:{3,})\s*([^\s:].*?)\s*:*\s*$")  # ::: {.box} / ::: box / ::: box :::
CLOSE = re.compile(r"^:{3,}\s*$")
CODE_FENCE = re.compile(r"^(`{3,}|~{3,})")


def _line(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]


def _find_close(state: StateBlock, start: int, end: int) -> int | None:
    """The line of the fence that closes the div opened on `start`, or None."""
    depth, code_fence = 1, None
    for line in range(start + 1, end):
        if state.sCount[line] - state.blkIndent >= 4:
            continue  # indented code
        if state.sCount[line] < state.blkIndent and _line(state, line).strip():
            return None  # a line less indented than the div ends its parent (a list item)
        text = _line(state, line)
        fence = CODE_FENCE.match(text)
        if code_fence:
            if fence and fence[1][0] == code_fence[0] and len(fence[1]) >= len(code_fence):
                code_fence = None
            continue
        if fence:
            code_fence = fence[1]
        elif CLOSE.match(text):
            depth -= 1
            if depth == 0:
                return line
        elif OPEN.match(text):
            depth += 1
    return None


def fenced_div(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    opening = OPEN.match(_line(state, start))
    if not opening:
        return False
    if silent:
        return True
    close = _find_close(state, start, end)
    stop = close if close is not None else end

    old_parent, old_line_max = state.parentType, state.lineMax
    state.parentType = "div"
    state.lineMax = stop  # lazy continuation lines never run past the closing fence
    token = state.push("div_open", "div", 1)
    token.markup = opening[1]
    token.info = opening[2]
    token.map = [start, stop]
    token.block = True
    token.meta["unclosed"] = close is None
    state.md.block.tokenize(state, start + 1, stop)
    token = state.push("div_close", "div", -1)
    token.block = True
    state.parentType, state.lineMax = old_parent, old_line_max
    state.line = stop + (1 if close is not None else 0)
    return True


def fenced_div_plugin(md: MarkdownIt) -> None:
    md.block.ruler.before(
        "fence", "fenced_div", fenced_div, {"alt": ["paragraph", "reference", "blockquote", "list"]}
    )
