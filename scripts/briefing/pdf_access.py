"""Take WeasyPrint 70.0's PDF structure elements as they are made, produce what assistive
technology and PDF/UA-1 (ISO 14289-1) ask beyond them: footnotes tagged as notes with an
ID, linked from their calls, and table header cells that say what they head.

Why this exists: WeasyPrint tags a footnote (CSS `float: footnote`) as a plain /Span in
the page's footnote area, its number as a /NonStruct, and its call (`::footnote-call`) as
a /NonStruct inside the paragraph; nothing in the tree says "note" or ties the call to
it. PDF/UA-1 7.9 asks for /Note with a unique /ID. `<th>` becomes /TH without /Scope.
(Figures' /Alt WeasyPrint writes itself from the <img alt>, which the HTML writer fills
from the model's `Figure.alt`: the `alt=` attribute, else the caption's words.)

How: as `pdf_lang` does, `_build_box_tree` is wrapped, not rewritten. The wrapper sees
the box each structure element is made for: a box whose element has the class
`footnote` becomes a /Note (ID "note-N", N in the order notes are met), its
`::footnote-marker` a /Lbl, its `::footnote-call` a /Reference whose /Ref names the note
(the key PDF 2.0 links them with; PDF 1.7 readers ignore it), and a `<th>` gets
/Scope /Column (our tables have one header row). The call comes before its note (the
body is tagged before the page's footnote area), so the call waits for its note.

Pinned to WeasyPrint 70.0 (`weasyprint_ext`). Wraps whatever is installed at the target
(another wrapper, such as `pdf_lang`'s, included), so extensions of the same function chain.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from .weasyprint_ext import checked, current, install

OUR_FILE = "scripts/briefing/pdf_access.py"
BUILD_BOX_TREE = "weasyprint.pdf.tags:_build_box_tree"
PINS = {BUILD_BOX_TREE: "f716251a83e7096e9cae972b63e633aab21c664d200582166dd0d5096780f9c4"}
NOTE_CLASS = "footnote"

_applied = False
# Per PDF being written: the notes met so far, and the calls waiting for their note.
_notes: WeakKeyDictionary = WeakKeyDictionary()


def _role(box) -> str:
    """ "note", "marker", "call", "th" or "" for the box an element is made for."""
    element = getattr(box, "element", None)
    tag = getattr(box, "element_tag", None) or ""
    if element is None:
        return ""
    if tag == "th":
        return "th"
    if NOTE_CLASS not in (element.get("class") or "").split():
        return ""
    if tag.endswith("::footnote-call"):
        return "call"
    if tag.endswith("::footnote-marker"):
        return "marker"
    return "" if "::" in tag else "note"


def apply() -> None:
    global _applied
    if _applied:
        return
    import pydyf

    checked(PINS, OUR_FILE)  # WeasyPrint's own source is the one this was written for
    inner = current(BUILD_BOX_TREE)

    def build_box_tree(box, parent, pdf, page_number, nums, annotations, tags):
        role = _role(box)
        state = _notes.setdefault(pdf, {"count": 0, "notes": {}, "calls": {}})
        for element in inner(box, parent, pdf, page_number, nums, annotations, tags):
            if role == "th" and isinstance(element.get("A"), dict):
                element["A"]["Scope"] = "/Column"
            elif role == "marker":
                element["S"] = "/Lbl"
            elif role == "call":
                element["S"] = "/Reference"
                note = state["notes"].get(box.element)
                if note is not None:
                    element["Ref"] = pydyf.Array([note.reference])
                else:
                    state["calls"].setdefault(box.element, []).append(element)
            elif role == "note" and element.get("S") == "/Span":
                state["count"] += 1
                element["S"] = "/Note"
                element["ID"] = pydyf.String(f"note-{state['count']}")
                state["notes"][box.element] = element
                for call in state["calls"].pop(box.element, []):
                    call["Ref"] = pydyf.Array([element.reference])
            yield element

    install(BUILD_BOX_TREE, build_box_tree)
    _applied = True
