"""Take CSL-JSON items as exported (Zotero, Better BibTeX, Pandoc), produce citeproc-py's
`BibliographySource`: dates in every form CSL-JSON allows made into date-parts, and name
fields citeproc-py does not know (Zotero's `parse-names`, `sequence`) left out."""

from __future__ import annotations

import warnings

from citeproc import DATES
from citeproc.source.json import CiteProcJSON

from .bibtex import date as parse_date

NAME_KEYS = {"family", "given", "literal", "dropping-particle", "non-dropping-particle", "suffix"}
DATE_VARIABLES = {d.replace("_", "-") for d in DATES}


def normal_date(value) -> dict | None:
    """`"2021-05"`, `{"raw": "2021-05"}`, `{"date-parts": [["2021", "5"]]}` -> date-parts."""
    if isinstance(value, str | int):
        return parse_date(str(value))
    if not isinstance(value, dict):
        return None
    if "date-parts" in value:
        parts = [
            [int(p) for p in part if str(p).lstrip("-").isdigit()] for part in value["date-parts"]
        ]
        parts = [p for p in parts if p]
        return {**value, "date-parts": parts} if parts else None
    if "raw" in value:
        return parse_date(str(value["raw"]))
    return value if "literal" in value else None


def normal_item(item: dict) -> dict:
    out = {}
    for key, value in item.items():
        if key in DATE_VARIABLES:
            value = normal_date(value)
            if value is None:
                continue
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            value = [{k: v for k, v in n.items() if k in NAME_KEYS} for n in value]
        elif isinstance(value, int | float):
            value = str(value)
        out[key] = value
    return out


def as_citeproc_source(items: dict[str, dict]) -> CiteProcJSON:
    """`items` maps the id citeproc-py will see to a CSL-JSON item."""
    data = [{**normal_item(item), "id": cid} for cid, item in items.items()]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # CSL 1.0.2 variables citeproc-py does not list
        return CiteProcJSON(data)
