"""Take a paper's citation settings (`bibliography:`, `csl:`, `citation_style:`,
`citation_locale:`, `nocite:`), produce what the reader needs to check and print its
citations: the library, the CSL processor, and what the style's entries lack.

Stages (each its own module): library.py/bibtex.py read the library files; syntax.py finds
`[@key]` in the Markdown; engine.py runs citeproc-py; inlines.py turns its output into
model inlines; cite.py replaces each citation with notes or text and places the reference
list. The bundled styles are CSL files from the official CSL repository (csl/, CC BY-SA
3.0, see csl/README.md); citeproc-py ships the official CSL locales.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from ..errors import Collector
from ..model import Meta
from .cite import Cite, CiteRef, Citing, resolve_citations
from .engine import Engine
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
    "style_files",
    "warn_missing",
]


def style_files(meta: Meta, folder: Path) -> list[Path]:
    """The library and CSL files a paper reads (for `briefing deps` and the manifest)."""
    files = [(folder / p).resolve() for p in meta.bibliography]
    if meta.csl:
        files.append((folder / meta.csl).resolve())
    return files


def prepare(
    meta: Meta, folder: Path, locale: str, yaml_at, reports: list[Collector]
) -> Citing | None:
    """The paper's Citing, or None when it names no library. `yaml_at(needle)` gives the
    front matter's Place of a value, for errors there; library problems go to `reports`."""
    if not meta.bibliography:
        return None
    paths = []
    for name in meta.bibliography:
        path = (folder / name).resolve()
        if not path.is_file():
            yaml_at(name).error(
                f"bibliography file '{name}' does not exist",
                "give the path from the paper's folder: references.bib, ../shared/library.bib",
            )
        elif path.suffix.lower() not in (".bib", ".bibtex", ".json", ".yaml", ".yml"):
            yaml_at(name).error(
                f"'{name}' is not a library this pipeline reads",
                "export BibTeX (.bib), CSL JSON (.json) or CSL YAML (.yaml)",
            )
        else:
            paths.append(path)
    library = load_library(paths, reports)
    style = STYLES[meta.citation_style or DEFAULT_STYLE]
    if meta.csl:
        style = (folder / meta.csl).resolve()
        if not style.is_file():
            yaml_at(meta.csl).error(
                f"style file '{meta.csl}' does not exist",
                "give the .csl file's path from the paper",
            )
            return None
    if any(r.errors for r in reports) or len(paths) != len(meta.bibliography):
        return None
    try:
        engine = Engine(style, meta.citation_locale or locale, _csl_items(library))
    except etree.XMLSyntaxError as err:
        report = Collector(style)
        reports.append(report)
        report.error(err.lineno or 1, 1, f"not a CSL style: {err.msg}", "use a .csl file")
        return None
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
