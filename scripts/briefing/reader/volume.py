"""Take content/volumes/<name>.yaml, produce a Volume: its papers read, validated and
numbered in the order the volume gives (三、四、五、…), each keeping its own footnote,
figure and table numbering."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import yaml

from .. import model as m
from ..errors import Collector, ContentError
from ..theme import Theme, load_theme
from . import frontmatter, read_paper
from .convert import Blocks, Context
from .markdown import parser


def volume_inputs(path: Path) -> list[Path]:
    """The files a volume is made from: its YAML and every file of the papers it names
    (for the Makefile's dependency list; unreadable entries are left to read_volume)."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return [path]
    root = path.parent.parent
    files = [path]
    for slug in data.get("papers", []) if isinstance(data, dict) else []:
        folder = root / str(slug)
        files += sorted(p for p in folder.rglob("*") if p.is_file() and " " not in str(p))
    return files


def read_volume(path: Path, theme: Theme | None = None, warnings: list | None = None) -> m.Volume:
    theme = theme or load_theme()
    path = Path(path)
    report = Collector(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        report.error(1, 1, f"cannot read the volume file: {exc}", "save it as UTF-8 YAML")
        report.raise_if_errors()
    loaded = frontmatter.load_validated(text, "volume", report, offset=0)
    report.raise_if_errors()
    data, node = loaded
    content_root = path.resolve().parent.parent  # content/volumes/x.yaml -> content/
    first = data.get("first_number", 1)

    papers, problems = [], []
    for index, slug in enumerate(data["papers"]):
        folder = content_root / slug
        line, col = frontmatter.position(node, ("papers", index))
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
        meta = dataclasses.replace(paper.meta, number=first + index)
        papers.append(dataclasses.replace(paper, meta=meta))

    preface: tuple[m.Block, ...] = ()
    if data.get("preface", "").strip():
        line, _ = frontmatter.position(node, ("preface",))
        ctx = Context(report, text.split("\n"), line)
        preface = Blocks(ctx).convert(parser().parse(data["preface"], {}))
    if problems or report.errors:
        raise ContentError(problems + sorted(report.errors, key=lambda d: (d.line, d.col)))
    return m.Volume(
        title=data["title"].strip(),
        date=dt.date.fromisoformat(data["date"]),
        lang=data.get("lang", "en"),
        papers=tuple(papers),
        subtitle=data.get("subtitle", "").strip(),
        publisher=data.get("publisher", "").strip(),
        preface=preface,
        slug=path.stem,
        content_root=content_root,
    )
