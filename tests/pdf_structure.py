"""Read what a PDF tells assistive technology, validators and a print shop: its structure
elements, XMP properties, embedded fonts and page boxes, with pikepdf."""

from __future__ import annotations

from collections.abc import Iterator

import pikepdf

MM = 72 / 25.4


def elements(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Dictionary]:
    """Every structure element, in the tree's (reading) order."""

    def walk(element):
        if not isinstance(element, pikepdf.Dictionary) or "/S" not in element:
            return
        yield element
        kids = element.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            yield from walk(kid)

    root = pdf.Root.StructTreeRoot.K
    for top in root if isinstance(root, pikepdf.Array) else [root]:
        yield from walk(top)


def roles(pdf: pikepdf.Pdf, role: str) -> list[pikepdf.Dictionary]:
    return [e for e in elements(pdf) if str(e.S) == role]


def xmp(pdf: pikepdf.Pdf) -> pikepdf.models.PdfMetadata:
    return pdf.open_metadata()


def fonts(pdf: pikepdf.Pdf) -> dict[str, pikepdf.Dictionary]:
    """{font name: the dictionary that says how it is embedded} for every font drawn,
    in pages and in the forms they draw (a Type0 font's descendant carries it)."""
    found = {}

    def visit(resources, seen):
        if resources is None or resources.objgen in seen and resources.objgen != (0, 0):
            return
        seen.add(resources.objgen)
        for font in resources.get("/Font", pikepdf.Dictionary()).values():
            real = font.DescendantFonts[0] if "/DescendantFonts" in font else font
            found[str(font.get("/BaseFont", "?"))] = real
        for xobject in resources.get("/XObject", pikepdf.Dictionary()).values():
            if xobject.get("/Subtype") == pikepdf.Name.Form:
                visit(xobject.get("/Resources"), seen)

    for page in pdf.pages:
        visit(page.obj.get("/Resources"), set())
    return found


def embedded(font: pikepdf.Dictionary) -> bool:
    descriptor = font.get("/FontDescriptor")
    return descriptor is not None and any(
        key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
    )


def box(page: pikepdf.Page, name: str) -> tuple[float, ...]:
    return tuple(round(float(v), 2) for v in page.obj[name])
