r"""Take paper folders or volume files, produce make rules naming every file their outputs
are made from, so make rebuilds exactly what an edit touches.

A chart's CSV may lie outside its paper's folder (`data: ../../data/x.csv`); it is listed
too, so editing it rebuilds every paper whose charts read it, and only those.

Names are escaped for make (a figure called "Incidents Timeline.PNG" is written
`Incidents\ Timeline.PNG`), and each input also gets an empty rule of its own, so a
deleted figure makes make rebuild the paper instead of stopping with "No rule to make
target".
"""

from __future__ import annotations

from pathlib import Path

from .formats import FORMATS
from .inputs import paper_inputs
from .paths import paper_folder


def make_escape(path: Path | str) -> str:
    """A file name as a make rule may hold it."""
    text = Path(path).as_posix()
    for char in ("\\", " ", "#", ":", "="):
        text = text.replace(char, "\\" + char)
    return text.replace("$", "$$")


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

    targets = [make_escape(out / f"{path.stem}{FORMATS[f].suffix}") for f in ("pdf", "docx")]
    return _rules(targets, volume_inputs(path))
