"""Markdown in, document model out: each fixture `X.md` has its expected model in
`X.model` (a pretty-printed repr). Set UPDATE_FIXTURES=1 to rewrite them after a
deliberate change, then read the diff."""

from __future__ import annotations

import os
from pathlib import Path
from pprint import pformat

import pytest

from briefing import model as m
from briefing.reader import read_paper
from briefing.transform import walk

FIXTURES = Path(__file__).parent / "fixtures" / "reader"
CASES = sorted(FIXTURES.glob("*.md"))


def dump(paper: m.Paper) -> str:
    shown = {
        "title_block": paper.title_block,
        "key_points": paper.key_points,
        "blocks": paper.blocks,
        "footnotes": paper.footnotes,
    }
    return pformat(shown, width=100) + "\n"


@pytest.mark.parametrize("source", CASES, ids=[c.stem for c in CASES])
def test_fixture(source: Path):
    got = dump(read_paper(source))
    expected_file = source.with_suffix(".model")
    if os.environ.get("UPDATE_FIXTURES"):
        expected_file.write_text(got, encoding="utf-8")
    assert expected_file.exists(), f"no {expected_file.name}: write it with UPDATE_FIXTURES=1"
    assert got == expected_file.read_text(encoding="utf-8")


def test_the_seed_has_its_structure(seed_paper):
    meta = seed_paper.meta
    assert (meta.lang, meta.number, meta.authors[0].role) == ("zh-Hant", 5, "主稿")
    assert seed_paper.title_block.numbered_title.startswith("五、近期中共")
    assert seed_paper.title_block.authors == ("政治大學民族學系教授趙竹成主稿",)
    assert len(seed_paper.key_points.children[0].items) == 2
    assert seed_paper.key_points.title == "重點摘要"
    headings = [b for b in seed_paper.blocks if isinstance(b, m.Heading)]
    assert [h.label for h in headings] == ["（一）", "（二）", "（三）", "（四）"]
    figures = [b for b in seed_paper.blocks if isinstance(b, m.Figure)]
    assert [(f.label.text, f.id) for f in figures] == [("圖 1", "fig:rings")]
    assert len(seed_paper.footnotes) >= 5


def test_figures_and_tables_are_numbered_wherever_they_stand():
    """In a list, a quote, a box: one walk in document order labels them all."""
    paper = read_paper(FIXTURES / "figures_everywhere.md")
    labelled = [
        (n.id, n.label.text) for n in walk(paper.blocks) if isinstance(n, (m.Figure, m.Table))
    ]
    expected = (FIXTURES / "figures_everywhere.expected").read_text().splitlines()
    assert [f"{i} {t}" for i, t in labelled] == expected
    refs = {
        n.id: n.text for n in walk((paper.blocks, paper.key_points)) if isinstance(n, m.CrossRef)
    }
    assert refs == {
        "fig:in-box": "Figure 3",
        "tbl:in-quote": "Table 1",
        "fig:in-list": "Figure 1",
        "fig:in-quote": "Figure 2",
        "sec:places": "Section 1",
    }
    boxes = [n for n in walk(paper.blocks) if isinstance(n, m.Box)]
    assert [b.title for b in boxes] == ["A box", "A box in the box"]
    assert isinstance(boxes[0].children[-1], m.Paragraph), "the outer box goes on after the inner"


def test_extraction_noise_is_gone_from_the_seed(seed_paper):
    text = "".join(n.text for n in walk(seed_paper.blocks) if isinstance(n, m.Text))
    assert "  " not in text and "\n" not in text
    assert "2021年10月" in text and "普亭（V.V.Putin）" in text
