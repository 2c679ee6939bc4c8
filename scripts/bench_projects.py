"""Take this repository, produce throwaway projects to build in (a paper, make, a series)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv"
PYTHON = VENV / "bin" / "python"
BRIEFING = VENV / "bin" / "briefing"
SEED = "zh-russia-ukraine-kazakhstan"
REPO_FILES = ("Makefile", "scripts", "templates", "pyproject.toml", "requirements.lock")


def copy_paper(slug: str, into: Path) -> Path:
    target = into / "content" / slug
    shutil.copytree(ROOT / "content" / slug, target)
    return target


def copy_repo(into: Path) -> Path:
    """The files `make` needs, plus a .venv that shares the real one's interpreter and
    packages but has its own bootstrap stamp (the hash scripts/bootstrap expects), written
    last so make sees it newer than its prerequisites and never runs bootstrap, and so no
    pip install can reach the real .venv from here."""
    into.mkdir(parents=True)
    skip = shutil.ignore_patterns("__pycache__", "*.egg-info")
    for name in REPO_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, into / name, symlinks=True, ignore=skip)
        else:
            shutil.copy2(source, into / name)
    (into / "content").mkdir()
    venv = into / ".venv"
    venv.mkdir()
    for entry in VENV.iterdir():
        if not entry.name.startswith(".bootstrap-"):
            (venv / entry.name).symlink_to(entry)
    digest = subprocess.run(
        "cat requirements.lock pyproject.toml | sha256sum | cut -d' ' -f1",
        shell=True,
        cwd=into,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    (venv / ".bootstrap-runtime").write_text(digest)
    return into


def make_series(into: Path, *args: str) -> list[str]:
    """Generated papers in `into`/content (scripts/make_series.py `args`); their slugs."""
    script = ROOT / "scripts" / "make_series.py"
    subprocess.run([PYTHON, script, into, *args], capture_output=True, check=True)
    return sorted(p.parent.name for p in (into / "content").glob("*/paper.md"))
