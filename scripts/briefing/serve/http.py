"""Take HTTP requests on 127.0.0.1, produce the preview's pages, its page images, its live
updates (server-sent events) and the files in build/ — nothing else.

Routes, all GET (or HEAD):
    /                        the index: every paper and volume, with its status
    /paper/<slug>/           a paper's pages as images, updating themselves
    /events[?paper=<slug>]   server-sent events: the state, whenever it changes
    /pages/<slug>/<hash>.png a page image (build/.preview/<slug>/)
    /build/<path>            a file in build/: the PDF, the DOCX, the web edition
    /assets/<name>           the preview's own script and stylesheet
Why by hand, on the standard library: the server is these six routes and the containment
rules below; `http.server.SimpleHTTPRequestHandler` would bring directory listings and
its own path translation, which are exactly what must not be here.

Containment: the raw request path is percent-decoded once and refused (403) if any
segment is `.` or `..`, empty (so no absolute path can be joined on), hidden (`.deps`,
`.preview`) or holds a NUL or backslash; what is left is resolved, symlinks and all, and
must still lie inside build/ (else 403) and be a file (else 404: directories are never
listed). A Host header other than this server's own (a DNS-rebinding page) gets 403.
"""

from __future__ import annotations

import json
import mimetypes
import re
import shutil
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote

from .state import as_json
from .views import App

LOOPBACK = "127.0.0.1"
KEEPALIVE_SECONDS = 15.0  # a comment line this often keeps proxies and browsers patient
PAGE_IMAGE = re.compile(r"^[0-9a-f]{24}\.png$")
TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".json": "application/json",
}
# Our own pages load only our own files; nothing from elsewhere, no framing.
OWN_PAGES_POLICY = (
    "default-src 'self'; img-src 'self'; style-src 'self'; script-src 'self'; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


class Refused(Exception):
    def __init__(self, status: HTTPStatus, why: str):
        super().__init__(why)
        self.status = status


class PreviewServer(ThreadingHTTPServer):
    """An HTTP server on the loopback address only: nothing off this machine reaches it."""

    daemon_threads = True  # an open event stream never keeps the process alive
    block_on_close = False
    allow_reuse_address = True

    def __init__(self, port: int, app: App):
        self.app = app
        super().__init__((LOOPBACK, port), Handler)


class Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    server_version = "briefing-serve"
    sys_version = ""

    def do_GET(self) -> None:
        self._answer(head=False)

    def do_HEAD(self) -> None:
        self._answer(head=True)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base's name
        pass  # a request per image would drown the build messages

    # ------------------------------------------------------------ dispatch
    def _answer(self, head: bool) -> None:
        try:
            self._check_host()
            parts, query = self._parts()
            self._route(parts, query, head)
        except Refused as refused:
            message = f"{refused.status.value} {refused}\n".encode()
            self._send(refused.status, message, "text/plain; charset=utf-8", head=head)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the browser went away

    def _check_host(self) -> None:
        host = self.headers.get("Host")
        port = self.server.server_address[1]
        if host is not None and host not in (f"{LOOPBACK}:{port}", f"localhost:{port}"):
            raise Refused(HTTPStatus.FORBIDDEN, "this server answers only to its own address")

    def _parts(self) -> tuple[list[str], dict[str, list[str]]]:
        """The path's segments, decoded and checked, and the query."""
        raw, _, query = self.path.partition("?")
        if not raw.startswith("/"):
            raise Refused(HTTPStatus.BAD_REQUEST, "the path must start with /")
        try:
            path = unquote(raw, errors="strict")
        except UnicodeDecodeError:
            raise Refused(HTTPStatus.BAD_REQUEST, "the path is not UTF-8") from None
        parts = path.split("/")[1:]
        if "\x00" in path or "\\" in path:
            raise Refused(HTTPStatus.BAD_REQUEST, "no such path")
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            if part.startswith(".") or (not part and not last):  # ., .., .deps, //
                raise Refused(HTTPStatus.FORBIDDEN, "paths are relative to build/, without . or ..")
        return parts, parse_qs(query)

    def _route(self, parts: list[str], query: dict, head: bool) -> None:
        app = self.server.app
        first, rest = parts[0], parts[1:]
        if parts == [""]:
            self._page(app.index_page(), head)
        elif first == "paper" and len(rest) in (1, 2) and rest[1:] in ([], [""]):
            if rest[0] not in app.papers:
                raise Refused(HTTPStatus.NOT_FOUND, "no such paper")
            self._page(app.paper_page(rest[0]), head)
        elif parts == ["events"]:
            self._events(query.get("paper", [None])[0])
        elif first == "pages" and len(rest) == 2 and rest[0] in app.papers:
            if not PAGE_IMAGE.match(rest[1]):
                raise Refused(HTTPStatus.NOT_FOUND, "no such page image")
            self._file(app.preview_dir(rest[0]), rest[1:], head, cache="immutable")
        elif first == "build" and rest and rest[-1]:
            self._file(app.out_dir, rest, head, cache="no-cache")
        elif first == "assets" and len(rest) == 1 and rest[0] in app.assets:
            self._send(HTTPStatus.OK, app.assets[rest[0]], TYPES[Path(rest[0]).suffix], head=head)
        else:
            raise Refused(HTTPStatus.NOT_FOUND, "no such page")

    # ------------------------------------------------------------ answers
    def _page(self, html: str, head: bool) -> None:
        self._send(HTTPStatus.OK, html.encode("utf-8"), TYPES[".html"], head=head, own=True)

    def _file(self, root: Path, parts: list[str], head: bool, cache: str) -> None:
        """A file under `root`, by its checked path segments; never a directory."""
        base = root.resolve()
        target = base.joinpath(*parts).resolve()
        if not target.is_relative_to(base):
            raise Refused(HTTPStatus.FORBIDDEN, "outside build/")
        if not target.is_file():
            raise Refused(HTTPStatus.NOT_FOUND, "no such file")
        kind = TYPES.get(target.suffix.lower()) or mimetypes.guess_type(target.name)[0]
        with target.open("rb") as handle:
            size = target.stat().st_size
            self.send_response(HTTPStatus.OK)
            self._headers(kind or "application/octet-stream", size, own=False)
            control = "public, max-age=31536000, immutable" if cache == "immutable" else cache
            self.send_header("Cache-Control", control)
            self.end_headers()
            if not head:
                shutil.copyfileobj(handle, self.wfile)

    def _send(
        self, status: HTTPStatus, body: bytes, kind: str, *, head: bool = False, own: bool = False
    ) -> None:
        self.send_response(status)
        self._headers(kind, len(body), own=own)
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _headers(self, kind: str, length: int, own: bool) -> None:
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(length))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        if own:
            self.send_header("Content-Security-Policy", OWN_PAGES_POLICY)

    def _events(self, slug: str | None) -> None:
        """The state as server-sent events: now, then after every change, until the
        browser leaves or the server stops."""
        app = self.server.app
        if slug is not None and slug not in app.papers:
            raise Refused(HTTPStatus.NOT_FOUND, "no such paper")
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        self.wfile.write(b"retry: 1000\n\n")  # reconnect within a second of a restart
        hub, seen, sent = app.hub, -1, -1
        try:
            while not hub.closed:
                seen = hub.wait(seen, KEEPALIVE_SECONDS)
                if hub.closed:
                    break
                if slug is None:
                    payload = {"papers": [as_json(s) for s in hub.all()], "volumes": app.volumes()}
                    version = seen
                else:
                    state = hub.get(slug)
                    payload, version = as_json(state), state.version
                if version != sent:
                    data = json.dumps(payload, ensure_ascii=False)
                    self.wfile.write(f"event: state\ndata: {data}\n\n".encode())
                    sent = version
                else:
                    self.wfile.write(b": still here\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass
