"""Take the theme and a language, produce what the web edition's stylesheet (web.css.j2)
fills in: the named styles' rules and the theme's lengths, in screen units.

The rules come from the same `styles:` table as the PDF's and the DOCX's (html/css.py
writes them), so a change of brand colour or heading size reaches all three. On a
screen every length is in rem, where 1rem is the body text's size times the theme's
`web.text_scale`; the root size is a percentage of the reader's own default, so a reader
who has asked their browser for larger text gets it.
"""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup

from .. import styles
from ..html.css import font_stack, style_rules
from ..language import Language
from ..theme import Lengths, Theme

BROWSER_DEFAULT_PT = 12.0  # 16px, every browser's default text size


def rem_of(base: float) -> Callable[[float], str]:
    """A printer of lengths given in points, as rem of a `base`-point body text."""

    def rem(points: float) -> str:
        return f"{round(points / base, 4):g}rem"

    return rem


def css_values(theme: Theme, language: Language) -> dict:
    body = theme.style(styles.BODY, language)
    rem = rem_of(body.size)

    def section(lengths: Lengths) -> dict[str, str]:
        return {k: rem(v) if isinstance(v, float) else v for k, v in lengths.items()}

    web = theme.web
    return dict(
        root_size=f"{round(body.size * web.text_scale / BROWSER_DEFAULT_PT * 100, 2):g}%",
        line_height=body.line_height,
        colours=theme.colours,
        box=section(theme.box),
        tables=section(theme.tables),
        figures=section(theme.figures),
        lists=section(theme.lists),
        footnotes=section(theme.footnotes),
        measure=rem(web.measure),
        gutter=rem(web.gutter),
        space_top=rem(web.space_top),
        call_size=f"{theme.footnotes.call_scale:g}em",
        fonts={k: font_stack(v) for k, v in language.web_fonts.items()},
        hyphenate=language.hyphenate,
        style_rules=Markup(style_rules(theme, language, rem, language.web_fonts)),
    )


def language_rules(theme: Theme, language: Language, base: Language) -> Markup:
    """For a page in `base`'s language that lists papers in `language`: that language's
    faces and styles, within its entries (`[lang=...]`)."""
    rem = rem_of(theme.style(styles.BODY, base).size)
    scope = f'[lang="{language.code}"] '
    face = f"{scope}{{ font-family: {font_stack(language.web_fonts['body'])}; }}"
    rules = style_rules(theme, language, rem, language.web_fonts, scope)
    return Markup(f"{face}\n{rules}")  # (str + Markup would escape the str)
