"""Appendices (`::: appendix` in appendix-zh, `# Appendices {.appendix}` in appendix-en):
lettered sections 附錄一 / Appendix A, figures and tables numbered within each appendix
(附圖一之一 / Figure A-1), in the model, the PDF, the DOCX and LibreOffice's reading of it.
"""

from __future__ import annotations

import re

import pdfplumber
import pytest
from conftest import FEATURES
from docx_reading import NS, instructions, paragraphs, part, style_of, text_of

from briefing import model as m
from briefing.reader import read_paper
from briefing.transform import walk

EXPECTED = {
    "appendix-zh": {
        "headings": ["（一）", "附錄一", "（一）", "附錄二"],
        "captions": ["圖 1", "附表一之一", "附圖一之一", "附圖一之二", "附圖二之一"],
        "printed": ["附錄一\u3000大事記", "附錄二\u3000名詞解釋", "（一）2024 年"],
        "reference": "附錄見附錄一、附錄二，其中的圖表為附圖一之一、附表一之一",
    },
    "appendix-en": {
        "headings": ["1", "Appendix A", "A.1", "Appendix B"],
        "captions": ["Figure 1", "Table A-1", "Figure A-1", "Figure B-1"],
        "printed": ["Appendix A: Data", "Appendix B: Notes", "A.1 Sources"],
        "reference": "the appendices are Appendix A and Appendix B, with Figure A-1, Table A-1",
    },
}
CASES = list(EXPECTED)


def pdf_text(path) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() for page in pdf.pages)


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("case", CASES)
def test_the_model_carries_the_appendix_labels(case):
    paper = read_paper(FEATURES / case)
    headings = [n.label for n in walk(paper.blocks) if isinstance(n, m.Heading)]
    assert headings == EXPECTED[case]["headings"]
    labels = [n.label for n in walk(paper.blocks) if isinstance(n, (m.Figure, m.Table))]
    assert sorted(label.text for label in labels) == sorted(EXPECTED[case]["captions"])
    restarts = [label.text for label in labels if label.restart]
    assert restarts == [t for t in EXPECTED[case]["captions"] if re.search(r"[A-Z]-1$|之一$", t)]
    assert isinstance(paper.blocks[-1], m.Appendix)


@pytest.mark.parametrize("case", CASES)
def test_the_pdf_prints_the_appendix_headings_captions_and_references(case, feature):
    text = pdf_text(feature(case)["pdf"])
    for line in EXPECTED[case]["printed"]:  # extraction shows the ideographic space as " "
        assert line.replace("\u3000", " ") in text.splitlines(), line
    for caption in EXPECTED[case]["captions"]:
        assert re.search(rf"^{re.escape(caption)}\s", text, re.M), caption
    assert EXPECTED[case]["reference"] in flat(text).replace("Fig‐ ure", "Figure")


@pytest.mark.parametrize("case", CASES)
def test_the_docx_captions_count_with_seq_fields_restarted_in_each_appendix(case, feature):
    root = part(feature(case)["docx"])
    captions = [text_of(p) for p in paragraphs(root) if style_of(p) == "Caption"]
    for caption in EXPECTED[case]["captions"]:
        assert any(c.startswith(caption) for c in captions), caption
    seqs = [i for i in instructions(root) if i.startswith("SEQ")]
    word, numerals = ("圖", "CHINESENUM3") if case == "appendix-zh" else ("Figure", "ARABIC")
    figures = [i for i in seqs if i.startswith(f"SEQ {word} ")]
    # the body's own first figure restarts its sequence too: a paper bound in a volume
    # counts its figures from 1 again when Word updates the fields
    assert figures[0] == f"SEQ {word} \\* ARABIC \\r 1"
    restarted = [i.endswith("\\r 1") for i in figures[1:]]
    assert all(f"\\* {numerals}" in i for i in figures[1:])
    # Figure A-1 restarts, A-2 counts on (zh), B-1 restarts again
    assert restarted == ([True, False, True] if case == "appendix-zh" else [True, True])


@pytest.mark.parametrize("case", CASES)
def test_the_docx_headings_are_the_labels_and_references_point_at_them(case, feature):
    root = part(feature(case)["docx"])
    headings = [text_of(p) for p in paragraphs(root) if style_of(p) == "Heading1"]
    assert [h for h in headings if h in EXPECTED[case]["printed"]] == EXPECTED[case]["printed"][:2]
    refs = [i for i in instructions(root) if i.startswith("REF _Ref_sec_")]
    bookmarks = set(root.xpath("//w:bookmarkStart/@w:name", namespaces=NS))
    assert refs and all(r.split()[1] in bookmarks for r in refs)


@pytest.mark.parametrize("case", CASES)
def test_libreoffice_restarts_the_numbers_in_each_appendix(case, feature):
    """LibreOffice recomputes the SEQ fields. It has no Chinese numeral format for them
    (its Word import leaves CHINESENUM3 out), so it prints 附圖一之 1 where Word prints
    附圖一之一: the counting, restarts included, is the same."""
    text = pdf_text(feature(case, "lo")["lo"])
    if case == "appendix-zh":
        found = re.findall(r"^(附[圖表][一二]之)\s?([1-9一二])", text, re.M)
        assert found == [("附表一之", "1"), ("附圖一之", "1"), ("附圖一之", "2"), ("附圖二之", "1")]
    else:
        captions = re.findall(r"^((?:Figure|Table) [A-Z]?-?\d) A (?:box|table)", text, re.M)
        assert captions == ["Figure 1", "Table A-1", "Figure A-1", "Figure B-1"]
