"""Take a paper (or volume) and its theme, produce the files its archive copy carries as
PDF/A-3 associated files — its paper.md, figures and data, the theme it was built in, and
its build record — and take an archived PDF, produce those files again in a folder.

The names are the project's own paths (`content/<slug>/paper.md`,
`templates/<theme>/theme.yaml`, `manifest.json`), so the extracted folder is a project:
`briefing build DIR/content/<slug> --format archive --theme DIR/templates/<theme>` gives
the same PDF, byte for byte (the build record names the command, date and engine).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import mimetypes
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from . import model as m
from .theme import Theme

MANIFEST = "manifest.json"
FIGURE_SUFFIXES = {".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".tif", ".tiff"}
# MIME types by suffix, fixed here so the bytes do not depend on the machine's mime.types.
MIME = {
    ".md": "text/markdown",
    ".yaml": "application/yaml",
    ".yml": "application/yaml",
    ".json": "application/json",
    ".csv": "text/csv",
    ".j2": "text/plain",
    ".css": "text/css",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".icc": "application/vnd.iccprofile",
    ".bib": "text/plain",
    ".txt": "text/plain",
}


@dataclass(frozen=True)
class Source:
    """One associated file: its name in the archive, bytes, relationship to the PDF
    (PDF/A-3's /AFRelationship: Source, Data or Supplement) and what it is."""

    name: str
    data: bytes
    relationship: str
    description: str

    @property
    def mime(self) -> str:
        suffix = PurePosixPath(self.name).suffix.lower()
        return MIME.get(suffix) or mimetypes.types_map.get(suffix, "application/octet-stream")


def _paper_files(folder: Path, slug: str) -> list[Source]:
    """The paper's folder, and what it reads from folders papers share: the data its
    charts are drawn from (`content/data/x.csv`), the library and style its citations are
    written from (`content/shared/library.bib`), named from the content folder as the
    project names them."""
    from .inputs import chart_data_files, named_files

    root = folder.resolve().parent
    out = []
    shared = [
        *((p, "Data", "data a chart of the paper is drawn from") for p in chart_data_files(folder)),
        *((p, "Source", "a library or style the paper cites with") for p in named_files(folder)),
    ]
    cited = {p.resolve() for p in named_files(folder)}
    for path, kind, what in sorted({(p.resolve(), k, w) for p, k, w in shared}):
        if not path.is_relative_to(folder.resolve()) and path.is_relative_to(root):
            name = f"content/{path.relative_to(root).as_posix()}"
            out.append(Source(name, path.read_bytes(), kind, what))
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = path.relative_to(folder).as_posix()
        if rel == "paper.md":
            kind, what = "Source", "the paper's text and front matter"
        elif path.suffix.lower() in FIGURE_SUFFIXES:
            kind, what = "Source", "a figure of the paper"
        elif path.resolve() in cited:
            kind, what = "Source", "a library or style the paper cites with"
        else:
            kind, what = "Data", "data the paper's figures or tables are made from"
        out.append(Source(f"content/{slug}/{rel}", path.read_bytes(), kind, what))
    return out


def _theme_files(theme: Theme) -> list[Source]:
    """Every file of the theme, of the themes it extends, and of the default templates,
    first found first (a theme's own template hides the default's)."""
    found: dict[str, Source] = {}
    for folder in theme.folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            name = f"templates/{folder.name}/{path.relative_to(folder).as_posix()}"
            what = f"the theme '{folder.name}' the PDF was built in"
            found.setdefault(name, Source(name, path.read_bytes(), "Supplement", what))
    return list(found.values())


def _record(output: str, theme: Theme, timestamp: dt.datetime, command: str, sources) -> Source:
    """The build record: what was built from what, by which engine, and how to rebuild."""
    from .manifest import engine

    entry = {
        "output": output,
        "theme": theme.folder.name,
        "source_date": timestamp.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "rebuild": command,
        "inputs": {s.name: hashlib.sha256(s.data).hexdigest() for s in sources},
        "engine": engine([theme]),
    }
    text = json.dumps(entry, indent=2, ensure_ascii=False) + "\n"
    what = "the build record: inputs with their sha256, engine versions, the rebuild command"
    return Source(MANIFEST, text.encode("utf-8"), "Supplement", what)


def _command(kind: str, path: str, theme: Theme, timestamp: dt.datetime, draft: bool) -> str:
    epoch = int(timestamp.timestamp())
    flags = f" --theme DIR/templates/{theme.folder.name}" + (" --draft" if draft else "")
    out = "OUT/volumes" if kind == "volume" else "OUT"
    command = f"briefing {kind} DIR/{path} --format archive{flags} --out {out}"
    return f"SOURCE_DATE_EPOCH={epoch} {command}"


def paper_sources(paper: m.Paper, theme: Theme, timestamp: dt.datetime) -> list[Source]:
    sources = _paper_files(paper.folder, paper.slug) + _theme_files(theme)
    draft = paper.meta.status == "draft"
    command = _command("build", f"content/{paper.slug}", theme, timestamp, draft)
    record = _record(f"archive/{paper.slug}.pdf", theme, timestamp, command, sources)
    return sorted([*sources, record], key=lambda s: s.name)


def volume_sources(volume: m.Volume, theme: Theme, timestamp: dt.datetime) -> list[Source]:
    yaml_path = volume.content_root / "volumes" / f"{volume.slug}.yaml"
    name = f"content/volumes/{volume.slug}.yaml"
    sources = [Source(name, yaml_path.read_bytes(), "Source", "the volume's contents and order")]
    for paper in volume.papers:
        sources += _paper_files(paper.folder, paper.slug)
    sources += _theme_files(theme)
    sources = list({s.name: s for s in sources}.values())  # papers may share a data file
    command = _command("volume", name, theme, timestamp, volume.status == "draft")
    record = _record(f"volumes/archive/{volume.slug}.pdf", theme, timestamp, command, sources)
    return sorted([*sources, record], key=lambda s: s.name)


def attach_step(sources: list[Source], timestamp: dt.datetime):
    """The finishing step that embeds `sources` as associated files: each in the
    EmbeddedFiles name tree and in the catalog's /AF, with its /AFRelationship, MIME
    type, size, checksum and date (ISO 19005-3, 6.8)."""
    date = timestamp.strftime("D:%Y%m%d%H%M%SZ")

    def step(pdf) -> None:
        import pikepdf

        specs = []
        for source in sources:
            spec = pikepdf.AttachedFileSpec(
                pdf,
                source.data,
                description=source.description,
                filename=source.name,
                mime_type=source.mime,
                creation_date=date,
                mod_date=date,
                relationship=pikepdf.Name("/" + source.relationship),
            )
            pdf.attachments[source.name] = spec
            specs.append(pdf.attachments[source.name].obj)
        pdf.Root.AF = pdf.make_indirect(pikepdf.Array(specs))

    return step


class UnsafeName(ValueError):
    """An attachment whose name would write outside the folder."""


def safe_path(folder: Path, name: str) -> Path:
    """Where the attachment `name` goes inside `folder`; refuses absolute names and `..`."""
    parts = PurePosixPath(name).parts
    if not parts or name.startswith("/") or "\\" in name or ".." in parts or ":" in parts[0]:
        raise UnsafeName(f"attachment '{name}' would be written outside {folder}")
    return folder.joinpath(*parts)


def extract(pdf_path: Path, folder: Path) -> list[Path]:
    """Write every attached file of `pdf_path` under `folder` at its own name; nothing is
    written if any name is unsafe."""
    import pikepdf

    with pikepdf.open(pdf_path) as pdf:
        files = {name: spec.get_file().read_bytes() for name, spec in pdf.attachments.items()}
    targets = {name: safe_path(folder, name) for name in files}
    from .outputs import write_atomic

    for name in sorted(files):
        write_atomic(targets[name], files[name])
    return [targets[n] for n in sorted(files)]
