"""Take a paper's folder (or its paper.md), produce a validated, numbered `Paper`.

Stages: decode -> split front matter -> validate it -> parse Markdown -> convert tokens to
the model -> check figures, footnotes and cross-references -> number. Every problem in the
file is collected and raised together as a ContentError before anything is written.
"""

from __future__ import annotations

import re
from pathlib import Path

from .. import model as m
from ..errors import Collector, ContentError
from ..numbering import number_paper
from ..paths import paper_path
from ..theme import Theme, load_theme
from . import frontmatter
from .assets import check_figures
from .convert import Blocks, Context, Inlines
from .markdown import parser

# Characters XML (and so the DOCX) cannot hold: C0 controls other than tab and newline,
# and the non-characters U+FFFE/U+FFFF.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
MAX_PAPER_BYTES = 2_000_000  # a briefing is tens of kB; megabytes mean a pasted binary


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
    points_ctx = Context(report, yaml_text.split("\n"), 2)  # the YAML starts on line 2
    key_points = _key_points(raw_key_points, points_ctx)
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
    for where, (ident, line, needle) in [
        (c, ref) for c in (points_ctx, ctx) for ref in c.crossrefs
    ]:
        if ident not in targets:
            kind = ident.split(":")[0]
            known = ", ".join(sorted(t for t in targets if t.startswith(kind))) or "none"
            where.at(line, needle).error(
                f"cross-reference {needle} points to no {kind} id", f"known ids: {known}"
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
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for found in list(CONTROL.finditer(text))[:5]:
        line = text.count("\n", 0, found.start()) + 1
        col = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
        report.error(
            line,
            col,
            f"invisible control character U+{ord(found[0]):04X} in the text",
            "delete it; it often comes with text pasted from PDFs or Word",
        )
    return text


def _key_points(points: list[tuple[str, int]], ctx: Context) -> tuple[tuple[m.Inline, ...], ...]:
    """Each key point is a line of Markdown (emphasis, links, cross-references); `points`
    pairs its text with its line in the YAML (0-based)."""
    inlines = Inlines(ctx)
    converted = []
    for text, line in points:
        if "[^" in text:
            ctx.at(line, "[^").error(
                "a key point cannot carry a footnote", "cite the source where the body says it"
            )
            text = text.replace("[^", "[")
        converted.append(inlines.convert(parser().parseInline(text, {})[0].children or [], line))
    return tuple(converted)


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
