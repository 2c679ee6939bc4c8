"""Take a .docx, produce the model Paper it holds and the figure files it needs: the
importer's stages in order.

    open_package   the package's parts (package.py: python-docx for OPC, lxml below)
    changes        tracked changes refused, or accepted / rejected; comments listed
    Importer.read  sections, title block, blocks, notes, front matter (document.py)
Our own DOCX (it carries docx/source.py's custom XML part) comes back as the paper it was
built from; another program's document is mapped by its styles, lists and captions.
`briefing import` then writes the paper with the Markdown writer (briefing.markdown).

Why not mammoth: mammoth (DOCX -> HTML/Markdown) maps styles to HTML well, but it
drops what a briefing is made of: fields (REF, PAGEREF, NOTEREF, SEQ become plain
text), bookmarks, our custom XML part, chart parts, SVG pictures (it reads only a:blip),
section orientation, and it has no notion of tracked changes beyond accepting them. We
would have to parse its HTML back into our model and still read the OOXML for the rest;
reading the OOXML directly with python-docx and lxml is one reader, not two.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from briefing import model as m
from briefing.theme import Theme, load_theme

from .changes import list_changes, list_comments, resolve
from .document import Importer
from .package import NotADocx, open_package
from .report import Report

__all__ = ["import_docx", "Imported", "TrackedChanges", "NotADocx"]


class TrackedChanges(ValueError):
    """The document has tracked changes and no word on what to do with them."""

    def __init__(self, changes: list):
        super().__init__(f"{len(changes)} tracked changes")
        self.changes = changes


@dataclass
class Imported:
    paper: m.Paper
    files: dict[str, bytes]  # paper-relative path -> bytes (figures, chart specs and data)
    warnings: list[str] = field(default_factory=list)
    own: bool = False  # the DOCX was made by this pipeline
    changes: list = field(default_factory=list)  # the tracked changes accepted or rejected
    # The library and style files the paper cites from, by the name the front matter
    # gives (may be ../shared/x.bib): written only where no such file is yet.
    citation_files: dict[str, bytes] = field(default_factory=dict)


def import_docx(path: Path, theme: Theme | None = None, *, changes: str = "") -> Imported:
    """`changes` is "" (refuse tracked changes), "accept" or "reject"."""
    package = open_package(Path(path))
    stories = {"document": package.document.root}
    for name, story in (("footnotes", package.footnotes), ("endnotes", package.endnotes)):
        if story is not None:
            stories[name] = story.root
    found = [c for where, root in stories.items() for c in list_changes(root, where)]
    if found and not changes:
        raise TrackedChanges(found)
    for root in stories.values():
        if found:
            resolve(root, accept=changes == "accept")
    report = Report()
    report.warnings.extend(c.describe() for c in list_comments(package.comments, stories))
    named = package.facts.get("meta", {}).get("theme")
    theme = theme or (load_theme(named) if named else load_theme())
    importer = Importer(package, theme, report)
    paper = importer.read()
    cited = {
        name: text.encode("utf-8") for name, text in package.facts.get("citation_files", {}).items()
    }
    return Imported(paper, importer.media.files, report.warnings, importer.own, found, cited)
