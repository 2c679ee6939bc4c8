"""scripts/make_series.py: the same seed gives the same bytes, and every generated paper is
one an analyst could have written (it passes `briefing check` without a warning)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from briefing import model as m
from briefing.reader import read_paper

SCRIPT = ROOT / "scripts" / "make_series.py"
BRIEFING = Path(sys.executable).parent / "briefing"


def make_series(out: Path, *args: str) -> None:
    subprocess.run([sys.executable, str(SCRIPT), str(out), *args], check=True, capture_output=True)


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def blocks(paper: m.Paper, kind: type) -> list:
    return [b for b in paper.blocks if isinstance(b, kind)]


@pytest.fixture(scope="module")
def series(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("series")
    make_series(out, "--papers", "4", "--seed", "7", "--volume", "bench")
    return out / "content"


def test_the_same_seed_gives_byte_identical_files(series, tmp_path):
    make_series(tmp_path, "--papers", "4", "--seed", "7", "--volume", "bench")
    assert files(tmp_path / "content") == files(series)
    make_series(tmp_path / "other", "--papers", "4", "--seed", "8")
    other = tmp_path / "other" / "content"
    texts = {(p.parent.name[:2], p.read_bytes()) for p in series.glob("*/paper.md")}
    assert not texts & {(p.parent.name[:2], p.read_bytes()) for p in other.glob("*/paper.md")}


def test_every_paper_passes_briefing_check_without_warnings(series):
    papers = sorted(p.parent for p in series.glob("*/paper.md"))
    assert len(papers) == 4
    done = subprocess.run(
        [str(BRIEFING), "check", *map(str, papers)], capture_output=True, text=True, cwd=series
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout.count(": ok (5 footnotes)") == 4


def test_half_chinese_half_english_each_a_full_briefing(series):
    papers = [read_paper(p.parent) for p in sorted(series.glob("*/paper.md"))]
    assert sorted(p.meta.lang for p in papers) == ["en", "en", "zh-Hant", "zh-Hant"]
    for paper in papers:
        sections = [h for h in blocks(paper, m.Heading) if h.level == 1]
        assert 3 <= len(sections) <= 4
        assert len(paper.footnotes) == 5
        assert len(paper.key_points.children[0].items) == 2
        [figure] = blocks(paper, m.Figure)
        assert figure.src.endswith(".svg") and (paper.folder / figure.src).is_file()
        [table] = blocks(paper, m.Table)
        assert table.caption and table.id == "tbl:t1"
        text = (paper.folder / "paper.md").read_text(encoding="utf-8")
        assert "@fig:f1" in text and "@tbl:t1" in text


def test_the_volume_lists_every_paper_in_order(series):
    volume = yaml.safe_load((series / "volumes" / "bench.yaml").read_text(encoding="utf-8"))
    slugs = sorted(p.parent.name for p in series.glob("*/paper.md"))
    assert sorted(volume["papers"]) == slugs
    assert volume["papers"][0].startswith("zh-") and volume["papers"][1].startswith("en-")
    assert {"title", "subtitle", "publisher", "date", "lang"} <= volume.keys()
