"""Take a .docx file, produce its parts as the importer reads them: the document, notes,
comments, styles and list definitions as lxml trees, each part's relationships, the core
properties, and the facts our own writer left in its custom XML part (docx/source.py).

python-docx opens the package (it knows OPC: content types, relationships, part names);
the WordprocessingML below the paragraph level, which python-docx does not model (fields,
notes, tracked changes, drawings), is read with lxml, in the ECMA-376 names.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from briefing.docx.source import NAMESPACE

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {
    "w": W_NS,
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "asvg": "http://schemas.microsoft.com/office/drawing/2016/SVG/main",
    "v": "urn:schemas-microsoft-com:vml",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
}
W = f"{{{W_NS}}}"
R_NS = NS["r"]


def w(tag: str) -> str:
    """ "p" -> "{w-namespace}p"."""
    return W + tag


class NotADocx(ValueError):
    """The file is not a Word document python-docx can open."""


@dataclass
class Story:
    """One part holding text (the document, the footnotes, the endnotes): its root element
    and its relationships (rId -> the related part, for pictures, links and charts)."""

    root: etree._Element
    part: object  # a python-docx Part; .related_parts, .rels


@dataclass
class Style:
    name: str  # Word's name, e.g. "Heading 1", "Body Text"
    based_on: str = ""  # the styleId it inherits from
    outline: int | None = None  # w:outlineLvl (0 = Heading 1)
    marks: dict = field(default_factory=dict)  # "b"/"i" -> on or off, as the style sets it


@dataclass
class Package:
    path: Path
    document: Story
    footnotes: Story | None
    endnotes: Story | None
    comments: etree._Element | None
    styles: dict[str, Style]
    numbering: etree._Element | None
    core: object  # python-docx CoreProperties
    facts: dict = field(default_factory=dict)  # what our writer left (docx/source.py)

    def style_name(self, style_id: str) -> str:
        style = self.styles.get(style_id)
        return style.name if style else style_id

    def style_mark(self, style_id: str, tag: str) -> bool:
        """Whether a paragraph style (through the styles it is based on) sets w:b or w:i:
        a run's bold in a bold heading is the heading's look, not emphasis."""
        return bool(self._inherited(style_id, lambda style: style.marks.get(tag)))

    def outline_level(self, style_id: str) -> int | None:
        """The outline level a style gives (through the styles it is based on)."""
        return self._inherited(style_id, lambda style: style.outline)

    def _inherited(self, style_id: str, value):
        """The first `value(style)` that is not None along the style's based-on chain."""
        seen = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            style = self.styles.get(style_id)
            if style is None:
                return None
            if (found := value(style)) is not None:
                return found
            style_id = style.based_on
        return None


def open_package(path: Path) -> Package:
    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, PackageNotFoundError) as exc:
        raise NotADocx(f"{path}: not a Word document (.docx): {exc}") from exc
    main = document.part
    parts = {rel.reltype: rel.target_part for rel in main.rels.values() if not rel.is_external}

    def story(reltype: str) -> Story | None:
        part = parts.get(reltype)
        return Story(etree.fromstring(part.blob), part) if part is not None else None

    comments = parts.get(RT.COMMENTS)
    numbering = parts.get(RT.NUMBERING)
    return Package(
        path=path,
        document=Story(etree.fromstring(main.blob), main),
        footnotes=story(RT.FOOTNOTES),
        endnotes=story(RT.ENDNOTES),
        comments=etree.fromstring(comments.blob) if comments is not None else None,
        styles=_styles(parts.get(RT.STYLES)),
        numbering=etree.fromstring(numbering.blob) if numbering is not None else None,
        core=document.core_properties,
        facts=_facts(main),
    )


def _styles(part) -> dict[str, Style]:
    if part is None:
        return {}
    root = etree.fromstring(part.blob)
    styles = {}
    for style in root.iterfind("w:style", NS):
        name = style.find("w:name", NS)
        based = style.find("w:basedOn", NS)
        outline = style.find("w:pPr/w:outlineLvl", NS)
        marks = {}
        for tag in ("b", "i"):
            found = style.find(f"w:rPr/w:{tag}", NS)
            if found is not None:
                marks[tag] = found.get(w("val"), "true") not in ("0", "false", "off")
        styles[style.get(w("styleId"), "")] = Style(
            name=name.get(w("val"), "") if name is not None else "",
            based_on=based.get(w("val"), "") if based is not None else "",
            outline=int(outline.get(w("val"))) if outline is not None else None,
            marks=marks,
        )
    return styles


def _facts(main) -> dict:
    """The JSON our writer put in its custom XML part; {} for anyone else's document."""
    for rel in main.rels.values():
        if rel.is_external or rel.reltype != RT.CUSTOM_XML:
            continue
        try:
            root = etree.fromstring(rel.target_part.blob)
        except etree.XMLSyntaxError:
            continue
        if root.tag == f"{{{NAMESPACE}}}briefing":
            try:
                return json.loads(root.text or "{}")
            except json.JSONDecodeError:
                return {}
    return {}
