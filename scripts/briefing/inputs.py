"""Take a paper folder, produce every file its outputs are made from: the files in its
folder, the CSV files its charts read, and the reference libraries and CSL style its front
matter names; the last two may be shared from elsewhere in content/ (`content/data/`,
`bibliography: ../shared/library.bib`).

Light on purpose: `briefing deps` (run by make), the watcher and the manifest import it.
It reads only the front matter and the chart specs, leniently; whatever is wrong there is
the reader's to report, so a file it cannot make sense of just adds nothing.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from .paths import PAPER_FILE, content_file, paper_folder
from .yamlfast import fast_load

NAMED = ("bibliography", "csl")  # front-matter fields that name files a paper reads
CHART = ".chart.yaml"


def paper_inputs(folder: Path) -> list[Path]:
    """paper.md, its figures and data, the CSV files its charts read from elsewhere (a data
    folder papers share) and the files its front matter names; sorted."""
    folder = paper_folder(folder)
    own = {p for p in folder.rglob("*") if p.is_file()}
    return sorted(own | set(chart_data_files(folder)) | set(named_files(folder)))


def chart_specs(folder: Path) -> list[Path]:
    return sorted(p for p in Path(folder).rglob("*") if p.name.lower().endswith(CHART))


def chart_data_files(folder: Path) -> list[Path]:
    """The existing CSV files that the chart specs (`*.chart.yaml`) in `folder` name, as
    paths from where `folder` is given (content/x/figures/../../data/y.csv ->
    content/data/y.csv). Read leniently: a broken spec is the build's to report."""
    found = []
    for spec in chart_specs(folder):
        try:
            fields = fast_load(spec.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue
        data = fields.get("data") if isinstance(fields, dict) else None
        if isinstance(data, str) and data and ":" not in data and not data.startswith("/"):
            path = Path(os.path.normpath(spec.parent / data))
            if path.is_file():
                found.append(path)
    return found


def named_files(folder: Path) -> list[Path]:
    """The libraries and style file the front matter names that exist inside content/,
    spelled from the paper's folder as given (relative stays relative, for make)."""
    data = _front_matter(folder / PAPER_FILE)
    found = []
    for field in NAMED:
        value = data.get(field)
        for name in [value] if isinstance(value, str) else value or []:
            if not isinstance(name, str):
                continue
            path, refused = content_file(name, folder)
            if not refused and path.is_file():
                found.append(Path(os.path.normpath(folder / name)))  # a/../shared -> shared
    return found


def _front_matter(paper: Path) -> dict:
    try:
        lines = paper.read_text(encoding="utf-8-sig").split("\n")
    except (OSError, UnicodeDecodeError):
        return {}
    if not lines or lines[0].strip() != "---":
        return {}
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        return {}
    try:
        data = fast_load("\n".join(lines[1:end]))
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}
