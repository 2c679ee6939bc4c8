"""Take a path as an analyst types it (content/<slug>, or the Markdown file itself), produce
the paper's folder or its Markdown file. Light on purpose: make-driven commands import it."""

from __future__ import annotations

import re
from pathlib import Path

PAPER_FILE = "paper.md"
URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def paper_folder(path: Path) -> Path:
    path = Path(path)
    return path.parent if path.suffix == ".md" else path


def paper_path(path: Path) -> Path:
    path = Path(path)
    return path if path.suffix == ".md" else path / PAPER_FILE


def content_file(src: str, folder: Path) -> tuple[Path | None, str]:
    """The file `src` names, from the paper folder `folder`: (its path, "") when it may be
    read, else (None, why not: "url", "absolute" or "outside"). Papers may share files
    within the content folder above their own; nothing is read from anywhere else."""
    if URL.match(src) or src.startswith("//"):
        return None, "url"
    if src.startswith(("/", "\\")):
        return None, "absolute"
    path = (folder / src).resolve()
    if not path.is_relative_to(folder.resolve().parent):
        return None, "outside"
    return path, ""
