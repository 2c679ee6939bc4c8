"""Take YAML text and a JSON Schema, produce the data, or errors at `path:line:col` in words.

Every YAML file an analyst or designer writes (a paper's front matter, a volume, a theme)
goes through `load_checked`: safe loading (no Python tags), then the schema, with each
violation pointed at the key or value it is about and phrased as a sentence with a hint.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import json
import re
from collections.abc import Callable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from .errors import Collector
from .yamlfast import CLoader, fast_compose, fast_load

CURLY_QUOTES = "“”‘’„«»"


@cache
def schema(name: str) -> dict[str, Any]:
    """A schema from scripts/briefing/schema/ by its short name ("paper", "theme")."""
    text = resources.files("briefing").joinpath(f"schema/{name}.schema.json").read_text()
    return json.loads(text)


def position(node: yaml.Node, path: tuple) -> tuple[int, int]:
    """Line/column (1-based, in the YAML text) of the node at `path`, or its nearest parent."""
    node = node_at(node, path)
    return node.start_mark.line + 1, node.start_mark.column + 1


def source_file(node: yaml.Node) -> Path | None:
    """The file a node was read from, when the YAML was composed from a named file (a theme
    and the theme it extends); None for text without a name (a paper's front matter)."""
    name = node.start_mark.name
    return None if not name or name.startswith("<") else Path(name)


def report_at(
    report: Collector, node: yaml.Node, path: tuple, message: str, hint: str = "", offset: int = 0
) -> None:
    """An error at the node at `path` (or its nearest parent), in whichever file it came from."""
    found = node_at(node, path)
    mark = found.start_mark
    report.error(mark.line + 1 + offset, mark.column + 1, message, hint, source_file(found))


def compose_file(text: str, name: str, report: Collector, what: str) -> yaml.Node | None:
    """YAML text composed into nodes whose marks carry `name` (so errors can name the file)."""
    # libyaml (yamlfast.py) takes the file's name for its marks from the stream.
    if CLoader is not None:
        stream = io.StringIO(text)
        stream.name = name
        loader = CLoader(stream)
    else:
        loader = yaml.SafeLoader(text)
        loader.name = name
    try:
        node = loader.get_single_node()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        report.error(
            line, col, f"{what} is not valid YAML: {problem}", "check indentation", Path(name)
        )
        return None
    finally:
        loader.dispose()
    if not isinstance(node, yaml.MappingNode):
        report.error(1, 1, f"{what} must be a set of 'key: value' fields", "", Path(name))
        return None
    return node


def construct(node: yaml.Node) -> Any:
    """The Python data of a composed node (safe types only)."""
    return yaml.SafeLoader("").construct_document(node)


def node_at(node: yaml.Node, path: tuple) -> yaml.Node:
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


def _key_node(node: yaml.Node, key: str) -> yaml.Node | None:
    for k, _ in getattr(node, "value", []) if isinstance(node, yaml.MappingNode) else []:
        if getattr(k, "value", None) == key:
            return k
    return None


def _jsonable(value: Any) -> Any:
    """YAML gives dates as date objects; JSON Schema checks them as ISO strings."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    return value


Describe = Callable[[jsonschema.ValidationError], tuple[str, str] | None]


def load_checked(
    yaml_text: str,
    schema_doc: dict,
    report: Collector,
    *,
    offset: int = 0,
    what: str = "the file",
    describe: Describe | None = None,
) -> tuple[dict, yaml.Node] | None:
    """Safely load YAML and check it against `schema_doc`; report every problem.

    Lines in messages are shifted by `offset` (the YAML's first line in its file, minus 1).
    `describe` may phrase a violation specially (return None to use the general wording).
    """
    try:
        node = fast_compose(yaml_text)
        data = fast_load(yaml_text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line, col = (mark.line + 1 + offset, mark.column + 1) if mark else (1 + offset, 1)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        hint = "check indentation and quote values containing ':'"
        source_line = yaml_text.split("\n")[mark.line] if mark else ""
        if any(q in source_line for q in CURLY_QUOTES):
            hint = (
                "this line has curly quotes (“ ” ‘ ’), often pasted from Word; YAML needs "
                "straight quotes \" or ' around a value"
            )
        report.error(line, col, f"{what} is not valid YAML: {problem}", hint)
        return None
    except ValueError as exc:  # a YAML date that does not exist, e.g. 2024-02-30
        found = re.search(r"(\d{4}-\d{2}-\d{2})", yaml_text)
        line = yaml_text[: found.start()].count("\n") + 1 + offset if found else 1 + offset
        report.error(
            line, 1, f"{what} has an impossible date: {exc}", "write a real date as YYYY-MM-DD"
        )
        return None
    if not isinstance(data, dict):
        report.error(
            1 + offset, 1, f"{what} must be a set of 'key: value' fields", "one field per line"
        )
        return None
    data = _jsonable(data)
    if not check(data, node, schema_doc, report, offset=offset, what=what, describe=describe):
        return None
    return data, node


def check(
    data: dict,
    node: yaml.Node,
    schema_doc: dict,
    report: Collector,
    *,
    offset: int = 0,
    what: str = "the file",
    describe: Describe | None = None,
) -> bool:
    """Check loaded data against `schema_doc`, each problem reported where its node came
    from (its file too, for nodes composed from named files). True if it passed."""
    validator = jsonschema.Draft202012Validator(
        schema_doc, format_checker=jsonschema.FormatChecker()
    )
    errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.path)))
    before = len(report.errors)
    for err in _most_specific(errors):
        path = tuple(err.path)
        found = node_at(node, path)
        if err.validator == "additionalProperties":  # point at the unknown key itself
            unknown = _unknown_keys(err)
            if unknown:
                found = _key_node(found, unknown[0]) or found
        message, hint = (describe and describe(err)) or explain(err, what)
        mark = found.start_mark
        report.error(mark.line + 1 + offset, mark.column + 1, message, hint, source_file(found))
    return len(report.errors) == before


def _most_specific(errors: list[jsonschema.ValidationError]) -> list[jsonschema.ValidationError]:
    """For a `oneOf` failure, the alternative that got furthest says most."""
    out = []
    for err in errors:
        if err.validator in ("oneOf", "anyOf") and err.context:
            best = jsonschema.exceptions.best_match(err.context)
            out.append(best if best.validator not in ("type",) else err)
        else:
            out.append(err)
    return out


def _unknown_keys(err: jsonschema.ValidationError) -> list[str]:
    allowed = err.schema.get("properties", {})
    return [k for k in (err.instance or {}) if k not in allowed]


def where(err: jsonschema.ValidationError, what: str = "the file") -> str:
    return ".".join(str(p) for p in err.path) or what


TYPE_HINTS = {
    "array": "write a list, one '- item' per line",
    "string": "write text; put it in quotes if it looks like a number, a date or true/false",
    "integer": "write a whole number, e.g. 5",
    "number": "write a number, e.g. 1.5",
    "boolean": "write true or false",
    "object": "write 'key: value' fields, indented under this one",
}


def explain(err: jsonschema.ValidationError, what: str = "the file") -> tuple[str, str]:
    """A message and a hint for one schema violation, in plain words."""
    at = where(err, what)
    kind = err.validator
    if kind == "required":
        missing = err.message.split("'")[1]
        return f"{at} is missing '{missing}'", f"add '{missing}:'"
    if kind == "additionalProperties":
        allowed = sorted(err.schema.get("properties", {}))
        unknown = _unknown_keys(err)
        key = unknown[0] if unknown else "?"
        close = difflib.get_close_matches(key, allowed, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"allowed: {', '.join(allowed)}"
        return f"unknown field '{key}'", hint
    if kind == "format" and err.schema.get("format") == "date":
        return f"{at}: '{err.instance}' is not a date", "write it as YYYY-MM-DD, e.g. 2022-01-25"
    if kind == "enum":
        choices = ", ".join(map(str, err.validator_value))
        close = difflib.get_close_matches(str(err.instance), map(str, err.validator_value), n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"use one of {choices}"
        return f"{at}: '{err.instance}' is not one of {choices}", hint
    if kind == "type":
        expected = err.validator_value
        hint = TYPE_HINTS.get(expected if isinstance(expected, str) else expected[0], "")
        return f"{at} should be {_a(expected)}, not {_a(type(err.instance).__name__)}", hint
    if kind in ("minItems", "minLength", "minProperties"):
        return f"{at} is empty", "give at least one value"
    if kind == "maxItems":
        return f"{at} has too many entries", f"give at most {err.validator_value}"
    if kind == "uniqueItems":
        seen, twice = set(), None
        for item in err.instance:
            if item in seen:
                twice = item
                break
            seen.add(item)
        return f"{at} lists '{twice}' twice", "list each entry once"
    if kind == "pattern":
        return f"{at}: '{err.instance}' is not written as expected", _pattern_hint(err)
    if kind in ("minimum", "exclusiveMinimum"):
        return f"{at}: {err.instance} is too small", f"use at least {err.validator_value}"
    if kind in ("maximum", "exclusiveMaximum"):
        return f"{at}: {err.instance} is too large", f"use at most {err.validator_value}"
    if kind in ("oneOf", "anyOf"):
        description = err.schema.get("description", "")
        return f"{at}: '{err.instance}' is not a valid value", description
    return f"{at}: {err.message}", ""


def _pattern_hint(err: jsonschema.ValidationError) -> str:
    description = err.schema.get("description")
    if description:
        return description
    return "see the field's description in the schema"


def _a(name: Any) -> str:
    if isinstance(name, list):
        return " or ".join(_a(n) for n in name)
    words = {
        "array": "a list",
        "list": "a list",
        "string": "text",
        "str": "text",
        "object": "a set of fields",
        "dict": "a set of fields",
        "integer": "a whole number",
        "int": "a whole number",
        "number": "a number",
        "NoneType": "empty",
        "boolean": "true/false",
        "bool": "true/false",
        "float": "a number",
    }
    return words.get(str(name), str(name))
