"""Take model inlines, produce the Markdown that reads back into them (Pandoc's syntax, as
the reader understands it), escaping only what would otherwise be read as markup.

One handler per inline type (INLINE_HANDLERS). Two marks are left in the text for the
paragraph wrapper (blocks.py): NOBREAK stands for a space that must not end a line (in
code, link addresses, attributes), BREAK for a place between two Chinese characters
where a line may end (a line break there reads back as nothing).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from briefing import model as m
from briefing.reader.inlines import is_cjk

NOBREAK = "\x00"
BREAK = "\x01"
CROSSREF_AFTER = re.compile(r"@(?=(?:fig|tbl|sec):)", re.IGNORECASE)
ENTITY = re.compile(r"&(?=#?\w+;)")
TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
# Chinese line breaking (kinsoku): no line starts with closing punctuation or ends with
# opening punctuation, in the source as on the page.
NO_LINE_START = set("。，、；：？！）」』】》〉”’．…—～")
NO_LINE_END = set("（「『【《〈“‘")
SMART = re.compile(r"[\"']|(?<=-)-|(?<=\.\.)\.")


@dataclass(frozen=True)
class Where:
    """What the text being written stands in: it changes what must be escaped."""

    smart: bool = False  # English typography: straight quotes and dashes are escaped
    table: bool = False  # a pipe table's cell: `|` is escaped, a line break is <br>
    brackets: bool = False  # link or span text: `]` is escaped
    raised: bool = False  # sub- or superscript: spaces are escaped


def escape(text: str, where: Where) -> str:
    out = []
    for i, ch in enumerate(text):
        before = text[i - 1] if i else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        if ch in "\\`*[~^":
            out.append("\\" + ch)
        elif ch == "_" and not (before.isalnum() and after.isalnum()):
            out.append("\\_")
        elif ch == "]" and where.brackets:
            out.append("\\]")
        elif ch == "|" and where.table:
            out.append("\\|")
        elif ch == " " and where.raised:
            out.append("\\ ")
        elif ch == "\n":
            out.append(" ")
        else:
            out.append(ch)
        breakable = after not in NO_LINE_START and ch not in NO_LINE_END
        if is_cjk(ch) and is_cjk(after) and breakable and not where.table:
            out.append(BREAK)
    escaped = "".join(out)
    escaped = CROSSREF_AFTER.sub(r"\\@", escaped)
    escaped = ENTITY.sub(r"\\&", escaped)
    escaped = TAG_START.sub(r"\\<", escaped)
    if where.smart:
        escaped = SMART.sub(lambda found: "\\" + found[0], escaped)
    return escaped


def write_inlines(nodes: tuple, where: Where) -> str:
    out = []
    for node in nodes:
        handler = INLINE_HANDLERS.get(type(node))
        if handler is None:
            raise TypeError(f"Markdown writer: no handler for inline {type(node).__name__}")
        out.append(handler(node, where))
    return "".join(out)


def text(node: m.Text, where: Where) -> str:
    return escape(node.text, where)


def delimited(mark: str) -> Callable[[object, Where], str]:
    def handler(node, where: Where) -> str:
        inner = write_inlines(node.children, where)
        if mark == "**" and len(node.children) == 1 and isinstance(node.children[0], m.Emph):
            # `***x***` reads as emphasis around strong: strong around emphasis is `**_x_**`
            inner = "_" + write_inlines(node.children[0].children, where) + "_"
        return f"{mark}{inner}{mark}"

    return handler


def raised(mark: str) -> Callable[[object, Where], str]:
    def handler(node, where: Where) -> str:
        return f"{mark}{write_inlines(node.children, replace(where, raised=True))}{mark}"

    return handler


def code(node: m.Code, where: Where) -> str:
    longest = max((len(run) for run in re.findall(r"`+", node.text)), default=0)
    fence = "`" * (longest + 1)
    body = node.text.replace("|", "\\|") if where.table else node.text
    if body.startswith("`") or body.endswith("`"):
        body = f" {body} "
    return fence + body.replace(" ", NOBREAK) + fence


def link(node: m.Link, where: Where) -> str:
    words = write_inlines(node.children, replace(where, brackets=True))
    href = node.href
    if re.search(r"[\s()<>]", href):
        href = "<" + href.replace(">", "%3E") + ">"
    return f"[{words}]({href.replace(' ', NOBREAK)})"


def line_break(node: m.LineBreak, where: Where) -> str:
    return "<br>" if where.table else "\\\n"


def footnote_ref(node: m.FootnoteRef, where: Where) -> str:
    return f"[^{node.id}]"


def cross_ref(node: m.CrossRef, where: Where) -> str:
    return "@" + node.id


def page_ref(node: m.PageRef, where: Where) -> str:
    return f"[@{node.id}]{{.page}}"


def span(attrs: str) -> Callable[[object, Where], str]:
    def handler(node, where: Where) -> str:
        inner = write_inlines(node.children, replace(where, brackets=True))
        written = attrs if attrs else f"lang={node.lang}"
        return f"[{inner}]{{{written}}}"

    return handler


def lang_span(node: m.LangSpan, where: Where) -> str:
    # English typography never touches a passage in another language: nothing to escape.
    inner = write_inlines(node.children, replace(where, brackets=True, smart=False))
    return f"[{inner}]{{lang={node.lang}}}"


def citation(node: m.Citation, where: Where) -> str:
    """The citation as written (the reader renders it again from the library). Its
    spaces are places to wrap a line: a citation reads the same over two lines."""
    source = node.source
    if source.startswith("@"):  # `@key [p. 12]`: the locator must follow on the same line
        source = source.replace(" [", NOBREAK + "[", 1)
    return source.replace("|", "\\|") if where.table else source


INLINE_HANDLERS: dict[type, Callable[[object, Where], str]] = {
    m.Text: text,
    m.Emph: delimited("*"),
    m.Strong: delimited("**"),
    m.Code: code,
    m.Link: link,
    m.LineBreak: line_break,
    m.FootnoteRef: footnote_ref,
    m.CrossRef: cross_ref,
    m.Subscript: raised("~"),
    m.Superscript: raised("^"),
    m.Strikeout: delimited("~~"),
    m.Underline: span(".underline"),
    m.SmallCaps: span(".smallcaps"),
    m.LangSpan: lang_span,
    m.PageRef: page_ref,
    m.Citation: citation,
}


def plain(markdown: str) -> str:
    """The Markdown with the wrapper's marks taken out (front matter, headings)."""
    return markdown.replace(NOBREAK, " ").replace(BREAK, "")
