"""Take markdown-it tokens, produce document-model blocks, inlines and footnotes.

Block tokens arrive flat with `_open`/`_close` pairs; `Blocks` walks them once, with a
table from token type to handler, the way markdown-it's own renderer does.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from markdown_it.token import Token

from .. import model as m
from ..errors import Collector

UNDEFINED_FOOTNOTE = re.compile(r"\[\^([^\]\s]+)\]")
LINK_SCHEMES = {"http", "https", "mailto"}
ALIGN = re.compile(r"text-align:(left|center|right)")


def is_cjk(ch: str) -> bool:
    return bool(ch) and unicodedata.east_asian_width(ch) in ("W", "F")


class Inlines:
    """Inline tokens -> a tuple of model inlines."""

    def __init__(self, ctx: Context):
        self.ctx = ctx

    def convert(self, tokens: list[Token], line: int) -> tuple[m.Inline, ...]:
        self.line = line
        out: list[m.Inline] = []
        stack: list[tuple[str, list[m.Inline], Token]] = []
        current = out
        for i, tok in enumerate(tokens):
            kind = tok.type
            if kind.endswith("_open"):
                stack.append((kind, current, tok))
                current = []
            elif kind.endswith("_close"):
                opener_kind, parent, opener = stack.pop()
                parent.extend(self._wrap(opener_kind, opener, tuple(current)))
                current = parent
            elif kind == "text":
                self._check_text(tok.content, line)
                current.append(m.Text(tok.content))
            elif kind == "softbreak":
                before = _last_char(current)
                after = tokens[i + 1].content[:1] if i + 1 < len(tokens) else ""
                # A line break between two Chinese characters is not a space (Pandoc's
                # east_asian_line_breaks); between Latin words it is.
                if not (is_cjk(before) and is_cjk(after)):
                    current.append(m.Text(" "))
            elif kind == "hardbreak":
                current.append(m.LineBreak())
            elif kind == "code_inline":
                current.append(m.Code(tok.content))
            elif kind == "footnote_ref":
                current.append(m.FootnoteRef(tok.meta["label"], tok.meta["id"] + 1))
            elif kind == "crossref":
                self.ctx.crossrefs.append((tok.meta["id"], line, tok.content))
                current.append(m.CrossRef(tok.meta["kind"], tok.meta["id"]))
            elif kind == "image":
                self.ctx.at(line, "![").error(
                    "an image inside text cannot become a figure",
                    "put the image in a paragraph of its own, with blank lines around it",
                )
            elif kind == "html_inline":
                self.ctx.at(line, tok.content).error(
                    f"raw HTML is not allowed: {tok.content.strip()[:40]}",
                    "use Markdown; the same source also makes the DOCX",
                )
            else:
                current.append(m.Text(tok.content))
        return merge_text(out)

    def _wrap(self, kind: str, opener: Token, children: tuple[m.Inline, ...]) -> list[m.Inline]:
        if kind == "em_open":
            return [m.Emph(children)]
        if kind == "strong_open":
            return [m.Strong(children)]
        if kind == "link_open":
            href = str(opener.attrs.get("href", ""))
            scheme = href.split(":", 1)[0].lower() if ":" in href else ""
            if scheme not in LINK_SCHEMES and not href.startswith("#"):
                self.ctx.at(self.line, href[:20]).error(
                    f"link to '{href[:60]}' is not allowed",
                    "link to web pages (https://...) or e-mail (mailto:...)",
                )
            return [m.Link(children, href)]
        return list(children)  # a wrapper the model has no node for keeps its text

    def _check_text(self, text: str, line: int) -> None:
        for found in UNDEFINED_FOOTNOTE.finditer(text):
            self.ctx.at(line, found[0]).error(
                f"footnote [^{found[1]}] is never defined",
                f"add a line '[^{found[1]}]: note text' at the end of the file",
            )


def plain_text(tokens: list[Token]) -> str:
    """The words of inline tokens without their markup (an image's alt text)."""
    return "".join(t.content for t in tokens if t.type in ("text", "code_inline"))


def _last_char(inlines: list[m.Inline]) -> str:
    return inlines[-1].text[-1:] if inlines and isinstance(inlines[-1], m.Text) else ""


def merge_text(inlines: list[m.Inline]) -> tuple[m.Inline, ...]:
    out: list[m.Inline] = []
    for node in inlines:
        if isinstance(node, m.Text) and out and isinstance(out[-1], m.Text):
            out[-1] = m.Text(out[-1].text + node.text)
        elif not (isinstance(node, m.Text) and node.text == ""):
            out.append(node)
    return tuple(out)


class Context:
    """What the conversion of one file shares: where it is, what it found, what went wrong."""

    def __init__(self, report: Collector, lines: list[str], first_line: int):
        self.report = report
        self.lines = lines  # the body's source lines, for columns in messages
        self.first_line = first_line  # line number of the body's first line in paper.md
        self.crossrefs: list[tuple[str, int, str]] = []  # (id, body line, text)
        self.figures: list[tuple[m.Figure, int]] = []
        self.ids: dict[str, int] = {}

    def at(self, line: int, needle: str = "") -> _Place:
        """A place in paper.md: body line `line` (0-based), column of `needle` if found there."""
        for offset in range(0, 50):
            idx = line + offset
            if idx >= len(self.lines):
                break
            col = self.lines[idx].find(needle) if needle else 0
            if col >= 0:
                return _Place(self.report, self.first_line + idx, col + 1)
        return _Place(self.report, self.first_line + line, 1)


class _Place:
    def __init__(self, report: Collector, line: int, col: int):
        self.report, self.line, self.col = report, line, col

    def error(self, message: str, hint: str = "") -> None:
        self.report.error(self.line, self.col, message, hint)

    def warning(self, message: str, hint: str = "") -> None:
        self.report.warning(self.line, self.col, message, hint)


Handler = Callable[["Blocks", list[Token], int], int]


class Blocks:
    """Block tokens -> model blocks. Each handler takes the index of its opening token
    and returns the index just past what it consumed."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.inlines = Inlines(ctx)
        self.footnotes: dict[str, m.Footnote] = {}

    def convert(
        self, tokens: list[Token], start: int = 0, stop: int | None = None
    ) -> tuple[m.Block, ...]:
        stop = len(tokens) if stop is None else stop
        out: list[m.Block] = []
        i = start
        while i < stop:
            handler = HANDLERS.get(tokens[i].type, Blocks.unsupported)
            i, block = handler(self, tokens, i, out)
            if block is not None:
                out.append(block)
        return tuple(out)

    # -- helpers
    @staticmethod
    def close_index(tokens: list[Token], i: int) -> int:
        depth, j = 0, i
        while j < len(tokens):
            depth += tokens[j].nesting
            if depth == 0:
                return j
            j += 1
        return j

    def line(self, tok: Token) -> int:
        return tok.map[0] if tok.map else 0

    # -- handlers: (tokens, i, blocks so far) -> (next index, block or None)
    def paragraph(self, tokens, i, out):
        inline = tokens[i + 1]
        line = self.line(tokens[i])
        if tokens[i].meta.get("table_caption") and out and isinstance(out[-1], m.Table):
            attrs = tokens[i].meta.get("attrs", {})
            caption = self.inlines.convert(inline.children or [], line)
            table = out.pop()
            out.append(
                m.Table(
                    table.header,
                    table.rows,
                    table.align,
                    caption,
                    self.register(attrs.get("id"), "tbl", line),
                )
            )
            return self.close_index(tokens, i) + 1, None
        children = [
            c
            for c in inline.children or []
            if not (c.type == "text" and not c.content.strip()) and c.type != "softbreak"
        ]
        if len(children) == 1 and children[0].type == "image":
            return self.close_index(tokens, i) + 1, self.figure(children[0], line)
        return self.close_index(tokens, i) + 1, m.Paragraph(
            self.inlines.convert(inline.children or [], line)
        )

    def figure(self, image: Token, line: int) -> m.Figure:
        attrs = image.meta.get("attrs", {})
        fig = m.Figure(
            src=str(image.attrs.get("src", "")),
            caption=self.inlines.convert(image.children or [], line),
            id=self.register(attrs.get("id"), "fig", line),
            width=attrs.get("width"),
            source=attrs.get("source"),
            alt=plain_text(image.children or []),
        )
        self.ctx.figures.append((fig, line))
        return fig

    def register(self, ident: str | None, kind: str, line: int) -> str | None:
        """Record an id; report duplicates and ids of the wrong kind."""
        if not ident:
            return None
        if not ident.startswith(f"{kind}:"):
            self.ctx.at(line, ident).error(
                f"id '{ident}' should start with '{kind}:'",
                f"write {{#{kind}:{ident.split(':')[-1]}}}",
            )
        if ident in self.ctx.ids:
            self.ctx.at(line, ident).error(
                f"id '{ident}' is used twice "
                f"(first on line {self.ctx.first_line + self.ctx.ids[ident]})",
                "give each figure, table and section its own id",
            )
        else:
            self.ctx.ids[ident] = line
        return ident

    def heading(self, tokens, i, out):
        tok = tokens[i]
        line = self.line(tok)
        level = int(tok.tag[1]) - 1
        if level < 1 or level > 3:
            self.ctx.at(line, "#").error(
                f"heading level {tok.tag[1]} is not used in briefings",
                "the title comes from the front matter; use ## for sections, ### and #### below",
            )
            level = max(1, min(level, 3))
        attrs = tok.meta.get("attrs", {})
        numbered = "unnumbered" not in attrs.get("class", "").split()
        children = self.inlines.convert(tokens[i + 1].children or [], line)
        return self.close_index(tokens, i) + 1, m.Heading(
            level, children, self.register(attrs.get("id"), "sec", line), numbered
        )

    def bullet_list(self, tokens, i, out):
        end = self.close_index(tokens, i)
        return end + 1, m.BulletList(self.items(tokens, i + 1, end))

    def ordered_list(self, tokens, i, out):
        end = self.close_index(tokens, i)
        start = int(tokens[i].attrs.get("start", 1) or 1)
        return end + 1, m.OrderedList(self.items(tokens, i + 1, end), start)

    def items(self, tokens, i, end):
        items = []
        while i < end:
            close = self.close_index(tokens, i)
            items.append(self.convert(tokens, i + 1, close))
            i = close + 1
        return tuple(items)

    def blockquote(self, tokens, i, out):
        end = self.close_index(tokens, i)
        return end + 1, m.BlockQuote(self.convert(tokens, i + 1, end))

    def code(self, tokens, i, out):
        return i + 1, m.CodeBlock(tokens[i].content.rstrip("\n"))

    def box(self, tokens, i, out):
        from .markdown import box_attrs

        end = self.close_index(tokens, i)
        attrs = box_attrs(tokens[i].info)
        return end + 1, m.Box(attrs.get("title", ""), self.convert(tokens, i + 1, end))

    def table(self, tokens, i, out):
        end = self.close_index(tokens, i)
        line = self.line(tokens[i])
        header, rows, align, row = [], [], [], None
        for tok in tokens[i:end]:
            if tok.type == "tr_open":
                row = []
            elif tok.type in ("th_open", "td_open"):
                if tok.type == "th_open":
                    found = ALIGN.search(str(tok.attrs.get("style", "")))
                    align.append(found[1] if found else "")
            elif tok.type == "inline":
                row.append(self.inlines.convert(tok.children or [], line))
            elif tok.type == "tr_close":
                (rows if header else header).append(tuple(row))
        return end + 1, m.Table(header[0], tuple(rows), tuple(align))

    def footnote_block(self, tokens, i, out):
        end = self.close_index(tokens, i)
        j = i + 1
        while j < end:
            close = self.close_index(tokens, j)
            meta = tokens[j].meta
            blocks = self.convert(tokens, j + 1, close)
            self.footnotes[meta["label"]] = m.Footnote(meta["label"], meta["id"] + 1, blocks)
            j = close + 1
        return end + 1, None

    def html(self, tokens, i, out):
        line = self.line(tokens[i])
        self.ctx.at(line, tokens[i].content.strip()[:10]).error(
            f"raw HTML is not allowed: {tokens[i].content.strip().splitlines()[0][:40]}",
            "use Markdown; the same source also makes the DOCX",
        )
        return i + 1, None

    def rule(self, tokens, i, out):
        self.ctx.at(self.line(tokens[i])).warning(
            "a horizontal rule (---) is ignored", "start a new section with ## instead"
        )
        return i + 1, None

    def unsupported(self, tokens, i, out):
        end = self.close_index(tokens, i) if tokens[i].nesting == 1 else i
        self.ctx.at(self.line(tokens[i])).error(f"unsupported Markdown ({tokens[i].type})")
        return end + 1, None

    def skip(self, tokens, i, out):
        return i + 1, None


HANDLERS: dict[str, Callable] = {
    "paragraph_open": Blocks.paragraph,
    "heading_open": Blocks.heading,
    "bullet_list_open": Blocks.bullet_list,
    "ordered_list_open": Blocks.ordered_list,
    "blockquote_open": Blocks.blockquote,
    "fence": Blocks.code,
    "code_block": Blocks.code,
    "container_box_open": Blocks.box,
    "table_open": Blocks.table,
    "footnote_block_open": Blocks.footnote_block,
    "html_block": Blocks.html,
    "hr": Blocks.rule,
}
