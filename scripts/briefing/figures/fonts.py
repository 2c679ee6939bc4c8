"""Take the font-family values in an SVG (attributes, style attributes, <style> sheets),
produce the same values with installed fallbacks appended, so text in a figure drawn on a
machine without Arial or Microsoft JhengHei keeps its metrics and never shows tofu.

Every renderer that draws our figures (WeasyPrint/Pango for the PDF, resvg for the DOCX's
PNG, Word and LibreOffice for the DOCX's SVG) reads the family list from the file itself,
while fontconfig aliases reach only the first. So the fallbacks are written into the SVG:
each family is followed by its metric-compatible twin (the Liberation fonts have Arial's,
Helvetica's, Times New Roman's and Courier New's widths, so labels keep their length), and
every list ends with a Latin face and a Noto CJK TC face (Han characters fall through to
it in every renderer) and a generic family. The CSS is parsed and written back by tinycss2
(WeasyPrint's own CSS parser), not by regular expressions.
"""

from __future__ import annotations

import tinycss2

SANS, SERIF, MONO = "Liberation Sans", "Liberation Serif", "Liberation Mono"
CJK_SANS, CJK_SERIF = "Noto Sans CJK TC", "Noto Serif CJK TC"

# Fonts figures name that Debian does not ship, and the installed face with the same
# metrics (Liberation) or the same role and script (Noto CJK TC). Keys are lower case.
TWINS = {
    **dict.fromkeys(
        ["arial", "arialmt", "helvetica", "helvetica neue", "nimbus sans", "nimbus sans l"],
        SANS,
    ),
    **dict.fromkeys(["times new roman", "timesnewromanpsmt", "times", "nimbus roman"], SERIF),
    **dict.fromkeys(["courier new", "couriernewpsmt", "courier", "nimbus mono ps"], MONO),
    **dict.fromkeys(
        ["microsoft jhenghei", "微軟正黑體", "microsoft yahei", "微软雅黑", "pingfang tc",
         "heiti tc", "黑體-繁", "noto sans tc", "source han sans tc"],
        CJK_SANS,
    ),
    **dict.fromkeys(
        ["pmingliu", "新細明體", "mingliu", "細明體", "simsun", "宋体", "dfkai-sb", "標楷體",
         "kaiti", "songti tc", "noto serif tc", "source han serif tc"],
        CJK_SERIF,
    ),
}  # fmt: skip
GENERIC = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui"}
FAMILY_PROPERTY = "font-family"


def with_fallbacks(families: list[str]) -> list[str]:
    """['Arial'] -> ['Arial', 'Liberation Sans', 'Noto Sans CJK TC', 'sans-serif']."""
    named = [f for f in families if f.lower() not in GENERIC]
    generic = next((f for f in families if f.lower() in GENERIC), None)
    serif = generic == "serif" or any(TWINS.get(f.lower()) in (SERIF, CJK_SERIF) for f in named)
    out: list[str] = []
    for family in named:
        out.append(family)
        if TWINS.get(family.lower()):
            out.append(TWINS[family.lower()])
    tail = [SERIF, CJK_SERIF] if serif else [SANS, CJK_SANS]
    if generic == "monospace":
        tail = [MONO, CJK_SANS]
    out += tail + [generic or ("serif" if serif else "sans-serif")]
    return list(dict.fromkeys(out))


def family_value(value: str) -> str:
    """A font-family value (attribute or declaration) with the fallbacks appended."""
    families = _families(tinycss2.parse_component_value_list(value))
    # No space after the commas: WeasyPrint 70's SVG text splits the list at commas and
    # strips quotes but not spaces, so "'A', 'B'" would ask for a font named " 'B".
    return ",".join(_quote(f) for f in with_fallbacks(families)) if families else value


def style_attribute(style: str) -> str:
    """A style="..." attribute with its font-family declaration (if any) completed."""
    declarations = tinycss2.parse_blocks_contents(style)
    if not any(_is_family(d) for d in declarations):
        return style
    return _declarations_text(declarations)


def style_sheet(css: str) -> str:
    """A <style> sheet with every rule's font-family completed."""
    rules = tinycss2.parse_stylesheet(css)
    if not any(
        _is_family(d)
        for r in rules
        if r.type == "qualified-rule"
        for d in tinycss2.parse_blocks_contents(r.content)
    ):
        return css
    parts = []
    for rule in rules:
        if rule.type == "qualified-rule":
            body = _declarations_text(tinycss2.parse_blocks_contents(rule.content))
            parts.append(f"{tinycss2.serialize(rule.prelude)}{{{body}}}")
        else:
            parts.append(rule.serialize())
    return "".join(parts)


def _is_family(node) -> bool:
    return node.type == "declaration" and node.lower_name == FAMILY_PROPERTY


def _declarations_text(declarations) -> str:
    parts = []
    for node in declarations:
        if _is_family(node):
            important = " !important" if node.important else ""
            parts.append(f"{FAMILY_PROPERTY}:{family_value(tinycss2.serialize(node.value))}"
                         f"{important};")  # fmt: skip
        elif node.type == "declaration":
            parts.append(node.serialize() + ";")
        elif node.type not in ("whitespace", "comment", "literal"):
            parts.append(node.serialize())
    return "".join(parts)


def _families(tokens) -> list[str]:
    """['DejaVu Sans', 'sans-serif'] from the tokens of `'DejaVu Sans', sans-serif`."""
    families, words = [], []
    for token in [*tokens, None]:
        if token is None or (token.type == "literal" and token.value == ","):
            if words:
                families.append(" ".join(words))
            words = []
        elif token.type in ("string", "ident"):
            words.append(token.value)
    return [f.strip() for f in families if f.strip()]


def _quote(family: str) -> str:
    if family.lower() in GENERIC:
        return family
    return "'" + family.replace("\\", "\\\\").replace("'", "\\'") + "'"
