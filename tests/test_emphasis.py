"""*Emphasis* in a Chinese paper: Latin words in it (a book title in a note) take a real
italic; Chinese characters take what Chinese typography uses, the theme's choice for the
language (zh-Hant: dots under each character, 着重號), the same in the PDF and the DOCX.
An English paper's emphasis stays italic."""

from __future__ import annotations

import shutil
import zipfile

import pdfplumber
import pytest
import yaml
from lxml import etree

from briefing.build import build
from briefing.theme import DEFAULT_THEME, load_theme

THEME = load_theme()
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TITLE = "World Population Prospects 2024"
STRESSED = "全球人口"
PAPER = f"""---
title: 人口趨勢
authors: [{{name: 王小明}}]
date: 2024-07-11
lang: zh-Hant
key_points: [聯合國預測人口將於本世紀達到高峰。]
---
## 前言

聯合國的報告指出，*{STRESSED}*將在本世紀中後期達到高峰，而非持續增加。[^wpp]

[^wpp]: 聯合國經濟和社會事務部人口司，*{TITLE}: Summary of Results*，2024年7月11日。
"""


def write_paper(folder, text: str = PAPER):
    folder.mkdir(parents=True)
    (folder / "paper.md").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def zh(tmp_path_factory):
    root = tmp_path_factory.mktemp("emphasis")
    return build(write_paper(root / "zh"), ["pdf", "docx"], root / "out")


def ink_below(page, char, depth: float) -> bool:
    """Whether anything is drawn in the band `depth` points under a character's box,
    around its centre (rendered, as a reader sees it)."""
    centre = (char["x0"] + char["x1"]) / 2
    box = (centre - char["size"] * 0.2, char["bottom"], centre + char["size"] * 0.2)
    band = page.crop((*box, char["bottom"] + depth)).to_image(resolution=288).original
    return band.convert("L").getextrema()[0] < 160


def test_the_pdf_sets_the_latin_title_in_a_real_italic_and_dots_chinese(zh):
    pdf_path = zh[0]
    with pdfplumber.open(pdf_path) as pdf:
        page = pdf.pages[0]
        text = "".join(c["text"] for c in page.chars)
        start = text.index(TITLE)
        title = page.chars[start : start + len(TITLE)]
        assert all("Italic" in c["fontname"] for c in title if c["text"].strip())
        note = [c for c in page.chars if c["text"] == "聯" and c["size"] < 9][0]
        assert "Italic" not in note["fontname"]
        stressed = page.chars[text.index(STRESSED) : text.index(STRESSED) + len(STRESSED)]
        plain = page.chars[text.index("本世紀") : text.index("本世紀") + 3]
        depth = stressed[0]["size"] * 0.5
        assert all(ink_below(page, c, depth) for c in stressed), "a dot under each"
        assert not any(ink_below(page, c, depth) for c in plain), "none under the rest"
        assert all("Italic" not in c["fontname"] for c in stressed)
        assert STRESSED in page.extract_text(), "the dots do not change the copied text"


def runs(path, part: str) -> list[tuple[str, set[str]]]:
    """(text, {property names}) of each run with text, in a DOCX part."""
    with zipfile.ZipFile(path) as package:
        root = etree.fromstring(package.read(part))
    found = []
    for r in root.iter(f"{W}r"):
        text = "".join(t.text or "" for t in r.iter(f"{W}t"))
        rpr = r.find(f"{W}rPr")
        props = set()
        if rpr is not None:
            for child in rpr:
                name = etree.QName(child).localname
                props.add(f"em={child.get(f'{W}val')}" if name == "em" else name)
        if text:
            found.append((text, props))
    return found


def test_the_docx_marks_chinese_with_dots_and_slants_only_latin(zh):
    body = runs(zh[1], "word/document.xml")
    assert (STRESSED, {"em=underDot"}) in body
    assert not any("i" in props for text, props in body if "人口" in text)
    notes = runs(zh[1], "word/footnotes.xml")
    assert (f"{TITLE}: Summary of Results", {"i"}) in notes
    assert not any("i" in props for text, props in notes if "聯合國" in text)


def test_libreoffice_reads_the_dots_and_prints_the_italic_title(zh, tmp_path):
    """LibreOffice takes Word's mark as its own "dot below" emphasis (its ODT says so) and
    prints the title in an italic face. (LibreOffice 7.4's PDF export draws no emphasis
    marks, so the dots themselves are checked in its document, not its PDF.)"""
    from test_docx_rendered import SOFFICE, _laid_out_by_libreoffice

    path = tmp_path / "zh.docx"
    shutil.copy(zh[1], path)
    (text, chars, _), *_ = next(_laid_out_by_libreoffice(path))
    title = [c for c in chars if c["text"] == "W" and c["size"] < 9]
    assert title and all("Italic" in c["fontname"] for c in title)
    import subprocess

    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "odt",
         "--outdir", str(tmp_path), str(path)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    with zipfile.ZipFile(tmp_path / "zh.odt") as odt:
        content = odt.read("content.xml").decode()
    assert 'style:text-emphasize="dot below"' in content


def test_bold_is_the_themes_other_choice_for_both_outputs(tmp_path):
    folder = tmp_path / "theme"
    shutil.copytree(DEFAULT_THEME, folder)
    data = yaml.safe_load((folder / "theme.yaml").read_text(encoding="utf-8"))
    data["languages"]["zh-Hant"]["emphasis"]["wide"] = "bold"
    (folder / "theme.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    theme = load_theme(folder)
    pdf, docx = build(write_paper(tmp_path / "zh"), ["pdf", "docx"], tmp_path / "out", theme)
    with pdfplumber.open(pdf) as document:
        page = document.pages[0]
        text = "".join(c["text"] for c in page.chars)
        stressed = page.chars[text.index(STRESSED) : text.index(STRESSED) + len(STRESSED)]
        assert all("Bold" in c["fontname"] for c in stressed)
        assert not ink_below(page, stressed[0], stressed[0]["size"] * 0.5)
    assert (STRESSED, {"b"}) in runs(docx, "word/document.xml")


def test_an_english_papers_emphasis_stays_italic(tmp_path):
    text = (
        "---\ntitle: T\nauthors: [{name: A}]\ndate: 2024-01-01\nkey_points: [k]\n---\n"
        "## S\n\nThe *World Population Prospects* report.\n"
    )
    pdf, docx = build(write_paper(tmp_path / "en", text), ["pdf", "docx"], tmp_path / "out")
    with pdfplumber.open(pdf) as document:
        chars = document.pages[0].chars
        text_all = "".join(c["text"] for c in chars)
        start = text_all.index("World")
        assert all("Italic" in c["fontname"] for c in chars[start : start + 5])
    assert ("World Population Prospects", {"i"}) in runs(docx, "word/document.xml")
