"""Our WeasyPrint extensions, each shown by the smallest document that needs it: rendered
through the pipeline's own `render_pdf` (which applies the patches) and read back.

Each rule has a witness: the same document rendered with WeasyPrint's own functions put
back (`weasyprint_ext.originals`) shows the defect, so the rule's test cannot pass
without its patch."""

from __future__ import annotations

import inspect
import io
import subprocess
import traceback

import pdfplumber
import pytest

from briefing import (
    cjk_justify,
    pdf_access,
    pdf_lang,
    pdf_stable,
    subset_cache,
    weasyprint_ext,
    weasyprint_patches,
)
from briefing.pdf import render_pdf
from briefing.weasyprint_ext import PatchError


def document(size: tuple[int, int], margin: int, css: str, body: str) -> str:
    """A one-file HTML document: page size and margin in points, extra CSS, the body."""
    return (
        '<html lang="en">'
        f"<style>@page {{ size: {size[0]}pt {size[1]}pt; margin: {margin}pt }}"
        ' body { margin: 0; font: 10pt/20pt "Noto Serif", "Noto Serif CJK TC" }'
        f" p {{ margin: 0 }} {css}</style>{body}"
    )


def render(html: str, tmp_path) -> bytes:
    return render_pdf(html, tmp_path, tmp_path)


def page_of_each_word(pdf: bytes) -> dict[str, int]:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return {
            word["text"]: number
            for number, page in enumerate(document.pages, 1)
            for word in page.extract_words()
        }


# -- a footnote stays on the page of its call ------------------------------------------
# 160pt of body, 20pt lines: 8 lines fit, 7 once note 1 takes its 10pt. The page's last
# line that fits carries call 2; WeasyPrint 70 makes room for it by moving note 1 on.
FOOTNOTES = document(
    (200, 200),
    20,
    ".note { float: footnote; footnote-policy: line; font: 8pt/10pt 'Noto Serif' }"
    " p { orphans: 2; widows: 2 }",
    '<p>callone<span class="note">noteone</span> a<br>b<br>c<br>d<br>e</p>'
    '<p>f<br>calltwo<span class="note">notetwo</span><br>g<br>h</p>',
)
NOTES = ("one", "two")


def notes_and_calls(pdf: bytes) -> tuple[dict[str, int | None], dict[str, int | None]]:
    words = page_of_each_word(pdf)

    def page(prefix: str) -> int | None:
        return next((p for word, p in words.items() if word.startswith(prefix)), None)

    return {n: page(f"note{n}") for n in NOTES}, {n: page(f"call{n}") for n in NOTES}


def test_every_footnote_is_on_the_page_of_its_call(tmp_path):
    notes, calls = notes_and_calls(render(FOOTNOTES, tmp_path))
    assert notes == calls == {"one": 1, "two": 2}


def test_witness_unpatched_weasyprint_moves_note_one_off_its_calls_page(tmp_path):
    with weasyprint_ext.originals(weasyprint_patches.LINEBOX_LAYOUT):
        notes, calls = notes_and_calls(render(FOOTNOTES, tmp_path))
    assert calls["one"] == 1 and notes["one"] == 2


# -- a footnote area that fits is not taken for one that overflows -----------------------
# The gap above the notes is 4 mm written in points (11.339pt, as the theme's lengths are
# written); with it, WeasyPrint's own sums differ in the last bit and the note "overflows".
AREA = (
    '<html lang="en"><style>@page { size: 300pt 300pt; margin: 20pt;'
    " @footnote { border-top: 0.5pt solid black; margin-top: 11.339pt } }"
    ' body { margin: 0; font: 11pt/1.55 "Noto Serif" } p { margin: 0 }'
    " .note { float: footnote; footnote-policy: line; font-size: 8.5pt; line-height: 1.3;"
    " padding-top: 3.402pt }</style>"
    '<p>callone<span class="note">noteone x</span> a<br>b<br>c</p></html>'
)


def test_a_note_that_fits_stays_under_its_call(tmp_path):
    words = page_of_each_word(render(AREA, tmp_path))
    assert (words["callone1"], words["noteone"]) == (1, 1)


def test_witness_unpatched_weasyprint_sends_a_fitting_note_to_the_next_page(tmp_path):
    with weasyprint_ext.originals(weasyprint_patches.FOOTNOTE_AREA):
        words = page_of_each_word(render(AREA, tmp_path))
    assert (words["callone1"], words["noteone"]) == (1, 2)


# -- recompiled code keeps WeasyPrint's file and line numbers ----------------------------
def test_a_traceback_through_the_patched_function_shows_weasyprints_lines(tmp_path, monkeypatch):
    import linecache

    from weasyprint.layout import block

    render(FOOTNOTES, tmp_path)  # applies the patches
    patched = block._linebox_layout
    own = weasyprint_ext.original(weasyprint_patches.LINEBOX_LAYOUT)
    lines, first = inspect.getsourcelines(own)

    def boom(*args, **kwargs):
        raise LookupError("boom")

    monkeypatch.setattr(block, "iter_line_boxes", boom)  # the patched function calls it
    with pytest.raises(LookupError) as raised:
        render("<p>x</p>", tmp_path)
    frames = [
        (frame.f_code.co_filename, line)
        for frame, line in traceback.walk_tb(raised.value.__traceback__)
        if frame.f_code is patched.__code__
    ]
    assert len(frames) == 1, "the patched _linebox_layout is not in the traceback"
    filename, line = frames[0]
    assert filename == block.__file__ and filename.endswith("weasyprint/layout/block.py")
    assert first <= line < first + len(lines)
    assert "iter_line_boxes(" in linecache.getline(filename, line)


# -- Chinese lines justified between characters; the text copies back unchanged ----------
ZH = "中共對俄、烏及哈薩克情勢之立場，近期有明顯調整。"
EN = "Rare earth processing is concentrated in a few places, and the supply chain is fragile."
LEFT, ZH_WIDTH = 30, 71  # 71pt: five 12pt characters and ~11pt of slack per line
JUSTIFIED = document(
    (200, 300),
    LEFT,
    f"body {{ font-size: 12pt; text-align: justify }} p {{ margin-bottom: 12pt }}"
    f" p[lang=zh-Hant] {{ width: {ZH_WIDTH}pt }}",
    f'<p lang="en">{EN}</p><p lang="zh-Hant">{ZH}</p>',
)


def lines_of(pdf: bytes) -> list[dict]:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return document.pages[0].extract_text_lines()


def chinese_full_lines(lines):
    chinese = [line for line in lines if not line["text"].isascii()]
    assert len(chinese) >= 3
    return chinese[:-1]


def english_glyphs(lines):
    return [
        (c["text"], round(c["x0"], 2))
        for line in lines
        if line["text"].isascii()
        for c in line["chars"]
    ]


def test_a_chinese_justified_line_ends_at_the_right_edge_and_english_is_untouched(tmp_path):
    lines = lines_of(render(JUSTIFIED, tmp_path))
    right = LEFT + ZH_WIDTH
    ragged = [
        (line["text"], round(line["x1"], 2))
        for line in chinese_full_lines(lines)
        if abs(line["x1"] - right) > 0.5
    ]
    assert not ragged
    with weasyprint_ext.originals():
        unpatched = lines_of(render(JUSTIFIED, tmp_path))
    assert english_glyphs(lines) and english_glyphs(lines) == english_glyphs(unpatched)


def test_witness_unpatched_weasyprint_leaves_chinese_lines_ragged(tmp_path):
    with weasyprint_ext.originals(cjk_justify.JUSTIFY_LINE, cjk_justify.SET_TEXT):
        lines = lines_of(render(JUSTIFIED, tmp_path))
    right = LEFT + ZH_WIDTH
    assert any(abs(line["x1"] - right) > 0.5 for line in chinese_full_lines(lines))


def copied_chinese(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "justified.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return "".join(line for line in text.splitlines() if not line.isascii())


def test_copying_a_spread_chinese_line_returns_the_source_text(tmp_path):
    assert copied_chinese(render(JUSTIFIED, tmp_path), tmp_path) == ZH


def test_witness_without_actualtext_the_spread_line_copies_with_spaces(tmp_path):
    with weasyprint_ext.originals(cjk_justify.MARKED):
        copied = copied_chinese(render(JUSTIFIED, tmp_path), tmp_path)
    assert copied != ZH and copied.replace(" ", "") == ZH


# -- a passage in another language is tagged with it ------------------------------------
PASSAGE = document(
    (300, 200), 20, "", '<p>The name <span lang="zh-Hant">中華民國</span> is Chinese.</p>'
)


def languages_in_structure(pdf: bytes) -> list[tuple[str, str]]:
    """(structure type, /Lang) of every structure element that declares a language."""
    import pypdf

    found = []

    def visit(node):
        node = node.get_object()
        if isinstance(node, list):
            for kid in node:
                visit(kid)
        elif isinstance(node, dict) and "/S" in node:
            if "/Lang" in node:
                found.append((node["/S"][1:], str(node["/Lang"])))
            if "/K" in node:
                visit(node["/K"])

    visit(pypdf.PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/StructTreeRoot"]["/K"])
    return found


def test_a_span_with_its_own_lang_carries_it_as_lang_in_the_structure_tree(tmp_path):
    assert languages_in_structure(render(PASSAGE, tmp_path)) == [("Span", "zh-Hant")]


def test_witness_unpatched_weasyprint_tags_no_language_below_the_catalog(tmp_path):
    with weasyprint_ext.originals(pdf_lang.BUILD_BOX_TREE):
        assert languages_in_structure(render(PASSAGE, tmp_path)) == []


# -- a face cut to the same glyphs is cut once ------------------------------------------
SUBSETTED = document((300, 200), 20, "", '<p>subset 子集 once</p><p lang="zh-Hant">中文字</p>')


def test_a_subset_made_again_comes_from_the_cache_with_the_same_bytes(tmp_path):
    subset_cache.clear()
    first = render(SUBSETTED, tmp_path)
    hits = subset_cache.stats["hits"]
    again = render(SUBSETTED, tmp_path)
    assert subset_cache.stats["hits"] > hits, "the second render cut no face again"
    assert again == first
    with weasyprint_ext.originals(subset_cache.SUBSET):
        assert render(SUBSETTED, tmp_path) == first, "HarfBuzz's own subsets give these bytes"


def test_other_glyphs_are_cut_anew(tmp_path):
    render(SUBSETTED, tmp_path)
    misses = subset_cache.stats["misses"]
    other = render(SUBSETTED.replace("中文字", "其他字"), tmp_path)
    assert subset_cache.stats["misses"] > misses
    with pdfplumber.open(io.BytesIO(other)) as pdf:
        assert "其他字" in pdf.pages[0].extract_text()


def test_a_pages_stylesheet_is_parsed_once_and_cascades_as_in_the_page(tmp_path):
    """render_pdf hands the page's <style> to WeasyPrint as a stylesheet parsed once per
    process; the PDF is the one WeasyPrint makes of the page as it stands (finished, as
    every PDF is: XMP metadata, a deterministic save)."""
    import weasyprint

    from briefing import pdf
    from briefing.pdf_finish import Finishing, finish

    page = SUBSETTED.replace("<p>", '<p style="color: #B03A2E">', 1)
    pdf._stylesheet.cache_clear()
    first = render(page, tmp_path)
    again = render(page, tmp_path)
    assert pdf._stylesheet.cache_info().hits == 1
    assert again == first
    as_it_stands = weasyprint.HTML(string=page, base_url=tmp_path.resolve().as_uri() + "/")
    document = as_it_stands.render(font_config=pdf._font_config(), **pdf.OPTIONS)
    assert finish(document.write_pdf(**pdf.OPTIONS), Finishing()) == first


# -- the guard: a changed WeasyPrint function stops its patch ----------------------------
PATCHES = (weasyprint_patches, cjk_justify, pdf_lang, subset_cache, pdf_access, pdf_stable)
PINNED = [(module, target) for module in PATCHES for target in module.PINS]


@pytest.mark.parametrize("module,target", PINNED, ids=[target for _, target in PINNED])
def test_a_function_whose_source_changed_stops_its_patch(tmp_path, monkeypatch, module, target):
    render("<p>x</p>", tmp_path)  # applied once, as the pipeline does
    installed = weasyprint_ext.current(target)
    monkeypatch.setitem(module.PINS, target, "0" * 64)
    monkeypatch.setattr(module, "_applied", False)
    with pytest.raises(PatchError) as raised:
        module.apply()
    message = str(raised.value)
    assert target.replace(":", ".") in message
    defined = inspect.unwrap(weasyprint_ext.original(target))
    assert f"{inspect.getsourcefile(defined)}:{inspect.getsourcelines(defined)[1]}" in message
    assert module.OUR_FILE in message
    assert "0" * 64 in message
    assert weasyprint_ext.source_digest(weasyprint_ext.original(target)) in message
    assert weasyprint_ext.current(target) is installed, "nothing replaced after the check"


def test_another_weasyprint_version_stops_the_patches(monkeypatch):
    import weasyprint

    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    for module in PATCHES:
        monkeypatch.setattr(module, "_applied", False)
        with pytest.raises(PatchError, match=module.OUR_FILE):
            module.apply()
