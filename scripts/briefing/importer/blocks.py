"""Take the block elements of a story (w:p and w:tbl), produce model blocks.

One pass over the elements with a table from paragraph role (roles.py) to handler, as
the Markdown reader has one from token type to handler. A handler may take more than
one element: a list its items, a figure its caption and source line, a caption the
table after it. Our own DOCX comes back as it was written; what another program wrote is
mapped by style, list definition and caption prefix, and whatever has no place in a
briefing is reported with where it stands.
"""

from __future__ import annotations

import re

from lxml import etree

from briefing import model as m
from briefing import styles as names
from briefing.transform import plain_text

from .headings import HeadingLabels
from .inlines import InlineReader
from .package import NS, w
from .roles import heading_level, list_kind, num_pr, role

LIST_ROLES = {names.LIST_BULLET, names.LIST_NUMBER, names.KEY_POINTS}
SKIPPED_ROLES = {names.TOC_1, names.TOC_2, names.TOC_3, names.TOC_AUTHORS, names.HEADER,
                 names.FOOTER, names.COLOPHON, names.BAND_TEXT, names.IMPRINT}  # fmt: skip
BOX_ROLES = {names.BOX_TITLE, names.BOX_TEXT, names.KEY_POINTS_TITLE, names.KEY_POINTS}
# "Figure 3:", "Fig. 3.", "Table 2 –", "圖 1", "表2：" at the start of a caption.
CAPTION_LABEL = re.compile(
    r"^\s*(?:Figure|Fig\.|Table|Tab\.|附?圖|附?表|图)\s*[0-9０-９A-Z一二三四五六七八九十.\-]+\s*"
    r"[.:：、．\-–—]?\s*",
    re.IGNORECASE,
)
FIGURE_WORDS = re.compile(r"^\s*(?:Figure|Fig\.|附?圖|图)", re.IGNORECASE)


def flatten(elements) -> list[etree._Element]:
    """Block elements, with content controls (w:sdt) and custom XML opened up."""
    out = []
    for element in elements:
        if not isinstance(element.tag, str):
            continue
        name = etree.QName(element).localname
        if name in ("sdt", "customXml"):
            content = element.find("w:sdtContent", NS) if name == "sdt" else element
            out.extend(flatten(content if content is not None else []))
        elif name in ("p", "tbl"):
            out.append(element)
    return out


def has_text(p: etree._Element) -> bool:
    return any((t.text or "").strip() for t in p.iter(w("t")))


def has_content(p: etree._Element) -> bool:
    return has_text(p) or any(
        True
        for _ in p.iter(
            w("drawing"), w("pict"), w("object"), w("footnoteReference"), w("endnoteReference")
        )  # fmt: skip
    )


class BlockReader:
    def __init__(self, importer, part, where: str = "", headings: HeadingLabels | None = None):
        self.im = importer
        self.part = part
        self.where = where
        self.inlines = InlineReader(importer, part, where)
        self.headings = headings or HeadingLabels(importer.language, importer.own)

    def read(self, elements) -> tuple[m.Block, ...]:
        items = flatten(elements)
        out: list[m.Block] = []
        i = 0
        while i < len(items):
            i, blocks = self.next(items, i)
            out.extend(b for b in blocks if b is not None)
        return tuple(out)

    def text(self, p: etree._Element, children=None) -> tuple[m.Inline, ...]:
        kids = [c for c in (p if children is None else children) if c.tag != w("pPr")]
        self.inlines.drawings = []
        return self.inlines.read(kids)

    def next(self, items, i) -> tuple[int, list]:
        element = items[i]
        if element.tag == w("tbl"):
            return i + 1, [self.table_or_box(element, ())]
        p = element
        kind = role(p, self.im.package)
        if kind in SKIPPED_ROLES:
            if kind in (names.TOC_1, names.TOC_2, names.TOC_3):
                self.im.contents_levels.add(int(kind[-1]))
            return i + 1, []
        if kind == names.TOC_HEADING:
            self.im.contents_levels.add(0)
            return i + 1, []
        if not has_content(p):
            return i + 1, []
        level = heading_level(kind)
        if level is not None:
            return i + 1, [self.heading(p, level)]
        if kind == names.ABOUT_TITLE:
            return self.about(items, i + 1), []
        if kind == names.CAPTION or (not self.im.own and self._caption_text(p)):
            return self.caption(items, i)
        if kind == names.FIGURE or self._only_picture(p):
            return self.figure(items, i, ())
        if num_pr(p) is not None or kind in LIST_ROLES:
            return self.list(items, i)
        if kind == names.QUOTE:
            return self.quote(items, i)
        if kind == names.CODE:
            return i + 1, [m.CodeBlock(self._code_text(p))]
        if kind == names.DEFINITION_TERM:
            return self.definitions(items, i)
        if kind == names.BIBLIOGRAPHY and "references" in self.im.facts:
            return self.references(items, i)
        return i + 1, self.paragraph(p)

    def references(self, items, i) -> tuple[int, list]:
        """Our reference list: its place (the reader writes it again from the library).
        An entry an editor changed is reported: the change belongs in the library."""
        entries = []
        while i < len(items) and items[i].tag == w("p"):
            if role(items[i], self.im.package) != names.BIBLIOGRAPHY:
                break
            words = " ".join(plain_text(self.text(items[i])).split())
            if words:
                entries.append((items[i], words))
            i += 1
        printed = self.im.facts["references"]
        for p, words in entries:
            if words not in printed:
                self.im.report.warn(
                    p,
                    "a reference list entry was changed; the list is made from the library "
                    "again: make the change there",
                    self.where,
                )
        return i, [m.Bibliography()]

    # ------------------------------------------------------------ paragraphs
    def paragraph(self, p) -> list[m.Block]:
        children = self.text(p)
        drawings = list(self.inlines.drawings)
        blocks: list[m.Block] = [m.Paragraph(children)] if children else []
        for drawing in drawings:  # a picture inside text: a figure of its own after it
            figure = self.im.media.figure(drawing, self.part, p)
            if figure is not None:
                self.im.report.warn(
                    p, "a picture inside the text became a figure after its paragraph", self.where
                )
                blocks.append(figure)
        return blocks

    def _code_text(self, p) -> str:
        parts = []
        for node in p.iter(w("t"), w("br"), w("tab"), w("cr")):
            parts.append(node.text or "" if node.tag == w("t") else
                         "\t" if node.tag == w("tab") else "\n")  # fmt: skip
        return "".join(parts)

    def _only_picture(self, p) -> bool:
        has_picture = any(True for _ in p.iter(w("drawing"), w("pict"), w("object")))
        return has_picture and not has_text(p)

    def heading(self, p, level: int) -> m.Heading:
        children = self.text(p)
        self.headings.opened = False
        children, numbered = self.headings.strip(level, children)
        ident = self.im.bookmark_id(p, "sec")
        if self.inlines.drawings:
            self.im.report.warn(p, "a picture in a heading was left out", self.where)
        heading = m.Heading(level, children, ident, numbered)
        if self.headings.opened and self.im.appendix_start is None:
            self.im.appendix_start = heading
        return heading

    def about(self, items, i) -> int:
        """ "About the authors": each About Text paragraph is a name (bold), a line break
        and the bio; the bios go back to their authors in the front matter."""
        while i < len(items) and items[i].tag == w("p"):
            p = items[i]
            if role(p, self.im.package) != names.ABOUT_TEXT:
                break
            children = self.text(p)
            if children and isinstance(children[0], m.Strong):
                name = plain_text(children[0].children)
                bio = children[1:]
                while bio and isinstance(bio[0], m.LineBreak):
                    bio = bio[1:]
                self.im.bios[name] = bio
            i += 1
        return i

    # ------------------------------------------------------------ captions, figures, tables
    def _caption_text(self, p) -> bool:
        """Another program's caption: a short paragraph opening "Figure 3" / "表 2"."""
        text = "".join(t.text or "" for t in p.iter(w("t")))
        return bool(CAPTION_LABEL.match(text)) and len(text) < 300

    def caption(self, items, i) -> tuple[int, list]:
        p = items[i]
        following = items[i + 1] if i + 1 < len(items) else None
        if following is not None and following.tag == w("tbl"):
            caption = self.caption_of(p)
            return i + 2, [self.table_or_box(following, caption)]
        if following is not None and following.tag == w("p") and self._only_picture(following):
            return self.figure(items, i + 1, self.caption_of(p))
        self.im.report.warn(p, "a caption with no figure or table kept as a paragraph", self.where)
        return i + 1, self.paragraph(p)

    def caption_of(self, p) -> tuple[tuple[m.Inline, ...], str | None]:
        """A Caption paragraph's words without its label ("圖 1　"), and the id its
        bookmark names."""
        children = [c for c in p if c.tag != w("pPr")]
        cut = _after_seq(children)
        inlines = self.text(p, children[cut:] if cut is not None else children)
        language = self.im.language
        suffixes = {
            language.label_parts(kind, 1, appendix).suffix
            for kind in ("figure", "table")
            for appendix in (0, 1)
        } - {""}
        inlines = _strip_label(inlines, language.separators["caption"], cut is None, suffixes)
        return inlines, self.im.bookmark_id(p, None)

    def figure(self, items, i, caption) -> tuple[int, list]:
        p = items[i]
        drawing = next(p.iter(w("drawing"), w("pict"), w("object")))
        i += 1
        if not caption and i < len(items) and items[i].tag == w("p"):
            following = items[i]
            if role(following, self.im.package) == names.CAPTION or (
                not self.im.own and self._caption_text(following)
            ):
                caption = self.caption_of(following)
                i += 1
        source = None
        if (
            i < len(items)
            and items[i].tag == w("p")
            and role(items[i], self.im.package) == names.SOURCE
        ):
            text = "".join(t.text or "" for t in items[i].iter(w("t")))
            word = self.im.language.word("source")
            source = text[len(word) :] if text.startswith(word) else text
            i += 1
        words, ident = caption or ((), None)
        figure = self.im.media.figure(drawing, self.part, p, words, ident, source)
        return i, [figure]

    def table_or_box(self, tbl, caption) -> m.Block | None:
        from .tables import read_box, read_table, single_cell

        cell = single_cell(tbl)
        if cell is not None and not caption:
            first = next((c for c in flatten(cell) if c.tag == w("p") and has_text(c)), None)
            first_role = role(first, self.im.package) if first is not None else ""
            shaded = cell.find("w:tcPr/w:shd", NS) is not None
            if first_role in BOX_ROLES or (not self.im.own and shaded):
                return read_box(self, cell)
        return read_table(self, tbl, caption)

    # ------------------------------------------------------------ lists, quotes, definitions
    def list(self, items, i) -> tuple[int, list]:
        i, block = self._list(items, i, self._level(items[i]))
        return i, [block]

    def _level(self, p) -> int:
        found = num_pr(p)
        return found[1] if found else 0

    def _list(self, items, i, level: int):
        first = num_pr(items[i])
        num_id = first[0] if first else ""
        kind, start = list_kind(self.im.package, num_id, level) if first else ("bullet", 1)
        if not first and role(items[i], self.im.package) == names.LIST_NUMBER:
            kind = "ordered"
        entries: list[list[m.Block]] = []
        while i < len(items) and items[i].tag == w("p"):
            p = items[i]
            found = num_pr(p)
            item_role = role(p, self.im.package)
            if found is None and item_role not in LIST_ROLES:
                indented = p.find("w:pPr/w:ind", NS) is not None and item_role == names.QUOTE
                if not (entries and indented):
                    break
                entries[-1].append(m.BlockQuote(tuple(self.paragraph(p))))
                i += 1
                continue
            lvl = found[1] if found else level
            if lvl > level and entries:
                i, nested = self._list(items, i, lvl)
                entries[-1].append(nested)
                continue
            if lvl < level:
                break
            if found and found[0] != num_id and kind == "ordered":
                break  # each ordered list has a numbering of its own
            if found is None and entries and p.find("w:pPr/w:ind", NS) is not None:
                entries[-1].extend(self.paragraph(p))  # a later paragraph of the item
            else:
                entries.append(list(self.paragraph(p)) or [m.Paragraph(())])
            i += 1
        made = tuple(tuple(entry) for entry in entries)
        return i, (m.OrderedList(made, start) if kind == "ordered" else m.BulletList(made))

    def quote(self, items, i) -> tuple[int, list]:
        inside: list[m.Block] = []
        while i < len(items) and items[i].tag == w("p"):
            if role(items[i], self.im.package) != names.QUOTE:
                break
            if has_content(items[i]):
                inside.extend(self.paragraph(items[i]))
            i += 1
        return i, [m.BlockQuote(tuple(inside))]

    def definitions(self, items, i) -> tuple[int, list]:
        entries: list = []
        while i < len(items) and items[i].tag == w("p"):
            kind = role(items[i], self.im.package)
            if kind == names.DEFINITION_TERM:
                entries.append((self.text(items[i]), []))
            elif kind == names.DEFINITION and entries:
                entries[-1][1].append(tuple(self.paragraph(items[i])))
            else:
                break
            i += 1
        return i, [m.DefinitionList(tuple((t, tuple(d)) for t, d in entries))]


def _after_seq(children) -> int | None:
    """The index just past the end of the caption's SEQ field (its number), or None."""
    depth, seq = 0, False
    for index, child in enumerate(children):
        for node in child.iter(w("fldChar"), w("instrText"), w("fldSimple")):
            if node.tag == w("fldSimple") and node.get(w("instr"), "").split()[:1] == ["SEQ"]:
                return index + 1
            if node.tag == w("instrText") and (node.text or "").split()[:1] == ["SEQ"]:
                seq = True
            elif node.tag == w("fldChar"):
                kind = node.get(w("fldCharType"))
                depth += {"begin": 1, "end": -1}.get(kind, 0)
                if kind == "end" and seq and depth == 0:
                    return index + 1
    return None


def _strip_label(inlines: tuple, separator: str, whole_label: bool, suffixes: set) -> tuple:
    """Drop what is left of the label after its number (a bold suffix), then the
    separator; `whole_label` (no SEQ field) strips a typed "Figure 3:" too."""
    out = list(inlines)
    bold = out and isinstance(out[0], m.Strong)
    if bold and not whole_label and plain_text(out[0].children) in suffixes:
        out.pop(0)  # the label's bold suffix ("" for most patterns)
    if whole_label and out and isinstance(out[0], m.Strong):
        words = plain_text(out[0].children)
        if CAPTION_LABEL.match(words + " "):
            out.pop(0)
    if out and isinstance(out[0], m.Text):
        text = out[0].text
        if whole_label:
            text = CAPTION_LABEL.sub("", text, count=1)
        elif separator and text.startswith(separator):
            text = text[len(separator) :]
        else:
            text = text.lstrip()
        out[0] = m.Text(text)
        if not text:
            out.pop(0)
    return tuple(out)
