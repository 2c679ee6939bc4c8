"""Take a Paper, produce a custom XML part holding what its DOCX does not show: the facts
`briefing import` needs to turn the document back into the same paper.md.

A DOCX shows the title, the key points, the headings' labels, the captions; it does not
show the ids behind its bookmarks (`fig:us-trade` became `_Ref_fig_us_trade`), the
footnotes' labels (`[^iea2021]`), the figures' file names and chart specs, a table's
column shares, or front-matter fields with no printed form (`short_title`, `theme`,
`calendar`...). They are kept in a custom XML data part (ECMA-376 Part 1, §22.5: the
document's own data store, which Word and LibreOffice keep through open and save and show
nowhere), related from the document part, with its item properties part naming our
namespace. What is visible is read back from the document itself, so an editor's changes
win; this part only fills in what cannot be seen.
"""

from __future__ import annotations

import json
from xml.sax.saxutils import escape

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part

from briefing.docx.fields import Target
from briefing.model import Figure, Paper, Table
from briefing.transform import walk

NAMESPACE = "urn:x-briefing:source:1"
ITEM = "/customXml/item1.xml"
ITEM_PROPS = "/customXml/itemProps1.xml"
# The data store item's id (§22.5.2.1): fixed, so two builds give the same bytes.
ITEM_ID = "{6B1D5C2E-0F4A-4E57-9B1C-B21EF1A6B0C1}"
META_FIELDS = (
    "title", "subtitle", "short_title", "series", "number", "lang", "marking", "theme",
    "status", "toc", "toc_depth", "calendar",
)  # fmt: skip


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
        "notes": [note.id for note in paper.footnotes],
        "figures": figures,
        "tables": [list(node.widths) for node in walk(paper.blocks) if isinstance(node, Table)],
        # Each vector figure's SVG by the SHA-1 of its PNG fallback.
        "vectors": {digest: svg.decode("utf-8") for digest, svg in (vectors or {}).items()},
    }


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
