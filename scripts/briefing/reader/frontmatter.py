"""Take the text of paper.md, produce its front matter (validated) and where the body starts."""

from __future__ import annotations

import copy
import datetime as dt
import re

import jsonschema
import yaml

from ..errors import Collector
from ..language import GREGORIAN
from ..model import Author, Meta
from ..theme import Theme
from ..yamlcheck import load_checked, node_at, position, schema
from ..yamlfast import fast_compose

FENCE = "---"


def split(text: str, report: Collector) -> tuple[str, str, int] | None:
    """Return (yaml_text, body, body_first_line) or None after reporting why."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != FENCE:
        report.error(
            1,
            1,
            "paper.md must start with YAML front matter",
            "begin the file with a line '---', the title, authors, date, key_points, then '---'",
        )
        return None
    for i in range(1, len(lines)):
        if lines[i].strip() in (FENCE, "..."):
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1 :]), i + 2
    report.error(1, 1, "front matter is never closed", "add a line '---' after the last field")
    return None


def with_languages(name: str, theme: Theme) -> dict:
    """The schema `name` with `lang` limited to the languages the theme defines."""
    doc = copy.deepcopy(schema(name))
    doc["properties"]["lang"] = {**doc["properties"]["lang"], "enum": list(theme.languages)}
    return doc


def describe_for(theme: Theme):
    """Schema messages in the analyst's words; a near-miss language names the right one."""

    def describe(err: jsonschema.ValidationError) -> tuple[str, str] | None:
        if err.validator == "enum" and tuple(err.path) == ("lang",):
            value = str(err.instance)
            for code, language in theme.languages.items():
                if value in language.aliases or value.lower() == code.lower():
                    return (
                        f"lang: '{value}' is not a language code this theme uses",
                        f"write lang: {code} ({language.name})",
                    )
            known = ", ".join(f"{c} ({lang.name})" for c, lang in theme.languages.items())
            return f"lang: '{value}' is not a language this theme defines", f"use {known}"
        if err.validator == "enum" and tuple(err.path) == ("citation_style",):
            return (
                f"citation_style: '{err.instance}' is not a bundled style",
                f"use {' or '.join(err.validator_value)}, or give a style file: csl: x.csl",
            )
        return None

    return describe


def named_theme(yaml_text: str) -> tuple[str, int, int] | None:
    """The `theme:` the front matter names, with its line and column in `yaml_text`
    (1-based), read before anything else: the theme decides how the rest is checked.
    None when there is none, or the YAML is broken (`parse` then reports why)."""
    try:
        node = fast_compose(yaml_text)
    except (yaml.YAMLError, ValueError):
        return None
    if not isinstance(node, yaml.MappingNode):
        return None
    for key, value in node.value:
        if key.value == "theme" and isinstance(value, yaml.ScalarNode) and value.value:
            return value.value, value.start_mark.line + 1, value.start_mark.column + 1
    return None


Parsed = tuple[Meta, list[tuple[str, int]], dict[int, tuple[str, int]]]


def parse(yaml_text: str, report: Collector, theme: Theme) -> Parsed | None:
    """The Meta, each key point's text with its line in `yaml_text` (0-based), and each
    author's bio the same way, by the author's index."""
    loaded = load_checked(
        yaml_text,
        with_languages("paper", theme),
        report,
        offset=1,  # the YAML starts on line 2
        what="front matter",
        describe=describe_for(theme),
    )
    if loaded is None:
        return None
    data, node = loaded
    meta = Meta(
        title=data["title"].strip(),
        subtitle=data.get("subtitle", "").strip(),
        short_title=data.get("short_title", "").strip(),
        series=data.get("series", "").strip(),
        number=data.get("number"),
        authors=tuple(
            Author(a["name"].strip(), a.get("affiliation", "").strip(), a.get("role", "").strip())
            for a in data["authors"]
        ),
        date=dt.date.fromisoformat(data["date"]),
        lang=data.get("lang", "en"),
        marking=data.get("marking", "").strip(),
        bibliography=tuple(_as_list(data.get("bibliography", []))),
        csl=data.get("csl", ""),
        citation_style=data.get("citation_style", ""),
        citation_locale=data.get("citation_locale", ""),
        nocite=tuple(_nocite_keys(data.get("nocite", []))),
        theme=data.get("theme", ""),
        status=data.get("status", ""),
        toc=data.get("toc", False),
        toc_depth=data.get("toc_depth", 2),
        calendar=data.get("calendar", ""),
        keywords=tuple(k.strip() for k in data.get("keywords", [])),
    )
    points = [
        (text.strip(), node_at(node, ("key_points", i)).start_mark.line)
        for i, text in enumerate(data["key_points"])
    ]
    bios = {
        i: (a["bio"].strip(), node_at(node, ("authors", i, "bio")).start_mark.line)
        for i, a in enumerate(data["authors"])
        if "bio" in a
    }
    line, col = position(node, ("calendar",))
    if not check_calendar(meta, theme, report, line + 1, col):  # the YAML starts on line 2
        return None
    return meta, points, bios


def _as_list(value) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _nocite_keys(value) -> list[str]:
    """Pandoc's `nocite: "@a, @b"` (or a list, or "@*") -> ["a", "b"] / ["*"]."""
    keys = []
    for text in _as_list(value):
        for part in re.split(r"[,;\s]+", text):
            if part.strip():
                keys.append(part.strip().lstrip("@").strip("{}"))
    return keys


def check_calendar(meta: Meta, theme: Theme, report: Collector, line: int, col: int) -> bool:
    """The calendar (the paper's, or its language's) can print this paper's date."""
    language = theme.language(meta.lang)
    calendar = meta.calendar or language.calendar
    known = [GREGORIAN, *language.calendars]
    if calendar not in known:
        report.error(
            line,
            col,
            f"calendar: '{calendar}' is not a calendar the {language.name} language defines",
            f"use {' or '.join(known)}",
        )
        return False
    if "{roc_year" in language.date_pattern_of(calendar) and meta.date.year < 1912:
        report.error(
            line,
            col,
            f"calendar: {calendar} counts years from 1912 (民國元年)",
            "give a date from 1912 on",
        )
        return False
    return True
