"""The print shop's edition: PDF/X-4 identification, the output intent, trim and bleed
boxes 3 mm apart, crop marks beyond the bleed (and nothing else there), the band on
page 1 running into the bleed, every font embedded."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pikepdf
import pytest
from conftest import ENGLISH, ROOT
from pdf_structure import MM, box, embedded, fonts, xmp
from PIL import Image

from briefing.build import build
from briefing.theme import load_theme

PROFILE = ROOT / "templates" / "default" / "FOGRA39L_coated.icc"


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> Path:
    """The English sample in the policy-brief theme: US Letter, with a band on page 1."""
    out = tmp_path_factory.mktemp("print")
    return build(ENGLISH, ["print"], out, theme="policy-brief")[0]


def test_it_says_it_is_pdf_x4(printed):
    assert printed.parent.name == "print"
    with pikepdf.open(printed) as pdf:
        assert pdf.pdf_version == "1.6"
        assert xmp(pdf)["pdfxid:GTS_PDFXVersion"] == "PDF/X-4"
        assert str(pdf.docinfo.Trapped) == "/False"
        assert str(pdf.docinfo.Title).startswith("Mined Widely, Refined Narrowly")


def test_the_output_intent_is_the_themes_cmyk_printing_condition(printed):
    with pikepdf.open(printed) as pdf:
        (intent,) = pdf.Root.OutputIntents
        assert str(intent.S) == "/GTS_PDFX"
        assert str(intent.OutputConditionIdentifier) == "FOGRA39"
        assert str(intent.RegistryName) == "http://www.color.org"
        profile = intent.DestOutputProfile
        assert int(profile.N) == 4
        assert profile.read_bytes() == PROFILE.read_bytes()
        assert profile.read_bytes()[12:20] == b"prtrCMYK"  # an output profile, CMYK
        # WeasyPrint's DeviceRGB means sRGB: declared on every page.
        assert all("/DefaultRGB" in p.obj.Resources.ColorSpace for p in pdf.pages)


def test_trim_is_the_themes_page_and_bleed_3mm_beyond_it(printed):
    page = load_theme("policy-brief").page
    with pikepdf.open(printed) as pdf:
        for each in pdf.pages:
            trim, bleed = box(each, "/TrimBox"), box(each, "/BleedBox")
            media = box(each, "/MediaBox")
            assert trim == (0, 0, round(page.width, 2), round(page.height, 2))
            assert bleed[2] - bleed[0] == pytest.approx(page.width + 2 * 3 * MM, abs=0.02)
            assert bleed[3] - bleed[1] == pytest.approx(page.height + 2 * 3 * MM, abs=0.02)
            assert media[0] < bleed[0] and media[3] > bleed[3]  # room for the marks


def _render(path: Path, tmp_path: Path, dpi: int = 72) -> Image.Image:
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-f", "1", "-l", "1", "-png", path, tmp_path / "p"],
        check=True,
    )
    return Image.open(next(tmp_path.glob("p*.png"))).convert("RGB")


def test_crop_marks_are_inked_outside_the_trim_and_bleed_only(printed, tmp_path):
    """At 72 dpi one pixel is one point: the slug (outside the bleed box) holds ink only
    on the lines that continue the trim's edges, at each of the four corners."""
    with pikepdf.open(printed) as pdf:
        media, bleed, trim = (box(pdf.pages[0], b) for b in ("/MediaBox", "/BleedBox", "/TrimBox"))
    image = _render(printed, tmp_path)
    height = image.height

    def xy(x: float, y: float) -> tuple[int, int]:  # PDF point -> pixel
        return round(x - media[0]), round(height - (y - media[1]))

    dark = {
        (x, y)
        for x in range(image.width)
        for y in range(image.height)
        if sum(image.getpixel((x, y))) < 384
    }
    left, top = xy(bleed[0], bleed[3])
    right, bottom = xy(bleed[2], bleed[1])
    # Outside the bleed box by more than a pixel (its edge pixels are the band's, smoothed).
    outside = {
        (x, y) for x, y in dark if not (left - 1 <= x <= right + 1 and top - 1 <= y <= bottom + 1)
    }
    trim_x = {xy(trim[0], 0)[0], xy(trim[2], 0)[0]}
    trim_y = {xy(0, trim[1])[1], xy(0, trim[3])[1]}
    assert outside, "no crop marks"
    # Every inked slug pixel lies on a trim line's extension (a pixel of tolerance).
    assert all(
        any(abs(x - t) <= 1 for t in trim_x) or any(abs(y - t) <= 1 for t in trim_y)
        for x, y in outside
    )
    # All four corners are marked: each trim edge continues beyond the bleed at both ends.
    for tx in trim_x:
        assert any(abs(x - tx) <= 1 and y < top for x, y in outside), tx
        assert any(abs(x - tx) <= 1 and y > bottom for x, y in outside), tx
    for ty in trim_y:
        assert any(abs(y - ty) <= 1 and x < left for x, y in outside), ty
        assert any(abs(y - ty) <= 1 and x > right for x, y in outside), ty


def test_the_band_runs_into_the_bleed(printed, tmp_path):
    image = _render(printed, tmp_path)
    with pikepdf.open(printed) as pdf:
        media, trim = box(pdf.pages[0], "/MediaBox"), box(pdf.pages[0], "/TrimBox")
    accent = (0x0B, 0x6E, 0x4F)  # policy-brief's band colour
    middle = round((trim[2] - trim[0]) / 2 - media[0])
    in_bleed = round(media[3] - trim[3]) - 4  # 4 pt above the trim's top edge
    pixel = image.getpixel((middle, in_bleed))
    assert all(abs(a - b) <= 24 for a, b in zip(pixel, accent)), pixel


def test_every_font_is_embedded(printed):
    with pikepdf.open(printed) as pdf:
        found = fonts(pdf)
        assert found and all(embedded(f) for f in found.values()), sorted(found)


def test_an_output_intent_that_is_not_a_printer_profile_is_refused(tmp_path):
    """A screen profile (sRGB) describes no press: the theme names the file and line."""
    from importlib.resources import files

    from briefing.errors import ContentError

    theme = tmp_path / "screen"
    theme.mkdir()
    (theme / "sRGB.icc").write_bytes(files("weasyprint.pdf").joinpath("sRGB2014.icc").read_bytes())
    (theme / "theme.yaml").write_text(
        "extends: default\nname: screen\nprint:\n  output_intent:\n"
        "    file: sRGB.icc\n    identifier: sRGB\n    condition: a screen\n"
    )
    with pytest.raises(ContentError) as raised:
        load_theme(theme)
    assert [str(d) for d in raised.value.diagnostics] == [
        f"{theme / 'theme.yaml'}:5:11: error: print: 'sRGB.icc' is not an ICC output profile "
        "for CMYK or grey (use the print shop's profile of its printing condition (e.g. FOGRA39))"
    ]
