"""Take `briefing import` and `briefing diff` command lines, produce content/<slug>/ from a
DOCX or the diff of what an editor changed, with every problem as one line.

Kept outside the importer package, whose modules load python-docx, lxml and the theme:
every `briefing` command builds its argument parser from here, and only `import` and
`diff` need those."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import ContentError, UsageError, display_path


def add_commands(sub) -> None:
    command = sub.add_parser(
        "import", help="turn a Word document into content/<slug>/paper.md and its figures"
    )
    command.add_argument("docx", type=Path, metavar="DRAFT.docx")
    command.add_argument("folder", type=Path, metavar="content/<slug>")
    command.add_argument("--force", action="store_true", help="replace an existing paper.md")
    _common(command)
    command.set_defaults(run=_import)

    diff = sub.add_parser(
        "diff", help="show, as a diff of paper.md, what an editor changed in a DOCX we made"
    )
    diff.add_argument("docx", type=Path, metavar="DRAFT.docx")
    diff.add_argument("folder", type=Path, metavar="content/<slug>")
    _common(diff)
    diff.set_defaults(run=_diff)


def _common(command: argparse.ArgumentParser) -> None:
    group = command.add_mutually_exclusive_group()
    group.add_argument(
        "--accept-changes", action="store_true", help="take the document with its tracked changes"
    )
    group.add_argument(
        "--reject-changes", action="store_true", help="take it as it was before them"
    )
    command.add_argument("--theme", help="read it in this theme (default: the one it names)")
    command.add_argument("--debug", action="store_true", default=argparse.SUPPRESS)


def _read(args, changes: str):
    from .importer import NotADocx, TrackedChanges, import_docx
    from .theme import load_theme

    if not args.docx.is_file():
        raise UsageError(f"{args.docx}: no such file")
    theme = load_theme(args.theme) if args.theme else None
    try:
        return import_docx(args.docx, theme, changes=changes)
    except NotADocx:
        print(
            f"{display_path(args.docx)}: error: not a Word document (.docx) "
            "(save it from Word or LibreOffice as .docx)",
            file=sys.stderr,
        )
    except TrackedChanges as exc:
        print(
            f"{display_path(args.docx)}: error: {len(exc.changes)} tracked changes "
            "(review them, or give --accept-changes or --reject-changes)",
            file=sys.stderr,
        )
        for change in exc.changes:
            print(f"  {change.describe()}", file=sys.stderr)
    return None


def _changes(args, default: str = "") -> str:
    if args.accept_changes:
        return "accept"
    if args.reject_changes:
        return "reject"
    return default


def _warn(args, imported) -> None:
    for warning in imported.warnings:
        print(f"{display_path(args.docx)}: warning: {warning}", file=sys.stderr)


def _theme_of(imported):
    from .theme import load_theme

    named = imported.paper.meta.theme
    return load_theme(named) if named else load_theme()


def _import(args) -> int:
    from .importer.save import PaperExists, save
    from .markdown import render_markdown
    from .model import Citation
    from .reader import read_paper
    from .transform import walk

    imported = _read(args, _changes(args))
    if imported is None:
        return 1
    theme = _theme_of(imported)
    try:
        written = save(imported, args.folder, theme, force=args.force)
    except PaperExists as exc:
        raise UsageError(str(exc)) from exc
    _warn(args, imported)
    try:
        paper = read_paper(args.folder, theme)
    except ContentError as exc:
        for diagnostic in exc.diagnostics:
            print(diagnostic, file=sys.stderr)
        return 1
    again = render_markdown(paper, theme.language(paper.meta.lang))
    if again != (args.folder / "paper.md").read_text(encoding="utf-8"):
        print(
            f"{display_path(args.folder / 'paper.md')}: warning: some text reads back "
            "differently from the DOCX (see `briefing diff`)",
            file=sys.stderr,
        )
    figures = len(imported.files)
    notes = sum(1 for note in paper.footnotes if not note.citation)
    cited = sum(1 for node in walk((paper.blocks, paper.footnotes)) if isinstance(node, Citation))
    print(
        f"wrote {display_path(args.folder / 'paper.md')}"
        + (f" and {figures} figure file{'s' if figures != 1 else ''}" if figures else "")
        + f" ({notes} footnotes"
        + (f", {cited} citations)" if cited else ")")
    )
    for path in written[1 + figures :]:
        print(f"wrote {display_path(path)}: the paper cites from it, and it was not there")
    return 0


def _diff(args) -> int:
    from .importer.save import unified_diff

    changes = _changes(args, default="accept")
    imported = _read(args, changes)
    if imported is None:
        return 1
    if not (args.folder / "paper.md").is_file():
        raise UsageError(f"{args.folder}: no paper.md to compare with")
    _warn(args, imported)
    if imported.changes and not args.accept_changes and not args.reject_changes:
        print(
            f"{display_path(args.docx)}: {len(imported.changes)} tracked changes are shown "
            "accepted (--reject-changes shows the text without them)",
            file=sys.stderr,
        )
    from .reader import paper_theme

    text = unified_diff(imported, args.folder, paper_theme(args.folder))
    sys.stdout.write(text)
    if not text:
        print("no changes", file=sys.stderr)
    return 0
