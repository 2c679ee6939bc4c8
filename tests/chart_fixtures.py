"""The chart test papers (tests/fixtures/charts: every chart type, in English and Chinese,
from real USGS and CNPC figures) and what their specs and CSVs say, read here with plain
PyYAML and csv so the tests do not trust the pipeline's own reader."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import yaml

CHARTS = Path(__file__).resolve().parent / "fixtures" / "charts"
PAPERS = {"en": CHARTS / "en-charts", "zh-Hant": CHARTS / "zh-charts"}
# In document order: the n-th chart of each paper is of the n-th type.
TYPES = ("column", "bar", "line", "area", "stacked-column", "stacked-bar", "scatter", "pie")


@dataclass
class Expected:
    spec: dict
    categories: list[str]
    series: dict[str, list[float | None]]  # name -> value per row, None where empty


def expected(lang: str, kind: str, folder: Path | None = None) -> Expected:
    spec_path = (folder or PAPERS[lang]) / "figures" / f"{kind}.chart.yaml"
    spec = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
    with open(spec_path.parent / spec["data"], encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    names = spec.get("y") or [n for n in rows[0] if n != spec["x"]]
    names = [names] if isinstance(names, str) else names
    series = {n: [float(r[n]) if r[n].strip() else None for r in rows] for n in names}
    return Expected(spec, [r[spec["x"]] for r in rows], series)
