"""`briefing serve` over HTTP, as a browser (or a hostile page, or a curious neighbour on
the network) would reach it: what it serves, what it refuses, what its event stream
says after an edit and after a mistake, and how it stops.

The server runs in this process on a free port (`--port 0`), building with the same
previewer `briefing serve` uses; the builds are started by the tests (not by polling),
so each test knows which build it is looking at. The last tests run the real command.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ENGLISH, ROOT
from html_check import describe, vnu_messages
from lxml import html as lxml_html

from briefing.cli import main
from briefing.serve import start
from briefing.serve.builder import FORMATS_BUILT
from briefing.serve.http import PreviewServer
from briefing.serve.views import App

SECRET = "the contents of a file outside build/"
BRIEFING = Path(sys.executable).parent / "briefing"


@dataclass
class Served:
    server: PreviewServer
    previewer: object
    folder: Path
    out: Path
    root: Path

    @property
    def port(self) -> int:
        return self.server.server_address[1]

    @property
    def app(self) -> App:
        return self.server.app

    def build(self) -> None:
        options = {"theme": None, "draft": False}  # as `briefing serve` without --theme
        self.previewer.build(self.folder, list(FORMATS_BUILT), self.out, options)

    def get(self, path: str, host: str | None = None) -> tuple[int, dict, bytes]:
        """One request with the path exactly as given (no client-side clean-up)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Host": host} if host else {}
        conn.putrequest("GET", path, skip_host=bool(host))
        for name, value in headers.items():
            conn.putheader(name, value)
        conn.endheaders()
        response = conn.getresponse()
        body = response.read()
        conn.close()
        return response.status, dict(response.getheaders()), body


def paper_copy(root: Path) -> Path:
    folder = root / "content" / ENGLISH.name
    shutil.copytree(ENGLISH, folder)
    return folder


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = tmp_path_factory.mktemp("serve")
    folder = paper_copy(root)
    (root / "secret.txt").write_text(SECRET, encoding="utf-8")
    out = root / "build"
    out.mkdir()
    (out / "leak").symlink_to(root)  # a folder link out of build/
    (out / "leak.txt").symlink_to(root / "secret.txt")  # a file link out of build/
    (out / ".deps").mkdir()
    (out / ".deps" / "papers.d").write_text("hidden", encoding="utf-8")
    server, previewer, _ = start([folder], 0, out, dpi=72)
    served = Served(server, previewer, folder, out, root)
    served.build()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield served
    previewer.hub.close()
    server.shutdown()
    server.server_close()


# ------------------------------------------------------------------ containment

REFUSED = [
    "/../secret.txt",
    "/build/../secret.txt",
    "/build/%2e%2e/secret.txt",
    "/build/%2E%2E/%2e%2e/secret.txt",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/build/..%2fsecret.txt",
    "/build//etc/passwd",
    "/build/%2fetc/passwd",
    "/build/%2Fetc%2Fpasswd",
    "/build/leak/secret.txt",
    "/build/leak.txt",
    "/build/.deps/papers.d",
    "/build/./leak.txt",
    "/pages/en-rare-earth-processing/..%2f..%2fsecret.txt",
    "/etc/passwd",
    "/secret.txt",
    "/build/",
    "/build",
    "/build/leak/",
    "/assets/../../secret.txt",
]


@pytest.mark.parametrize("path", REFUSED)
def test_nothing_outside_build_is_served(served, path):
    status, _, body = served.get(path)
    assert status in (403, 404), f"{path}: {status}"
    assert SECRET.encode() not in body and b"root:" not in body


@pytest.mark.parametrize("path", ["/build/%5c..%5csecret.txt", "/build/a%00.pdf", "/%ff"])
def test_a_malformed_path_is_a_bad_request(served, path):
    assert served.get(path)[0] == 400


def test_an_absolute_url_as_the_request_target_is_refused(served):
    status, _, body = served.get(f"http://127.0.0.1:{served.port}/build/leak.txt")
    assert status == 400 and SECRET.encode() not in body


def test_the_files_in_build_are_served_as_they_are(served):
    pdf = served.out / f"{served.folder.name}.pdf"
    status, headers, body = served.get(f"/build/{pdf.name}")
    assert status == 200 and body == pdf.read_bytes()
    assert headers["Content-Type"] == "application/pdf"
    assert headers["X-Content-Type-Options"] == "nosniff"
    status, headers, body = served.get(f"/build/{served.folder.name}.docx")
    assert status == 200 and headers["Content-Type"].endswith("wordprocessingml.document")


def test_a_page_from_another_host_name_is_refused(served):
    """A web page that rebinds its own domain name to 127.0.0.1 still cannot read the
    preview: its requests carry its own name in Host."""
    assert served.get("/", host=f"evil.example:{served.port}")[0] == 403
    assert served.get("/", host=f"localhost:{served.port}")[0] == 200


def test_the_server_listens_on_the_loopback_address_only(served):
    port = served.port
    assert served.server.server_address[0] == "127.0.0.1"
    # The kernel's own table of listening sockets: 127.0.0.1 (0100007F), not 0.0.0.0.
    rows = Path("/proc/net/tcp").read_text().splitlines()[1:]
    listening = [r.split()[1] for r in rows if r.split()[3] == "0A"]
    assert f"0100007F:{port:04X}" in listening
    assert f"00000000:{port:04X}" not in listening
    if Path("/proc/net/tcp6").exists():
        rows6 = Path("/proc/net/tcp6").read_text().splitlines()[1:]
        listening6 = [r.split()[1] for r in rows6 if r.split()[3] == "0A"]
        assert not [a for a in listening6 if a.endswith(f":{port:04X}")]
    # Another address of this machine's loopback range is another address: a server
    # bound to all addresses would answer there; this one does not.
    for family, address in ((socket.AF_INET, "127.0.0.2"), (socket.AF_INET6, "::1")):
        try:
            probe = socket.socket(family, socket.SOCK_STREAM)
        except OSError:
            continue  # no IPv6 on this machine: nothing to reach there either
        with probe, pytest.raises(OSError):
            probe.settimeout(5)
            probe.connect((address, port))


def test_the_command_has_no_way_to_listen_elsewhere(capsys):
    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    assert "--host" not in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["serve", "--host", "0.0.0.0"])


# ------------------------------------------------------------------ pages and events


def read_events(served: Served, slug: str, until=lambda event: True, after=None) -> list[dict]:
    """State events of a new stream for `slug`, up to the first for which `until(event)`
    holds; `after()` runs once the first event (the state as it stands) has arrived.
    (A stream may skip states that pass while it is not reading: it sends the latest.)"""
    conn = http.client.HTTPConnection("127.0.0.1", served.port, timeout=120)
    conn.request("GET", f"/events?paper={slug}")
    response = conn.getresponse()
    assert response.status == 200
    assert response.getheader("Content-Type").startswith("text/event-stream")
    events: list[dict] = []
    data = ""
    while True:
        line = response.fp.readline().decode("utf-8")
        assert line, "the stream ended"
        if line.startswith("data: "):
            data = line[len("data: ") :]
        elif line == "\n" and data:
            events.append(json.loads(data))
            data = ""
            if len(events) == 1 and after:
                after()
            elif until(events[-1]):
                break
    conn.close()
    return events


def first_event(served: Served, slug: str) -> dict:
    return read_events(served, slug)[0]


def edited(served: Served, old: str, new: str) -> None:
    source = served.folder / "paper.md"
    text = source.read_text(encoding="utf-8")
    assert old in text
    source.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_edit_gives_new_images_for_the_changed_page_only(served):
    slug = served.folder.name
    before = first_event(served, slug)
    assert before["status"] == "ok" and len(before["pages"]) >= 3
    # One word on page 1 for another as long: page 1 changes, its line breaks do not.
    edited(served, "indispensable", "irreplaceable")
    events = read_events(
        served,
        slug,
        until=lambda e: e["version"] > before["version"] and e["downloads"] and e["status"] == "ok",
        after=served.build,
    )
    after = events[-1]
    assert after["status"] == "ok" and not after["errors"]
    old, new = [p["url"] for p in before["pages"]], [p["url"] for p in after["pages"]]
    assert new[0] != old[0], "page 1 shows the new word"
    assert new[1:] == old[1:], "the other pages keep their images (and URLs)"
    assert served.previewer.images[slug].drawn == 1, "and were not even drawn again"
    status, headers, image = served.get(new[0])
    assert status == 200 and image.startswith(b"\x89PNG")
    assert "immutable" in headers["Cache-Control"]
    assert after["downloads"] == [
        {"label": "PDF", "url": f"/build/{slug}.pdf"},
        {"label": "DOCX", "url": f"/build/{slug}.docx"},
    ]


def test_a_changed_figure_file_redraws_the_pages(served):
    """A figure keeps its name in the PDF when its file changes: the file decides."""
    slug = served.folder.name
    before = [p["url"] for p in first_event(served, slug)["pages"]]
    figure = served.folder / "figures" / "re-mine-2024.svg"
    original = figure.read_text(encoding="utf-8")
    try:
        figure.write_text(original + "\n", encoding="utf-8")  # another file, the same look
        served.build()
        assert served.previewer.images[slug].drawn == len(before)
        assert [p["url"] for p in first_event(served, slug)["pages"]] == before, "same look"
        colour = re.search(r'fill="(#[0-9a-fA-F]{6})"', original)[1]
        figure.write_text(original.replace(colour, "#b03a2e"), encoding="utf-8")
        served.build()
        after = [p["url"] for p in first_event(served, slug)["pages"]]
        assert after != before, "the page with the figure looks different"
    finally:
        figure.write_text(original, encoding="utf-8")
        served.build()


def test_an_error_shows_the_clis_lines_and_keeps_the_last_good_pages(served, capsys):
    slug = served.folder.name
    good = first_event(served, slug)
    pdf = served.out / f"{slug}.pdf"
    pdf_bytes = pdf.read_bytes()
    edited(
        served,
        "## The processing bottleneck",
        "A call to no note.[^nowhere]\n\n## The processing bottleneck",
    )
    try:
        served.build()
        state = first_event(served, slug)
        printed = capsys.readouterr().err.strip().splitlines()  # the server's own log
        assert main(["check", str(served.folder)]) == 1
        cli_lines = capsys.readouterr().err.strip().splitlines()
        assert state["status"] == "errors"
        assert state["errors"] == cli_lines == printed
        assert "error: footnote [^nowhere] is never defined" in state["errors"][0]
        assert state["pages"] == good["pages"], "the last good pages stay"
        assert pdf.read_bytes() == pdf_bytes, "and so does the PDF in build/"
        status, _, page = served.get(f"/paper/{slug}/")
        shown = lxml_html.fromstring(page).get_element_by_id("errors")
        assert status == 200 and shown.get("hidden") is None
        assert shown.find("pre").text_content().splitlines() == cli_lines
    finally:
        edited(served, "A call to no note.[^nowhere]\n\n", "")
        served.build()
    fixed = first_event(served, slug)
    assert fixed["status"] == "ok" and not fixed["errors"]


def test_the_preview_pages_are_valid_html5(served, tmp_path):
    pages = []
    for path, name in (("/", "index.html"), (f"/paper/{served.folder.name}/", "paper.html")):
        status, headers, body = served.get(path)
        assert status == 200
        assert "default-src 'self'" in headers["Content-Security-Policy"]
        (tmp_path / name).write_bytes(body)
        pages.append(tmp_path / name)
    messages = vnu_messages(pages)
    assert not messages, describe(messages)


def test_the_index_lists_papers_and_volumes_with_their_status(served):
    volumes = served.folder.parent / "volumes"
    volumes.mkdir(exist_ok=True)
    (volumes / "bound.yaml").write_text(
        f"title: T\ndate: 2025-06-30\nlang: en\npapers: [{served.folder.name}]\n", encoding="utf-8"
    )
    status, _, body = served.get("/")
    page = body.decode("utf-8")
    assert status == 200
    assert f'href="/paper/{served.folder.name}/"' in page
    assert "Mined Widely, Refined Narrowly" in page  # the title, once built
    assert "bound" in page and "not built: run make volume" in page


def test_unknown_papers_and_pages_are_not_found(served):
    assert served.get("/paper/nowhere/")[0] == 404
    assert served.get("/pages/en-rare-earth-processing/0000.png")[0] == 404
    assert served.get("/events?paper=nowhere")[0] == 404


# ------------------------------------------------------------------ the command


def content_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_the_command_serves_never_writes_to_content_and_stops_on_ctrl_c(tmp_path):
    folder = paper_copy(tmp_path)
    before = content_digest(tmp_path / "content")
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    command = [str(BRIEFING), "serve", f"content/{folder.name}", "--port", "0", "--dpi", "72"]
    child = subprocess.Popen(
        command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    try:
        first = child.stdout.readline()
        assert first.startswith(f"serving content/{folder.name} at http://127.0.0.1:"), first
        port = int(first.split("http://127.0.0.1:")[1].split("/")[0])
        built = child.stdout.readline()
        assert "pages shown" in built, built
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("GET", f"/events?paper={folder.name}")  # a stream left open
        assert conn.getresponse().status == 200
        for path in ("/", f"/paper/{folder.name}/", f"/build/{folder.name}.pdf"):
            other = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            other.request("GET", path)
            assert other.getresponse().status == 200
            other.close()
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == 0, err
    assert "stopped serving" in err and "Traceback" not in err
    assert content_digest(tmp_path / "content") == before, "nothing in content/ changed"
    with socket.socket() as probe, pytest.raises(OSError):
        probe.connect(("127.0.0.1", port))
    assert (tmp_path / "build" / f"{folder.name}.pdf").is_file()


def test_a_port_in_use_is_a_usage_error(tmp_path, capsys):
    folder = paper_copy(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", str(folder), "--port", str(port)]) == 2
    assert f"cannot listen on 127.0.0.1:{port}" in capsys.readouterr().err


def test_the_package_ships_the_previews_assets():
    assets = ROOT / "scripts" / "briefing" / "serve" / "assets"
    assert {p.name for p in assets.iterdir()} >= {"preview.js", "preview.css", "icon.svg"}
