"""Take a story's XML, produce its tracked changes and comments as a person would list them,
or the XML with every change accepted or rejected.

Word records an editor's changes as revision marks (ECMA-376 Part 1, §17.13.5): inserted
runs inside w:ins, deleted runs inside w:del (their text in w:delText), moved text in
w:moveFrom/w:moveTo, old formatting in w:rPrChange/w:pPrChange, an inserted or deleted
paragraph mark as w:ins/w:del in the paragraph mark's w:rPr, inserted or deleted table
rows in w:trPr. Accepting keeps the new state, rejecting the old; both leave no mark.
Comments (§17.13.4) are w:comment elements in comments.xml, anchored by
w:commentRangeStart/End around the words they are about.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from .package import NS, w

INSERTED = ("ins", "moveTo")
DELETED = ("del", "moveFrom")
PROPERTY_CHANGES = ("rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "trPrChange",
                    "tcPrChange", "tblGridChange", "numberingChange")  # fmt: skip
RANGE_MARKS = ("moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd")


@dataclass(frozen=True)
class Change:
    kind: str  # "inserted" | "deleted" | "moved" | "formatted" | "paragraph"
    author: str
    date: str
    place: str  # "paragraph 12 ("Rare-earth elements are…")" / "footnote 3"
    text: str

    def describe(self) -> str:
        when = f" on {self.date[:10]}" if self.date else ""
        words = f": “{self.text}”" if self.text else ""
        return f"{self.place}: {self.kind} by {self.author or 'someone'}{when}{words}"


@dataclass(frozen=True)
class Comment:
    author: str
    text: str
    words: str  # the commented words
    place: str

    def describe(self) -> str:
        about = f" on “{self.words}”" if self.words else ""
        return f"{self.place}: comment by {self.author or 'someone'}{about}: {self.text}"


def _text(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(w("t"), w("delText"), w("instrText"))).strip()


def _paragraph_place(element: etree._Element, where: str, paragraphs: dict) -> str:
    p = next((a for a in element.iterancestors(w("p"))), None)
    if element.tag == w("p"):
        p = element
    if p is None:
        return where
    number = paragraphs.get(p, 0)
    words = "".join(t.text or "" for t in p.iter(w("t")))[:40]
    return f"{where}, paragraph {number} (“{words}…”)" if words else f"{where}, paragraph {number}"


def list_changes(root: etree._Element, where: str) -> list[Change]:
    """Every revision mark in `root`, in document order; `where` names the story."""
    paragraphs = {p: i for i, p in enumerate(root.iter(w("p")), 1)}
    found = []
    for element in root.iter(w("ins"), w("del"), w("moveFrom"), w("moveTo"),
                             *(w(t) for t in PROPERTY_CHANGES)):  # fmt: skip
        name = etree.QName(element).localname
        parent = etree.QName(element.getparent()).localname
        if name in INSERTED or name in DELETED:
            if parent == "rPr":  # a paragraph mark: a paragraph split or joined
                kind = "paragraph break " + ("inserted" if name in INSERTED else "deleted")
            elif parent == "trPr":
                kind = "table row " + ("inserted" if name in INSERTED else "deleted")
            elif name.startswith("move"):
                kind = "moved " + ("to here" if name == "moveTo" else "from here")
            else:
                kind = "inserted" if name == "ins" else "deleted"
        else:
            kind = "formatting changed"
        text = "" if kind == "formatting changed" or parent == "rPr" else _text(element)
        found.append(
            Change(
                kind,
                element.get(w("author"), ""),
                element.get(w("date"), ""),
                _paragraph_place(element, where, paragraphs),
                text,
            )
        )
    return found


def resolve(root: etree._Element, accept: bool) -> None:
    """Accept (keep the new state) or reject (keep the old) every change in `root`."""
    keep, drop = (INSERTED, DELETED) if accept else (DELETED, INSERTED)
    # Rows and paragraph marks first: they decide what whole elements remain.
    for mark in list(root.iterfind(".//w:trPr/*", NS)):
        name = etree.QName(mark).localname
        if name in drop:
            _remove(mark.getparent().getparent())
        elif name in keep:
            _remove(mark)
    for mark in list(root.iterfind(".//w:pPr/w:rPr/*", NS)):
        name = etree.QName(mark).localname
        if name in drop:  # the paragraph mark goes: the paragraph joins the next one
            p = mark.getparent().getparent().getparent()
            _remove(mark)
            _join_with_next(p)
        elif name in keep:
            _remove(mark)
    for name in PROPERTY_CHANGES:
        for change in list(root.iter(w(name))):
            if not accept:  # the old properties come back
                old = change.find("*")
                owner = change.getparent()
                if old is not None and owner is not None:
                    restored = [c for c in old]
                    for child in list(owner):
                        if child is not change:
                            owner.remove(child)
                    owner.extend(restored)
            _remove(change)
    for name in drop:
        for element in list(root.iter(w(name))):
            _remove(element)
    for name in keep:
        for element in list(root.iter(w(name))):
            _unwrap(element)
    for name in RANGE_MARKS:
        for element in list(root.iter(w(name))):
            _remove(element)
    if not accept:  # deleted text is text again
        for tag, new in (("delText", "t"), ("delInstrText", "instrText")):
            for element in list(root.iter(w(tag))):
                element.tag = w(new)


def _remove(element: etree._Element) -> None:
    parent = element.getparent()
    if parent is not None:
        parent.remove(element)


def _unwrap(element: etree._Element) -> None:
    parent = element.getparent()
    if parent is None:
        return
    index = parent.index(element)
    for offset, child in enumerate(list(element)):
        parent.insert(index + offset, child)
    parent.remove(element)


def _join_with_next(p: etree._Element) -> None:
    following = p.getnext()
    if following is None or following.tag != w("p"):
        return
    content = [c for c in p if c.tag != w("pPr")]
    at = 1 if len(following) and following[0].tag == w("pPr") else 0
    for offset, child in enumerate(content):
        following.insert(at + offset, child)
    _remove(p)


def list_comments(comments: etree._Element | None, stories: dict[str, etree._Element]):
    """Each comment with its author, its text and the words it is anchored to."""
    if comments is None:
        return []
    words: dict[str, list[str]] = {}
    places: dict[str, str] = {}
    for where, root in stories.items():
        paragraphs = {p: i for i, p in enumerate(root.iter(w("p")), 1)}
        open_ids: set[str] = set()
        for element in root.iter():
            if element.tag == w("commentRangeStart"):
                cid = element.get(w("id"))
                open_ids.add(cid)
                places[cid] = _paragraph_place(element, where, paragraphs)
            elif element.tag == w("commentRangeEnd"):
                open_ids.discard(element.get(w("id")))
            elif element.tag in (w("t"), w("delText")) and open_ids:
                for cid in open_ids:
                    words.setdefault(cid, []).append(element.text or "")
            elif element.tag == w("commentReference") and element.get(w("id")) not in places:
                places[element.get(w("id"))] = _paragraph_place(element, where, paragraphs)
    found = []
    for comment in comments.iterfind("w:comment", NS):
        cid = comment.get(w("id"))
        text = " ".join(
            "".join(t.text or "" for t in p.iter(w("t"))) for p in comment.iterfind(".//w:p", NS)
        ).strip()
        found.append(
            Comment(
                comment.get(w("author"), ""),
                text,
                "".join(words.get(cid, [])).strip(),
                places.get(cid, "document"),
            )
        )
    return found
