"""make knows each output's real inputs: after an edit it rebuilds exactly what depends
on the edited file, and a second make does nothing."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import time

import pytest
from conftest import CONTENT, ROOT

COPY = ("Makefile", "scripts", "templates", "pyproject.toml", "requirements.lock")
SEED = "zh-russia-ukraine-kazakhstan"
ENGLISH = "en-rare-earth-processing"


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A copy of the project sharing this checkout's virtualenv, fully built once."""
    root = tmp_path_factory.mktemp("incremental")
    for name in COPY:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(
                source, root / name, symlinks=True, ignore=shutil.ignore_patterns("__pycache__")
            )
        else:
            shutil.copy2(source, root / name)
    shutil.copytree(CONTENT, root / "content", symlinks=True)
    share_virtualenv(root)
    make(root)
    return root


def share_virtualenv(root) -> None:
    """root/.venv: links to this checkout's virtualenv, with its own runtime bootstrap stamp
    saying it is current, so make in the copy never runs bootstrap (which would install
    into the shared environment)."""
    venv = root / ".venv"
    venv.mkdir()
    for entry in (ROOT / ".venv").iterdir():
        if not entry.name.startswith(".bootstrap-"):
            os.symlink(entry, venv / entry.name)
    digest = hashlib.sha256(
        (root / "requirements.lock").read_bytes() + (root / "pyproject.toml").read_bytes()
    ).hexdigest()
    (venv / ".bootstrap-runtime").write_text(digest + "\n")


def make(root, *goals: str) -> list[str]:
    """Run make; return the outputs it wrote, in the order it wrote them."""
    result = subprocess.run(
        ["make", "-j2", *(goals or ("pdf", "docx", "volume"))],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    return sorted(
        line.split(" ", 1)[1] for line in result.stdout.splitlines() if line.startswith("wrote ")
    )


def touch(path):
    """Now: newer than every output already built (make compares nanosecond mtimes).
    Not in the future: outputs built next must come out newer than their input."""
    time.sleep(0.01)
    os.utime(path)


def test_a_second_make_does_nothing(project):
    assert make(project) == []


def test_editing_a_bound_paper_rebuilds_it_and_its_volume_only(project):
    touch(project / "content" / SEED / "paper.md")
    assert make(project) == [
        "build/volumes/sample.docx",
        "build/volumes/sample.pdf",
        f"build/{SEED}.docx",
        f"build/{SEED}.pdf",
    ]
    assert make(project) == []


def test_editing_a_paper_outside_the_volume_leaves_the_volume_alone(project):
    touch(project / "content" / ENGLISH / "figures" / "re-mine-2024.svg")
    assert make(project) == [f"build/{ENGLISH}.docx", f"build/{ENGLISH}.pdf"]


def test_editing_the_theme_rebuilds_everything(project):
    touch(project / "templates" / "default" / "theme.yaml")
    written = make(project, "pdf")
    papers = sorted(p.name for p in (project / "content").glob("*/paper.md"))
    assert len(written) == len(papers)


def test_changing_only_a_figure_rebuilds_its_paper_with_the_new_picture(project):
    figure = project / "content" / ENGLISH / "figures" / "re-mine-2024.svg"
    pdf = project / "build" / f"{ENGLISH}.pdf"
    docx = project / "build" / f"{ENGLISH}.docx"
    make(project)  # whatever earlier tests left out of date
    before = pdf.read_bytes(), docx.read_bytes()
    text = figure.read_text(encoding="utf-8")
    time.sleep(0.01)
    figure.write_text(text.replace("</svg>", '<circle cx="5" cy="5" r="4"/></svg>'), "utf-8")
    assert make(project) == [f"build/{ENGLISH}.docx", f"build/{ENGLISH}.pdf"]
    assert pdf.read_bytes() != before[0] and docx.read_bytes() != before[1]
    assert make(project) == []


def edit_cell(path, old: str, new: str) -> None:
    time.sleep(0.01)
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def test_editing_a_charts_csv_rebuilds_that_paper_only(project):
    make(project)  # whatever earlier tests left out of date
    csv = project / "content" / ENGLISH / "data" / "us-rare-earths.csv"
    edit_cell(csv, "45900", "45901")
    assert make(project) == [f"build/{ENGLISH}.docx", f"build/{ENGLISH}.pdf"]
    assert make(project) == []


def test_editing_a_shared_csv_rebuilds_the_papers_charting_it(project):
    """A CSV in content/data/, outside every paper's folder, read by one paper's chart."""
    make(project)
    edit_cell(project / "content" / "data" / "central-asia-gas-pipelines.csv", "250", "251")
    assert make(project) == [
        "build/volumes/sample.docx",
        "build/volumes/sample.pdf",
        "build/zh-central-asia-energy.docx",
        "build/zh-central-asia-energy.pdf",
    ]
    assert make(project) == []


def test_make_web_builds_each_edition_and_the_index_then_only_what_an_edit_touches(project):
    index = project / "build" / "web" / "index.html"
    papers = sorted(p.parent.name for p in (project / "content").glob("*/paper.md"))
    assert make(project, "web") == [f"build/web/{slug}/index.html" for slug in papers]
    assert index.is_file()
    listed = index.read_text(encoding="utf-8")
    assert all(f'href="{slug}/index.html"' in listed for slug in papers)
    built = index.stat().st_mtime_ns
    assert make(project, "web") == []
    assert index.stat().st_mtime_ns == built, "a second make web leaves the index alone"
    touch(project / "content" / ENGLISH / "paper.md")
    assert make(project, "web") == [f"build/web/{ENGLISH}/index.html"]
    assert index.stat().st_mtime_ns > built


CITING = """---
title: {title}
authors: [{{name: A. Writer}}]
date: 2025-06-30
lang: en
bibliography: {library}
key_points: [It cites a library.]
---
## Sources

Refining is concentrated [@iea2021, 12].
"""


def test_editing_a_library_rebuilds_exactly_the_papers_citing_it(project):
    """A library shared from content/shared/ and one in a paper's folder are inputs of the
    papers (and the volume) that name them; a bundled CSL style is code, so editing it
    puts every paper out of date."""
    make(project)  # catch up with what the tests before left out of date
    content = project / "content"
    library = (ROOT / "tests" / "fixtures" / "citations" / "library.bib").read_bytes()
    (content / "shared").mkdir()
    (content / "shared" / "library.bib").write_bytes(library)
    for slug, title, name in (
        ("cite-shared", "Shared", "../shared/library.bib"),
        ("cite-own", "Own", "refs.bib"),
    ):
        (content / slug).mkdir()
        (content / slug / "paper.md").write_text(CITING.format(title=title, library=name))
    (content / "cite-own" / "refs.bib").write_bytes(library)
    (content / "volumes" / "cited.yaml").write_text(
        "title: Cited\ndate: 2025-06-30\nlang: en\npapers: [cite-shared, cite-own]\n"
    )
    both = ["build/volumes/cited.docx", "build/volumes/cited.pdf"]
    own = ["build/cite-own.docx", "build/cite-own.pdf"]
    shared = ["build/cite-shared.docx", "build/cite-shared.pdf"]
    assert make(project) == own + shared + both

    touch(content / "shared" / "library.bib")
    assert make(project) == shared + both
    touch(content / ENGLISH / "references.bib")
    assert make(project) == [f"build/{ENGLISH}.docx", f"build/{ENGLISH}.pdf"]
    assert make(project) == []

    style = project / "scripts" / "briefing" / "citations" / "csl" / "apa.csl"
    before = style.stat()
    touch(style)
    try:
        dry = subprocess.run(
            ["make", "-n", "pdf"], cwd=project, capture_output=True, text=True, check=True
        ).stdout
    finally:
        os.utime(style, ns=(before.st_atime_ns, before.st_mtime_ns))
    queued = sorted(set(re.findall(r'echo "content/(\S+) pdf"', dry)))
    assert queued == sorted(p.parent.name for p in content.glob("*/paper.md"))


def test_a_file_with_a_space_in_its_name_neither_stops_make_nor_goes_unnoticed(project):
    """A figure export named like "Incidents Timeline.PNG" (unused, or not yet) anywhere in
    a paper's folder: make builds, notices its edits and its deletion, and then rests."""
    from PIL import Image

    make(project)  # bring up to date what the tests before left (the theme edit)
    paper = project / "content" / ENGLISH
    spaced = paper / "figures" / "Incidents Timeline.PNG"
    Image.new("RGB", (40, 20), "white").save(spaced, format="PNG")
    built = [f"build/{ENGLISH}.docx", f"build/{ENGLISH}.pdf"]
    assert make(project) == built, "a new file in the paper's folder rebuilds it"
    assert make(project) == []
    touch(spaced)
    assert make(project) == built
    notes = paper / "raw data" / "interview notes v2.txt"
    notes.parent.mkdir()
    notes.write_text("draft\n")
    assert make(project) == built, "so does a new folder with a file in it"
    assert make(project) == []
    touch(notes)
    assert make(project) == built, "and an edit of that file"
    spaced.unlink()
    assert make(project) == built
    assert make(project) == []


def test_names_make_cannot_spell_never_stop_it(project):
    """%, wildcards, brackets, quotes; and a ; which make cannot name at all (the folder's
    time still shows it came)."""
    figures = project / "content" / ENGLISH / "figures"
    for name in ("50% share.svg", "map (old).svg", "a[1] b*?.svg", "it's #2.svg", "x;y.svg"):
        (figures / name).write_text("<svg/>")
    assert make(project) == [f"build/{ENGLISH}.docx", f"build/{ENGLISH}.pdf"]
    assert make(project) == []
    touch(figures / "50% share.svg")
    assert make(project) == [f"build/{ENGLISH}.docx", f"build/{ENGLISH}.pdf"]
