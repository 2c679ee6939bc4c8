"""The web edition (`make web`), read back as a browser and a screen reader would: lxml
for what the page holds, the Nu HTML Checker for whether it is valid HTML5.

Two papers (zh-Hant and English) with one of every model node, built as `briefing build
--format web` builds them: the page's language, its title block and downloads, the
key-points box, numbered figures and tables with their files beside the page, the notes
after the text with links both ways, the theme's colours and faces, and no reference to
anything outside the edition's folder.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import CONTENT
from html_check import describe, vnu_messages
from lxml import html as lxml_html
from test_docx import THEME, make_paper

from briefing import figures
from briefing import model as m
from briefing.build import build
from briefing.cli import main
from briefing.reader import read_paper
from briefing.transform import walk

LANGUAGES = ["zh-Hant", "en"]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """Both test papers' web editions, their PDFs and DOCX built alongside, and the index."""
    root = tmp_path_factory.mktemp("web")
    out = root / "build"
    for lang in LANGUAGES:
        # A note cited a second time, as well as the papers' three first calls.
        make_paper(root / "content" / f"paper-{lang.lower()}", lang, extra="Again[^drafts].")
        build(root / "content" / f"paper-{lang.lower()}", ["web", "pdf", "docx"], out)
    folders = [str(root / "content" / f"paper-{lang.lower()}") for lang in LANGUAGES]
    assert main(["web-index", *folders, "--out", str(out)]) == 0
    return root


@pytest.fixture(scope="module", params=LANGUAGES)
def edition(request, site):
    slug = f"paper-{request.param.lower()}"
    paper = read_paper(site / "content" / slug, THEME)
    page = site / "build" / "web" / slug / "index.html"
    return paper, page, lxml_html.fromstring(page.read_bytes())


def test_the_page_says_its_language_and_title(edition):
    paper, _, root = edition
    assert root.get("lang") == paper.meta.lang
    assert root.findtext(".//title") == paper.title_block.numbered_title
    assert root.find(".//h1").text_content() == paper.title_block.numbered_title
    assert [p.text_content() for p in root.find_class("author")] == list(paper.title_block.authors)
    assert root.find_class("date")[0].text_content() == paper.title_block.date


def test_the_downloads_are_the_pdf_and_docx_of_the_same_build(edition, site):
    paper, page, root = edition
    words = THEME.language(paper.meta.lang).words
    links = root.xpath("//nav[@class='downloads']//a")
    assert [a.text_content() for a in links] == [words["pdf"], words["docx"]]
    for link in links:
        beside = page.parent / unquote(link.get("href"))
        built = site / "build" / beside.name
        assert beside.read_bytes() == built.read_bytes(), f"{beside.name} differs from the build's"


def test_the_key_points_are_a_section_with_a_heading(edition):
    paper, _, root = edition
    [box] = root.find_class("key-points-box")
    heading = box.find("h2")
    assert heading.text_content() == paper.key_points.title
    assert box.get("aria-labelledby") == heading.get("id")
    assert len(box.findall(".//li")) == len(paper.key_points.children[0].items)


def test_figures_and_tables_are_numbered_and_each_figure_file_lies_beside_the_page(edition):
    paper, page, root = edition
    labels = [n.label.text for n in walk(paper.blocks) if isinstance(n, (m.Figure, m.Table))]
    printed = [s.text_content() for s in root.xpath("//figcaption/span | //caption/span")]
    assert printed == labels
    shown = [n for n in walk(paper.blocks) if isinstance(n, m.Figure)]
    images = list(root.iter("img"))
    assert len(images) == len(shown)
    for img, figure in zip(images, shown):
        copy = page.parent / unquote(img.get("src"))
        assert copy.resolve().is_relative_to(page.parent.resolve())
        # What every writer draws: the figure loader's clean picture of the file.
        assert copy.read_bytes() == figures.load(figure.path).data
        assert img.get("alt") and int(img.get("width")) > 0 and int(img.get("height")) > 0
    # A figure keeps its printed share of the column: width=55% stays 55%.
    rings = root.get_element_by_id("fig-rings").find("img")
    assert "width: 55%" in rings.get("style")
    [figure] = [n for n in walk(paper.blocks) if isinstance(n, m.Figure) and n.id == "fig:rings"]
    source = root.get_element_by_id("fig-rings").find(".//figcaption/p")
    words = THEME.language(paper.meta.lang)
    assert source.text_content() == words.word("source") + figure.source
    assert root.xpath("//div[@class='table-block']/table[@id='tbl-trade']")


def test_notes_follow_the_text_and_link_both_ways(edition):
    paper, _, root = edition
    [notes] = root.find_class("notes")
    assert notes.find("h2").text_content() == THEME.language(paper.meta.lang).word("notes")
    items = notes.findall(".//li")
    assert [li.get("id") for li in items] == [f"note-{n.number}" for n in paper.footnotes]
    for note, li in zip(paper.footnotes, items):
        assert li.find_class("note-label")[0].text_content() == note.label
        [back] = li.find_class("note-back")
        assert back.get("role") == "doc-backlink"
        call = root.get_element_by_id(back.get("href")[1:])
        assert call.get("href") == f"#{li.get('id')}", "the back-link returns to the first call"
    calls = root.xpath("//sup[@class='note-call']/a")
    first_calls = [c for c in calls if c.get("id")]
    assert len(first_calls) == len(paper.footnotes)
    assert len(calls) > len(first_calls), "a note cited again links to the same note"
    for call in calls:
        assert root.get_element_by_id(call.get("href")[1:]) is not None
    # No note text is left in the body: it is all in the notes section.
    assert not root.find_class("footnote")


def test_the_marking_shows_at_the_top_and_the_bottom(edition):
    paper, _, root = edition
    markings = [p.text_content() for p in root.find_class("marking")]
    assert markings == ([paper.meta.marking] * 2 if paper.meta.marking else [])


def test_the_styles_come_from_the_theme(edition):
    paper, _, root = edition
    css = root.findtext(".//style")
    language = THEME.language(paper.meta.lang)
    assert THEME.colours["accent"] in css and THEME.colours["box_fill"] in css
    assert f'font-family: "{language.web_fonts["body"][0]}"' in css
    assert ".key-points-title {" in css and ".footnote-text {" in css
    assert not re.search(r"@import|@font-face|url\(", css), "no web fonts, nothing fetched"


def test_the_web_faces_follow_the_themes_own():
    """A theme that changes the PDF's faces changes the web edition's too, without a
    word about the web: the sans policy brief is sans on screen."""
    from briefing.theme import load_theme

    for name in ("default", "policy-brief"):
        for language in load_theme(name).languages.values():
            for role, faces in language.pdf_fonts.items():
                web = language.web_fonts[role]
                assert web[0] == faces[0] and web[-1] == faces[-1]
                assert language.docx_fonts[role] in web


def test_nothing_on_the_page_points_outside_its_folder(edition):
    """Only links a reader follows may leave the edition (the paper's own web links, the
    index one level up); nothing loads from elsewhere."""
    _, page, root = edition
    for element, _attribute, link, _ in root.iterlinks():
        parts = urlsplit(link)
        if element.tag == "a":
            assert parts.scheme in ("", "https", "http") and not link.startswith("/")
            continue
        if element.tag == "link":
            continue
        assert not parts.scheme and not parts.netloc and not link.startswith("/"), link
        assert (page.parent / unquote(parts.path)).resolve().is_relative_to(page.parent)
    assert not root.xpath("//script | //iframe | //object")
    # The one <link>: "no icon" (without it a browser asks the server for favicon.ico).
    assert [(k.get("rel"), k.get("href")) for k in root.iter("link")] == [("icon", "data:,")]


def test_the_index_lists_each_paper_with_its_downloads(site):
    index = site / "build" / "web" / "index.html"
    root = lxml_html.fromstring(index.read_bytes())
    assert root.get("lang") == THEME.web.index_language
    entries = root.xpath("//ul[@class='paper-list']/li")
    assert {li.get("lang") for li in entries} == set(LANGUAGES)
    # Each entry in its own language's faces and styles (the index's are zh-Hant's).
    css = root.findtext(".//style")
    other = next(code for code in LANGUAGES if code != THEME.web.index_language)
    face = THEME.language(other).web_fonts["body"][0]
    assert f'[lang="{other}"] .author {{\n  font-family: "{face}"' in css
    assert "&#" not in css and "&quot;" not in css
    for li in entries:
        for a in li.iter("a"):
            assert (index.parent / unquote(a.get("href"))).is_file(), a.get("href")


def test_every_page_is_valid_html5(site):
    pages = sorted((site / "build" / "web").rglob("*.html"))
    assert len(pages) == 3
    messages = vnu_messages(pages)
    assert not messages, describe(messages)


def test_a_sample_paper_with_a_chart_a_source_line_and_a_table_is_valid_html5(tmp_path):
    """The fixtures' English sample (a chart from a CSV, a figure with a source, a wide
    table, a box): written by the team, but not for this test. The chart is an SVG file
    beside the page, as the PDF draws it."""
    folder = tmp_path / "content" / "en-rare-earth-processing"
    shutil.copytree(CONTENT / folder.name, folder)
    [page] = build(folder, ["web"], tmp_path / "build")
    messages = vnu_messages([page])
    assert not messages, describe(messages)
    chart = lxml_html.fromstring(page.read_bytes()).get_element_by_id("fig-us-trade")
    drawn = page.parent / unquote(chart.find("img").get("src"))
    assert drawn.name == "us-trade.chart.yaml.svg"
    svg = drawn.read_text(encoding="utf-8")
    assert svg.startswith("<svg") and 'xmlns="http://www.w3.org/2000/svg"' in svg
    assert "2024" in svg  # the CSV's years on the axis


def test_a_figure_taken_out_of_the_paper_leaves_the_edition(tmp_path):
    folder = tmp_path / "content" / "paper"
    make_paper(folder, "en")
    out = tmp_path / "build"
    [page] = build(folder, ["web"], out)
    assert (page.parent / "figures" / "bars.png").is_file()
    source = (folder / "paper.md").read_text(encoding="utf-8")
    (folder / "paper.md").write_text(
        source.replace("![Trade](figures/bars.png){#fig:bars}", ""), encoding="utf-8"
    )
    build(folder, ["web"], out)
    assert not (page.parent / "figures" / "bars.png").exists()
    assert (page.parent / "figures" / "rings.svg").is_file()


def test_the_same_sources_give_the_same_bytes(tmp_path):
    folder = tmp_path / "content" / "paper"
    make_paper(folder, "zh-Hant")
    first = build(folder, ["web"], tmp_path / "one")[0].parent
    second = build(folder, ["web"], tmp_path / "two")[0].parent
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_a_volume_has_no_web_edition(tmp_path, capsys):
    assert main(["volume", "x.yaml", "--format", "web", "--out", str(tmp_path)]) == 2
    assert "a volume has no web edition" in capsys.readouterr().err
