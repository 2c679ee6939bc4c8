"""Take the file names a paper's front matter gives (`bibliography:`, `csl:`), produce their
checked paths, or content errors at the front-matter line that names them.

A library or style may be shared by several papers from elsewhere in the content folder
(`../shared/library.bib`), as figures may; nothing is read from outside it or from the
network.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..paths import content_file
from .library import SUFFIXES

if TYPE_CHECKING:
    from ..reader.context import Place

# (front-matter key, the file name as written) -> where to report a problem with it.
At = Callable[[str, str], "Place"]

REFUSED = {
    "url": ("is a URL; renders never use the network", "download it into content/"),
    "absolute": ("is an absolute path", "give its path from the paper's folder"),
    "outside": (
        "is outside the content folder",
        "copy it into content/, e.g. content/shared/, and give its path from the paper",
    ),
}


def library_paths(names: tuple[str, ...], folder: Path, at: At) -> list[Path] | None:
    """Every library file's path, or None after reporting each one that cannot be read."""
    paths = []
    for name in names:
        path = _checked("bibliography", name, folder, at)
        if path is None:
            continue
        if path.suffix.lower() not in SUFFIXES:
            at("bibliography", name).error(
                f"bibliography file '{name}' is not a library this pipeline reads",
                "export it from Zotero as BibTeX (.bib), CSL JSON (.json) or CSL YAML (.yaml)",
            )
        elif not path.is_file():
            at("bibliography", name).error(
                f"bibliography file '{name}' not found",
                "give its path from the paper's folder: references.bib, ../shared/library.bib",
            )
        else:
            paths.append(path)
    return paths if len(paths) == len(names) else None


def style_path(name: str, folder: Path, at: At) -> Path | None:
    """The `csl:` file's path, or None after reporting why it cannot be read."""
    path = _checked("csl", name, folder, at)
    if path is None:
        return None
    if not path.is_file():
        at("csl", name).error(
            f"style file '{name}' not found",
            "give the .csl file's path from the paper's folder, or use citation_style: instead",
        )
        return None
    return path


def _checked(key: str, name: str, folder: Path, at: At) -> Path | None:
    path, refused = content_file(name, folder)
    if refused:
        what = "bibliography file" if key == "bibliography" else "style file"
        message, hint = REFUSED[refused]
        at(key, name).error(f"{what} '{name}' {message}", hint)
    return path
