"""Take nothing, produce the Image record every loader returns and the error it raises."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class FigureError(ValueError):
    """What is wrong with a figure file, in words that follow "figure 'x.png' ...", and a hint."""

    def __init__(self, problem: str, hint: str = ""):
        super().__init__(problem)
        self.problem = problem
        self.hint = hint


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
    def media_type(self) -> str:
        """ "image/svg+xml", "image/png", "image/jpeg" (for a data: URL)."""
        return "image/svg+xml" if self.vector else f"image/{self.kind}"

    @property
    def aspect(self) -> float:
        """Height over width."""
        return self.height / self.width
