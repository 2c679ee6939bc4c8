"""Take the children of a w:p (or a w:hyperlink), produce model inlines.

Runs are read into a flat list of pieces, each a leaf (text, code, a line break, a note
call, a cross-reference) with the marks its run carries (bold, italic, a link, a
language...). The pieces are then nested: at each point the mark that runs longest
becomes the outer node, so `**a *b* c**` (bold over three runs, italic over one) comes
back as Strong(a, Emph(b), c), as it was written.

Fields (ECMA-376 Part 1, §17.16) are read by their instruction: REF to one of our
bookmarks is a cross-reference, PAGEREF a page reference, NOTEREF a second call to a
note, HYPERLINK a link; any other field keeps the text it shows, with a warning.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from lxml import etree

from briefing import model as m
from briefing.reader.inlines import merge_text

from .package import NS, R_NS, w

# The order in which marks nest when two run equally long: links and languages outside,
# as Markdown writes `[*x*](url)`.
PRIORITY = ("link", "lang", "em", "strong", "strike", "underline", "smallcaps", "sub", "sup")
WRAPPERS = {
    "em": m.Emph,
    "strong": m.Strong,
    "strike": m.Strikeout,
    "underline": m.Underline,
    "smallcaps": m.SmallCaps,
    "sub": m.Subscript,
    "sup": m.Superscript,
}
CODE_STYLES = {"verbatimchar", "htmlcode", "sourcecodechar", "code", "inlinecode"}
CROSS_REFERENCE_STYLES = {"crossreference"}
CHARACTER_MARKS = {"strong": "strong", "emphasis": "em", "strongemphasis": "strong"}
SKIPPED = {
    "bookmarkStart", "bookmarkEnd", "proofErr", "commentRangeStart", "commentRangeEnd",
    "commentReference", "permStart", "permEnd", "lastRenderedPageBreak", "rPr", "pPr",
    "footnoteRef", "endnoteRef", "separator", "continuationSeparator", "annotationRef",
}  # fmt: skip
BOOKMARK_IN_FIELD = re.compile(r"^\s*(?:REF|PAGEREF|NOTEREF)\s+(\S+)", re.IGNORECASE)


@dataclass(frozen=True)
class Piece:
    marks: tuple
    node: object


@dataclass
class Field:
    instruction: str = ""
    result: list = field(default_factory=list)
    in_result: bool = False


def style_key(name: str) -> str:
    """ "Verbatim Char" -> "verbatimchar": style names compared without case or spaces."""
    return re.sub(r"[\s_-]", "", name).lower()


class InlineReader:
    """Reads the inline content of one story (document, footnotes, endnotes)."""

    def __init__(self, importer, part, where: str = ""):
        self.importer = importer  # the Importer: package, ids, notes, report, language
        self.part = part  # the story's part: hyperlink and picture relationships
        self.where = where
        self.drawings: list[etree._Element] = []  # pictures met inside text

    def read(self, children) -> tuple[m.Inline, ...]:
        pieces: list[Piece] = []
        self.fields: list[Field] = []
        self.styled = self._paragraph_marks(children)
        for child in children:
            self._element(child, (), pieces)
        return nest(bridge_emphasis(pieces))

    def _paragraph_marks(self, children) -> set[str]:
        """The marks the paragraph's style gives every run (bold headings, italic
        quotes): LibreOffice writes them on each run too, where they are not emphasis."""
        first = children[0] if children else None
        p = None if first is None else next(first.iterancestors(w("p")), None)
        found = p.find("w:pPr/w:pStyle", NS) if p is not None else None
        if found is None:
            return set()
        style = found.get(w("val"), "")
        package = self.importer.package
        return {
            mark for tag, mark in (("b", "strong"), ("i", "em")) if package.style_mark(style, tag)
        }

    # ------------------------------------------------------------ elements
    def _emit(self, pieces: list[Piece], piece: Piece) -> None:
        if self.fields and self.fields[-1].in_result:
            self.fields[-1].result.append(piece)
        elif not self.fields:
            pieces.append(piece)
        # between a field's begin and its separator: the instruction, not shown

    def _element(self, element, marks: tuple, pieces: list[Piece]) -> None:
        if not isinstance(element.tag, str):
            return
        name = etree.QName(element).localname
        if name == "r":
            self._run(element, marks, pieces)
        elif name == "hyperlink":
            href = self._href(element)
            inner = (*marks, ("link", href)) if href else marks
            if not href:
                self.importer.report.warn(
                    element, "a link to a place in another document kept as text", self.where
                )
            for child in element:
                self._element(child, inner, pieces)
        elif name == "fldSimple":
            self.fields.append(Field(element.get(w("instr"), ""), in_result=True))
            for child in element:
                self._element(child, marks, pieces)
            self._end_field(self.fields.pop(), pieces)
        elif name in ("smartTag", "customXml", "sdt", "sdtContent", "ins", "moveTo", "dir",
                      "bdo"):  # fmt: skip
            for child in element:
                self._element(child, marks, pieces)
        elif name in SKIPPED or name in ("del", "moveFrom", "sdtPr", "sdtEndPr"):
            return
        elif name == "oMath" or name == "oMathPara":
            text = "".join(t.text or "" for t in element.iter(f"{{{NS['w']}}}t"))
            self.importer.report.warn(element, "an equation kept as its plain text", self.where)
            self._emit(pieces, Piece(marks, m.Text(text)))
        else:
            self.importer.report.warn(element, f"'{name}' in the text was left out", self.where)

    def _href(self, link) -> str:
        rid = link.get(f"{{{R_NS}}}id")
        if rid and rid in self.part.rels:
            return self.part.rels[rid].target_ref
        anchor = link.get(w("anchor"))
        if anchor and anchor in self.importer.ids:
            return "#" + self.importer.ids[anchor]
        return ""

    def _run(self, r, marks: tuple, pieces: list[Piece]) -> None:
        own = (*marks, *self._marks(r))
        style = self._run_style(r)
        code = style in CODE_STYLES
        words = style in CROSS_REFERENCE_STYLES and self.importer.own
        for child in r:
            name = etree.QName(child).localname
            if name in ("t", "delText"):
                if words and not (self.fields and self.fields[-1].in_result):
                    continue  # "Figure " before a REF field: the field's CrossRef prints it
                text = child.text or ""
                node = m.Code(text) if code else m.Text(text)
                self._emit(pieces, Piece(own, node))
            elif name == "instrText" and self.fields:
                self.fields[-1].instruction += child.text or ""
            elif name == "fldChar":
                kind = child.get(w("fldCharType"))
                if kind == "begin":
                    self.fields.append(Field())
                elif kind == "separate" and self.fields:
                    self.fields[-1].in_result = True
                elif kind == "end" and self.fields:
                    self._end_field(self.fields.pop(), pieces)
            elif name == "tab":
                self._emit(pieces, Piece(own, m.Text("\t")))
            elif name in ("br", "cr"):
                if child.get(w("type"), "textWrapping") == "textWrapping":
                    self._emit(pieces, Piece(own, m.Text("\n") if code else m.LineBreak()))
            elif name == "noBreakHyphen":
                self._emit(pieces, Piece(own, m.Text("\u2011")))
            elif name == "sym":
                self._emit(pieces, Piece(own, m.Text(chr(int(child.get(w("char"), "20"), 16)))))
            elif name in ("footnoteReference", "endnoteReference"):
                kind = "footnote" if name.startswith("foot") else "endnote"
                ref = self.importer.notes.call(kind, child.get(w("id")), r)
                if ref is not None:
                    self._emit(pieces, Piece((), ref))
            elif name in ("drawing", "pict", "object", "AlternateContent"):
                self.drawings.append(child)
            elif name not in SKIPPED and name != "softHyphen":
                self.importer.report.warn(r, f"'{name}' in a run was left out", self.where)

    def _run_style(self, r) -> str:
        found = r.find("w:rPr/w:rStyle", NS)
        if found is None:
            return ""
        return style_key(self.importer.package.style_name(found.get(w("val"), "")))

    def _marks(self, r) -> tuple:
        rpr = r.find("w:rPr", NS)
        if rpr is None:
            return ()
        marks = []
        style = self._run_style(r)
        if style in CHARACTER_MARKS:
            marks.append((CHARACTER_MARKS[style],))
        for tag, mark in (("b", "strong"), ("i", "em"), ("strike", "strike"),
                          ("dstrike", "strike"), ("smallCaps", "smallcaps")):  # fmt: skip
            found = rpr.find(f"w:{tag}", NS)
            on = found is not None and found.get(w("val"), "true") not in ("0", "false", "off")
            if on and (mark,) not in marks and mark not in self.styled:
                marks.append((mark,))
        # An emphasis mark (w:em: dots under the characters) is how Chinese text takes
        # Markdown's *emphasis* (our writer marks Chinese characters so, Latin italic).
        em = rpr.find("w:em", NS)
        if em is not None and em.get(w("val"), "none") != "none" and ("em",) not in marks:
            marks.append(("em",))
        underline = rpr.find("w:u", NS)
        underlined = underline is not None and underline.get(w("val"), "single") != "none"
        if underlined and style != "hyperlink":  # a link's underline is the link's look
            marks.append(("underline",))
        vert = rpr.find("w:vertAlign", NS)
        if vert is not None and vert.get(w("val")) in ("subscript", "superscript"):
            marks.append(("sub",) if vert.get(w("val")) == "subscript" else ("sup",))
        lang = self.importer.span_language(rpr.find("w:lang", NS))
        if lang:
            marks.append(("lang", lang))
        return tuple(marks)

    # ------------------------------------------------------------ fields
    def _end_field(self, found: Field, pieces: list[Piece]) -> None:
        words = found.instruction.split()
        kind = words[0].upper() if words else ""
        nodes = self.importer.field_node(kind, found.instruction, found.result, self)
        target = self.fields[-1].result if self.fields and self.fields[-1].in_result else None
        if target is None and self.fields:
            return  # a field inside another's instruction
        for piece in nodes:
            (target if target is not None else pieces).append(piece)


def bridge_emphasis(pieces: list[Piece]) -> list[Piece]:
    """Full-width punctuation between two emphasised pieces joins their emphasis: Chinese
    emphasis marks (w:em) leave punctuation unmarked, as CSS text-emphasis does, so
    `*不經過，俄羅斯*` is written as two marked runs around a plain comma."""
    out = list(pieces)
    for i in range(1, len(out) - 1):
        piece = out[i]
        if (
            ("em",) not in piece.marks
            and isinstance(piece.node, m.Text)
            and piece.node.text
            and all(
                unicodedata.east_asian_width(c) in "WF" and not c.isalnum() for c in piece.node.text
            )  # fmt: skip
            and ("em",) in out[i - 1].marks
            and ("em",) in out[i + 1].marks
        ):
            out[i] = Piece((*piece.marks, ("em",)), piece.node)
    return out


def nest(pieces: list[Piece]) -> tuple[m.Inline, ...]:
    """Flat marked pieces -> nested model inlines; the longest-running mark outermost."""
    out: list[m.Inline] = []
    i = 0
    while i < len(pieces):
        piece = pieces[i]
        if not piece.marks:
            out.append(piece.node)
            i += 1
            continue
        best, best_span = None, 0
        for mark in sorted(piece.marks, key=lambda k: PRIORITY.index(k[0])):
            span = _span(pieces, i, mark)
            if span > best_span:
                best, best_span = mark, span
        inner = [
            Piece(tuple(k for k in p.marks if k != best), p.node) for p in pieces[i : i + best_span]
        ]
        out.append(wrap(best, nest(inner)))
        i += best_span
    return merge_text(out)


def _span(pieces: list[Piece], start: int, mark: tuple) -> int:
    """How many pieces from `start` carry `mark`. A note call inside emphasis is written
    as a plain run (Word sets note numbers in their own style): it stays inside, as in
    `*as Allison says[^1] here*`, when the text after it carries the mark again."""
    span = 0
    while start + span < len(pieces):
        if mark in pieces[start + span].marks:
            span += 1
            continue
        calls = 0
        while start + span + calls < len(pieces) and _bare_call(pieces[start + span + calls]):
            calls += 1
        after = start + span + calls
        if not calls or after >= len(pieces) or mark not in pieces[after].marks:
            break
        span += calls
    return span


def _bare_call(piece: Piece) -> bool:
    return not piece.marks and isinstance(piece.node, m.FootnoteRef)


def wrap(mark: tuple, children: tuple[m.Inline, ...]) -> m.Inline:
    if mark[0] == "link":
        return m.Link(children, mark[1])
    if mark[0] == "lang":
        return m.LangSpan(children, mark[1])
    return WRAPPERS[mark[0]](children)


def bookmark_of(instruction: str) -> str:
    found = BOOKMARK_IN_FIELD.match(instruction)
    return found[1] if found else ""
