"""Take paper folders, produce their outputs again whenever a paper, a figure, a library or
the theme changes.

`briefing watch content/<slug>` builds each paper once, then polls (no inotify, no new
dependency) the files a build reads: each paper's paper.md and figures/, the library and
style files it names, and the theme folder. A change rebuilds only the papers it touches
(a theme change, all of them) in this same process, so WeasyPrint, the fonts and the
parsed templates stay loaded and a rebuild costs a fraction of a cold `briefing build`.
Content errors print as the usual one-line diagnostics and watching goes on; the previous
outputs stay as they were (`build()` writes nothing unless every format rendered). Ctrl-C
stops it.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from .errors import display_path
from .inputs import chart_data_files, named_files
from .paths import paper_folder
from .theme import TEMPLATES_DIR, clear_theme_cache

# A file's fingerprint: (mtime in ns, size), or None when it does not exist.
Fingerprint = tuple[int, int] | None
Snapshot = dict[Path, Fingerprint]
SETTLE_SECONDS = 0.1  # how long the files must stay unchanged before a rebuild starts


def _fingerprint(path: Path) -> Fingerprint:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size)


def _files_under(folder: Path) -> Iterable[Path]:
    try:
        return sorted(p for p in folder.rglob("*") if p.is_file())
    except OSError:
        return []


def paper_snapshot(folder: Path) -> Snapshot:
    """paper.md (even when missing, so its deletion counts), every file under figures/, the
    CSV files its charts read and the library and style files its front matter names."""
    paper = folder / "paper.md"
    snapshot = {paper: _fingerprint(paper)}
    snapshot.update({f: _fingerprint(f) for f in _files_under(folder / "figures")})
    snapshot.update({f: _fingerprint(f) for f in chart_data_files(folder)})  # charts' CSVs
    snapshot.update({f: _fingerprint(f) for f in named_files(folder)})  # library, style
    return snapshot


def theme_snapshot() -> Snapshot:
    """Every file of every theme: a paper may name any of them, and themes extend others."""
    return {f: _fingerprint(f) for f in _files_under(TEMPLATES_DIR)}


def _build_one(folder: Path, formats: list[str], out_dir: Path, options: dict) -> bool:
    """Build one paper and say what happened, as `briefing build` would. True if built."""
    from .batch import Job, build_one

    started = time.perf_counter()
    try:
        outputs, errors, warnings = build_one(Job(folder, formats, out_dir, **options))
    except Exception as exc:  # noqa: BLE001 - a watcher reports a failed build and goes on
        print(
            f"briefing: internal error building {display_path(folder)}: "
            f"{type(exc).__name__}: {exc} (rerun `briefing --debug build` for the traceback)",
            file=sys.stderr,
            flush=True,
        )
        return False
    for diagnostic in [*errors, *warnings]:
        print(diagnostic, file=sys.stderr, flush=True)
    if errors:
        print(f"{display_path(folder)}: not rebuilt; fix the errors above", file=sys.stderr)
        return False
    seconds = time.perf_counter() - started
    names = ", ".join(display_path(p) for p in outputs)
    print(f"wrote {names} in {seconds:.2f} s", flush=True)
    return True


# A paper's build: (folder, formats, out_dir, {"theme": name or None, "draft": bool}).
BuildPaper = Callable[[Path, list[str], Path, dict], bool]


def watch(
    paths: list[Path],
    formats: list[str],
    out_dir: Path,
    *,
    interval: float = 0.5,
    stop: threading.Event | None = None,
    on_build: Callable[[list[Path]], None] | None = None,
    theme: str | None = None,
    draft: bool = False,
    build: BuildPaper = _build_one,
) -> None:
    """Build every paper, then rebuild the ones whose inputs change, until `stop` is set
    (or Ctrl-C). `on_build(folders)` is called after every round of builds with the paper
    folders just built, whether they succeeded or reported errors. `theme` (a name) and
    `draft` are as for `briefing build`. `build(folder, formats, out_dir, options)` builds
    one paper (the live preview passes its own, which also draws the page images)."""
    folders = list(dict.fromkeys(paper_folder(p) for p in paths))
    options = {"theme": theme, "draft": draft}
    stop = stop or threading.Event()
    settle = min(interval, SETTLE_SECONDS)

    def current() -> tuple[Snapshot, dict[Path, Snapshot]]:
        return theme_snapshot(), {folder: paper_snapshot(folder) for folder in folders}

    def build_round(todo: list[Path]) -> None:
        for folder in todo:
            build(folder, formats, out_dir, options)
        if on_build is not None:
            on_build(todo)

    # Fingerprints are taken *before* each build, so an edit saved during a build is
    # still seen as a change on the next poll.
    state = current()
    build_round(folders)
    while not stop.wait(interval):
        now = current()
        if now == state:
            continue
        # Build only once the files have stopped changing: an editor that truncates and
        # rewrites in place would otherwise get a build of its half-written file.
        while True:
            if stop.wait(settle):
                return
            later = current()
            if later == now:
                break
            now = later
        theme_changed = now[0] != state[0]
        changed = [folder for folder in folders if now[1][folder] != state[1][folder]]
        state = now
        if theme_changed:
            # theme.yaml is parsed once and cached; a changed theme needs a fresh parse (the
            # Jinja templates reload on their own: Jinja checks their mtimes). A half-edited
            # theme.yaml is reported by each build as a content error.
            clear_theme_cache()
            print("theme changed: rebuilding every paper", flush=True)
            build_round(folders)
        elif changed:
            build_round(changed)


def run(
    paths: list[Path],
    formats: list[str],
    out_dir: Path,
    *,
    theme: str | None = None,
    draft: bool = False,
) -> int:
    """The `briefing watch` command: watch until Ctrl-C, then return exit status 0."""
    from .errors import UsageError

    missing = [p for p in paths if not (paper_folder(p) / "paper.md").is_file()]
    if missing:
        raise UsageError(f"no paper.md in {', '.join(map(str, missing))}")
    shown = ", ".join(display_path(paper_folder(p)) for p in paths)
    print(f"watching {shown} (Ctrl-C to stop)", flush=True)
    try:
        watch(paths, formats, out_dir, theme=theme, draft=draft)
    except KeyboardInterrupt:
        # A build interrupted half-way leaves no partial file: write_atomic cleans up.
        print("\nstopped watching", file=sys.stderr)
    return 0
