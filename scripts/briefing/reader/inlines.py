"""Take markdown-it inline tokens, produce model inlines, and report what cannot print.

Inline tokens come flat with `_open`/`_close` pairs (em, strong, link); `Inlines.convert`
nests them with a stack and a table from token type to handler, as markdown-it's own
renderer does.
"""

from __future__ import annotations

import re
import unicodedata

from markdown_it.token import Token

from .. import model as m
from ..citations.cite import Cite, CiteRef
from ..citations.library import suggest
from ..transform import merge_text
from ..transform import plain_text as plain_text_of
from .context import Context, Reference

UNDEFINED_FOOTNOTE = re.compile(r"\[\^([^\]\s]+)\]")
LINE_BREAK_TAG = re.compile(r"^<br\s*/?>$", re.IGNORECASE)
# `[text]{.x}` classes a paper may use: each makes its model node (`.page` is read apart).
SPAN_CLASSES = {"underline": m.Underline, "smallcaps": m.SmallCaps}
PAGE_CLASS = "page"
SPAN_HINT = "use [text]{.underline}, [text]{.smallcaps}, [text]{lang=en} or [@fig:x]{.page}"
# The marks of `~sub~` and `^sup^`, for messages.
RAISED = {"sub_open": ("~", m.Subscript, "subscript"), "sup_open": ("^", m.Superscript,
          "superscript")}  # fmt: skip
LINK_SCHEMES = {"http", "https", "mailto"}
# Words that, written before `@fig:x`, would print twice ("Figure Figure 1").
KIND_WORDS = {
    "fig": ("figure", "fig.", "fig", "figs.", "圖", "附圖"),
    "tbl": ("table", "tab.", "tbl.", "表", "附表"),
    "sec": ("section", "sec.", "§", "節"),
}
WORD_KEYS = {"fig": "figure", "tbl": "table", "sec": "section"}


def is_cjk(ch: str) -> bool:
    return bool(ch) and unicodedata.east_asian_width(ch) in ("W", "F")


class Inlines:
    """Inline tokens -> a tuple of model inlines."""

    def __init__(self, ctx: Context, *, in_footnote: bool = False, notes_allowed: bool = True):
        self.ctx = ctx
        self.in_footnote = in_footnote
        self.notes_allowed = notes_allowed
        self.in_table_cell = False  # `<br>` is a line break there, and only there
        self.line = 0

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
                # Text inside emphasis is merged too: the model never depends on where
                # the source breaks its lines.
                parent.extend(self._wrap(opener_kind, opener, merge_text(current)))
                current = parent
            elif kind == "softbreak":
                before = _last_char(current)
                after = tokens[i + 1].content[:1] if i + 1 < len(tokens) else ""
                # A line break between two Chinese characters is not a space (Pandoc's
                # east_asian_line_breaks); between Latin words it is.
                if not (is_cjk(before) and is_cjk(after)):
                    current.append(m.Text(" "))
            else:
                handler = LEAVES.get(kind, Inlines.other)
                node = handler(self, tok, current)
                if node is not None:
                    current.append(node)
        return merge_text(out)

    # ---------------------------------------------------------------- leaves
    def text(self, tok: Token, before: list[m.Inline]) -> m.Inline:
        for found in UNDEFINED_FOOTNOTE.finditer(tok.content):
            self.ctx.at(self.line, found[0]).error(
                f"footnote [^{found[1]}] is never defined",
                f"add a line '[^{found[1]}]: note text' at the end of the file",
            )
        return m.Text(tok.content)

    def hardbreak(self, tok: Token, before: list[m.Inline]) -> m.Inline:
        return m.LineBreak()

    def code(self, tok: Token, before: list[m.Inline]) -> m.Inline:
        return m.Code(tok.content)

    def footnote_ref(self, tok: Token, before: list[m.Inline]) -> m.Inline | None:
        label = tok.meta["label"]
        if not self.notes_allowed:
            self.ctx.at(self.line, f"[^{label}]").error(
                "a footnote cannot be called here", "cite the source where the body says it"
            )
            return None
        if self.in_footnote:
            self.ctx.at(self.line, f"[^{label}]").error(
                f"footnote [^{label}] is called inside another footnote",
                "write the source into this note instead of a note of a note",
            )
            return None
        self.ctx.footnote_lines.setdefault(label, self.line)
        return m.FootnoteRef(label, tok.meta["id"] + 1)

    def crossref(self, tok: Token, before: list[m.Inline]) -> m.Inline:
        kind, ident = tok.meta["kind"], tok.meta["id"]
        place = self.ctx.at(self.line, tok.content)
        if tok.meta["wrong_case"]:
            place.error(
                f"cross-reference {tok.content} must be written in lower case",
                f"write @{ident}",
            )
        self.ctx.references.append(Reference(ident, self.line, tok.content))
        preceding = _last_text(before).rstrip()
        words = {*KIND_WORDS[kind], self.ctx.language.word(WORD_KEYS[kind]).lower()} - {""}
        doubled = next((w for w in words if _ends_with_word(preceding.lower(), w)), None)
        if doubled:
            written = preceding[len(preceding) - len(doubled) :]
            place.warning(
                f"'{written} {tok.content}' prints the word twice: {tok.content} already "
                "prints its label",
                f"write just {tok.content}",
            )
        return m.CrossRef(kind, ident)

    def citation(self, tok: Token, before: list[m.Inline]) -> Cite | m.Text | None:
        """`[@key, p. 12]` or `@key`: checked against the library, resolved after reading."""
        items = tok.meta["items"]
        if self.ctx.library_failed:  # its errors are reported at the library
            return None
        if self.ctx.cite_keys is None and tok.meta["in_text"]:
            return m.Text(tok.content)  # "@POTUS" in a paper that cites nothing: just text
        if self.ctx.cite_keys is None:
            self.ctx.at(self.line, items[0]["source"]).error(
                f"citation {items[0]['source']} needs a library, and the front matter names none",
                "add e.g. 'bibliography: references.bib' to the front matter",
            )
            return None
        if self.ctx.cite_notes and not self.notes_allowed and not self.in_footnote:
            self.ctx.at(self.line, items[0]["source"]).error(
                "a citation here would need a footnote, and none can stand here",
                "cite the source where the body says it",
            )
            return None
        known = True
        for item in items:
            if item["key"] not in self.ctx.cite_keys:
                known = False
                self.ctx.at(self.line, item["source"]).error(
                    f"no entry '{item['key']}' in the bibliography",
                    suggest(item["key"], self.ctx.cite_keys),
                )
        if not known:
            return None
        refs = tuple(
            CiteRef(i["key"], i["prefix"], i["suffix"], i["locator"], i["suppress_author"])
            for i in items
        )
        return Cite(refs, tok.meta["in_text"], tok.content)

    def image(self, tok: Token, before: list[m.Inline]) -> None:
        self.ctx.at(self.line, "![").error(
            "an image inside text cannot become a figure",
            "put the image in a paragraph of its own, with blank lines around it",
        )

    def html(self, tok: Token, before: list[m.Inline]) -> m.Inline | None:
        # A pipe table's cell is one line of source: `<br>` is how Pandoc and GitHub
        # users break a line inside it, so there (only) it is a line break.
        if self.in_table_cell and LINE_BREAK_TAG.match(tok.content.strip()):
            return m.LineBreak()
        hint = "use Markdown; the same source also makes the DOCX"
        if LINE_BREAK_TAG.match(tok.content.strip()):
            hint = "end the line with a backslash (\\) for a line break; <br> is for table cells"
        self.ctx.at(self.line, tok.content).error(
            f"raw HTML is not allowed: {tok.content.strip()[:40]}", hint
        )
        return None

    def other(self, tok: Token, before: list[m.Inline]) -> m.Inline:
        return m.Text(tok.content)

    # ---------------------------------------------------------------- wrappers
    def _wrap(self, kind: str, opener: Token, children: tuple[m.Inline, ...]) -> list[m.Inline]:
        if kind == "em_open":
            return [m.Emph(children)]
        if kind == "strong_open":
            return [m.Strong(children)]
        if kind == "link_open":
            return [self._link(str(opener.attrs.get("href", "")), children)]
        if kind == "s_open":
            return [m.Strikeout(children)]
        if kind in RAISED:
            return [self._raised(kind, children)]
        if kind == "span_open":
            return self._span(dict(opener.attrs), children)
        return list(children)  # a wrapper the model has no node for keeps its text

    def _raised(self, kind: str, children: tuple[m.Inline, ...]) -> m.Inline:
        """`~x~` / `^x^`. In Chinese text a tilde or caret is usually a range ("3~5年") or
        a mark, not a subscript: one with Chinese inside is reported, not printed small."""
        mark, node, name = RAISED[kind]
        words = plain_text_of(children)
        if any(is_cjk(ch) for ch in words):
            written = f"{mark}{words}{mark}"
            self.ctx.at(self.line, mark).error(
                f"'{written}' is read as a {name}",
                f"write \\{mark} for a literal {mark}, or ～ for a range",
            )
            return m.Text(written)
        return node(children)

    def _span(self, attrs: dict, children: tuple[m.Inline, ...]) -> list[m.Inline]:
        """`[text]{.underline}`, `{.smallcaps}`, `{lang=en}`, `[@fig:x]{.page}`; anything
        else is reported, so no span silently prints as plain text."""
        classes = str(attrs.pop("class", "")).split()
        lang = str(attrs.pop("lang", ""))
        for name in attrs:
            self.ctx.at(self.line, f"{name}=").error(f"unknown span attribute '{name}'", SPAN_HINT)
        if PAGE_CLASS in classes:
            return [self._page_ref(classes, lang, children)]
        node: tuple[m.Inline, ...] = children
        for name in classes:
            if name not in SPAN_CLASSES:
                self.ctx.at(self.line, f".{name}").error(f"unknown span class .{name}", SPAN_HINT)
                continue
            node = (SPAN_CLASSES[name](node),)
        if lang:
            node = (self._lang_span(lang, node),)
        if not classes and not lang and not attrs:
            self.ctx.at(self.line, "]{").error("a [...]{} span needs a class or a lang", SPAN_HINT)
        return list(node)

    def _page_ref(self, classes: list[str], lang: str, children: tuple[m.Inline, ...]):
        """`[@fig:x]{.page}`: the page of exactly one cross-reference, nothing else."""
        refs = [c for c in children if isinstance(c, m.CrossRef)]
        rest = [c for c in children if not (isinstance(c, m.Text) and not c.text.strip())]
        if len(refs) != 1 or len(rest) != 1 or len(classes) != 1 or lang:
            self.ctx.at(self.line, ".page").error(
                "{.page} asks for the page of one cross-reference",
                "write [@fig:x]{.page}, [@tbl:x]{.page} or [@sec:x]{.page}, nothing else",
            )
            return m.Text(plain_text_of(children))
        return m.PageRef(refs[0].kind, refs[0].id)

    def _lang_span(self, lang: str, children: tuple[m.Inline, ...]) -> m.Inline:
        languages = self.ctx.theme.languages
        if lang in languages:
            return m.LangSpan(children, lang)
        known = ", ".join(languages)
        suggestion = next(
            (code for code, language in languages.items()
             if lang in language.aliases or lang.lower() == code.lower()),
            None,
        )  # fmt: skip
        self.ctx.at(self.line, f"lang={lang}").error(
            f"lang={lang} is not a language this theme defines",
            f"write lang={suggestion}" if suggestion else f"use one of {known}",
        )
        return m.LangSpan(children, self.ctx.language.code)

    def _link(self, href: str, children: tuple[m.Inline, ...]) -> m.Inline:
        if href.startswith("#"):
            self.ctx.references.append(Reference(href[1:], self.line, href))
            return m.Link(children, href)
        scheme = href.split(":", 1)[0].lower() if ":" in href else ""
        if scheme not in LINK_SCHEMES:
            self.ctx.at(self.line, href[:20]).error(
                f"link to '{href[:60]}' is not allowed",
                "link to web pages (https://...), e-mail (mailto:...) or an id (#fig:x)",
            )
        return m.Link(children, href)


LEAVES = {
    "text": Inlines.text,
    "hardbreak": Inlines.hardbreak,
    "code_inline": Inlines.code,
    "footnote_ref": Inlines.footnote_ref,
    "crossref": Inlines.crossref,
    "citation": Inlines.citation,
    "image": Inlines.image,
    "html_inline": Inlines.html,
}


def plain_text(tokens: list[Token]) -> str:
    """The words of inline tokens without their markup (an image's alt text)."""
    return "".join(t.content for t in tokens if t.type in ("text", "code_inline"))


def _ends_with_word(text: str, word: str) -> bool:
    """`text` ends with `word`, a word of its own when `word` is Latin ("config" is not "fig")."""
    if not text.endswith(word):
        return False
    before = text[: -len(word)][-1:]
    return not (word[0].isascii() and before.isascii() and before.isalnum())


def _last_char(inlines: list[m.Inline]) -> str:
    return inlines[-1].text[-1:] if inlines and isinstance(inlines[-1], m.Text) else ""


def _last_text(inlines: list[m.Inline]) -> str:
    return inlines[-1].text if inlines and isinstance(inlines[-1], m.Text) else ""
