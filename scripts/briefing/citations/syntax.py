"""Take Markdown inline source, produce `citation` tokens for Pandoc's citation syntax.

    [@key]  [@key, p. 12]  [see @a, ch. 2; @b]  [-@key]  @key  @key [p. 12]

A markdown-it inline rule, written here because no plugin reads Pandoc citations. Keys
are Pandoc's: a letter, digit or `_`, then letters, digits, `_` and internal punctuation
(`:.#$%&-+?<>~/` followed by a letter or digit), so `王2021a` and `doe:2020` are keys and
the full stop after `@smith2020.` is not; `@{odd key}` takes anything but braces. Keys
starting with `fig:`, `tbl:` or `sec:` are cross-references, never citations: `@fig:x` is
taken earlier by the cross-reference rule, and a bracket holding one (`[@fig:x]`) is left to
the rules that read it. A locator is read from the start of an item's suffix (`p. 12`,
`ch. 2`, `頁 5`, a bare `12` is a page, and anything in braces, `{Executive Summary}`), as
Pandoc reads it; the rest stays the suffix.
Prefixes and suffixes are plain text.
"""

from __future__ import annotations

import re
import unicodedata

from markdown_it.rules_inline import StateInline

KEY = r"(?:\{[^{}\s][^{}]*\}|[\w](?:\w|[:.#$%&\-+?<>~/](?=\w))*)"
CITE_KEY = re.compile(r"(-?)@(" + KEY + ")")
CROSSREF_KEYS = ("fig:", "tbl:", "sec:")
# Locator words (English as Pandoc reads them in any locale, and Chinese) -> CSL label.
LOCATOR_WORDS = {
    "bk.": "book", "bks.": "book", "book": "book", "chap.": "chapter", "chaps.": "chapter",
    "ch.": "chapter", "chapter": "chapter", "col.": "column", "cols.": "column",
    "fig.": "figure", "figs.": "figure", "f.": "folio", "ff.": "folio", "fol.": "folio",
    "no.": "number", "nos.": "number", "l.": "line", "ll.": "line", "line": "line",
    "n.": "note", "nn.": "note", "op.": "opus", "p.": "page", "pp.": "page", "page": "page",
    "pages": "page", "para.": "paragraph", "paras.": "paragraph", "¶": "paragraph",
    "¶¶": "paragraph", "pt.": "part", "pts.": "part", "sec.": "section", "secs.": "section",
    "§": "section", "§§": "section", "s.v.": "sub verbo", "s.vv.": "sub verbo",
    "v.": "verse", "vv.": "verse", "vol.": "volume", "vols.": "volume",
    "頁": "page", "页": "page", "章": "chapter", "節": "section", "卷": "volume",
}  # fmt: skip
_WORDS = "|".join(re.escape(w) for w in sorted(LOCATOR_WORDS, key=len, reverse=True))
# A locator is items joined by - – — , &; an item holds a digit (12, 4a, 3.2) or is a
# roman numeral (xiv), so in "12, emphasis added" the locator ends at the comma.
ITEM = r"(?:\w*\d\w*(?:[.:]\w*\d\w*)*|[ivxlcdm]+\b|[IVXLCDM]+\b)"
VALUE = rf"{ITEM}(?:\s*[-–—,&]\s*{ITEM})*"
LOCATOR = re.compile(rf"^\s*,?\s*(?:({_WORDS})\s*)?({VALUE})")
# Pandoc's braced locator, for one that is not a number: `[@key, {Executive Summary}]`.
BRACED = re.compile(rf"^\s*,?\s*\{{(?:({_WORDS})\s*)?([^{{}}]*[^{{}}\s])\s*\}}")


def parse_locator(suffix: str) -> tuple[tuple[str, str] | None, str]:
    """`, p. 12, emphasis added` -> `(("page", "12"), ", emphasis added")`."""
    found = BRACED.match(suffix)
    if found:
        return (LOCATOR_WORDS[found[1]] if found[1] else "page", found[2]), suffix[found.end() :]
    found = LOCATOR.match(suffix)
    if not found or (found[1] is None and not found[2][0].isdigit()):
        return None, suffix
    label = LOCATOR_WORDS[found[1]] if found[1] else "page"
    value = found[2]
    rest = suffix[found.end() :]
    # "12, 15" is two pages, but "12, emphasis added" ends the locator at the comma.
    return (label, value.rstrip(", ")), rest


def _key(raw: str) -> str:
    return raw[1:-1] if raw.startswith("{") else raw


def is_crossref(key: str) -> bool:
    return key.lower().startswith(CROSSREF_KEYS)


def parse_items(text: str) -> list[dict] | None:
    """The items of a bracketed citation's inside, or None when it is not a citation."""
    items = []
    for part in text.split(";"):
        found = CITE_KEY.search(part)
        if not found:
            return None
        before = part[: found.start()]
        if before and not before[-1].isspace():  # an e-mail address, not a citation
            return None
        key = _key(found[2])
        if is_crossref(key):
            return None
        locator, suffix = parse_locator(part[found.end() :])
        items.append(
            {
                "key": key,
                "prefix": before.strip(),
                "suffix": suffix.rstrip(),
                "locator": locator,
                "suppress_author": found[1] == "-",
                "source": found[0],
            }
        )
    return items


def _spaced(text: str) -> str:
    """A citation broken over lines (or with a run of spaces) reads as one with single
    spaces, and a line break between two Chinese characters as nothing, as in the text
    around it: the model never depends on where the source breaks its lines."""

    def space(found: re.Match) -> str:
        before = text[found.start() - 1 : found.start()]
        after = text[found.end() : found.end() + 1]
        wide = all(c and unicodedata.east_asian_width(c) in "WF" for c in (before, after))
        return "" if "\n" in found[0] and wide else " "

    return re.sub(r"\s+", space, text)


def _closing(src: str, start: int) -> int:
    """The index of the `]` that closes the `[` at `start`, or -1."""
    depth = 0
    for i in range(start, len(src)):
        ch = src[i]
        if ch == "\\":
            continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                return i
    return -1


def citation_rule(state: StateInline, silent: bool) -> bool:
    src, pos = state.src, state.pos
    if src[pos] == "[":
        return _bracketed(state, silent)
    if src[pos] == "@" and not (pos > 0 and (src[pos - 1].isalnum() or src[pos - 1] == "-")):
        return _in_text(state, silent)
    return False


def _bracketed(state: StateInline, silent: bool) -> bool:
    src, pos = state.src, state.pos
    if src.startswith("[^", pos):
        return False
    end = _closing(src, pos)
    if end < 0 or src.startswith(("(", "[", "{"), end + 1):
        return False  # a link, a reference link, or a bracket with attributes
    items = parse_items(_spaced(src[pos + 1 : end]))
    if items is None:
        return False
    if not silent:
        token = state.push("citation", "", 0)
        token.meta = {"items": items, "in_text": False}
        token.content = _spaced(src[pos : end + 1])
    state.pos = end + 1
    return True


def _in_text(state: StateInline, silent: bool) -> bool:
    src, pos = state.src, state.pos
    found = CITE_KEY.match(src, pos)
    if not found or found[1] or is_crossref(_key(found[2])):
        return False
    end = found.end()
    locator, suffix = None, ""
    # `@key [p. 12]`: a bracket right after the key holds its locator.
    after = re.match(r" ?\[", src[end:])
    if after:
        close = _closing(src, end + after.end() - 1)
        inside = src[end + after.end() : close] if close > 0 else ""
        if close > 0 and "@" not in inside and not src.startswith("(", close + 1):
            locator, suffix = parse_locator(_spaced(inside))
            if locator is not None or suffix.strip():
                end = close + 1
            else:
                locator, suffix = None, ""
    if not silent:
        token = state.push("citation", "", 0)
        item = {
            "key": _key(found[2]),
            "prefix": "",
            "suffix": suffix.rstrip(),
            "locator": locator,
            "suppress_author": False,
            "source": found[0],
        }
        token.meta = {"items": [item], "in_text": True}
        token.content = _spaced(src[pos:end])
    state.pos = end
    return True
