"""A table's caption is never stranded at the foot of a page while its table starts on the
next. The paper is first built to measure where its text ends and how tall caption and
table are; then just enough lines are added before the table that the caption would fit
at the foot of the page and the table would not."""

from __future__ import annotations

import pdfplumber
import pytest

from briefing.build import build
from briefing.theme import load_theme

THEME = load_theme()
LINE = THEME.styles["Body Text"].size * THEME.styles["Body Text"].line_height
TEXT_BOTTOM = THEME.page.height - THEME.page.margin_bottom
FILLER = "A sentence about supply chains and the refining of minerals into metals. " * 6


def paper(extra_lines: int, rows: int) -> str:
    # One paragraph of `extra_lines` lines (hard line breaks), after enough text to fill
    # most of the first page.
    padding = "\\\n".join(["Another short line."] * extra_lines) or "Short."
    table = "| Country | Production | Reserves |\n|:--|--:|--:|\n" + "".join(
        f"| Country {i} | {i * 1000} | {i * 2000} |\n" for i in range(rows)
    )
    return (
        "---\ntitle: Tables\nauthors: [{name: A. Writer}]\ndate: 2024-03-01\n"
        "key_points: [One point.]\n---\n## Production\n\n"
        + "\n\n".join([FILLER] * 4)
        + f"\n\n{padding}\n\nSee @tbl:x.\n\n{table}\n"
        "Table: Mine production and reserves by country {#tbl:x}\n\nAfter the table.\n"
    )


def layout(folder, extra_lines: int, rows: int) -> dict:
    """Where the lines that matter are: {name: (page, top, bottom)}."""
    folder.mkdir()
    (folder / "paper.md").write_text(paper(extra_lines, rows))
    (pdf,) = build(folder, ["pdf"], folder / "out")
    found = {}
    starts = {"before": "See Table 1", "caption": "Table 1 ", "head": "Country Production",
              "last": f"Country {rows - 1} "}  # fmt: skip
    with pdfplumber.open(pdf) as document:
        for number, page in enumerate(document.pages, 1):
            for line in page.extract_text_lines():
                for key, start in starts.items():
                    if line["text"].startswith(start) and key not in found:
                        found[key] = (number, line["top"], line["bottom"])
    return found


@pytest.mark.parametrize("rows", [8, 30], ids=["short-table", "tall-table"])
def test_a_caption_is_on_the_page_where_its_table_starts(rows, tmp_path):
    first = layout(tmp_path / "measure", 0, rows)
    caption = first["head"][1] - first["caption"][1]  # caption's top to the header row's
    table = first["last"][2] - first["head"][1]
    free = TEXT_BOTTOM - first["before"][2]  # under "See Table 1" on its page
    # Lines to add so that the caption and about half the table would fit under them (on
    # this page, or on the next if there is less room than that here).
    target = caption + table / 2
    room = free if free >= target else free + THEME.page.text_height
    extra = int((room - target) // LINE) + 1
    second = layout(tmp_path / "strand", extra, rows)
    assert second["head"][0] > second["before"][0], "the table no longer fits on that page"
    assert second["caption"][0] == second["head"][0], "the caption went with its table"
