"""Take the theme's named styles for a language, produce their CSS rules (`.body-text {...}`).

The DOCX writer turns the same `Style` records into Word styles (docx/styles.py), so a
change in theme.yaml reaches both outputs. A property the style leaves unset (None) is
not written: it is inherited, as in Word.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import NamedTuple

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


class Units(NamedTuple):
    """How declarations print: a length given in points (the PDF prints pt, the web
    edition rem), and the font stacks (the PDF's faces, or the web edition's)."""

    length: Callable[[float], str]
    faces: dict[str, tuple[str, ...]]


def _switch(on: str, off: str):
    return lambda value, units: on if value else off


# Style property -> (CSS property, how its value is written). Order is the order written.
PROPERTIES = (
    ("font", "font-family", lambda v, u: font_stack(u.faces[v])),
    ("size", "font-size", lambda v, u: u.length(v)),
    ("bold", "font-weight", _switch("bold", "normal")),
    ("italic", "font-style", _switch("italic", "normal")),
    ("caps", "text-transform", _switch("uppercase", "none")),
    ("letter_spacing", "letter-spacing", lambda v, u: u.length(v)),
    ("colour", "color", lambda v, u: v),
    ("align", "text-align", lambda v, u: ALIGN[v]),
    ("line_height", "line-height", lambda v, u: f"{v:g}"),
    ("space_before", "margin-top", lambda v, u: u.length(v)),
    ("space_after", "margin-bottom", lambda v, u: u.length(v)),
    ("first_line_indent", "text-indent", lambda v, u: u.length(v)),
    ("indent_left", "margin-left", lambda v, u: u.length(v)),
    ("keep_with_next", "break-after", _switch("avoid", "auto")),
    ("fill", "background", lambda v, u: v),
    ("underline", "text-decoration", _switch("underline", "none")),
    ("superscript", "vertical-align", _switch("super", "baseline")),
)


def declarations(
    style: Style,
    language: Language,
    length: Callable[[float], str] = pt,
    faces: dict[str, tuple[str, ...]] | None = None,
) -> list[str]:
    """The CSS declarations for one style; None properties are left to inheritance.
    `length` prints a length given in points (the web edition prints rem); `faces` are
    the font stacks (the PDF's by default)."""
    units = Units(length, language.pdf_fonts if faces is None else faces)
    out = [
        f"{css}: {write(getattr(style, name), units)}"
        for name, css, write in PROPERTIES
        if getattr(style, name) is not None
    ]
    if style.hanging is not None:  # lines after the first start `hanging` further in
        out.append(f"padding-left: {pt(style.hanging)}")
        out.append(f"text-indent: {pt(-style.hanging)}")
    if style.rule_below:
        rule = style.rule_below
        out.append(f"border-bottom: {length(rule.width)} solid {rule.colour}")
        out.append(f"padding-bottom: {length(rule.gap)}")
    return out


def style_rules(
    theme: Theme,
    language: Language,
    length: Callable[[float], str] = pt,
    faces: dict[str, tuple[str, ...]] | None = None,
    scope: str = "",
) -> Markup:
    """One rule per named style, in the order of styles.ALL_STYLES, then how emphasis is
    marked; `scope` is a selector (with its trailing space) the rules apply within (a
    page of papers in several languages)."""
    rules = []
    for name in names.ALL_STYLES:
        found = declarations(theme.style(name, language), language, length, faces)
        if found:
            body = ";\n  ".join(found)
            rules.append(f"{scope}.{names.css_class(name)} {{\n  {body};\n}}")
    return Markup("\n".join(rules + emphasis_rules(theme, language, scope)))


def emphasis_rules(theme: Theme, language: Language, prefix: str) -> list[str]:
    """*Emphasis* as the language marks it (writer.py splits its text): no slant on wide
    characters; Latin runs in faces with a real italic (a CJK face has none, and
    WeasyPrint draws no synthetic slant); wide letters with dots under them, or bold.
    WeasyPrint has no `text-emphasis`, so each dot is a small radial gradient centred
    under its character's box."""
    if language.emphasis == "italic":
        return []
    rules = [f"{prefix}em.marked {{ font-style: normal; }}"]
    latin = "font-style: italic"
    if language.italic_fonts:
        latin += f"; font-family: {font_stack(language.italic_fonts['body'])}"
    rules.append(f"{prefix}.em-latin {{ {latin}; }}")
    if "heading" in language.italic_fonts:
        heading = font_stack(language.italic_fonts["heading"])
        for name in names.PARAGRAPH_STYLES:
            if theme.style(name, language).font == "heading":
                rules.append(
                    f"{prefix}.{names.css_class(name)} .em-latin {{ font-family: {heading}; }}"
                )
    size, drop = language.emphasis_dot
    colour = theme.colours["text"]
    rules.append(
        f"{prefix}.em-dot {{ padding-bottom: {drop:g}em; background: radial-gradient("
        f"circle closest-side, {colour} 60%, transparent 75%) no-repeat center bottom / "
        f"{size:g}em {size:g}em; }}"
    )
    rules.append(f"{prefix}.em-bold {{ font-weight: bold; }}")
    return rules


def page_label(language: Language) -> Markup:
    """The page label as CSS content: "第 {page} 頁／共 {pages} 頁" ->
    "第 " counter(page) " 頁／共 " counter(pages) " 頁"."""
    parts = []
    for i, piece in enumerate(language.page_label("\x00page\x00", "\x00pages\x00").split("\x00")):
        if piece in ("page", "pages") and i % 2:
            parts.append(f"counter({piece})")
        elif piece:
            parts.append(str(css_string(piece)))
    return Markup(" ".join(parts))


def language_rules(theme: Theme, language: Language) -> Markup:
    """For a paper bound in a volume of another language: its own faces, hyphenation,
    page label and named styles, within its <article lang="...">, so it looks as it does
    on its own (a Chinese paper in an English volume keeps its first-line indents, its
    Chinese faces and 第 9 頁, as in the DOCX)."""
    scope = f'.paper[lang="{language.code}"] '
    own = (
        f"{scope}{{ font-family: {font_stack(language.pdf_fonts['body'])}; "
        f"hyphens: {'auto' if language.hyphenate else 'manual'}; }}\n"
        f"{scope}.page-label::before {{ content: {page_label(language)}; }}"
    )
    return Markup(own) + Markup("\n") + style_rules(theme, language, scope=scope)


def lang_rules(theme: Theme) -> Markup:
    """`<span lang="x">` in each theme language's own faces and hyphenation: its body face,
    its heading face inside styles set in the heading face (and mono in mono ones)."""
    rules = []
    for code, language in theme.languages.items():
        span = f'span[lang="{code}"]'
        hyphens = "auto" if language.hyphenate else "manual"
        rules.append(
            f"{span} {{ font-family: {font_stack(language.pdf_fonts['body'])}; "
            f"hyphens: {hyphens}; }}"
        )
        for role in ("heading", "mono"):
            within = [
                f".{names.css_class(name)} {span}"
                for name, style in theme.styles.items()
                if style.font == role
            ]
            if within:
                stack = font_stack(language.pdf_fonts[role])
                rules.append(f"{', '.join(within)} {{ font-family: {stack}; }}")
    return Markup("\n".join(rules))
