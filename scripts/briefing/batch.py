"""Take many papers, produce their out-of-date outputs in one warm process.

A cold `briefing build` spends about half its time starting Python and importing
WeasyPrint, python-docx and the reader. For a series of papers that start-up is paid
once here: the engines are imported and patched, then `jobs` worker processes are
forked from the warm parent (copy-on-write: loaded fonts and templates come along) and
share out the papers. Output bytes are the same as a cold build's.

make decides what is out of date (each output's rule lists its real inputs) and queues
it; `briefing build --queue` builds the queue here, so `make -j2 pdf docx` after a
change pays the start-up once instead of once per paper.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .errors import ContentError, Diagnostic
from .theme import Theme


def warm_up(formats: list[str]) -> None:
    """Import (and patch) every engine the builds will need, before forking."""
    from . import build  # noqa: F401 - the reader and its parsers
    from .theme import load_theme

    load_theme()
    if "docx" in formats:
        from . import docx  # noqa: F401
    from .editions import EDITIONS

    if {"pdf", *EDITIONS} & set(formats):
        from . import cjk_justify, pdf, subset_cache, weasyprint_patches

        with weasyprint_patches.fast_library_lookup():
            import weasyprint  # noqa: F401
        weasyprint_patches.apply()
        cjk_justify.apply()
        subset_cache.apply()
        pdf._font_config()


Result = tuple[list[Path], list[Diagnostic], list[Diagnostic]]


@dataclass(frozen=True)
class Job:
    """One paper to build, and how: `theme` (a name) overrides the paper's own."""

    folder: Path
    formats: list[str]
    out_dir: Path
    theme: str | None = None
    draft: bool = False


def build_one(job: Job | tuple[Path, list[str], Path], theme: Theme | None = None) -> Result:
    """(written, errors, warnings) for one paper; content errors are results, not raises."""
    from .build import build

    if isinstance(job, tuple):
        job = Job(*job)
    warnings: list[Diagnostic] = []
    try:
        chosen = theme or job.theme
        written = build(
            job.folder, job.formats, job.out_dir, theme=chosen, warnings=warnings, draft=job.draft
        )
        return written, [], warnings
    except ContentError as exc:
        return [], exc.diagnostics, warnings


def build_many(
    papers: list[tuple[Path, list[str]]],
    out_dir: Path,
    *,
    jobs: int = 1,
    report: Callable[[Result], None],
    theme: str | None = None,
    draft: bool = False,
) -> None:
    """Build each (paper folder, formats), calling `report` in paper order; `theme` (a
    name) and `draft` apply to every paper."""
    work = [Job(folder, formats, out_dir, theme, draft) for folder, formats in papers if formats]
    if not work:
        return
    if jobs <= 1 or len(work) == 1 or sys.platform == "win32":
        for item in work:
            report(build_one(item))
        return
    warm_up(sorted({fmt for job in work for fmt in job.formats}))
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=min(jobs, len(work)), mp_context=context) as pool:
        for result in pool.map(build_one, work):
            report(result)
