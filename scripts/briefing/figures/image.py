"""Take nothing, produce the Image record every loader returns and the error it raises."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path


class FigureError(ValueError):
    """What is wrong with a figure file, in words that follow "figure 'x.png' ...", and a hint."""

    def __init__(self, problem: str, hint: str = "", diagnostics: list | None = None):
        super().__init__(problem)
        self.problem = problem
        self.hint = hint
        self.diagnostics = diagnostics or []  # errors in the figure's own files (a chart's)


MIME = {"svg": "image/svg+xml", "png": "image/png", "jpeg": "image/jpeg"}


@dataclass(frozen=True)
class Image:
    """A decoded, checked figure, ready for both writers.

    `kind` is what the file is ("svg", "pdf", "png", "jpeg", "gif", "webp", "tiff");
    `data` is what every writer draws, in `format` "svg" (a clean SVG: for SVG and PDF
    files), "png" or "jpeg" (upright, 8 bits per channel, RGB or grey); `width`/`height`
    are its natural size in points as displayed."""

    path: Path
    kind: str
    width: float
    height: float
    data: bytes = field(repr=False)
    format: str = ""

    def __post_init__(self):
        if not self.format:
            object.__setattr__(self, "format", self.kind)

    @property
    def vector(self) -> bool:
        return self.format == "svg"

    @property
    def aspect(self) -> float:
        """Height over width."""
        return self.height / self.width

    @property
    def mime(self) -> str:
        return MIME[self.format]

    @property
    def digest(self) -> str:
        """sha256 of what is drawn: names the figure wherever a name must not depend on
        the folder it was built in (the PDF's image names)."""
        return hashlib.sha256(self.data).hexdigest()

    @property
    def inputs(self) -> tuple[Path, ...]:
        """Files besides its own that the figure is made from (a chart's CSV)."""
        return ()

    def current(self) -> bool:
        """False once one of its `inputs` changed since it was loaded."""
        return True
