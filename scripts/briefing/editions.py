"""Take a paper (or volume), its theme and an edition's name, produce that edition's PDF.

An edition is the everyday PDF made for another use: the theme with the edition's own
values on top (theme.yaml `editions:`: the print bleed, the booklet's A5 layout), one of
WeasyPrint's PDF variants, the conformance its XMP claims, and the finishing steps run on
the written file. `EDITIONS` is the table; each edition is one output format in
`formats.py`, so build, make, the manifest and verify treat it like any other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import model as m

if TYPE_CHECKING:  # the theme module loads jsonschema: every command reads this table
    from .theme import Theme

# What an edition adds when it finishes one paper's or volume's PDF.
Steps = Callable[["Theme", dt.datetime, "m.Paper | m.Volume"], tuple]


def _print_steps(theme: Theme, timestamp: dt.datetime, work) -> tuple:
    from .pdf_print import print_step

    return (print_step(theme),)


def _booklet_steps(theme: Theme, timestamp: dt.datetime, work) -> tuple:
    from .pdf_booklet import impose

    return (impose,)


def _archive_steps(theme: Theme, timestamp: dt.datetime, work) -> tuple:
    from .archive import attach_step, paper_sources, volume_sources

    sources = (volume_sources if isinstance(work, m.Volume) else paper_sources)(
        work, theme, timestamp
    )
    return (attach_step(sources, timestamp),)


@dataclass(frozen=True)
class Edition:
    name: str  # its key in theme.yaml `editions:`
    variant: str | None  # WeasyPrint's pdf_variant
    claims: tuple[str, ...]  # what its XMP says it conforms to
    steps: Steps


EDITIONS: dict[str, Edition] = {
    e.name: e
    for e in (
        # PDF/X-4: the newest PDF/X WeasyPrint 70 writes, and the one that keeps RGB
        # colour and transparency as they are (X-1a and X-3 would ask for CMYK only or
        # flattened transparency); the RIP converts to the output intent's press.
        Edition("print", "pdf/x-4", ("pdf/x-4",), _print_steps),
        Edition("booklet", None, (), _booklet_steps),
        # PDF/A-3a (tagged, with associated files) and PDF/UA-1 at once: WeasyPrint
        # writes one variant's identification; the XMP here declares both.
        Edition("archive", "pdf/a-3a", ("pdf/a-3a", "pdf/ua-1"), _archive_steps),
    )
}


def edition_theme(theme: Theme, name: str) -> Theme:
    """`theme` with its `editions.<name>` values on top (the theme itself if it has none)."""
    from .theme import THEME_FILE, load_theme

    overrides = theme.editions.get(name)
    if not overrides:
        return theme
    where = f"{theme.folder / THEME_FILE} (editions.{name})"
    return load_theme(theme.folder, overrides, name=where)


def _finishing(edition: Edition, theme: Theme, timestamp: dt.datetime, work, about):
    from .pdf_finish import Finishing

    steps = edition.steps(theme, timestamp, work)
    return Finishing(variant=edition.variant, claims=edition.claims, about=about, steps=steps)


def paper_renderer(name: str):
    """The `render` of the output format that is edition `name` of a paper: it takes the
    paper's run (formats.PaperRun)."""
    edition = EDITIONS[name]

    def render(run) -> bytes:
        from .pdf_layout import paper_pdf
        from .pdf_xmp import about_paper

        paper, timestamp = run.paper, run.timestamp
        theme = edition_theme(run.theme, name)
        finishing = _finishing(edition, theme, timestamp, paper, about_paper(paper.meta))
        return paper_pdf(paper, theme, timestamp, finishing)[0]

    return render


def volume_renderer(name: str):
    """The `render_volume` of the output format that is edition `name` of a volume."""
    edition = EDITIONS[name]

    def render(run) -> bytes:
        from .pdf_layout import volume_pdf
        from .pdf_xmp import about_volume

        volume = run.volume
        theme = edition_theme(run.theme, name)
        finishing = _finishing(edition, theme, run.timestamp, volume, about_volume(volume))
        return volume_pdf(volume, theme, run.timestamp, finishing)[0]

    return render
