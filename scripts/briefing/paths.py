"""Take a path as an analyst types it (content/<slug>, or the Markdown file itself), produce
the paper's folder or its Markdown file. Light on purpose: make-driven commands import it."""

from __future__ import annotations

from pathlib import Path

PAPER_FILE = "paper.md"


def paper_folder(path: Path) -> Path:
    path = Path(path)
    return path.parent if path.suffix == ".md" else path


def paper_path(path: Path) -> Path:
    path = Path(path)
    return path if path.suffix == ".md" else path / PAPER_FILE
