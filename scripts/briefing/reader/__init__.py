"""Take a paper's folder (or its paper.md), produce a validated, numbered `Paper`.

Stages: decode -> split front matter -> validate it -> parse Markdown -> convert tokens to
the model -> check figures, footnotes and cross-references -> number. Every problem in the
file is collected and raised together as a ContentError before anything is written.
"""

from __future__ import annotations

from pathlib import Path

from .. import model as m
from ..errors import Collector, ContentError
from ..numbering import number_paper
from ..theme import Theme, load_theme
from . import frontmatter
from .assets import check_figures
from .convert import Blocks, Context, Inlines
from .markdown import parser

MAX_PAPER_BYTES = 2_000_000  # a briefing is tens of kB; megabytes mean a pasted binary


def paper_path(path: Path) -> Path:
    return path / "paper.md" if path.is_dir() else path


def read_paper(path: Path, theme: Theme | None = None, warnings: list | None = None) -> m.Paper:
    theme = theme or load_theme()
    source = paper_path(Path(path))
    report = Collector(source)
    text = _decode(source, report)
    report.raise_if_errors()
    split = frontmatter.split(text, report)
    report.raise_if_errors()
    yaml_text, body, first_line = split
    parsed = frontmatter.parse(yaml_text, report)
    report.raise_if_errors()
    meta, raw_key_points = parsed

    env: dict = {}
    tokens = parser().parse(body, env)
    ctx = Context(report, body.split("\n"), first_line)
    blocks = Blocks(ctx)
    content = blocks.convert(tokens)
    key_points = _key_points(raw_key_points, ctx)
    check_figures(ctx, source.parent)
    _check_footnotes(env, blocks, ctx, body)
    if not content and not report.errors:
        report.error(
            first_line, 1, "the paper has no body text", "write the sections after the front matter"
        )

    footnotes = tuple(sorted(blocks.footnotes.values(), key=lambda f: f.number))
    paper = m.Paper(
        meta,
        key_points,
        content,
        footnotes,
        folder=source.parent.resolve(),
        slug=source.parent.name,
    )
    paper, targets = number_paper(paper, theme)
    for ident, line, needle in ctx.crossrefs:
        if ident not in targets:
            known = (
                ", ".join(sorted(t for t in targets if t.startswith(ident.split(":")[0]))) or "none"
            )
            ctx.at(line, needle).error(
                f"cross-reference {needle} points to no {ident.split(':')[0]} id",
                f"known ids: {known}",
            )
    report.raise_if_errors()
    if warnings is not None:
        warnings.extend(report.warnings)
    return paper


def _decode(source: Path, report: Collector) -> str:
    try:
        raw = source.read_bytes()
    except FileNotFoundError:
        report.error(1, 1, "file not found", "give a paper folder holding paper.md")
        return ""
    except OSError as exc:
        report.error(1, 1, f"cannot read the file: {exc.strerror}")
        return ""
    if len(raw) > MAX_PAPER_BYTES:
        report.error(
            1,
            1,
            f"paper.md is {len(raw) // 1_000_000} MB; a briefing is far smaller",
            "check that the right file was saved as paper.md",
        )
        return ""
    try:
        text = raw.decode("utf-8-sig")  # a UTF-8 BOM (Windows editors) is accepted
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        report.error(
            line,
            col,
            "the file is not UTF-8 text",
            "save it as UTF-8; in Word: Save As, Plain Text, Unicode UTF-8",
        )
        return ""
    if "\x00" in text:
        report.error(
            1, 1, "the file contains NUL bytes and is not a text file", "save it as UTF-8 text"
        )
        return ""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _key_points(texts: list[str], ctx: Context) -> tuple[tuple[m.Inline, ...], ...]:
    """Each key point is a line of Markdown (emphasis, links, cross-references)."""
    inlines = Inlines(ctx)
    return tuple(
        inlines.convert(parser().parseInline(text, {})[0].children or [], 0) for text in texts
    )


def _check_footnotes(env: dict, blocks: Blocks, ctx: Context, body: str) -> None:
    """Defined twice is an error; defined but never called is a warning."""
    lines = body.split("\n")
    seen: dict[str, int] = {}
    for i, line in enumerate(lines):
        if line.startswith("[^") and "]:" in line:
            label = line[2 : line.index("]:")]
            if label in seen:
                ctx.at(i, line[:3]).error(
                    f"footnote [^{label}] is defined twice",
                    f"first on line {ctx.first_line + seen[label]}; keep one",
                )
            else:
                seen[label] = i
    used = set(blocks.footnotes)
    for label, i in seen.items():
        if label not in used:
            ctx.at(i, "[^").warning(
                f"footnote [^{label}] is defined but never used",
                f"add [^{label}] where it belongs, or delete the note",
            )


__all__ = ["read_paper", "paper_path", "ContentError"]
