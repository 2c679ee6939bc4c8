"""Shared fixtures: the test papers (tests/fixtures/content, a copy of the samples that the
tests own, so a user's own content/ never changes what the tests see) built once per test
session into a temporary folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "tests" / "fixtures" / "content"
SEED = CONTENT / "zh-russia-ukraine-kazakhstan"
ENGLISH = CONTENT / "en-rare-earth-processing"
SAMPLES = sorted(p.parent for p in CONTENT.glob("*/paper.md"))


def _build_all(tmp_path_factory, fmt: str) -> dict[str, Path]:
    from briefing.build import build

    os.environ.pop("SOURCE_DATE_EPOCH", None)
    out = tmp_path_factory.mktemp(f"build-{fmt}")
    return {folder.name: build(folder, [fmt], out)[0] for folder in SAMPLES}


@pytest.fixture(scope="session")
def built_pdf(tmp_path_factory) -> dict[str, Path]:
    """{slug: path of its PDF} for every sample paper, built once per session."""
    return _build_all(tmp_path_factory, "pdf")


@pytest.fixture(scope="session")
def built_docx(tmp_path_factory) -> dict[str, Path]:
    """{slug: path of its DOCX} for every sample paper, built once per session."""
    return _build_all(tmp_path_factory, "docx")


@pytest.fixture(scope="session")
def seed_paper():
    from briefing.reader import read_paper

    return read_paper(SEED)


@pytest.fixture(scope="session")
def english_paper():
    from briefing.reader import read_paper

    return read_paper(ENGLISH)


FEATURES = ROOT / "tests" / "fixtures" / "features"


@pytest.fixture(scope="session")
def feature(tmp_path_factory):
    """feature(name) -> {"pdf": path, "docx": path} of tests/fixtures/features/<name>, built
    once per session; feature(name, "lo") also LibreOffice's PDF of the DOCX."""
    built: dict[str, dict[str, Path]] = {}

    def build_one(name: str, *extra: str) -> dict[str, Path]:
        from briefing.build import build

        if name not in built:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
            out = tmp_path_factory.mktemp(f"feature-{name}")
            built[name] = {p.suffix[1:]: p for p in build(FEATURES / name, ["pdf", "docx"], out)}
        if "lo" in extra and "lo" not in built[name]:
            built[name]["lo"] = libreoffice_pdf(built[name]["docx"])
        return built[name]

    return build_one


def libreoffice_pdf(docx: Path) -> Path:
    """LibreOffice's own layout of a DOCX, as a PDF beside it (skips without LibreOffice)."""
    import shutil
    import subprocess

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: cannot lay the DOCX out")
    out = docx.parent / "libreoffice"
    profile = (docx.parent / "lo-profile").as_uri()  # private: parallel runs must not clash
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(out), str(docx)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return out / docx.with_suffix(".pdf").name
