"""Themes as a user makes them: `extends` merges onto the parent, in-memory overrides merge
on top (what editions will use), mistakes are reported at the file, line and column of the
key (in the child or the parent), and the scaffolding commands give a theme that loads and
a paper that passes `briefing check`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.errors import ContentError
from briefing.theme import load_theme

THEMES = Path(__file__).parent / "fixtures" / "themes"
ROOT = Path(__file__).resolve().parents[1]


def errors_of(theme) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_theme(theme)
    return [str(d) for d in caught.value.diagnostics]


def test_a_child_theme_changes_only_what_it_writes():
    base, child = load_theme(), load_theme(THEMES / "accent")
    assert child.colours["accent"] == "#B03A2E"
    assert child.styles["Body Text"].size == 12
    # deep merge: the rest of Body Text, and everything else, is the parent's
    assert child.styles["Body Text"].line_height == base.styles["Body Text"].line_height
    assert child.styles["Title"].colour == "#B03A2E"  # "accent" resolved in the child
    assert child.page == base.page and child.languages.keys() == base.languages.keys()


def test_overrides_in_memory_merge_on_top_without_touching_the_cached_theme():
    edition = load_theme("policy-brief", overrides={"page": {"width": "148mm", "height": "210mm"}})
    assert round(edition.page.width, 2) == round(148 * 72 / 25.4, 2)
    assert edition.page.margin_left == load_theme("policy-brief").page.margin_left
    assert load_theme("policy-brief").page.width == 612  # US Letter, untouched


def test_lists_are_replaced_not_merged():
    theme = load_theme("policy-brief")
    assert theme.language("en").pdf_fonts["body"] == ("Open Sans", "Noto Sans", "sans-serif")


def test_an_unknown_key_is_reported_at_the_key():
    assert errors_of(THEMES / "bad-key") == [
        f"{display(THEMES / 'bad-key/theme.yaml')}:6:25: error: unknown field 'colour_name' "
        "(did you mean 'colour'?)"
    ]


def test_a_wrong_type_is_reported_at_the_value():
    (found,) = errors_of(THEMES / "bad-type")
    assert found.startswith(f"{display(THEMES / 'bad-type/theme.yaml')}:4:10: error: page.width")


def test_an_inherited_mistake_names_the_parents_file():
    (found,) = errors_of(THEMES / "bad-parent")
    assert found.startswith(f"{display(THEMES / 'bad-type/theme.yaml')}:4:10:")


def test_a_missing_logo_is_reported_at_its_file_name():
    (found,) = errors_of(THEMES / "no-logo")
    assert found.startswith(f"{display(THEMES / 'no-logo/theme.yaml')}:3:14: error: logo: no file")


def test_a_mistake_in_overrides_names_them():
    with pytest.raises(ContentError) as caught:
        load_theme("default", overrides={"watermark": {"angle": "steep"}}, name="edition print")
    (found,) = caught.value.diagnostics
    assert str(found).startswith("edition print:") and "watermark.angle" in str(found)


def test_a_paper_naming_an_unknown_theme_gets_a_content_error(tmp_path, capsys):
    paper = tmp_path / "p" / "paper.md"
    paper.parent.mkdir()
    paper.write_text(
        "---\ntitle: T\nauthors: [{name: A}]\ndate: 2024-03-01\nkey_points: [k]\n"
        "theme: nope\n---\n\n## S\n\nText.\n",
        encoding="utf-8",
    )
    assert main(["check", str(paper.parent)]) == 1
    err = capsys.readouterr().err
    assert "paper.md:6:8: error: theme: no theme 'nope'" in err and "policy-brief" in err


def test_new_paper_passes_check_in_both_languages(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    for lang, theme in (("zh-Hant", "policy-brief"), ("en", None)):
        folder = f"content/new-{lang}"
        extra = ["--theme", theme] if theme else []
        assert main(["new", "paper", folder, "--lang", lang, *extra]) == 0
        assert main(["check", folder]) == 0
        text = (tmp_path / folder / "paper.md").read_text(encoding="utf-8")
        assert f"lang: {lang}" in text and "# status: draft" in text
    assert main(["new", "paper", "content/new-en"]) == 2  # never overwrites


def test_new_theme_extends_its_parent_and_loads(monkeypatch, capsys):
    from briefing import theme_source

    name = "scaffold-test-theme"
    folder = theme_source.TEMPLATES_DIR / name
    try:
        assert main(["new", "theme", name, "--from", "policy-brief"]) == 0
        theme = load_theme(name)
        assert theme.page == load_theme("policy-brief").page
        assert "extends: policy-brief" in (folder / "theme.yaml").read_text(encoding="utf-8")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def display(path: Path) -> str:
    from briefing.errors import display_path

    return display_path(path)
