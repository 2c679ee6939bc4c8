"""Take what went wrong in a paper, produce one line a person can act on.

Every content error reads `path:line:col: error: what is wrong (what to do)`, so editors
and terminals can jump straight to it. A run collects all the errors of a file before it
stops, so an analyst fixes them in one pass.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Diagnostic:
    path: Path
    line: int
    col: int
    message: str
    hint: str = ""
    severity: str = "error"  # "error" | "warning"

    def __str__(self) -> str:
        hint = f" ({self.hint})" if self.hint else ""
        where = f"{display_path(self.path)}:{self.line}:{self.col}"
        return f"{where}: {self.severity}: {self.message}{hint}"


class ContentError(Exception):
    """One or more problems in a paper's content; nothing has been written."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__("\n".join(str(d) for d in diagnostics))
        self.diagnostics = diagnostics


class UsageError(Exception):
    """The command line itself is wrong (exit status 2)."""


def display_path(path: Path) -> str:
    """Paths relative to the working directory when inside it, so messages stay short."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


class Collector:
    """Gathers diagnostics for one file; `raise_if_errors` stops once all are known."""

    def __init__(self, path: Path):
        self.path = path
        self.items: list[Diagnostic] = []

    def error(
        self, line: int, col: int, message: str, hint: str = "", path: Path | None = None
    ) -> None:
        """An error in this file, or in `path` (a theme's parent file, say)."""
        self.items.append(Diagnostic(path or self.path, line, col, message, hint))

    def warning(self, line: int, col: int, message: str, hint: str = "") -> None:
        self.items.append(Diagnostic(self.path, line, col, message, hint, "warning"))

    def adopt(self, diagnostics: list[Diagnostic]) -> None:
        """Take problems found in other files this one uses (a chart's spec and data),
        each once however often the file is used."""
        self.items.extend(d for d in diagnostics if d not in self.items)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "warning"]

    def raise_if_errors(self) -> None:
        if self.errors:
            ordered = sorted(self.errors, key=lambda d: (str(d.path), d.line, d.col))
            raise ContentError(ordered)
