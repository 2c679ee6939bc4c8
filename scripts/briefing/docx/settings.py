"""Take the python-docx settings part and the paper's language, produce our word/settings.xml.

Adds the document-wide footnote properties Word writes (w:footnotePr, ECMA-376 Part 1,
§17.11.12) and the CJK typography switches, and drops the template's traces of its own
editing history (rsids, preview picture, proofing state).
"""

from __future__ import annotations

from docx.document import Document
from docx.oxml.ns import qn

from briefing.docx.ooxml import Element, el, in_order, val
from briefing.docx.styles import lang_element
from briefing.language import Language
from briefing.theme import Theme

# CT_Settings is an xsd:sequence (§17.15.1.78). Only the elements the template or we
# write are listed; extension elements (w14:docId...) belong at the end, where
# unlisted elements are put.
SETTINGS_ORDER = (
    "writeProtection",
    "view",
    "zoom",
    "removePersonalInformation",
    "removeDateAndTime",
    "proofState",
    "attachedTemplate",
    "defaultTabStop",
    "autoHyphenation",
    "characterSpacingControl",
    "savePreviewPicture",
    "updateFields",
    "footnotePr",
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
    "m:mathPr",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotAutoCompressPictures",
    "shapeDefaults",
    "decimalSymbol",
    "listSeparator",
)
DROPPED = ("savePreviewPicture", "rsids", "proofState", "attachedTemplate")
WORD = "http://schemas.microsoft.com/office/word"


def configure_settings(document: Document, theme: Theme, language: Language) -> None:
    """Footnote placement, CJK typography and a clean history in settings.xml."""
    settings = document.settings.element
    lang_el = lang_element(theme, language)
    added = [
        # Footnotes at the page foot, numbered 1, 2, 3; and the ids of the separator and
        # continuation-separator notes, listed here exactly as Word does.
        el(
            "w:footnotePr",
            None,
            val("w:pos", "pageBottom"),
            val("w:numFmt", "decimal"),
            el("w:footnote", {"w:id": -1}),
            el("w:footnote", {"w:id": 0}),
        ),
        # w:themeFontLang (§17.15.1.88): the same language pair as the runs' w:lang.
        el(
            "w:themeFontLang",
            {"w:val": lang_el.get(qn("w:val")), "w:eastAsia": lang_el.get(qn("w:eastAsia"))},
        ),
    ]
    added.append(_compat())
    if language.cjk:
        # Compress CJK punctuation at line ends, as Chinese Word documents do (§17.15.1.18).
        added.append(val("w:characterSpacingControl", "compressPunctuation"))
    for name in DROPPED + tuple(a.tag for a in added):
        for child in settings.findall(name if name.startswith("{") else qn("w:" + name)):
            settings.remove(child)
    settings.extend(added)
    in_order(settings, SETTINGS_ORDER)


def _compat() -> Element:
    """w:compat (§17.15.1.21): Word 2013+ layout, not the template's Word 2010 mode.

    Mode 15 puts a table's edge, not its cell text, on the margin (so boxes line up
    with the text); doNotExpandShiftReturn keeps a justified line that ends in a line
    break from being stretched across the page; useFELayout is East Asian layout.
    """
    settings = {
        "compatibilityMode": 15,
        "overrideTableStyleFontSizeAndJustification": 1,
        "enableOpenTypeFeatures": 1,
        "doNotFlipMirrorIndents": 1,
    }
    return el(
        "w:compat",
        None,
        el("w:doNotExpandShiftReturn"),
        el("w:useFELayout"),
        *(
            el("w:compatSetting", {"w:name": name, "w:uri": WORD, "w:val": value})
            for name, value in settings.items()
        ),
    )
