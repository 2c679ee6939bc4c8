"""Take paper folders (or a volume file), produce their outputs in the output folder.

The whole pipeline, in order:
    load_theme      theme.yaml (+ the theme it extends) -> checked Theme  (theme.py, language.py)
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
from .reader import paper_theme, read_paper
from .theme import Theme, load_theme


def build_timestamp(date: dt.date) -> dt.datetime:
    """SOURCE_DATE_EPOCH when set (reproducible-builds.org), else the paper's (or the
    volume's) date at 00:00 UTC. Never the clock: the same sources give the same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.combine(date, dt.time(0, 0), dt.UTC)


def choose_theme(theme: Theme | str | None) -> Theme | None:
    """A theme given by name (the command line's --theme) loaded; None leaves the choice to
    each paper's (or volume's) own `theme:`."""
    return load_theme(theme) if isinstance(theme, str) else theme


def build(
    path: Path,
    formats: list[str],
    out_dir: Path,
    theme: Theme | str | None = None,
    warnings=None,
    *,
    draft: bool = False,
) -> list[Path]:
    """A paper's outputs, in `theme` if given, else in the theme its front matter names;
    `draft` marks every page as a draft."""
    theme = paper_theme(path, choose_theme(theme))
    paper = read_paper(path, theme, warnings=warnings, draft=draft)
    run = PaperRun(paper, theme, build_timestamp(paper.meta.date))
    rendered = {fmt: run.output(fmt) for fmt in formats}
    return write_outputs(out_dir, paper.slug, rendered)


def build_volume(
    path: Path,
    formats: list[str],
    out_dir: Path,
    theme: Theme | str | None = None,
    warnings=None,
    *,
    draft: bool = False,
) -> list[Path]:
    """content/volumes/<name>.yaml -> <out_dir>/<name>.pdf/.docx, in `theme` if given,
    else in the theme the volume names (its papers' own `theme:` is not used)."""
    from .reader.volume import read_volume, volume_theme

    theme = volume_theme(path, choose_theme(theme))
    volume = read_volume(path, theme, warnings=warnings, draft=draft)
    run = VolumeRun(volume, theme, build_timestamp(volume.date))
    rendered = {fmt: FORMATS[fmt].render_volume(run) for fmt in formats}
    return write_outputs(out_dir, volume.slug, rendered)
