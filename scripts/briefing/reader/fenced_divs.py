"""Take Markdown with Pandoc fenced divs (`::: {.box title="..."}` ... `:::`), produce
`div_open`/`div_close` tokens around the parsed content.

Written here because no plugin has Pandoc's nesting rule. mdit-py-plugins' `container`
looks ahead for the first later fence at least as long as its opener, so in

    ::: appendix
    ::: box
    :::
    :::

the box's closing line ends the appendix. Pandoc (the syntax our analysts know) matches
fences like brackets while it parses: a fence with attributes opens a div, a bare fence
closes the innermost open one, and a fence inside a code block or a nested list item is
not seen. Two rules do the same here, in markdown-it's own parsing pass:

- `fenced_div` opens a div and parses what follows as its content;
- `div_close` sees a bare fence at the open div's own level, ends that content there (and,
  as a terminator, ends a paragraph or list the fence follows), like a blockquote's end.

A div never closed is marked (`token.meta["unclosed"]`) so the reader can say so instead
of silently swallowing the rest of the paper.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

OPEN = re.compile(r"^(:{3,})\s*([^\s:].*?)\s*:*\s*$")  # ::: {.box} / ::: box / ::: box :::
CLOSE = re.compile(r"^:{3,}\s*$")
TERMINATES = ["paragraph", "reference", "blockquote", "list"]


@dataclass
class _Open:
    indent: int  # blkIndent of the div's content
    close: int | None = None  # the line of its closing fence, once seen


def _line(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]


def _stack(state: StateBlock) -> list[_Open]:
    return state.env.setdefault("_open_divs", [])


def fenced_div(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    opening = OPEN.match(_line(state, start))
    if not opening:
        return False
    if silent:
        return True
    token = state.push("div_open", "div", 1)
    token.markup, token.info, token.block = opening[1], opening[2], True
    old_parent = state.parentType
    state.parentType = "div"
    div = _Open(state.blkIndent)
    _stack(state).append(div)
    state.md.block.tokenize(state, start + 1, end)
    _stack(state).pop()
    state.parentType = old_parent
    stop = div.close if div.close is not None else state.line
    token.map = [start, stop]
    token.meta["unclosed"] = div.close is None
    closing = state.push("div_close", "div", -1)
    closing.block = True
    state.line = stop + 1 if div.close is not None else stop
    return True


def div_close(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """A bare fence at the innermost open div's level ends that div's content."""
    stack = _stack(state)
    if not stack or not 0 <= state.sCount[start] - stack[-1].indent < 4:
        return False
    if not CLOSE.match(_line(state, start)):
        return False
    if silent:  # as a terminator: the fence ends the paragraph or list item before it
        return True
    if state.blkIndent != stack[-1].indent:  # inside a list item of the div: not ours yet
        return False
    stack[-1].close = start
    state.line = end  # ends the div's tokenize; fenced_div resumes after the fence
    return True


def fenced_div_plugin(md: MarkdownIt) -> None:
    md.block.ruler.before("fence", "div_close", div_close, {"alt": TERMINATES})
    md.block.ruler.before("fence", "fenced_div", fenced_div, {"alt": TERMINATES})
