"""Take markdown-it block tokens, produce model blocks and footnotes, and report what a
writer could not print.

Block tokens arrive flat with `_open`/`_close` pairs; `Blocks` walks them once, with a
table from token type to handler. Each handler takes the index of its opening token and
returns the index just past what it consumed, and the block it made (or None).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from markdown_it.token import Token

from .. import figures
from .. import model as m
from .context import Context
from .figure_files import figure_source, resolve_figure
from .inlines import Inlines, merge_text, plain_text
from .markdown import div_attrs
from .parts import APPENDIX, Parts
from .tables import caption_widths, read_table
from .widths import parse_width

# `::: {.x}` classes a paper may use; each makes its block in `div`.
DIV_CLASSES = ("box", "appendix", "landscape")
DIV_IDS = ("refs",)  # `::: {#refs}`: where the reference list goes (Pandoc's name)
# Where a block may stand: a footnote holds text, lists, quotes and code; a volume's
# preface everything but figures (it has no folder of its own), appendices, landscape
# pages and footnotes.
NOT_IN = {
    "footnote": (
        m.Figure, m.Table, m.Box, m.Heading, m.DefinitionList, m.Appendix, m.Landscape,
        m.Bibliography,
    ),
    "preface": (m.Figure, m.Appendix, m.Landscape, m.Bibliography),
}  # fmt: skip
WHAT = {
    m.Figure: "a figure",
    m.Table: "a table",
    m.Box: "a box",
    m.Heading: "a heading",
    m.DefinitionList: "a definition list",
    m.Appendix: "an appendix",
    m.Landscape: "a landscape block",
    m.Bibliography: "the reference list",
}
TASK_CHECKBOX = "task-list-item-checkbox"  # the html_inline mdit_py_plugins' tasklists adds


class Blocks(Parts):
    """Block tokens -> model blocks (and, for a paper's body, its footnotes)."""

    def __init__(self, ctx: Context, folder: Path | None = None, where: str = "body"):
        self.ctx = ctx
        self.folder = folder  # the paper's folder, where figure paths start
        self.where = where
        self.inlines = Inlines(ctx, notes_allowed=where == "body")
        self.footnotes: dict[str, m.Footnote] = {}
        self.in_appendix = False
        self.page = ctx.theme.page  # the page content is on: turned inside `::: landscape`

    def convert(
        self, tokens: list[Token], start: int = 0, stop: int | None = None
    ) -> tuple[m.Block, ...]:
        stop = len(tokens) if stop is None else stop
        return tuple(block for _, block in self._convert(tokens, start, stop))

    def _convert(self, tokens: list[Token], start: int, stop: int) -> list[tuple[int, m.Block]]:
        """(line, block) for each block in tokens[start:stop]."""
        out: list[m.Block] = []
        lines: list[int] = []
        i = start
        while i < stop:
            handler = HANDLERS.get(tokens[i].type, Blocks.unsupported)
            line = tokens[i].map[0] if tokens[i].map else 0
            i, block = handler(self, tokens, i, out)
            if block is not None:
                self._check_place(block, line)
                out.append(block)
                lines.append(line)
        return list(zip(lines, out))

    def _check_place(self, block: m.Block, line: int) -> None:
        refused = NOT_IN.get(self.where, ())
        if isinstance(block, refused):
            kind = WHAT[type(block)]
            where = "a footnote" if self.where == "footnote" else "a volume's preface"
            self.ctx.at(line).error(
                f"{kind} cannot stand in {where}",
                "move it into the body of the paper" if self.where == "footnote" else
                "put it in one of the papers",
            )  # fmt: skip

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

    # -- handlers: (tokens, i, blocks so far) -> (next index, block or None)
    def paragraph(self, tokens, i, out):
        inline = tokens[i + 1]
        line = self.line(tokens[i])
        end = self.close_index(tokens, i) + 1
        if tokens[i].meta.get("table_caption") and out and isinstance(out[-1], m.Table):
            attrs = tokens[i].meta.get("attrs", {})
            caption = self.inlines.convert(inline.children or [], line)
            table = out.pop()
            ident = self.register(attrs.get("id"), "tbl", line)
            widths = table.widths
            if "widths" in attrs:
                widths = caption_widths(attrs["widths"], len(table.align), self.ctx, line)
            out.append(replace(table, caption=caption, id=ident, widths=widths))
            return end, None
        children = [
            c
            for c in inline.children or []
            if not (c.type == "text" and not c.content.strip()) and c.type != "softbreak"
        ]
        if len(children) == 1 and children[0].type == "image":
            return end, self.figure(children[0], line)
        return end, m.Paragraph(self.inlines.convert(inline.children or [], line))

    def figure(self, image: Token, line: int) -> m.Figure:
        attrs = image.meta.get("attrs", {})
        src = figure_source(str(image.attrs.get("src", "")))
        width = None
        if "width" in attrs:
            width, message, hint = parse_width(attrs["width"], self.page.text_width)
            if width is None:
                self.ctx.at(line, "width").error(message, hint)
        path = Path(".")
        if self.folder is not None:
            found, message, hint = resolve_figure(src, self.folder, self.ctx.report)
            if found is None:
                self.ctx.at(line, src or "![").error(message, hint)
            else:
                path = found
                width = self._fitted_width(figures.load(found), width)
        caption = self.inlines.convert(image.children or [], line)
        if not attrs.get("alt"):
            self.ctx.at(line, "![").warning(
                "figure has no alt= text; its caption is used as the description screen "
                "readers announce",
                'add alt="..." saying what the figure shows',
            )
        return m.Figure(
            src=src,
            caption=caption,
            id=self.register(attrs.get("id"), "fig", line),
            width=width,
            source=attrs.get("source"),
            alt=attrs.get("alt") or plain_text(image.children or []),
            path=path,
        )

    def _fitted_width(self, image: figures.Image, width: m.Width | None) -> m.Width:
        """The width asked for, else the natural size at most the text width; narrower
        if the figure would then be taller than the theme's figures.max_height (on a
        landscape page, that height in proportion to its shorter text)."""
        text_width = self.page.text_width
        if width is None:
            whole = image.width >= text_width
            width = m.Width(fraction=1.0) if whole else m.Width(points=image.width)
        shorter = min(1.0, self.page.text_height / self.ctx.theme.page.text_height)
        tallest = self.ctx.theme.figures.max_height * shorter
        aspect = image.aspect or self.ctx.theme.charts.aspect  # a chart may leave it to the theme
        if width.of(text_width) * aspect > tallest:
            width = m.Width(points=tallest / aspect)
        return width

    def heading(self, tokens, i, out):
        tok = tokens[i]
        line = self.line(tok)
        level = int(tok.tag[1]) - 1
        attrs = tok.meta.get("attrs", {})
        if level == 0 and APPENDIX in attrs.get("class", "").split():
            return self.appendix_heading(tokens, i, line)
        if level < 1 or level > 3:
            self.ctx.at(line, "#").error(
                f"heading level {tok.tag[1]} is not used in briefings",
                "the title comes from the front matter; use ## for sections, ### and #### "
                "below, and # Appendix {.appendix} to start the appendices",
            )
            level = max(1, min(level, 3))
        numbered = "unnumbered" not in attrs.get("class", "").split()
        children = self.inlines.convert(tokens[i + 1].children or [], line)
        ident = self.register(attrs.get("id"), "sec", line)
        return self.close_index(tokens, i) + 1, m.Heading(level, children, ident, numbered)

    def bullet_list(self, tokens, i, out):
        end = self.close_index(tokens, i)
        return end + 1, m.BulletList(self.items(tokens, i + 1, end))

    def definition_list(self, tokens, i, out):
        """dt/dd pairs: each term with one or more definitions."""
        end = self.close_index(tokens, i)
        items: list = []
        j = i + 1
        while j < end:
            close = self.close_index(tokens, j)
            if tokens[j].type == "dt_open":
                term = self.inlines.convert(tokens[j + 1].children or [], self.line(tokens[j]))
                items.append((term, []))
            elif items:  # dd_open
                items[-1][1].append(self.convert(tokens, j + 1, close))
            j = close + 1
        return end + 1, m.DefinitionList(tuple((t, tuple(d)) for t, d in items))

    def ordered_list(self, tokens, i, out):
        end = self.close_index(tokens, i)
        start = int(tokens[i].attrs.get("start", 1) or 1)
        return end + 1, m.OrderedList(self.items(tokens, i + 1, end), start)

    def items(self, tokens, i, end):
        items = []
        while i < end:
            close = self.close_index(tokens, i)
            done = self._task_mark(tokens, i)
            blocks = self.convert(tokens, i + 1, close)
            if done is not None and blocks and isinstance(blocks[0], m.Paragraph):
                # A task list prints its box (☐ / ☒), as Pandoc does where no checkbox exists.
                mark = m.Text(self.ctx.language.word("task_done" if done else "task_open") + " ")
                blocks = (m.Paragraph(merge_text([mark, *blocks[0].children])), *blocks[1:])
            items.append(blocks)
            i = close + 1
        return tuple(items)

    @staticmethod
    def _task_mark(tokens, i) -> bool | None:
        """For a `- [ ]` / `- [x]` item: whether it is done; its checkbox token removed."""
        if "task-list-item" not in str(tokens[i].attrs.get("class", "")):
            return None
        inline = tokens[i + 2]
        children = inline.children or []
        if not children or TASK_CHECKBOX not in children[0].content:
            return None
        box = children.pop(0)
        if children and children[0].type == "text":
            children[0].content = children[0].content.lstrip()
        return "checked" in box.content

    def blockquote(self, tokens, i, out):
        end = self.close_index(tokens, i)
        return end + 1, m.BlockQuote(self.convert(tokens, i + 1, end))

    def code(self, tokens, i, out):
        return i + 1, m.CodeBlock(tokens[i].content.rstrip("\n"))

    def div(self, tokens, i, out):
        """`::: {.box title="..."}`: a known class makes its block; anything else is an error."""
        tok, end = tokens[i], self.close_index(tokens, i)
        line = self.line(tok)
        place = self.ctx.at(line, ":::")
        if tok.meta.get("unclosed"):
            place.error(
                f"the '{tok.markup} {tok.info}' block is never closed",
                f"add a line '{tok.markup}' after its last line",
            )
        attrs = div_attrs(tok.info)
        if attrs is None:
            place.error(
                f"cannot read '{tok.info.strip()}' after {tok.markup}",
                'write e.g. ::: {.box title="A title"}',
            )
            return end + 1, None
        classes = attrs.get("class", "").split()
        known = [c for c in classes if c in DIV_CLASSES]
        if attrs.get("id") in DIV_IDS and not classes:
            if self.convert(tokens, i + 1, end):
                place.warning(
                    "the text inside '::: {#refs}' is not printed",
                    "the reference list takes its place; move the text before the div",
                )
            return end + 1, m.Bibliography()
        if not known:
            shown = " ".join(f".{c}" for c in classes) or "no class"
            place.error(
                f"unknown block {shown}",
                f"known blocks: {', '.join('.' + c for c in DIV_CLASSES)}, "
                "and {#refs} for the reference list",
            )
            return end + 1, None
        if known[0] == APPENDIX:
            return end + 1, self.appendix(tokens, i, end, place)
        if known[0] == "landscape":
            return end + 1, self.landscape(tokens, i, end, place)
        children = self.convert(tokens, i + 1, end)
        return end + 1, m.Box(attrs.get("title", ""), children)

    def table(self, tokens, i, out):
        end = self.close_index(tokens, i)
        return end + 1, read_table(tokens, i, end, self.inlines, self.ctx)

    def footnote_block(self, tokens, i, out):
        end = self.close_index(tokens, i)
        notes = Blocks(self.ctx, self.folder, where="footnote")
        notes.inlines = Inlines(self.ctx, in_footnote=True)
        j = i + 1
        while j < end:
            close = self.close_index(tokens, j)
            meta = tokens[j].meta
            blocks = notes.convert(tokens, j + 1, close)
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


HANDLERS: dict[str, Callable] = {
    "paragraph_open": Blocks.paragraph,
    "heading_open": Blocks.heading,
    "bullet_list_open": Blocks.bullet_list,
    "dl_open": Blocks.definition_list,
    "ordered_list_open": Blocks.ordered_list,
    "blockquote_open": Blocks.blockquote,
    "fence": Blocks.code,
    "code_block": Blocks.code,
    "div_open": Blocks.div,
    "table_open": Blocks.table,
    "footnote_block_open": Blocks.footnote_block,
    "html_block": Blocks.html,
    "hr": Blocks.rule,
}
