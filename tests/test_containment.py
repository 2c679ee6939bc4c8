"""Renders stay inside the project: no request reaches a local HTTP listener, no byte of
a secret file outside the project reaches any output, whatever a paper tries."""

from __future__ import annotations

import http.server
import os
import threading
import zipfile
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.outputs import write_atomic

SECRET = "TOP-SECRET-5d1f0c"
HEAD = """---
title: Probe
authors: [{name: A. Writer}]
date: 2024-03-01
key_points: ["A point with a [link](URL/kp)"]
---
"""


@pytest.fixture
def listener():
    """An HTTP server on loopback that records every request it gets."""
    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the stdlib's name
            requests.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", requests
    server.shutdown()


@pytest.fixture
def project(tmp_path):
    """A content folder inside tmp_path/project, a secret file beside the project."""
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    content = tmp_path / "project" / "content"
    content.mkdir(parents=True)
    return content, secret


def write_paper(content: Path, slug: str, body: str, url: str) -> Path:
    folder = content / slug
    (folder / "figures").mkdir(parents=True)
    (folder / "paper.md").write_text(HEAD.replace("URL", url) + body, encoding="utf-8")
    return folder


ATTEMPTS = {
    "image-url": "## A\n\n![x](URL/figure.png)\n",
    "image-file-url": "## A\n\n![x](file://SECRET)\n",
    "image-absolute": "## A\n\n![x](SECRET)\n",
    "image-dotdot": "## A\n\n![x](../../../secret.txt)\n",
    "raw-img-tag": '## A\n\n<img src="URL/tag.png">\n',
    "raw-style": "## A\n\n<style>@import url(URL/x.css);</style>\n",
    "svg-href": "## A\n\n![x](figures/f.svg)\n",
    "svg-entity": "## A\n\n![x](figures/e.svg)\n",
    "symlink": "## A\n\n![x](figures/link.png)\n",
}


@pytest.mark.parametrize("name", sorted(ATTEMPTS))
def test_no_request_and_no_secret_leaves_the_project(name, project, listener, tmp_path, capsys):
    content, secret = project
    url, requests = listener
    body = ATTEMPTS[name].replace("URL", url).replace("SECRET", str(secret))
    folder = write_paper(content, name, body, url)
    figures = folder / "figures"
    (figures / "f.svg").write_text(
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="10" height="10"><image xlink:href="{url}/svg.png" width="10" height="10"/>'
        f'<image href="file://{secret}" width="1" height="1"/></svg>'
    )
    (figures / "e.svg").write_text(
        f'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY s SYSTEM "file://{secret}">]>'
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>&s;</text></svg>'
    )
    os.symlink(secret, figures / "link.png")
    out = tmp_path / "out"
    status = main(["build", str(folder), "--format", "pdf,docx", "--out", str(out)])
    err = capsys.readouterr().err
    assert status == 1, "every attempt is refused with a content error"
    assert "Traceback" not in err and SECRET not in err
    assert not out.exists() or not any(out.iterdir()), "nothing written"
    assert requests == [], f"the listener was called: {requests}"


def test_a_valid_paper_with_links_fetches_nothing(project, listener, tmp_path):
    content, _ = project
    url, requests = listener
    folder = write_paper(
        content,
        "links",
        f"## A\n\nSee [the site]({url}/page).[^n]\n\n"
        f"[^n]: Also <{url}/auto> and [here]({url}/note).\n",
        url,
    )
    out = tmp_path / "out"
    assert main(["build", str(folder), "--format", "pdf,docx", "--out", str(out)]) == 0
    assert requests == []
    with zipfile.ZipFile(out / "links.docx") as docx:
        rels = b"".join(docx.read(n) for n in docx.namelist() if n.endswith(".rels"))
    assert f"{url}/note".encode() in rels, "links stay links, as external relationships"


def test_parallel_writes_of_one_output_never_leave_a_partial_file(tmp_path):
    target = tmp_path / "paper.pdf"
    payloads = [bytes([i]) * 200_000 for i in range(8)]
    threads = [threading.Thread(target=write_atomic, args=(target, p)) for p in payloads]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert target.read_bytes() in payloads
    assert [p.name for p in tmp_path.iterdir()] == ["paper.pdf"], "no temporary files left"


def test_a_huge_paper_is_refused_before_it_is_read(tmp_path, capsys, monkeypatch):
    folder = tmp_path / "big"
    folder.mkdir()
    with open(folder / "paper.md", "w") as handle:
        handle.write(HEAD)
        handle.write(("word " * 200 + "\n\n") * 20_000)  # ~20 MB
    opened = []
    original = Path.read_bytes

    def spy(path, *args, **kwargs):
        opened.append(path)
        return original(path, *args, **kwargs)

    monkeypatch.setattr(Path, "read_bytes", spy)
    assert main(["check", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "paper.md is 20 MB; a briefing is far smaller" in err
    assert folder / "paper.md" not in opened, "the size is known from the file system"


def test_an_svg_doctype_is_accepted_and_its_dtd_never_fetched(project, listener, tmp_path):
    """The DOCTYPE line every exporter writes builds; its DTD (here on the listener, and an
    Illustrator-style namespace entity beside it) is never requested."""
    content, _ = project
    url, requests = listener
    folder = write_paper(content, "doctype", "## A\n\n![x](figures/d.svg)\n", url)
    (folder / "figures" / "d.svg").write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "{url}/svg11.dtd" '
        '[<!ENTITY ns_svg "http://www.w3.org/2000/svg">]>\n'
        '<svg xmlns="&ns_svg;" width="40" height="20"><rect width="40" height="20"/></svg>'
    )
    out = tmp_path / "out"
    assert main(["build", str(folder), "--format", "pdf,docx", "--out", str(out)]) == 0
    assert requests == []


@pytest.mark.parametrize(
    "css",
    ["@import url(URL/x.css);", "rect { fill: url(URL/paint.svg#p); }"],
    ids=["import", "url"],
)
def test_an_svg_style_sheet_naming_a_url_is_refused(css, project, listener, tmp_path, capsys):
    content, _ = project
    url, requests = listener
    folder = write_paper(content, "css", "## A\n\n![x](figures/c.svg)\n", url)
    (folder / "figures" / "c.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
        f'<style>{css.replace("URL", url)}</style><rect width="40" height="20"/></svg>'
    )
    assert main(["build", str(folder), "--format", "pdf,docx", "--out", str(tmp_path)]) == 1
    assert "refers to another file or URL" in capsys.readouterr().err
    assert requests == []
