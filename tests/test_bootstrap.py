"""The three hash-pinned locks: the runtime one has nothing for testing or benchmarking, every
requirement carries its hashes, and the test and bench locks, installed on top of the runtime
one, pin every shared package exactly as it does."""

from __future__ import annotations

import re
import subprocess
import tomllib

import pytest
from conftest import ROOT

RUNTIME = "requirements.lock"
EXTRAS = {"test": "requirements-test.lock", "bench": "requirements-bench.lock"}
LOCKS = (RUNTIME, *EXTRAS.values())
REQUIREMENT = re.compile(r"([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)(.*)")


def normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirements(lock: str) -> list[str]:
    """Each requirement of a lock as one line, its backslash continuations joined."""
    text = (ROOT / lock).read_text(encoding="utf-8").replace("\\\n", " ")
    lines = (line.strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def pins(lock: str) -> dict[str, tuple[str, frozenset[str]]]:
    """{normalized name: (version, hashes)}."""
    found = {}
    for line in requirements(lock):
        match = REQUIREMENT.fullmatch(line)
        assert match, f"{lock}: not an exact pin: {line[:80]}"
        found[normalize(match[1])] = (match[2], frozenset(re.findall(r"--hash=(\S+)", match[3])))
    return found


def test_runtime_lock_has_what_building_needs_and_nothing_for_tests_or_bench():
    runtime = pins(RUNTIME)
    assert {"weasyprint", "python-docx"} <= runtime.keys()
    extra = {"pytest", "ruff", "hypothesis", "typst", "pdfplumber", "pypdf"} & runtime.keys()
    assert not extra


def test_extra_locks_have_their_tools():
    assert {"pytest", "ruff", "hypothesis", "pdfplumber", "pypdf"} <= pins(EXTRAS["test"]).keys()
    assert "typst" in pins(EXTRAS["bench"])


@pytest.mark.parametrize("lock", LOCKS)
def test_every_requirement_is_hashed(lock):
    lines = requirements(lock)
    assert lines
    for line in lines:
        assert re.search(r"--hash=sha256:[0-9a-f]{64}", line), f"{lock}: no hash: {line[:80]}"


@pytest.mark.parametrize("lock", LOCKS)
def test_no_index_or_wheel_folder_recorded(lock):
    """The locks hold pins only: no --index-url, --find-links or local paths of this machine."""
    assert [line for line in requirements(lock) if line.startswith("-")] == []
    text = (ROOT / lock).read_text(encoding="utf-8")
    assert "file:" not in text
    assert "/opt/" not in text


@pytest.mark.parametrize("extra", EXTRAS)
def test_extra_lock_repeats_the_runtime_pins(extra):
    """pip installs the extra's lock on top of the runtime one with --require-hashes: it must
    list every runtime package, with the same version and hashes."""
    runtime, lock = pins(RUNTIME), pins(EXTRAS[extra])
    assert runtime.keys() <= lock.keys()
    assert {name: lock[name] for name in runtime} == runtime


def test_shared_packages_have_one_pin_across_locks():
    seen: dict[str, tuple[str, tuple[str, frozenset[str]]]] = {}
    for lock in LOCKS:
        for name, pin in pins(lock).items():
            first, pinned = seen.setdefault(name, (lock, pin))
            assert pin == pinned, f"{name}: {lock} pins {pin[0]}, {first} pins {pinned[0]}"


def test_pyproject_pins_are_the_locked_ones():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {RUNTIME: project["dependencies"]}
    for extra, lock in EXTRAS.items():
        declared[lock] = project["optional-dependencies"][extra]
    for lock, specs in declared.items():
        locked = pins(lock)
        for spec in specs:
            name, version = spec.split("==")
            assert locked[normalize(name)][0] == version, f"{spec} vs {lock}"


def test_bootstrap_refuses_an_unknown_set():
    result = subprocess.run(
        [ROOT / "scripts" / "bootstrap", "tests"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 2
    assert "usage: scripts/bootstrap" in result.stderr
