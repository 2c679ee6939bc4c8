"""Take model values, produce the words both writers print around the content: author
lines and numbered titles. One place, so the PDF and the DOCX always agree."""

from __future__ import annotations

from .model import Author
from .numerals import paper_number


def author_line(author: Author, lang: str) -> str:
    """zh-Hant: 政治大學民族學系教授趙竹成主稿 (no spaces); en: Name, Affiliation (role)."""
    if lang == "zh-Hant":
        return f"{author.affiliation}{author.name}{author.role}"
    line = ", ".join(part for part in (author.name, author.affiliation) if part)
    return f"{line} ({author.role})" if author.role else line


def numbered_title(title: str, number: int | None, lang: str) -> str:
    """ "五、近期中共…" / "No. 5 China and…"; the title alone when there is no number."""
    if not number:
        return title
    return paper_number(number, lang) + ("" if lang == "zh-Hant" else " ") + title
