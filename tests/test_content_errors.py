"""Bad content gives one line `file:line: what is wrong`, exit status 1, and no PDF."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import run_cli, same_message

CASES = sorted(p for p in (Path(__file__).parent / "cases" / "content").iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_content_is_one_line_error(case: Path, project: Path, capsys):
    for f in case.glob("*.yaml"):
        shutil.copy(f, project / "content" / f.name)
    expected = (case / "expected.txt").read_text("utf-8").strip()

    status = run_cli("build", root=project)

    err = capsys.readouterr().err.strip().splitlines()
    assert status == 1
    assert len(err) == 1 and same_message(err[0], f"error: {expected}"), err
    assert not list((project / "dist").rglob("*.pdf")) if (project / "dist").exists() else True


def test_missing_font_is_named(project: Path, capsys):
    # no cache to clear: fonts are registered under the hash of their files, so this project's missing
    # file is found even though this process registered the real fonts before
    (project / "fonts" / "AtkinsonHyperlegible-Bold.ttf").unlink()
    status = run_cli("build", root=project)
    err = capsys.readouterr().err.strip()
    assert status == 1
    assert err.endswith("fonts/AtkinsonHyperlegible-Bold.ttf: font file is missing (fonts/ must ship every style)")
    assert not (project / "dist" / "en" / "guide-en.pdf").exists()


def test_character_without_glyph_fails_the_build(project: Path, capsys):
    guide = project / "content" / "guide.yaml"
    text = guide.read_text("utf-8")
    guide.write_text(text.replace("subtitle: ", "subtitle: \u2603 ", 1), "utf-8")
    status = run_cli("build", root=project)
    err = capsys.readouterr().err.strip()
    assert status == 1
    assert "cover.subtitle: no shipped font has a glyph for U+2603" in err
    assert err.startswith("error: content/guide.yaml:")


def test_failed_build_keeps_previous_output(project: Path, capsys):
    assert run_cli("build", root=project) == 0
    pdf = project / "dist" / "en" / "guide-en.pdf"
    before = pdf.read_bytes()
    manifest = (project / "dist" / "manifest.json").read_bytes()
    guide = project / "content" / "guide.yaml"
    guide.write_text(guide.read_text("utf-8").replace("subtitle: ", "subtitle: \u2603 ", 1), "utf-8")
    assert run_cli("build", root=project) == 1
    assert pdf.read_bytes() == before
    assert (project / "dist" / "manifest.json").read_bytes() == manifest
    assert [p.name for p in pdf.parent.iterdir()] == [pdf.name]  # no temporary file left behind


def _loaders():
    import yaml

    return [yaml.SafeLoader] + ([yaml.CSafeLoader] if hasattr(yaml, "CSafeLoader") else [])


@pytest.mark.parametrize("loader", _loaders(), ids=lambda l: l.__name__)
@pytest.mark.parametrize("text, line", [
    ("a: " + "[" * 5000 + "]" * 5000, 1),  # flow: libyaml reads ahead and has a limit of its own
    ("a: " + "{b: " * 5000 + "}" * 5000, 1),
    ("a:\n" + "".join("  " * i + "b:\n" for i in range(1, 60)) + "  " * 60 + "c: 1\n", 41),  # block
    ("- " * 3000 + "x\n", 1),
])
def test_too_deep_yaml_gets_our_message_with_either_parser(loader, text, line):
    from generator.errors import ContentError
    from generator.source.yamlsafe import parse_yaml

    with pytest.raises(ContentError) as err:
        parse_yaml(text, "content/guide.yaml", loader)
    assert str(err.value) == f"content/guide.yaml:{line}: nested more than 40 levels deep"


@pytest.mark.parametrize("loader", _loaders(), ids=lambda l: l.__name__)
def test_a_syntax_error_is_placed_alike_by_either_parser(loader):
    from generator.errors import ContentError
    from generator.source.yamlsafe import parse_yaml

    with pytest.raises(ContentError) as err:
        parse_yaml("cover:\n  title: T\n   audience: A\n", "content/guide.yaml", loader)
    assert str(err.value).startswith("content/guide.yaml:3: YAML syntax: ")
