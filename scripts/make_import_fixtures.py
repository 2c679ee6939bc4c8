#!/usr/bin/env python3
"""Regenerate tests/fixtures/import/: Word documents written by other programs, which
`briefing import` must read well.

- pandoc.docx: `pandoc -o pandoc.docx pandoc.md` (Pandoc's own styles: Title, Author,
  Date, Heading 1-2, Body Text, Compact lists, Table, Image Caption, native footnotes).
- libreoffice.docx: LibreOffice Writer's export of libreoffice.html, an HTML page in
  LibreOffice's own footnote and endnote markup (sdfootnote / sdendnote), with a table,
  a picture and a "Figure 1:" caption typed as text
  (`soffice --headless --convert-to docx:"MS Word 2007 XML" libreoffice.html`).
- word-tracked.docx: assembled here with python-docx and lxml the way Word writes an
  edited draft: Word's built-in style names, a shaded one-cell "Key points" table, a
  tracked insertion and deletion by a named author (w:ins/w:del) and a comment
  (comments.xml, anchored by w:commentRangeStart/End), as Word's Review tab makes them.

The .docx files are committed, so the tests never need Pandoc or LibreOffice; run this
only to rebuild them (apt-get install pandoc libreoffice-writer-nogui), with the project's
.venv (python-docx, lxml):

    .venv/bin/python scripts/make_import_fixtures.py

The picture is tests/fixtures/figures/mpl-line.png (matplotlib; see its PROVENANCE.md).
The words are the sample papers' public facts (USGS, IEA), so nothing is invented.
"""

from __future__ import annotations

import base64
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "fixtures" / "import"
PICTURE = ROOT / "tests" / "fixtures" / "figures" / "mpl-line.png"

PANDOC_MD = """---
title: Rare Earths After the Mine
author: Editorial Team
date: 2025-06-30
---

# Key points

- China mined about 69% of the world's rare-earth oxide in 2024.
- Refining is *more* concentrated than mining.

# The processing bottleneck

The IEA found China's share of rare-earth refining to be nearly 90%.[^iea] Mining is
spread more widely.[^usgs]

## Mine output

| Country | 2024 (t REO) |
|:--------|-------------:|
| China | 270,000 |
| United States | 45,000 |
| Burma | 31,000 |

Table: Mine production, 2024 (USGS estimates).

![Mine production over time](mpl-line.png)

See the [USGS summaries](https://www.usgs.gov/centers/national-minerals-information-center).

[^iea]: International Energy Agency, *The Role of Critical Minerals in Clean Energy
    Transitions* (2021).

[^usgs]: U.S. Geological Survey, *Mineral Commodity Summaries 2025*.
"""

LIBREOFFICE_HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Refining Rare Earths</title>
<meta name="author" content="Editorial Team"></head>
<body>
<h1>Refining Rare Earths</h1>
<h2>Where the ore goes</h2>
<p>Outside China, much ore is exported for refining.<a class="sdfootnoteanc"
 name="sdfootnote1anc" href="#sdfootnote1sym"><sup>1</sup></a> The United States exported
43,000 tonnes in 2024.<a class="sdendnoteanc" name="sdendnote1anc"
 href="#sdendnote1sym"><sup>i</sup></a></p>
<table border="1"><tr><th>Year</th><th>Exports (t)</th></tr>
<tr><td>2023</td><td>20,700</td></tr><tr><td>2024</td><td>43,000</td></tr></table>
<p><img src="data:image/png;base64,{picture}" width="320" height="200" alt="Exports"></p>
<p>Figure 1: United States exports of rare-earth ores and compounds.</p>
<ol><li>Separation</li><li>Refining</li></ol>
<div id="sdfootnote1"><p class="sdfootnote"><a class="sdfootnotesym" name="sdfootnote1sym"
 href="#sdfootnote1anc">1</a>U.S. Geological Survey, Mineral Commodity Summaries 2025.</p></div>
<div id="sdendnote1"><p class="sdendnote"><a class="sdendnotesym" name="sdendnote1sym"
 href="#sdendnote1anc">i</a>Estimated.</p></div>
</body></html>
"""


def pandoc(folder: Path) -> None:
    if shutil.which("pandoc") is None:
        print("pandoc not installed: pandoc.docx left as it is", file=sys.stderr)
        return
    (OUT / "pandoc.md").write_text(PANDOC_MD, encoding="utf-8")
    shutil.copy(PICTURE, folder / "mpl-line.png")
    (folder / "pandoc.md").write_text(PANDOC_MD, encoding="utf-8")
    subprocess.run(["pandoc", "pandoc.md", "-o", str(OUT / "pandoc.docx")], cwd=folder, check=True)


def libreoffice(folder: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        print("LibreOffice not installed: libreoffice.docx left as it is", file=sys.stderr)
        return
    page = LIBREOFFICE_HTML.replace("{picture}", base64.b64encode(PICTURE.read_bytes()).decode())
    (OUT / "libreoffice.html").write_text(page, encoding="utf-8")
    (folder / "libreoffice.html").write_text(page, encoding="utf-8")
    subprocess.run(
        [soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
         "--infilter=HTML (StarWriter)", "--convert-to", 'docx:MS Word 2007 XML',
         "--outdir", str(OUT), str(folder / "libreoffice.html")],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip


def word_tracked() -> None:
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.shared import Pt

    document = docx.Document()
    core = document.core_properties
    core.title, core.author = "Processing Capacity Outside China", "Editorial Team"
    core.created = core.modified = dt.datetime(2025, 7, 1, 9, 0)
    document.add_paragraph("Processing Capacity Outside China", style="Title")
    box = document.add_table(rows=1, cols=1)
    cell = box.rows[0].cells[0]
    shading = parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="EAF0F7"/>')
    cell._tc.get_or_add_tcPr().append(shading)
    title = cell.paragraphs[0]
    title.add_run("Key points").bold = True
    for point in ("The EU set a 40% processing benchmark for 2030.",
                  "No more than 65% of any strategic raw material from one country."):  # fmt: skip
        cell.add_paragraph(point, style="List Bullet")
    document.add_heading("The benchmark", level=1)
    p = document.add_paragraph("The Critical Raw Materials Act was adopted in ")
    # A tracked change as Word's Review tab writes it: the old word deleted, the new
    # inserted, each with its author and date (ECMA-376 Part 1, §17.13.5.14, .18).
    p._p.append(parse_xml(
        f'<w:del {nsdecls("w")} w:id="1" w:author="Anna Editor" w:date="2025-07-01T09:00:00Z">'
        '<w:r><w:delText>March</w:delText></w:r></w:del>'
    ))  # fmt: skip
    p._p.append(parse_xml(
        f'<w:ins {nsdecls("w")} w:id="2" w:author="Anna Editor" w:date="2025-07-01T09:00:00Z">'
        '<w:r><w:t>April</w:t></w:r></w:ins>'
    ))  # fmt: skip
    p.add_run(" 2024.")
    commented = document.add_paragraph("It sets benchmarks for ")
    run = commented.add_run("extraction, processing and recycling")
    commented.add_run(".")
    document.add_comment(run, text="Give the three percentages here.", author="Anna Editor",
                         initials="AE")  # fmt: skip
    style = document.styles["Normal"].font
    style.size = Pt(11)
    document.save(OUT / "word-tracked.docx")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        pandoc(folder)
        libreoffice(folder)
    word_tracked()


if __name__ == "__main__":
    main()
