"""Take a picture or chart in a DOCX, produce a model Figure and the files it names:
the SVG our writer embedded (asvg:svgBlip) or the bitmap, converted from EMF/WMF by
LibreOffice where it is installed; a native chart as a chart spec and its CSV, read from
the values the chart shows (its c:strCache/c:numCache, which Word's "Edit Data" and
LibreOffice both keep current).

For our own DOCX the custom XML part (docx/source.py) gives each figure's file name,
width as the model held it and, for a chart, the spec as the analyst wrote it, so the
paper comes back as written; an editor's resizing wins over the recorded width.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import shutil
import subprocess
import tempfile
from pathlib import Path, PurePosixPath

import yaml
from lxml import etree

from briefing import model as m
from briefing.transform import plain_text

from .package import NS, R_NS

EMU_PER_POINT = 12700
CHART_URI = NS["c"]
BITMAP_TYPES = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif",
                "image/tiff": "tif", "image/bmp": "bmp", "image/webp": "webp"}  # fmt: skip
METAFILES = {"image/x-emf": "emf", "image/x-wmf": "wmf", "image/emf": "emf", "image/wmf": "wmf"}
CHART_TYPES = {"lineChart": "line", "line3DChart": "line", "areaChart": "area",
               "area3DChart": "area", "pieChart": "pie", "pie3DChart": "pie",
               "doughnutChart": "pie", "scatterChart": "scatter"}  # fmt: skip
SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
DATA_LINE = re.compile(r"^data:.*$", re.MULTILINE)


class Media:
    def __init__(self, importer):
        self.im = importer
        self.files: dict[str, bytes] = {}  # paper-relative path -> bytes
        self.count = 0
        recorded = importer.package.facts.get("figures", [])
        # Pictures are known by the digest of what the DOCX holds, wherever an editor
        # moved them; charts (which programs rewrite) by their order among charts.
        self.pictures: dict[str, list[dict]] = {}  # digest -> its figures, in order
        for entry in recorded:
            if entry.get("digest"):
                self.pictures.setdefault(entry["digest"], []).append(entry)
        self.charts = [f for f in recorded if f.get("src", "").endswith(".chart.yaml")]
        self.chart_count = 0

    def figure(self, drawing, part, p, words=(), ident=None, source=None) -> m.Figure | None:
        """The Figure for `drawing` (w:drawing, w:pict or w:object) in paragraph `p`."""
        self.count += 1
        chart = drawing.find(".//c:chart", NS)
        doc_pr = drawing.find(".//wp:docPr", NS)
        alt = doc_pr.get("descr", "") if doc_pr is not None else ""
        extent = drawing.find(".//wp:extent", NS)
        points = int(extent.get("cx")) / EMU_PER_POINT if extent is not None else None
        recorded: dict = {}
        if chart is not None:
            self.chart_count += 1
            if self.chart_count <= len(self.charts):
                recorded = self.charts[self.chart_count - 1]
            src = self._chart(part.related_parts[chart.get(f"{{{R_NS}}}id")], recorded, p)
        else:
            src, recorded = self._picture(drawing, part, doc_pr, p)
        if src is None:
            return None
        width = self.im.figure_width(recorded, points)
        return m.Figure(
            src=src,
            caption=words,
            id=ident,
            width=width,
            source=source,
            # the document's description wins (an editor may change it); where a program
            # dropped it (LibreOffice, for charts) the one written is still recorded
            alt=alt or recorded.get("alt") or plain_text(words),
        )

    # ------------------------------------------------------------ pictures
    def _picture(self, drawing, part, doc_pr, p) -> tuple[str | None, dict]:
        svg = drawing.find(".//asvg:svgBlip", NS)
        blip = drawing.find(".//a:blip", NS)
        image = drawing.find(".//v:imagedata", NS)
        rid = (
            svg.get(f"{{{R_NS}}}embed") if svg is not None
            else blip.get(f"{{{R_NS}}}embed") if blip is not None
            else image.get(f"{{{R_NS}}}id") if image is not None
            else None
        )  # fmt: skip
        if rid is None or rid not in part.related_parts:
            words = "".join(t.text or "" for t in drawing.iter(f"{{{NS['w']}}}t")).strip()
            what = f"a text box or shape (“{words[:40]}”)" if words else "a shape with no picture"
            self.im.report.warn(p, f"{what} was left out")
            return None, {}
        image_part = part.related_parts[rid]
        data, content_type = image_part.blob, image_part.content_type
        kept = self.im.facts.get("vectors", {}).get(hashlib.sha1(data).hexdigest())
        if kept is not None:  # our vector figure, whose SVG a program dropped on saving
            data, content_type = kept.encode("utf-8"), "image/svg+xml"
        same = self.pictures.get(hashlib.sha1(data).hexdigest(), [])
        recorded = same.pop(0) if len(same) > 1 else same[0] if same else {}
        stem = self._stem(recorded, doc_pr, image_part)
        if content_type == "image/svg+xml":
            return self._store(recorded, f"figures/{stem}.svg", data), recorded
        if content_type in METAFILES:
            converted = to_png(data, METAFILES[content_type])
            if converted is None:
                self.im.report.warn(
                    p,
                    f"a {METAFILES[content_type].upper()} picture could not be converted "
                    "(install LibreOffice); a placeholder stands in its place",
                )
                return self._store({}, f"figures/{stem}.svg", placeholder(stem)), {}
            self.im.report.warn(p, f"a {METAFILES[content_type].upper()} picture became PNG")
            return self._store({}, f"figures/{stem}.png", converted), {}
        suffix = BITMAP_TYPES.get(content_type)
        if suffix is None:
            self.im.report.warn(p, f"a picture of type {content_type} was left out")
            return None, {}
        return self._store(recorded, f"figures/{stem}.{suffix}", data), recorded

    def _stem(self, recorded, doc_pr, image_part) -> str:
        if recorded.get("src"):
            return PurePosixPath(recorded["src"]).stem
        name = doc_pr.get("name", "") if doc_pr is not None else ""
        if "." in name:  # a file name, as Word keeps for inserted pictures
            stem = SAFE_NAME.sub("-", PurePosixPath(name).stem).strip("-")
        else:
            stem = PurePosixPath(str(image_part.partname)).stem
        if re.fullmatch(r"(?:rId|image)?\d+", stem or ""):  # a part number says nothing
            stem = ""
        return stem or f"figure-{self.count}"

    def _store(self, recorded, path: str, data: bytes) -> str:
        """The figure's file; the recorded name when it has the same kind of file."""
        wanted = recorded.get("src", "")
        if wanted and PurePosixPath(wanted).suffix.lower() == PurePosixPath(path).suffix.lower():
            path = wanted
        elif wanted:
            self.im.report.warn(
                None, f"figure {wanted} comes back as {path}: the DOCX holds it as that kind"
            )
        if path in self.files and self.files[path] != data:
            stem, suffix = path.rsplit(".", 1)
            n = 2
            while f"{stem}-{n}.{suffix}" in self.files:
                n += 1
            path = f"{stem}-{n}.{suffix}"
        self.files[path] = data
        return path

    # ------------------------------------------------------------ charts
    def _chart(self, chart_part, recorded, p) -> str:
        root = etree.fromstring(chart_part.blob)
        table, spec = read_chart(root)
        written = recorded.get("spec") if recorded.get("src", "").endswith(".chart.yaml") else None
        src = recorded.get("src") or f"figures/chart-{self.count}.chart.yaml"
        stem = PurePosixPath(src).name[: -len(".chart.yaml")]
        data_name = f"{stem}.csv"
        if written:
            fields = yaml.safe_load(written) or {}
            x_name = fields.get("x", table[0][0])
            table[0][0] = x_name
            text = DATA_LINE.sub(f"data: {data_name}", written, count=1)
        else:
            text = yaml.safe_dump({**spec, "data": data_name}, allow_unicode=True, sort_keys=False)
            self.im.report.warn(p, f"a chart became {src} with its data in {data_name}")
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(table)
        folder = str(PurePosixPath(src).parent)
        self.files[src] = text.encode("utf-8")
        self.files[f"{folder}/{data_name}"] = out.getvalue().encode("utf-8")
        return src


def read_chart(root: etree._Element) -> tuple[list[list[str]], dict]:
    """The table a chart shows (header row: the category column's name, then each
    series'), and what a spec says of it: type, axis titles, number format."""
    plot = root.find(".//c:plotArea", NS)
    kind_element = next(
        (c for c in plot if etree.QName(c).localname.endswith("Chart")), None
    ) if plot is not None else None  # fmt: skip
    local = etree.QName(kind_element).localname if kind_element is not None else "barChart"
    kind = CHART_TYPES.get(local)
    if kind is None:  # bars: across or up, side by side or stacked
        direction = kind_element.find("c:barDir", NS) if kind_element is not None else None
        grouping = kind_element.find("c:grouping", NS) if kind_element is not None else None
        across = direction is not None and direction.get("val") == "bar"
        stacked = grouping is not None and "tacked" in grouping.get("val", "")
        kind = ("stacked-" if stacked else "") + ("bar" if across else "column")
    series = kind_element.findall("c:ser", NS) if kind_element is not None else []
    categories: dict[int, str] = {}
    columns = []
    for ser in series:
        name = (
            "".join(v.text or "" for v in ser.iterfind("c:tx//c:v", NS))
            or f"Series {len(columns) + 1}"
        )
        cat = ser.find("c:cat", NS) if ser.find("c:cat", NS) is not None else ser.find("c:xVal", NS)
        for pt in cat.iterfind(".//c:pt", NS) if cat is not None else []:
            categories.setdefault(int(pt.get("idx")), pt.findtext("c:v", "", NS))
        val = ser.find("c:val", NS) if ser.find("c:val", NS) is not None else ser.find("c:yVal", NS)
        values = (
            {int(pt.get("idx")): pt.findtext("c:v", "", NS) for pt in val.iterfind(".//c:pt", NS)}
            if val is not None
            else {}
        )  # noqa: E501
        columns.append((name, values))
    count = max([len(categories)] + [max(v, default=-1) + 1 for _, v in columns])
    table = [["Category", *(name for name, _ in columns)]]
    for i in range(count):
        table.append([categories.get(i, str(i + 1)), *(values.get(i, "") for _, values in columns)])
    spec: dict = {"type": kind, "x": "Category"}
    for axis, key in (("c:catAx", "x_title"), ("c:valAx", "y_title")):
        title = root.find(f".//{axis}/c:title", NS)
        if title is not None:
            spec[key] = "".join(t.text or "" for t in title.iter(f"{{{NS['a']}}}t"))
    number = root.find(".//c:valAx/c:numFmt", NS)
    if number is not None and number.get("formatCode", "General") not in ("General", ""):
        spec["number_format"] = number.get("formatCode")
    return table, spec


def to_png(data: bytes, suffix: str) -> bytes | None:
    """An EMF/WMF picture drawn as PNG by LibreOffice, or None where it is not installed."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / f"picture.{suffix}"
        source.write_bytes(data)
        profile = (Path(folder) / "profile").as_uri()
        try:
            subprocess.run(
                [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to",
                 "png", "--outdir", folder, str(source)],
                check=True, capture_output=True, timeout=120,
            )  # fmt: skip
        except (subprocess.SubprocessError, OSError):
            return None
        made = Path(folder) / "picture.png"
        return made.read_bytes() if made.is_file() else None


def placeholder(name: str) -> bytes:
    """A grey frame naming the picture that could not be converted."""
    safe = re.sub(r"[<>&\"']", "", name)
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="100" viewBox="0 0 400 100">'
        '<rect x="1" y="1" width="398" height="98" fill="#eeeeee" stroke="#999999"/>'
        f'<text x="200" y="55" text-anchor="middle" font-family="Liberation Sans" '
        f'font-size="14">picture {safe} (convert it and replace this file)</text></svg>'
    ).encode()
