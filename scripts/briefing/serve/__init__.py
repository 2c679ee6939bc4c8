"""Take paper folders and a port, produce a live preview in the browser: a web server on
127.0.0.1 showing each paper's pages as images, updated within a second of every save.

    briefing serve [PATH...] [--port 8000] [--out build] [--theme NAME] [--draft]

Two threads in one warm process: the HTTP server (http.py, one short-lived thread per
request, one per open event stream) and, in the main thread, `briefing watch`'s polling
loop (watch.py) building with the preview's builder (builder.py), so WeasyPrint, the
fonts, the templates and the theme are loaded once. The server reads only build/ and its
own assets; nothing here writes outside build/. Ctrl-C stops both.
"""

from __future__ import annotations

import errno
import sys
import threading
import time
from pathlib import Path

from ..errors import UsageError, display_path
from ..paths import PAPER_FILE, paper_folder

# How often the papers' files are checked: as often as costs at most ~2% of a core (a
# few papers: every 20 ms, so a save is seen at once), never less than every 0.5 s.
POLL_SHARE, POLL_MIN, POLL_MAX = 0.02, 0.02, 0.5


def papers_to_serve(paths: list[Path]) -> list[Path]:
    """The paper folders asked for; every paper in content/ when none is."""
    folders = [paper_folder(p) for p in paths] or sorted(
        p.parent for p in Path("content").glob(f"*/{PAPER_FILE}")
    )
    missing = [f for f in folders if not (f / PAPER_FILE).is_file()]
    if missing:
        raise UsageError(f"no {PAPER_FILE} in {', '.join(map(str, missing))}")
    if not folders:
        raise UsageError("no papers: give a paper folder, or run in a folder with content/")
    slugs = [f.name for f in folders]
    twice = sorted({s for s in slugs if slugs.count(s) > 1})
    if twice:
        raise UsageError(f"two papers are called {', '.join(twice)}; serve one of each")
    return list(dict.fromkeys(folders))


def poll_interval(folders: list[Path]) -> float:
    """Seconds between two looks at the papers' files, from what one look costs here."""
    from ..watch import paper_snapshot, theme_snapshot

    # CPU time, the cheapest of a few: on a busy machine, waiting for a core is no cost.
    costs = []
    for _ in range(5):
        started = time.process_time()
        theme_snapshot()
        for folder in folders:
            paper_snapshot(folder)
        costs.append(time.process_time() - started)
    return min(POLL_MAX, max(POLL_MIN, min(costs) / POLL_SHARE))


def start(paths: list[Path], port: int, out_dir: Path, dpi: int):
    """The server listening (not yet serving) and the previewer; for `run` and tests."""
    from ..batch import warm_up
    from .builder import PREVIEW_FOLDER, Previewer
    from .http import PreviewServer
    from .state import Hub
    from .views import App

    folders = papers_to_serve(paths)
    hub = Hub()
    previewer = Previewer(folders, out_dir, hub, dpi)
    app = App(
        hub=hub,
        papers={f.name: f for f in folders},
        out_dir=out_dir,
        preview=out_dir / PREVIEW_FOLDER,
        volumes_dir=folders[0].parent / "volumes",
    )
    try:
        server = PreviewServer(port, app)
    except OSError as exc:
        hint = " (another server? try --port)" if exc.errno == errno.EADDRINUSE else ""
        raise UsageError(f"cannot listen on 127.0.0.1:{port}: {exc.strerror}{hint}") from exc
    warm_up(["pdf", "docx"])
    return server, previewer, folders


def run(
    paths: list[Path],
    port: int,
    out_dir: Path,
    dpi: int,
    *,
    theme: str | None = None,
    draft: bool = False,
) -> int:
    """The `briefing serve` command: serve until Ctrl-C, then exit status 0. `theme` (a
    name) and `draft` are as for `briefing build`."""
    from ..watch import watch
    from .builder import FORMATS_BUILT

    server, previewer, folders = start(paths, port, out_dir, dpi)
    host, port = server.server_address[:2]
    shown = ", ".join(display_path(f) for f in folders)
    interval = poll_interval(folders)
    print(f"serving {shown} at http://{host}:{port}/ (Ctrl-C to stop)", flush=True)
    print(f"checking for changes every {interval * 1000:.0f} ms", file=sys.stderr, flush=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2})
    thread.start()
    stop = threading.Event()
    try:
        watch(
            folders,
            list(FORMATS_BUILT),
            out_dir,
            interval=interval,
            stop=stop,
            theme=theme,
            draft=draft,
            build=previewer.build,
        )
    except KeyboardInterrupt:
        # A build interrupted half-way leaves no partial file: write_atomic cleans up.
        print("\nstopping", file=sys.stderr, flush=True)
    finally:
        stop.set()
        previewer.hub.close()  # every open event stream ends
        server.shutdown()
        server.server_close()
        thread.join()
    print("stopped serving", file=sys.stderr, flush=True)
    return 0
