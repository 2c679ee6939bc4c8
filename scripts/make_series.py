"""Take a seed, produce a series of realistic briefing papers for benchmarks and tests.

    python scripts/make_series.py OUT_DIR --papers 50 --seed 1 [--volume NAME]
    python scripts/make_series.py OUT_DIR --long --seed 1

writes OUT_DIR/content/<slug>/paper.md and figures/*.svg: half zh-Hant, half en, each about
four pages (3-4 numbered sections, 5 footnotes, a bar-chart figure, a captioned table,
@fig/@tbl/@sec cross-references, 2 key points). `--long` writes one paper of about sixty
pages instead (300 footnotes, 20 figures, 10 tables). `--volume NAME` also writes
OUT_DIR/content/volumes/NAME.yaml listing the generated papers. The same arguments always
give byte-identical files: every choice comes from random.Random(f"{seed}:{paper}").
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from dataclasses import dataclass
from html import escape
from pathlib import Path

# ---------------------------------------------------------------------------------------
# SYNTHETIC BENCHMARK FILLER. Everything below is invented text about generic public-policy
# themes, written only so that generated papers look and typeset like real briefings.
# None of it is a fact, a finding or a real source; the agencies and reports are fictional.
# ---------------------------------------------------------------------------------------
EN_SENTENCES = (
    "Regional supply chains have become a recurring concern for finance ministries and "
    "procurement agencies alike.",
    "Most of the measures announced so far rely on incentives rather than mandates, which "
    "makes their effect hard to predict.",
    "Local governments often carry the administrative burden of national programmes without "
    "a matching share of the budget.",
    "Independent evaluations remain rare, and where they exist they tend to cover pilot "
    "projects rather than national roll-outs.",
    "The available statistics are published with a lag of one to two years, so recent shifts "
    "are only partly visible.",
    "Stakeholders in industry and civil society agree on the goal but differ sharply on the "
    "pace of change.",
    "A modest increase in public investment could unlock a larger volume of private capital "
    "if the rules stay stable.",
    "Several agencies share responsibility for the same policy area, which blurs "
    "accountability when targets are missed.",
    "Water scarcity is increasingly treated as an economic risk rather than a purely "
    "environmental one.",
    "Digital public services have expanded quickly, but uptake among older residents has "
    "lagged behind.",
    "Housing costs in the largest cities have risen faster than wages for most of the past decade.",
    "Energy-efficiency standards for buildings are among the cheapest ways to reduce "
    "long-term demand.",
    "The ageing of the workforce will put pressure on pension systems and on the supply of "
    "care workers.",
    "Trade agreements now routinely include chapters on labour standards and environmental "
    "protection.",
    "Cross-border data flows raise questions that existing privacy frameworks were not "
    "designed to answer.",
    "Public trust in official statistics depends on the perceived independence of the "
    "agencies that produce them.",
    "Pilot programmes in three provinces suggest that simpler application forms raise "
    "take-up of social benefits.",
    "Grid operators warn that transmission capacity, not generation, is now the main "
    "constraint on new renewable projects.",
    "Flood defences built for the climate of the last century may not be adequate for the "
    "next one.",
    "Vocational training has regained attention as employers report shortages of "
    "technicians and skilled trades.",
    "Fiscal rules give governments credibility, but rigid rules can force cuts at the worst "
    "point in the cycle.",
    "Small and medium-sized firms find compliance costs proportionally heavier than large "
    "firms do.",
    "Coordination between central and local authorities improved after the reporting "
    "requirements were simplified.",
    "The costs of inaction are rarely counted in budget documents, which biases decisions "
    "toward delay.",
    "International comparisons should be read with care, since definitions and survey "
    "methods differ between countries.",
    "Public consultations drew a large number of responses, most of them from organised "
    "interest groups.",
    "Rural areas face higher costs per person for almost every public service, from "
    "broadband to emergency care.",
    "A clear timetable, published in advance, helps firms plan investment and reduces the "
    "risk of stranded assets.",
    "Experience from earlier reforms shows that *implementation capacity* matters as much as "
    "the design of the law.",
    "The scenarios in this briefing are illustrative and should not be read as forecasts.",
)
ZH_SENTENCES = (
    "近年來，區域供應鏈的穩定性已成為各國財政與採購部門共同關注的議題。",
    "目前公布的措施多以誘因為主，而非強制規範，因此實際成效仍難以預估。",
    "地方政府往往承擔中央政策的主要執行工作，卻未獲得相應的預算分配。",
    "獨立的政策評估仍屬少數，且多集中於試辦計畫，而非全面推行的方案。",
    "相關統計資料通常延遲一至兩年公布，近期的變化因此僅能部分反映。",
    "產業界與公民團體對政策目標大致有共識，但對推動速度的看法分歧甚大。",
    "若法規環境保持穩定，適度增加公共投資可望帶動更大規模的民間資金。",
    "同一政策領域由數個機關分工負責，一旦目標未能達成，權責便難以釐清。",
    "水資源短缺逐漸被視為經濟風險，而不僅是單純的環境問題。",
    "數位公共服務快速擴展，但高齡族群的使用率仍明顯偏低。",
    "過去十年間，主要都會區的房價漲幅大多高於薪資成長。",
    "建築節能標準是降低長期能源需求最具成本效益的方法之一。",
    "勞動人口高齡化將對年金制度及照顧人力的供給造成壓力。",
    "新近簽署的貿易協定普遍納入勞動標準與環境保護的專章。",
    "跨境資料流通所引發的問題，並非現行個人資料保護架構所能完全處理。",
    "民眾對官方統計的信任，取決於統計機關是否被認為具有獨立性。",
    "三個縣市的試辦經驗顯示，簡化申請表格有助於提高社會福利的申領率。",
    "電網業者指出，輸電容量而非發電能力，已成為再生能源併網的主要瓶頸。",
    "依上個世紀氣候條件興建的防洪設施，未必足以因應未來的極端降雨。",
    "由於雇主普遍反映技術人力短缺，技職教育再度受到重視。",
    "財政紀律規範有助於建立政府信譽，但過於僵化的規範可能迫使政府在景氣低迷時削減支出。",
    "中小企業的法規遵循成本，相對於其規模而言遠高於大型企業。",
    "在簡化報告程序之後，中央與地方機關之間的協調明顯改善。",
    "預算文件鮮少計入不作為的成本，使決策往往傾向延後處理。",
    "進行跨國比較時須格外謹慎，因為各國的定義與調查方法並不一致。",
    "公開徵詢意見期間共收到大量回應，其中多數來自有組織的利益團體。",
    "偏遠地區從寬頻網路到緊急醫療，幾乎每一項公共服務的人均成本都較高。",
    "事先公布明確的時程，有助於企業規劃投資，並降低資產閒置的風險。",
    "過去的改革經驗顯示，*執行能力*與法律設計本身同等重要。",
    "依經濟合作暨發展組織（OECD）的分類，此類支出屬於積極性勞動市場政策。",
    "2021年的問卷調查共訪問1,200位受訪者，回應率約為百分之六十。",
    "本文所列情境僅供說明之用，不應視為預測。",
)


@dataclass(frozen=True)
class Words:
    """Everything language-specific a generated paper is made of (all synthetic)."""

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
    chart_font: str
    source: str
    joiner: str = ""  # between sentences of a paragraph


EN = Words(
    lang="en",
    sentences=EN_SENTENCES,
    topics=(
        "Water Security",
        "Grid Capacity",
        "Digital Public Services",
        "Housing Affordability",
        "Vocational Training",
        "Long-Term Care",
        "Flood Resilience",
        "Fiscal Rules",
        "Cross-Border Data",
        "Small-Firm Compliance",
        "Rural Services",
        "Supply-Chain Resilience",
        "Building Efficiency",
    ),
    title_patterns=(
        "{topic}: What the Evidence Shows",
        "Rethinking {topic}",
        "{topic} after the Pilot Phase",
        "{topic} and the Limits of Incentives",
    ),
    sections=(
        "Background",
        "Current situation",
        "Evidence from pilot programmes",
        "Costs and benefits",
        "Implementation risks",
        "Conclusion",
    ),
    subsections=("Scope", "Data", "Trends", "Options", "Trade-offs", "Open questions"),
    series="Synthetic Benchmark Series",
    authors=("A. Rivera", "J. Okafor", "M. Lindqvist", "S. Tanaka", "P. Novak", "L. Haddad"),
    affiliations=("Policy Analysis Unit", "Regional Studies Programme", "Budget Office"),
    roles=("", "Lead author", "Contributor"),
    agencies=(
        "Office of Budget Analysis",
        "Council on Regional Planning",
        "Northfield Policy Institute",
        "National Statistics Board",
    ),
    reports=(
        "Annual Review of Public Services",
        "Infrastructure Outlook",
        "Survey of Local Finances",
        "Working Paper on Regulatory Costs",
    ),
    regions=("North", "South", "East", "West", "Central", "Islands", "Metro"),
    indicators=(
        "Public investment (% of GDP)",
        "Programme take-up (%)",
        "Average processing time (days)",
        "Share of online applications (%)",
        "Complaints per 10,000 residents",
        "Staff per 1,000 cases",
    ),
    years=("2019", "2020", "2021", "2022"),
    box_titles=("How the figures were compiled", "A note on definitions", "What a pilot is"),
    see_figure="As @fig:{ref} shows, the differences between regions are large.",
    see_table="@tbl:{ref} summarises the main indicators.",
    see_section="The options discussed in @sec:{ref} remain the most practical.",
    note="{agency}, *{report} {year}* (synthetic reference, {pages} pp.), p. {page}.",
    chart_caption="Index of {topic} by region, {year} (synthetic data)",
    table_caption="Selected indicators of {topic}, 2019-2022 (synthetic data)",
    chart_font="Noto Sans, sans-serif",
    source="Synthetic benchmark data; not a real source.",
    joiner=" ",
)
ZH = Words(
    lang="zh-Hant",
    sentences=ZH_SENTENCES,
    topics=(
        "水資源安全",
        "電網容量",
        "數位公共服務",
        "住宅負擔能力",
        "技職教育",
        "長期照顧",
        "防洪韌性",
        "財政紀律",
        "跨境資料流通",
        "中小企業法遵",
        "偏鄉公共服務",
        "供應鏈韌性",
        "建築節能",
    ),
    title_patterns=(
        "{topic}政策之觀察",
        "{topic}的現況與挑戰",
        "試辦之後：{topic}的下一步",
        "{topic}：誘因措施的侷限",
    ),
    sections=("前言", "現況分析", "試辦計畫的經驗", "成本與效益", "執行風險", "結語"),
    subsections=("範圍", "資料", "趨勢", "選項", "取捨", "待解問題"),
    series="效能測試用合成文件",
    authors=("林怡君", "陳志明", "王雅婷", "張家豪", "李淑芬", "黃建宏"),
    affiliations=("政策分析組研究員", "區域研究中心副研究員", "預算研究室助理研究員"),
    roles=("主稿", "協撰"),
    agencies=("國家發展研究中心", "區域規劃委員會", "公共政策研究所", "統計調查處"),
    reports=("公共服務年度檢討", "基礎建設展望", "地方財政調查", "法規成本研究報告"),
    regions=("北部", "中部", "南部", "東部", "離島", "都會區", "偏鄉"),
    indicators=(
        "公共投資占GDP比率（%）",
        "方案申領率（%）",
        "平均處理天數",
        "線上申辦比率（%）",
        "每萬人陳情件數",
        "每千案承辦人力",
    ),
    years=("2019年", "2020年", "2021年", "2022年"),
    box_titles=("資料彙整方式", "名詞定義說明", "何謂試辦計畫"),
    see_figure="如@fig:{ref}所示，各區域之間的差異相當明顯。",
    see_table="@tbl:{ref}彙整主要指標的變化。",
    see_section="@sec:{ref}所討論的選項，仍是最可行的作法。",
    note="{agency}，《{report}》（合成參考資料，共{pages}頁），{year}年，頁{page}。",
    chart_caption="{year}年各區域{topic}指數（合成資料）",
    table_caption="{topic}相關指標，2019–2022年（合成資料）",
    chart_font="Noto Sans CJK TC, sans-serif",
    source="效能測試用合成資料，非真實來源。",
)


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
    head = "Indicator" if words.lang == "en" else "指標"
    out = [
        f"| {head} | " + " | ".join(words.years) + " |",
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
            lines += [
                f'![{caption}](figures/{name}){{#fig:f{j} width={width}% source="{words.source}"}}',
                "",
            ]
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


def paper(seed: int, index: int, lang: str, shape: Shape) -> tuple[str, str, dict]:
    """(slug, paper.md text, {figure name: SVG}) for paper number `index` (0-based)."""
    words = ZH if lang == "zh-Hant" else EN
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


def write_volume(content: Path, name: str, slugs: list[str], date: dt.date) -> Path:
    target = content / "volumes" / f"{name}.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        f"title: {yaml_str('政策簡報彙編')}",
        f"subtitle: {yaml_str('效能測試用合成文件（內容非事實）')}",
        f"publisher: {yaml_str('簡報產製流程效能測試')}",
        f"date: {date.isoformat()}",
        "lang: zh-Hant",
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
    if long:
        plan = [(0, long_lang, LONG_SHAPE[long_lang])]
    else:
        langs = ["zh-Hant", "en"]
        plan = [(i, langs[i % 2], SERIES_SHAPE[langs[i % 2]]) for i in range(papers)]
    slugs = []
    for index, lang, shape in plan:
        slug, text, figures = paper(seed, index, lang, shape)
        if long:
            slug = f"{slug.split('-')[0]}-long-{seed}"
        write_paper(content, slug, text, figures)
        slugs.append(slug)
    if volume:
        last = BASE_DATE + dt.timedelta(days=3 * (len(plan) - 1) + 7)
        write_volume(content, volume, slugs, last)
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
