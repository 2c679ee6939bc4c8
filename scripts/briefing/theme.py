"""Take a theme folder, produce the checked values both writers read: page, colours, lengths,
the named styles and the languages.

theme.yaml is checked against schema/theme.schema.json; a mistake is a content error at
`templates/<name>/theme.yaml:line:col`. Every length is converted to points here, so the
writers never parse units: CSS prints points, the DOCX converts points to twips.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from functools import cache
from pathlib import Path
from typing import Any

from . import styles as names
from .errors import Collector
from .language import Language
from .yamlcheck import load_checked, position, schema

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "templates"
DEFAULT_THEME = TEMPLATES_DIR / "default"
POINTS = {"pt": 1.0, "mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72.0}
LENGTH = re.compile(r"^(-?\d+(?:\.\d+)?)(pt|mm|cm|in|em)$")


def points(value: float | int | str, em: float = 0.0) -> float:
    """A theme length in points: 11 -> 11, "25mm" -> 70.87, "2em" -> 2 x `em`."""
    if isinstance(value, (int, float)):
        return float(value)
    number, unit = LENGTH.match(value).groups()
    return float(number) * (em if unit == "em" else POINTS[unit])


class Lengths(dict):
    """A section of lengths (`theme.box.border`), in points."""

    def __getattr__(self, name: str) -> float:
        try:
            return self[name]
        except KeyError as exc:
            raise AttributeError(name) from exc


@dataclass(frozen=True)
class Rule:
    width: float  # pt
    colour: str  # #RRGGBB
    gap: float  # pt between the text and the line


@dataclass(frozen=True)
class Style:
    """One named style, resolved: lengths in points, colours as #RRGGBB. None = inherit."""

    name: str
    font: str | None = None  # "body" | "heading" | "mono"
    size: float | None = None
    bold: bool | None = None
    italic: bool | None = None
    caps: bool | None = None
    letter_spacing: float | None = None
    colour: str | None = None
    align: str | None = None  # "left" | "right" | "center" | "justify"
    line_height: float | None = None
    space_before: float | None = None
    space_after: float | None = None
    first_line_indent: float | None = None
    indent_left: float | None = None
    keep_with_next: bool | None = None
    fill: str | None = None
    rule_below: Rule | None = None
    underline: bool | None = None
    superscript: bool | None = None

    @property
    def character(self) -> bool:
        return self.name in names.CHARACTER_STYLES


STYLE_LENGTHS = (
    "letter_spacing",
    "space_before",
    "space_after",
    "first_line_indent",
    "indent_left",
)


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    margin_top: float
    margin_bottom: float
    margin_left: float
    margin_right: float
    header_distance: float
    footer_distance: float
    running_head_gap: float
    running_head_left: float  # the most the header's left part (the series) may take

    @property
    def text_width(self) -> float:
        return self.width - self.margin_left - self.margin_right

    @property
    def text_height(self) -> float:
        return self.height - self.margin_top - self.margin_bottom


@dataclass(frozen=True)
class Theme:
    folder: Path
    name: str
    page: Page
    colours: dict[str, str]
    box: Lengths
    tables: Lengths
    figures: Lengths
    lists: Lengths
    footnotes: Lengths
    volume: Lengths
    styles: dict[str, Style]
    languages: dict[str, Language]
    _merged: dict = field(default_factory=dict, compare=False, repr=False)

    def language(self, code: str) -> Language:
        return self.languages[code]

    def style(self, name: str, language: Language) -> Style:
        """The named style as `language` sets it (its overrides on top of the base)."""
        key = (name, language.code)
        if key not in self._merged:
            base = self.styles[name]
            override = language.style_overrides.get(name)
            self._merged[key] = (
                _resolve(name, {**_raw(base), **override}, self.colours, self._body_size())
                if override
                else base
            )
        return self._merged[key]

    def _body_size(self) -> float:
        return self.styles[names.BODY].size or 11.0


def _raw(style: Style) -> dict:
    """A resolved style back to theme-file form, for merging a language's overrides."""
    out = {}
    for f in fields(style):
        value = getattr(style, f.name)
        if f.name == "name" or value is None:
            continue
        out[f.name] = (
            {"width": value.width, "colour": value.colour, "gap": value.gap}
            if isinstance(value, Rule)
            else value
        )
    return out


def _colour(value: str, colours: dict[str, str]) -> str:
    return value if value.startswith("#") else colours[value]


def _resolve(name: str, data: dict, colours: dict[str, str], body_size: float) -> Style:
    size = points(data["size"]) if "size" in data else None
    em = size or body_size
    values: dict[str, Any] = {k: v for k, v in data.items() if k not in ("size", "rule_below")}
    values["size"] = size
    for key in STYLE_LENGTHS:
        if key in data:
            values[key] = points(data[key], em)
    for key in ("colour", "fill"):
        if key in data:
            values[key] = _colour(data[key], colours)
    if "rule_below" in data:
        rule = data["rule_below"]
        values["rule_below"] = Rule(
            points(rule["width"]), _colour(rule["colour"], colours), points(rule["gap"])
        )
    return Style(name=name, **values)


@cache
def load_theme(folder: Path = DEFAULT_THEME) -> Theme:
    """The theme in `folder`, checked; raises ContentError naming theme.yaml's lines."""
    path = Path(folder) / "theme.yaml"
    report = Collector(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        report.error(1, 1, f"cannot read the theme: {exc.strerror}", "check the theme's folder")
        report.raise_if_errors()
    loaded = load_checked(text, schema("theme"), report, what="the theme")
    report.raise_if_errors()
    data, node = loaded
    _check_references(data, node, report)
    report.raise_if_errors()
    colours = {k: v.upper() for k, v in data["colours"].items()}
    body_size = points(data["styles"].get(names.BODY, {}).get("size", 11))
    languages = {
        code: Language.from_theme(code, value) for code, value in data["languages"].items()
    }
    for code, language in languages.items():
        for where, message in language.problems():
            line, col = position(node, ("languages", code, *where))
            report.error(line, col, f"languages.{code}: {message}")
    report.raise_if_errors()
    return Theme(
        folder=Path(folder),
        name=data["name"],
        page=Page(**{k: points(v) for k, v in data["page"].items()}),
        colours=colours,
        box=Lengths({k: points(v) for k, v in data["box"].items()}),
        tables=Lengths({k: points(v) for k, v in data["tables"].items()}),
        figures=Lengths(
            {k: (v if k == "max_blank" else points(v)) for k, v in data["figures"].items()}
        ),
        lists=Lengths({k: points(v) for k, v in data["lists"].items()}),
        footnotes=Lengths(
            {k: (v if k == "call_scale" else points(v)) for k, v in data["footnotes"].items()}
        ),
        volume=Lengths({k: points(v, body_size) for k, v in data["volume"].items()}),
        styles={
            name: _resolve(name, value, colours, body_size)
            for name, value in data["styles"].items()
        },
        languages=languages,
    )


def _check_references(data: dict, node, report: Collector) -> None:
    """What the schema cannot say: colour names exist, every style the writers use is defined."""
    colours = data["colours"]

    def check_colour(value: str, path: tuple) -> None:
        if not value.startswith("#") and value not in colours:
            line, col = position(node, path)
            report.error(
                line, col, f"no colour named '{value}'", "define it under colours, or use #RRGGBB"
            )

    def check_styles(styles: dict, path: tuple) -> None:
        for name, style in styles.items():
            if name not in names.ALL_STYLES:
                line, col = position(node, (*path, name))
                report.error(
                    line,
                    col,
                    f"unknown style '{name}'",
                    f"styles are: {', '.join(names.ALL_STYLES)}",
                )
            for key in ("colour", "fill"):
                if key in style:
                    check_colour(style[key], (*path, name, key))
            if "rule_below" in style:
                check_colour(style["rule_below"]["colour"], (*path, name, "rule_below", "colour"))

    check_styles(data["styles"], ("styles",))
    missing = [n for n in names.ALL_STYLES if n not in data["styles"]]
    if missing:
        line, col = position(node, ("styles",))
        report.error(line, col, f"styles is missing {', '.join(missing)}", "define every style")
    for code, language in data["languages"].items():
        check_styles(language.get("styles", {}), ("languages", code, "styles"))
