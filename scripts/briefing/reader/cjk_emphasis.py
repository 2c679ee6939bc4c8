"""Take markdown-it's inline state, produce emphasis that works next to Chinese punctuation.

CommonMark decides whether a `*` can open or close emphasis from the characters on its two
sides, a rule made for languages that put spaces between words. In Chinese it fails where
an analyst would least expect it: `其中*審閱（Word review）*一步` prints its asterisks,
because the closing `*` follows a punctuation mark (）) and is followed by a letter (一).
The CommonMark CJK-friendly amendments (github.com/tats-u/markdown-cjk-friendly,
specification.md, proposed for CommonMark issue 650) change only that rule: full-width
punctuation and CJK characters count as neither "punctuation that blocks" nor as a word
around the delimiter. Text without CJK characters next to a delimiter parses exactly as
before, so English papers are unaffected.

Written here because the one Python port (mdit-py-cjk-friendly) requires markdown-it-py
below 4 and also rewrites soft line breaks, which the reader already handles. The
variation-selector clauses of the amendment are left out: they concern rare ideographic
variants, and without them such a delimiter keeps CommonMark's behaviour.
"""

from __future__ import annotations

import unicodedata

from markdown_it import MarkdownIt
from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace
from markdown_it.rules_inline.state_inline import Scanned, StateInline

EMOJI_PLANE = range(0x1F000, 0x20000)  # wide, but emoji, not CJK (UTS #51)


def is_cjk(char: str) -> bool:
    """A CJK character in the amendment's sense: East Asian Width W, F or H (not emoji),
    or Hangul."""
    code = ord(char)
    if code in EMOJI_PLANE:
        return False
    return unicodedata.east_asian_width(char) in "WFH" or "HANGUL" in unicodedata.name(char, "")


def _punctuation(char: str) -> bool:
    return isMdAsciiPunct(ord(char)) or isPunctChar(char)


def _non_cjk_punctuation(char: str) -> bool:
    return _punctuation(char) and not is_cjk(char)


def scan_delims(state: StateInline, start: int, can_split_word: bool) -> Scanned:
    """markdown-it's `StateInline.scanDelims` with the amended flanking rules."""
    pos, maximum, marker = start, state.posMax, state.src[start]
    last = state.src[start - 1] if start > 0 else " "  # the line's start counts as a space
    while pos < maximum and state.src[pos] == marker:
        pos += 1
    following = state.src[pos] if pos < maximum else " "  # so does its end
    last_space, next_space = isWhiteSpace(ord(last)), isWhiteSpace(ord(following))
    last_blocks, next_blocks = _non_cjk_punctuation(last), _non_cjk_punctuation(following)
    left = not next_space and (not next_blocks or last_space or last_blocks or is_cjk(last))
    right = not last_space and (not last_blocks or next_space or next_blocks or is_cjk(following))
    # `_` keeps CommonMark's intraword rule: it opens (closes) inside a word only after
    # (before) punctuation.
    can_open = left and (can_split_word or not right or _punctuation(last))
    can_close = right and (can_split_word or not left or _punctuation(following))
    return Scanned(can_open, can_close, pos - start)


def _install(state: StateInline, silent: bool) -> bool:
    """An inline rule that matches nothing: it gives each inline state the amended
    `scanDelims`, which the emphasis and strikethrough rules call."""
    if state.scanDelims.__func__ is not scan_delims:  # type: ignore[attr-defined]
        state.scanDelims = scan_delims.__get__(state)  # type: ignore[method-assign]
    return False


def cjk_emphasis_plugin(md: MarkdownIt) -> None:
    md.inline.ruler.before("text", "cjk_emphasis", _install)
