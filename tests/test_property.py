"""Whatever an analyst (or a pasted file) puts in paper.md, a build ends in a valid PDF
and DOCX or in clean one-line errors: never a traceback, a hang or a partial file."""

from __future__ import annotations

import io
import os
import signal
import zipfile
from contextlib import redirect_stderr, redirect_stdout

import pypdf
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from briefing.cli import main

TIME_LIMIT = 120  # seconds for one build; far above a normal build's ~1 s

words = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), max_codepoint=0x2FFFF), max_size=40
)
ascii_words = st.text(alphabet="abcdefghij 中文字，。（）*_`[]^@#:{}!|-<>&\\", max_size=30)
any_words = st.one_of(words, ascii_words)


SAFE_TEXT = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc"), blacklist_characters='*_`[]^@#:{}!|<>&\\~=+-.()"'
    ),
    min_size=1,
    max_size=40,
).filter(lambda t: t.strip())


@st.composite
def inline(draw, valid: bool, notes: bool = True) -> str:
    """A line of text; `valid` keeps to Markdown that must build (random Unicode included)."""
    pieces = [
        SAFE_TEXT,
        SAFE_TEXT.map(lambda t: f"*{t.strip()}*"),
        SAFE_TEXT.map(lambda t: f"**{t.strip()}**"),
        st.just("[^a]" if notes else "plain"),
        st.just("[a link](https://example.org)"),
        st.just("x" * 300),
        st.sampled_from(  # Pandoc's inline marks and English typography
            ["H~2~O", "x^2^", "~~gone~~", "[under]{.underline}", "[caps]{.smallcaps}",
             "[中文]{lang=zh-Hant}", "[English]{lang=en}", '"quoted" -- it\'s... ---']
        ),
    ]  # fmt: skip
    if not valid:
        pieces += [
            any_words,
            any_words.map(lambda t: f"`{t}`"),
            st.sampled_from(["[^missing]", "@fig:f", "@tbl:t", "@sec:s", "@fig:nowhere", "<b>"]),
            st.sampled_from(
                ["[x]{.blink}", "3~5年至8~10年", "[x]{.page}", "[x]{lang=fr}", "[@sec:s]{.page}"]
            ),
        ]
    return "".join(draw(st.lists(st.one_of(*pieces), min_size=1, max_size=6)))


WIDTHS = ["10%", "50%", "100%", "2cm", "30mm", "1.5in", "144pt", "200px", "33.3%"]


class Ids:
    """The ids a valid paper defines, so its cross-references point somewhere."""

    def __init__(self):
        self.defined: list[str] = []

    def new(self, kind: str) -> str:
        ident = f"{kind}:x{len(self.defined)}"
        self.defined.append(ident)
        return ident


@st.composite
def block(draw, valid: bool, depth: int = 0, ids: Ids | None = None) -> str:
    ids = ids or Ids()
    kinds = ["para", "heading", "list", "quote", "table", "figure", "box", "code", "terms", "tasks"]
    if depth == 0:
        kinds.append("landscape")
    kind = draw(st.sampled_from(kinds if depth < 4 else ["para"]))
    text = inline(valid)
    if kind == "para":
        return draw(text)
    if kind == "heading":
        level = draw(st.integers(2, 4) if valid else st.integers(1, 5))
        if valid:
            attrs = draw(st.sampled_from(["", " {-}", "id"]))
            attrs = f" {{#{ids.new('sec')}}}" if attrs == "id" else attrs
        else:
            attrs = draw(st.sampled_from(["", " {#sec:s}", " {-}"]))
        return "#" * level + " " + draw(text).replace("\n", " ") + attrs
    if kind == "list":
        items = draw(st.lists(block(valid, depth + 1, ids), min_size=1, max_size=3))
        marker = draw(st.sampled_from(["- ", "1. "]))
        return "\n".join(marker + i.replace("\n", "\n   ") for i in items)
    if kind == "quote":
        return "> " + draw(block(valid, depth + 1, ids)).replace("\n", "\n> ")
    if kind == "table":
        cells = draw(st.lists(SAFE_TEXT, min_size=1, max_size=3))
        row = "| " + " | ".join(cells) + " |"
        sep = "|" + "|".join("---" for _ in cells) + "|"
        caption = draw(st.sampled_from(["", "\n\nTable: A caption"]))
        if caption and valid and draw(st.booleans()):
            caption += f" {{#{ids.new('tbl')}}}"
        return f"{row}\n{sep}\n{row}{caption}"
    if kind == "figure":
        sources = ["figures/f.svg", "figures/p.png"] + ([] if valid else ["figures/none.png"])
        widths = WIDTHS + ([] if valid else ["300%", "25cm", "3000px", "wide"])
        attrs = f"width={draw(st.sampled_from(widths))}"
        if valid and draw(st.booleans()):
            attrs = f"#{ids.new('fig')} {attrs}"
        return f"![{draw(SAFE_TEXT)}]({draw(st.sampled_from(sources))}){{{attrs}}}"
    if kind == "box":
        inner = draw(block(valid, depth + 1, ids))
        title = draw(SAFE_TEXT.filter(lambda t: '"' not in t))  # a quote ends the attribute
        return f'::: {{.box title="{title}"}}\n{inner}\n:::'
    if kind == "landscape":
        return f"::: landscape\n{draw(block(valid, depth + 1, ids))}\n:::"
    if kind == "terms":
        return f"{draw(SAFE_TEXT).strip()}\n: {draw(text)}"
    if kind == "tasks":
        return f"- [ ] {draw(SAFE_TEXT).strip()}\n- [x] {draw(SAFE_TEXT).strip()}"
    code = SAFE_TEXT if valid else words
    return "```\n" + draw(code) + "\n```"


@st.composite
def paper(draw) -> str:
    valid = draw(st.booleans())
    meta = {
        "title": draw(SAFE_TEXT),
        "authors": [{"name": draw(SAFE_TEXT)}],
        "date": "2024-03-01",
        "lang": draw(st.sampled_from(["en", "zh-Hant"])),
        "key_points": draw(st.lists(inline(True, notes=False), min_size=1, max_size=3)),
        "toc": draw(st.booleans()),
    }
    if meta["lang"] == "zh-Hant" and draw(st.booleans()):
        meta["calendar"] = "roc"
    if not valid:
        meta.update(
            draw(
                st.fixed_dictionaries(
                    {},
                    optional={
                        "title": st.one_of(any_words, st.integers(), st.none()),
                        "authors": st.one_of(any_words, st.just([])),
                        "date": st.sampled_from(["2024-02-30", "yesterday"]),
                        "lang": st.just("fr"),
                        "titel": any_words,
                        "calendar": st.sampled_from(["julian", "roc"]),
                        "toc_depth": st.sampled_from([0, 9, "two"]),
                    },
                )
            )
        )
    front = yaml.safe_dump(meta, allow_unicode=True)
    if not valid and draw(st.integers(0, 5)) == 0:
        front = draw(words)  # not YAML at all
    ids = Ids()
    blocks = draw(st.lists(block(valid, ids=ids), min_size=1, max_size=8))
    if ids.defined:  # refer to some of them, before or after they stand, or to their pages
        refs = draw(st.lists(st.sampled_from(ids.defined), min_size=1, max_size=4))
        shown = [draw(st.sampled_from([f"@{r}", f"[@{r}]{{.page}}"])) for r in refs]
        blocks.insert(draw(st.integers(0, len(blocks))), "See " + ", ".join(shown))
    if draw(st.booleans()):  # appendices close the paper
        inner = draw(block(valid, 1, ids))
        blocks.append(f"::: appendix\n## {draw(SAFE_TEXT).strip()}\n\n{inner}\n:::")
    notes = "[^a]: Note *a* with [a link](https://example.org)."
    if not valid:
        notes = draw(st.sampled_from(["", notes, "[^a]: A.\n[^a]: again"]))
    return valid, f"---\n{front}---\n" + "\n\n".join(blocks) + "\n\n" + notes + "\n"


class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang()


@settings(
    max_examples=int(os.environ.get("PROPERTY_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(drawn=paper())
def test_any_paper_builds_or_fails_cleanly(drawn, tmp_path_factory):
    """A paper drawn as valid builds in both formats; any other builds or gets clean errors."""
    valid, source = drawn
    root = tmp_path_factory.mktemp("prop")
    folder = root / "content" / "p"
    (folder / "figures").mkdir(parents=True)
    (folder / "figures" / "f.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"><rect width="20" '
        'height="10" fill="#369"/></svg>'
    )
    (folder / "figures" / "p.png").write_bytes(_tiny_png())
    (folder / "paper.md").write_text(source, encoding="utf-8")
    out = root / "build"
    err = io.StringIO()
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(TIME_LIMIT)
    try:
        with redirect_stderr(err), redirect_stdout(io.StringIO()):
            status = main(["build", str(folder), "--format", "pdf,docx", "--out", str(out)])
    finally:
        signal.alarm(0)
    message = err.getvalue()
    assert "Traceback" not in message and "internal error" not in message, message
    written = sorted(p.name for p in out.iterdir()) if out.exists() else []
    event("built" if status == 0 else "refused")
    if valid:
        assert status == 0, message
    if status == 0:
        assert written == ["p.docx", "p.pdf"]
        assert len(pypdf.PdfReader(out / "p.pdf").pages) >= 1
        with zipfile.ZipFile(out / "p.docx") as docx:
            assert docx.testzip() is None and "word/document.xml" in docx.namelist()
    else:
        assert status == 1 and written == [], (status, written)
        for line in message.strip().splitlines():
            assert ": error: " in line or ": warning: " in line, line


def _tiny_png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, format="PNG")
    return buffer.getvalue()
