"""Take a PDF WeasyPrint laid out with a bleed, produce the print shop's PDF/X-4 pages: the
trim, bleed and media boxes, crop marks in the slug beyond the bleed, the output intent
(the printing condition's ICC profile), and the page's RGB declared as sRGB.

Why by hand: WeasyPrint 70 writes PDF/X-4's version and identification, but its
`marks: crop` draws inside the bleed, from the sheet's edge, over whatever runs into the
bleed; a print shop expects them beyond the bleed, where nothing else is printed. Its
output intent needs a CMYK profile as a CSS `@color-profile device-cmyk`, and it writes
colours as DeviceRGB, which PDF/X-4 accepts only with a DefaultRGB colour space naming
what the RGB means (ISO 15930-7, 6.2.4.3); pikepdf adds both to the finished file.
"""

from __future__ import annotations

from importlib.resources import files

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from .theme import Theme

REGISTRATION = "BriefingRegistration"  # the crop marks' ink (a colour space): every plate


def print_step(theme: Theme):
    """The finishing step for `theme`'s print edition (its bleed, marks and intent)."""

    def step(pdf: pikepdf.Pdf) -> None:
        if theme.output_intent is not None:
            _output_intent(pdf, theme)
        srgb = _icc(pdf, files("weasyprint.pdf").joinpath("sRGB2014.icc").read_bytes(), 3)
        for page in pdf.pages:
            _boxes_and_marks(pdf, page, theme)
            _declare_rgb(page, srgb)

    return step


def _icc(pdf: pikepdf.Pdf, profile: bytes, components: int) -> pikepdf.Object:
    stream = pikepdf.Stream(pdf, profile)
    stream.N = components
    return pdf.make_indirect(stream)


def _output_intent(pdf: pikepdf.Pdf, theme: Theme) -> None:
    intent = theme.output_intent
    header = intent.path.read_bytes()
    components = 4 if header[16:20] == b"CMYK" else 1
    entry = Dictionary(
        Type=Name.OutputIntent,
        S=Name("/GTS_PDFX"),
        OutputConditionIdentifier=String(intent.identifier),
        OutputCondition=String(intent.condition),
        Info=String(intent.condition),
        DestOutputProfile=_icc(pdf, header, components),
    )
    if intent.registry:
        entry.RegistryName = String(intent.registry)
    pdf.Root.OutputIntents = Array([entry])


def trim_box(page: pikepdf.Page) -> tuple[float, float, float, float]:
    """The page's trim, as WeasyPrint set it (the CSS page box, without the bleed)."""
    box = page.obj.get("/TrimBox") or page.obj.MediaBox
    return tuple(float(v) for v in box)  # type: ignore[return-value]


def _boxes_and_marks(pdf: pikepdf.Pdf, page: pikepdf.Page, theme: Theme) -> None:
    left, bottom, right, top = trim_box(page)
    bleed = theme.page.bleed
    marks = theme.crop_marks
    offset = max(marks.offset, bleed) if marks else bleed
    length, width = (marks.length, marks.width) if marks else (0.0, 0.0)
    slug = offset + length + width  # room for the marks and their line ends
    page.obj.TrimBox = Array([left, bottom, right, top])
    page.obj.BleedBox = Array([left - bleed, bottom - bleed, right + bleed, top + bleed])
    page.obj.MediaBox = Array([left - slug, bottom - slug, right + slug, top + slug])
    if "/CropBox" in page.obj:
        del page.obj["/CropBox"]
    if not marks:
        return
    lines = []
    for x, y, sx, sy in ((left, bottom, -1, -1), (right, bottom, 1, -1),
                         (left, top, -1, 1), (right, top, 1, 1)):  # fmt: skip
        # One horizontal and one vertical line per corner, continuing the trim's edges
        # outwards from `offset` to `offset + length`.
        lines.append(f"{x + sx * offset:.3f} {y:.3f} m {x + sx * (offset + length):.3f} {y:.3f} l")
        lines.append(f"{x:.3f} {y + sy * offset:.3f} m {x:.3f} {y + sy * (offset + length):.3f} l")
    _registration_colour(pdf, page)
    drawing = (
        # A printer's mark is a page artifact, outside the document's structure
        # (ISO 32000-1, 14.8.2.2.2).
        "Q q /Artifact <</Type /Page>> BDC\n"
        f"/{REGISTRATION} CS 1 SCN {width:.3f} w 0 J [] 0 d\n" + "\n".join(lines) + "\nS EMC Q\n"
    )
    page.contents_add(pikepdf.Stream(pdf, b"q\n"), prepend=True)
    page.contents_add(pikepdf.Stream(pdf, drawing.encode("ascii")))


def _colour_spaces(page: pikepdf.Page) -> Dictionary:
    resources = page.obj.Resources
    if "/ColorSpace" not in resources:
        resources.ColorSpace = Dictionary()
    return resources.ColorSpace


def _registration_colour(pdf: pikepdf.Pdf, page: pikepdf.Page) -> None:
    """Registration "All": full tint on every plate, so the marks show on each separation."""
    spaces = _colour_spaces(page)
    if f"/{REGISTRATION}" in spaces:
        return
    tint = Dictionary(FunctionType=2, Domain=[0, 1], C0=[0, 0, 0, 0], C1=[1, 1, 1, 1], N=1)
    spaces[f"/{REGISTRATION}"] = Array([Name.Separation, Name.All, Name.DeviceCMYK, tint])


def _declare_rgb(page: pikepdf.Page, srgb: pikepdf.Object) -> None:
    """DefaultRGB = sRGB in the page's colour spaces and its forms': WeasyPrint's colours
    are CSS sRGB values written as DeviceRGB."""
    seen = set()

    def declare(resources: Dictionary) -> None:
        if resources.objgen != (0, 0) and resources.objgen in seen:
            return
        seen.add(resources.objgen)
        if "/ColorSpace" not in resources:
            resources.ColorSpace = Dictionary()
        resources.ColorSpace.DefaultRGB = Array([Name.ICCBased, srgb])
        for xobject in resources.get("/XObject", Dictionary()).values():
            inner = xobject.get("/Resources")
            if xobject.get("/Subtype") == Name.Form and inner is not None:
                declare(inner)

    declare(page.obj.Resources)
