"""Bad content gives one line `file:line: what is wrong`, exit status 1, and no PDF."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import run_cli

CASES = sorted(p for p in (Path(__file__).parent / "cases" / "content").iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_content_is_one_line_error(case: Path, project: Path, capsys):
    for f in case.glob("*.yaml"):
        shutil.copy(f, project / "content" / f.name)
    expected = (case / "expected.txt").read_text("utf-8").strip()

    status = run_cli("build", root=project)

    err = capsys.readouterr().err.strip().splitlines()
    assert status == 1
    assert err == [f"error: {expected}"]
    assert not list((project / "dist").rglob("*.pdf")) if (project / "dist").exists() else True


def test_missing_font_is_named(project: Path, capsys):
    (project / "fonts" / "AtkinsonHyperlegible-Bold.ttf").unlink()
    from generator import fonts

    fonts._register.cache_clear()
    try:
        status = run_cli("build", root=project)
    finally:
        fonts._register.cache_clear()
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
