"""Take the text of paper.md, produce its front matter (validated) and where the body starts."""

from __future__ import annotations

import datetime as dt
import difflib
import json
from functools import cache
from importlib import resources
from typing import Any

import jsonschema
import yaml

from ..errors import Collector
from ..model import Author, Meta

FENCE = "---"


@cache
def schema(name: str = "paper") -> dict[str, Any]:
    text = resources.files("briefing").joinpath(f"schema/{name}.schema.json").read_text()
    return json.loads(text)


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


def position(node: yaml.Node, path: tuple) -> tuple[int, int]:
    """Line/column (1-based, in the YAML text) of the node at `path`, or its nearest parent."""
    node = _node_at(node, path)
    return node.start_mark.line + 1, node.start_mark.column + 1


def _node_at(node: yaml.Node, path: tuple) -> yaml.Node:
    for key in path:
        if isinstance(node, yaml.MappingNode):
            match = next(((k, v) for k, v in node.value if k.value == key), None)
            if match is None:
                break
            node = match[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            break
    return node


def _key_mark(node: yaml.Node, key: str) -> tuple[int, int]:
    for k, _ in getattr(node, "value", []):
        if getattr(k, "value", None) == key:
            return k.start_mark.line + 1, k.start_mark.column + 1
    return 1, 1


def _jsonable(value: Any) -> Any:
    """YAML gives dates as date objects; JSON Schema checks them as ISO strings."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    return value


def parse(yaml_text: str, report: Collector) -> tuple[Meta, list[tuple[str, int]]] | None:
    """The Meta, and each key point's text with its line in `yaml_text` (0-based)."""
    loaded = load_validated(yaml_text, "paper", report, offset=1)  # YAML starts on line 2
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
    )
    points = [
        (text.strip(), _node_at(node, ("key_points", i)).start_mark.line)
        for i, text in enumerate(data["key_points"])
    ]
    return meta, points


def load_validated(
    yaml_text: str, schema_name: str, report: Collector, offset: int
) -> tuple[dict, yaml.Node] | None:
    """Safely load YAML (no Python tags) and check it against a schema in schema/.
    Lines in messages are shifted by `offset`, the YAML's first line in its file minus 1."""
    what = "front matter" if schema_name == "paper" else f"the {schema_name} file"
    try:
        node = yaml.compose(yaml_text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(yaml_text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line, col = (mark.line + 1 + offset, mark.column + 1) if mark else (1, 1)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        report.error(
            line,
            col,
            f"{what} is not valid YAML: {problem}",
            "check indentation and quote values containing ':'",
        )
        return None
    except ValueError as exc:  # a YAML date that does not exist, e.g. 2024-02-30
        line = next(
            (
                i + 1 + offset
                for i, text in enumerate(yaml_text.split("\n"))
                if text.startswith("date:")
            ),
            2,
        )
        report.error(
            line,
            1,
            f"{what} has an impossible date: {exc}",
            "write a real date as YYYY-MM-DD",
        )
        return None
    if not isinstance(data, dict):
        report.error(
            2,
            1,
            f"{what} must be a set of 'key: value' fields",
            "write one 'key: value' field per line",
        )
        return None
    data = _jsonable(data)
    validator = jsonschema.Draft202012Validator(
        schema(schema_name), format_checker=jsonschema.FormatChecker()
    )
    for err in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.path))):
        path = tuple(err.path)
        line, col = position(node, path)
        if err.validator == "additionalProperties":  # point at the unknown key itself
            parent = _node_at(node, path)
            unknown = [k for k in (err.instance or {}) if k not in err.schema.get("properties", {})]
            if unknown:
                line, col = _key_mark(parent, unknown[0])
        report.error(line + offset, col, *_describe(err, node, data))
    if report.errors:
        return None
    return data, node


def _describe(err: jsonschema.ValidationError, node: yaml.Node, data: dict) -> tuple[str, str]:
    """A message and a hint for one schema violation, in the analyst's words."""
    where = ".".join(str(p) for p in err.path) or "front matter"
    if err.validator == "required":
        missing = err.message.split("'")[1]
        return f"{where} is missing '{missing}'", f"add '{missing}:'"
    if err.validator == "additionalProperties":
        allowed = sorted(err.schema.get("properties", {}))
        unknown = [k for k in (err.instance or {}) if k not in allowed]
        key = unknown[0] if unknown else "?"
        close = difflib.get_close_matches(key, allowed, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"allowed: {', '.join(allowed)}"
        return f"unknown field '{key}'", hint
    if err.validator == "format" and err.schema.get("format") == "date":
        return f"{where}: '{err.instance}' is not a date", "write it as YYYY-MM-DD, e.g. 2022-01-25"
    if err.validator == "enum":
        choices = ", ".join(map(str, err.validator_value))
        return f"{where}: '{err.instance}' is not one of {choices}", f"use one of {choices}"
    if err.validator == "type":
        return (
            f"{where} should be {_a(err.validator_value)}, not {_a(type(err.instance).__name__)}",
            "see content/README or schema/paper.schema.json",
        )
    if err.validator in ("minItems", "minLength"):
        return f"{where} is empty", "give at least one value"
    return f"{where}: {err.message}", ""


def _a(name: Any) -> str:
    words = {
        "array": "a list",
        "list": "a list",
        "string": "text",
        "str": "text",
        "object": "a set of fields",
        "dict": "a set of fields",
        "integer": "a whole number",
        "int": "a whole number",
        "NoneType": "empty",
        "bool": "true/false",
        "float": "a number",
    }
    return words.get(str(name), str(name))
