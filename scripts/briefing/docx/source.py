"""Take a Paper, produce a custom XML part holding what its DOCX does not show: the facts
`briefing import` needs to turn the document back into the same paper.md.

A DOCX shows the title, the key points, the headings' labels, the captions; it does not show
the ids behind its bookmarks (`fig:us-trade` became `_Ref_fig_us_trade`), the footnotes'
labels (`[^iea2021]`), the figures' file names and chart specs, a table's column shares,
front-matter fields with no printed form (`short_title`, `theme`, `calendar`,
`bibliography`...), the library and style files a paper cites from, and each citation as
written (`[@usgs2025, 144–145]`) with what it printed, so the importer can tell a citation
still as it was from text an editor rewrote. They are kept in a custom XML data part
(ECMA-376 Part 1, §22.5: the document's own data store, which Word and LibreOffice keep
through open and save and show nowhere), related from the document part, with its item
properties part naming our namespace. What is visible is read back from the document itself,
so an editor's changes win; this part only fills in what cannot be seen.
"""

from __future__ import annotations

import json
import re
from xml.sax.saxutils import escape

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part

from briefing.docx.fields import Target
from briefing.model import (
    Bibliography,
    Citation,
    Figure,
    Footnote,
    FootnoteRef,
    Paper,
    Paragraph,
    Table,
)
from briefing.transform import plain_text, walk

NAMESPACE = "urn:x-briefing:source:1"
ITEM = "/customXml/item1.xml"
ITEM_PROPS = "/customXml/itemProps1.xml"
# The data store item's id (§22.5.2.1): fixed, so two builds give the same bytes.
ITEM_ID = "{6B1D5C2E-0F4A-4E57-9B1C-B21EF1A6B0C1}"
META_FIELDS = (
    "title", "subtitle", "short_title", "series", "number", "lang", "marking", "theme",
    "status", "toc", "toc_depth", "calendar", "bibliography", "csl", "citation_style",
    "citation_locale", "nocite",
)  # fmt: skip
NOTE_CALL = "\x00"  # stands for a note call in a citation's printed text


def source_facts(
    paper: Paper,
    targets: dict[str, Target],
    vectors: dict[str, bytes] | None = None,
    digests: dict[str, str] | None = None,
    drawn: list[int] | None = None,
) -> dict:
    """What the importer needs and the document does not show, as plain JSON values."""
    meta = paper.meta
    figures = []
    for node in walk(paper.blocks):
        if isinstance(node, Figure):
            entry: dict = {"src": node.src}
            if (digests or {}).get(node.src):  # which picture it is, wherever an editor moves it
                entry["digest"] = digests[node.src]
            if node.width is not None:  # as the model holds it: the importer gives it back
                entry["width"] = {"fraction": node.width.fraction, "points": node.width.points}
            if node.alt:  # LibreOffice drops a chart's description when it saves
                entry["alt"] = node.alt
            if node.src.endswith(".chart.yaml") and node.path.is_file():
                entry["spec"] = node.path.read_text(encoding="utf-8-sig")
            if drawn and len(figures) < len(drawn):  # the width it was drawn at, in EMU
                entry["cx"] = drawn[len(figures)]
            figures.append(entry)
    return {
        "meta": {
            **{name: getattr(meta, name) for name in META_FIELDS},
            "date": meta.date.isoformat(),
            "authors": [
                {"name": a.name, "affiliation": a.affiliation, "role": a.role} for a in meta.authors
            ],
        },
        "ids": {target.bookmark: model_id for model_id, target in targets.items()},
        "notes": note_labels(paper.footnotes),
        "citations": citations(paper),
        "references": [
            re.sub(r"\s+", " ", plain_text(entry)).strip()
            for node in walk(paper.blocks)
            if isinstance(node, Bibliography)
            for entry in node.entries
        ],
        "citation_files": citation_files(paper),
        "figures": figures,
        "tables": [list(node.widths) for node in walk(paper.blocks) if isinstance(node, Table)],
        # Each vector figure's SVG by the SHA-1 of its PNG fallback.
        "vectors": {digest: svg.decode("utf-8") for digest, svg in (vectors or {}).items()},
    }


def note_labels(footnotes: tuple[Footnote, ...]) -> list[str]:
    """Each note's Markdown label, in note order. A citation's note has none; it gets one
    made from its first key (`usgs2025`), for when an editor rewrote it and it comes back
    as a note written by hand."""
    taken = {note.id for note in footnotes if not note.citation}
    labels = []
    for note in footnotes:
        label = note.id
        if note.citation:
            key = re.search(r"@\{?([^\s,;\]}]+)", note.citation)
            base = re.sub(r"[^\w-]+", "-", key[1] if key else "").strip("-") or "note"
            label, n = base, 1
            while label in taken:
                n += 1
                label = f"{base}-{n}"
            taken.add(label)
        labels.append(label)
    return labels


def citations(paper: Paper) -> list[dict]:
    """Every citation, in the order the importer looks for them (key points, text, bios,
    then the notes written by hand): as written, what it printed in the text before its
    note call (`shown`), and its note's words."""
    notes = {note.id: note for note in paper.footnotes}
    bios = tuple(author.bio for author in paper.meta.authors)
    found = []
    for node in walk((paper.key_points, paper.blocks, bios, paper.footnotes)):
        if not isinstance(node, Citation):
            continue
        call = next((n for n in node.children if isinstance(n, FootnoteRef)), None)
        entry = {"source": node.source, "shown": shown_text(node.children)}
        if call is not None and call.id in notes:
            entry["note"] = note_text(notes[call.id].blocks)
        found.append(entry)
    return found


def shown_text(inlines: tuple) -> str:
    """What inlines print, a note call as NOTE_CALL, spaces as one."""
    parts = []
    for node in inlines:
        if isinstance(node, FootnoteRef):
            parts.append(NOTE_CALL)
        elif hasattr(node, "children") and not isinstance(node, Citation):
            parts.append(shown_text(node.children))
        else:
            parts.append(plain_text((node,)))
    return re.sub(r"\s+", " ", "".join(parts))


def note_text(blocks: tuple) -> str:
    """A note's words, spaces as one (how programs break its paragraphs does not matter)."""
    words = [plain_text(block.children) for block in walk(blocks) if isinstance(block, Paragraph)]
    return re.sub(r"\s+", " ", " ".join(words)).strip()


def citation_files(paper: Paper) -> dict[str, str]:
    """The library and style files a paper cites from, by the name the front matter gives
    them, so an imported paper builds wherever it is put."""
    names = [*paper.meta.bibliography, *([paper.meta.csl] if paper.meta.csl else [])]
    files = {}
    for name in names:
        path = paper.folder / name
        if path.is_file():  # the reader has checked it
            files[name] = path.read_text(encoding="utf-8-sig")
    return files


def add_source_part(document: Document, facts: dict) -> None:
    """customXml/item1.xml (the facts, as JSON in one element of our namespace) and its
    itemProps1.xml, related from the document part."""
    package = document.part.package
    text = json.dumps(facts, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    item = Part(
        PackURI(ITEM),
        "application/xml",
        (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<briefing xmlns="{NAMESPACE}">{escape(text)}</briefing>'
        ).encode(),
        package,
    )
    props = Part(
        PackURI(ITEM_PROPS),
        CT.OFC_CUSTOM_XML_PROPERTIES,
        (
            '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
            f'<ds:datastoreItem ds:itemID="{ITEM_ID}" '
            'xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml">'
            f'<ds:schemaRefs><ds:schemaRef ds:uri="{NAMESPACE}"/></ds:schemaRefs>'
            "</ds:datastoreItem>"
        ).encode(),
        package,
    )
    item.relate_to(props, RT.CUSTOM_XML_PROPS)
    document.part.relate_to(item, RT.CUSTOM_XML)
