"""Take the measured Rows, produce the results table, its footer and build/bench.json."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import subprocess
from dataclasses import asdict
from pathlib import Path

from bench_measure import Row
from bench_projects import PYTHON, ROOT


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


def footer(env_info: dict) -> str:
    return (
        f"{env_info['machine']}, Python {env_info['python']}, WeasyPrint "
        f"{env_info['weasyprint']}; ratio = baseline time / our time for the same paper."
    )


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


def write_json(path: Path, env_info: dict, quick: bool, rows: list[Row]) -> str:
    """Write the report to `path`; return how to name it to the reader."""
    path.parent.mkdir(parents=True, exist_ok=True)
    report = {"environment": env_info, "quick": quick, "rows": [_jsonable(r) for r in rows]}
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    return str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


def _jsonable(row: Row) -> dict:
    data = asdict(row)
    del data["last"]
    data["min"] = min(row.seconds) if row.seconds else None
    data["max"] = max(row.seconds) if row.seconds else None
    return data
