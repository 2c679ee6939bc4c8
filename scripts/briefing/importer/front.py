"""Take the title block's paragraphs, the document properties and (for our own DOCX) the
recorded front matter, produce the paper's Meta.

What the page shows wins: an editor who retitles the paper in Word retitles it here. The
recorded fields fill in what has no printed form (short_title, theme, calendar, the
citation settings...) and what prints in a form that cannot be read back for sure (an
author line is name, affiliation and role run together). Another program's document gives
its Title, Subtitle, Author and Date paragraphs, else its core properties.
"""

from __future__ import annotations

import datetime as dt
import re

from briefing import model as m
from briefing import styles as names

FRONT_ROLES = {names.MARKING, names.SERIES, names.TITLE, names.SUBTITLE, names.AUTHOR,
               names.DATE, names.BAND_TEXT}  # fmt: skip
DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%B %d, %Y", "%d %b %Y", "%b %d, %Y", "%Y/%m/%d",
                "%Y年%m月%d日", "%Y 年 %m 月 %d 日")  # fmt: skip


def read_meta(im, front: dict[str, list[str]]) -> m.Meta:
    if im.own:
        return _own_meta(im, front)
    return _their_meta(im, front)


def _own_meta(im, front: dict[str, list[str]]) -> m.Meta:
    recorded = im.facts.get("meta", {})
    language = im.language
    number = recorded.get("number")
    title = recorded.get("title", "")
    shown = " ".join(front.get(names.TITLE, []))
    if shown and shown != language.numbered_title(title, number):
        prefix = language.numbered_title("", number)
        title = shown[len(prefix) :] if number and shown.startswith(prefix) else shown
    authors = []
    recorded_authors = recorded.get("authors", [])
    for i, line in enumerate(front.get(names.AUTHOR, [])):
        known = recorded_authors[i] if i < len(recorded_authors) else None
        if (
            known
            and language.author_line(known["name"], known["affiliation"], known["role"]) == line
        ):
            author = m.Author(known["name"], known["affiliation"], known["role"])
        else:
            im.report.warn(
                None,
                f"author line “{line}” was changed: read as the name; give the affiliation "
                "and role their own fields in the front matter",
            )
            author = m.Author(line)
        authors.append(author)
    if not authors:
        authors = [m.Author(a["name"], a["affiliation"], a["role"]) for a in recorded_authors]
    date = dt.date.fromisoformat(recorded.get("date", "1970-01-01"))
    calendar = recorded.get("calendar", "")
    shown_date = " ".join(front.get(names.DATE, []))
    if shown_date and shown_date != language.format_date(date, calendar):
        im.report.warn(
            None,
            f"the date line “{shown_date}” was changed: the paper keeps {date.isoformat()} "
            "from the document properties; change `date:` if it should move",
        )
    return m.Meta(
        title=title,
        authors=_with_bios(im, tuple(authors)),
        date=date,
        lang=im.lang,
        subtitle=" ".join(front.get(names.SUBTITLE, [])),
        series=" ".join(front.get(names.SERIES, [])) or recorded.get("series", ""),
        number=number,
        short_title=recorded.get("short_title", ""),
        marking=" ".join(front.get(names.MARKING, [])),
        theme=recorded.get("theme", ""),
        status=recorded.get("status", "") or _status(im),
        toc=bool(recorded.get("toc")) or bool(im.contents_levels),
        toc_depth=recorded.get("toc_depth", 2),
        calendar=calendar,
        bibliography=tuple(recorded.get("bibliography", ())),
        csl=recorded.get("csl", ""),
        citation_style=recorded.get("citation_style", ""),
        citation_locale=recorded.get("citation_locale", ""),
        nocite=tuple(recorded.get("nocite", ())),
    )


def _status(im) -> str:
    status = (im.package.core.content_status or "").strip().lower()
    return status if status in ("draft", "final") else ""


def _their_meta(im, front: dict[str, list[str]]) -> m.Meta:
    core = im.package.core
    title = " ".join(front.get(names.TITLE, [])) or (core.title or "").strip()
    if not title:
        title = im.package.path.stem
        im.report.warn(None, f"no title found (no Title paragraph or property): used “{title}”")
    names_found = front.get(names.AUTHOR, []) or [
        a.strip() for a in re.split(r"[;；]", core.author or "") if a.strip()
    ]
    if not names_found:
        names_found = ["Unknown"]
        im.report.warn(None, "no author found: write the authors in the front matter")
    date = _date(" ".join(front.get(names.DATE, [])))
    if date is None:
        when = core.created or core.modified
        date = when.date() if when else dt.date.today()
        im.report.warn(None, f"no date line: the date {date.isoformat()} is the document's own")
    levels = {level for level in im.contents_levels if level}
    return m.Meta(
        title=title,
        authors=_with_bios(im, tuple(m.Author(n) for n in names_found)),
        date=date,
        lang=im.lang,
        subtitle=" ".join(front.get(names.SUBTITLE, [])),
        toc=bool(im.contents_levels),
        toc_depth=min(max(levels, default=2), 3),
    )


def _with_bios(im, authors: tuple[m.Author, ...]) -> tuple[m.Author, ...]:
    return tuple(m.Author(a.name, a.affiliation, a.role, im.bios.get(a.name, ())) for a in authors)


def _date(text: str) -> dt.date | None:
    text = text.strip()
    for pattern in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None
