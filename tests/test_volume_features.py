"""Papers using contents, page references, landscape pages and appendices bound into a
volume: each keeps its own contents (the DOCX's TOC field limited to the paper with `\\b`),
its page references point to the volume's pages, and its landscape page stays landscape."""

from __future__ import annotations

import re
import shutil

import pdfplumber
import pytest
from conftest import FEATURES
from docx_reading import NS, instructions, part

PAPERS = ["contents-en", "landscape", "appendix-zh"]


@pytest.fixture(scope="module")
def volume(tmp_path_factory):
    from briefing.build import build_volume

    root = tmp_path_factory.mktemp("volume-features") / "content"
    (root / "volumes").mkdir(parents=True)
    for name in PAPERS:
        shutil.copytree(FEATURES / name, root / name)
    (root / "volumes" / "bound.yaml").write_text(
        "title: 測試合訂本\npublisher: 測試\ndate: 2025-06-30\nlang: zh-Hant\n"
        f"papers: [{', '.join(PAPERS)}]\n",
        encoding="utf-8",
    )
    paths = build_volume(root / "volumes" / "bound.yaml", ["pdf", "docx"], root.parent / "out")
    return {p.suffix[1:]: p for p in paths}


def test_a_bound_papers_contents_and_references_give_the_volumes_pages(volume):
    with pdfplumber.open(volume["pdf"]) as pdf:
        pages = [page.extract_text() for page in pdf.pages]
        widths = [page.width > page.height for page in pdf.pages]
    assert widths.count(True) == 1  # the landscape paper's table page
    heading = next(
        i for i, t in enumerate(pages, 1) if re.search(r"^2 Where rare earths are mined$", t, re.M)
    )
    entry = re.search(r"^2 Where rare earths are mined\s*\.+\s*(\d+)$", "\n".join(pages), re.M)
    assert int(entry[1]) == heading
    reference = re.search(r"\(Section 2, p\. (\d+)\)", " ".join(" ".join(pages).split()))
    assert int(reference[1]) == heading


def test_a_bound_papers_toc_field_lists_only_its_own_headings(volume):
    root = part(volume["docx"])
    tocs = [i for i in instructions(root) if i.startswith("TOC")]
    assert tocs[1] == 'TOC \\o "1-2" \\h \\z \\u \\b _Toc_scope_1'
    names = root.xpath("//w:bookmarkStart/@w:name", namespaces=NS)
    assert "_Toc_scope_1" in names
    orient = root.xpath("//w:sectPr/w:pgSz/@w:orient", namespaces=NS)
    assert orient == ["landscape"]
