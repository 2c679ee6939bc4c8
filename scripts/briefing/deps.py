r"""Take paper folders or volume files, produce make rules naming every file their outputs
are made from, so make rebuilds exactly what an edit touches.

Names are escaped for make (a figure called "Incidents Timeline.PNG" is written
`Incidents\ Timeline.PNG`), and each input also gets an empty rule of its own, so a
deleted figure makes make rebuild the paper instead of stopping with "No rule to make
target".
"""

from __future__ import annotations

from pathlib import Path

from .formats import FORMATS
from .paths import paper_folder


def make_escape(path: Path | str) -> str:
    """A file name as a make rule may hold it."""
    text = Path(path).as_posix()
    for char in ("\\", " ", "#", ":", "="):
        text = text.replace(char, "\\" + char)
    return text.replace("$", "$$")


def paper_inputs(folder: Path) -> list[Path]:
    """Every file in a paper's folder: paper.md, its figures and data."""
    folder = paper_folder(folder)
    return sorted(p for p in folder.rglob("*") if p.is_file())


def _rules(targets: list[str], inputs: list[Path]) -> str:
    names = " ".join(make_escape(p) for p in inputs)
    lines = [f"{' '.join(targets)}: {names}"]
    lines += [f"{make_escape(p)}:" for p in inputs]
    return "\n".join(lines)


def paper_rules(path: Path, out: Path) -> str:
    folder = paper_folder(path)
    targets = [make_escape(out / f.target(folder.name)) for f in FORMATS.values()]
    return _rules(targets, paper_inputs(folder))


def volume_rules(path: Path, out: Path) -> str:
    from .reader.volume import volume_inputs

    targets = [
        make_escape(out / f.target(path.stem))
        for f in FORMATS.values()
        if f.render_volume is not None and f.recorded
    ]
    return _rules(targets, volume_inputs(path))
