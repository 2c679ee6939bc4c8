"""Take paper folders (or a volume file), produce their outputs in the output folder.

The whole pipeline, in order:
    load_theme      theme.yaml -> checked Theme                   (theme.py, language.py)
    read_paper      paper.md -> checked, labelled Paper           (reader/, numbering.py)
    build_timestamp the one date written into every output        (SOURCE_DATE_EPOCH or paper date)
    render          Paper -> bytes, one writer per format         (formats.py: html/+pdf.py, docx/)
    write_outputs   bytes -> build/<slug>.<ext>, all or nothing   (outputs.py)
Every output is rendered in memory before any file is touched, so a failed build leaves
the previous outputs as they were.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from .formats import FORMATS, PaperRun, VolumeRun
from .outputs import write_outputs
from .reader import read_paper
from .theme import Theme, load_theme


def build_timestamp(date: dt.date) -> dt.datetime:
    """SOURCE_DATE_EPOCH when set (reproducible-builds.org), else the paper's (or the
    volume's) date at 00:00 UTC. Never the clock: the same sources give the same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.combine(date, dt.time(0, 0), dt.UTC)


def build(
    path: Path, formats: list[str], out_dir: Path, theme: Theme | None = None, warnings=None
) -> list[Path]:
    theme = theme or load_theme()
    paper = read_paper(path, theme, warnings=warnings)
    run = PaperRun(paper, theme, build_timestamp(paper.meta.date))
    rendered = {fmt: run.output(fmt) for fmt in formats}
    return write_outputs(out_dir, paper.slug, rendered)


def build_volume(
    path: Path, formats: list[str], out_dir: Path, theme: Theme | None = None, warnings=None
) -> list[Path]:
    """content/volumes/<name>.yaml -> <out_dir>/<name>.pdf/.docx."""
    from .reader.volume import read_volume

    theme = theme or load_theme()
    volume = read_volume(path, theme, warnings=warnings)
    run = VolumeRun(volume, theme, build_timestamp(volume.date))
    rendered = {fmt: FORMATS[fmt].render_volume(run) for fmt in formats}
    return write_outputs(out_dir, volume.slug, rendered)
