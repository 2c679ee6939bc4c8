"""Take one Markdown text being read (a paper's body, its key points, a volume's preface),
produce the shared state of its reading: where its lines are in the file, what it found
(ids, references, figures), and what went wrong, at `path:line:col`."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import Collector
from ..language import Language
from ..theme import Theme


@dataclass
class Reference:
    """A `@fig:x` or `[text](#fig:x)` seen in the text, to be checked once ids are known."""

    id: str
    line: int  # body line, 0-based
    needle: str  # the source text, to find its column


class Context:
    """What the conversion of one text shares: where it is, what it found, what went wrong."""

    def __init__(
        self,
        report: Collector,
        lines: list[str],
        first_line: int,
        theme: Theme,
        language: Language,
        *,
        col_offset: int = 0,
    ):
        self.report = report
        self.lines = lines  # the text's source lines, for columns in messages
        self.first_line = first_line  # file line number of the text's first line
        self.col_offset = col_offset  # columns before the text starts (an indented YAML block)
        self.theme = theme
        self.language = language
        self.references: list[Reference] = []
        self.ids: dict[str, int] = {}  # id -> body line where it is defined
        self.footnote_lines: dict[str, int] = {}  # footnote label -> line of its first call
        self.cite_keys: list[str] | None = None  # the library's keys; None: no bibliography
        self.cite_notes = False  # citations become footnotes (a note style)
        self.library_failed = False  # the library had errors: citations go unchecked

    def at(self, line: int, needle: str = "") -> Place:
        """A place in the file: text line `line` (0-based), column of `needle` if found there
        or on one of the next lines (a paragraph's token starts on its first line)."""
        for offset in range(0, 50):
            idx = line + offset
            if idx >= len(self.lines):
                break
            col = self.lines[idx].find(needle) if needle else 0
            if col >= 0:
                return Place(self.report, self.first_line + idx, col + 1 + self.col_offset)
        return Place(self.report, self.first_line + line, 1 + self.col_offset)


@dataclass
class Place:
    report: Collector
    line: int
    col: int

    def error(self, message: str, hint: str = "") -> None:
        self.report.error(self.line, self.col, message, hint)

    def warning(self, message: str, hint: str = "") -> None:
        self.report.warning(self.line, self.col, message, hint)
