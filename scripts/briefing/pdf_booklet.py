"""Take a PDF of booklet pages (the theme's A5 layout), produce the sheets to print them on
for saddle stitching: two pages side by side on each side of a sheet twice as wide, in
the order that, printed duplex (flip on the short edge), stacked, folded and stapled,
reads 1, 2, 3, ...; padded with blank pages to a multiple of four.

Each page becomes a form XObject placed on its half of the sheet (pikepdf); the order is
the one rule of imposition this module owns.
"""

from __future__ import annotations

import pikepdf

Side = tuple[int | None, int | None]  # (left page, right page), 1-based; None is blank


def booklet_order(pages: int) -> list[Side]:
    """Every sheet side in printing order: sheet 1 front, sheet 1 back, sheet 2 front...
    For 4 pages: [(4, 1), (2, 3)]. Pages past `pages` are the blank padding (None)."""
    total = -(-pages // 4) * 4
    sides: list[Side] = []
    for sheet in range(total // 4):
        outer, inner = 2 * sheet, 2 * sheet + 1
        sides.append((total - outer, 1 + outer))  # front: last page left, first right
        sides.append((1 + inner, total - inner))  # back: the next pair, the other way round
    return [tuple(p if p <= pages else None for p in side) for side in sides]  # type: ignore[misc]


def _place(sheet: pikepdf.Page, page: pikepdf.Page, number: int, place) -> None:
    """Draw `page` (as a form XObject named after its number) into `place` on `sheet`.
    What pikepdf's `add_overlay` does, but with a fixed resource name: it draws a random
    one, and the same sources must give the same bytes."""
    form = page.as_form_xobject()
    name = sheet.add_resource(form, pikepdf.Name.XObject, name=pikepdf.Name(f"/Page{number}"))
    drawing = sheet.calc_form_xobject_placement(form, name, place, allow_expand=True)
    sheet.contents_add(b"q\n" + drawing + b"\nQ\n")


def impose(source: pikepdf.Pdf) -> pikepdf.Pdf:
    """The sheets, as a new PDF with the source's document information and language."""
    sheets = pikepdf.new()
    left, bottom, right, top = (float(v) for v in source.pages[0].mediabox)
    width, height = right - left, top - bottom
    for side in booklet_order(len(source.pages)):
        sheet = sheets.add_blank_page(page_size=(2 * width, height))
        for slot, number in enumerate(side):
            if number is not None:
                place = pikepdf.Rectangle(slot * width, 0, (slot + 1) * width, height)
                _place(sheet, source.pages[number - 1], number, place)
    # What a reader of the file sees first: its title (in the window), language, metadata.
    for key, value in source.docinfo.items():
        sheets.docinfo[key] = value
    if "/Lang" in source.Root:
        sheets.Root.Lang = source.Root.Lang
    sheets.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
    return sheets
