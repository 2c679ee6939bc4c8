"""Chinese typography in the seed PDF, measured: justified lines end at the margin,
punctuation obeys kinsoku, copy-paste returns the source text."""

from __future__ import annotations

import re
import subprocess
from collections import defaultdict

import pdfplumber
import pytest

from briefing import model as m
from briefing.theme import load_theme
from briefing.transform import walk

SEED = "zh-russia-ukraine-kazakhstan"
ENGLISH = "en-rare-earth-processing"
THEME = load_theme()
MM = 72 / 25.4
LEFT = THEME.page.margin_left
RIGHT = THEME.page.width - THEME.page.margin_right
BODY = THEME.styles["Body Text"].size
CLOSING = set("，。、；：？！」』）》〉】〕,.;:?!)")
OPENING = set("「『（《〈【〔(")


def body_lines(path):
    """[(page, top, x0, x1, text)] for lines set in the body size, in reading order.
    x1 includes superscript footnote calls at the end of the line."""
    lines = []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            rows = defaultdict(list)
            for c in page.chars:
                if abs(c["size"] - BODY) < 0.2 and "Bold" not in c["fontname"]:
                    rows[round(c["bottom"])].append(c)
            for bottom, chars in sorted(rows.items()):
                top = min(c["top"] for c in chars)
                band = [c for c in page.chars if top - 4 <= c["top"] and c["bottom"] <= bottom + 1]
                band.sort(key=lambda c: c["x0"])
                text = "".join(c["text"] for c in band)
                lines.append((number, top, band[0]["x0"], max(c["x1"] for c in band), text))
    return lines


def full_lines(lines, indent_marks_start: bool):
    """The lines that are followed by another line of the same paragraph."""
    pitch = BODY * THEME.styles["Body Text"].line_height
    for line, after in zip(lines, lines[1:]):
        page, top, x0, x1, text = line
        if x0 > LEFT + 1 and not indent_marks_start:
            continue  # lists, quotes: not body paragraphs
        if after[0] != page:
            continues = indent_marks_start and after[2] < LEFT + 1
        else:
            continues = after[1] - top < pitch + 3 and (
                after[2] < LEFT + 1 if indent_marks_start else abs(after[2] - x0) < 1
            )
        if continues:
            yield line


@pytest.mark.parametrize("slug,indented", [(SEED, True), (ENGLISH, False)])
def test_every_full_line_ends_at_the_right_margin(built_pdf, slug, indented):
    lines = list(full_lines(body_lines(built_pdf[slug]), indented))
    assert len(lines) > 20
    ragged = [
        (p, t[:12], round(RIGHT - x1, 2)) for p, _, _, x1, t in lines if abs(RIGHT - x1) > 0.5
    ]
    assert not ragged, f"lines not flush with the margin: {ragged[:5]}"


def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(built_pdf):
    with pdfplumber.open(built_pdf[SEED]) as pdf:
        for page in pdf.pages:
            for line in page.extract_text_lines():
                text = line["text"].strip()
                assert text[0] not in CLOSING, f"line starts with {text[0]}: {text[:20]}"
                assert text[-1] not in OPENING, f"line ends with {text[-1]}: {text[-20:]}"


def _source_text(inlines) -> str:
    """What a paragraph prints: its text, the number at each footnote call."""
    parts = []
    for node in inlines:
        if isinstance(node, (m.Text, m.CrossRef)):
            parts.append(node.text)
        elif isinstance(node, m.FootnoteRef):
            parts.append(node.label)
        elif hasattr(node, "children"):
            parts.append(_source_text(node.children))
    return "".join(parts)


def test_copy_paste_returns_each_body_line_without_inserted_spaces(built_pdf, seed_paper):
    """Every line of body text pdftotext copies out of the PDF is a piece of a paragraph as
    written: the spread of justified Chinese lines adds no spaces (ActualText). Lines are
    compared one by one, so a paragraph that runs onto the next page still counts."""
    out = subprocess.run(
        ["pdftotext", str(built_pdf[SEED]), "-"], capture_output=True, text=True, check=True
    ).stdout
    paragraphs = [
        _source_text(b.children) for b in walk(seed_paper.blocks) if isinstance(b, m.Paragraph)
    ]
    body_lines = [
        line.strip()
        for line in out.splitlines()
        if len(line.strip()) > 20 and re.search(r"[\u4e00-\u9fff]{8}", line)
    ]
    inside = [line for line in body_lines if any(line in p for p in paragraphs)]
    assert len(inside) > 40, "the seed's paragraphs are found line by line"
    gap = re.compile(r"[\u4e00-\u9fff] [\u4e00-\u9fff，。]")
    spaced = [line for line in body_lines if gap.search(line)]
    assert not spaced, f"spaces inserted between Chinese characters: {spaced[:2]}"
