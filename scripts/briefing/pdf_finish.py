"""Take the PDF bytes WeasyPrint wrote and how an edition finishes them, produce the final
bytes: the edition's steps (print marks and boxes, imposition, attachments), the XMP
metadata, and a deterministic save (same input, same bytes, same /ID).

Every PDF passes through here, the everyday one too: its XMP carries the title, authors,
language and keywords assistive technology and catalogues read.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import pdf_xmp

# A finishing step takes the opened pikepdf.Pdf; it may return a new one to go on with.
# (pikepdf is imported where PDFs are written, so a DOCX-only build never loads it.)
Step = Callable[[Any], Any]


@dataclass(frozen=True)
class Finishing:
    """What one output's PDF becomes: WeasyPrint's `variant` (its PDF version, output
    intent, tagging), the conformance the XMP `claims`, the `about` metadata, and the
    `steps` run on the opened PDF in order (a step may return a new PDF to go on with)."""

    variant: str | None = None
    claims: tuple[str, ...] = ()
    about: pdf_xmp.About = pdf_xmp.About()
    steps: tuple[Step, ...] = ()


def finish(data: bytes, finishing: Finishing) -> bytes:
    import pikepdf

    pdf = pikepdf.open(io.BytesIO(data))
    for step in finishing.steps:
        pdf = step(pdf) or pdf
    pdf_xmp.write(pdf, finishing.about, finishing.claims, seed=data)
    out = io.BytesIO()
    # qpdf writes objects in a fixed order; deterministic_id derives /ID from the content.
    # fix_metadata_version=False: our XMP is written as it is, not edited by pikepdf.
    pdf.save(
        out,
        deterministic_id=True,
        fix_metadata_version=False,
        object_stream_mode=pikepdf.ObjectStreamMode.preserve,
    )
    return out.getvalue()
