"""Take a paper.md path, produce its text: UTF-8 (a BOM accepted), LF line ends, no control
characters a DOCX cannot hold, and not absurdly large (checked before it is read)."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import Collector

# Characters XML (and so the DOCX) cannot hold: C0 controls other than tab and newline,
# and the non-characters U+FFFE/U+FFFF.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
MAX_PAPER_BYTES = 2_000_000  # a briefing is tens of kB; megabytes mean a pasted binary


def decode(source: Path, report: Collector) -> str:
    try:
        size = source.stat().st_size
    except FileNotFoundError:
        report.error(1, 1, "file not found", "give a paper folder holding paper.md")
        return ""
    except OSError as exc:
        report.error(1, 1, f"cannot read the file: {exc.strerror}")
        return ""
    if size > MAX_PAPER_BYTES:
        report.error(
            1,
            1,
            f"paper.md is {size // 1_000_000} MB; a briefing is far smaller",
            "check that the right file was saved as paper.md",
        )
        return ""
    try:
        raw = source.read_bytes()
    except OSError as exc:
        report.error(1, 1, f"cannot read the file: {exc.strerror}")
        return ""
    try:
        text = raw.decode("utf-8-sig")  # a UTF-8 BOM (Windows editors) is accepted
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        report.error(
            line,
            col,
            "the file is not UTF-8 text",
            "save it as UTF-8; in Word: Save As, Plain Text, Unicode UTF-8",
        )
        return ""
    if "\x00" in text:
        report.error(
            1, 1, "the file contains NUL bytes and is not a text file", "save it as UTF-8 text"
        )
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for found in list(CONTROL.finditer(text))[:5]:
        line = text.count("\n", 0, found.start()) + 1
        col = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
        report.error(
            line,
            col,
            f"invisible control character U+{ord(found[0]):04X} in the text",
            "delete it; it often comes with text pasted from PDFs or Word",
        )
    return text
