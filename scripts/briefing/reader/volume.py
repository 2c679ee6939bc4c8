"""Take content/volumes/<name>.yaml, produce a Volume: its papers read, validated and
numbered in the order the volume gives (三、四、五、…), each keeping its own footnote,
figure and table numbering; its preface read and checked like a paper's text; and the
printed lines of its cover and contents."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import yaml

from .. import model as m
from ..errors import Collector, ContentError
from ..numbering import number_blocks, resolve_references, title_block, word_page_references
from ..theme import Theme, ThemeNotFound, load_theme
from ..yamlcheck import load_checked, node_at, position
from ..yamlfast import fast_load
from . import check_references, read_markdown, read_paper
from .context import Context
from .frontmatter import describe_for, named_theme, with_languages


def volume_inputs(path: Path) -> list[Path]:
    """The files a volume is made from: its YAML and every input of the papers it names
    (for the Makefile's dependency list; unreadable entries are left to read_volume)."""
    from ..inputs import paper_inputs

    path = Path(path)
    try:
        data = fast_load(path.read_text(encoding="utf-8-sig")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return [path]
    root = path.parent.parent
    files = [path]
    for slug in data.get("papers", []) if isinstance(data, dict) else []:
        folder = root / str(slug)
        if folder.is_dir():
            files += paper_inputs(folder)  # with its charts' CSV files, library and style
    return files


def volume_theme(path: Path, theme: Theme | None = None) -> Theme:
    """The theme a volume is built with: `theme` if given, else the one it names."""
    if theme is not None:
        return theme
    path = Path(path)
    report = Collector(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return load_theme()  # read_volume says why
    named = named_theme(text)
    if named is None:
        return load_theme()
    name, line, col = named
    try:
        return load_theme(name)
    except ThemeNotFound as exc:
        report.error(line, col, f"theme: {exc}", "name a folder under templates/")
        report.raise_if_errors()
        raise


def read_volume(
    path: Path, theme: Theme | None = None, warnings: list | None = None, *, draft: bool = False
) -> m.Volume:
    """The volume and its papers, in `theme` (else the volume's own); `draft`, a
    `status: draft` in the volume or in any of its papers marks every page a draft."""
    path = Path(path)
    theme = volume_theme(path, theme)
    report = Collector(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        report.error(1, 1, f"cannot read the volume file: {exc}", "save it as UTF-8 YAML")
        report.raise_if_errors()
    loaded = load_checked(
        text,
        with_languages("volume", theme),
        report,
        what="the volume file",
        describe=describe_for(theme),
    )
    report.raise_if_errors()
    data, node = loaded
    language = theme.language(data.get("lang", "en"))
    content_root = path.resolve().parent.parent  # content/volumes/x.yaml -> content/
    first = data.get("first_number", 1)

    papers, problems = [], []
    for index, slug in enumerate(data["papers"]):
        folder = content_root / slug
        line, col = position(node, ("papers", index))
        if not (folder / "paper.md").is_file():
            report.error(
                line,
                col,
                f"no paper '{slug}' in {content_root.name}/",
                f"add {content_root.name}/{slug}/paper.md or fix the name",
            )
            continue
        try:
            paper = read_paper(folder, theme, warnings=warnings)
        except ContentError as exc:
            problems.extend(exc.diagnostics)
            continue
        papers.append(paper)

    draft = draft or data.get("status") == "draft" or any(p.meta.status == "draft" for p in papers)
    status = "draft" if draft else ""
    for index, paper in enumerate(papers):
        meta = dataclasses.replace(paper.meta, number=first + index, status=status)
        own = theme.language(meta.lang)
        papers[index] = dataclasses.replace(paper, meta=meta, title_block=title_block(meta, own))

    preface = _preface(data, node, text, report, theme, language)
    if problems or report.errors:
        raise ContentError(problems + sorted(report.errors, key=lambda d: (d.line, d.col)))
    if warnings is not None:
        warnings.extend(report.warnings)
    return m.Volume(
        title=data["title"].strip(),
        date=dt.date.fromisoformat(data["date"]),
        lang=language.code,
        papers=tuple(papers),
        subtitle=data.get("subtitle", "").strip(),
        publisher=data.get("publisher", "").strip(),
        preface=preface,
        slug=path.stem,
        date_text=language.format_date(dt.date.fromisoformat(data["date"])),
        contents_title=language.word("contents"),
        # Each paper's authors are joined as its own language joins them (、 in a
        # Chinese paper), whatever the volume's language.
        contents=tuple(
            m.ContentsEntry(
                p.slug,
                p.title_block.numbered_title,
                theme.language(p.meta.lang).join_authors(list(p.title_block.authors)),
            )
            for p in papers
        ),
        # The cover and contents carry what the volume holds: every paper's marking.
        marking=language.join_markings([p.meta.marking for p in papers]),
        content_root=content_root,
        watermark=language.word("draft") if draft else "",
        status=status,
    )


def _preface(data, node, text, report, theme, language) -> tuple[m.Block, ...]:
    """The preface's Markdown, read and checked like a paper's text, at its lines in the file."""
    source = data.get("preface", "")
    if not source.strip():
        return ()
    scalar = node_at(node, ("preface",))
    lines = text.split("\n")
    if scalar.style in ("|", ">"):  # a block: the text starts on the next line, indented
        first = scalar.start_mark.line + 1
        body = lines[first] if first < len(lines) else ""
        indent = len(body) - len(body.lstrip(" "))
        ctx_lines = [ln[indent:] for ln in lines[first:]]
        ctx = Context(report, ctx_lines, first + 1, theme, language, col_offset=indent)
    else:  # on the key's line, perhaps quoted
        quote = 1 if scalar.style in ("'", '"') else 0
        column = scalar.start_mark.column + quote
        ctx_lines = [lines[scalar.start_mark.line][column:], *lines[scalar.start_mark.line + 1 :]]
        ctx = Context(
            report, ctx_lines, scalar.start_mark.line + 1, theme, language, col_offset=column
        )
    blocks = read_markdown(source, ctx, where="preface")
    blocks, targets = number_blocks(blocks, language)
    check_references((ctx,), targets)
    return word_page_references(resolve_references(blocks, targets), language)
