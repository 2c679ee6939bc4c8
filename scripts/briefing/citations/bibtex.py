"""Take the text of a BibTeX/BibLaTeX file (a Zotero or Better BibTeX export), produce
CSL-JSON items with the line each entry starts on, and what is wrong with the file.

bibtexparser reads the syntax (entries, @string macros, braces, failed and duplicate
blocks, each with its line); pylatexenc turns LaTeX into Unicode. The mapping from
BibLaTeX types and fields to CSL variables is ours: no Python library has one (citeproc-py
reads classic BibTeX only, without `date`, `journaltitle`, `urldate` or `@online`). It
follows the table Pandoc uses (its citeproc's `Citeproc.BibTeX`), so a library reads the
same here and there.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

import bibtexparser
from bibtexparser import middlewares as mw
from bibtexparser.model import (
    DuplicateBlockKeyBlock,
    DuplicateFieldKeyBlock,
    Entry,
    ParsingFailedBlock,
)
from pylatexenc.latex2text import LatexNodes2Text

logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)  # its problems come back as blocks

# BibLaTeX (and BibTeX) entry type -> CSL type.
TYPES = {
    "article": "article-journal",
    "book": "book",
    "mvbook": "book",
    "booklet": "pamphlet",
    "collection": "book",
    "mvcollection": "book",
    "proceedings": "book",
    "inbook": "chapter",
    "bookinbook": "chapter",
    "incollection": "chapter",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "manual": "book",
    "report": "report",
    "techreport": "report",
    "thesis": "thesis",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "online": "webpage",
    "www": "webpage",
    "electronic": "webpage",
    "legislation": "legislation",
    "legal": "legal_case",
    "jurisdiction": "legal_case",
    "patent": "patent",
    "dataset": "dataset",
    "software": "software",
    "unpublished": "manuscript",
    "misc": "document",
}
# An @article's `entrysubtype` says what kind of periodical it is in.
ARTICLE_SUBTYPES = {"newspaper": "article-newspaper", "magazine": "article-magazine"}
NAME_FIELDS = {"author": "author", "editor": "editor", "translator": "translator"}
# field -> CSL variable, for fields copied as text
TEXT_FIELDS = {
    "shorttitle": "title-short",
    "journaltitle": "container-title",
    "journal": "container-title",
    "booktitle": "container-title",
    "maintitle": "container-title",
    "series": "collection-title",
    "publisher": "publisher",
    "institution": "publisher",
    "organization": "publisher",
    "school": "publisher",
    "location": "publisher-place",
    "address": "publisher-place",
    "volume": "volume",
    "pages": "page",
    "edition": "edition",
    "type": "genre",
    "note": "note",
    "doi": "DOI",
    "url": "URL",
    "isbn": "ISBN",
    "issn": "ISSN",
    "langid": "language",
    "language": "language",
    "pagetotal": "number-of-pages",
    "chapter": "chapter-number",
    "abstract": "abstract",
    "eventtitle": "event-title",
    "venue": "event-place",
    "howpublished": "publisher",
}
MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
    )
}
ISO_DATE = re.compile(r"^(-?\d{1,4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")
_LATEX = LatexNodes2Text(math_mode="verbatim", strict_latex_spaces=True)


@dataclass
class Problem:
    line: int  # 1-based line in the file
    message: str
    hint: str = ""


@dataclass
class Item:
    key: str
    line: int  # 1-based
    csl: dict


def read_bibtex(text: str) -> tuple[list[Item], list[Problem]]:
    """Every entry as a CSL-JSON item, and each block that could not be read."""
    parsed = bibtexparser.parse_string(
        text, append_middleware=[mw.SeparateCoAuthors(), mw.SplitNameParts()]
    )
    problems = [_problem(block) for block in parsed.failed_blocks]
    items = [Item(e.key, e.start_line + 1, to_csl(e)) for e in parsed.entries]
    return items, problems


def _problem(block: ParsingFailedBlock) -> Problem:
    """What is wrong with a block bibtexparser could not read, in the analyst's words."""
    line = block.start_line + 1
    if isinstance(block, DuplicateBlockKeyBlock):
        first = block.previous_block.start_line + 1
        return Problem(line, f"duplicate key '{block.key}'", f"first used at line {first}")
    if isinstance(block, DuplicateFieldKeyBlock):
        entry = block.ignore_error_block
        fields = " and ".join(sorted(block.duplicate_keys))
        return Problem(line, f"entry '{entry.key}' gives {fields} twice", "keep one of them")
    start = block.raw.strip().split(",")[0].split("\n")[0][:40]
    reason = getattr(block.error, "abort_reason", "")
    if "end of file" in reason or "Unexpected block start" in reason:
        what = 'a { or " in it is never closed'
    elif "comma after entry key" in reason:
        what = "it has no key, or no comma after its key"
    else:
        what = reason.strip().rstrip(".") or "it is not BibTeX"
    return Problem(
        line,
        f"cannot read the entry '{start}': {what}",
        "correct it, or export the library from Zotero again",
    )


def latex(value: str) -> str:
    """LaTeX markup and braces -> Unicode text ({\\"U}ber -> Über, {NATO} -> NATO)."""
    text = _LATEX.latex_to_text(value) if any(c in value for c in "\\{}$~") else value
    return " ".join(text.split()).replace("'", "’")  # an apostrophe, as Pandoc reads it


def to_csl(entry: Entry) -> dict:
    fields = {k.lower(): v.value for k, v in entry.fields_dict.items()}
    kind = TYPES.get(entry.entry_type.lower(), "document")
    if kind == "article-journal":
        kind = ARTICLE_SUBTYPES.get(str(fields.get("entrysubtype", "")).lower(), kind)
    item: dict = {"id": entry.key, "type": kind}
    for field, variable in NAME_FIELDS.items():
        if field in fields:
            item[variable] = [name(parts) for parts in fields[field]]
    title = latex(str(fields.get("title", "")))
    if fields.get("subtitle"):
        title = f"{title}: {latex(str(fields['subtitle']))}"
    if title:
        item["title"] = title
        if ": " in title and "shorttitle" not in fields:  # the main title, as Pandoc takes it
            item["title-short"] = title.split(": ", 1)[0]
    for field, variable in TEXT_FIELDS.items():
        if field in fields and variable not in item:
            raw = str(fields[field])
            item[variable] = raw.strip() if variable in ("URL", "DOI") else latex(raw)
    # `number` is an article's issue, a report's or a law's number.
    number = fields.get("issue") or (fields.get("number") if kind.startswith("article") else None)
    if number:
        item["issue"] = latex(str(number))
    elif fields.get("number"):
        item["number"] = latex(str(fields["number"]))
    issued = date(str(fields.get("date", ""))) or year_month(fields)
    if issued:
        item["issued"] = issued
    accessed = date(str(fields.get("urldate", "")))
    if accessed:
        item["accessed"] = accessed
    if "page" in item:
        item["page"] = item["page"].replace("--", "-")
    if item.get("URL", "").startswith("\\url"):
        item["URL"] = item["URL"][4:].strip("{}")
    return item


def name(parts) -> dict:
    """bibtexparser's NameParts -> a CSL name; a braced name ({World Bank}) is literal."""
    first, von, last, jr = (
        latex(" ".join(p)) for p in (parts.first, parts.von, parts.last, parts.jr)
    )
    raw_last = " ".join(parts.last)
    if not first and not von and raw_last.startswith("{") and raw_last.endswith("}"):
        return {"literal": last}
    out = {"family": last}
    if first:
        out["given"] = first
    if von:
        out["non-dropping-particle"] = von
    if jr:
        out["suffix"] = jr
    return out


def date(text: str) -> dict | None:
    """BibLaTeX `date` (ISO 8601, or a range a/b) -> CSL date-parts."""
    text = text.strip()
    if not text:
        return None
    parts = []
    for piece in text.split("/"):
        found = ISO_DATE.match(piece.strip())
        if not found:
            return {"literal": text}
        parts.append([int(x) for x in found.groups() if x])
    return {"date-parts": parts}


def year_month(fields: dict) -> dict | None:
    """Classic BibTeX `year` and `month` (`month = may` or `5`) -> CSL date-parts."""
    year = str(fields.get("year", "")).strip()
    if not year.isdigit():
        return {"literal": year} if year else None
    parts = [int(year)]
    month = str(fields.get("month", "")).strip().lower()[:3]
    if month.isdigit() or month in MONTHS:
        parts.append(int(month) if month.isdigit() else MONTHS[month])
    return {"date-parts": [parts]}
