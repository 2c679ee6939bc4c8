r"""Take paper folders or volume files, produce make rules naming every file their outputs
are made from, so make rebuilds exactly what an edit touches.

A chart's CSV may lie outside its paper's folder (`data: ../../data/x.csv`), and so may a
library or style file its front matter names (`bibliography: ../shared/library.bib`);
they are listed too (inputs.py), so editing one rebuilds every paper that reads it, and
only those.

Names are escaped for make (a figure called "Incidents Timeline.PNG" is written
`Incidents\ Timeline.PNG`; `#`, `:`, `=`, `$`, wildcards and, in targets, `%` too),
and each input also gets an empty rule of its own, so a deleted figure makes make
rebuild the paper instead of stopping with "No rule to make target". Make cannot name a
file with a `;`, a backslash, a tab or a newline in it: such a file is left out, and the
folders of the paper, which are prerequisites too, still make a file added, removed or
renamed anywhere in it rebuild the paper.
"""

from __future__ import annotations

from pathlib import Path

from .formats import FORMATS
from .inputs import chart_specs, paper_inputs
from .paths import paper_folder

# Make has no escape for these in a rule (a backslash escapes only some characters, so one
# in a name cannot be told from an escape).
UNSAYABLE = frozenset(";\t\n\r\\")


def make_escape(path: Path | str, *, target: bool = False) -> str | None:
    """A file name as a make rule may hold it (`target`: on the left of the colon, where an
    unescaped `%` would make a pattern rule); None if make cannot name it."""
    text = Path(path).as_posix()
    if UNSAYABLE.intersection(text):
        return None
    for char in " #:=*?[" + ("%" if target else ""):
        text = text.replace(char, "\\" + char)
    return text.replace("$", "$$")


def paper_folders(folder: Path) -> list[Path]:
    """The paper's folder and every folder in it: their times change when a file in them
    is added, removed or renamed."""
    folder = paper_folder(folder)
    return [folder, *sorted(p for p in folder.rglob("*") if p.is_dir())]


def _rules(targets: list[str | None], inputs: list[Path]) -> str:
    names = [name for name in (make_escape(p) for p in inputs) if name]
    lines = [f"{' '.join(t for t in targets if t)}: {' '.join(names)}"]
    lines += [f"{name}:" for name in (make_escape(p, target=True) for p in inputs) if name]
    return "\n".join(lines)


def paper_rules(path: Path, out: Path) -> str:
    folder = paper_folder(path)
    targets = [make_escape(out / f.target(folder.name), target=True) for f in FORMATS.values()]
    return _rules(targets, paper_inputs(folder) + paper_folders(folder))


def rules_file_rule(rules_file: str, paths: list[Path]) -> str:
    """The rules file itself is remade when any paper's folder changes (so a file added
    anywhere in a paper is listed, and its later edits rebuild the paper) or a chart spec
    does (it names the CSV its chart reads)."""
    inputs = [
        f
        for p in paths
        if p.suffix != ".yaml"
        for f in [*paper_folders(p), *chart_specs(paper_folder(p))]
    ]
    names = [name for name in (make_escape(f) for f in inputs) if name]
    return f"{make_escape(rules_file, target=True)}: {' '.join(names)}"


def volume_rules(path: Path, out: Path) -> str:
    from .reader.volume import volume_inputs

    targets = [
        make_escape(out / f.target(path.stem), target=True)
        for f in FORMATS.values()
        if f.render_volume is not None and f.recorded
    ]
    return _rules(targets, volume_inputs(path))
