"""Take rendered bytes, produce files in the output folder: whole, or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .formats import FORMATS


def write_outputs(out_dir: Path, stem: str, rendered: dict[str, bytes]) -> list[Path]:
    """Every rendered format at its place in `out_dir` (formats.FORMATS), each atomically."""
    outputs = []
    for fmt, data in rendered.items():
        target = out_dir / FORMATS[fmt].target(stem)
        write_atomic(target, data)
        outputs.append(target)
    return outputs


def write_atomic(target: Path, data: bytes) -> None:
    """Write to a temporary file beside `target`, then rename it into place: readers (and
    the printer) see the old file or the new one, never half of one. Parallel builds
    each get their own temporary name."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
