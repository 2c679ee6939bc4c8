"""Take a seed, produce a series of realistic briefing papers for benchmarks and tests.

    python scripts/make_series.py OUT_DIR --papers 50 --seed 1 [--volume NAME]
    python scripts/make_series.py OUT_DIR --long --seed 1

writes OUT_DIR/content/<slug>/paper.md and figures/*.svg: half zh-Hant, half en, each about
four pages (3-4 numbered sections, 5 footnotes, a bar-chart figure, a captioned table,
@fig/@tbl/@sec cross-references, 2 key points). `--long` writes one paper of about sixty
pages instead (300 footnotes, 20 figures, 10 tables). `--volume NAME` also writes
OUT_DIR/content/volumes/NAME.yaml listing the generated papers. The same arguments always
give byte-identical files: every choice comes from random.Random(f"{seed}:{paper}").
The words, all synthetic, are in scripts/data/series_words.yaml.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from dataclasses import dataclass
from html import escape
from pathlib import Path

import yaml

WORDS_FILE = Path(__file__).resolve().parent / "data" / "series_words.yaml"


@dataclass(frozen=True)
class Words:
    """Everything language-specific a generated paper is made of (all synthetic, from
    WORDS_FILE; the lists are drawn from by position, so their order is part of the seed)."""

    lang: str
    sentences: tuple[str, ...]
    topics: tuple[str, ...]
    title_patterns: tuple[str, ...]
    sections: tuple[str, ...]  # first is the opening, last the conclusion
    subsections: tuple[str, ...]
    series: str
    authors: tuple[str, ...]
    affiliations: tuple[str, ...]
    roles: tuple[str, ...]
    agencies: tuple[str, ...]
    reports: tuple[str, ...]
    regions: tuple[str, ...]
    indicators: tuple[str, ...]
    years: tuple[str, ...]
    box_titles: tuple[str, ...]
    see_figure: str  # "{ref}" is replaced by @fig:x
    see_table: str
    see_section: str
    note: str  # a footnote's text
    chart_caption: str
    table_caption: str
    table_head: str  # over the indicator column
    chart_font: str
    source: str
    joiner: str = ""  # between sentences of a paragraph


@dataclass(frozen=True)
class Shape:
    """How big a paper is."""

    sections: tuple[int, ...]  # how many `##`: one of these
    subsections: int  # `###` per section
    paragraphs: int  # in the whole body, spread evenly over the (sub)sections
    footnotes: int
    figures: int
    tables: int


SERIES_SHAPE = {"en": Shape((3, 4), 0, 12, 5, 1, 1), "zh-Hant": Shape((3, 4), 0, 19, 5, 1, 1)}
LONG_SHAPE = {"en": Shape((10,), 2, 255, 300, 20, 10), "zh-Hant": Shape((10,), 2, 375, 300, 20, 10)}
BASE_DATE = dt.date(2022, 1, 3)


def load_words(path: Path = WORDS_FILE) -> tuple[dict[str, Words], dict[str, str]]:
    """({lang: Words}, the volume's title, subtitle, publisher and lang) from `path`."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    volume = data.pop("volume")
    words = {}
    for lang, fields in data.items():
        fields = {k: tuple(v) if isinstance(v, list) else v for k, v in fields.items()}
        try:
            words[lang] = Words(lang=lang, **fields)
        except TypeError as error:  # a field missing or misspelt
            raise SystemExit(f"{path}: {lang}: {error}") from None
    return words, volume


def paragraph(rng: random.Random, words: Words, sentences: int) -> list[str]:
    return rng.sample(words.sentences, sentences)


def bar_chart(rng: random.Random, words: Words, title: str) -> str:
    """A horizontal bar chart as SVG text; values and layout depend only on `rng`."""
    regions = rng.sample(words.regions, rng.randint(4, 7))
    values = [round(rng.uniform(8, 95), 1) for _ in regions]
    top = 100 if max(values) <= 100 else 20 * (int(max(values)) // 20 + 1)
    left, right, bar, gap = 120, 600, 24, 12
    height = 30 + len(regions) * (bar + gap) + 40
    axis = height - 38
    scale = (right - left) / top
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="640" height="{height}" '
        f'viewBox="0 0 640 {height}" role="img" aria-labelledby="t">',
        f'  <title id="t">{escape(title)}</title>',
        f'  <g font-family="{words.chart_font}" font-size="13" fill="#2b3440">',
        '    <g stroke="#d5dbe1" stroke-width="1">',
    ]
    ticks = range(0, top + 1, 20)
    lines += [f'      <line x1="{left + t * scale:.1f}" y1="22" x2="{left + t * scale:.1f}" '
              f'y2="{axis}"/>' for t in ticks]  # fmt: skip
    lines += ["    </g>", '    <g text-anchor="middle" font-size="12" fill="#4a5563">']
    lines += [f'      <text x="{left + t * scale:.1f}" y="{axis + 17}">{t}</text>' for t in ticks]
    lines.append("    </g>")
    for i, (region, value) in enumerate(zip(regions, values)):
        y = 30 + i * (bar + gap)
        colour = "#3d5a78" if value == max(values) else "#8ea7bf"
        lines += [
            f'    <rect x="{left}" y="{y}" width="{value * scale:.1f}" height="{bar}" '
            f'fill="{colour}"/>',
            f'    <text x="{left - 8}" y="{y + 16.5}" text-anchor="end">{region}</text>',
            f'    <text x="{left + value * scale + 6:.1f}" y="{y + 16.5}" font-size="12">'
            f"{value:.1f}</text>",
        ]
    lines += ["  </g>", "</svg>", ""]
    return "\n".join(lines)


def table(rng: random.Random, words: Words, ident: str, topic: str) -> list[str]:
    out = [
        f"| {words.table_head} | " + " | ".join(words.years) + " |",
        "|:---" + "|---:" * len(words.years) + "|",
    ]
    for name in rng.sample(words.indicators, rng.randint(4, 5)):
        base = rng.uniform(5, 80)
        cells = [f"{base * (1 + rng.uniform(-0.12, 0.15)) ** k:,.1f}" for k in range(4)]
        out.append(f"| {name} | " + " | ".join(cells) + " |")
    caption = words.table_caption.format(topic=topic)
    return [*out, "", f"Table: {caption} {{#tbl:{ident}}}"]


def footnote_text(rng: random.Random, words: Words) -> str:
    text = words.note.format(
        agency=rng.choice(words.agencies),
        report=rng.choice(words.reports),
        year=rng.randint(2015, 2021),
        pages=rng.randint(40, 260),
        page=rng.randint(1, 39),
    )
    if rng.random() < 0.3:  # some notes carry a link, as real ones do
        text += f" [example.org/r/{rng.randint(100, 999)}](https://example.org/r/)"
    return text


def body(rng: random.Random, words: Words, shape: Shape, topic: str) -> tuple[list[str], dict]:
    """The Markdown body lines and {figure file name: SVG text}."""
    sections = rng.choice(shape.sections)
    inner = list(words.sections[1:-1])
    middle = rng.sample(inner, min(sections - 2, len(inner)))
    middle += [inner[k % len(inner)] for k in range(sections - 2 - len(middle))]
    section_names = [words.sections[0], *middle, words.sections[-1]]

    # Plan the blocks first, so footnotes, figures and tables spread evenly over paragraphs:
    # units[i] is the (section, subsection or None) of paragraph i.
    parts = [(s, sub) for s in range(sections) for sub in range(shape.subsections) or [None]]
    units = [parts[i * len(parts) // shape.paragraphs] for i in range(shape.paragraphs)]
    n = len(units)
    notes_at: dict[int, int] = {}
    for j in range(shape.footnotes):
        notes_at[j * n // shape.footnotes] = notes_at.get(j * n // shape.footnotes, 0) + 1
    figure_at = {1 + (j * n) // shape.figures: j + 1 for j in range(shape.figures)}
    table_at = {2 + ((2 * j + 1) * n) // (2 * shape.tables): j + 1 for j in range(shape.tables)}
    box_at = n // 2 if rng.random() < 0.5 else -1

    lines: list[str] = []
    figures: dict[str, str] = {}
    footnotes: list[str] = []
    for i, (s, sub) in enumerate(units):
        previous = units[i - 1] if i else None
        if previous is None or previous[0] != s:
            lines += [f"## {section_names[s]} {{#sec:s{s + 1}}}", ""]
        if sub is not None and previous != (s, sub):
            lines += [f"### {words.subsections[(s + sub) % len(words.subsections)]}", ""]
        calls = notes_at.get(i, 0)
        sentences = paragraph(rng, words, max(rng.randint(4, 6), calls))
        if (previous is None or previous[0] != s) and s == sections - 1 and s >= 2:
            sentences[1] = words.see_section.format(ref="s2")  # the conclusion looks back
        if i in figure_at:
            sentences[0] = words.see_figure.format(ref=f"f{figure_at[i]}")
        if i in table_at:
            sentences[-1] = words.see_table.format(ref=f"t{table_at[i]}")
        for at in sorted(rng.sample(range(len(sentences)), calls)):
            footnotes.append(footnote_text(rng, words))
            sentences[at] += f"[^n{len(footnotes)}]"
        lines += [words.joiner.join(sentences), ""]
        if i in figure_at:
            j = figure_at[i]
            name = f"fig-{j:02d}.svg"
            caption = words.chart_caption.format(topic=topic, year=2019 + j % 4)
            figures[name] = bar_chart(rng, words, caption)
            width = rng.choice((60, 70, 80))
            attrs = f'#fig:f{j} width={width}% alt="{caption} (bar chart)" source="{words.source}"'
            lines += [f"![{caption}](figures/{name}){{{attrs}}}", ""]
        if i in table_at:
            lines += [*table(rng, words, f"t{table_at[i]}", topic), ""]
        if i == box_at:
            lines += [f'::: {{.box title="{rng.choice(words.box_titles)}"}}']
            lines += [words.joiner.join(paragraph(rng, words, 3)), ":::", ""]
    lines += [f"[^n{k}]: {text}\n" for k, text in enumerate(footnotes, start=1)]
    return lines, figures


def yaml_str(text: str) -> str:
    """A YAML double-quoted scalar (JSON string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def paper(seed: int, index: int, words: Words, shape: Shape) -> tuple[str, str, dict]:
    """(slug, paper.md text, {figure name: SVG}) for paper number `index` (0-based)."""
    lang = words.lang
    rng = random.Random(f"{seed}:{index}:{lang}")
    topic = rng.choice(words.topics)
    title = rng.choice(words.title_patterns).format(topic=topic)
    slug = f"{'zh' if lang == 'zh-Hant' else 'en'}-series-{seed}-{index + 1:03d}"
    date = BASE_DATE + dt.timedelta(days=3 * index)
    front = [
        "---",
        f"title: {yaml_str(title)}",
        f"series: {yaml_str(words.series)}",
        f"number: {index + 1}",
        "authors:",
    ]
    for k, name in enumerate(rng.sample(words.authors, rng.randint(1, 2))):
        front += [f"  - name: {yaml_str(name)}"]
        front += [f"    affiliation: {yaml_str(rng.choice(words.affiliations))}"]
        role = words.roles[min(k, len(words.roles) - 1)] if lang != "en" else ""
        if role:
            front += [f"    role: {yaml_str(role)}"]
    front += [f"date: {date.isoformat()}", f"lang: {lang}", "key_points:"]
    for sentence in rng.sample(words.sentences, 2):
        front += [f"  - {yaml_str(sentence)}"]
    front += ["---", ""]
    lines, figures = body(rng, words, shape, topic)
    return slug, "\n".join(front + lines), figures


def write_paper(content: Path, slug: str, text: str, figures: dict[str, str]) -> None:
    folder = content / slug
    (folder / "figures").mkdir(parents=True, exist_ok=True)
    (folder / "paper.md").write_text(text, encoding="utf-8", newline="\n")
    for name, svg in figures.items():
        (folder / "figures" / name).write_text(svg, encoding="utf-8", newline="\n")


def write_volume(
    content: Path, name: str, slugs: list[str], date: dt.date, words: dict[str, str]
) -> Path:
    target = content / "volumes" / f"{name}.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        f"title: {yaml_str(words['title'])}",
        f"subtitle: {yaml_str(words['subtitle'])}",
        f"publisher: {yaml_str(words['publisher'])}",
        f"date: {date.isoformat()}",
        f"lang: {words['lang']}",
        "papers:",
        *(f"  - {slug}" for slug in slugs),
        "",
    ]
    target.write_text("\n".join(lines), encoding="utf-8", newline="\n")
    return target


def generate(
    out_dir: Path,
    papers: int = 50,
    seed: int = 1,
    long: bool = False,
    volume: str | None = None,
    long_lang: str = "zh-Hant",
) -> list[str]:
    """Write the papers (and the volume); return their slugs in order."""
    content = out_dir / "content"
    words, volume_words = load_words()
    if long:
        plan = [(0, long_lang, LONG_SHAPE[long_lang])]
    else:
        langs = ["zh-Hant", "en"]
        plan = [(i, langs[i % 2], SERIES_SHAPE[langs[i % 2]]) for i in range(papers)]
    slugs = []
    for index, lang, shape in plan:
        slug, text, figures = paper(seed, index, words[lang], shape)
        if long:
            slug = f"{slug.split('-')[0]}-long-{seed}"
        write_paper(content, slug, text, figures)
        slugs.append(slug)
    if volume:
        last = BASE_DATE + dt.timedelta(days=3 * (len(plan) - 1) + 7)
        write_volume(content, volume, slugs, last, volume_words)
    return slugs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    parser.add_argument("--papers", type=int, default=50, help="how many papers (default 50)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--long", action="store_true", help="one ~60-page paper instead")
    parser.add_argument("--lang", default="zh-Hant", choices=("zh-Hant", "en"), help="of --long")
    parser.add_argument("--volume", metavar="NAME", help="also write content/volumes/NAME.yaml")
    args = parser.parse_args(argv)
    if args.papers < 1:
        parser.error("--papers must be at least 1")
    slugs = generate(args.out_dir, args.papers, args.seed, args.long, args.volume, args.lang)
    print(f"wrote {len(slugs)} paper(s) to {args.out_dir / 'content'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
