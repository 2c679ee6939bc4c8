"""Take a command and a number of runs, produce a Row: wall times, peak RSS, target met."""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

# The goals the team set; `met?` compares the median (and the peak RSS where given).
TARGETS = {
    "seed-pdf": (1.0, None),
    "seed-docx": (0.3, None),
    "series-per-paper": (0.5, None),
    "long-pdf": (10.0, 800.0),
    "make-noop": (0.3, None),
    "make-edit": (2.0, None),
    "preview-edit": (0.35, None),
}


@dataclass
class Sample:
    seconds: float
    rss_mb: float
    returncode: int
    stdout: str
    stderr: str


@dataclass
class Row:
    key: str
    scenario: str
    status: str = "ok"  # "ok", "missing", "skipped" or "failed: why"
    runs: int = 0
    seconds: list[float] = field(default_factory=list)
    rss_mb: float | None = None
    ratio: str = ""
    note: str = ""
    median: float | None = None
    target: str = ""
    met: str = ""
    last: Sample | None = field(default=None, repr=False)  # the last run, for notes

    def finish(self) -> Row:
        self.runs = len(self.seconds)
        if self.seconds and self.status == "ok":
            self.median = statistics.median(self.seconds)
        goal = TARGETS.get(self.key)
        if goal:
            seconds, rss = goal
            self.target = f"<= {seconds:g} s" + (f", <= {rss:g} MB" if rss else "")
            if self.median is not None:
                ok = self.median <= seconds and (rss is None or (self.rss_mb or 0) <= rss)
                self.met = "yes" if ok else "NO"
        return self


def run(cmd: list, cwd: Path, env: dict | None = None) -> Sample:
    """One child process: wall seconds and its peak resident set size."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen(list(map(str, cmd)), cwd=cwd, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Sample(
            seconds,
            usage.ru_maxrss / 1024,  # Linux reports kilobytes
            child.returncode,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
        )


def measure(
    key: str,
    scenario: str,
    cmd: list,
    cwd: Path,
    runs: int,
    *,
    warmup: int = 0,
    before: Callable[[int], None] | None = None,
    note: str = "",
) -> Row:
    """Run `cmd` `runs` times (after `warmup` untimed runs); `before(i)` prepares run i."""
    row = Row(key, scenario, note=note)
    for i in range(-warmup, runs):
        if before:
            before(i)
        sample = run(cmd, cwd)
        if sample.returncode != 0:
            first = (sample.stderr.strip() or sample.stdout.strip()).splitlines()[:1]
            row.status = f"failed (exit {sample.returncode}): {' '.join(first)[:160]}"
            break
        if i >= 0:
            row.seconds.append(sample.seconds)
            row.rss_mb = max(row.rss_mb or 0, sample.rss_mb)
            row.last = sample
    return row.finish()


def missing(key: str, scenario: str, why: str) -> Row:
    return Row(key, scenario, status="missing", note=why).finish()


def skipped(key: str, scenario: str, why: str = "") -> Row:
    return Row(key, scenario, status="skipped", note=why).finish()


def ratio(baseline: Row, ours: Row) -> None:
    """How long the baseline takes as a multiple of our time (0.5x: twice as fast as ours)."""
    if baseline.median and ours.median:
        baseline.ratio = f"{baseline.median / ours.median:.2f}x ours"
