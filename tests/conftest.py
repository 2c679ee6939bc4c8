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
