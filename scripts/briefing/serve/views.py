"""Take the hub's state and the volumes on disk, produce the preview's two pages: the index
(every paper and volume with its status) and a paper's pages.

The pages are complete as served: the state at the time of the request, readable with
scripts off. The script (assets/preview.js) then follows the server-sent events and
swaps in new page images in place, so the scroll position stays.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from urllib.parse import quote

import jinja2

from ..formats import FORMATS
from .state import Hub, PaperState, status_text

HERE = Path(__file__).parent
VOLUME_FORMATS = ("pdf", "docx")


@dataclass
class App:
    """What the request handler serves: the hub, the papers, the output folder."""

    hub: Hub
    papers: dict[str, Path]  # slug -> paper folder
    out_dir: Path
    preview: Path  # out_dir/.preview
    volumes_dir: Path | None = None
    assets: dict[str, bytes] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.assets = {p.name: p.read_bytes() for p in sorted((HERE / "assets").iterdir())}

    @cached_property
    def templates(self) -> jinja2.Environment:
        return jinja2.Environment(
            loader=jinja2.FileSystemLoader(HERE / "templates"),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )

    def preview_dir(self, slug: str) -> Path:
        return self.preview / slug

    def index_page(self) -> str:
        states = [self.hub.get(slug) or PaperState(slug) for slug in self.papers]
        return self.templates.get_template("index.html.j2").render(
            papers=states, volumes=self.volumes(), status=status_text, quote=quote
        )

    def paper_page(self, slug: str) -> str:
        state = self.hub.get(slug) or PaperState(slug)
        return self.templates.get_template("paper.html.j2").render(
            paper=state, status=status_text(state), quote=quote
        )

    def volumes(self) -> list[dict]:
        """Each volume file with whether its PDF and DOCX are built and current."""
        if self.volumes_dir is None or not self.volumes_dir.is_dir():
            return []
        files = sorted(self.volumes_dir.glob("*.yaml"))
        return [volume_status(path, self.out_dir) for path in files]


def volume_status(path: Path, out_dir: Path) -> dict:
    """{'name', 'status', 'downloads'} of a volume: built and current, out of date or
    not built. (The preview does not bind volumes: `make volume` does.)"""
    from ..reader.volume import volume_inputs

    outputs = [
        out_dir / "volumes" / f"{path.stem}{FORMATS[name].suffix}" for name in VOLUME_FORMATS
    ]
    downloads = [
        (name.upper(), f"/build/volumes/{quote(o.name)}")
        for name, o in zip(VOLUME_FORMATS, outputs)
        if o.is_file()
    ]
    if len(downloads) < len(outputs):
        status = "not built: run make volume"
    else:
        newest = max((_mtime(p) for p in volume_inputs(path)), default=0)
        current = min(_mtime(o) for o in outputs) >= newest
        status = "up to date" if current else "out of date: run make volume"
    return {"name": path.stem, "status": status, "downloads": downloads}


def _mtime(path: Path) -> int:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return 0
