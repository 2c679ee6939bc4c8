"""Take a PDF's document information and what it claims to conform to, produce its XMP
metadata packet: title, authors, subject, keywords, language, date, the tool, and the
pdfaid / pdfuaid / pdfxid identification the validators read.

Why by hand: WeasyPrint 70 writes XMP only for a PDF variant, one variant at a time (an
archive copy is PDF/A-3 and PDF/UA-1 at once), without dc:language, dc:subject or
dc:date, and for PDF/X-4 with a random xmpMM:DocumentID (uuid4), which would make every
build differ. Every value here is taken from the document information dictionary (or
the paper), so the two agree as PDF/A requires (ISO 19005-3, 6.6.2.3).
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

import pikepdf

# Namespaces of the identification schemas (ISO 19005, ISO 14289, ISO 15930).
NAMESPACES = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "xmpMM": "http://ns.adobe.com/xap/1.0/mm/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    "pdfxid": "http://www.npes.org/pdfx/ns/id/",
}

# pdfuaid is not one of the schemas PDF/A predefines: a PDF/A file that uses it declares
# it (ISO 19005-3, 6.6.2.3.3), in this form, the one veraPDF's corpus uses.
PDFUA_EXTENSION = """<rdf:Description rdf:about=""
  xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
  xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
  xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
 <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
  <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
  <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
  <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
  <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
   <pdfaProperty:name>part</pdfaProperty:name>
   <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
   <pdfaProperty:category>internal</pdfaProperty:category>
   <pdfaProperty:description>Part of ISO 14289 the file conforms to</pdfaProperty:description>
  </rdf:li></rdf:Seq></pdfaSchema:property>
 </rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
"""


@dataclass(frozen=True)
class About:
    """What the metadata says beyond the information dictionary: the authors one by one,
    the keywords, the language and the date of the paper (ISO 8601)."""

    authors: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    lang: str = ""
    date: str = ""


def claims_xml(claims: Sequence[str]) -> str:
    """pdfaid/pdfuaid/pdfxid properties for claims such as "pdf/a-3a", "pdf/ua-1", "pdf/x-4"."""
    out = []
    for claim in claims:
        if match := re.fullmatch(r"pdf/a-(\d)([abu])", claim):
            part, level = match.groups()
            out.append(f"<pdfaid:part>{part}</pdfaid:part>")
            out.append(f"<pdfaid:conformance>{level.upper()}</pdfaid:conformance>")
        elif match := re.fullmatch(r"pdf/ua-(\d)", claim):
            out.append(f"<pdfuaid:part>{match.group(1)}</pdfuaid:part>")
        elif match := re.fullmatch(r"pdf/x-(\w+)", claim):
            out.append(f"<pdfxid:GTS_PDFXVersion>PDF/X-{match.group(1)}</pdfxid:GTS_PDFXVersion>")
        else:
            raise ValueError(f"unknown conformance claim {claim!r}")
    return "\n".join(out)


def _date(value) -> str:
    """D:20250630000000Z (the info dictionary's form) -> 2025-06-30T00:00:00Z."""
    text = str(value or "")
    match = re.fullmatch(r"D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(Z|[+-]\d\d'\d\d'?)?", text)
    if not match:
        return ""
    y, mo, d, h, mi, s, zone = match.groups()
    zone = "Z" if zone in (None, "Z") else zone.replace("'", ":").rstrip(":")
    return f"{y}-{mo}-{d}T{h}:{mi}:{s}{zone}"


def packet(pdf: pikepdf.Pdf, about: About, claims: Sequence[str], seed: bytes) -> bytes:
    """The XMP packet for `pdf`, from its information dictionary and `about`."""
    info = pdf.docinfo
    text = {key: str(info.get(f"/{key}", "")) for key in ("Title", "Author", "Subject")}
    text |= {key: str(info.get(f"/{key}", "")) for key in ("Keywords", "Creator", "Producer")}
    created, modified = _date(info.get("/CreationDate")), _date(info.get("/ModDate"))
    # Same sources, same IDs: the IDs are derived from the bytes WeasyPrint wrote.
    document_id = uuid.UUID(bytes=hashlib.sha256(b"document" + seed).digest()[:16], version=4)
    instance_id = uuid.UUID(bytes=hashlib.sha256(b"instance" + seed).digest()[:16], version=4)
    lang = about.lang or str(pdf.Root.get("/Lang", ""))
    props = ["<dc:format>application/pdf</dc:format>"]
    if text["Title"]:
        props.append(_list("dc:title", "Alt", [text["Title"]]))
    if text["Author"]:  # one entry, as the information dictionary's /Author (ISO 19005)
        props.append(_list("dc:creator", "Seq", [text["Author"]]))
    if text["Subject"]:
        props.append(_list("dc:description", "Alt", [text["Subject"]]))
    if about.keywords:
        props.append(_list("dc:subject", "Bag", about.keywords))
    if lang:
        props.append(_list("dc:language", "Bag", [lang]))
    if about.date:
        props.append(_list("dc:date", "Seq", [about.date]))
    dates = {"CreateDate": created, "ModifyDate": modified, "MetadataDate": modified}
    props += [f"<xmp:{key}>{value}</xmp:{key}>" for key, value in dates.items() if value]
    simple = {
        "xmp:CreatorTool": text["Creator"],
        "pdf:Producer": text["Producer"],
        "pdf:Keywords": text["Keywords"],
        "pdf:Trapped": str(info.get("/Trapped", "")).lstrip("/"),
        "xmpMM:DocumentID": f"uuid:{document_id}",
        "xmpMM:InstanceID": f"uuid:{instance_id}",
        "xmpMM:VersionID": "1",
        "xmpMM:RenditionClass": "default",
    }
    props += [f"<{key}>{escape(value)}</{key}>" for key, value in simple.items() if value]
    if claims:
        props.append(claims_xml(claims))
    xmlns = " ".join(f'xmlns:{k}="{v}"' for k, v in NAMESPACES.items())
    extension = PDFUA_EXTENSION if _claims_both(claims) else ""
    body = "\n".join(props)
    xml = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        f'<rdf:Description rdf:about="" {xmlns}>\n{body}\n</rdf:Description>\n'
        f"{extension}</rdf:RDF>\n</x:xmpmeta>\n"
        '<?xpacket end="r"?>'
    )
    return xml.encode("utf-8")


def _claims_both(claims: Sequence[str]) -> bool:
    return any(c.startswith("pdf/a") for c in claims) and any(
        c.startswith("pdf/ua") for c in claims
    )


def _list(name: str, kind: str, values: Sequence[str]) -> str:
    """An XMP array property: Alt (one x-default text), Seq or Bag."""
    lang = ' xml:lang="x-default"' if kind == "Alt" else ""
    items = "".join(f"<rdf:li{lang}>{escape(v)}</rdf:li>" for v in values)
    return f"<{name}><rdf:{kind}>{items}</rdf:{kind}></{name}>"


def write(pdf: pikepdf.Pdf, about: About, claims: Sequence[str], seed: bytes) -> None:
    """Replace the catalog's /Metadata with our packet, uncompressed (readable by any tool
    that looks for it, as PDF/A-1 required and later parts still recommend)."""
    stream = pikepdf.Stream(pdf, packet(pdf, about, claims, seed))
    stream.Type = pikepdf.Name.Metadata
    stream.Subtype = pikepdf.Name.XML
    pdf.Root.Metadata = pdf.make_indirect(stream)


def about_paper(meta) -> About:
    """A paper's metadata from its front matter (`model.Meta`)."""
    return About(
        authors=tuple(a.name for a in meta.authors),
        keywords=meta.keywords,
        lang=meta.lang,
        date=meta.date.isoformat(),
    )


def about_volume(volume) -> About:
    """A volume's: its papers' authors and keywords, in order, each once."""
    authors = dict.fromkeys(a.name for p in volume.papers for a in p.meta.authors)
    keywords = dict.fromkeys(k for p in volume.papers for k in p.meta.keywords)
    return About(tuple(authors), tuple(keywords), volume.lang, volume.date.isoformat())
