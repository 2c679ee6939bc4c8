"""Take a paper's folder (or its paper.md), produce a validated, labelled `Paper`.

Stages: decode -> split front matter -> validate it -> parse Markdown -> convert tokens to
the model (checking what writers need: figures, widths, blocks, notes) -> label (numbering)
-> check references. Every problem in the file is collected and raised together as a
ContentError before anything is written. A paper this accepts builds in every format.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from .. import citations
from .. import model as m
from ..errors import Collector, ContentError
from ..numbering import Target, colophon, number_paper
from ..paths import paper_path
from ..theme import Theme, ThemeNotFound, load_theme, theme_folder
from . import frontmatter
from .blocks import Blocks
from .context import Context
from .inlines import Inlines
from .markdown import parser
from .source import decode

__all__ = [
    "read_paper",
    "paper_theme",
    "read_markdown",
    "check_references",
    "paper_path",
    "ContentError",
]


def paper_theme(path: Path, theme: Theme | None = None) -> Theme:
    """The theme a paper is built with: `theme` when given (a volume's, the command
    line's), else the one its front matter names, else the default."""
    if theme is not None:
        return theme
    source = paper_path(Path(path))
    report = Collector(source)
    text = decode(source, report)
    split = frontmatter.split(text, report) if not report.errors else None
    # A paper that cannot be read gets the default theme; read_paper then says why.
    named = frontmatter.named_theme(split[0]) if split else None
    return _load_named(named, report)


def _load_named(
    named: tuple[str, int, int] | None, report: Collector, *, load: bool = True
) -> Theme | None:
    """The theme `theme: name` names (its position is in the front matter, from line 2);
    with `load` False, only check that it exists."""
    if named is None:
        return load_theme() if load else None
    name, line, col = named
    try:
        if not load:
            theme_folder(name)
            return None
        return load_theme(name)
    except ThemeNotFound as exc:
        report.error(line + 1, col, f"theme: {exc}", "name a folder under templates/")
        report.raise_if_errors()
        raise


def read_paper(
    path: Path, theme: Theme | None = None, warnings: list | None = None, *, draft: bool = False
) -> m.Paper:
    """The checked, labelled paper; in `theme` if given, else in the theme its front
    matter names. `draft` marks it a draft whatever its `status:` says."""
    source = paper_path(Path(path))
    report = Collector(source)
    text = decode(source, report)
    report.raise_if_errors()
    split = frontmatter.split(text, report)
    report.raise_if_errors()
    yaml_text, body, first_line = split
    named = frontmatter.named_theme(yaml_text)
    if theme is None:
        theme = _load_named(named, report)
    else:  # a volume's or the command line's theme wins, but a wrong name is still wrong
        _load_named(named, report, load=False)
    parsed = frontmatter.parse(yaml_text, report, theme)
    report.raise_if_errors()
    meta, raw_key_points, raw_bios = parsed
    if draft:
        meta = dataclasses.replace(meta, status="draft")
    language = theme.language(meta.lang)
    yaml_ctx = Context(report, yaml_text.split("\n"), 2, theme, language)
    libraries: list[Collector] = []  # one per library or style file, for errors there
    citing = citations.prepare(
        meta, source.parent, language.citation_locale, _front_matter_at(yaml_ctx), libraries
    )

    ctx = Context(report, body.split("\n"), first_line, theme, language)
    if citing is not None:
        ctx.cite_keys = list(citing.keys)
        ctx.cite_notes = citing.engine.note
    ctx.library_failed = citing is None and bool(meta.bibliography)  # reported already
    blocks = Blocks(ctx, folder=source.parent)
    env: dict = {}
    content = blocks.convert_body(parser(language.smart_quotes).parse(body, env))
    points_ctx = Context(report, yaml_text.split("\n"), 2, theme, language)  # YAML from line 2
    points_ctx.cite_keys, points_ctx.cite_notes = ctx.cite_keys, ctx.cite_notes
    points_ctx.library_failed = ctx.library_failed
    key_points = _key_points(raw_key_points, points_ctx)
    meta = _with_bios(meta, raw_bios, points_ctx)
    _check_footnotes(blocks, ctx)
    if not content and not report.errors:
        report.error(
            first_line, 1, "the paper has no body text", "write the sections after the front matter"
        )

    footnotes = tuple(sorted(blocks.footnotes.values(), key=lambda f: f.number))
    paper = m.Paper(
        meta, content, footnotes, folder=source.parent.resolve(), slug=source.parent.name
    )
    if citing is not None and not report.errors:
        paper, key_points = citations.resolve_citations(paper, key_points, citing, language)
        citations.warn_missing(citing, libraries)
    paper, targets = number_paper(paper, key_points, language)
    paper = dataclasses.replace(paper, colophon=colophon(theme.imprint(language)))
    check_references((points_ctx, ctx), targets)
    report.adopt([d for library in libraries for d in library.items])  # at their own lines
    report.raise_if_errors()
    if warnings is not None:
        warnings.extend(report.warnings)
    return paper


def _front_matter_at(ctx: Context):
    """`at(key, value)`: the place of a value in the front matter (a file name under
    `bibliography:` or `csl:`), for errors about it."""

    def at(key: str, value: str):
        for i, line in enumerate(ctx.lines):
            if line.startswith(f"{key}:"):
                return ctx.at(i, value)
        return ctx.at(0)

    return at


def read_markdown(text: str, ctx: Context, where: str) -> tuple[m.Block, ...]:
    """Markdown that is not a paper's body (a volume's preface): blocks, no footnotes."""
    return Blocks(ctx, where=where).convert(parser(ctx.language.smart_quotes).parse(text, {}))


def check_references(contexts: tuple[Context, ...], targets: dict[str, Target]) -> None:
    """Every `@id` and `](#id)` must name a figure, table or section of the same text."""
    for ctx in contexts:
        for ref in ctx.references:
            if ref.id in targets:
                continue
            kind = ref.id.split(":")[0]
            known = ", ".join(sorted(t for t in targets if t.startswith(f"{kind}:"))) or "none"
            what = f"cross-reference {ref.needle}" if ref.needle.startswith("@") else "link"
            ctx.at(ref.line, ref.needle).error(
                f"{what} points to no {kind} id" if ":" in ref.id else f"{what} points to no id",
                f"known ids: {known}",
            )


def _key_points(
    points: list[tuple[str, int]], ctx: Context, what: str = "a key point"
) -> tuple[tuple[m.Inline, ...], ...]:
    """Each key point (or bio) is a line of Markdown (emphasis, links, cross-references);
    `points` pairs its text with its line in the YAML (0-based)."""
    inlines = Inlines(ctx, notes_allowed=False)
    converted = []
    for text, line in points:
        if "[^" in text:
            ctx.at(line, "[^").error(
                f"{what} cannot carry a footnote", "cite the source where the body says it"
            )
            text = text.replace("[^", "[")
        tokens = parser(ctx.language.smart_quotes).parseInline(text, {})[0].children or []
        converted.append(inlines.convert(tokens, line))
    return tuple(converted)


def _with_bios(meta: m.Meta, bios: dict[int, tuple[str, int]], ctx: Context) -> m.Meta:
    """Each author's bio, a line of Markdown like a key point, converted to inlines."""
    if not bios:
        return meta
    converted = dict(zip(bios, _key_points(list(bios.values()), ctx, what="a bio")))
    authors = tuple(
        dataclasses.replace(a, bio=converted.get(i, ())) for i, a in enumerate(meta.authors)
    )
    return dataclasses.replace(meta, authors=authors)


def _check_footnotes(blocks: Blocks, ctx: Context) -> None:
    """Defined twice is an error; defined but never called is a warning."""
    seen: dict[str, int] = {}
    for i, line in enumerate(ctx.lines):
        if line.startswith("[^") and "]:" in line:
            label = line[2 : line.index("]:")]
            if label in seen:
                ctx.at(i, line[:3]).error(
                    f"footnote [^{label}] is defined twice",
                    f"first on line {ctx.first_line + seen[label]}; keep one",
                )
            else:
                seen[label] = i
    for label, i in seen.items():
        if label not in ctx.footnote_lines:
            ctx.at(i, "[^").warning(
                f"footnote [^{label}] is defined but never used",
                f"add [^{label}] where it belongs, or delete the note",
            )
