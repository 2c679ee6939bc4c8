"""Take the outputs in build/, produce a verdict: rebuilt from a fresh copy of the sources
under another path, time zone, locale and file times, is every byte the same?"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

IGNORED = {".git", ".venv", "build", "__pycache__", ".pytest_cache", ".ruff_cache", ".hypothesis"}


SOURCES = ("content", "templates", "scripts", "Makefile", "pyproject.toml", "requirements.lock")


def copy_sources(root: Path, target: Path) -> None:
    """Copy what a build reads (not outputs, caches or tests), with other file times."""
    target.mkdir(parents=True)
    for name in SOURCES:
        source = root / name
        if source.is_dir():
            shutil.copytree(
                source,
                target / name,
                symlinks=True,
                ignore=lambda d, names: [
                    n for n in names if n in IGNORED or n.endswith(".egg-info")
                ],
            )
        elif source.exists():
            shutil.copy2(source, target / name)
    stamp = 946_684_800  # 2000-01-01: nothing may depend on when files were touched
    for path in target.rglob("*"):
        os.utime(path, (stamp, stamp), follow_symlinks=False)


def rebuild(copy: Path, papers: list[str], volumes: list[str], formats: list[str]) -> None:
    env = dict(
        os.environ,
        TZ="Pacific/Kiritimati",
        LC_ALL="C.UTF-8",
        LANG="C.UTF-8",
        PYTHONPATH=str(copy / "scripts"),
        PYTHONHASHSEED="12345",
    )
    # Each argument is "path=theme": the theme the manifest says the output was built in
    # (empty: the paper's own), so a `make pdf THEME=...` build verifies too.
    code = (
        "import sys; from pathlib import Path; import briefing.build as b\n"
        "assert Path(b.__file__).is_relative_to(Path.cwd()), b.__file__\n"
        "formats = sys.argv[1].split(',')\n"
        "for arg in sys.argv[2:]:\n"
        "    p, _, theme = arg.partition('=')\n"
        "    if p.endswith('.yaml'): b.build_volume(Path(p), formats, Path('build/volumes'))\n"
        "    else: b.build(Path(p), formats, Path('build'), theme=theme or None)\n"
    )
    subprocess.run(
        [sys.executable, "-c", code, ",".join(formats), *papers, *volumes],
        cwd=copy,
        env=env,
        check=True,
    )


def verify(root: Path, out_dir: Path) -> list[str]:
    """Return the outputs (papers' and volumes') that differ or are missing in the rebuild."""
    from .formats import FORMATS, RECORDED
    from .manifest import bundle_files

    themes = _recorded_themes(out_dir)
    papers, volumes, formats = set(), set(), set()
    papers_out, volumes_out = [], []
    for name in RECORDED:
        fmt = FORMATS[name]
        for path in sorted(out_dir.glob(fmt.target("*"))):
            target = path.relative_to(out_dir).as_posix()
            if not fmt.owns(target):
                continue
            papers_out += bundle_files(path) if fmt.index else [path]
            stem = fmt.stem(target)
            theme = themes.get(fmt.target(stem), "")
            papers.add(f"content/{stem}={theme}")
            formats.add(name)
        volumes_dir = out_dir / "volumes"
        for path in sorted(volumes_dir.glob(fmt.target("*"))):
            target = path.relative_to(volumes_dir).as_posix()
            if not fmt.owns(target):
                continue
            volumes_out.append(path)
            volumes.add(f"content/volumes/{fmt.stem(target)}.yaml")
            formats.add(name)
    if not papers_out and not volumes_out:
        raise FileNotFoundError(f"nothing to verify in {out_dir}/: run `make pdf docx` first")
    with tempfile.TemporaryDirectory(prefix="briefing-verify-") as tmp:
        copy = Path(tmp) / "another" / "checkout"
        copy_sources(root, copy)
        rebuild(copy, sorted(papers), sorted(volumes), sorted(formats))
        differ = []
        for output in papers_out + volumes_out:
            again = copy / "build" / output.relative_to(out_dir)
            if not again.is_file() or again.read_bytes() != output.read_bytes():
                differ.append(output.relative_to(out_dir).as_posix())
        return differ


def _recorded_themes(out_dir: Path) -> dict[str, str]:
    """{output: theme} from build/manifest.json, when there is one."""
    try:
        outputs = json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))["outputs"]
    except (OSError, ValueError, KeyError):
        return {}
    return {name: entry.get("theme", "") for name, entry in outputs.items()}
