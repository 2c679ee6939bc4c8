"""Take the seed paper, produce the live preview's warm rebuild time: from saving a
one-word edit to the new page images, as a browser of `briefing serve` gets them.

`briefing serve` runs as an analyst runs it (one warm process, polling the files). This
client plays the browser: it follows the paper's server-sent events, and each run swaps
one word of the first paragraph (集結 <-> 部署, two characters for two), writes paper.md,
and stops the clock once an event lists page images with new URLs and every new image
has been fetched. It then waits for the server's own "wrote ..." line (the PDF and DOCX
written after the pages), so each run starts from an idle server. Peak RSS is the
server's high-water mark (VmHWM) at the end; the note gives the server's median CPU
time from the save to the images (user + system), which a busy shared machine inflates
less than the wall time.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import statistics
import subprocess
import time
from pathlib import Path

from bench_measure import Row
from bench_projects import BRIEFING, SEED, copy_paper

WORDS = ("集結", "部署")
TIMEOUT = 120.0  # seconds for the first, cold build; a hang guard


class Events:
    """The paper's event stream, read one state at a time."""

    def __init__(self, port: int, slug: str):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
        self.conn.request("GET", f"/events?paper={slug}")
        self.response = self.conn.getresponse()

    def next(self) -> dict:
        data = ""
        while True:
            line = self.response.fp.readline().decode("utf-8")
            if not line:
                raise RuntimeError("the event stream ended")
            if line.startswith("data: "):
                data = line[len("data: ") :]
            elif line == "\n" and data:
                return json.loads(data)


def fetch(port: int, url: str) -> bytes:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    conn.request("GET", url)
    body = conn.getresponse().read()
    conn.close()
    return body


def cpu_seconds(pid: int) -> float:
    """The process's user + system CPU time so far (10 ms resolution)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_rss_mb(pid: int) -> float | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return None


def preview_edit(plan, done: dict[str, Row]) -> list[Row]:
    """7. A one-word edit of the seed paper, saved, to its updated page images."""
    row = Row("preview-edit", "preview: one-word edit of the seed to new page images")
    project = plan.work / "preview"
    folder = copy_paper(SEED, project)
    source = folder / "paper.md"
    server = subprocess.Popen(
        [str(BRIEFING), "serve", f"content/{SEED}", "--port", "0"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    changed_pages, cpu = [], []
    try:
        line = server.stdout.readline()
        if " at http://127.0.0.1:" not in line:
            row.status = f"failed: {line.strip() or server.stderr.read().strip()[:160]}"
            return [row.finish()]
        port = int(line.split("http://127.0.0.1:")[1].split("/")[0])
        server.stdout.readline()  # the first build is done
        events = Events(port, SEED)
        state = events.next()
        for i in range(-1, max(plan.runs, 7)):  # one untimed warm-up edit
            old, new = WORDS if i % 2 else WORDS[::-1]
            text = source.read_text(encoding="utf-8").replace(old, new, 1)
            before = [p["url"] for p in state["pages"]]
            started, used = time.perf_counter(), cpu_seconds(server.pid)
            source.write_text(text, encoding="utf-8")
            while True:
                state = events.next()
                urls = [p["url"] for p in state["pages"]]
                if state["status"] == "ok" and urls != before:
                    break
                if state["status"] in ("errors", "failed"):
                    raise RuntimeError("; ".join(state["errors"]))
            fresh = [u for u in urls if u not in before]
            for url in fresh:
                fetch(port, url)
            seconds = time.perf_counter() - started
            used = cpu_seconds(server.pid) - used
            server.stdout.readline()  # "... wrote build/<seed>.pdf, .docx": idle again
            if i >= 0:
                row.seconds.append(seconds)
                changed_pages.append(len(fresh))
                cpu.append(used)
        row.rss_mb = peak_rss_mb(server.pid)
    except (OSError, RuntimeError, ValueError) as exc:
        row.status = f"failed: {type(exc).__name__}: {exc}"[:200]
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    if changed_pages:
        row.note = (
            f"{max(changed_pages)} of {len(state['pages'])} pages new; server CPU "
            f"{statistics.median(cpu):.2f} s"
        )
    return [row.finish()]
