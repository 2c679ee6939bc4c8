"""Take a python-docx Document, produce the .docx bytes: clean parts, properties, a fixed zip.

Three jobs python-docx does not do the way we need:
- start from its template without the template's leftovers (a thumbnail of an empty
  page, a bibliography customXml part, Word 2010's stylesWithEffects copy of the styles);
- document properties (docProps/core.xml, app.xml) from the paper, with no trace of the
  tool that made the file;
- a reproducible package: python-docx's save stamps zip entries with the clock, so the
  saved zip is rewritten with entries in a fixed order, stamped with the paper's
  timestamp, fixed permissions and a fixed compression level.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass

import docx
from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT

from briefing.language import Language
from briefing.model import Paper

STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
DROPPED_PACKAGE_RELS = {RT.THUMBNAIL}
DROPPED_DOCUMENT_RELS = {RT.CUSTOM_XML, STYLES_WITH_EFFECTS}
CONTENT_TYPES = "[Content_Types].xml"
APPLICATION = "briefing"
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry

APP_XML = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" \
xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">\
<Application>{APPLICATION}</Application><DocSecurity>0</DocSecurity>\
<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>\
<HyperlinksChanged>false</HyperlinksChanged></Properties>""".encode()


def new_document() -> Document:
    """python-docx's default document, emptied of content and template leftovers."""
    document = docx.Document()
    package = document.part.package
    for rels, dropped in (
        (package.rels, DROPPED_PACKAGE_RELS),
        (document.part.rels, DROPPED_DOCUMENT_RELS),
    ):
        for r_id, rel in list(rels.items()):
            if rel.reltype in dropped:
                del rels[r_id]
    body = document.element.body
    for child in list(body)[:-1]:  # keep only the w:sectPr
        body.remove(child)
    return document


@dataclass(frozen=True)
class Properties:
    """What docProps/core.xml says of a document."""

    title: str
    author: str
    subject: str
    language: str
    status: str = ""  # "draft", or "" for a final document
    keywords: str = ""  # the front matter's keywords, comma-separated

    @classmethod
    def of_paper(cls, paper: Paper, language: Language) -> Properties:
        meta = paper.meta
        authors = "; ".join(a.name for a in meta.authors)
        subject = meta.subtitle or meta.series
        keywords = ", ".join(meta.keywords)
        return cls(
            meta.title, authors, subject, language.docx_lang, paper.title_block.status, keywords
        )


def set_properties(document: Document, about: Properties, timestamp: dt.datetime) -> None:
    """docProps/core.xml from the document's metadata; docProps/app.xml names no tool but ours."""
    props = document.core_properties
    author = about.author
    props.title = about.title
    props.author = author
    props.subject = about.subject
    props.language = about.language
    props.content_status = about.status  # core.xml cp:contentStatus (ECMA-376 Part 2, §11)
    props.created = props.modified = _utc(timestamp)
    props.last_modified_by = author
    props.revision = 1
    props.keywords = about.keywords
    props.comments = props.category = ""  # not the template's "python-docx"
    app = document.part.package.part_related_by(RT.EXTENDED_PROPERTIES)
    app._blob = APP_XML  # a plain Part: its bytes are all there is


def to_bytes(document: Document, timestamp: dt.datetime) -> bytes:
    """Save, then rewrite the zip: [Content_Types].xml first, the rest sorted, fixed stamps."""
    saved = io.BytesIO()
    document.save(saved)
    when = max(_utc(timestamp).timetuple()[:6], ZIP_EPOCH)
    out = io.BytesIO()
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(out, "w") as target:
        names = sorted(source.namelist(), key=lambda n: (n != CONTENT_TYPES, n))
        for name in names:
            info = zipfile.ZipInfo(name, date_time=when)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o100644 << 16  # a regular file, -rw-r--r--
            info.create_system = 3  # Unix, whatever the machine
            target.writestr(info, source.read(name), compresslevel=6)
    return out.getvalue()


def _utc(timestamp: dt.datetime) -> dt.datetime:
    """A naive UTC datetime: python-docx writes the time as given, with a "Z"."""
    if timestamp.tzinfo is not None:
        timestamp = timestamp.astimezone(dt.UTC).replace(tzinfo=None)
    return timestamp
