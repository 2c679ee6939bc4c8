"""Take a theme's `languages` table, produce one Language object per language: how numbers,
labels, dates and author lines are written, the words printed, fonts, and whether the
script is CJK.

Code asks the Language ("is this CJK?", "the label of section 2.1", "the date line")
instead of comparing language codes: a third language is a theme entry, not a code change.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from .numerals import STYLES, numeral

PLACEHOLDER = re.compile(r"\{(\w+)(?::([\w-]+))?\}")
OPTIONAL = re.compile(r"\[([^\[\]]*)\]")
NUMBER_FIELDS = ("n", "year", "month", "day", "roc_year", "page", "pages")
GREGORIAN = "gregorian"  # the calendar `date` is written in; others are in `calendars`
DATE_FIELDS = ("year", "month", "day", "month_name", "roc_year")


@dataclass(frozen=True)
class LabelParts:
    """A label cut around its number: "附圖一之一" is "附圖一之" + "一" (style chinese)."""

    prefix: str
    number: str
    suffix: str
    style: str

    @property
    def text(self) -> str:
        return self.prefix + self.number + self.suffix


def fill(pattern: str, **values: Any) -> str:
    """`fill("（{n:chinese}）", n=3)` -> "（三）"; numbers take the numeral style named."""

    def one(match: re.Match) -> str:
        name, style = match[1], match[2] or ""
        value = values.get(name, "")
        if isinstance(value, int) and not isinstance(value, bool):
            return numeral(value, style)
        return str(value)

    return PLACEHOLDER.sub(one, pattern)


def fill_optional(pattern: str, **values: str) -> str:
    """Like `fill`, but a [bracketed part] is left out when a field inside it is empty."""

    def part(match: re.Match) -> str:
        names = [m[1] for m in PLACEHOLDER.finditer(match[1])]
        return fill(match[1], **values) if all(values.get(n) for n in names) else ""

    return fill(OPTIONAL.sub(part, pattern), **values)


def pattern_problems(pattern: str, allowed: tuple[str, ...]) -> list[str]:
    """Placeholders or numeral styles a pattern uses that we cannot fill (for theme checks)."""
    problems = []
    for match in PLACEHOLDER.finditer(pattern):
        if match[1] not in allowed:
            problems.append(f"unknown placeholder {{{match[1]}}}; use {', '.join(allowed)}")
        elif match[2] and match[2] not in STYLES:
            problems.append(f"unknown numeral style '{match[2]}'; use {', '.join(STYLES)}")
    return problems


GENERIC_FACES = ("serif", "sans-serif", "monospace")


def _web_fonts(data: dict) -> dict[str, tuple[str, ...]]:
    """The web edition's font stacks: the theme's `web_fonts` if it has them, else the
    PDF's faces, then the faces the DOCX names (which Windows and macOS readers have),
    then the generic family: readers' own fonts, in the house's order of preference."""
    if "web_fonts" in data:
        return {k: tuple(v) for k, v in data["web_fonts"].items()}
    stacks = {}
    for role, faces in data["pdf_fonts"].items():
        named = [f for f in faces if f not in GENERIC_FACES]
        word = [data["docx_fonts"][role], data["docx_fonts"][f"{role}_east_asia"]]
        generic = [f for f in faces if f in GENERIC_FACES]
        stacks[role] = tuple(dict.fromkeys([*named, *word, *generic]))
    return stacks


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    cjk: bool
    hyphenate: bool
    docx_lang: str
    pdf_fonts: dict[str, tuple[str, ...]]
    docx_fonts: dict[str, str]
    web_fonts: dict[str, tuple[str, ...]]  # the web edition's stacks (see _web_fonts)
    autospace_latin: bool
    labels: dict[str, Any]
    separators: dict[str, str]
    author_pattern: str
    date_pattern: str
    page_pattern: str
    words: dict[str, str]
    page_reference_pattern: str = "{page}"
    month_names: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    citation_locale: str = "en-US"
    style_overrides: dict[str, dict] = field(default_factory=dict)
    emphasis: str = "italic"  # *emphasis* on full-width letters: "italic" | "dots" | "bold"
    italic_fonts: dict[str, tuple[str, ...]] = field(default_factory=dict)
    emphasis_dot: tuple[float, float] = (0.25, 0.35)  # (diameter, drop) in ems, PDF
    imprint: dict[str, Any] = field(default_factory=dict)  # on top of the theme's imprint
    smart_quotes: str = ""  # four quote marks: English typography on; "" off
    calendar: str = "gregorian"  # the calendar of the date line unless a paper says
    calendars: dict[str, str] = field(default_factory=dict)  # other calendars' date patterns

    @classmethod
    def from_theme(cls, code: str, data: dict) -> Language:
        return cls(
            code=code,
            name=data["name"],
            cjk=data["cjk"],
            hyphenate=data.get("hyphenate", not data["cjk"]),
            docx_lang=data["docx_lang"],
            pdf_fonts={k: tuple(v) for k, v in data["pdf_fonts"].items()},
            docx_fonts=dict(data["docx_fonts"]),
            web_fonts=_web_fonts(data),
            autospace_latin=data.get("autospace_latin", False),
            labels=dict(data["labels"]),
            separators=dict(data["separators"]),
            author_pattern=data["author"],
            date_pattern=data["date"],
            page_pattern=data["page"],
            page_reference_pattern=data["page_reference"],
            words=dict(data["words"]),
            month_names=tuple(data.get("month_names", ())),
            aliases=tuple(data.get("aliases", ())),
            citation_locale=data.get("citation_locale", "en-US"),
            style_overrides=dict(data.get("styles", {})),
            emphasis=data.get("emphasis", {}).get("wide", "italic"),
            italic_fonts={
                k: tuple(v) for k, v in data.get("emphasis", {}).get("italic_fonts", {}).items()
            },
            emphasis_dot=(
                data.get("emphasis", {}).get("dot_size", 0.25),
                data.get("emphasis", {}).get("dot_drop", 0.35),
            ),
            imprint=dict(data.get("imprint", {})),
            smart_quotes=data.get("smart_quotes", ""),
            calendar=data.get("calendar", GREGORIAN),
            calendars=dict(data.get("calendars", {})),
        )

    # ------------------------------------------------------------ words
    def word(self, key: str) -> str:
        return self.words[key]

    # ------------------------------------------------------------ numbers and labels
    def paper_number(self, n: int) -> str:
        """The paper's position in its series or volume: 五、 / No. 5."""
        return fill(self.labels["paper"], n=n)

    def numbered_title(self, title: str, number: int | None) -> str:
        """ "五、近期中共…" / "No. 5 China and…"; the title alone when there is no number."""
        if not number:
            return title
        return self.paper_number(number) + self.separators["title"] + title

    def section_label(self, path: tuple[int, ...]) -> str:
        """A heading's number from its position: （一） / 1.2 / (3)."""
        pattern = self.labels["sections"][min(len(path), 3) - 1]
        return fill(pattern, n=path[-1], path=".".join(map(str, path)))

    def label_text(self, kind: str, n: int) -> str:
        """ "圖 1" / "Table 2" for kind "figure" or "table"."""
        return self.label_parts(kind, n).text

    def label_parts(self, kind: str, n: int, appendix: int = 0) -> LabelParts:
        """The label of figure or table `n` (kind "figure" / "table"), cut around its
        number; inside appendix `appendix` (1 = A / 一) the appendix pattern: Figure A-1."""
        pattern = self.labels[f"appendix_{kind}" if appendix else kind]
        found = next(m for m in PLACEHOLDER.finditer(pattern) if m[1] == "n")
        values = dict(word=self.words[kind], n=n, a=appendix)
        return LabelParts(
            prefix=fill(pattern[: found.start()], **values),
            number=fill(found[0], **values),
            suffix=fill(pattern[found.end() :], **values),
            style=found[2] or "",
        )

    def appendix_label(self, appendix: int) -> str:
        """An appendix's heading label: 附錄一 / Appendix A."""
        return fill(self.labels["appendix"], a=appendix)

    def appendix_section_label(self, appendix: int, path: tuple[int, ...]) -> str:
        """A heading below an appendix's own: （一） / A.1 (`path` counts from it)."""
        pattern = self.labels["appendix_sections"][min(len(path), 2) - 1]
        return fill(pattern, a=appendix, n=path[-1], path=".".join(map(str, path)))

    def page_reference(self) -> tuple[str, str]:
        """What stands before and after the page number of a page reference: ("p. ", "")."""
        before, _, after = self.page_reference_pattern.partition("{page}")
        return before, after

    def footnote_label(self, n: int) -> str:
        return fill(self.labels["footnote"], n=n)

    def section_reference(self, label: str) -> str:
        """What `@sec:x` prints for a numbered section: "Section 2.1" / "（二）"."""
        word = self.words["section"]
        return f"{word}{self.separators['reference']}{label}" if word else label

    # ------------------------------------------------------------ emphasis
    def emphasis_runs(self, text: str) -> list[tuple[str, str]]:
        """`text` in *emphasis*, cut where its marking changes: ("wide", "人口") takes the
        language's mark for full-width letters (dots, bold), ("latin", "World Population")
        a real italic, ("plain", "《") nothing (full-width punctuation, as CSS
        text-emphasis leaves it unmarked). Only for languages whose emphasis is not italic."""
        runs: list[tuple[str, str]] = []
        for char in text:
            wide = unicodedata.east_asian_width(char) in "WF"
            kind = (
                ("wide" if unicodedata.category(char)[0] in "LN" else "plain") if wide else "latin"
            )
            if runs and runs[-1][0] == kind:
                runs[-1] = (kind, runs[-1][1] + char)
            else:
                runs.append((kind, char))
        return runs

    # ------------------------------------------------------------ lines
    def author_line(self, name: str, affiliation: str = "", role: str = "") -> str:
        """The author pattern filled: 國立政治大學教授趙竹成主稿 / "Name, Place (role)"."""
        return fill_optional(self.author_pattern, name=name, affiliation=affiliation, role=role)

    def format_date(self, date: dt.date, calendar: str = "") -> str:
        """The date line in `calendar` (the language's own when ""): 2022 年 1 月 25 日,
        民國 111 年 1 月 25 日, 25 January 2022."""
        pattern = self.date_pattern_of(calendar or self.calendar)
        month_name = self.month_names[date.month - 1] if self.month_names else str(date.month)
        return fill(
            pattern,
            year=date.year,
            month=date.month,
            day=date.day,
            month_name=month_name,
            roc_year=date.year - 1911,
        )

    def date_pattern_of(self, calendar: str) -> str:
        return self.date_pattern if calendar == GREGORIAN else self.calendars[calendar]

    def page_label(self, page: int | str, pages: int | str) -> str:
        return fill(self.page_pattern, page=page, pages=pages)

    def join_authors(self, lines: list[str]) -> str:
        return self.separators["authors"].join(lines)

    def join_markings(self, markings: list[str]) -> str:
        """Each different marking once, in the order given: "限閱／機密"."""
        return self.separators["markings"].join(dict.fromkeys(m for m in markings if m))

    # ------------------------------------------------------------ theme checks
    def problems(self) -> list[tuple[tuple, str]]:
        """(path in the theme, message) for patterns that use unknown placeholders."""
        checks = [
            (("labels", "paper"), self.labels["paper"], ("n",)),
            (("labels", "figure"), self.labels["figure"], ("word", "n")),
            (("labels", "table"), self.labels["table"], ("word", "n")),
            (("labels", "footnote"), self.labels["footnote"], ("n",)),
            (("labels", "appendix"), self.labels["appendix"], ("a",)),
            (("labels", "appendix_figure"), self.labels["appendix_figure"], ("word", "a", "n")),
            (("labels", "appendix_table"), self.labels["appendix_table"], ("word", "a", "n")),
            (("author",), self.author_pattern, ("name", "affiliation", "role")),
            (("date",), self.date_pattern, DATE_FIELDS),
            (("page",), self.page_pattern, ("page", "pages")),
            (("page_reference",), self.page_reference_pattern, ("page",)),
        ]
        checks += [
            (("labels", "sections", i), p, ("n", "path"))
            for i, p in enumerate(self.labels["sections"])
        ]
        checks += [
            (("labels", "appendix_sections", i), p, ("a", "n", "path"))
            for i, p in enumerate(self.labels["appendix_sections"])
        ]
        checks += [(("calendars", name), p, DATE_FIELDS) for name, p in self.calendars.items()]
        found = []
        for path, pattern, allowed in checks:
            found += [(path, problem) for problem in pattern_problems(pattern, allowed)]
        for kind in ("figure", "table", "appendix_figure", "appendix_table"):
            if not any(m[1] == "n" for m in PLACEHOLDER.finditer(self.labels[kind])):
                found.append((("labels", kind), "the pattern needs the number {n}"))
        if self.page_reference_pattern.count("{page}") != 1:
            found.append((("page_reference",), "the pattern needs {page} exactly once"))
        if self.calendar != GREGORIAN and self.calendar not in self.calendars:
            found.append((("calendar",), f"no date pattern for '{self.calendar}' in calendars"))
        if self.smart_quotes and len(self.smart_quotes) != 4:
            found.append((("smart_quotes",), "give four marks: “”‘’ (double, then single)"))
        if "{month_name}" in self.date_pattern and len(self.month_names) != 12:
            found.append((("date",), "{month_name} needs a month_names list of 12 names"))
        return found
