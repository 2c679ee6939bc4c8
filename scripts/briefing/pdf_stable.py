"""Take WeasyPrint 70.0's PDF/X-4 metadata, produce it without its one random value.

Why this exists: for PDF/X-4 WeasyPrint writes `xmpMM:DocumentID` as `uuid4()`
(`DocumentMetadata.generate_rdf_metadata`), so two builds of the same paper differ, and
so does the /ID WeasyPrint derives from the file's bytes. `pdf_xmp` replaces that XMP
with its own, whose IDs are derived from the content; here the uuid WeasyPrint draws is
made a constant, so the bytes it hands over (and their /ID) are the same every time.

Pinned to WeasyPrint 70.0 (`weasyprint_ext`): the function whose random call is fixed.
"""

from __future__ import annotations

import uuid

from .weasyprint_ext import checked, install

OUR_FILE = "scripts/briefing/pdf_stable.py"
GENERATE = "weasyprint.pdf.metadata:DocumentMetadata.generate_rdf_metadata"
PINS = {GENERATE: "bc3e78ab24f1a809438159395786cc8b734c87c90f629d2d784742f0136807c5"}
UUID4 = "weasyprint.pdf.metadata:uuid4"
CONSTANT = uuid.UUID("00000000-0000-4000-8000-000000000000")  # replaced by pdf_xmp anyway

_applied = False


def apply() -> None:
    global _applied
    if _applied:
        return
    checked(PINS, OUR_FILE)
    install(UUID4, lambda: CONSTANT)
    _applied = True
