"""Pandoc's inline marks, read back from both outputs of the fixture papers inline-en and
inline-zh: H~2~O, x^2^, ~~struck~~, [..]{.underline}, [..]{.smallcaps}, [..]{lang=..},
and English typography (curly quotes, dashes, ellipsis) that never touches Chinese or code.
"""

from __future__ import annotations

import pdfplumber
import pypdf
import pytest
from docx_reading import NS, part, prop, runs_with_text, text_of

from briefing import model as m
from briefing.reader import read_paper
from briefing.theme import load_theme
from briefing.transform import walk

THEME = load_theme()


def chars_of(path, page: int = 0) -> list[dict]:
    with pdfplumber.open(path) as pdf:
        return pdf.pages[page].chars


def find(chars: list[dict], text: str) -> list[dict]:
    """The characters spelling `text` (spaces and line breaks between them skipped)."""
    shown = [c for c in chars if c["text"].strip()]
    owner = [i for i, c in enumerate(shown) for _ in c["text"]]  # a ligature is 2 letters
    joined = "".join(c["text"] for c in shown)
    wanted = text.replace(" ", "")
    at = joined.find(wanted)
    assert at >= 0, f"{text!r} is not on the page"
    return [shown[i] for i in sorted(set(owner[at : at + len(wanted)]))]


def lines_of(path, page: int = 0) -> list[dict]:
    with pdfplumber.open(path) as pdf:
        return pdf.pages[page].lines


@pytest.fixture(scope="module")
def en(feature):
    return feature("inline-en")


@pytest.fixture(scope="module")
def zh(feature):
    return feature("inline-zh")


# ------------------------------------------------------------------ the PDF


@pytest.mark.parametrize("which, formula", [("en", "H2O"), ("zh", "CO2")])
def test_a_subscript_glyph_sits_lower_and_smaller(which, formula, en, zh):
    chars = find(chars_of({"en": en, "zh": zh}[which]["pdf"]), formula)
    at = formula.index("2")
    letter, digit = chars[at - 1], chars[at]
    assert digit["size"] < letter["size"] * 0.8
    assert digit["bottom"] > letter["bottom"] + 1  # its baseline is below the letters'


@pytest.mark.parametrize("which, formula", [("en", "mc2"), ("zh", "m2")])
def test_a_superscript_glyph_sits_higher_and_smaller(which, formula, en, zh):
    chars = find(chars_of({"en": en, "zh": zh}[which]["pdf"]), formula)
    letter, digit = chars[-2], chars[-1]
    assert digit["size"] < letter["size"] * 0.8
    assert digit["top"] < letter["top"] - 1 and digit["bottom"] < letter["bottom"] - 1


def _rule_through(lines: list[dict], chars: list[dict]) -> float | None:
    """The height (0 top, 1 baseline) at which a horizontal line crosses `chars`, if any."""
    x0, x1 = chars[0]["x0"], chars[-1]["x1"]
    top, bottom = chars[0]["top"], chars[0]["bottom"]
    for line in lines:
        level = abs(line["top"] - line["bottom"]) < 0.5
        spans = line["x0"] <= x0 + 1 and line["x1"] >= x1 - 1
        if level and spans and top - 2 <= line["top"] <= bottom + 3:
            return (line["top"] - top) / (bottom - top)
    return None


@pytest.mark.parametrize("which", ["en", "zh"])
def test_struck_text_has_a_line_through_it_and_underlined_text_one_under_it(which, en, zh):
    pdf = {"en": en, "zh": zh}[which]["pdf"]
    chars, lines = chars_of(pdf), lines_of(pdf)
    struck = _rule_through(lines, find(chars, "1,300"))
    assert struck is not None and 0.3 < struck < 0.8, "no line through the struck number"
    underlined = find(chars, "Mountain" if which == "en" else "芒廷帕斯")
    under = _rule_through(lines, underlined)
    assert under is not None and under > 0.8, "no line under the underlined words"
    assert _rule_through(lines, find(chars, "7,600")) is None  # the text around is plain


def test_small_caps_are_set_in_the_small_capitals_face(en):
    chars = find(chars_of(en["pdf"]), "Commodity")
    assert all("Small-Caps" in c["fontname"] for c in chars)
    with pdfplumber.open(en["pdf"]) as pdf:  # the text itself is unchanged: copy-paste works
        assert "Summaries" in pdf.pages[0].extract_text()


def test_a_passage_in_another_language_is_in_its_fonts_and_tagged_with_it(en, zh):
    chinese = find(chars_of(en["pdf"]), "中華民國")
    assert all("CJK-TC" in c["fontname"] for c in chinese)  # Traditional Chinese glyphs
    english = find(chars_of(zh["pdf"]), "CriticalRaw")
    assert all("CJK" not in c["fontname"] for c in english)  # the Latin face of `en`
    assert _languages(en["pdf"]) >= {("Span", "zh-Hant")}
    assert _languages(zh["pdf"]) >= {("Span", "en")}
    assert pypdf.PdfReader(zh["pdf"]).trailer["/Root"]["/Lang"] == "zh-Hant"


def _languages(path) -> set[tuple[str, str]]:
    """(structure type, /Lang) of every structure element that declares a language."""
    found = set()

    def visit(node):
        node = node.get_object()
        if isinstance(node, list):
            for kid in node:
                visit(kid)
        elif isinstance(node, dict):
            if "/Lang" in node and "/S" in node:
                found.add((node["/S"][1:], str(node["/Lang"])))
            if "/K" in node:
                visit(node["/K"])

    visit(pypdf.PdfReader(path).trailer["/Root"]["/StructTreeRoot"])
    return found


def test_english_gets_curly_quotes_dashes_and_ellipses_but_code_does_not(en):
    with pdfplumber.open(en["pdf"]) as pdf:
        text = " ".join(pdf.pages[0].extract_text().split())
    assert "\u201cnearly 90%\u201d \u2013 for 2019 \u2014 and said \u2018processing\u2019" in text
    assert "extraction\u2026" in text and "USGS\u2019s" in text and "China\u2019s" in text
    assert "\u201cnearly 90%\u201d." in text  # the key point, from the front matter, too
    assert "\"x\" -- 'y' ..." in text  # code is printed as typed
    assert '中華民國 "ROC"' in text  # so is a passage in another language


def test_chinese_text_keeps_its_punctuation_as_typed(zh):
    with pdfplumber.open(zh["pdf"]) as pdf:
        text = pdf.pages[0].extract_text()
    assert '"直引號"與 -- 及 ...' in text


# ------------------------------------------------------------------ the DOCX


@pytest.mark.parametrize("which", ["en", "zh"])
def test_the_docx_runs_carry_the_marks_as_word_formatting(which, en, zh):
    root = part({"en": en, "zh": zh}[which]["docx"])
    # H~2~O / CO~2~ (also in the key points), then mc^2^ / m^2^; not "2" of a heading's label
    twos = [r for r in runs_with_text(root, "2") if prop(r, "vertAlign")]
    before = ["".join(r.getprevious().xpath("w:t/text()", namespaces=NS)) for r in twos]
    assert [(prop(r, "vertAlign"), b[-1:]) for r, b in zip(twos, before)][-2:] == [
        ("subscript", "H" if which == "en" else "O"),
        ("superscript", "c" if which == "en" else "m"),
    ]
    [struck] = runs_with_text(root, "1,300")
    assert prop(struck, "strike") == "" and prop(struck, "vertAlign") is None
    [under] = runs_with_text(root, "Mountain Pass" if which == "en" else "芒廷帕斯")
    assert prop(under, "u") == "single"
    if which == "en":
        [caps] = runs_with_text(root, "Mineral Commodity Summaries")
        assert prop(caps, "smallCaps") == ""


def test_a_docx_passage_in_another_language_is_tagged_and_in_its_fonts(en, zh):
    zh_lang, en_lang = THEME.language("zh-Hant"), THEME.language("en")
    [chinese] = runs_with_text(part(en["docx"]), '中華民國 "ROC"')
    assert prop(chinese, "lang", "eastAsia") == zh_lang.docx_lang
    assert prop(chinese, "rFonts", "eastAsia") == zh_lang.docx_fonts["body_east_asia"]
    [english] = runs_with_text(part(zh["docx"]), "Critical Raw Materials Act")
    assert prop(english, "lang") == en_lang.docx_lang
    assert prop(english, "rFonts", "ascii") == en_lang.docx_fonts["body"]
    fonts = part(zh["docx"], "word/fontTable.xml").xpath("//w:font/@w:name", namespaces=NS)
    assert en_lang.docx_fonts["body"] in fonts  # the passage's font is declared too


def test_the_docx_has_the_same_typography(en, zh):
    body = " ".join(text_of(p) for p in part(en["docx"]).iterfind(".//w:p", NS))
    assert "\u201cnearly 90%\u201d \u2013 for 2019 \u2014 and said \u2018processing\u2019" in body
    assert "\"x\" -- 'y' ..." in body
    zh_body = " ".join(text_of(p) for p in part(zh["docx"]).iterfind(".//w:p", NS))
    assert '"直引號"與 -- 及 ...' in zh_body


def test_libreoffice_sets_the_subscript_lower_and_smaller(feature):
    letter, digit, _ = find(chars_of(feature("inline-en", "lo")["lo"]), "H2O")
    assert digit["size"] < letter["size"] * 0.8 and digit["bottom"] > letter["bottom"]


# ------------------------------------------------------------------ the model


def test_typography_is_the_readers_and_the_languages(feature):
    from conftest import FEATURES

    paper = read_paper(FEATURES / "inline-en")
    texts = [n.text for n in walk(paper.blocks) if isinstance(n, m.Text)]
    codes = [n.text for n in walk(paper.blocks) if isinstance(n, m.Code)]
    assert any("\u2014" in t for t in texts) and codes == ["\"x\" -- 'y' ..."]
    [span] = [n for n in walk(paper.blocks) if isinstance(n, m.LangSpan)]
    assert span.lang == "zh-Hant" and span.children == (m.Text('中華民國 "ROC"'),)


def test_a_list_item_written_a_b_c_keeps_its_letters(tmp_path):
    """markdown-it's `replacements` would print (c) as ©; ours does only what Pandoc does."""
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "paper.md").write_text(
        "---\ntitle: T\nauthors: [{name: A}]\ndate: 2025-01-01\nlang: en\nkey_points: [k]\n---\n"
        "Options (a), (b) and (c); +-2; two dots.. stay; see <https://a--b.org/x...y>.\n",
        encoding="utf-8",
    )
    [para] = read_paper(folder).blocks
    shown = "".join(n.text for n in walk(para) if isinstance(n, m.Text))
    assert "(a), (b) and (c); +-2; two dots.. stay" in shown
    assert "https://a--b.org/x...y" in shown  # an address is not typography
