"""Bad input: each folder in fixtures/bad holds a paper.md and the exact lines
`briefing check` must print (expected.txt). Building it must change nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEED

from briefing.cli import main

ROOT = Path(__file__).resolve().parents[1]
BAD = sorted((Path(__file__).parent / "fixtures" / "bad").iterdir())


def expected_status(case: Path) -> int:
    """1 for errors; a case with only warnings says 0 in its `status` file."""
    status = case / "status"
    return int(status.read_text()) if status.exists() else 1


@pytest.mark.parametrize("case", BAD, ids=[c.name for c in BAD])
def test_bad_input_gets_its_one_line_error(case, capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    status = main(["check", str(case.relative_to(ROOT))])
    err = capsys.readouterr().err
    assert status == expected_status(case)
    assert err == (case / "expected.txt").read_text(encoding="utf-8")
    assert "Traceback" not in err


FAILING = [c for c in BAD if expected_status(c) == 1]


def test_the_corpus_covers_at_least_thirty_mistakes():
    assert len(FAILING) >= 30


@pytest.mark.parametrize("case", FAILING, ids=[c.name for c in FAILING])
def test_a_failed_build_leaves_previous_outputs_untouched(case, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    slug = case.name
    previous = {
        tmp_path / f"{slug}.pdf": b"%PDF-previous",
        tmp_path / f"{slug}.docx": b"PK-previous",
    }
    for path, data in previous.items():
        path.write_bytes(data)
    status = main(["build", str(case), "--format", "pdf,docx", "--out", str(tmp_path)])
    assert status == 1
    assert sorted(tmp_path.iterdir()) == sorted(previous), "no new or temporary files"
    for path, data in previous.items():
        assert path.read_bytes() == data


def test_usage_errors_exit_2(capsys):
    assert main(["build", str(SEED), "--format", "odt"]) == 2
    assert "unknown format 'odt'" in capsys.readouterr().err


def test_an_internal_bug_is_one_line_unless_debugging(capsys, monkeypatch):
    import briefing.build

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(briefing.build, "build", broken)
    assert main(["build", str(SEED)]) == 3
    err = capsys.readouterr().err
    assert err.startswith("briefing: internal error: RuntimeError: a bug; please report it")
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert main(["--debug", "build", str(SEED)]) == 3
    assert "Traceback" in capsys.readouterr().err
