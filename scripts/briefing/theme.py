"""Take a theme folder, produce the values both writers read (page, colours, sizes, words)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "templates"
DEFAULT_THEME = TEMPLATES_DIR / "default"

# Fixed English month names: the output must not depend on the machine's locale.
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True)
class Theme:
    folder: Path
    page: dict[str, Any]
    colours: dict[str, str]
    sizes: dict[str, float]
    languages: dict[str, dict[str, Any]]

    def lang(self, lang: str) -> dict[str, Any]:
        """The per-language block (fonts, alignment, words) for `lang`."""
        return self.languages.get(lang) or self.languages["en"]

    def word(self, lang: str, key: str) -> str:
        return self.lang(lang)["words"][key]

    def format_date(self, lang: str, date: dt.date) -> str:
        return self.word(lang, "date_format").format(
            year=date.year, month=date.month, day=date.day, month_name=MONTHS[date.month - 1]
        )

    def page_label(self, lang: str, page: int | str, pages: int | str) -> str:
        return self.word(lang, "page").format(page=page, pages=pages)


@cache
def load_theme(folder: Path = DEFAULT_THEME) -> Theme:
    data = yaml.safe_load((folder / "theme.yaml").read_text(encoding="utf-8"))
    return Theme(
        folder=folder,
        page=data["page"],
        colours=data["colours"],
        sizes=data["sizes"],
        languages=data["languages"],
    )
