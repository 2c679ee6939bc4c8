"""Take nothing, produce the Image record every loader returns and the error it raises."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class FigureError(ValueError):
    """What is wrong with a figure file, in words that follow "figure 'x.png' ...", and a hint."""

    def __init__(self, problem: str, hint: str = "", diagnostics: list | None = None):
        super().__init__(problem)
        self.problem = problem
        self.hint = hint
        self.diagnostics = diagnostics or []  # errors in the figure's own files (a chart's)


@dataclass(frozen=True)
class Image:
    """A decoded, checked figure. `width`/`height` are its natural size in points;
    `data` the file's bytes; `kind` "svg", "png" or "jpeg"."""

    path: Path
    kind: str
    width: float
    height: float
    data: bytes

    @property
    def vector(self) -> bool:
        return self.kind == "svg"

    @property
    def aspect(self) -> float:
        """Height over width."""
        return self.height / self.width

    @property
    def inputs(self) -> tuple[Path, ...]:
        """Files besides its own that the figure is made from (a chart's CSV)."""
        return ()

    def current(self) -> bool:
        """False once one of its `inputs` changed since it was loaded."""
        return True
