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

FIXTURES = Path(__file__).parent / "fixtures" / "reader"
CASES = sorted(FIXTURES.glob("*.md"))


def dump(paper: m.Paper) -> str:
    return (
        pformat(
            {"key_points": paper.key_points, "blocks": paper.blocks, "footnotes": paper.footnotes},
            width=100,
        )
        + "\n"
    )


@pytest.mark.parametrize("source", CASES, ids=[c.stem for c in CASES])
def test_fixture(source: Path):
    got = dump(read_paper(source))
    expected_file = source.with_suffix(".model")
    if os.environ.get("UPDATE_FIXTURES") or not expected_file.exists():
        expected_file.write_text(got, encoding="utf-8")
    assert got == expected_file.read_text(encoding="utf-8")


def test_the_seed_has_its_structure(seed_paper):
    meta = seed_paper.meta
    assert (meta.lang, meta.number, meta.authors[0].role) == ("zh-Hant", 5, "主稿")
    assert len(seed_paper.key_points) == 2
    headings = [b for b in seed_paper.blocks if isinstance(b, m.Heading)]
    assert [h.label for h in headings] == ["（一）", "（二）", "（三）", "（四）"]
    figures = [b for b in seed_paper.blocks if isinstance(b, m.Figure)]
    assert [(f.number, f.id) for f in figures] == [(1, "fig:rings")]
    assert len(seed_paper.footnotes) >= 5


def test_extraction_noise_is_gone_from_the_seed(seed_paper):
    from briefing.transform import walk

    text = "".join(n.text for n in walk(seed_paper.blocks) if isinstance(n, m.Text))
    assert "  " not in text and "\n" not in text
    assert "2021年10月" in text and "普亭（V.V.Putin）" in text
