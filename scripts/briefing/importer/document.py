"""Take an opened DOCX package, produce the model Paper it holds: the shared state of one
import (ids, notes, figures, what the front matter needs) and the order of its stages.

Stages: sections (a landscape section is a Landscape block) -> the title block's
paragraphs -> blocks (blocks.py; the key-points box and "About the authors" go to the
front matter) -> appendices (from the first heading labelled as one) -> notes ->
citations (citations.py: our own DOCX's, back as written) -> meta (front.py).
"""

from __future__ import annotations

import re

from lxml import etree

from briefing import model as m
from briefing.numbering import about_box, key_points_box
from briefing.reader.widths import parse_width
from briefing.theme import Theme

from .blocks import BlockReader, flatten
from .citations import Citations
from .front import FRONT_ROLES, read_meta
from .inlines import Piece, bookmark_of
from .media import Media
from .notes import Notes, note_bookmarks
from .package import NS, Package, w
from .report import Report
from .roles import role

KNOWN_FIELDS = {"PAGE", "NUMPAGES", "SECTIONPAGES", "SEQ", "STYLEREF", "DATE", "TIME",
                "CREATEDATE", "SAVEDATE", "PRINTDATE", "FILENAME", "AUTHOR", "TITLE"}  # fmt: skip
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


class Importer:
    def __init__(self, package: Package, theme: Theme, report: Report):
        self.package = package
        self.theme = theme
        self.report = report
        self.own = bool(package.facts)
        self.facts = package.facts
        self.lang = self.facts.get("meta", {}).get("lang") or self._guess_language()
        self.language = theme.language(self.lang)
        self.ids: dict[str, str] = dict(self.facts.get("ids", {}))
        self.docx_langs = {lang.docx_lang: code for code, lang in theme.languages.items()}
        self.note_bookmarks = note_bookmarks(package.document.root)
        self.notes = Notes(self)
        self.media = Media(self)
        self.key_points: tuple | None = None
        self.bios: dict[str, tuple] = {}
        self.contents_levels: set[int] = set()
        self.appendix_start: m.Heading | None = None
        self.tables = 0
        self.page_width = self._text_width()
        self.field_kinds: set[str] = set()

    # ------------------------------------------------------------ the stages
    def read(self) -> m.Paper:
        body = self.package.document.root.find("w:body", NS)
        for story in (self.package.document, self.package.footnotes, self.package.endnotes):
            if story is not None:
                self.report.number(story.root)
        sections = self._sections(list(body))
        first = sections[0][0] if sections else []
        front, start = self._front(first)
        reader = BlockReader(self, self.package.document.part)
        blocks: list[m.Block] = []
        for index, (elements, landscape) in enumerate(sections):
            read = reader.read(elements[start:] if index == 0 else elements)
            blocks.extend([m.Landscape(read)] if landscape and read else read)
        blocks = self._appendix(blocks)
        blocks = self._key_points_in_text(blocks)
        footnotes = self.notes.read()
        (self.key_points, blocks, bios), footnotes = Citations(self.facts).restore(
            (self.key_points, tuple(blocks), tuple(self.bios.items())), footnotes
        )
        self.bios = dict(bios)
        meta = read_meta(self, front)
        blocks = self._title_heading(blocks, meta.title)
        points = self.key_points or ()
        if not points:
            self.report.warn(
                None,
                "no key points found (a shaded one-cell table or a “Key points” list): "
                "paper.md has a placeholder to replace",
            )
            points = ((m.Text("TODO: the key points"),),)
        return m.Paper(
            meta,
            tuple(blocks),
            footnotes,
            key_points=key_points_box(points, self.language),
            about=about_box(meta.authors, self.language),
        )

    def _sections(self, elements) -> list[tuple[list, bool]]:
        """The body cut at each section break (a w:sectPr in a paragraph's properties,
        §17.6.17), each with whether its pages are landscape."""
        sections, current = [], []
        for element in elements:
            if element.tag == w("sectPr"):
                continue
            current.append(element)
            ends = element.find("w:pPr/w:sectPr", NS) if element.tag == w("p") else None
            if ends is not None:
                sections.append((current, _landscape(ends)))
                current = []
        final = next((e for e in elements if e.tag == w("sectPr")), None)
        sections.append((current, final is not None and _landscape(final) and bool(sections)))
        return [(e, land) for e, land in sections if e]

    def _front(self, elements) -> tuple[dict[str, list[str]], int]:
        """The title block's paragraphs at the start: their words by role."""
        found: dict[str, list[str]] = {}
        i = 0
        items = flatten(elements)
        while i < len(items) and items[i].tag == w("p"):
            p = items[i]
            kind = role(p, self.package)
            words = "".join(p.xpath("./w:r/w:t/text() | ./w:hyperlink/w:r/w:t/text()",
                                    namespaces=NS)).strip()  # fmt: skip
            if kind not in FRONT_ROLES and words:
                break
            if words:
                found.setdefault(kind, []).append(words)
            i += 1
        return found, elements.index(items[i]) if i < len(items) else len(elements)

    def _appendix(self, blocks: list) -> list:
        start = self.appendix_start
        if start is None:
            return blocks
        at = next((i for i, b in enumerate(blocks) if b is start), None)
        if at is None:
            return blocks
        return [*blocks[:at], m.Appendix(tuple(blocks[at:]))]

    def _title_heading(self, blocks: list, title: str) -> list:
        """Another program's first heading repeating the title (an HTML page's <h1>)."""
        from briefing.transform import plain_text

        first = blocks[0] if blocks else None
        if not self.own and isinstance(first, m.Heading) and plain_text(first.children) == title:
            self.report.warn(None, "the first heading repeats the title: it is the title")
            return blocks[1:]
        return blocks

    def _key_points_in_text(self, blocks: list) -> list:
        """Another program's key points: a paragraph or heading "Key points" / "重點摘要"
        and the list after it."""
        if self.key_points is not None:
            return blocks
        words = {"key points", "key findings", "重點摘要", "重點", "要點",
                 self.language.word("key_points").lower()}  # fmt: skip
        for i, block in enumerate(blocks[:-1]):
            if not isinstance(block, (m.Paragraph, m.Heading)):
                continue
            from briefing.transform import plain_text

            title = plain_text(block.children).strip().rstrip(":：").lower()
            after = blocks[i + 1]
            if title in words and isinstance(after, (m.BulletList, m.OrderedList)):
                self.key_points = tuple(
                    item[0].children for item in after.items
                    if item and isinstance(item[0], m.Paragraph)
                )  # fmt: skip
                return blocks[:i] + blocks[i + 2 :]
        return blocks

    # ------------------------------------------------------------ shared lookups
    def bookmark_id(self, p, kind: str | None) -> str | None:
        """The model id of the first of our bookmarks in paragraph `p`."""
        for start in p.iter(w("bookmarkStart")):
            ident = self.ids.get(start.get(w("name"), ""))
            if ident and (kind is None or ident.startswith(f"{kind}:")):
                return ident
        return None

    def span_language(self, lang) -> str:
        """A passage in another of the theme's languages (our writer's w:lang)."""
        if lang is None or not self.own:
            return ""
        for attr in ("val", "eastAsia"):
            code = self.docx_langs.get(lang.get(w(attr), ""))
            if code and code != self.lang:
                return code
        return ""

    def field_node(self, kind: str, instruction: str, result: list, reader) -> list:
        target = self.ids.get(bookmark_of(instruction), "")
        if kind == "REF" and target:
            return [Piece((), m.CrossRef(target.split(":")[0], target))]
        if kind == "PAGEREF" and target:
            return [Piece((), m.PageRef(target.split(":")[0], target))]
        if kind == "NOTEREF":
            ref = self.notes.by_bookmark(bookmark_of(instruction))
            if ref is not None:
                return [Piece((), ref)]
        if kind == "HYPERLINK":
            found = re.search(r'"([^"]+)"', instruction)
            if found:
                mark = ("link", found[1])
                return [Piece((mark, *p.marks), p.node) for p in result]
        if kind == "TOC":
            return []
        if kind not in KNOWN_FIELDS and kind not in self.field_kinds:
            self.field_kinds.add(kind)
            self.report.warn(None, f"{kind or 'a'} field kept as the text it shows", reader.where)
        return result

    def figure_width(self, recorded: dict, points: float | None) -> m.Width | None:
        """The width the model held (when the picture is still drawn at the width it was
        written at), else the picture's share of the text width, to the percent."""
        text_width = self.page_width
        held = recorded.get("width") or {}
        if held.get("fraction") or held.get("points"):
            drawn = recorded.get("cx")
            if points is None or drawn is None or abs(drawn / 12700 - points) < 0.5:
                return m.Width(held.get("fraction"), held.get("points"))
        if points is None:
            return None
        share = points / text_width
        if share >= 0.995:
            return m.Width(fraction=1.0)
        width, _, _ = parse_width(f"{max(1, round(share * 100))}%", text_width)
        return width

    def table_widths(self, columns: int) -> tuple[float, ...]:
        recorded = self.facts.get("tables", [])
        self.tables += 1
        if self.tables <= len(recorded) and len(recorded[self.tables - 1]) == columns:
            return tuple(recorded[self.tables - 1])
        return ()

    def _text_width(self) -> float:
        """The text width in points: the theme's for our DOCX, else the document's own."""
        if self.own:
            return self.theme.page.text_width
        sect = self.package.document.root.find(".//w:body/w:sectPr", NS)
        size = sect.find("w:pgSz", NS) if sect is not None else None
        margins = sect.find("w:pgMar", NS) if sect is not None else None
        try:
            width = (
                int(size.get(w("w"))) - int(margins.get(w("left"))) - int(margins.get(w("right")))
            )
            return width / 20
        except (AttributeError, TypeError, ValueError):
            return self.theme.page.text_width

    def _guess_language(self) -> str:
        """Another program's document: CJK text makes it the theme's CJK language."""
        text = "".join(self.package.document.root.itertext())[:20000]
        cjk = len(CJK.findall(text))
        wanted = cjk > len(text) * 0.1
        for code, language in self.theme.languages.items():
            if language.cjk == wanted:
                return code
        return next(iter(self.theme.languages))


def _landscape(sect_pr: etree._Element) -> bool:
    size = sect_pr.find("w:pgSz", NS)
    return size is not None and size.get(w("orient")) == "landscape"
