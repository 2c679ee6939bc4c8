"""Read a built DOCX the way Word would: its document part's paragraphs and runs (lxml),
what each run's properties say, and the text of a paragraph with its fields' results."""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W_NS, "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
W = f"{{{W_NS}}}"


def part(path: Path, name: str = "word/document.xml") -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(name))


def paragraphs(root: etree._Element) -> list[etree._Element]:
    return root.findall(".//w:body//w:p", NS)


def text_of(p: etree._Element) -> str:
    """What a reader sees: the runs' text and the fields' current results (not their codes)."""
    return "".join(t.text or "" for t in p.iterfind(".//w:t", NS))


def style_of(p: etree._Element) -> str:
    found = p.find("w:pPr/w:pStyle", NS)
    return found.get(W + "val") if found is not None else ""


def runs_with_text(root: etree._Element, text: str) -> list[etree._Element]:
    """Every w:r whose own text is exactly `text`."""
    return [
        r
        for r in root.iterfind(".//w:r", NS)
        if "".join(r.xpath("w:t/text()", namespaces=NS)) == text
    ]


def prop(run: etree._Element, tag: str, attr: str = "val") -> str | None:
    """The value of w:rPr/w:<tag>/@w:<attr> ("" when present without it), None if absent."""
    found = run.find(f"w:rPr/w:{tag}", NS)
    if found is None:
        return None
    return found.get(W + attr, "")


def instructions(root: etree._Element) -> list[str]:
    return [" ".join((t.text or "").split()) for t in root.iterfind(".//w:instrText", NS)]
