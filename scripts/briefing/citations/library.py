"""Take the reference library files a paper names (`bibliography:`), produce one `Library`:
every entry as a CSL-JSON item, with the file and line it came from.

Three formats, by suffix: `.bib` (BibTeX/BibLaTeX, bibtex.py), `.json` (CSL-JSON, as
Zotero and Better CSL JSON export it) and `.yaml`/`.yml` (CSL-YAML, Pandoc's). A file that
cannot be read, an entry without a key and a key used twice (in one file or across files)
are errors at the file's own line, so the analyst can open the library where it is wrong.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import Collector
from ..yamlfast import fast_compose, fast_load
from .bibtex import Item, Problem, read_bibtex

SUFFIXES = {".bib": "bibtex", ".bibtex": "bibtex", ".json": "json", ".yaml": "yaml", ".yml": "yaml"}


@dataclass(frozen=True)
class Entry:
    key: str
    csl: dict = field(compare=False)
    path: Path = field(compare=False)
    line: int = 0


@dataclass
class Library:
    entries: dict[str, Entry] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)

    def keys(self) -> list[str]:
        return list(self.entries)


def load_library(paths: list[Path], reports: list[Collector]) -> Library:
    """Read every file in order; problems go to one Collector per file, appended to
    `reports` (the reader raises them together with the paper's own)."""
    library = Library()
    for path in paths:
        report = Collector(path)
        reports.append(report)
        library.files.append(path)
        for item in _read(path, report):
            known = library.entries.get(item.key)
            if known is not None:
                where = f"line {known.line}"
                if known.path != path:
                    where = f"{known.path.name}, {where}"
                report.error(item.line, 1, f"duplicate key '{item.key}'", f"first used at {where}")
                continue
            library.entries[item.key] = Entry(item.key, item.csl, path, item.line)
    return library


def _read(path: Path, report: Collector) -> list[Item]:
    kind = SUFFIXES.get(path.suffix.lower())
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        report.error(1, 1, f"not UTF-8 text ({err.reason})", "export the library as UTF-8")
        return []
    except OSError as err:
        report.error(1, 1, f"cannot read the library: {err.strerror}")
        return []
    if kind == "bibtex":
        items, problems = read_bibtex(text)
    elif kind == "json":
        items, problems = _read_json(text)
    else:
        items, problems = _read_yaml(text)
    for problem in problems:
        report.error(problem.line, 1, problem.message, problem.hint)
    return items


def _read_json(text: str) -> tuple[list[Item], list[Problem]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        return [], [Problem(err.lineno, f"not valid JSON: {err.msg}", "export CSL JSON again")]
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        data = data["items"]
    if not isinstance(data, list):
        return [], [Problem(1, "a CSL-JSON library is a list of items", "export CSL JSON")]
    # json gives no positions: each item's line is where its "id" is written, in order.
    id_lines = [text.count("\n", 0, m.start()) + 1 for m in re.finditer(r'"id"\s*:', text)]
    return _items(data, id_lines)


def _read_yaml(text: str) -> tuple[list[Item], list[Problem]]:
    try:
        node = fast_compose(text)
        data = fast_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        return [], [Problem(line, f"not valid YAML: {getattr(err, 'problem', err)}")]
    if isinstance(data, dict) and "references" in data:
        data = data["references"]
        node = next(v for k, v in node.value if k.value == "references")
    if not isinstance(data, list):
        return [], [Problem(1, "a CSL-YAML library is a list of items (or `references:`)")]
    return _items(data, [n.start_mark.line + 1 for n in node.value])


def _items(data: list, lines: list[int]) -> tuple[list[Item], list[Problem]]:
    items, problems = [], []
    for i, raw in enumerate(data):
        line = lines[i] if i < len(lines) else 1
        if not isinstance(raw, dict) or not str(raw.get("id", "")).strip():
            problems.append(Problem(line, "an item without an id", 'give it "id": "key"'))
            continue
        csl = {k: _plain(v) for k, v in raw.items()}
        csl["id"] = str(raw["id"]).strip()
        csl.setdefault("type", "document")
        items.append(Item(csl["id"], line, csl))
    return items, problems


def _plain(value):
    """YAML dates (2021-05-01 unquoted) become their ISO text, as in CSL-JSON."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def suggest(key: str, keys: list[str]) -> str:
    """The hint for an unknown key: the closest keys in the library."""
    close = difflib.get_close_matches(key, keys, n=3, cutoff=0.6)
    if close:
        return "did you mean " + " or ".join(f"@{k}" for k in close) + "?"
    return "add it to the library or check its spelling; \\@ prints a plain @"
