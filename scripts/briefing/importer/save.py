"""Take an imported paper, produce content/<slug>/: paper.md (the Markdown writer's) and
the figure files, written all or nothing; then read it back as `briefing check` would.

Also what `briefing diff` shows: paper.md as the DOCX now has it against the paper.md in
the folder, as a unified diff.
"""

from __future__ import annotations

import difflib
import os
import tempfile
from pathlib import Path

from briefing.markdown import render_markdown
from briefing.paths import content_file
from briefing.theme import Theme

from . import Imported


class PaperExists(FileExistsError):
    pass


UNWRAPPED = 10**6  # a diff shows a changed paragraph as one changed line


def markdown_of(imported: Imported, theme: Theme, width: int | None = None) -> str:
    paper = imported.paper
    language = theme.language(paper.meta.lang)
    return render_markdown(paper, language, **({"width": width} if width else {}))


def save(imported: Imported, folder: Path, theme: Theme, *, force: bool = False) -> list[Path]:
    """Write paper.md and the figures into `folder`, and the library and style files the
    paper cites from where there are none yet (a library the analyst has edited since is
    never replaced); refuse to replace a paper.md there unless `force`. Files are written
    to a scratch folder first and moved into place, so a failure leaves the folder as it
    was."""
    target = folder / "paper.md"
    if target.exists() and not force:
        raise PaperExists(f"{target} exists; add --force to replace it")
    files = {
        "paper.md": markdown_of(imported, theme).encode("utf-8"),
        **imported.files,
        **missing_citation_files(imported, folder),
    }
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory(dir=folder) as scratch:
        for index, data in enumerate(files.values()):
            (Path(scratch) / str(index)).write_bytes(data)
        for index, name in enumerate(files):
            final = Path(os.path.normpath(folder / name))  # a shared library: ../shared/x.bib
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(Path(scratch) / str(index), final)
            written.append(final)
    return written


def missing_citation_files(imported: Imported, folder: Path) -> dict[str, bytes]:
    """The library and style files the paper names that are not there yet; only where
    the reader may read them (inside the content folder above the paper's)."""
    missing = {}
    for name, data in imported.citation_files.items():
        path, refused = content_file(name, folder)
        if not refused and not path.exists():
            missing[name] = data
    return missing


def unified_diff(imported: Imported, folder: Path, theme: Theme) -> str:
    """What the DOCX changed: the folder's paper against the one the DOCX gives, both as
    the Markdown writer writes them, so line wrapping and quoting never show as changes
    (the words of each hunk are easy to find in the source)."""
    from briefing.reader import read_paper

    source = folder / "paper.md"
    paper = read_paper(folder, theme)
    before = render_markdown(paper, theme.language(paper.meta.lang), width=UNWRAPPED)
    after = markdown_of(imported, theme, UNWRAPPED)
    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            fromfile=f"{source} (as written by the pipeline)",
            tofile=f"{source} (from the DOCX)",
        )
    )
