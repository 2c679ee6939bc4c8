"""A Chinese paper bound in an English volume looks as it does on its own, in the PDF and
in the DOCX (as LibreOffice lays it out): first-line indents, right-aligned author and
date lines, Chinese faces, its own page label, its authors joined with 、. The contents
finish a long title's last line with the dots and the page number."""

from __future__ import annotations

import re
import shutil
import zipfile

import pdfplumber
import pytest
from conftest import ENGLISH, SEED
from lxml import etree

from briefing.build import build_volume
from briefing.theme import load_theme

THEME = load_theme()
PAGE = THEME.page
ZH = THEME.language("zh-Hant")
INDENT = THEME.style("Body Text", ZH).first_line_indent
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SECOND_AUTHOR = "  - name: 王小明\n    affiliation: 範例研究所研究員\n"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("mixed")
    content = root / "content"
    (content / "volumes").mkdir(parents=True)
    shutil.copytree(ENGLISH, content / ENGLISH.name)
    shutil.copytree(SEED, content / SEED.name)
    md = content / SEED.name / "paper.md"
    text = md.read_text(encoding="utf-8")
    md.write_text(text.replace("date:", SECOND_AUTHOR + "date:", 1), encoding="utf-8")
    (content / "volumes" / "en.yaml").write_text(
        f"title: Observations\ndate: 2025-07-01\nlang: en\npapers: [{ENGLISH.name}, {SEED.name}]\n",
        encoding="utf-8",
    )
    pdf, docx = build_volume(content / "volumes" / "en.yaml", ["pdf", "docx"], root / "out")
    return pdf, docx


@pytest.fixture(scope="module")
def in_libreoffice(built, tmp_path_factory):
    from test_docx_rendered import _laid_out_by_libreoffice

    path = tmp_path_factory.mktemp("mixed-lo") / "volume.docx"
    shutil.copy(built[1], path)
    yield from _laid_out_by_libreoffice(path)


def zh_opening_page(pages_text: list[str]) -> int:
    """The index of the page where the Chinese paper starts (its first section heading)."""
    return next(i for i, text in enumerate(pages_text) if "（一）前言" in text)


def indented_lines(chars, first_text: str) -> tuple[float, float]:
    """x0 of the body line starting with `first_text`, and x0 of the line after it (lines
    from the body-size characters, so footnote calls do not make lines of their own)."""
    body = [c for c in chars if c["size"] > 9 and c["text"].strip()]
    lines: list[list[dict]] = []
    for c in sorted(body, key=lambda c: (round(c["bottom"]), c["x0"])):
        if lines and abs(lines[-1][0]["bottom"] - c["bottom"]) < 2:
            lines[-1].append(c)
        else:
            lines.append([c])
    for i, line in enumerate(lines):
        if "".join(c["text"] for c in line).startswith(first_text):
            return line[0]["x0"], lines[i + 1][0]["x0"]
    raise AssertionError(f"no line starts with {first_text}")


def test_the_pdf_keeps_the_chinese_papers_indents_faces_and_page_label(built):
    with pdfplumber.open(built[0]) as pdf:
        texts = [p.extract_text() or "" for p in pdf.pages]
        page = pdf.pages[zh_opening_page(texts)]
        first, second = indented_lines(page.chars, "自2021年10月起")
        assert first - second == pytest.approx(INDENT, abs=1.5)
        han = [c for c in page.chars if "\u4e00" <= c["text"] <= "\u9fff"]
        assert all("CJK" in c["fontname"] and "TC" in c["fontname"] for c in han[:200])
        author = next(ln for ln in page.extract_text_lines() if "趙竹成" in ln["text"])
        assert author["x1"] == pytest.approx(PAGE.margin_left + PAGE.text_width, abs=1.5)
        footer = page.extract_text_lines()[-1]["text"]
        assert re.fullmatch(r"第 \d+ 頁／共 \d+ 頁", footer), footer


def test_the_docx_gives_the_chinese_paper_its_own_styles(built):
    with zipfile.ZipFile(built[1]) as package:
        document = etree.fromstring(package.read("word/document.xml"))
        styles = etree.fromstring(package.read("word/styles.xml"))
    ids = {s.get(f"{W}styleId"): s for s in styles.iter(f"{W}style")}
    body_zh = ids["BodyTextzhHant"]
    assert body_zh.find(f"{W}name").get(f"{W}val") == "Body Text (zh-Hant)"
    indent = body_zh.find(f"{W}pPr/{W}ind")
    assert int(indent.get(f"{W}firstLine")) == round(INDENT * 20)
    assert ids["BodyText"].find(f"{W}pPr/{W}ind") is None, "the English body is unindented"
    used = {p.get(f"{W}val") for p in document.iter(f"{W}pStyle")}
    assert {"BodyText", "BodyTextzhHant", "AuthorzhHant", "DatezhHant"} <= used
    instructions = "".join(t.text for t in document.iter(f"{W}instrText"))
    assert '\\t "Title,1,Title (zh-Hant),1"' in instructions, "the TOC finds both titles"


def test_libreoffice_shows_the_chinese_paper_as_it_looks_on_its_own(in_libreoffice):
    pages = in_libreoffice
    index = zh_opening_page([text for text, _, _ in pages])
    text, chars, _ = pages[index]
    first, second = indented_lines(chars, "自2021年10月起")
    assert first - second == pytest.approx(INDENT, abs=2)
    date = next(ln for ln in text.splitlines() if ln.startswith("2022 年 1 月 25 日"))
    date_chars = [c for c in chars if c["text"] == "日"]
    assert date and max(c["x1"] for c in date_chars[:3]) > PAGE.margin_left + PAGE.text_width - 3
    assert re.fullmatch(r"第 \d+ 頁／共 \d+ 頁", text.splitlines()[-1])


def test_the_contents_join_chinese_authors_with_their_own_separator(built, in_libreoffice):
    joined = "政治大學民族學系教授趙竹成主稿、範例研究所研究員王小明"
    with pdfplumber.open(built[0]) as pdf:
        assert joined in pdf.pages[1].extract_text().replace(" ", "")
    assert joined in in_libreoffice[1][0].replace(" ", "")


def test_a_long_title_in_the_contents_ends_with_its_dots_and_page_number(built, in_libreoffice):
    """The number is never alone on a line: the title's last word leads its dots."""
    with pdfplumber.open(built[0]) as pdf:
        pdf_lines = pdf.pages[1].extract_text().splitlines()
    lo_lines = in_libreoffice[1][0].splitlines()
    for lines in (pdf_lines, lo_lines):
        numbered = [ln for ln in lines if re.search(r"\.{5,}\s*\d+$", ln)]
        assert len(numbered) == 2, lines
        assert numbered[0].startswith("Bottleneck"), numbered[0]
        assert numbered[1].startswith("二、近期中共"), numbered[1]


def test_a_chinese_papers_date_line_is_right_aligned_in_both_outputs(built_pdf, built_docx):
    """The theme says where (zh-Hant: Date align right); the PDF and the DOCX agree."""
    assert THEME.style("Date", ZH).align == "right"
    with pdfplumber.open(built_pdf[SEED.name]) as pdf:
        date = next(
            ln for ln in pdf.pages[0].extract_text_lines() if ln["text"] == "2022 年 1 月 25 日"
        )
    assert date["x1"] == pytest.approx(PAGE.margin_left + PAGE.text_width, abs=1.5)
    with zipfile.ZipFile(built_docx[SEED.name]) as package:
        styles = etree.fromstring(package.read("word/styles.xml"))
    style = next(s for s in styles.iter(f"{W}style") if s.get(f"{W}styleId") == "Date")
    assert style.find(f"{W}pPr/{W}jc").get(f"{W}val") == "right"
