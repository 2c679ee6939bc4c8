"""Take the papers and the output folder, produce build/manifest.json: every output with
its sha256, the inputs it came from (with theirs), and the versions of the engine, system
libraries and fonts that shaped its bytes — so a PDF can be traced to its sources and a
rebuild next year can be checked against it."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from importlib import metadata
from pathlib import Path

from .formats import FORMATS, RECORDED
from .paths import paper_folder
from .theme import TEMPLATES_DIR, Theme, load_theme

SYSTEM_PACKAGES = (
    "libpango-1.0-0",
    "libharfbuzz0b",
    "libharfbuzz-subset0",
    "fonts-noto-cjk",
    "fonts-noto-core",
)
PYTHON_PACKAGES = (
    "weasyprint",
    "pydyf",
    "fonttools",
    "python-docx",
    "lxml",
    "resvg-py",
    "markdown-it-py",
    "mdit-py-plugins",
    "jinja2",
    "pyyaml",
    "pillow",
    "segno",
    "pikepdf",
)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def paper_inputs(folder: Path, root: Path) -> dict[str, str]:
    """Every file of a paper's folder (paper.md, figures), and the CSV files its charts
    read and the library and style files it names from elsewhere, sorted, with its sha256."""
    from .inputs import paper_inputs as inputs

    files = sorted({p.resolve() for p in inputs(folder)})
    return {p.relative_to(root.resolve()).as_posix(): sha256(p) for p in files}


def bundle_files(index: Path) -> list[Path]:
    """Every file of a several-file output, whose main file is `index` (temporary files
    of a build under way, named with a leading dot, are not part of it)."""
    folder = index.parent
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def _dpkg_versions() -> dict[str, str]:
    if not shutil.which("dpkg-query"):
        return {}
    out = subprocess.run(
        ["dpkg-query", "-W", "-f", "${Package}\t${Version}\n", *SYSTEM_PACKAGES],
        capture_output=True,
        text=True,
    ).stdout
    return dict(line.split("\t", 1) for line in out.splitlines() if "\t" in line)


def _font_files(themes: list[Theme]) -> dict[str, dict[str, str]]:
    """The file and font version fontconfig picks for each family the themes name (the
    fonts' Debian package versions are under system_packages)."""
    if not shutil.which("fc-match"):
        return {}
    fonts = {}
    families = {
        stack[0]
        for theme in themes
        for language in theme.languages.values()
        for stack in language.pdf_fonts.values()
    }
    for family in sorted(families):
        found = subprocess.run(
            ["fc-match", "-f", "%{file}\t%{fontversion}", family],
            capture_output=True,
            text=True,
        ).stdout.strip()
        path, _, version = found.partition("\t")
        if path:
            fonts[family] = {"file": Path(path).name, "fontversion": version}
    return dict(sorted(fonts.items()))


def engine(themes: list[Theme]) -> dict:
    """The versions that shaped the bytes: Python packages, system libraries, font files."""
    return {
        "python_packages": _python_versions(),
        "system_packages": _dpkg_versions(),
        "fonts": _font_files(themes),
    }


def _normal(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def _python_versions() -> dict[str, str]:
    installed = {_normal(d.metadata["Name"]): d.version for d in metadata.distributions()}
    return {name: installed[name] for name in PYTHON_PACKAGES if name in installed}


def _relative(path: Path) -> str:
    """templates/<theme>/<file> for a theme in the project; a theme elsewhere as it is."""
    return (
        path.relative_to(TEMPLATES_DIR.parent).as_posix()
        if path.is_relative_to(TEMPLATES_DIR.parent)
        else path.as_posix()
    )


def _theme_of(folder: Path, theme: str | None) -> Theme:
    """The theme a paper's outputs were built in: `theme` (make's THEME) or its own."""
    from .build import choose_theme
    from .errors import ContentError
    from .reader import paper_theme

    try:
        return paper_theme(folder, choose_theme(theme))
    except ContentError:  # a paper that names no real theme has no outputs to record
        return load_theme()


def build_manifest(papers: list[Path], out_dir: Path, root: Path, theme: str | None = None) -> dict:
    outputs, themes = {}, {}
    for folder in sorted(paper_folder(p).resolve() for p in papers):
        used = _theme_of(folder, theme)
        for fmt in RECORDED:
            target = out_dir / FORMATS[fmt].target(folder.name)
            if target.is_file():
                themes[used.folder] = used
                entry = {
                    "sha256": sha256(target),
                    "bytes": target.stat().st_size,
                    "theme": used.folder.name,
                }
                if FORMATS[fmt].index:  # an output of several files: the others too
                    entry["files"] = {
                        p.relative_to(target.parent).as_posix(): sha256(p)
                        for p in bundle_files(target)
                        if p != target
                    }
                entry["inputs"] = paper_inputs(folder, root)
                outputs[FORMATS[fmt].target(folder.name)] = entry
    used_themes = list(themes.values()) or [load_theme()]
    shared = {_relative(p): sha256(p) for p in sorted({f for t in used_themes for f in t.files})}
    return {
        "outputs": outputs,
        "shared_inputs": shared,
        "engine": engine(used_themes),
        "source_date": "SOURCE_DATE_EPOCH if set, else each paper's date at 00:00 UTC",
    }


def write_manifest(papers: list[Path], out_dir: Path, root: Path, theme: str | None = None) -> Path:
    from .outputs import write_atomic

    data = build_manifest(papers, out_dir, root.resolve(), theme)
    target = out_dir / "manifest.json"
    text = json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
    write_atomic(target, text.encode("utf-8"))
    return target
