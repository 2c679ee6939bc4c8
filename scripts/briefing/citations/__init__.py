"""Take a paper's citation settings (`bibliography:`, `csl:`, `citation_style:`,
`citation_locale:`, `nocite:`), produce what the reader needs to check and print its
citations: the library, the CSL processor, and what the style's entries lack.

Stages (each its own module): files.py checks the file names; library.py/bibtex.py read
the library files; syntax.py finds `[@key]` in the Markdown; engine.py runs citeproc-py;
inlines.py turns its output into model inlines; cite.py replaces each citation with notes
or text and places the reference list. The bundled styles and locales are the official CSL
project's files (csl/, CC BY-SA 3.0, see csl/README.md).
"""

from __future__ import annotations

from pathlib import Path

from ..errors import Collector
from ..model import Meta
from .cite import Cite, CiteRef, Citing, resolve_citations
from .engine import Engine, StyleError
from .files import At, library_paths, style_path
from .library import Library, load_library, suggest

CSL_FOLDER = Path(__file__).parent / "csl"
STYLES = {
    "chicago": CSL_FOLDER / "chicago-notes-bibliography.csl",  # the default, both languages
    "apa": CSL_FOLDER / "apa.csl",
}
DEFAULT_STYLE = "chicago"
# What an entry of each type needs for a complete note and bibliography entry; a missing
# one is a warning (the entry prints without it).
NEEDS = {
    "book": ("title", "issued", "publisher"),
    "chapter": ("title", "container-title", "issued", "publisher"),
    "article-journal": ("title", "container-title", "issued"),
    "article-newspaper": ("title", "container-title", "issued"),
    "article-magazine": ("title", "container-title", "issued"),
    "report": ("title", "issued", "publisher"),
    "thesis": ("title", "issued", "publisher"),
    "webpage": ("title", "URL"),
}
NEEDS_NAME = {"book", "chapter", "article-journal", "thesis"}

__all__ = [
    "Cite",
    "CiteRef",
    "Citing",
    "prepare",
    "resolve_citations",
    "suggest",
    "warn_missing",
]


def prepare(
    meta: Meta, folder: Path, locale: str, at: At, reports: list[Collector]
) -> Citing | None:
    """The paper's Citing, or None when it names no library or cannot cite. `at(key, value)`
    is where in the front matter a file name stands, for errors about it; problems inside a
    library or style file go to `reports`, one Collector per file."""
    if not meta.bibliography:
        return None
    paths = library_paths(meta.bibliography, folder, at)
    style = (
        style_path(meta.csl, folder, at)
        if meta.csl
        else STYLES[meta.citation_style or DEFAULT_STYLE]
    )
    if paths is None or style is None:
        return None
    library = load_library(paths, reports)
    if any(r.errors for r in reports):
        return None
    try:
        engine = Engine(style, meta.citation_locale or locale, _csl_items(library))
    except StyleError as err:
        report = Collector(style)
        reports.append(report)
        report.error(err.line, 1, err.message, err.hint)
        return None
    for key in meta.nocite:
        if key != "*" and key not in library.entries:
            at("nocite", key).error(
                f"nocite: no entry '{key}' in the bibliography", suggest(key, library.keys())
            )
    quote = engine.style.root.get_locale_option("punctuation-in-quote") == "true"
    return Citing(engine, tuple(library.entries), meta.nocite, quote, library=library)


def _csl_items(library: Library) -> dict[str, dict]:
    return {key: entry.csl for key, entry in library.entries.items()}


def warn_missing(citing: Citing, reports: list[Collector]) -> None:
    """A warning at the library entry for each cited entry that lacks what its type needs."""
    by_path = {r.path: r for r in reports}
    listed = citing.keys if "*" in citing.nocite else citing.cited + list(citing.nocite)
    for key in dict.fromkeys(listed):
        entry = citing.library.entries.get(key)
        if entry is None:
            continue
        csl = entry.csl
        missing = [v for v in NEEDS.get(csl.get("type", ""), ("title",)) if not csl.get(v)]
        if csl.get("type") in NEEDS_NAME and not (csl.get("author") or csl.get("editor")):
            missing.insert(0, "author")
        if missing:
            by_path[entry.path].warning(
                entry.line,
                1,
                f"entry '{entry.key}' ({csl.get('type')}) has no {', '.join(missing)}",
                "its notes and bibliography entry print without it; add it to the library",
            )
