"""Take WeasyPrint 70.0's line justification, produce Chinese justification: the extra
space of a full line spread between characters.

Why this exists: WeasyPrint 70 justifies only by widening U+0020/U+00A0 spaces
(`layout/inline.py`, `justify_line`). Chinese has almost no spaces, so a justified
Chinese paragraph comes out ragged, or with all the slack piled into the one space
around a Latin word. Typeset Chinese (and Word, and Typst) distribute the slack between
characters: CSS Text 3 calls this `text-justify: inter-character`
(https://www.w3.org/TR/css-text-3/#justify-algos). WeasyPrint has no switch for it.

How, for lines whose `lang` is Chinese (`justify_line` is replaced; others are untouched):
- Opportunities are the gaps after a Han character or full-width punctuation, inside
  one text box, never after the line's last character. Latin words and digits keep
  their own spacing and kerning: ASCII characters never get an attribute.
- The slack becomes Pango letter-spacing on the Chinese characters, so the text itself
  is unchanged. Pango puts half of a character's letter-spacing before it and half
  after (dropping the outer halves at the ends of a layout), so `solve` picks values
  whose halves add up to the wanted gaps.
- Text extraction (pdftotext, a viewer's copy) reads any gap wider than ~0.1 em as a
  word break and would paste "中 ， 俄"; each spread text box is therefore marked with
  its ActualText (ISO 32000-1, 14.9.4), which extractors use instead.

The small gap typesetters put where Han characters meet Latin letters or digits is not
drawn here: such a gap is either taken from the slack of justified lines only, or changes
line breaking, and poppler copies it as a space. The DOCX gets it from Word's own
autoSpaceDE/autoSpaceDN (the theme's `autospace_latin`).

Where the /ActualText goes in, and why there: WeasyPrint 70 opens each text box's
marked-content sequence in `Stream.marked` (`pdf/stream.py`, called from
`draw_inline_level` in `draw/__init__.py` around `draw_text`), which records the box's
MCID for the structure tree and emits `/Span <</MCID n>> BDC` through pydyf's
`begin_marked_content`. The property list is the one place an /ActualText belongs
(ISO 32000-1, 14.6.2), and `marked` is the only code that sees both the box and that
dictionary. Nothing narrower can be wrapped: `marked` calls pydyf through `super()`, so
an override of `begin_marked_content` on WeasyPrint's Stream is never reached, and
wrapping pydyf's own method would change every pydyf stream without knowing the box.
So `marked` is wrapped, not rewritten: WeasyPrint's own `marked` runs unchanged (MCID
bookkeeping, BDC/EMC), and inside it, for a spread box only, the wrapper adds one
/ActualText entry to the property list `marked` has just emitted. Both functions are
pinned by digest, since the wrapper relies on where that dictionary lands.

Pinned to WeasyPrint 70.0: `apply()` checks the version and the sha256 of the source of
every function it replaces, wraps or relies on (`weasyprint_ext`).
"""

from __future__ import annotations

import unicodedata
from contextlib import contextmanager

from .weasyprint_ext import PatchError, checked, install

OUR_FILE = "scripts/briefing/cjk_justify.py"
JUSTIFY_LINE = "weasyprint.layout.inline:justify_line"
SET_TEXT = "weasyprint.text.line_break:Layout.set_text"
MARKED = "weasyprint.pdf.stream:Stream.marked"
BEGIN_MARKED_CONTENT = "pydyf:Stream.begin_marked_content"
# sha256 of inspect.getsource() of each function this module replaces, wraps or relies on.
PINS = {
    JUSTIFY_LINE: "f83b21ff8793ba6b6dfc5fe8e10e4ab6cd6e02b17de02da97200902166148a81",
    SET_TEXT: "fe23ca9937dbf5205bda422f9c01103f301ef2c511228842632ea86e853274f7",
    MARKED: "3fa3acacbbf66422e7b0de4346b6eaf638657280a0f62c73172e3c445b888692",
    # Not replaced: `marked` emits its property list through it (see the docstring).
    BEGIN_MARKED_CONTENT: "4348260a8eb6e24feba5de685c28ff479833598458fcdf00a915ba514b5b3b5e",
}

_applied = False


def is_han_like(ch: str) -> bool:
    """Han ideographs, kana, Hangul and full-width punctuation: wide characters."""
    return unicodedata.east_asian_width(ch) in ("W", "F")


def is_chinese(style) -> bool:
    lang = (style["lang"] or "").lower()
    return lang.startswith("zh") or lang.startswith("ja")


def opportunity(a: str, b: str) -> bool:
    """May extra space go between characters a and b? After Chinese, not after Latin."""
    return not a.isascii() and is_han_like(a) and b not in " \u00a0"


def solve(text: str, share: float) -> tuple[list[float], list[float]]:
    """Letter-spacing per character and the gaps it opens, for `share` per opportunity.

    The gap between characters i and i+1 is s[i]/2 + s[i+1]/2. ASCII characters keep
    s = 0; so a gap in front of one is whatever half its Chinese neighbour carries
    (share or nothing), and the caller scales the share to what was realised.
    """
    spacing = [0.0] * len(text)
    gaps = [0.0] * max(len(text) - 1, 0)
    for i in range(len(text) - 1):
        wanted = share if opportunity(text[i], text[i + 1]) else 0.0
        if text[i + 1].isascii():
            gaps[i] = spacing[i] / 2  # the next character takes no spacing of its own
        else:
            spacing[i + 1] = 2 * wanted - spacing[i]
            gaps[i] = wanted
    return spacing, gaps


def _attribute_runs(text: str, spacing: list[float]) -> list[tuple[int, int, float]]:
    """(byte start, byte end, points) letter-spacing runs for the nonzero spacings."""
    runs, offset = [], 0
    for ch, points in zip(text, spacing):
        size = len(ch.encode())
        if abs(points) > 1e-9:
            runs.append((offset, offset + size, points))
        offset += size
    return runs


def apply() -> None:
    global _applied
    if _applied:
        return
    from weasyprint.formatting_structure import boxes
    from weasyprint.text import line_break
    from weasyprint.text.ffi import TO_UNITS, ffi, pango

    originals = checked(PINS, OUR_FILE)
    original_set_text = originals[SET_TEXT]
    original_justify_line = originals[JUSTIFY_LINE]

    def set_text(self, text, justify=False):
        original_set_text(self, text, justify)
        spacing = getattr(self, "cjk_spacing", None)
        # Only when drawing (justify=True): measuring for line breaks stays Pango's own.
        if not (justify and spacing):
            return
        attr_list = pango.pango_layout_get_attributes(self.layout)
        if attr_list == ffi.NULL:
            attr_list = ffi.gc(pango.pango_attr_list_new(), pango.pango_attr_list_unref)
        for start, end, points in _attribute_runs(self.text, spacing):
            attr = pango.pango_attr_letter_spacing_new(int(round(points * TO_UNITS)))
            attr.start_index, attr.end_index = start, end
            pango.pango_attr_list_change(attr_list, attr)
        pango.pango_layout_set_attributes(self.layout, attr_list)

    def text_boxes(box):
        if isinstance(box, boxes.TextBox):
            yield box
        elif isinstance(box, (boxes.LineBox, boxes.InlineBox)):
            for child in box.children:
                if child.is_in_normal_flow():
                    yield from text_boxes(child)

    def justify_line(context, line, extra_width):
        if not is_chinese(line.style):
            return original_justify_line(context, line, extra_width)
        texts = list(text_boxes(line))
        if not texts:
            return original_justify_line(context, line, extra_width)
        last = texts[-1]

        def visible(box):  # a line's trailing spaces take no space
            return box.text.rstrip(" \u00a0") if box is last else box.text

        realised = sum(sum(solve(visible(box), 1.0)[1]) for box in texts)
        if realised <= 0:
            return original_justify_line(context, line, extra_width)
        share = extra_width / realised
        added = {}
        for box in texts:
            text = visible(box)
            spacing, gaps = solve(text, share)
            if sum(gaps) > 0:
                added[id(box)] = (spacing + [0.0] * (len(box.text) - len(text)), sum(gaps))
        spread(context, line, added, 0.0)

    def spread(context, box, added, x_advance):
        """Move boxes right by the space added before them; widen the spread ones."""
        if isinstance(box, boxes.TextBox):
            box.position_x += x_advance
            if id(box) in added:
                spacing, width = added[id(box)]
                layout = line_break.create_layout(box.text, box.style, context, None, 0)
                layout.cjk_spacing = spacing
                layout.deactivate()
                box.pango_layout = layout
                box.width += width
                x_advance += width
        elif isinstance(box, (boxes.LineBox, boxes.InlineBox)):
            box.position_x += x_advance
            before = x_advance
            for child in box.children:
                if child.is_in_normal_flow():
                    x_advance = spread(context, child, added, x_advance)
            box.width += x_advance - before
        else:
            box.translate(x_advance, 0)
        return x_advance

    install(SET_TEXT, set_text)
    install(JUSTIFY_LINE, justify_line)
    install(MARKED, _marked_with_actual_text(originals[MARKED]))
    _applied = True


def _is_spread(box) -> bool:
    return bool(getattr(getattr(box, "pango_layout", None), "cjk_spacing", None))


def _marked_with_actual_text(original_marked):
    """WeasyPrint's `Stream.marked`, adding /ActualText to a spread text box's properties."""
    import pydyf

    @contextmanager
    def marked(self, box, tag):
        with original_marked(self, box, tag):
            if self._tags is not None and _is_spread(box):
                _property_list(self, box)["ActualText"] = pydyf.String(box.text)
            yield

    return marked


def _property_list(stream, box):
    """The `<</MCID n>>` WeasyPrint's `marked` has just emitted for `box`: pydyf's
    `begin_marked_content` appends the tag, the dictionary, then BDC; pydyf writes the
    dictionary out only when the page's stream is serialised."""
    import pydyf

    tag, properties, operator = stream.stream[-3:]
    mcid = stream._tags[box]["mcid"]
    if not (
        operator == b"BDC"
        and isinstance(properties, pydyf.Dictionary)
        and properties.get("MCID") == mcid
    ):
        raise PatchError(f"no <</MCID {mcid}>> BDC after {tag!r}: review {OUR_FILE}")
    return properties
