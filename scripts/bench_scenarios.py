"""Take a Plan (a scratch folder and how many runs), produce each scenario's measured Rows.

Every scenario is `(plan, done) -> rows`, where `done` holds the rows measured before it by
key (the baselines' ratios need our own seed builds).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from bench_measure import Row, Sample, measure, missing, ratio, run, skipped
from bench_projects import BRIEFING, PYTHON, SEED, VENV, copy_paper, copy_repo, make_series


@dataclass(frozen=True)
class Plan:
    """Where the scenarios work and how often each one runs."""

    work: Path  # a fresh temporary folder
    quick: bool
    runs: int  # cold builds, no-op make, baselines
    papers: int  # in the generated series
    series_runs: int
    edit_runs: int
    long_runs: int = 1


def seed_builds(plan: Plan, done: dict[str, Row]) -> list[Row]:
    """1. The seed paper, PDF and DOCX, each a cold `briefing build` process."""
    project = plan.work / "seed"
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
                plan.runs,
                warmup=1,
                note="1 untimed warm-up (page cache)",
            )
        )
    return rows


def series(plan: Plan, done: dict[str, Row]) -> list[Row]:
    """2. `make -j2 pdf docx` over a generated series; 4. its volume; 5. incremental make."""
    papers = plan.papers
    project = copy_repo(plan.work / "series")
    slugs = make_series(project, "--papers", str(papers), "--seed", "1", "--volume", "series")

    def clean(_: int) -> None:
        shutil.rmtree(project / "build", ignore_errors=True)

    full = measure(
        "series",
        f"series: make -j2 pdf docx ({papers} papers)",
        ["make", "-j2", "pdf", "docx"],
        project,
        plan.series_runs,
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
        return rows + [skipped("series-per-paper", "series: per paper")]

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
            plan.runs,
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
            plan.edit_runs,
            before=edit,
        )
        if row.status == "ok":
            row.note = f"rebuilt {wrote(row.last)} outputs"
        rows.append(row)
    return rows


def wrote(sample: Sample) -> int:
    return sum(line.startswith("wrote ") for line in sample.stdout.splitlines())


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


def long_paper(plan: Plan, done: dict[str, Row]) -> list[Row]:
    """3. One ~60-page paper: 300 footnotes, 20 figures, 10 tables."""
    project = plan.work / "long"
    [slug] = make_series(project, "--long", "--seed", "1")
    rows = []
    for fmt in ("pdf", "docx"):
        cmd = [BRIEFING, "build", f"content/{slug}", "--format", fmt, "--out", "out"]
        scenario = f"long paper {fmt.upper()} ({slug})"
        row = measure(f"long-{fmt}", scenario, cmd, project, plan.long_runs)
        if fmt == "pdf" and row.status == "ok":
            pages = subprocess.run(
                ["pdfinfo", project / "out" / f"{slug}.pdf"], capture_output=True, text=True
            ).stdout
            found = [line.split()[-1] for line in pages.splitlines() if line.startswith("Pages")]
            row.note = f"{found[0]} pages" if found else ""
        rows.append(row)
    return rows


def baselines(plan: Plan, done: dict[str, Row]) -> list[Row]:
    """6. pandoc (DOCX; PDF through WeasyPrint) and Typst on the same seed paper."""
    work, runs = plan.work, plan.runs
    paper = work / "seed" / "content" / SEED
    rows = []
    if shutil.which("pandoc"):
        cmd = ["pandoc", "paper.md", "-o", work / "pandoc.docx"]
        rows.append(measure("pandoc-docx", "baseline: pandoc md->DOCX", cmd, paper, runs, warmup=1))
        ratio(rows[-1], done["seed-docx"])
        engine = VENV / "bin" / "weasyprint"
        if engine.exists():
            cmd = ["pandoc", "paper.md", f"--pdf-engine={engine}", "-o", work / "pandoc.pdf"]
            scenario = "baseline: pandoc md->PDF (weasyprint)"
            rows.append(measure("pandoc-pdf", scenario, cmd, paper, runs, warmup=1))
            ratio(rows[-1], done["seed-pdf"])
        else:
            rows.append(missing("pandoc-pdf", "baseline: pandoc md->PDF", "no weasyprint"))
    else:
        rows.append(missing("pandoc-docx", "baseline: pandoc md->DOCX", "pandoc not installed"))
        rows.append(missing("pandoc-pdf", "baseline: pandoc md->PDF", "pandoc not installed"))
    rows.append(typst_baseline(paper, runs, done["seed-pdf"]))
    return rows


def typst_baseline(paper: Path, runs: int, ours: Row) -> Row:
    scenario = "baseline: Typst (python typst) PDF"
    probe = subprocess.run([PYTHON, "-c", "import typst"], capture_output=True)
    if probe.returncode != 0:
        return missing("typst-pdf", scenario, "`import typst` fails: make bench installs it")
    # Imported here, not at the top: they need the .venv's briefing, and the harness
    # should still start (and say "run make") under any Python.
    from bench_typst import typst_source

    from briefing.reader import read_paper

    source = paper / "paper.typ"
    source.write_text(typst_source(read_paper(paper)), encoding="utf-8")
    code = "import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2])"
    cmd = [PYTHON, "-c", code, source, paper / "typst.pdf"]
    row = measure("typst-pdf", scenario, cmd, paper, runs, warmup=1)
    ratio(row, ours)
    return row
