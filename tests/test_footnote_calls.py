"""Every call of a note looks the same in the PDF: its first call (where the note is placed)
and every later one, in body text, in a box, in English and in Chinese: one size and one
raise above the baseline, both from the theme (`footnotes.call_scale`)."""

from __future__ import annotations

import pdfplumber
import pytest

from briefing.build import build
from briefing.theme import load_theme

THEME = load_theme()
BODY = THEME.styles["Body Text"].size
CALL_SIZE = BODY * THEME.footnotes.call_scale
CALL_RAISE = BODY * (1 - THEME.footnotes.call_scale)

PAPER = """---
title: {title}
authors: [{{name: A. Writer}}]
date: 2024-03-01
lang: {lang}
key_points: [{point}]
---
## {heading}

{first}[^a] {second}[^b] {again}[^a] {more}[^b] {tail}

::: {{.box title="{box}"}}
{again}[^a] {more}[^b]
:::

[^a]: {note}
[^b]: {note}
"""
WORDS = {
    "en": dict(
        title="Calls",
        point="One point.",
        heading="Sources",
        first="The first claim.",
        second="A second claim.",
        again="The first source again.",
        more="And the second",
        tail="in the middle of a sentence.",
        box="Aside",
        note="A source.",
    ),
    "zh-Hant": dict(
        title="註釋",
        point="重點。",
        heading="來源",
        first="第一個說法。",
        second="第二個說法。",
        again="再次引用第一個來源。",
        more="以及第二個來源",
        tail="在句子中間。",
        box="補充",
        note="資料來源。",
    ),
}


@pytest.fixture(scope="module", params=list(WORDS))
def calls(request, tmp_path_factory):
    """(text, size, raise above its line's baseline) of each call digit, in reading order."""
    folder = tmp_path_factory.mktemp("calls") / "paper"
    folder.mkdir()
    (folder / "paper.md").write_text(PAPER.format(lang=request.param, **WORDS[request.param]))
    (pdf,) = build(folder, ["pdf"], folder.parent / "out")
    found = []
    with pdfplumber.open(pdf) as document:
        page = document.pages[0]
        for line in page.extract_text_lines(return_chars=True):
            # The line's baseline is that of its text (anything larger than a call).
            text = [c for c in line["chars"] if c["size"] > CALL_SIZE + 0.5]
            if not text:
                continue
            baseline = text[0]["matrix"][5]
            for c in line["chars"]:
                if c["text"].isdigit() and c["size"] < CALL_SIZE + 0.5:
                    found.append((c["text"], c["size"], c["matrix"][5] - baseline))
    return found


def test_every_call_first_or_repeated_has_one_size_and_one_raise(calls):
    assert [text for text, _, _ in calls] == ["1", "2", "1", "2", "1", "2"]
    for text, size, raised in calls:
        assert size == pytest.approx(CALL_SIZE, abs=0.05), text
        assert raised == pytest.approx(CALL_RAISE, abs=0.1), text
