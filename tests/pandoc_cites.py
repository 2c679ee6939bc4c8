"""Take a paper with citations, produce the text of its notes and reference list as
`pandoc --citeproc` renders them (from Pandoc's JSON AST), to compare with ours."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

QUOTES = {"DoubleQuote": ("\u201c", "\u201d"), "SingleQuote": ("\u2018", "\u2019")}


def have_pandoc() -> bool:
    return shutil.which("pandoc") is not None


def pandoc_render(paper: Path, csl: Path, library: Path, locale: str) -> tuple[list, list, list]:
    """(the text of each note in order, of each reference-list entry, of each body
    paragraph without its notes)."""
    out = subprocess.run(
        ["pandoc", paper.name, "--citeproc", f"--csl={csl}", f"--bibliography={library}",
         "-M", f"lang={locale}", "-f", "markdown", "-t", "json"],
        cwd=paper.parent, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    doc = json.loads(out)
    notes: list[str] = []
    entries: list[str] = []
    _collect(doc["blocks"], notes, entries)
    paragraphs = [text(b).strip() for b in doc["blocks"] if b.get("t") == "Para"]
    return notes, entries, paragraphs


def _collect(node, notes: list, entries: list) -> None:
    if isinstance(node, list):
        for n in node:
            _collect(n, notes, entries)
        return
    if not isinstance(node, dict):
        return
    kind, content = node.get("t"), node.get("c")
    if kind == "Note":
        notes.append(" ".join(text(b) for b in content).strip())
        return
    if kind == "Div" and content[0][0] == "refs":
        for entry in content[1]:
            entries.append(text(entry).strip())
        return
    _collect(content, notes, entries)


def text(node) -> str:
    """The visible text of a Pandoc AST node."""
    if isinstance(node, list):
        return "".join(text(n) for n in node)
    if not isinstance(node, dict):
        return ""
    kind, content = node.get("t"), node.get("c")
    if kind == "Str":
        return content
    if kind in ("Space", "SoftBreak", "LineBreak"):
        return " "
    if kind == "Quoted":
        open_, close = QUOTES[content[0]["t"]]
        return open_ + text(content[1]) + close
    if kind in ("Link", "Span", "Image"):
        return text(content[1])
    if kind == "Cite":
        return text(content[1])
    if kind == "Div":
        return text(content[1])
    if kind in (
        "Para",
        "Plain",
        "Emph",
        "Strong",
        "SmallCaps",
        "Superscript",
        "Subscript",
        "Underline",
        "Strikeout",
    ):
        return text(content)
    if kind == "Note":
        return ""
    return ""
