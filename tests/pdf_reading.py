"""Read a built PDF the way a person looks at it: which page each footnote call and each
note is on, where the body text ends, what the running header and footer say."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pdfplumber

from briefing.theme import load_theme

THEME = load_theme()
FOOTNOTE_SIZE = THEME.styles["Footnote Text"].size
BODY_SIZE = THEME.styles["Body Text"].size
CALL_SIZE = round(BODY_SIZE * THEME.footnotes.call_scale, 2)  # every call, first or not
NOTE_START = re.compile(r"^(\d+)\.\s")


@dataclass
class PageView:
    number: int
    text: str
    calls: list[int] = field(default_factory=list)  # footnote numbers called on this page
    notes: dict[int, float] = field(default_factory=dict)  # note number -> top (pt)
    body_bottom: float = 0.0  # lowest body-text baseline area on the page
    body_lines: list[dict] = field(default_factory=list)


def _near(a: float, b: float, tol: float = 0.3) -> bool:
    return abs(a - b) <= tol


def read_pages(path) -> list[PageView]:
    views = []
    with pdfplumber.open(path) as pdf:
        for index, page in enumerate(pdf.pages, start=1):
            view = PageView(index, page.extract_text() or "")
            # calls: runs of small digits (adjacent on one line)
            # Calls are set in the body face at one size; figure labels of a similar size
            # are in the heading (sans) face.
            digits = [
                c
                for c in page.chars
                if c["text"].isdigit()
                and _near(c["size"], CALL_SIZE, 0.1)
                and "Sans" not in c["fontname"]
            ]
            run, last = "", None
            for c in digits:
                if (
                    last is not None
                    and _near(c["top"], last["top"], 1)
                    and c["x0"] - last["x1"] < 1
                ):
                    run += c["text"]
                else:
                    if run:
                        view.calls.append(int(run))
                    run = c["text"]
                last = c
            if run:
                view.calls.append(int(run))
            for line in page.extract_text_lines():
                size = line["chars"][0]["size"]
                found = NOTE_START.match(line["text"])
                if found and _near(size, FOOTNOTE_SIZE) and "Bold" in line["chars"][0]["fontname"]:
                    view.notes[int(found[1])] = line["top"]
                if _near(size, BODY_SIZE):
                    view.body_lines.append(line)
                    view.body_bottom = max(view.body_bottom, line["bottom"])
            views.append(view)
    return views
