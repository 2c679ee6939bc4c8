"""scripts/bench_typst.py: a tiny paper becomes Typst source with the same content, every model
node type has a handler, and (when the `typst` package is installed) the source compiles."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import ROOT

from briefing.reader import read_paper

sys.path.insert(0, str(ROOT / "scripts"))
from bench_typst import typst_source  # noqa: E402

TINY = """\
---
title: "A tiny paper #1"
authors: [{name: A. Writer, affiliation: Policy Unit}]
date: 2024-03-01
lang: en
key_points: [One point.]
---
## Background {#sec:bg}

Plain *emphasis* and **strong** text.[^a] Costs rose 5% [sic] at_home.

- first item
- second item

## Conclusion

As @sec:bg says, that is all.

[^a]: The note's own text.
"""


@pytest.fixture
def tiny(tmp_path) -> Path:
    folder = tmp_path / "tiny"
    folder.mkdir()
    (folder / "paper.md").write_text(TINY, encoding="utf-8")
    return folder


def test_a_tiny_paper_becomes_typst_source(tiny):
    source = typst_source(read_paper(tiny))
    lines = source.splitlines()
    assert lines[0].startswith('#set page(paper: "a4"')
    assert 'lang: "en"' in lines[1]
    assert '#text(size: 19pt, weight: "bold")[A tiny paper \\#1]' in source  # `#` escaped
    assert "A. Writer, Policy Unit" in lines and "1 March 2024" in lines  # the model's lines
    assert "#strong[Key points]" in source and "- One point." in lines
    assert [line for line in lines if line.startswith("= ")] == ["= 1 Background", "= 2 Conclusion"]
    assert "Plain #emph[emphasis] and #strong[strong] text." in source
    # the note where it is called; English typography made the apostrophe typographic
    assert "text.#footnote[The note\u2019s own text.] Costs" in source
    assert "\\[sic\\] at\\_home." in source
    assert "- first item" in lines and "- second item" in lines
    assert "As Section 1 says, that is all." in lines  # the cross-reference's label, not @sec


def test_the_typst_source_compiles_to_a_pdf_with_the_same_text(tiny, tmp_path):
    typst = pytest.importorskip("typst", reason="the `typst` package (extra `bench`) is missing")
    from pypdf import PdfReader

    source = tmp_path / "paper.typ"
    source.write_text(typst_source(read_paper(tiny)), encoding="utf-8")
    typst.compile(str(source), output=str(tmp_path / "paper.pdf"))
    [page] = PdfReader(tmp_path / "paper.pdf").pages
    text = " ".join(page.extract_text().split())
    assert "A tiny paper #1" in text
    assert "[sic] at_home." in text  # the escapes print as the characters
    assert "The note\u2019s own text." in text  # Typst sets a typographic apostrophe
