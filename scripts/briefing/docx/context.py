"""Take a theme, a language and a python-docx Document, produce the state one render shares.

The writer's handlers are plain functions of (context, parent element, node); what they
need beyond the node lives here: which part links are related from (document or
footnotes), which style a plain paragraph takes where we are (body, box, note, list),
the list numbering, the cross-reference targets, and counters for ids that must be
unique and sequential (bookmarks, drawings) so two renders are byte-identical.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from docx.document import Document
from docx.opc.part import Part

from briefing import styles as names
from briefing.docx.fields import Target
from briefing.docx.numbering import Numbering
from briefing.docx.ooxml import Element, pt_to_twips
from briefing.language import Language
from briefing.theme import Page, Theme


@dataclass
class Roles:
    """The paragraph styles plain content takes in the current container."""

    para: str = names.BODY
    bullet: str = names.LIST_BULLET
    number: str = names.LIST_NUMBER
    bullet_num: int | None = None  # w:numId for bullets here; None = the shared bullets


@dataclass
class Context:
    language: Language
    theme: Theme
    document: Document
    numbering: Numbering
    targets: dict[str, Target]
    part: Part  # the story part that w:hyperlink and image relationships hang from
    roles: Roles = field(default_factory=Roles)
    list_level: int = -1  # -1 outside lists
    inset: int = 0  # twips the current container takes from the text width (a box's padding)
    pending_num: Element | None = None  # w:numPr for the next paragraph (a list item's first)
    # writer.write_blocks, set by render_docx: boxes hold blocks, and importing the
    # writer from the box module would be circular.
    write_blocks: Callable[[Context, Element, tuple], None] | None = None
    # id -> the runs of its first call (the reference, and the custom mark if any)
    footnote_calls: dict[str, list[Element]] = field(default_factory=dict)
    # A volume holds several papers in one document: their w:footnote ids and bookmark
    # names must not collide, while each keeps its own numbers.
    footnote_offset: int = 0
    bookmark_prefix: str = ""
    # Print each note's number as the model's label (a custom mark, w:customMarkFollows)
    # instead of Word's automatic number: in a volume, LibreOffice cannot restart
    # automatic numbers per section, and prints 0 for every note after the first paper.
    note_marks: bool = False
    svg_parts: dict[bytes, Part] = field(default_factory=dict)  # one part per distinct SVG
    vectors: dict[str, bytes] = field(default_factory=dict)  # PNG fallback's SHA-1 -> its SVG
    digests: dict[str, str] = field(default_factory=dict)  # figure src -> SHA-1 of its picture
    drawn: list[int] = field(default_factory=list)  # each figure's width in EMU, in order
    # The page each id's target is on in the PDF's layout, for PAGEREF fields' results.
    pages: dict[str, int] = field(default_factory=dict)
    page: Page | None = None  # the page being written on: turned in a landscape section
    # Fills a new section's header and footer for its page (sections.py); set by the
    # document's writer, which knows what its running heads say.
    page_furniture: Callable[[Element, Page], None] | None = None
    toc_scope: str = ""  # in a volume, the bookmark around this paper a TOC field lists
    _bookmark_id: int = 0
    _drawing_id: int = 0
    _watermark_id: int = 0

    @property
    def cjk(self) -> bool:
        return self.language.cjk

    @property
    def text_width(self) -> int:
        """The width content may take here, in twips: the text width, less any box around."""
        return pt_to_twips((self.page or self.theme.page).text_width) - self.inset

    def word(self, key: str) -> str:
        return self.language.word(key)

    def next_bookmark_id(self) -> int:
        self._bookmark_id += 1
        return self._bookmark_id

    def next_drawing_id(self) -> int:
        """wp:docPr/@id: unique per document, 1, 2, 3 in document order (§20.4.2.5)."""
        self._drawing_id += 1
        return self._drawing_id

    def next_watermark(self) -> int:
        """The number of the next header's watermark shape: unique in the document."""
        self._watermark_id += 1
        return self._watermark_id

    def take_numbering(self) -> Element | None:
        num, self.pending_num = self.pending_num, None
        return num

    @contextmanager
    def within(
        self,
        *,
        part: Part | None = None,
        roles: Roles | None = None,
        list_level: int | None = None,
        inset: int = 0,
    ) -> Iterator[Context]:
        """Temporarily write into another part, with other styles, one list level deeper, or
        inside a container `inset` twips narrower than the one around it."""
        saved = (self.part, self.roles, self.list_level, self.inset)
        self.part = part or self.part
        self.roles = roles or self.roles
        self.list_level = self.list_level if list_level is None else list_level
        self.inset += inset
        try:
            yield self
        finally:
            self.part, self.roles, self.list_level, self.inset = saved
