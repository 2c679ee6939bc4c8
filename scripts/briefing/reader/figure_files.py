"""Take the file a figure names, produce its checked path (inside content/, readable,
decodable by the one figure loader) or a content error saying what to do."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote

from .. import figures
from ..errors import Collector
from ..paths import content_file

# Why a file name is refused (paths.content_file), in words, and what to do instead.
REFUSED = {
    "url": "is a URL; renders never use the network",
    "absolute": "is an absolute path",
    "outside": "is outside the content folder",
}
REFUSED_HINTS = {
    "url": "download it into the paper's figures/ folder and link that file",
    "absolute": "use a path relative to paper.md, e.g. figures/x.svg",
    "outside": "copy it into the paper's figures/ folder",
}


def resolve_figure(
    src: str, folder: Path, report: Collector | None = None
) -> tuple[Path | None, str, str]:
    """(path, "", "") for a good figure file, else (None, message, hint). `folder` is the
    paper's; figures may be shared within the content folder above it. Errors inside the
    figure's own files (a chart's spec and CSV) go to `report` as they are."""
    if not src:
        return None, "figure has no file", "write ![Caption](figures/name.svg)"
    path, refused = content_file(src, folder)
    if refused:
        return None, f"figure '{src}' {REFUSED[refused]}", REFUSED_HINTS[refused]
    if figures.suffix_of(path) is None:
        return (
            None,
            f"figure '{src}' is not an {figures.kinds_text()} file",
            f"convert it to {figures.suffixes_text()}",
        )
    if not path.is_file():
        return None, f"figure file '{src}' not found", _near_miss(path)
    kind = KINDS.get(figures.suffix_of(path), "figure")
    try:
        image = figures.load(path)
    except figures.FigureError as exc:
        if report is not None:
            report.adopt(exc.diagnostics)
        return None, f"{kind} '{src}' {exc.problem}", exc.hint
    root = folder.resolve().parent  # the content folder, as paths.content_file takes it
    outside = [p for p in image.inputs if not p.resolve().is_relative_to(root)]
    if outside:
        return (
            None,
            f"{kind} '{src}' reads '{os.path.relpath(outside[0], folder)}', outside the "
            "content folder",
            "copy the data into the paper's folder",
        )
    return path, "", ""


KINDS = {".svg": "SVG figure", ".chart.yaml": "chart"}  # how a message names the figure


def _near_miss(path: Path) -> str:
    """ "did you mean 'Map.PNG'?" when only the letter case differs; else where we looked."""
    try:
        siblings = [p.name for p in path.parent.iterdir()] if path.parent.is_dir() else []
    except OSError:
        siblings = []
    same = [n for n in siblings if n.lower() == path.name.lower()]
    if same:
        return f"did you mean '{same[0]}'? names must match letter case"
    return f"check the name; looked for {path.name} in {path.parent.name}/"


def figure_source(raw_src: str) -> str:
    """The path as the analyst meant it: `figures/My%20Map.png` (markdown-it's normalised
    form of `<figures/My Map.png>`) -> `figures/My Map.png`."""
    return unquote(raw_src)
