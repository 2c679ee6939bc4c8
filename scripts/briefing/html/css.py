"""Take the theme's named styles for a language, produce their CSS rules (`.body-text {...}`).

The DOCX writer turns the same `Style` records into Word styles (docx/styles.py), so a
change in theme.yaml reaches both outputs. A property the style leaves unset (None) is
not written: it is inherited, as in Word.
"""

from __future__ import annotations

import json

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


def declarations(style: Style, language: Language) -> list[str]:
    """The CSS declarations for one style; None properties are left to inheritance."""
    out = []
    if style.font:
        out.append(f"font-family: {font_stack(language.pdf_fonts[style.font])}")
    if style.size:
        out.append(f"font-size: {pt(style.size)}")
    if style.bold is not None:
        out.append(f"font-weight: {'bold' if style.bold else 'normal'}")
    if style.italic is not None:
        out.append(f"font-style: {'italic' if style.italic else 'normal'}")
    if style.caps is not None:
        out.append(f"text-transform: {'uppercase' if style.caps else 'none'}")
    if style.letter_spacing is not None:
        out.append(f"letter-spacing: {pt(style.letter_spacing)}")
    if style.colour:
        out.append(f"color: {style.colour}")
    if style.align:
        out.append(f"text-align: {ALIGN[style.align]}")
    if style.line_height:
        out.append(f"line-height: {style.line_height:g}")
    if style.space_before is not None:
        out.append(f"margin-top: {pt(style.space_before)}")
    if style.space_after is not None:
        out.append(f"margin-bottom: {pt(style.space_after)}")
    if style.first_line_indent is not None:
        out.append(f"text-indent: {pt(style.first_line_indent)}")
    if style.indent_left is not None:
        out.append(f"margin-left: {pt(style.indent_left)}")
    if style.keep_with_next:
        out.append("break-after: avoid")
    if style.fill:
        out.append(f"background: {style.fill}")
    if style.rule_below:
        rule = style.rule_below
        out.append(f"border-bottom: {pt(rule.width)} solid {rule.colour}")
        out.append(f"padding-bottom: {pt(rule.gap)}")
    if style.underline is not None:
        out.append(f"text-decoration: {'underline' if style.underline else 'none'}")
    if style.superscript:
        out.append("vertical-align: super")
    return out


def style_rules(theme: Theme, language: Language, scope: str = "") -> Markup:
    """One rule per named style, in the order of styles.ALL_STYLES, then how emphasis is
    marked; `scope` (a selector) limits them to what it holds."""
    rules = []
    prefix = f"{scope} " if scope else ""
    for name in names.ALL_STYLES:
        found = declarations(theme.style(name, language), language)
        if found:
            body = ";\n  ".join(found)
            rules.append(f"{prefix}.{names.css_class(name)} {{\n  {body};\n}}")
    return Markup("\n".join(rules + emphasis_rules(theme, language, prefix)))


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
    scope = f'.paper[lang="{language.code}"]'
    own = (
        f"{scope} {{ font-family: {font_stack(language.pdf_fonts['body'])}; "
        f"hyphens: {'auto' if language.hyphenate else 'manual'}; }}\n"
        f"{scope} .page-label::before {{ content: {page_label(language)}; }}"
    )
    return Markup(own) + Markup("\n") + style_rules(theme, language, scope)
