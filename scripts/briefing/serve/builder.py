"""Take paper folders, produce their outputs in build/ and their page images, again after
every save, in one warm process, and tell the hub what happened.

This is `briefing watch`'s loop (watch.py polls the files and calls us per changed
paper) with a build that also draws the pages: the paper is built with
`batch.build_one`, as `briefing build` would, and as soon as WeasyPrint has laid it out
(`pdf.observing_layout`) a quick PDF of the same layout (no tags, no compression: the
pages look the same) is drawn to images and published, before the real PDF and the
DOCX are written. Content errors are published as the CLI's own lines; the last good
pages stay.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from urllib.parse import quote

from ..batch import Job, build_one
from ..errors import display_path
from ..formats import FORMATS
from ..pdf import OPTIONS, observing_layout
from ..watch import paper_snapshot, theme_snapshot
from .pages import PageImages, page_keys
from .state import Hub, PageImage

QUICK = dict(OPTIONS, pdf_tags=False, uncompressed_pdf=True)
PREVIEW_FOLDER = ".preview"  # in the output folder: build/.preview/<slug>/<hash>.png
FORMATS_BUILT = ("pdf", "docx")


def inputs_digest(folder: Path) -> str:
    """What a paper's pages show besides its text: its figure files and the themes."""
    files = {**paper_snapshot(folder), **theme_snapshot()}
    files.pop(folder / "paper.md", None)
    return repr(sorted((str(path), mark) for path, mark in files.items()))


class Previewer:
    def __init__(self, folders: list[Path], out_dir: Path, hub: Hub, dpi: int):
        self.out_dir = out_dir
        self.hub = hub
        self.images = {
            folder.name: PageImages(out_dir / PREVIEW_FOLDER / folder.name, dpi)
            for folder in folders
        }
        for folder in folders:
            hub.add(folder.name)

    def build(self, folder: Path, formats: list[str], out_dir: Path, options: dict) -> bool:
        """Build one paper (watch.py's `build` hook; `options` are the theme's name and
        whether it is a draft); True if it built."""
        slug = folder.name
        started = time.perf_counter()
        self.hub.update(slug, status="building")

        def publish(document) -> None:
            keys: list[str] = []
            quick = document.write_pdf(**QUICK, finisher=lambda _, pdf: keys.extend(page_keys(pdf)))
            pages = self.images[slug].render(quick, keys, salt=inputs_digest(folder))
            self.hub.update(
                slug,
                title=document.metadata.title or slug,
                status="ok",
                pages=tuple(PageImage(f"/pages/{quote(slug)}/{n}", w, h) for n, w, h in pages),
                errors=(),
                seconds=round(time.perf_counter() - started, 3),
                built=time.strftime("%H:%M:%S"),
            )

        try:
            with observing_layout(publish):
                written, errors, warnings = build_one(Job(folder, formats, out_dir, **options))
        except Exception as exc:  # noqa: BLE001 - the server reports a failed build, goes on
            line = (
                f"briefing: internal error building {display_path(folder)}: "
                f"{type(exc).__name__}: {exc} (rerun `briefing --debug build` for the traceback)"
            )
            print(line, file=sys.stderr, flush=True)
            self.hub.update(slug, status="failed", errors=(line,))
            return False
        for diagnostic in [*errors, *warnings]:
            print(diagnostic, file=sys.stderr, flush=True)
        lines = tuple(str(w) for w in warnings)
        if errors:
            self.hub.update(
                slug, status="errors", errors=tuple(str(e) for e in errors), warnings=lines
            )
            return False
        state = self.hub.update(slug, warnings=lines, downloads=self._downloads(slug, written))
        names = ", ".join(display_path(p) for p in written)
        print(
            f"{slug}: {len(state.pages)} pages shown ({self.images[slug].drawn} drawn) after "
            f"{state.seconds:.2f} s; wrote {names} "
            f"in {time.perf_counter() - started:.2f} s",
            flush=True,
        )
        return True

    def _downloads(self, slug: str, written: list[Path]) -> tuple[tuple[str, str], ...]:
        found = []
        for name in FORMATS_BUILT:
            target = FORMATS[name].target(slug)
            if self.out_dir / target in written:
                found.append((name.upper(), f"/build/{quote(target)}"))
        return tuple(found)
