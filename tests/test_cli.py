"""The command line as a new user meets it: the version, the wrong command for a file, a
count that reads as English, a volume file's mistakes as sentences, a mistyped PAPER=."""

from __future__ import annotations

import subprocess
import tomllib

import pytest
from conftest import CONTENT, ENGLISH, ROOT

from briefing.cli import main

VOLUME = CONTENT / "volumes" / "sample.yaml"


def test_version_prints_the_package_version(capsys):
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    with pytest.raises(SystemExit) as stopped:
        main(["--version"])
    assert stopped.value.code == 0
    assert capsys.readouterr().out.strip() == f"briefing {version}"


def test_building_a_volume_file_points_to_briefing_volume(tmp_path, capsys):
    status = main(["build", str(VOLUME), "--out", str(tmp_path)])
    err = capsys.readouterr().err
    assert status == 2
    assert err.strip() == (
        f"briefing: error: {VOLUME} is a volume file; bind it with `briefing volume {VOLUME}`"
        " (build takes paper folders, content/<slug>)"
    )
    assert "Not a directory" not in err and list(tmp_path.iterdir()) == []


def test_binding_a_paper_folder_points_to_briefing_build(tmp_path, capsys):
    assert main(["volume", str(ENGLISH), "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert f"{ENGLISH} is a folder; `briefing volume` takes a volume file" in err
    assert "Errno" not in err and list(tmp_path.iterdir()) == []


def test_check_counts_notes_in_english(tmp_path, capsys):
    for count, words in ((0, "no footnotes"), (1, "1 footnote"), (2, "2 footnotes")):
        folder = tmp_path / f"notes-{count}"
        folder.mkdir()
        calls = "".join(f" Claim.[^n{i}]" for i in range(count))
        notes = "".join(f"\n[^n{i}]: Source {i}.\n" for i in range(count))
        (folder / "paper.md").write_text(
            "---\ntitle: T\nauthors: [{name: A}]\ndate: 2024-01-01\nkey_points: [k]\n---\n"
            f"## S\n\nText.{calls}\n{notes}",
            encoding="utf-8",
        )
        assert main(["check", str(folder)]) == 0
        assert capsys.readouterr().out.strip().endswith(f": ok ({words})")


def test_check_takes_a_volume_file_too(capsys):
    assert main(["check", str(VOLUME)]) == 0
    assert capsys.readouterr().out.strip().endswith("sample.yaml: ok (3 papers)")


@pytest.mark.parametrize(
    ("papers", "expected"),
    [
        (
            "[en-rare-earth-processing, en-rare-earth-processing]",
            "x.yaml:3:9: error: papers lists 'en-rare-earth-processing' twice "
            "(list each entry once)",
        ),
        (
            "[content/en-rare-earth-processing]",
            "x.yaml:3:10: error: papers.0: 'content/en-rare-earth-processing' is not written "
            "as expected (a folder name under content/: letters, digits, . _ - only)",
        ),
        ("[]", "x.yaml:3:9: error: papers is empty (give at least one value)"),
    ],
    ids=["twice", "a-path", "empty"],
)
def test_volume_list_mistakes_read_as_sentences(papers, expected, tmp_path, capsys):
    volumes = tmp_path / "content" / "volumes"
    volumes.mkdir(parents=True)
    (tmp_path / "content" / ENGLISH.name).symlink_to(ENGLISH)
    path = volumes / "x.yaml"
    path.write_text(f"title: X\ndate: 2024-01-01\npapers: {papers}\n", encoding="utf-8")
    assert main(["check", str(path)]) == 1
    err = capsys.readouterr().err.strip()
    assert err == f"{path.parent}/{expected}"
    for raw in ("non-unique", "does not match", "^[", "[A-Za-z"):
        assert raw not in err


def test_a_mistyped_paper_variable_names_the_papers_there_are(tmp_path):
    """make stops while reading the Makefile, before building anything."""
    result = subprocess.run(
        ["make", "-n", "pdf", "PAPER=content/en-rare-earth"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    message = result.stderr.strip().splitlines()[-1]
    assert "PAPER=content/en-rare-earth: no content/en-rare-earth/paper.md" in message
    assert "papers are: content/" in message
    assert "No rule to make target" not in result.stderr


def test_watching_a_volume_file_points_to_briefing_volume(capsys):
    assert main(["watch", str(VOLUME)]) == 2
    assert f"bind it with `briefing volume {VOLUME}`" in capsys.readouterr().err
