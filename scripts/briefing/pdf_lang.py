"""Take WeasyPrint 70.0's PDF structure tree, produce it with each passage's language: a
/Lang entry on the structure element of every HTML element that declares `lang`.

Why this exists: WeasyPrint 70 writes the document's language once, as the catalog's /Lang
(from `<html lang>`), and nothing below it (`pdf/tags.py`). A screen reader then reads an
English phrase in a Chinese paper (`[...]{lang=en}`, `<span lang="en">`) with Chinese
rules, and PDF/UA asks for a change of language to be marked (ISO 32000-1, 14.9.2.2: /Lang
on a structure element). WeasyPrint already uses `lang` for fonts and hyphenation; only
the tag is missing.

How: `_build_box_tree` makes one structure element per box and yields it to its caller
(children of `<html>` and `<body>` are passed up unchanged, and a list item may be
wrapped). The function is wrapped, not rewritten: WeasyPrint's own generator runs
unchanged, and every element it yields for a box whose HTML element has a `lang`
attribute of its own gets that language as /Lang. Its recursive calls go through the
module's name, so they meet the wrapper too. `<html>`/`<body>` are left to the catalog.

Pinned to WeasyPrint 70.0: `apply()` checks the version and the sha256 of the source of
the function it wraps (`weasyprint_ext`).
"""

from __future__ import annotations

from .weasyprint_ext import checked, install

OUR_FILE = "scripts/briefing/pdf_lang.py"
BUILD_BOX_TREE = "weasyprint.pdf.tags:_build_box_tree"
PINS = {BUILD_BOX_TREE: "f716251a83e7096e9cae972b63e633aab21c664d200582166dd0d5096780f9c4"}
ROOTS = ("html", "body")  # their language is the catalog's /Lang

_applied = False


def declared_lang(box) -> str:
    """The `lang` the box's own HTML element declares ("" if none, or not an element)."""
    element = getattr(box, "element", None)
    tag = getattr(box, "element_tag", None) or ""
    if element is None or tag in ROOTS or "::" in tag:
        return ""
    return element.get("lang") or ""


def apply() -> None:
    global _applied
    if _applied:
        return
    import pydyf

    original = checked(PINS, OUR_FILE)[BUILD_BOX_TREE]

    def build_box_tree(box, parent, pdf, page_number, nums, annotations, tags):
        lang = declared_lang(box)
        for element in original(box, parent, pdf, page_number, nums, annotations, tags):
            if lang:
                element["Lang"] = pydyf.String(lang)
            yield element

    install(BUILD_BOX_TREE, build_box_tree)
    _applied = True
