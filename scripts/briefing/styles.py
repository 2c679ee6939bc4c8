"""The named styles: one name per kind of text, the Word style in DOCX and the CSS class in HTML.

An editor who restyles "Key Points" in Word and a designer who edits `.key-points` in CSS
are changing the same thing; both writers take their names from this table.
"""

from __future__ import annotations

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
FOOTNOTE_REFERENCE = "Footnote Reference"
HEADER = "Header"
FOOTER = "Footer"
LIST_BULLET = "List Bullet"
LIST_NUMBER = "List Number"
QUOTE = "Quote"
CODE = "Source Code"
TABLE_TEXT = "Table Text"
TABLE_HEADING = "Table Heading"


def css_class(style_name: str) -> str:
    """'Key Points Title' -> 'key-points-title'."""
    return style_name.lower().replace(" ", "-")
