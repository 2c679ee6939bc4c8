"""Take the theme's named styles for a language, produce their CSS rules (`.body-text {...}`).

The DOCX writer turns the same `Style` records into Word styles (docx/styles.py), so a
change in theme.yaml reaches both outputs. A property the style leaves unset (None) is
not written: it is inherited, as in Word.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from markupsafe import Markup

from .. import styles as names
from ..language import Language
from ..theme import Style, Theme

GENERIC = {"serif", "sans-serif", "monospace"}
ALIGN = {"left": "left", "right": "right", "center": "center", "justify": "justify"}


def pt(value: float) -> str:
    """12.5 -> "12.5pt" (CSS lengths printed from theme points)."""
    return f"{round(value, 3):g}pt"


def css_string(value: str) -> Markup:
    """A Python string as a CSS string literal (JSON's escaping is valid CSS for these)."""
    return Markup(json.dumps(value, ensure_ascii=False).replace("</", "<\\/"))


def font_stack(fonts: tuple[str, ...]) -> str:
    return ", ".join(n if n in GENERIC else f'"{n}"' for n in fonts)


def declarations(
    style: Style,
    language: Language,
    length: Callable[[float], str] = pt,
    faces: dict[str, tuple[str, ...]] | None = None,
) -> list[str]:
    """The CSS declarations for one style; None properties are left to inheritance.
    `length` prints a length given in points (the web edition prints rem); `faces` are
    the font stacks (the PDF's by default)."""
    faces = language.pdf_fonts if faces is None else faces
    out = []
    if style.font:
        out.append(f"font-family: {font_stack(faces[style.font])}")
    if style.size:
        out.append(f"font-size: {length(style.size)}")
    if style.bold is not None:
        out.append(f"font-weight: {'bold' if style.bold else 'normal'}")
    if style.italic is not None:
        out.append(f"font-style: {'italic' if style.italic else 'normal'}")
    if style.caps is not None:
        out.append(f"text-transform: {'uppercase' if style.caps else 'none'}")
    if style.letter_spacing is not None:
        out.append(f"letter-spacing: {length(style.letter_spacing)}")
    if style.colour:
        out.append(f"color: {style.colour}")
    if style.align:
        out.append(f"text-align: {ALIGN[style.align]}")
    if style.line_height:
        out.append(f"line-height: {style.line_height:g}")
    if style.space_before is not None:
        out.append(f"margin-top: {length(style.space_before)}")
    if style.space_after is not None:
        out.append(f"margin-bottom: {length(style.space_after)}")
    if style.first_line_indent is not None:
        out.append(f"text-indent: {length(style.first_line_indent)}")
    if style.indent_left is not None:
        out.append(f"margin-left: {length(style.indent_left)}")
    if style.keep_with_next:
        out.append("break-after: avoid")
    if style.fill:
        out.append(f"background: {style.fill}")
    if style.rule_below:
        rule = style.rule_below
        out.append(f"border-bottom: {length(rule.width)} solid {rule.colour}")
        out.append(f"padding-bottom: {length(rule.gap)}")
    if style.underline is not None:
        out.append(f"text-decoration: {'underline' if style.underline else 'none'}")
    if style.superscript:
        out.append("vertical-align: super")
    return out


def style_rules(
    theme: Theme,
    language: Language,
    length: Callable[[float], str] = pt,
    faces: dict[str, tuple[str, ...]] | None = None,
    scope: str = "",
) -> Markup:
    """One rule per named style, in the order of styles.ALL_STYLES; `scope` is a
    selector the rules apply within (a page of papers in several languages)."""
    rules = []
    for name in names.ALL_STYLES:
        found = declarations(theme.style(name, language), language, length, faces)
        if found:
            body = ";\n  ".join(found)
            rules.append(f"{scope}.{names.css_class(name)} {{\n  {body};\n}}")
    return Markup("\n".join(rules))
