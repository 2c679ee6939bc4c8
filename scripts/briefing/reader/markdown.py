"""Take Markdown text, produce markdown-it tokens with our Pandoc-compatible extensions.

CommonMark and the plugins do the parsing: footnotes, pipe tables, strikeout (`~~x~~`,
markdown-it's own rule), subscript `~x~` and superscript `^x^`, bracketed spans
`[x]{.underline}`, definition lists, task lists, and English typography (typography.py).
Five small rules of our own add what no plugin offers:
- Pandoc's fenced divs (`::: {.box title="..."}`), nested as Pandoc nests them (fenced_divs.py);
- `@fig:id` / `@tbl:id` / `@sec:id` cross-references (pandoc-crossref syntax);
- Pandoc's citations, `[@key, p. 12]` and `@key` (citations/syntax.py);
- `{#fig:id width=60% source="..."}` after an image, with Pandoc's unquoted percentages;
- a trailing `{#sec:id}` / `{-}` on headings and on `Table: caption {#tbl:id}` lines (Pandoc's
  header attributes); the attribute text itself is parsed by mdit_py_plugins' attrs parser.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.attrs.parse import ParseError
from mdit_py_plugins.attrs.parse import parse as parse_attrs
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.subscript import sub_plugin
from mdit_py_plugins.superscript import superscript_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from ..citations.syntax import citation_rule
from .cjk_emphasis import cjk_emphasis_plugin
from .fenced_divs import fenced_div_plugin
from .typography import typography_plugin

CROSSREF = re.compile(r"@(fig|tbl|sec):([A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?)", re.IGNORECASE)
TRAILING_ATTRS = re.compile(r"\s*(\{[^{}]*\})\s*$")
TABLE_CAPTION = re.compile(r"^(?:Table)?:\s+")
LEADING_ATTRS = re.compile(r"^\{[^{}]*\}")
# Pandoc accepts unquoted values such as `width=60%` and `width=1.5in`; in the attrs
# grammar `%` opens a comment and `.` may not stand in a bare value, so such values are
# quoted before parsing.
UNQUOTED_VALUE = re.compile(r"=([^\s\"'{}=]+)")
# Pandoc's `-` among heading attributes (`{-}`, `{#sec:x -}`) is short for `.unnumbered`;
# a quoted value is matched whole so a "-" inside it stays.
UNNUMBERED = re.compile(r"\"[^\"]*\"|'[^']*'|(?<=[{\s])-(?=[\s}])")


def _unnumbered(text: str) -> str:
    return UNNUMBERED.sub(lambda m: ".unnumbered" if m[0] == "-" else m[0], text)


def parse_attr_text(text: str) -> dict[str, str] | None:
    """`{#fig:x width=60% .c}` -> {"id": ..., "width": "60%", "class": "c"}; None if malformed."""
    try:
        return parse_attrs(UNQUOTED_VALUE.sub(r'="\1"', text))[1]
    except ParseError:
        return None


def crossref_rule(state: StateInline, silent: bool) -> bool:
    """`@fig:rings` -> a `crossref` token; an `@` inside a word (an e-mail) is left alone.
    `@Fig:x` is taken too, marked `wrong_case`, so the reader can say what to write."""
    pos = state.pos
    if state.src[pos] != "@" or (
        pos > 0 and state.src[pos - 1].isascii() and state.src[pos - 1].isalnum()
    ):
        return False
    match = CROSSREF.match(state.src, pos)
    if not match:
        return False
    if not silent:
        token = state.push("crossref", "", 0)
        kind = match[1].lower()
        token.meta = {"kind": kind, "id": f"{kind}:{match[2]}", "wrong_case": match[1] != kind}
        token.content = match[0]
    state.pos = match.end()
    return True


def _take_trailing_attrs(inline) -> dict[str, str] | None:
    """Strip a trailing `{...}` from an inline token's source; return its attributes."""
    found = TRAILING_ATTRS.search(inline.content)
    if not found:
        return None
    attrs = parse_attr_text(_unnumbered(found[1]))
    if attrs is None:
        return None
    inline.content = inline.content[: found.start()]
    return attrs


def block_attrs_rule(state: StateCore) -> None:
    """Move Pandoc-style trailing attributes onto heading tokens and mark table captions."""
    tokens = state.tokens
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            attrs = _take_trailing_attrs(tokens[i + 1])
            if attrs:
                token.meta["attrs"] = attrs
        elif (
            token.type == "paragraph_open"
            and i >= 1
            and tokens[i - 1].type == "table_close"
            and TABLE_CAPTION.match(tokens[i + 1].content)
        ):
            inline = tokens[i + 1]
            inline.content = TABLE_CAPTION.sub("", inline.content, count=1)
            token.meta["table_caption"] = True
            token.meta["attrs"] = _take_trailing_attrs(inline) or {}


def image_attrs_rule(state: StateCore) -> None:
    """`![cap](src){#fig:x width=60%}`: move the braces after an image onto the image token."""
    for block in state.tokens:
        children = block.children or []
        for image, after in zip(children, children[1:]):
            if image.type != "image" or after.type != "text":
                continue
            found = LEADING_ATTRS.match(after.content)
            attrs = parse_attr_text(found[0]) if found else None
            if attrs is None:
                continue
            image.meta["attrs"] = attrs
            after.content = after.content[found.end() :]


@lru_cache(maxsize=4)
def parser(quotes: str = "") -> MarkdownIt:
    """The Markdown parser; `quotes` (the language's four quote marks, "" for none) turns
    on English typography: curly quotes, dashes, ellipsis."""
    # html=True only so raw HTML arrives as tokens the reader can reject with a clear error.
    md = MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.use(cjk_emphasis_plugin)  # `*…（…）*` next to Chinese text is emphasis too
    # Accept every URL while parsing so that a `file:` or `javascript:` link becomes a
    # link token the reader reports, instead of silently printing as literal text.
    md.validateLink = lambda url: True
    md.use(footnote_plugin)
    md.use(fenced_div_plugin)
    md.use(sub_plugin)  # after `strikethrough` in the inline ruler: `~~x~~` stays strikeout
    md.use(superscript_plugin)
    # Spans only: attributes after images, headings and captions are our own rules below,
    # which accept Pandoc's unquoted `width=60%`.
    md.use(attrs_plugin, spans=True, after=())
    md.use(deflist_plugin)
    md.use(tasklists_plugin)
    if quotes:
        md.use(typography_plugin, quotes)
    md.inline.ruler.before("emphasis", "crossref", crossref_rule)
    md.inline.ruler.before("link", "citation", citation_rule)
    md.core.ruler.before("inline", "block_attrs", block_attrs_rule)
    md.core.ruler.after("inline", "image_attrs", image_attrs_rule)
    return md


def div_attrs(info: str) -> dict[str, str] | None:
    """The attributes of a `:::` opening line: `{.box title="x"}` or a bare class `box`.
    None when the braces cannot be parsed."""
    info = info.strip()
    if info.startswith("{"):
        return parse_attr_text(info)
    word, _, rest = info.partition(" ")
    if rest.strip().startswith("{"):  # `::: box {title="x"}`
        attrs = parse_attr_text(rest.strip())
        if attrs is None:
            return None
        classes = " ".join(c for c in (word, attrs.get("class", "")) if c)
        return {**attrs, "class": classes}
    return {"class": word} if not rest.strip() else None
