"""Take a theme's `print:` section, produce what the print edition needs from it: the crop
marks' geometry and the output intent (the printing condition and its ICC profile),
checked: the profile is there, and is an output profile for CMYK or grey."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import Collector
from .yamlcheck import node_at, report_at


def points(value) -> float:
    from .theme import points as convert

    return convert(value)


@dataclass(frozen=True)
class CropMarks:
    """The print edition's crop marks: each starts `offset` beyond the trim (outside the
    bleed) and runs `length` further, `width` wide."""

    offset: float
    length: float
    width: float


@dataclass(frozen=True)
class OutputIntent:
    """The printing condition a print-shop PDF is made for: its ICC output profile, the
    condition's registered name (`identifier`, e.g. FOGRA39) and description."""

    path: Path
    identifier: str
    condition: str
    registry: str = ""


def crop_marks(data: dict) -> CropMarks | None:
    marks = data.get("crop_marks")
    if not marks:
        return None
    return CropMarks(**{k: points(v) for k, v in marks.items()})


def output_intent(data: dict, node: yaml.Node, asset) -> OutputIntent | None:
    intent = data.get("output_intent")
    if not intent:
        return None
    return OutputIntent(
        path=asset(intent["file"], node_at(node, ("print", "output_intent", "file"))),
        identifier=intent["identifier"],
        condition=intent["condition"],
        registry=intent.get("registry", ""),
    )


def check_output_intent(data: dict, node, report: Collector, asset) -> None:
    """The output intent's profile is beside the theme.yaml that names it, and is an ICC
    output (printer) profile: PDF/X asks for one that describes the press, not a screen."""
    name = data["print"]["output_intent"]["file"]
    where = ("print", "output_intent", "file")
    found = asset(name, node_at(node, where))
    header = found.read_bytes()[:20] if found.is_file() else b""
    if not found.is_file():
        problem = f"print: no ICC profile '{name}' beside this theme.yaml"
        hint = "put the printing condition's ICC profile in the theme's folder, or fix the name"
    elif header[12:16] != b"prtr" or header[16:20] not in (b"CMYK", b"GRAY"):
        problem = f"print: '{name}' is not an ICC output profile for CMYK or grey"
        hint = "use the print shop's profile of its printing condition (e.g. FOGRA39)"
    else:
        return
    report_at(report, node, where, problem, hint)
