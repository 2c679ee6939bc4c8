"""The named styles: one name per kind of text, the Word style in DOCX and the CSS class in HTML.

An editor who restyles "Key Points" in Word and a designer who edits `.key-points` in CSS
are changing the same thing; both writers take their names from this table, and the
theme (theme.yaml `styles:`) defines each of them once.
"""

from __future__ import annotations

from dataclasses import dataclass

TITLE = "Title"
SUBTITLE = "Subtitle"
SERIES = "Series"
AUTHOR = "Author"
DATE = "Date"
MARKING = "Marking"
HEADINGS = {1: "Heading 1", 2: "Heading 2", 3: "Heading 3"}
BODY = "Body Text"
KEY_POINTS_TITLE = "Key Points Title"
KEY_POINTS = "Key Points"
BOX_TITLE = "Box Title"
BOX_TEXT = "Box Text"
CAPTION = "Caption"
SOURCE = "Source"
FIGURE = "Figure"
FOOTNOTE_TEXT = "Footnote Text"
HEADER = "Header"
FOOTER = "Footer"
HEADER_MARKING = "Header Marking"  # the marking's own line in the running header and footer
LIST_BULLET = "List Bullet"
LIST_NUMBER = "List Number"
QUOTE = "Quote"
CODE = "Source Code"
TABLE_TEXT = "Table Text"
TABLE_HEADING = "Table Heading"
VOLUME_TITLE = "Volume Title"
VOLUME_SUBTITLE = "Volume Subtitle"
IMPRINT = "Imprint"
TOC_HEADING = "TOC Heading"
TOC_1 = "TOC 1"  # Word's built-in name for first-level contents entries
TOC_2 = "TOC 2"
TOC_3 = "TOC 3"
TOC_LEVELS = {1: TOC_1, 2: TOC_2, 3: TOC_3}  # a paper's contents, by heading level
TOC_AUTHORS = "TOC Authors"
DEFINITION_TERM = "Definition Term"
DEFINITION = "Definition"
BAND_TEXT = "Band Text"  # the words in the first page's colour band
ABOUT_TITLE = "About Title"  # "About the authors"
ABOUT_TEXT = "About Text"  # each author's bio
COLOPHON = "Colophon"  # the imprint line closing a paper: publisher, licence, URL
BIBLIOGRAPHY = "Bibliography"  # Word's built-in name for reference-list entries

# Character styles
FOOTNOTE_REFERENCE = "Footnote Reference"
HYPERLINK = "Hyperlink"
CROSS_REFERENCE = "Cross Reference"
VERBATIM = "Verbatim Char"

PARAGRAPH_STYLES = (
    TITLE, SUBTITLE, SERIES, AUTHOR, DATE, MARKING, *HEADINGS.values(), BODY,
    KEY_POINTS_TITLE, KEY_POINTS, BOX_TITLE, BOX_TEXT, LIST_BULLET, LIST_NUMBER, QUOTE, CODE,
    FIGURE, CAPTION, SOURCE, TABLE_TEXT, TABLE_HEADING, FOOTNOTE_TEXT, HEADER, FOOTER,
    HEADER_MARKING, VOLUME_TITLE, VOLUME_SUBTITLE, IMPRINT, TOC_HEADING, TOC_1, TOC_2, TOC_3,
    TOC_AUTHORS,
    DEFINITION_TERM, DEFINITION, BAND_TEXT, ABOUT_TITLE, ABOUT_TEXT, COLOPHON, BIBLIOGRAPHY,
)  # fmt: skip
CHARACTER_STYLES = (FOOTNOTE_REFERENCE, HYPERLINK, CROSS_REFERENCE, VERBATIM)
ALL_STYLES = PARAGRAPH_STYLES + CHARACTER_STYLES


@dataclass(frozen=True)
class BoxKind:
    """How a kind of Box prints: its title's and its text's styles, the style of its list
    items (None: the ordinary list styles) and whether it is framed (border and fill)."""

    title: str
    text: str
    items: str | None
    framed: bool


BOX_KINDS = {
    "box": BoxKind(BOX_TITLE, BOX_TEXT, None, True),
    "key-points": BoxKind(KEY_POINTS_TITLE, KEY_POINTS, KEY_POINTS, True),
    "about-authors": BoxKind(ABOUT_TITLE, ABOUT_TEXT, None, False),
}


def css_class(style_name: str) -> str:
    """'Key Points Title' -> 'key-points-title', 'TOC 1' -> 'toc-1'."""
    return style_name.lower().replace(" ", "-")
