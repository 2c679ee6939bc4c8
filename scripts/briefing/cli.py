"""Take the command line, produce builds or checks, and turn every failure into one line.

Exit status: 0 done, 1 the content has errors, 2 the command line is wrong, 3 an
internal error (a bug: the message says where to report it; `--debug` shows the traceback).
"""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from .errors import ContentError, Diagnostic, UsageError, display_path

REPORT_BUGS = "please report it with the paper attached (see README.md, 'Reporting problems')"


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except UsageError as exc:
        print(f"briefing: error: {exc}", file=sys.stderr)
        return 2
    except ContentError as exc:  # a theme's mistakes, found before any paper is read
        for diagnostic in exc.diagnostics:
            print(diagnostic, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("briefing: interrupted; no output was changed", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - the one place that turns bugs into a message
        if args.debug:
            traceback.print_exc()
        print(
            f"briefing: internal error: {type(exc).__name__}: {exc}; {REPORT_BUGS}", file=sys.stderr
        )
        return 3


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="briefing", description=__doc__.splitlines()[0])
    parser.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(required=True, metavar="COMMAND")

    build = sub.add_parser("build", help="build PDF/DOCX/HTML for one or more papers")
    build.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="paper folder (content/<slug>) or its paper.md",
    )
    build.add_argument(
        "--jobs", "-j", type=int, default=1, help="build papers in this many worker processes"
    )
    build.add_argument(
        "--queue",
        type=Path,
        help="a file of 'content/<slug> <format>' lines (written by make) to build and remove",
    )
    build.add_argument(
        "--format", "-f", default="pdf", help="comma-separated formats (`briefing formats`)"
    )
    build.add_argument("--out", "-o", type=Path, default=Path("build"), help="output folder")
    _theme_options(build)
    build.add_argument("--debug", action="store_true", default=argparse.SUPPRESS)
    build.set_defaults(run=_build)

    manifest = sub.add_parser("manifest", help="write OUT/manifest.json for the built papers")
    manifest.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    manifest.add_argument("--out", "-o", type=Path, default=Path("build"))
    manifest.add_argument("--theme", help="the theme the papers were built with (make's THEME)")
    manifest.add_argument("--debug", action="store_true", default=argparse.SUPPRESS)
    manifest.set_defaults(run=_manifest)

    verify = sub.add_parser("verify", help="rebuild elsewhere and compare with OUT, byte by byte")
    verify.add_argument("--out", "-o", type=Path, default=Path("build"))
    verify.add_argument("--debug", action="store_true", default=argparse.SUPPRESS)
    verify.set_defaults(run=_verify)

    volume = sub.add_parser("volume", help="bind papers listed in a volume file into one PDF/DOCX")
    volume.add_argument(
        "paths", nargs="+", type=Path, metavar="VOLUME", help="content/volumes/<name>.yaml"
    )
    volume.add_argument("--format", "-f", default="pdf,docx", help="pdf, docx (default both)")
    volume.add_argument("--out", "-o", type=Path, default=Path("build/volumes"))
    _theme_options(volume)
    volume.add_argument("--debug", action="store_true", default=argparse.SUPPRESS)
    volume.set_defaults(run=_volume)

    watch = sub.add_parser("watch", help="rebuild papers whenever their files change")
    watch.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    watch.add_argument("--format", "-f", default="pdf")
    watch.add_argument("--out", "-o", type=Path, default=Path("build"))
    _theme_options(watch)
    watch.add_argument("--debug", action="store_true", default=argparse.SUPPRESS)
    watch.set_defaults(run=_watch)

    serve = sub.add_parser(
        "serve", help="preview papers in a browser, updated on every save (127.0.0.1 only)"
    )
    serve.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help="paper folders (default: content/*)"
    )
    serve.add_argument("--port", "-p", type=int, default=8000, help="0 picks a free port")
    serve.add_argument("--out", "-o", type=Path, default=Path("build"))
    serve.add_argument(
        "--dpi", type=int, default=144, help="page images' resolution (144: 1.5 per CSS pixel)"
    )
    _theme_options(serve)
    serve.add_argument("--debug", action="store_true", default=argparse.SUPPRESS)
    serve.set_defaults(run=_serve)

    deps = sub.add_parser("deps")  # for the Makefile: what outputs depend on
    deps.add_argument("paths", nargs="+", type=Path)
    deps.add_argument("--out", "-o", type=Path, default=Path("build/volumes"))
    deps.add_argument("--self", help="the rules file being written: remade when a folder changes")
    deps.add_argument("--debug", action="store_true", default=argparse.SUPPRESS)
    deps.set_defaults(run=_deps)

    web_index = sub.add_parser(
        "web-index", help="write OUT/web/index.html listing the papers' web editions"
    )
    web_index.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    web_index.add_argument("--out", "-o", type=Path, default=Path("build"))
    web_index.add_argument("--theme", help="the theme the papers were built with (make's THEME)")
    web_index.add_argument("--debug", action="store_true", default=argparse.SUPPRESS)
    web_index.set_defaults(run=_web_index)

    formats = sub.add_parser("formats", help="list the output formats")
    formats.add_argument("--make", action="store_true", help="as make variables (the Makefile)")
    formats.add_argument("--debug", action="store_true", default=argparse.SUPPRESS)
    formats.set_defaults(run=_list_formats)

    extract = sub.add_parser(
        "extract", help="write out the sources an archive PDF carries (build/archive/<slug>.pdf)"
    )
    extract.add_argument("pdf", type=Path, metavar="PDF")
    extract.add_argument("folder", type=Path, metavar="DIR")
    extract.add_argument("--debug", action="store_true", default=argparse.SUPPRESS)
    extract.set_defaults(run=_extract)

    check = sub.add_parser(
        "check", help="validate papers (or volume files) without writing anything"
    )
    check.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    check.add_argument("--theme", help="check against this theme instead of the paper's own")
    check.add_argument("--debug", action="store_true", default=argparse.SUPPRESS)
    check.set_defaults(run=_check)

    from .import_commands import add_commands as add_import_commands
    from .scaffold import add_commands

    add_commands(sub)
    add_import_commands(sub)
    return parser


def _version() -> str:
    """The installed package's version (pyproject.toml), as pip knows it."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("briefing")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "(not installed)"


def is_volume_file(path: Path) -> bool:
    return path.suffix.lower() in (".yaml", ".yml")


def _papers_only(paths: list[Path], command: str) -> None:
    """A volume file given where papers are expected: say which command binds it."""
    for path in paths:
        if is_volume_file(path):
            raise UsageError(
                f"{path} is a volume file; bind it with `briefing volume {path}`"
                f" ({command} takes paper folders, content/<slug>)"
            )


def _theme_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--theme",
        help="build in this theme (a folder under templates/), whatever the paper names",
    )
    command.add_argument(
        "--draft", action="store_true", help="mark every page DRAFT, as `status: draft` does"
    )


def _theme_name(args) -> str | None:
    """--theme, checked here so a wrong name is one usage error, not one per paper."""
    from .theme import ThemeNotFound, theme_folder

    name = getattr(args, "theme", None)
    if name:
        try:
            theme_folder(name)
        except ThemeNotFound as exc:
            raise UsageError(f"--theme: {exc}") from exc
    return name or None


def _formats(text: str) -> list[str]:
    from .formats import FORMATS, names_text

    formats = [f.strip().lower() for f in text.split(",") if f.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise UsageError(f"unknown format '{','.join(unknown) or text}' (use {names_text()})")
    return formats


def _each_paper(paths: list[Path], action) -> int:
    """Run `action` on every paper, report every problem, return the exit status."""
    status = 0
    for path in paths:
        warnings: list[Diagnostic] = []
        try:
            action(path, warnings)
        except ContentError as exc:
            for diagnostic in exc.diagnostics:
                print(diagnostic, file=sys.stderr)
            status = 1
        finally:
            for warning in warnings:
                print(warning, file=sys.stderr)
    return status


def _build(args) -> int:
    if args.queue is None and not args.paths:
        raise UsageError("give at least one paper folder (content/<slug>)")
    if args.queue is not None:
        return _build_queue(args)
    _papers_only(args.paths, "build")
    return _build_batch(args, [(p, _formats(args.format)) for p in args.paths])


def _build_queue(args) -> int:
    """Build what make queued: each paper once, with every format queued for it."""
    wanted: dict[Path, list[str]] = {}
    try:
        lines = args.queue.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return 0
    for line in lines:
        folder, _, fmt = line.strip().rpartition(" ")
        if folder:
            formats = wanted.setdefault(Path(folder), [])
            if fmt not in formats:
                formats.append(_formats(fmt)[0])
    status = _build_batch(args, sorted(wanted.items()))
    args.queue.unlink(missing_ok=True)
    return status


def _build_batch(args, work: list[tuple[Path, list[str]]]) -> int:
    from .batch import build_many

    status = 0

    def report(result) -> None:
        nonlocal status
        written, errors, warnings = result
        for output in written:
            print(f"wrote {display_path(output)}", flush=True)
        for diagnostic in [*errors, *warnings]:
            print(diagnostic, file=sys.stderr)
        if errors:
            status = 1

    theme = _theme_name(args)
    build_many(work, args.out, jobs=args.jobs, report=report, theme=theme, draft=args.draft)
    return status


def _volume(args) -> int:
    from .build import build_volume
    from .formats import FORMATS

    formats = _formats(args.format)
    for path in args.paths:
        if path.is_dir():
            raise UsageError(
                f"{path} is a folder; `briefing volume` takes a volume file such as "
                f"content/volumes/<name>.yaml (build a paper with `briefing build {path}`)"
            )
    single = [f for f in formats if FORMATS[f].render_volume is None]
    if single:
        volumes = ", ".join(f for f, fmt in FORMATS.items() if fmt.render_volume)
        raise UsageError(f"a volume has no {', '.join(single)} edition (use {volumes})")
    theme = _theme_name(args)

    def action(path: Path, warnings: list) -> None:
        written = build_volume(
            path, formats, args.out, theme=theme, warnings=warnings, draft=args.draft
        )
        for output in written:
            print(f"wrote {display_path(output)}")

    return _each_paper(args.paths, action)


def _deps(args) -> int:
    """make rules naming every file each paper's (or volume's) outputs are made from."""
    from .deps import paper_rules, rules_file_rule, volume_rules

    for path in args.paths:
        rules = (
            volume_rules(path, args.out) if path.suffix == ".yaml" else paper_rules(path, args.out)
        )
        print(rules)
    if args.self:
        print(rules_file_rule(args.self, args.paths))
    return 0


def _watch(args) -> int:
    from .watch import run

    _papers_only(args.paths, "watch")
    return run(
        args.paths, _formats(args.format), args.out, theme=_theme_name(args), draft=args.draft
    )


def _web_index(args) -> int:
    """The web editions' index: every paper given whose page is built, read again for its
    title block (a paper with errors is reported and left out)."""
    from .build import choose_theme
    from .formats import FORMATS
    from .outputs import write_atomic
    from .paths import paper_folder
    from .reader import paper_theme, read_paper
    from .theme import load_theme
    from .web import render_index

    chosen = choose_theme(_theme_name(args))  # else each paper's own, as it was built
    built = [
        p for p in args.paths if (args.out / FORMATS["web"].target(paper_folder(p).name)).is_file()
    ]
    papers = []

    def action(path: Path, warnings: list) -> None:
        papers.append(read_paper(path, paper_theme(path, chosen), warnings=warnings))

    status = _each_paper(built, action)
    target = args.out / FORMATS["web"].folder / "index.html"
    write_atomic(target, render_index(papers, chosen or load_theme()))
    print(f"wrote {display_path(target)}")
    return status


def _serve(args) -> int:
    from .serve import run

    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port {args.port}: use 0 to 65535")
    if not 36 <= args.dpi <= 600:
        raise UsageError(f"--dpi {args.dpi}: use 36 to 600")
    return run(args.paths, args.port, args.out, args.dpi, theme=_theme_name(args), draft=args.draft)


def _manifest(args) -> int:
    from .manifest import write_manifest

    written = write_manifest(args.paths, args.out, Path.cwd(), theme=_theme_name(args))
    print(f"wrote {display_path(written)}")
    return 0


def _verify(args) -> int:
    from .verify import verify

    try:
        differ = verify(Path.cwd(), args.out)
    except FileNotFoundError as exc:
        raise UsageError(str(exc)) from exc
    for name in differ:
        print(
            f"{display_path(args.out / name)}: differs when rebuilt from a fresh copy",
            file=sys.stderr,
        )
    if not differ:
        print(f"verified: every output in {display_path(args.out)} rebuilds byte for byte")
    return 1 if differ else 0


def _extract(args) -> int:
    import json

    import pikepdf

    from .archive import MANIFEST, UnsafeName, extract

    try:
        written = extract(args.pdf, args.folder)
    except FileNotFoundError as exc:
        raise UsageError(f"{args.pdf}: no such file") from exc
    except pikepdf.PdfError as exc:
        raise UsageError(f"{args.pdf}: not a PDF ({exc})") from exc
    except UnsafeName as exc:
        raise UsageError(f"{args.pdf}: {exc}; nothing was written") from exc
    if not written:
        raise UsageError(f"{args.pdf} carries no attached files (is it an archive edition?)")
    for path in written:
        print(f"wrote {display_path(path)}")
    record = args.folder / MANIFEST
    if record.is_file():
        command = json.loads(record.read_text(encoding="utf-8")).get("rebuild", "")
        if command:
            folder = display_path(args.folder)
            print(f"rebuild it with: {command.replace('DIR/', folder.rstrip('/') + '/')}")
    return 0


def _list_formats(args) -> int:
    from .formats import FORMATS

    if args.make:
        # The Makefile includes this: one output pattern per format, relative to $(OUT).
        print(f"PAPER_FORMATS := {' '.join(FORMATS)}")
        for name, fmt in FORMATS.items():
            print(f"FORMAT_{name} := {fmt.target('%')}")
            # The make goal that builds it: its own name, or its edition's (print).
            print(f"GOAL_{name} := {fmt.goal or name}")
        return 0
    for name, fmt in FORMATS.items():
        print(f"{name:8} build/{fmt.target('<slug>'):26} {fmt.description}")
    return 0


def _check(args) -> int:
    from .build import choose_theme
    from .reader import read_paper
    from .reader.volume import read_volume

    theme = choose_theme(_theme_name(args))

    def action(path: Path, warnings: list) -> None:
        if is_volume_file(path):
            volume = read_volume(path, theme, warnings=warnings)
            count = len(volume.papers)
            print(f"{display_path(path)}: ok ({count} paper{'' if count == 1 else 's'})")
            return
        paper = read_paper(path, theme, warnings=warnings)
        notes = len(paper.footnotes)
        counted = {0: "no footnotes", 1: "1 footnote"}.get(notes, f"{notes} footnotes")
        print(f"{display_path(path)}: ok ({counted})")

    return _each_paper(args.paths, action)


if __name__ == "__main__":
    sys.exit(main())
