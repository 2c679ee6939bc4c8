"""A figure that does not fit under the text before it no longer leaves the rest of the
page empty: the text after it flows in first, as book typesetting floats a figure to the
next page; the figure still comes after its first reference, and the build stays
reproducible."""

from __future__ import annotations

import pdfplumber
import pytest

from briefing import model as m
from briefing.build import build
from briefing.figure_flow import move_after_next_paragraph
from briefing.reader import read_paper
from briefing.theme import load_theme

THEME = load_theme()
PAGE = THEME.page
TEXT_BOTTOM = PAGE.height - PAGE.margin_bottom
SQUARE = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400" viewBox="0 0 400 400">'
    '<rect x="10" y="10" width="380" height="380" fill="#1F3A5F"/></svg>'
)
SENTENCE = "Refining capacity is concentrated in few places, and that is the concern. "


def paper_text(before: int) -> str:
    after = [f"Paragraph {n} after the figure. " + SENTENCE * 4 for n in range(1, 7)]
    return (
        "---\ntitle: A figure that does not fit\nauthors: [{name: A. Writer}]\n"
        "date: 2024-03-01\nkey_points: [One point.]\n---\n## Refining\n\n"
        + SENTENCE
        * before
        + "As @fig:square shows, the square is large.\n\n"
        "![A large square](figures/square.svg){#fig:square width=100%}\n\n"
        + "\n\n".join(after)
        + "\n"
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("flow") / "paper"
    (folder / "figures").mkdir(parents=True)
    (folder / "figures" / "square.svg").write_text(SQUARE)
    (folder / "paper.md").write_text(paper_text(before=12))
    first = build(folder, ["pdf"], folder.parent / "one")[0]
    second = build(folder, ["pdf"], folder.parent / "two")[0]
    return first, second


def layout(pdf_path) -> list[dict]:
    """Per page: the lowest body line's bottom, the figure's top if it is there, and the
    first words of each body line."""
    body = THEME.styles["Body Text"].size
    pages = []
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            lines = [
                ln
                for ln in page.extract_text_lines()
                if abs(ln["chars"][0]["size"] - body) < 0.3 and ln["top"] > PAGE.margin_top
            ]
            figure = [i["top"] for i in page.images] + [
                r["top"] for r in page.rects if r["width"] > 200 and r["height"] > 200
            ]
            pages.append(
                {
                    "bottom": max((ln["bottom"] for ln in lines), default=0),
                    "figure": min(figure) if figure else None,
                    "lines": [ln["text"] for ln in lines],
                }
            )
    return pages


def test_the_text_after_a_figure_that_does_not_fit_fills_the_page_first(built):
    pages = layout(built[0])
    at = next(i for i, p in enumerate(pages) if p["figure"] is not None)
    assert at > 0, "the figure did not fit on the first page"
    before = pages[at - 1]
    empty = (TEXT_BOTTOM - before["bottom"]) / PAGE.text_height
    assert empty <= THEME.figures.max_blank, f"{empty:.0%} of page {at} left empty"
    # The paragraph written after the figure is now on the page before it ...
    assert any(line.startswith("Paragraph 1 after the figure") for line in before["lines"])
    # ... and the figure still follows its first reference.
    text = "\n".join(line for p in pages[:at] for line in p["lines"])
    assert "As Figure 1 shows" in text


def test_moving_figures_keeps_the_build_reproducible(built):
    assert built[0].read_bytes() == built[1].read_bytes()


def test_a_figure_moves_past_text_only_never_past_another_figure_or_a_table(tmp_path):
    """Past running text (a paragraph, a list), or a heading with its text (into the next
    section, as a book's figure floats), but never past another figure or a table:
    figures keep their order and stay after their reference."""
    folder = tmp_path / "paper"
    (folder / "figures").mkdir(parents=True)
    (folder / "figures" / "square.svg").write_text(SQUARE)
    (folder / "paper.md").write_text(
        "---\ntitle: T\nauthors: [{name: A}]\ndate: 2024-03-01\nkey_points: [k]\n---\n"
        "## One\n\nSee @fig:a.\n\n![A](figures/square.svg){#fig:a}\n\n- A list.\n\n"
        "![B](figures/square.svg){#fig:b}\n\n## Two\n\nNext section.\n\n"
        "![C](figures/square.svg){#fig:c}\n\n| a |\n|---|\n| 1 |\n"
    )
    paper = read_paper(folder)
    blocks, moved = move_after_next_paragraph(paper.blocks, lambda f: 1)
    assert moved
    kinds = [type(b).__name__ + (f":{b.label.text}" if isinstance(b, m.Figure) else "")
             for b in blocks]  # fmt: skip
    assert kinds == [
        "Heading",
        "Paragraph",
        "BulletList",
        "Figure:Figure 1",
        "Heading",
        "Paragraph",
        "Figure:Figure 2",
        "Figure:Figure 3",
        "Table",
    ]
