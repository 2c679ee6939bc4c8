"""Take the pipeline as installed in .venv, produce wall times and peak memory of real builds.

    .venv/bin/python scripts/bench.py [--quick] [--keep]

Every scenario runs real `briefing` and `make` processes in a fresh temporary folder, so
build/ is never touched except for build/bench.json. Wall time is time.perf_counter()
around the child; peak RSS is the child's ru_maxrss from os.wait4 (for `make`, the largest
single process it ran). Targets are reported, not asserted: the exit status is 0 unless
the harness itself breaks, and a missing baseline is reported as "missing", never as 0.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv"
PYTHON = VENV / "bin" / "python"
BRIEFING = VENV / "bin" / "briefing"
SEED = "zh-russia-ukraine-kazakhstan"
REPO_FILES = ("Makefile", "scripts", "templates", "pyproject.toml", "requirements.lock")

# The goals the team set; `met?` compares the median (and the peak RSS where given).
TARGETS = {
    "seed-pdf": (1.0, None),
    "seed-docx": (0.3, None),
    "series-per-paper": (0.5, None),
    "long-pdf": (10.0, 800.0),
    "make-noop": (0.3, None),
    "make-edit": (2.0, None),
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


def ratio(baseline: Row, ours: Row) -> None:
    """How long the baseline takes as a multiple of our time (0.5x: twice as fast as ours)."""
    if baseline.median and ours.median:
        baseline.ratio = f"{baseline.median / ours.median:.2f}x ours"


# ------------------------------------------------------------------- temporary projects


def copy_paper(slug: str, into: Path) -> Path:
    target = into / "content" / slug
    shutil.copytree(ROOT / "content" / slug, target)
    return target


def copy_repo(into: Path) -> Path:
    """The files `make` needs, plus a .venv that shares the real one's interpreter and
    packages but has its own bootstrap stamp (the hash scripts/bootstrap expects), written
    last so make sees it newer than its prerequisites and never runs bootstrap, and so no
    pip install can reach the real .venv from here."""
    into.mkdir(parents=True)
    skip = shutil.ignore_patterns("__pycache__", "*.egg-info")
    for name in REPO_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, into / name, symlinks=True, ignore=skip)
        else:
            shutil.copy2(source, into / name)
    (into / "content").mkdir()
    venv = into / ".venv"
    venv.mkdir()
    for entry in VENV.iterdir():
        if entry.name != ".bootstrap-stamp":
            (venv / entry.name).symlink_to(entry)
    digest = subprocess.run(
        "cat requirements.lock pyproject.toml | sha256sum | cut -d' ' -f1",
        shell=True,
        cwd=into,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    (venv / ".bootstrap-stamp").write_text(digest)
    return into


def make_series(into: Path, *args: str) -> list[str]:
    script = ROOT / "scripts" / "make_series.py"
    subprocess.run([PYTHON, script, into, *args], capture_output=True, check=True)
    return sorted(p.parent.name for p in (into / "content").glob("*/paper.md"))


def wrote(sample: Sample) -> int:
    return sum(line.startswith("wrote ") for line in sample.stdout.splitlines())


# ------------------------------------------------------------------- scenarios


def seed_builds(work: Path, runs: int) -> list[Row]:
    """1. The seed paper, PDF and DOCX, each a cold `briefing build` process."""
    project = work / "seed"
    copy_paper(SEED, project)
    rows = []
    for fmt in ("pdf", "docx"):
        cmd = [BRIEFING, "build", f"content/{SEED}", "--format", fmt, "--out", "out"]
        rows.append(
            measure(
                f"seed-{fmt}",
                f"seed paper {fmt.upper()}, cold process",
                cmd,
                project,
                runs,
                warmup=1,
                note="1 untimed warm-up (page cache)",
            )
        )
    return rows


def baselines(work: Path, runs: int, ours: dict[str, Row]) -> list[Row]:
    """6. pandoc (DOCX; PDF through WeasyPrint) and Typst on the same seed paper."""
    paper = work / "seed" / "content" / SEED
    rows = []
    if shutil.which("pandoc"):
        cmd = ["pandoc", "paper.md", "-o", work / "pandoc.docx"]
        rows.append(measure("pandoc-docx", "baseline: pandoc md->DOCX", cmd, paper, runs, warmup=1))
        ratio(rows[-1], ours["seed-docx"])
        engine = VENV / "bin" / "weasyprint"
        if engine.exists():
            cmd = ["pandoc", "paper.md", f"--pdf-engine={engine}", "-o", work / "pandoc.pdf"]
            scenario = "baseline: pandoc md->PDF (weasyprint)"
            rows.append(measure("pandoc-pdf", scenario, cmd, paper, runs, warmup=1))
            ratio(rows[-1], ours["seed-pdf"])
        else:
            rows.append(missing("pandoc-pdf", "baseline: pandoc md->PDF", "no weasyprint"))
    else:
        rows.append(missing("pandoc-docx", "baseline: pandoc md->DOCX", "pandoc not installed"))
        rows.append(missing("pandoc-pdf", "baseline: pandoc md->PDF", "pandoc not installed"))
    rows.append(typst_baseline(paper, runs, ours["seed-pdf"]))
    return rows


def typst_baseline(paper: Path, runs: int, ours: Row) -> Row:
    scenario = "baseline: Typst (python typst) PDF"
    probe = subprocess.run([PYTHON, "-c", "import typst"], capture_output=True)
    if probe.returncode != 0:
        return missing("typst-pdf", scenario, "`import typst` fails: not in requirements.lock")
    from bench_typst import typst_source

    from briefing.reader import read_paper

    source = paper / "paper.typ"
    source.write_text(typst_source(read_paper(paper)), encoding="utf-8")
    code = "import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2])"
    cmd = [PYTHON, "-c", code, source, paper / "typst.pdf"]
    row = measure("typst-pdf", scenario, cmd, paper, runs, warmup=1)
    ratio(row, ours)
    return row


def series(work: Path, papers: int, runs: int, noop_runs: int, edit_runs: int) -> list[Row]:
    """2. `make -j2 pdf docx` over a generated series; 4. its volume; 5. incremental make."""
    project = copy_repo(work / "series")
    slugs = make_series(project, "--papers", str(papers), "--seed", "1", "--volume", "series")

    def clean(_: int) -> None:
        shutil.rmtree(project / "build", ignore_errors=True)

    full = measure(
        "series",
        f"series: make -j2 pdf docx ({papers} papers)",
        ["make", "-j2", "pdf", "docx"],
        project,
        runs,
        before=clean,
        note=f"{os.cpu_count()} CPUs",
    )
    rows = [full]
    if full.status == "ok":
        per = Row("series-per-paper", "series: seconds per paper (PDF+DOCX)")
        per.seconds = [s / papers for s in full.seconds]
        per.rss_mb = full.rss_mb
        per.note = f"wall / {papers}"
        rows.append(per.finish())
    else:
        return rows + [Row("series-per-paper", "series: per paper", status="skipped").finish()]

    # The same work in one process: what per-process start-up costs the make build.
    one = [BRIEFING, "build", *(f"content/{s}" for s in slugs), "--format", "pdf,docx"]
    one += ["--out", "one-process"]
    batch = measure("series-one-process", "series: one briefing build process", one, project, 1)
    if batch.status == "ok" and full.median:
        batch.ratio = f"{batch.median / full.median:.2f}x make"
        batch.note = f"{batch.median / papers:.3f} s per paper, serial"
    rows.append(batch)
    rows += volume(project, slugs)
    rows.append(
        measure(
            "make-noop",
            f"no-op make pdf docx ({papers} papers)",
            ["make", "pdf", "docx"],
            project,
            noop_runs,
            warmup=1,
        )
    )
    edited = project / "content" / slugs[0] / "paper.md"

    def edit(i: int) -> None:
        with edited.open("a", encoding="utf-8") as handle:
            handle.write(f"\nThe benchmark appended sentence number {i + 10}.\n")

    for jobs in ("", "-j2"):
        cmd = ["make", *([jobs] if jobs else []), "pdf", "docx"]
        row = measure(
            "make-edit" if not jobs else "make-edit-j2",
            f"edit one paper, make {jobs + ' ' if jobs else ''}pdf docx",
            cmd,
            project,
            edit_runs,
            before=edit,
        )
        if row.status == "ok":
            row.note = f"rebuilt {wrote(row.last)} outputs"
        rows.append(row)
    return rows


def volume(project: Path, slugs: list[str]) -> list[Row]:
    """4. The whole series bound as one volume with `briefing volume`."""
    probe = run([BRIEFING, "volume", "--help"], project)
    if probe.returncode != 0:
        return [missing("volume", "volume of the series", "`briefing volume` does not exist yet")]
    volume_file = "content/volumes/series.yaml"
    both = [BRIEFING, "volume", volume_file, "--out", "build/volumes"]  # as `make volume` runs it
    pdf = [*both, "--format", "pdf"]
    name = f"volume of {len(slugs)} papers"
    note = "DOCX needs the PDF's page numbers"
    return [
        measure("volume", f"{name}, PDF+DOCX", both, project, 1, note=note),
        measure("volume-pdf", f"{name}, PDF only", pdf, project, 1),
    ]


def long_paper(work: Path, runs: int) -> list[Row]:
    """3. One ~60-page paper: 300 footnotes, 20 figures, 10 tables."""
    project = work / "long"
    [slug] = make_series(project, "--long", "--seed", "1")
    rows = []
    for fmt in ("pdf", "docx"):
        cmd = [BRIEFING, "build", f"content/{slug}", "--format", fmt, "--out", "out"]
        row = measure(f"long-{fmt}", f"long paper {fmt.upper()} ({slug})", cmd, project, runs)
        if fmt == "pdf" and row.status == "ok":
            pages = subprocess.run(
                ["pdfinfo", project / "out" / f"{slug}.pdf"], capture_output=True, text=True
            ).stdout
            found = [line.split()[-1] for line in pages.splitlines() if line.startswith("Pages")]
            row.note = f"{found[0]} pages" if found else ""
        rows.append(row)
    return rows


# ------------------------------------------------------------------- report


def fmt(value: float | None, digits: int = 2) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def table(rows: list[Row]) -> str:
    head = ("scenario", "runs", "median s", "min s", "max s", "peak RSS MB", "ratio")
    head += ("target", "met?", "note")
    lines = []
    for r in rows:
        if r.status != "ok":
            cells = (r.scenario, str(r.runs), r.status.split(":")[0], "", "", "", "")
            lines.append((*cells, r.target, "", r.status if ":" in r.status else r.note))
            continue
        per_paper = r.key == "series-per-paper"
        low, high = (min(r.seconds), max(r.seconds)) if r.seconds else (None, None)
        digits = 3 if per_paper else 2
        lines.append(
            (
                r.scenario,
                str(r.runs),
                fmt(r.median, digits),
                fmt(low, digits),
                fmt(high, digits),
                fmt(r.rss_mb, 0),
                r.ratio,
                r.target,
                r.met,
                r.note,
            )
        )
    widths = [max(len(h), *(len(line[i]) for line in lines)) for i, h in enumerate(head)]
    right = {1, 2, 3, 4, 5}

    def render(cells) -> str:
        out = [
            c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths))
        ]
        return "  ".join(out).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([render(head), rule, *map(render, lines)])


def environment() -> dict:
    def output(cmd: list[str]) -> str:
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
        except OSError:
            return "missing"
        return (done.stdout.strip().splitlines() or ["?"])[0]

    return {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "commit": output(["git", "rev-parse", "--short", "HEAD"]),
        "dirty": bool(output(["git", "status", "--porcelain"]) not in ("", "?")),
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs",
        "weasyprint": output(
            [str(PYTHON), "-c", "import weasyprint; print(weasyprint.__version__)"]
        ),
        "pandoc": output(["pandoc", "--version"]),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="fewer runs, 4-paper series, no long paper"
    )
    parser.add_argument("--papers", type=int, help="series size (default 50; 4 with --quick)")
    parser.add_argument("--series-runs", type=int, default=1, help="runs of the full series build")
    parser.add_argument(
        "--json", type=Path, help="where to write (build/bench.json; bench-quick.json if --quick)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    if not BRIEFING.exists():
        parser.error(f"{BRIEFING} not found: run `make` once to bootstrap")
    quick = args.quick
    args.json = args.json or ROOT / "build" / ("bench-quick.json" if quick else "bench.json")
    runs = 2 if quick else 5
    papers = args.papers or (4 if quick else 50)

    work = Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    env_info = environment()
    started = time.perf_counter()
    rows: list[Row] = []
    try:

        def step(title: str) -> None:
            print(f"[{time.perf_counter() - started:6.1f} s] {title}", file=sys.stderr, flush=True)

        step("seed paper, cold builds")
        rows += seed_builds(work, runs)
        step(f"series of {papers} papers, volume, incremental make")
        rows += series(work, papers, 1 if quick else args.series_runs, runs, 1 if quick else 3)
        if quick:
            rows += [Row("long-pdf", "long paper PDF", status="skipped", note="--quick").finish()]
        else:
            step("long paper")
            rows += long_paper(work, 1)
        step("baselines")
        rows += baselines(work, runs, {r.key: r for r in rows})
    finally:
        if args.keep:
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    print()
    print(table(rows))
    print(
        f"\n{env_info['machine']}, Python {env_info['python']}, WeasyPrint "
        f"{env_info['weasyprint']}; ratio = baseline time / our time for the same paper."
    )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    report = {"environment": env_info, "quick": quick, "rows": [_jsonable(r) for r in rows]}
    args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {args.json.relative_to(ROOT) if args.json.is_relative_to(ROOT) else args.json}")
    return 0


def _jsonable(row: Row) -> dict:
    data = asdict(row)
    del data["last"]
    data["min"] = min(row.seconds) if row.seconds else None
    data["max"] = max(row.seconds) if row.seconds else None
    return data


if __name__ == "__main__":
    sys.exit(main())
