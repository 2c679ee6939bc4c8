"""The Republic of China calendar (fixture calendar-roc) and definition and task lists
(fixture lists), read back from both outputs."""

from __future__ import annotations

import datetime as dt
import shutil

import pdfplumber
import pypdf
import yaml
from conftest import FEATURES
from docx_reading import NS, paragraphs, part, style_of, text_of

from briefing.reader import read_paper
from briefing.theme import DEFAULT_THEME, load_theme


def first_page_lines(path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return pdf.pages[0].extract_text().splitlines()


def test_the_date_line_is_in_the_roc_calendar_and_the_properties_stay_iso(feature):
    built = feature("calendar-roc", "lo")
    assert "民國 114 年 3 月 1 日" in first_page_lines(built["pdf"])
    assert "民國 114 年 3 月 1 日" in first_page_lines(built["lo"])
    assert pypdf.PdfReader(built["pdf"]).metadata["/CreationDate"] == "D:20250301000000Z"
    root = part(built["docx"])
    [date] = [text_of(p) for p in paragraphs(root) if style_of(p) == "Date"]
    assert date == "民國 114 年 3 月 1 日"
    core = part(built["docx"], "docProps/core.xml")
    created = core.find("{http://purl.org/dc/terms/}created").text
    assert created == "2025-03-01T00:00:00Z"


def test_a_theme_may_date_every_paper_of_a_language_in_the_roc_calendar(tmp_path):
    theme_dir = tmp_path / "theme"
    shutil.copytree(DEFAULT_THEME, theme_dir)
    data = yaml.safe_load((theme_dir / "theme.yaml").read_text(encoding="utf-8"))
    data["languages"]["zh-Hant"]["calendar"] = "roc"
    (theme_dir / "theme.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    theme = load_theme(theme_dir)
    paper = read_paper(FEATURES / "appendix-zh", theme)  # its front matter names no calendar
    assert paper.title_block.date == "民國 114 年 6 月 30 日"
    language = theme.language("zh-Hant")
    assert language.format_date(dt.date(2025, 6, 30), "gregorian") == "2025 年 6 月 30 日"


def test_definition_lists_print_terms_over_indented_definitions(feature):
    built = feature("lists")
    with pdfplumber.open(built["pdf"]) as pdf:
        lines = pdf.pages[0].extract_text_lines()
    term = next(ln for ln in lines if ln["text"] == "REO")
    definition = next(ln for ln in lines if ln["text"].startswith("Rare-earth oxide"))
    assert (
        "Bold" in term["chars"][0]["fontname"] and "Bold" not in definition["chars"][0]["fontname"]
    )
    assert definition["x0"] > term["x0"] + 10 and definition["top"] > term["top"]
    second = [ln["text"] for ln in lines if ln["x0"] > term["x0"] + 10]
    assert "The USGS reports it for compounds and metals." in second  # a term's 2nd definition
    root = part(built["docx"])
    styled = [(style_of(p), text_of(p)) for p in paragraphs(root)]
    assert ("DefinitionTerm", "Net import reliance") in styled
    terms = [i for i, (s, _) in enumerate(styled) if s == "DefinitionTerm"]
    assert [styled[i + 1][0] for i in terms] == ["Definition", "Definition"]
    styles = part(built["docx"], "word/styles.xml")
    keep = styles.xpath("//w:style[@w:styleId='DefinitionTerm']/w:pPr/w:keepNext", namespaces=NS)
    assert keep  # a term never ends a page without its definition


def test_task_lists_print_a_box_for_each_item(feature):
    built = feature("lists", "lo")
    for path in (built["pdf"], built["lo"]):
        text = "\n".join(first_page_lines(path))
        assert "\u2612 Read the USGS Mineral Commodity Summaries 2025" in text
        assert "\u2610 Compare with the IEA Global Critical Minerals Outlook 2025" in text
    items = [text_of(p) for p in paragraphs(part(built["docx"])) if style_of(p) == "ListBullet"]
    assert items[-2:] == [
        "\u2612 Read the USGS Mineral Commodity Summaries 2025",
        "\u2610 Compare with the IEA Global Critical Minerals Outlook 2025",
    ]
