"""Take markdown-it's inline tokens, produce English typography: curly quotes, dashes and
the ellipsis, as Pandoc's `smart` extension makes them; never in code, links' addresses
or passages in another language.

Quotes are markdown-it's own `smartquotes` rule, with the quote marks the paper's language
gives (theme.yaml `smart_quotes`). Dashes and the ellipsis are a rule of ours: markdown-it's
`replacements` also turns "(c)" into "©", "+-" into "±" and two dots into "…", which
Pandoc does not, and an analyst's "(a) (b) (c)" list must print as typed. Text inside a
`[...]{lang=...}` span is set aside before both rules run and put back after, so a
Chinese quotation in an English paper keeps its own punctuation.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

KEPT = "text_kept"  # a text token the typography rules must not touch (they read "text")
DASHES = re.compile(r"---|--|\.\.\.")
SMART = {"---": "\u2014", "--": "\u2013", "...": "\u2026"}


def keep_foreign_text(state: StateCore) -> None:
    """Mark the text inside language spans so the rules below pass it by."""
    for block in state.tokens:
        depth = 0
        for token in block.children or []:
            if token.type == "span_open" and token.attrs.get("lang"):
                depth += 1
            elif token.type == "span_close" and depth:
                depth -= 1
            elif token.type == "text" and depth:
                token.type = KEPT


def smart_dashes(state: StateCore) -> None:
    """`---` -> em dash, `--` -> en dash, `...` -> ellipsis, outside autolinks' addresses."""
    for block in state.tokens:
        in_autolink = False
        for token in block.children or []:
            if token.type == "link_open":
                in_autolink = token.info == "auto"
            elif token.type == "link_close":
                in_autolink = False
            elif token.type == "text" and not in_autolink:
                token.content = DASHES.sub(lambda m: SMART[m[0]], token.content)


def restore_foreign_text(state: StateCore) -> None:
    for block in state.tokens:
        for token in block.children or []:
            if token.type == KEPT:
                token.type = "text"


def typography_plugin(md: MarkdownIt, quotes: str) -> None:
    """Curly `quotes` (four marks: double open/close, single open/close), dashes, ellipsis."""
    md.options["typographer"] = True
    md.options["quotes"] = quotes
    md.enable("smartquotes")
    md.core.ruler.before("smartquotes", "keep_foreign_text", keep_foreign_text)
    md.core.ruler.before("smartquotes", "smart_dashes", smart_dashes)
    md.core.ruler.after("smartquotes", "restore_foreign_text", restore_foreign_text)
