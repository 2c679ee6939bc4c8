"""Take what the builder learns about each paper, produce its current state for the web
pages, and let request threads wait for the next change (server-sent events).

One `Hub` per server. The builder thread is its only writer; every open browser tab
has a thread reading it. Each change bumps one version number, so a reader that last
saw version n knows whether anything is new and never misses a change by waiting.
"""

from __future__ import annotations

import threading
from dataclasses import asdict, dataclass, field, replace


@dataclass(frozen=True)
class PageImage:
    url: str  # /pages/<slug>/<hash>.png: a new URL only when the page looks different
    width: int  # CSS pixels at 100% zoom
    height: int


@dataclass(frozen=True)
class PaperState:
    slug: str
    title: str = ""
    status: str = "waiting"  # waiting | building | ok | errors | failed
    pages: tuple[PageImage, ...] = ()  # the last good pages, kept while errors show
    errors: tuple[str, ...] = ()  # `path:line:col: error: ...`, as the CLI prints them
    warnings: tuple[str, ...] = ()
    built: str = ""  # when the last build ended, HH:MM:SS local time
    seconds: float = 0.0  # how long it took from the start to the page images
    downloads: tuple[tuple[str, str], ...] = ()  # (label, URL) of the files in build/
    version: int = 0


@dataclass
class Hub:
    papers: dict[str, PaperState] = field(default_factory=dict)
    version: int = 0
    closed: bool = False
    _changed: threading.Condition = field(default_factory=threading.Condition, repr=False)

    def add(self, slug: str) -> None:
        self.update(slug)

    def update(self, slug: str, **changes) -> PaperState:
        """Change a paper's state and wake every reader."""
        with self._changed:
            self.version += 1
            state = self.papers.get(slug) or PaperState(slug)
            state = replace(state, **changes, version=self.version)
            self.papers[slug] = state
            self._changed.notify_all()
            return state

    def get(self, slug: str) -> PaperState | None:
        with self._changed:
            return self.papers.get(slug)

    def all(self) -> list[PaperState]:
        with self._changed:
            return list(self.papers.values())

    def wait(self, seen: int, timeout: float) -> int:
        """Block until the version is past `seen` (or the hub closes, or `timeout`
        passes); the version now."""
        with self._changed:
            self._changed.wait_for(lambda: self.version > seen or self.closed, timeout)
            return self.version

    def close(self) -> None:
        """Wake every reader for good: the server is stopping."""
        with self._changed:
            self.closed = True
            self._changed.notify_all()


def status_text(state: PaperState) -> str:
    """One line saying where a paper stands, for the index and the paper's page."""
    pages = f"{len(state.pages)} page{'s' * (len(state.pages) != 1)}"
    if state.status == "waiting":
        return "waiting for its first build"
    if state.status == "building":
        return "building…"
    if state.status == "ok":
        return f"{pages} · built {state.built} · {state.seconds:.2f} s to the pages"
    count = len(state.errors)
    kept = f"; the last good pages ({pages}) stay below" if state.pages else ""
    if state.status == "errors":
        return f"{count} error{'s' * (count != 1)}: fix the paper and save{kept}"
    return f"internal error{kept}"


def as_json(state: PaperState) -> dict:
    """The state as the browser's script reads it, with its one-line summary."""
    data = asdict(state)
    data["summary"] = status_text(state)
    data["downloads"] = [{"label": label, "url": url} for label, url in state.downloads]
    return data
