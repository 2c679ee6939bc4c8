#!/usr/bin/env python3
"""Regenerate tests/fixtures/figures/: figure files made by the real tools analysts use.

What it does: draws the same small illustrative data set with matplotlib, Graphviz, gnuplot,
Inkscape, R (svglite, pdf(), svg()), LibreOffice Calc and ImageMagick, and writes their real
exports (SVG, PDF, PNG, JPEG, GIF, WebP, TIFF) plus the hand-written files that the pipeline
must refuse (entity bomb, XXE, network image, a 50,000-pixel-wide PNG) into
tests/fixtures/figures/. The files are committed, so the tests never need these tools; run
this only to rebuild the corpus. Every tool that is missing is skipped with a message and its
committed files are left as they are. Files downloaded from public repositories (the Adobe
Illustrator SVGs, the EXIF-orientation photos) are never re-downloaded: they are listed and
checked to be present. PROVENANCE.md and figures.yaml beside the files describe each one.

How to run it (Debian 12; matplotlib lives in a throwaway venv, not in the project):

    apt-get install graphviz gnuplot-nox inkscape xvfb xauth r-base-core r-cran-svglite \\
        imagemagick libreoffice-calc-nogui python3-lxml python3-numpy \\
        fonts-noto-cjk fonts-dejavu-core librsvg2-bin poppler-utils faketime
    python3 -m venv /tmp/figvenv && /tmp/figvenv/bin/pip install matplotlib pillow openpyxl pyyaml
    /tmp/figvenv/bin/python scripts/make_figure_fixtures.py           # regenerate what it can
    /tmp/figvenv/bin/python scripts/make_figure_fixtures.py --check   # verify figures.yaml

--check opens every file (rsvg-convert, pdfinfo, Pillow), recomputes each aspect ratio and
compares it, the kind, the orientation and the sample text with figures.yaml.

Deterministic where the tool allows: SOURCE_DATE_EPOCH and TZ are fixed, matplotlib gets a
fixed svg.hashsalt and no dates, ImageMagick writes no date chunks. cairo 1.16 (Graphviz and
gnuplot PDFs), R's pdf() and LibreOffice stamp the current time into their PDFs and cannot be
told not to; where `faketime` is installed (apt-get install faketime) they run with the clock
stopped at the same instant, and a second run then gives byte-identical files.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "fixtures" / "figures"
EPOCH = "1700000000"  # 2023-11-14T22:13:20Z, for tools that honour SOURCE_DATE_EPOCH
FROZEN = "2023-11-14 22:13:20"  # the same instant, for faketime (TZ=UTC below)
ENV = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "TZ": "UTC", "LC_ALL": "C.UTF-8"}
# Inkscape runs its Python extensions (Embed Images) with the first python3 on PATH, and
# Debian's python3-lxml is installed for /usr/bin/python3 only.
INKSCAPE_ENV = {**ENV, "PATH": "/usr/bin:" + ENV.get("PATH", "")}

# Illustrative numbers only (not real statistics): exports by region, US$ billion.
YEARS = list(range(2015, 2025))
SERIES = {
    "North": [31.2, 30.8, 34.5, 36.9, 35.1, 33.0, 40.2, 44.7, 42.9, 46.3],
    "Central": [22.4, 23.1, 24.9, 26.2, 25.8, 24.6, 28.9, 31.5, 30.7, 32.2],
    "South": [19.8, 20.5, 21.7, 23.4, 22.9, 21.2, 25.0, 27.8, 26.4, 28.1],
}
CJK_NAMES = {"North": "北部", "Central": "中部", "South": "南部"}

# Files downloaded once from public repositories; see PROVENANCE.md. Never re-fetched.
DOWNLOADED = [
    "ai-jupyter-poweredby.svg",
    "ai-ionicons-add.svg",
    "photo-landscape-exif6.jpg",
    "photo-portrait-exif6.jpg",
]

skipped: list[str] = []
made: list[str] = []


def have(*commands: str) -> bool:
    return all(shutil.which(c) for c in commands)


def frozen(cmd: list[str]) -> list[str]:
    """Run cmd with the clock stopped at EPOCH (libfaketime), where faketime is installed:
    cairo 1.16, R's pdf() and LibreOffice stamp the current time into PDFs otherwise."""
    return ["faketime", "-f", FROZEN, *cmd] if have("faketime") else cmd


def run(cmd: list[str], env: dict | None = None, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, check=True, env=env or ENV, **kw)


def skip(what: str, why: str) -> None:
    skipped.append(f"{what}: {why}")
    print(f"SKIP {what}: {why}", file=sys.stderr)


def done(*names: str) -> None:
    for n in names:
        made.append(n)
        print(f"made {n}")


def version(cmd: list[str]) -> str:
    """The first line of a tool's own version output (for the log)."""
    p = subprocess.run(cmd, capture_output=True, text=True, env=ENV)
    text = (p.stdout or p.stderr).strip().splitlines()
    return text[0] if text else "?"


# --------------------------------------------------------------------------------------
# matplotlib (run this script with a Python that has matplotlib and Pillow)
# --------------------------------------------------------------------------------------
def make_matplotlib(tmp: Path) -> None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        from matplotlib import font_manager
    except ImportError:
        skip("matplotlib", "not importable by this Python (use /tmp/figvenv/bin/python)")
        return
    print(f"matplotlib {matplotlib.__version__}")

    def line_chart():
        fig, ax = plt.subplots(figsize=(6.4, 4.0))
        for name, values in SERIES.items():
            ax.plot(YEARS, values, marker="o", label=name)
        ax.set_title("Exports by region, 2015–2024")
        ax.set_xlabel("Year")
        ax.set_ylabel("US$ billion")
        ax.legend(loc="upper left")
        ax.grid(alpha=0.3)
        return fig

    base = {"svg.hashsalt": "briefing-figure-fixtures", "font.family": "DejaVu Sans"}
    with plt.rc_context({**base, "svg.fonttype": "none"}):
        fig = line_chart()
        fig.savefig(OUT / "mpl-line-text.svg", metadata={"Date": None})
        plt.close(fig)
    with plt.rc_context({**base, "svg.fonttype": "path"}):
        fig = line_chart()
        fig.savefig(OUT / "mpl-line-paths.svg", metadata={"Date": None})
        plt.close(fig)
    with plt.rc_context(base):
        fig = line_chart()
        fig.savefig(OUT / "mpl-line.png", dpi=100, metadata={"Software": None})
        fig.savefig(tmp / "mpl-line-transparent.png", dpi=100, transparent=True)
        plt.close(fig)
    done("mpl-line-text.svg", "mpl-line-paths.svg", "mpl-line.png")

    cjk = [f.name for f in font_manager.fontManager.ttflist if f.name == "Noto Sans CJK TC"]
    if not cjk:
        skip("mpl-bar-cjk.*", "font Noto Sans CJK TC missing (apt-get install fonts-noto-cjk)")
        return
    rc = {**base, "font.family": ["Noto Sans CJK TC"], "pdf.fonttype": 42}
    with plt.rc_context(rc):
        fig, ax = plt.subplots(figsize=(6.0, 4.0))
        last = [values[-1] for values in SERIES.values()]
        ax.bar([CJK_NAMES[n] for n in SERIES], last, color=["#3b6ea5", "#c8553d", "#6a994e"])
        ax.set_title("2024年各區出口（示意資料）")
        ax.set_xlabel("地區 Region")
        ax.set_ylabel("億美元 US$ billion")
        for x, v in enumerate(last):
            ax.annotate(f"{v:.1f}", (x, v), ha="center", va="bottom")
        fig.savefig(OUT / "mpl-bar-cjk.pdf", metadata={"CreationDate": None})
        fig.savefig(OUT / "mpl-bar-cjk.png", dpi=120, metadata={"Software": None})
        plt.close(fig)
    done("mpl-bar-cjk.pdf", "mpl-bar-cjk.png")


# --------------------------------------------------------------------------------------
# Graphviz
# --------------------------------------------------------------------------------------
GV_SOURCE = """digraph review {
  rankdir=LR;
  node [shape=box, style="rounded,filled", fillcolor="#eef3f8", fontname="DejaVu Sans"];
  edge [fontname="DejaVu Sans", fontsize=10];
  Draft -> Review -> Approved -> Published;
  Review -> Draft [label="revise"];
  Approved [fillcolor="#e4f2e4"];
}
"""


def make_graphviz(tmp: Path) -> None:
    if not have("dot"):
        skip("graphviz", "dot not installed (apt-get install graphviz)")
        return
    print(version(["dot", "-V"]))
    src = tmp / "review.dot"
    src.write_text(GV_SOURCE, encoding="utf-8")
    run(["dot", "-Tsvg", str(src), "-o", str(OUT / "gv-flow.svg")])
    run(frozen(["dot", "-Tpdf", str(src), "-o", str(OUT / "gv-flow.pdf")]))
    done("gv-flow.svg", "gv-flow.pdf")


# --------------------------------------------------------------------------------------
# gnuplot
# --------------------------------------------------------------------------------------
GNUPLOT_SCRIPT = """set title "Damped oscillation"
set xlabel "Time (s)"
set ylabel "Amplitude"
set samples 400
set key top right
set terminal svg size 640,400 font "DejaVu Sans,12"
set output "{svg}"
plot [0:10] exp(-x/4)*sin(3*x) title "signal" lw 2, exp(-x/4) title "envelope" dt 2
set output
"""
GNUPLOT_PDF = """set terminal pdfcairo size 5in,3.125in font "DejaVu Sans,10"
set output "{pdf}"
replot
set output
"""


def make_gnuplot(tmp: Path) -> None:
    if not have("gnuplot"):
        skip("gnuplot", "not installed (apt-get install gnuplot-nox)")
        return
    print(version(["gnuplot", "--version"]))
    script = GNUPLOT_SCRIPT.format(svg=OUT / "gp-sine.svg")
    terminals = subprocess.run(
        ["gnuplot", "-e", "set terminal"], capture_output=True, text=True, env=ENV
    )
    has_pdfcairo = "pdfcairo" in terminals.stdout + terminals.stderr
    if has_pdfcairo:
        script += GNUPLOT_PDF.format(pdf=OUT / "gp-sine.pdf")
    (tmp / "sine.gp").write_text(script, encoding="utf-8")
    run(frozen(["gnuplot", str(tmp / "sine.gp")]))
    done("gp-sine.svg")
    if has_pdfcairo:
        done("gp-sine.pdf")
    else:
        skip("gp-sine.pdf", "this gnuplot has no pdfcairo terminal")


# --------------------------------------------------------------------------------------
# Inkscape: open a hand-written mm-unit drawing that links a PNG, run Inkscape's own
# "Embed Images" extension on it, save as Inkscape SVG. Extensions are only registered in
# GUI mode, hence xvfb-run.
# --------------------------------------------------------------------------------------
INKSCAPE_SOURCE = """<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
     width="160mm" height="90mm" viewBox="0 0 160 90">
  <title>Site visit</title>
  <g inkscape:groupmode="layer" inkscape:label="Layer 1" id="layer1">
  <rect x="4" y="4" width="152" height="82" rx="3" fill="#f6f3ec" stroke="#5a4a3a"
        stroke-width="0.4"/>
  <text x="10" y="15" font-family="DejaVu Sans" font-size="6.5" fill="#222">Site visit, waterfall
    <tspan x="10" dy="7" font-size="4.5" fill="#555">photo inset, scale bar and callout</tspan>
  </text>
  <image id="photo" x="10" y="27" width="72" height="48" preserveAspectRatio="none"
         xlink:href="inset.png"/>
  <path d="M 90 40 L 120 40 L 120 70 L 150 70" fill="none" stroke="#c8553d" stroke-width="0.8"
        marker-end="url(#arrow)"/>
  <defs>
    <marker id="arrow" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="4" markerHeight="4"
            orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#c8553d"/></marker>
  </defs>
  <rect x="90" y="76" width="40" height="2" fill="#222"/>
  <text x="90" y="83" font-family="DejaVu Sans" font-size="3.5" fill="#222">0 — 40 m</text>
  <circle cx="120" cy="40" r="3" fill="none" stroke="#3b6ea5" stroke-width="0.6"/>
  <text x="96" y="36" font-family="DejaVu Sans" font-size="4" fill="#3b6ea5">Gauge station</text>
  </g>
</svg>
"""


def make_inkscape(tmp: Path) -> None:
    if not have("inkscape"):
        skip("inkscape", "not installed (apt-get install inkscape)")
        return
    if not have("xvfb-run"):
        skip("inkscape", "xvfb-run not installed (apt-get install xvfb xauth)")
        return
    photo = OUT / "photo-landscape-exif6.jpg"
    if not (photo.exists() and have("convert")):
        skip("inkscape", "needs the committed photo and ImageMagick convert for the inset")
        return
    print(version(["inkscape", "--version"]))
    inset = tmp / "inset.png"
    opts = "-auto-orient -resize 216x144! -strip -define png:exclude-chunks=date,time"
    run(["convert", str(photo), *opts.split(), str(inset)])
    src = tmp / "site-visit.svg"
    src.write_text(INKSCAPE_SOURCE, encoding="utf-8")
    out = tmp / "ink-out.svg"
    actions = (
        "org.inkscape.filter.embed-image.noprefs;"
        f"export-filename:{out};export-plain-svg:false;export-do"
    )
    cmd = ["xvfb-run", "-a", "inkscape", "--with-gui", "--batch-process", str(src)]
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    run([*cmd, f"--actions={actions}"], env=INKSCAPE_ENV, **quiet)
    text = out.read_text(encoding="utf-8")
    if "data:image/png;base64," not in text:
        skip("ink-site-visit.svg", "Inkscape's Embed Images extension did not embed the PNG")
        return
    # The temporary folder's path is the only varying part; Inkscape writes it verbatim.
    text = text.replace(str(tmp) + "/", "")
    (OUT / "ink-site-visit.svg").write_text(text, encoding="utf-8")
    done("ink-site-visit.svg")


# --------------------------------------------------------------------------------------
# R: svglite (Debian's r-cran-svglite), base pdf(), and cairo svg()
# --------------------------------------------------------------------------------------
R_SCRIPT = r"""
years <- {years}
north <- {north}; central <- {central}; south <- {south}
draw <- function() {{
  par(mar = c(4.5, 4.5, 3, 1))
  plot(years, north, type = "o", pch = 19, col = "#3b6ea5", ylim = c(15, 50),
       main = "Exports by region, 2015-2024", xlab = "Year", ylab = "US$ billion")
  lines(years, central, type = "o", pch = 17, col = "#c8553d")
  lines(years, south, type = "o", pch = 15, col = "#6a994e")
  legend("topleft", c("North", "Central", "South"), col = c("#3b6ea5", "#c8553d", "#6a994e"),
         pch = c(19, 17, 15), lty = 1, bty = "n")
}}
if (requireNamespace("svglite", quietly = TRUE)) {{
  svglite::svglite("{out}/r-svglite.svg", width = 7, height = 5)
  draw(); invisible(dev.off())
  cat("made r-svglite.svg\n")
}} else cat("SKIP r-svglite.svg: R package svglite missing\n")
pdf("{out}/r-base.pdf", width = 7, height = 5, useDingbats = FALSE, title = "Exports by region")
draw(); invisible(dev.off())
cat("made r-base.pdf\n")
if (capabilities("cairo")) {{
  svg("{out}/r-cairo.svg", width = 7, height = 5)
  draw(); invisible(dev.off())
  cat("made r-cairo.svg\n")
}} else cat("SKIP r-cairo.svg: this R has no cairo\n")
"""


def make_r(tmp: Path) -> None:
    if not have("Rscript"):
        skip("R", "Rscript not installed (apt-get install r-base-core r-cran-svglite)")
        return
    print(version(["Rscript", "--version"]))

    def vec(xs):
        return "c(" + ", ".join(str(x) for x in xs) + ")"

    script = R_SCRIPT.format(
        years=vec(YEARS),
        north=vec(SERIES["North"]),
        central=vec(SERIES["Central"]),
        south=vec(SERIES["South"]),
        out=OUT,
    )
    (tmp / "plot.R").write_text(script, encoding="utf-8")
    p = run(frozen(["Rscript", "--vanilla", str(tmp / "plot.R")]), capture_output=True, text=True)
    for line in p.stdout.splitlines():
        if line.startswith("made "):
            done(line[5:])
        elif line.startswith("SKIP "):
            what, _, why = line[5:].partition(": ")
            skip(what, why)


# --------------------------------------------------------------------------------------
# LibreOffice Calc: an .xlsx with a native bar chart (written by openpyxl), printed to PDF
# by Calc. Excel itself is not available; this is Calc's rendering of an Excel workbook.
# --------------------------------------------------------------------------------------
def make_calc(tmp: Path) -> None:
    if not have("soffice"):
        skip("calc", "soffice not installed (apt-get install libreoffice-calc-nogui)")
        return
    try:
        from openpyxl import Workbook
        from openpyxl.chart import BarChart, Reference
    except ImportError:
        skip("calc", "openpyxl not importable by this Python")
        return
    print(version(["soffice", "--version"]))
    wb = Workbook()
    ws = wb.active
    ws.title = "Exports"
    ws.append(["Year", *SERIES])
    for i, year in enumerate(YEARS[-5:]):
        ws.append([year, *(values[len(YEARS) - 5 + i] for values in SERIES.values())])
    chart = BarChart()
    chart.title = "Exports by region"
    chart.y_axis.title = "US$ billion"
    chart.x_axis.title = "Year"
    chart.add_data(Reference(ws, min_col=2, max_col=4, min_row=1, max_row=6), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=6))
    chart.width, chart.height = 16, 9
    ws.add_chart(chart, "A8")
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = ws.page_setup.fitToHeight = 1
    book = tmp / "lo-calc-chart.xlsx"
    wb.save(book)
    profile = (tmp / "lo-profile").as_uri()
    cmd = ["soffice", "--headless", "--norestore", f"-env:UserInstallation={profile}"]
    cmd += ["--convert-to", "pdf", "--outdir", str(OUT), str(book)]
    run(frozen(cmd), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    done("lo-calc-chart.pdf")


# --------------------------------------------------------------------------------------
# ImageMagick raster variants, from the committed photo and the matplotlib chart
# --------------------------------------------------------------------------------------
def make_rasters(tmp: Path) -> None:
    if not have("convert"):
        skip("rasters", "ImageMagick convert not installed (apt-get install imagemagick)")
        return
    version_line = subprocess.run(["convert", "-version"], capture_output=True, text=True).stdout
    if "ImageMagick" not in version_line:
        skip("rasters", "`convert` is not ImageMagick (apt-get install imagemagick)")
        return
    print(version_line.splitlines()[0])
    photo = OUT / "photo-landscape-exif6.jpg"
    chart = OUT / "mpl-line.png"
    transparent = tmp / "mpl-line-transparent.png"  # written by make_matplotlib this run
    nodate = "-define png:exclude-chunks=date,time"

    def im(source: Path, options: str, target: str) -> None:
        """convert SOURCE OPTIONS... TARGET; options split on blanks (none has one inside)."""
        run(["convert", str(source), *options.split(), target])
        done(Path(target.split(":", 1)[-1]).name)

    def to(name: str, prefix: str = "") -> str:
        return prefix + str(OUT / name)

    if photo.exists():
        small = "-auto-orient -resize 480x -strip"
        im(photo, f"{small} -colorspace CMYK -quality 85", to("raster-cmyk.jpg"))
        im(photo, f"{small} -interlace Plane -quality 85", to("raster-progressive.jpg"))
        im(photo, f"{small} -colorspace Gray -depth 16 {nodate}", to("raster-gray16.png", "PNG:"))
        # A soft vignette in the alpha channel: partly transparent pixels, not just on/off.
        vignette = "( -size 480x320 radial-gradient:white-black -level 0,60% ) -alpha off"
        vignette += " -compose CopyOpacity -composite"
        im(photo, f"{small} {vignette} {nodate}", to("raster-rgba.png", "PNG32:"))
        im(photo, f"{small} -quality 80 -define webp:method=6", to("raster.webp"))
        tiff = "-compress LZW -define tiff:rows-per-strip=64 +set date:create +set date:modify"
        im(photo, f"{small} {tiff}", to("raster.tiff"))
    else:
        skip("photo rasters", f"{photo.name} missing")
    if chart.exists():
        if transparent.exists():
            im(transparent, f"-colors 64 {nodate}", to("raster-palette-trns.png", "PNG8:"))
        else:
            skip("raster-palette-trns.png", "needs matplotlib's transparent export of this run")
        bilevel = "-colorspace Gray -threshold 80% -type Bilevel -depth 1"
        im(chart, f"{bilevel} {nodate}", to("raster-1bit.png", "PNG:"))
        im(chart, "-colors 128", to("raster.gif"))
    else:
        skip("chart rasters", f"{chart.name} missing")


def make_wide_png() -> None:
    """Refused: 50,000 pixels wide, far wider than any page could use, yet tiny on disk.
    Pillow, because Debian's ImageMagick policy caps width at 16,000 pixels."""
    try:
        from PIL import Image
    except ImportError:
        skip("bad-wide-50000px.png", "Pillow not importable by this Python")
        return
    width, height = 50_000, 20
    row = bytes(
        v
        for x in range(width)
        for v in (59 + x * 187 // width, 110 + x * 133 // width, 165 + x * 71 // width)
    )
    im = Image.frombytes("RGB", (width, height), row * height)
    im.save(OUT / "bad-wide-50000px.png", optimize=True)
    done("bad-wide-50000px.png")


# --------------------------------------------------------------------------------------
# Hand-written SVGs the pipeline must refuse
# --------------------------------------------------------------------------------------
BAD_SVGS = {
    "bad-entity-bomb.svg": """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE svg [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100">
  <text x="10" y="50">&lol9;</text>
</svg>
""",
    "bad-xxe.svg": """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE svg [
  <!ENTITY xxe SYSTEM "file:///etc/passwd">
]>
<svg xmlns="http://www.w3.org/2000/svg" width="400" height="100" viewBox="0 0 400 100">
  <text x="10" y="50" font-size="12">&xxe;</text>
</svg>
""",
    "bad-network-image.svg": """<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     width="300" height="200" viewBox="0 0 300 200">
  <rect width="300" height="200" fill="#eef3f8"/>
  <image href="http://example.com/x.png" x="10" y="10" width="280" height="180"/>
  <image xlink:href="https://example.com/y.png" x="10" y="10" width="140" height="90"/>
</svg>
""",
}


def make_bad_svgs() -> None:
    for name, text in BAD_SVGS.items():
        (OUT / name).write_text(text, encoding="utf-8")
        done(name)


# --------------------------------------------------------------------------------------
# --check: figures.yaml against the files
# --------------------------------------------------------------------------------------
UNIT_TO_PT = {
    "": 0.75,
    "px": 0.75,
    "pt": 1.0,
    "pc": 12.0,
    "mm": 72 / 25.4,
    "cm": 72 / 2.54,
    "in": 72.0,
}


def svg_aspect(path: Path) -> float:
    """Width/height of an SVG as displayed, read from its root tag (no XML parser: the
    refused files must never be expanded)."""
    text = path.read_text(encoding="utf-8", errors="replace")
    root = re.search(r"<svg\b[^>]*>", text, re.S).group(0)

    def attr(name):
        m = re.search(rf'\s{name}\s*=\s*["\']([^"\']*)["\']', root)
        return m.group(1).strip() if m else None

    w, h = attr("width"), attr("height")
    box = attr("viewBox")
    length = re.compile(r"^([0-9.]+)\s*(px|pt|pc|mm|cm|in)?$")
    if w and h and length.match(w) and length.match(h):
        (wv, wu), (hv, hu) = length.match(w).groups(), length.match(h).groups()
        return float(wv) * UNIT_TO_PT[wu or ""] / (float(hv) * UNIT_TO_PT[hu or ""])
    vb = [float(v) for v in re.split(r"[\s,]+", box)]
    return vb[2] / vb[3]


def pdf_aspect(path: Path) -> float:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    m = re.search(r"Page size:\s+([0-9.]+) x ([0-9.]+)", out)
    rot = re.search(r"Page rot:\s+(\d+)", out)
    w, h = float(m.group(1)), float(m.group(2))
    if rot and int(rot.group(1)) % 180 == 90:
        w, h = h, w
    return w / h


def real_kind(path: Path) -> str:
    """What the bytes are, whatever the suffix says."""
    head = path.read_bytes()[:4096]
    if head.startswith(b"%PDF-"):
        return "pdf"
    if b"<svg" in head:
        return "svg"
    from PIL import Image

    with Image.open(path) as im:
        return im.format.lower()


def raster_info(path: Path) -> tuple[float, int | None]:
    from PIL import Image

    with Image.open(path) as im:
        w, h = im.size
        orientation = im.getexif().get(0x0112)
        if path.stat().st_size < 5_000_000:
            im.load()
    if orientation in (5, 6, 7, 8):
        w, h = h, w
    return w / h, orientation


def check() -> int:
    try:
        import yaml
    except ImportError:
        print("--check needs PyYAML in this Python", file=sys.stderr)
        return 2
    entries = yaml.safe_load((OUT / "figures.yaml").read_text(encoding="utf-8"))["figures"]
    listed = {e["file"] for e in entries}
    on_disk = {p.name for p in OUT.iterdir()} - {"PROVENANCE.md", "figures.yaml"}
    problems = [f"{n}: on disk, not in figures.yaml" for n in sorted(on_disk - listed)]
    problems += [f"{n}: in figures.yaml, not on disk" for n in sorted(listed - on_disk)]
    for e in entries:
        path = OUT / e["file"]
        if not path.exists():
            continue
        kind = e["kind"]
        try:
            if real_kind(path) != kind:
                problems.append(f"{e['file']}: is {real_kind(path)}, figures.yaml says {kind}")
            if kind == "svg":
                aspect, orientation = svg_aspect(path), None
                if e["expect"] == "ok" and have("rsvg-convert"):
                    subprocess.run(["rsvg-convert", str(path)], check=True, capture_output=True)
            elif kind == "pdf":
                aspect, orientation = pdf_aspect(path), None
            else:
                aspect, orientation = raster_info(path)
        except Exception as exc:  # report every file, not only the first that fails
            problems.append(f"{e['file']}: does not open: {exc}")
            continue
        if round(aspect, 3) != round(float(e["aspect"]), 3):
            problems.append(f"{e['file']}: aspect {aspect:.3f}, figures.yaml says {e['aspect']}")
        if orientation != e.get("orientation"):
            problems.append(f"{e['file']}: orientation {orientation}, says {e['orientation']}")
        if e.get("has_text") and kind in ("svg", "pdf") and e["expect"] == "ok":
            if kind == "svg":
                found = e["text"] in path.read_text(encoding="utf-8")
            else:
                found = (
                    e["text"]
                    in subprocess.run(
                        ["pdftotext", str(path), "-"], capture_output=True, text=True
                    ).stdout
                )
            if not found:
                problems.append(f"{e['file']}: sample text {e['text']!r} not found")
    for p in problems:
        print("PROBLEM", p)
    print(f"checked {len(entries)} files, {len(problems)} problems")
    return 1 if problems else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="verify figures.yaml, write nothing")
    args = parser.parse_args()
    if args.check:
        return check()
    OUT.mkdir(parents=True, exist_ok=True)
    for name in DOWNLOADED:
        state = "present" if (OUT / name).exists() else "MISSING (see PROVENANCE.md)"
        print(f"downloaded, not re-fetched: {name}: {state}")
    with tempfile.TemporaryDirectory(prefix="figfixtures-") as t:
        tmp = Path(t)
        make_matplotlib(tmp)
        make_graphviz(tmp)
        make_gnuplot(tmp)
        make_inkscape(tmp)
        make_r(tmp)
        make_calc(tmp)
        make_rasters(tmp)
        make_wide_png()
        make_bad_svgs()
    print(f"\n{len(made)} files written to {OUT.relative_to(ROOT)}")
    if skipped:
        print(f"{len(skipped)} skipped:")
        for s in skipped:
            print("  " + s)
    return 0


if __name__ == "__main__":
    sys.exit(main())
