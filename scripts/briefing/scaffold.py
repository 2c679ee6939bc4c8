"""Take `briefing new paper|theme` or `briefing theme export-dotx`, produce the files: a
paper folder that passes `briefing check`, a theme that extends another, a Word template.

The new paper's text comes from `new-paper.md.j2`, looked up along the theme's folders
like every template, so a house can ship its own starting point.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import zipfile
from pathlib import Path

from .errors import UsageError, display_path

TEMPLATE_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
DOCUMENT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def add_commands(sub) -> None:
    """`briefing new paper|theme` and `briefing theme export-dotx`."""
    new = sub.add_parser("new", help="start a paper or a theme from a commented skeleton")
    kinds = new.add_subparsers(required=True, metavar="WHAT")
    paper = kinds.add_parser("paper", help="content/<slug>/paper.md with commented front matter")
    paper.add_argument("folder", type=Path, metavar="content/<slug>")
    paper.add_argument("--lang", default="en", help="a language the theme defines (default en)")
    paper.add_argument("--theme", help="the paper's theme (default: default)")
    paper.add_argument("--debug", action="store_true", default=argparse.SUPPRESS)
    paper.set_defaults(run=new_paper)
    theme = kinds.add_parser("theme", help="templates/<name>/theme.yaml extending another theme")
    theme.add_argument("name")
    theme.add_argument("--from", dest="parent", default="default", help="the theme it extends")
    theme.add_argument("--debug", action="store_true", default=argparse.SUPPRESS)
    theme.set_defaults(run=new_theme)

    themes = sub.add_parser("theme", help="work with a theme")
    actions = themes.add_subparsers(required=True, metavar="ACTION")
    dotx = actions.add_parser("export-dotx", help="a Word template (.dotx) in the theme's styles")
    dotx.add_argument("name", help="a theme under templates/")
    dotx.add_argument("--lang", help="the language whose fonts and styles (default: the first)")
    dotx.add_argument("--out", "-o", type=Path, help="default build/<name>-<lang>.dotx")
    dotx.add_argument("--debug", action="store_true", default=argparse.SUPPRESS)
    dotx.set_defaults(run=export_dotx)


def _theme(name: str | None):
    from .theme import ThemeNotFound, load_theme

    try:
        return load_theme(name or "default")
    except ThemeNotFound as exc:
        raise UsageError(str(exc)) from exc


def _language(theme, code: str | None):
    code = code or next(iter(theme.languages))
    if code not in theme.languages:
        known = ", ".join(theme.languages)
        raise UsageError(f"--lang {code}: the theme '{theme.name}' has no such language ({known})")
    return theme.language(code)


def new_paper(args) -> int:
    """A paper folder whose front matter explains every field, in the language asked for."""
    from .html import theme_environment

    theme = _theme(args.theme)
    language = _language(theme, args.lang)
    target = Path(args.folder) / "paper.md"
    if target.exists():
        raise UsageError(f"{display_path(target)} already exists; choose another folder")
    text = (
        theme_environment(theme)
        .get_template("new-paper.md.j2")
        .render(
            lang=language.code,
            cjk=language.cjk,
            theme=args.theme or "",
            date=dt.date.today().isoformat(),
            themes=_theme_names(),
        )
    )
    (target.parent / "figures").mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"wrote {display_path(target)}; check it with `briefing check {args.folder}`")
    return 0


def _theme_names() -> str:
    from .theme_source import available_themes

    return ", ".join(available_themes())


THEME_SKELETON = """\
# The house style '{name}'. It extends '{parent}': only what differs from it is written
# here (mappings merge key by key, lists are replaced whole). Every key and its units are
# described in templates/default/theme.yaml and scripts/briefing/schema/theme.schema.json.
# Check it by building a paper with it: briefing build content/<slug> --theme {name}
extends: {parent}
name: {name}

# Uncomment and change what your house does differently, for example:
# page: {{width: 8.5in, height: 11in}}           # US Letter
# colours:
#   accent: "#8A1538"                           # headings, rules, the key-points border
# styles:
#   Body Text: {{size: 11.5}}
# logo: {{file: logo.svg, width: 25mm, alt: "Our logo"}}   # a file in this folder
# cover: {{band: true, band_height: 40mm, band_colour: accent, logo: true}}
# key_points: {{placement: side-panel, side: right, width: 60mm, gap: 6mm}}
# imprint: {{publisher: "Our Institute", licence: CC BY 4.0, url: "https://example.org"}}
#
# Templates: a paper.html.j2, _paper.html.j2, paper.css.j2 ... placed in this folder
# replaces the one of the same name; a theme.css.j2 here is added after the CSS.
"""


def new_theme(args) -> int:
    """templates/<name>/theme.yaml extending `--from`, with commented examples; it loads."""
    from .theme import TEMPLATES_DIR, ThemeNotFound, load_theme, theme_folder

    name = args.name
    if not name.replace("-", "").replace("_", "").isalnum() or not name[0].isalnum():
        raise UsageError(f"'{name}': a theme's name is letters, digits, - and _")
    try:
        theme_folder(args.parent)
    except ThemeNotFound as exc:
        raise UsageError(f"--from: {exc}") from exc
    folder = TEMPLATES_DIR / name
    if folder.exists():
        raise UsageError(f"{display_path(folder)} already exists")
    folder.mkdir(parents=True)
    target = folder / "theme.yaml"
    target.write_text(THEME_SKELETON.format(name=name, parent=args.parent), encoding="utf-8")
    load_theme(name)  # it loads, or the error names the line
    print(f"wrote {display_path(target)}")
    return 0


def export_dotx(args) -> int:
    """A .dotx: every named style, page set-up, header and footer, and a skeleton page."""
    from .build import build_timestamp

    theme = _theme(args.name)
    language = _language(theme, args.lang)
    out = args.out or Path("build") / f"{args.name}-{language.code}.dotx"
    when = build_timestamp(dt.date(2000, 1, 1))
    data = dotx_bytes(theme, language, when)
    from .outputs import write_atomic

    out.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(out, data)
    print(f"wrote {display_path(out)}")
    return 0


def dotx_bytes(theme, language, timestamp: dt.datetime) -> bytes:
    """The DOCX writer's output for a skeleton paper whose every line names its style,
    as a template (its main part's content type is the template's, ECMA-376 Part 1 §11.3.10)."""
    from .docx import render_docx

    docx = render_docx(skeleton(theme, language), theme, timestamp=timestamp)
    source, out = zipfile.ZipFile(io.BytesIO(docx)), io.BytesIO()
    with source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(DOCUMENT_MAIN.encode(), TEMPLATE_MAIN.encode())
            target.writestr(info, data, compresslevel=6)
    return out.getvalue()


def skeleton(theme, language):
    """A paper whose text is the names of the styles it shows: a page to type over."""
    from . import model as m
    from . import styles as names
    from .numbering import colophon

    def para(style: str) -> m.Paragraph:
        return m.Paragraph((m.Text(style),))

    meta = m.Meta(
        title=names.TITLE,
        authors=(m.Author(names.AUTHOR),),
        date=dt.date(2000, 1, 1),
        lang=language.code,
    )
    tb = m.TitleBlock(
        title=names.TITLE,
        numbered_title=names.TITLE,
        header_title=names.TITLE,
        subtitle=names.SUBTITLE,
        series=names.SERIES,
        authors=(names.AUTHOR,),
        date=names.DATE,
    )
    blocks = tuple(
        m.Heading(level, (m.Text(name),), label=language.section_label((1,) * level))
        if level
        else para(name)
        for level, name in [
            (1, names.HEADINGS[1]),
            (0, names.BODY),
            (2, names.HEADINGS[2]),
            (0, names.BODY),
            (3, names.HEADINGS[3]),
            (0, names.BODY),
        ]
    ) + (
        m.BulletList(((para(names.LIST_BULLET),),)),
        m.OrderedList(((para(names.LIST_NUMBER),),)),
        m.BlockQuote((para(names.QUOTE),)),
        m.Box(names.BOX_TITLE, (para(names.BOX_TEXT),)),
    )
    points = m.Box(
        language.word("key_points"),
        (m.BulletList(((para(names.KEY_POINTS),),)),),
        kind="key-points",
    )
    return m.Paper(
        meta, blocks, key_points=points, title_block=tb, colophon=colophon(theme.imprint(language))
    )
