"""`briefing watch`: a changed paper is rebuilt in the same process; a broken one is reported
and leaves the last good PDF alone."""

from __future__ import annotations

import queue
import shutil
import threading
import time
from pathlib import Path

import pdfplumber
import pytest
from conftest import ENGLISH

from briefing.errors import UsageError
from briefing.watch import paper_snapshot, run, watch

ROUND_TIMEOUT = 120  # seconds; a cold PDF build takes one or two


def pdf_text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


@pytest.fixture
def paper(tmp_path: Path) -> Path:
    folder = tmp_path / "content" / ENGLISH.name
    shutil.copytree(ENGLISH, folder)
    return folder


def test_a_changed_paper_is_rebuilt_and_an_error_keeps_the_last_pdf(paper, tmp_path, capsys):
    out = tmp_path / "build"
    pdf = out / f"{paper.name}.pdf"
    rounds: queue.Queue = queue.Queue()
    stop = threading.Event()
    thread = threading.Thread(
        target=watch,
        args=([paper], ["pdf"], out),
        kwargs=dict(interval=0.05, stop=stop, on_build=rounds.put),
        daemon=True,
    )
    started = time.perf_counter()
    thread.start()
    try:
        assert rounds.get(timeout=ROUND_TIMEOUT) == [paper]
        first_seconds = time.perf_counter() - started
        first = pdf.read_bytes()
        assert "Zanzibarian" not in pdf_text(pdf)

        # An edit is picked up and rebuilt: the new sentence is in the PDF.
        source = paper / "paper.md"
        edited = source.read_text(encoding="utf-8") + "\nA Zanzibarian closing sentence.\n"
        changed_at = time.perf_counter()
        source.write_text(edited, encoding="utf-8")
        assert rounds.get(timeout=ROUND_TIMEOUT) == [paper]
        warm_seconds = time.perf_counter() - changed_at
        second = pdf.read_bytes()
        assert second != first
        assert "Zanzibarian closing sentence" in pdf_text(pdf)
        mtime = pdf.stat().st_mtime_ns
        # Measured, not asserted: the warm rebuild reuses the loaded engine and fonts.
        with capsys.disabled():
            print(f"\nwatch: first build {first_seconds:.2f} s, warm rebuild {warm_seconds:.2f} s")

        # A content error is reported as a one-line diagnostic; the PDF stays as it was.
        capsys.readouterr()
        source.write_text(edited + "\nA claim with no note.[^nowhere]\n", encoding="utf-8")
        assert rounds.get(timeout=ROUND_TIMEOUT) == [paper]
        err = capsys.readouterr().err
        assert "paper.md:" in err
        assert "error: footnote [^nowhere] is never defined" in err
        assert pdf.read_bytes() == second
        assert pdf.stat().st_mtime_ns == mtime

        # Still watching after the error: fixing it rebuilds again.
        source.write_text(edited + "\nThe claim, fixed.\n", encoding="utf-8")
        assert rounds.get(timeout=ROUND_TIMEOUT) == [paper]
        assert "The claim, fixed." in pdf_text(pdf)
    finally:
        stop.set()
        thread.join(timeout=ROUND_TIMEOUT)
    assert not thread.is_alive()


def test_the_snapshot_covers_paper_md_and_figures_only(paper):
    before = paper_snapshot(paper)
    assert paper / "paper.md" in before
    assert any(p.parent.name == "figures" for p in before)
    (paper / "notes.txt").write_text("not an input", encoding="utf-8")
    assert paper_snapshot(paper) == before
    figure = next((paper / "figures").iterdir())
    figure.write_bytes(figure.read_bytes() + b"\n")
    assert paper_snapshot(paper) != before


def test_a_missing_paper_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="no paper.md"):
        run([tmp_path / "nowhere"], ["pdf"], tmp_path / "build")
