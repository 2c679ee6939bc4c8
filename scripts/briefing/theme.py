"""Take a theme folder, produce the checked values both writers read: page, colours, lengths,
the named styles and the languages.

theme.yaml is checked against schema/theme.schema.json; a mistake is a content error at
`templates/<name>/theme.yaml:line:col`. Every length is converted to points here, so the
writers never parse units: CSS prints points, the DOCX converts points to twips.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import yaml

from . import styles as names
from .charts.style import (
    MIN_LIGHTNESS_STEP,
    ChartStyle,
    chart_style,
    greyscale_clashes,
    lightness,
)
from .errors import Collector
from .language import Language
from .theme_print import CropMarks, OutputIntent, check_output_intent, crop_marks, output_intent
from .theme_source import TEMPLATES_DIR, THEME_FILE, ThemeNotFound, read_source, theme_folder
from .yamlcheck import check, construct, node_at, report_at, schema, source_file

__all__ = ["Theme", "Style", "load_theme", "theme_folder", "ThemeNotFound", "TEMPLATES_DIR"]

DEFAULT_NAME = "default"
DEFAULT_THEME = TEMPLATES_DIR / DEFAULT_NAME
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
    hanging: float | None = None  # every line but the first indented by this much
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
    "hanging",
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
    bleed: float = 0.0  # beyond the trim on every side; 0 but in the print edition

    @property
    def text_width(self) -> float:
        return self.width - self.margin_left - self.margin_right

    @property
    def text_height(self) -> float:
        return self.height - self.margin_top - self.margin_bottom

    def turned(self) -> Page:
        """The page on its side, for `::: landscape`: width and height swapped, the margins
        kept on the same sides of the text (the running header stays above it)."""
        return replace(self, width=self.height, height=self.width)


@dataclass(frozen=True)
class Web:
    """The web edition's screen layout: lengths in points, sizes scaled by `text_scale`."""

    text_scale: float
    measure: float
    gutter: float
    space_top: float
    index_language: str  # the language of the web edition's index page


@dataclass(frozen=True)
class Logo:
    """The house logo (SVG, PNG or JPEG), printed `width` points wide."""

    path: Path
    width: float
    alt: str


@dataclass(frozen=True)
class Cover:
    """The top of a paper's first page: a full-width colour band (or none), and whether
    the logo is printed there (in the band, or above the title without one)."""

    band: bool = False
    band_height: float = 0.0  # from the top edge of the page
    band_colour: str = ""
    logo: bool = False


@dataclass(frozen=True)
class KeyPointsLayout:
    """Where the key points go: a box above the body ("box"), or a panel beside the body
    on the first page ("side-panel", `width` points wide, `gap` from the body text)."""

    placement: str = "box"
    side: str = "right"
    width: float = 0.0
    gap: float = 0.0

    @property
    def side_panel(self) -> bool:
        return self.placement == "side-panel"


@dataclass(frozen=True)
class Watermark:
    """The diagonal mark of a draft: its colour, letter size and angle (counter-clockwise)."""

    colour: str
    size: float
    angle: float


@dataclass(frozen=True)
class Imprint:
    """The closing imprint line's parts, in one language; `qr` prints the URL as a QR code."""

    publisher: str = ""
    licence: str = ""
    url: str = ""
    qr: bool = False
    qr_size: float = 0.0
    separator: str = " · "

    def parts(self) -> tuple[str, ...]:
        return tuple(p for p in (self.publisher, self.licence, self.url) if p)


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
    scripts: Lengths
    volume: Lengths
    web: Web
    charts: ChartStyle
    styles: dict[str, Style]
    languages: dict[str, Language]
    folders: tuple[Path, ...] = ()  # where its templates are looked for, its own first
    logo: Logo | None = None
    cover: Cover = Cover()
    key_points: KeyPointsLayout = KeyPointsLayout()
    watermark: Watermark = Watermark("#CCCCCC", 96.0, 45.0)
    imprint_values: dict = field(default_factory=dict, compare=False, repr=False)
    crop_marks: CropMarks | None = None
    output_intent: OutputIntent | None = None
    # Per edition, the theme values merged on top of this theme (theme.yaml `editions:`).
    editions: dict = field(default_factory=dict, compare=False, repr=False)
    _merged: dict = field(default_factory=dict, compare=False, repr=False)

    def language(self, code: str) -> Language:
        return self.languages[code]

    def imprint(self, language: Language) -> Imprint | None:
        """The imprint in `language` (its own values on top of the theme's); None if none."""
        values = {**self.imprint_values, **language.imprint}
        if not values:
            return None
        return Imprint(
            publisher=values.get("publisher", ""),
            licence=values.get("licence", ""),
            url=values.get("url", ""),
            qr=bool(values.get("qr", False)) and bool(values.get("url")),
            qr_size=points(values.get("qr_size", "20mm")),
            separator=values.get("separator", " · "),
        )

    @property
    def files(self) -> list[Path]:
        """Every file of the theme and the themes it extends (for the manifest and make)."""
        return sorted({p for f in self.folders for p in f.rglob("*") if p.is_file()})

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


_CACHE: dict[tuple[Path, str], Theme] = {}


def load_theme(
    theme: str | Path = DEFAULT_NAME, overrides: dict | None = None, *, name: str = "overrides"
) -> Theme:
    """The theme `theme` (a name under templates/, or a folder), checked, with `overrides`
    (the same structure as theme.yaml, e.g. {"page": {"width": "148mm"}}) merged on top.

    Raises ContentError naming the file, line and column of each mistake (in the theme,
    the theme it extends, or `name` for the overrides), ThemeNotFound for an unknown name.
    Loaded themes are cached per (folder, overrides).
    """
    folder = theme_folder(theme)
    key = (folder, json.dumps(overrides or {}, sort_keys=True, default=str))
    if key not in _CACHE:
        _CACHE[key] = _load(folder, overrides, name)
    return _CACHE[key]


def clear_theme_cache() -> None:
    """Forget loaded themes (a watcher whose theme files changed)."""
    _CACHE.clear()


load_theme.cache_clear = clear_theme_cache  # type: ignore[attr-defined]


def _load(folder: Path, overrides: dict | None, name: str) -> Theme:
    report = Collector(folder / THEME_FILE)
    source = read_source(folder, report, overrides, name)
    report.raise_if_errors()
    node = source.node
    data = construct(node)
    check(data, node, schema("theme"), report, what="the theme")
    report.raise_if_errors()
    _check_references(data, node, report)
    report.raise_if_errors()
    colours = {k: v.upper() for k, v in data["colours"].items()}
    body_size = points(data["styles"].get(names.BODY, {}).get("size", 11))
    languages = {
        code: Language.from_theme(code, value) for code, value in data["languages"].items()
    }
    for code, language in languages.items():
        for where, message in language.problems():
            report_at(report, node, ("languages", code, *where), f"languages.{code}: {message}")
    report.raise_if_errors()
    chain = source.folders
    return Theme(
        folder=folder,
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
        scripts=Lengths(data["scripts"]),  # a share, not a length
        volume=Lengths({k: points(v, body_size) for k, v in data["volume"].items()}),
        web=Web(
            text_scale=data["web"]["text_scale"],
            index_language=data["web"]["index_language"],
            **{
                k: points(v, body_size)
                for k, v in data["web"].items()
                if k not in ("text_scale", "index_language")
            },
        ),
        charts=chart_style(data["charts"], lambda c: _colour(c, colours).upper(), points),
        styles={
            name: _resolve(name, value, colours, body_size)
            for name, value in data["styles"].items()
        },
        languages=languages,
        folders=tuple(dict.fromkeys([*chain, DEFAULT_THEME])),
        logo=_logo(data, node),
        cover=_cover(data.get("cover", {}), colours),
        key_points=_key_points(data.get("key_points", {})),
        watermark=_watermark(data["watermark"], colours),
        imprint_values=dict(data.get("imprint", {})),
        crop_marks=crop_marks(data.get("print", {})),
        output_intent=output_intent(data.get("print", {}), node, _asset),
        editions=dict(data.get("editions", {})),
    )


def _logo(data: dict, node: yaml.Node) -> Logo | None:
    if "logo" not in data:
        return None
    logo = data["logo"]
    file_node = node_at(node, ("logo", "file"))
    return Logo(
        path=_asset(logo["file"], file_node), width=points(logo["width"]), alt=logo.get("alt", "")
    )


def _asset(name: str, node: yaml.Node) -> Path:
    """A file named in a theme, relative to the folder of the theme.yaml that names it."""
    where = source_file(node)
    return ((where.parent if where else DEFAULT_THEME) / name).resolve()


def _cover(data: dict, colours: dict[str, str]) -> Cover:
    return Cover(
        band=data.get("band", False),
        band_height=points(data.get("band_height", 0)),
        band_colour=_colour(data.get("band_colour", "accent"), colours),
        logo=data.get("logo", False),
    )


def _key_points(data: dict) -> KeyPointsLayout:
    return KeyPointsLayout(
        placement=data.get("placement", "box"),
        side=data.get("side", "right"),
        width=points(data.get("width", 0)),
        gap=points(data.get("gap", 0)),
    )


def _watermark(data: dict, colours: dict[str, str]) -> Watermark:
    return Watermark(
        colour=_colour(data["colour"], colours),
        size=points(data["size"]),
        angle=float(data["angle"]),
    )


def _check_references(data: dict, node, report: Collector) -> None:
    """What the schema cannot say: colour names exist, every style the writers use is
    defined, the files the theme names are there."""
    colours = data["colours"]

    def check_colour(value: str, path: tuple) -> None:
        if not value.startswith("#") and value not in colours:
            report_at(
                report,
                node,
                path,
                f"no colour named '{value}'",
                "define it under colours, or use #RRGGBB",
            )

    def check_styles(styles: dict, path: tuple) -> None:
        for name, style in styles.items():
            if name not in names.ALL_STYLES:
                report_at(
                    report,
                    node,
                    (*path, name),
                    f"unknown style '{name}'",
                    f"styles are: {', '.join(names.ALL_STYLES)}",
                )
            for key in ("colour", "fill"):
                if key in style:
                    check_colour(style[key], (*path, name, key))
            if "rule_below" in style:
                check_colour(style["rule_below"]["colour"], (*path, name, "rule_below", "colour"))

    check_styles(data["styles"], ("styles",))
    if data["web"]["index_language"] not in data["languages"]:
        message = f"no language '{data['web']['index_language']}'"
        hint = f"use one of {', '.join(data['languages'])}"
        report_at(report, node, ("web", "index_language"), message, hint)
    charts = data["charts"]
    for key in ("text", "axis", "gridline"):
        check_colour(charts[key], ("charts", key))
    for i, value in enumerate(charts["palette"]):
        check_colour(value, ("charts", "palette", i))
    if not report.errors:
        _check_palette(charts["palette"], colours, node, report)
    missing = [n for n in names.ALL_STYLES if n not in data["styles"]]
    if missing:
        message = f"styles is missing {', '.join(missing)}"
        report_at(report, node, ("styles",), message, "define every style")
    for code, language in data["languages"].items():
        check_styles(language.get("styles", {}), ("languages", code, "styles"))
    for section, key in (("cover", "band_colour"), ("watermark", "colour")):
        if key in data.get(section, {}):
            check_colour(data[section][key], (section, key))
    _check_layout(data, node, report)
    if "logo" in data:
        _check_logo(data, node, report)
    if "output_intent" in data.get("print", {}):
        check_output_intent(data, node, report, _asset)


def _check_layout(data: dict, node, report: Collector) -> None:
    """A band needs a height, a side panel a width, a logo on the cover a logo."""
    cover, panel = data.get("cover", {}), data.get("key_points", {})
    if cover.get("band") and points(cover.get("band_height", 0)) <= 0:
        report_at(report, node, ("cover", "band"), "cover: a band needs a band_height", "e.g. 40mm")
    if panel.get("placement") == "side-panel" and points(panel.get("width", 0)) <= 0:
        report_at(
            report, node, ("key_points", "placement"), "a side panel needs a width", "e.g. 60mm"
        )
    if cover.get("logo") and "logo" not in data:
        report_at(
            report,
            node,
            ("cover", "logo"),
            "cover: logo is true, but the theme has no logo",
            "add logo: {file: logo.svg, width: 30mm}",
        )


def _check_logo(data: dict, node, report: Collector) -> None:
    """The logo file is beside the theme.yaml that names it, and is an image we can draw."""
    from .figures import FigureError, load

    name = data["logo"]["file"]
    found = _asset(name, node_at(node, ("logo", "file")))
    problem, hint = "", ""
    if not found.is_file():
        problem = f"logo: no file '{name}' beside this theme.yaml"
        hint = "put the logo (SVG, PNG or JPEG) in the theme's folder, or fix the name"
    else:
        try:
            load(found)
        except FigureError as exc:
            problem, hint = f"logo: '{name}' {exc.problem}", exc.hint
    if problem:
        report_at(report, node, ("logo", "file"), problem, hint)


def _check_palette(palette: list[str], colours: dict, node, report: Collector) -> None:
    """Chart series must stay apart when printed in greyscale."""
    resolved = tuple(_colour(c, colours) for c in palette)
    for i, j in greyscale_clashes(resolved):
        report_at(
            report,
            node,
            ("charts", "palette", j),
            f"charts.palette: {palette[i]} and {palette[j]} look alike in greyscale "
            f"(lightness {lightness(resolved[i]):.0f} and {lightness(resolved[j]):.0f})",
            f"pick colours at least {MIN_LIGHTNESS_STEP:.0f} apart in CIE L* lightness",
        )
