"""Take the pipeline as installed in .venv, produce wall times and peak memory of real builds.

    .venv/bin/python scripts/bench.py [--quick] [--keep]

Every scenario runs real `briefing` and `make` processes in a fresh temporary folder, so
build/ is never touched except for build/bench.json. Wall time is time.perf_counter()
around the child; peak RSS is the child's ru_maxrss from os.wait4 (for `make`, the largest
single process it ran). Targets are reported, not asserted: the exit status is 0 unless
the harness itself breaks, and a missing baseline is reported as "missing", never as 0.

The scenarios are in bench_scenarios.py (the live preview's in bench_preview.py), the Typst
baseline's writer in bench_typst.py, timing in bench_measure.py, the table and JSON in
bench_report.py.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench_measure import Row, skipped
from bench_preview import preview_edit
from bench_projects import BRIEFING, ROOT
from bench_report import environment, footer, table, write_json
from bench_scenarios import Plan, baselines, long_paper, seed_builds, series


@dataclass(frozen=True)
class Scenario:
    title: str  # the progress line on stderr; {papers} is the series size
    measure: Callable[[Plan, dict[str, Row]], list[Row]]
    not_quick: tuple[str, str] | None = None  # (key, scenario) of its "skipped" row if --quick


# In the order they run; each one may read the rows before it (the baselines' ratios).
SCENARIOS = (
    Scenario("seed paper, cold builds", seed_builds),
    Scenario("series of {papers} papers, volume, incremental make", series),
    Scenario("long paper", long_paper, not_quick=("long-pdf", "long paper PDF")),
    Scenario("baselines", baselines),
    Scenario("live preview, warm rebuild", preview_edit),
)


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
    plan = Plan(
        work=Path(tempfile.mkdtemp(prefix="briefing-bench-")),
        quick=quick,
        runs=2 if quick else 5,
        papers=args.papers or (4 if quick else 50),
        series_runs=1 if quick else args.series_runs,
        edit_runs=1 if quick else 3,
    )
    env_info = environment()
    try:
        rows = run_all(plan)
    finally:
        if args.keep:
            print(f"kept {plan.work}", file=sys.stderr)
        else:
            shutil.rmtree(plan.work, ignore_errors=True)
    print()
    print(table(rows))
    print(f"\n{footer(env_info)}")
    print(f"wrote {write_json(args.json, env_info, quick, rows)}")
    return 0


def run_all(plan: Plan) -> list[Row]:
    """Every scenario in SCENARIOS, in order, with a progress line for each on stderr."""
    started = time.perf_counter()
    rows: list[Row] = []
    for scenario in SCENARIOS:
        if plan.quick and scenario.not_quick:
            rows.append(skipped(*scenario.not_quick, "--quick"))
            continue
        title = scenario.title.format(papers=plan.papers)
        print(f"[{time.perf_counter() - started:6.1f} s] {title}", file=sys.stderr, flush=True)
        rows += scenario.measure(plan, {r.key: r for r in rows})
    return rows


if __name__ == "__main__":
    sys.exit(main())
