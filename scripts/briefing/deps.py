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

import os
from pathlib import Path

import yaml

from .formats import FORMATS
from .paths import paper_folder

CHART = ".chart.yaml"


def make_escape(path: Path | str) -> str:
    """A file name as a make rule may hold it."""
    text = Path(path).as_posix()
    for char in ("\\", " ", "#", ":", "="):
        text = text.replace(char, "\\" + char)
    return text.replace("$", "$$")


def paper_inputs(folder: Path) -> list[Path]:
    """Every file in a paper's folder (paper.md, its figures and data), and the CSV files
    its charts read from elsewhere (a data folder papers share)."""
    folder = paper_folder(folder)
    own = {p for p in folder.rglob("*") if p.is_file()}
    return sorted(own | set(chart_data_files(folder)))


def chart_data_files(folder: Path) -> list[Path]:
    """The existing CSV files that the chart specs (`*.chart.yaml`) in `folder` name, as
    paths from where `folder` is given (content/x/figures/../../data/y.csv ->
    content/data/y.csv). Read leniently: a broken spec is the build's to report."""
    found = []
    for spec in sorted(p for p in Path(folder).rglob("*") if p.name.lower().endswith(CHART)):
        try:
            fields = yaml.safe_load(spec.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue
        data = fields.get("data") if isinstance(fields, dict) else None
        if isinstance(data, str) and data and ":" not in data and not data.startswith("/"):
            path = Path(os.path.normpath(spec.parent / data))
            if path.is_file():
                found.append(path)
    return found


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
