"""Take rendered bytes, produce files in the output folder: whole, or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .formats import FORMATS, Bundle, Rendered


def write_outputs(out_dir: Path, stem: str, rendered: dict[str, Rendered]) -> list[Path]:
    """Every rendered format at its place in `out_dir` (formats.FORMATS), each atomically.
    The paths returned are each format's main file."""
    outputs = []
    for fmt, data in rendered.items():
        target = out_dir / FORMATS[fmt].target(stem)
        if isinstance(data, Bundle):
            write_bundle(target, data)
        else:
            write_atomic(target, data)
        outputs.append(target)
    return outputs


def write_bundle(index: Path, bundle: Bundle) -> None:
    """The files of a several-file output into the index file's folder, the index last (so
    when it is new, everything it links is there), then remove what the last build left
    that this one no longer has (a figure taken out of the paper)."""
    folder = index.parent
    for name, data in sorted(bundle.files.items(), key=lambda item: folder / item[0] == index):
        write_atomic(folder / name, data)
    keep = {(folder / name).resolve() for name in bundle.files}
    for old in sorted(folder.rglob("*"), reverse=True):
        if old.is_file() and old.resolve() not in keep and not old.name.startswith("."):
            old.unlink()
        elif old.is_dir() and not any(old.iterdir()):
            old.rmdir()


def write_atomic(target: Path, data: bytes, *, sync: bool = True) -> None:
    """Write to a temporary file beside `target`, then rename it into place: readers (and
    the printer) see the old file or the new one, never half of one. Parallel builds
    each get their own temporary name. `sync=False` skips waiting for the disk (files
    that are a cache, such as the preview's page images)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if sync:
                os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
