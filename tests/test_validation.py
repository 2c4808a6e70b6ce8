"""One validation pass per input: content, each PO file and a clinic profile are checked once, when
loaded, every problem collected; `build`, `i18n check`, `i18n status` and the manifest report the same
findings."""
from __future__ import annotations

import json
import re

from conftest import run_cli


def i18n(root, *args) -> int:
    from generator.cli import main

    return main(["i18n", "--root", str(root), *args])


def break_po(project, locale="de") -> tuple[str, int]:
    """A syntax error msgfmt rejects, on a known line; returns the file's shown path and the line."""
    po = project / "locales" / f"{locale}.po"
    lines = po.read_text("utf-8").splitlines(keepends=True)
    n = next(i for i, l in enumerate(lines) if l.startswith("msgstr ") and i > 30)
    lines[n] = lines[n].replace("msgstr ", "msgstr_broken ", 1)
    po.write_text("".join(lines), "utf-8")
    return f"locales/{locale}.po", n + 1


def test_a_broken_po_file_is_reported_alike_by_check_status_build_and_manifest(project, capsys, tmp_path):
    shown, line = break_po(project)
    expected = f"{shown}:{line}: unknown keyword 'msgstr_broken'"

    assert i18n(project, "check", "de") == 1
    assert expected in capsys.readouterr().out.splitlines()

    assert i18n(project, "status") == 0
    row = next(l.split() for l in capsys.readouterr().out.splitlines() if l.startswith("de "))
    assert row[1] == "broken" and int(row[6]) >= 1  # not "100.0%"

    out = tmp_path / "dist"
    assert run_cli("build", "--locale", "de", "--locale", "fr", "--document", "guide", root=project, out=out) == 1
    captured = capsys.readouterr()
    assert captured.err.splitlines().count(f"error: {expected}") == 1
    assert "failed" in captured.out and (out / "fr" / "guide-fr.pdf").is_file()
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    de = manifest["locales"]["de"]["translation"]
    assert de["broken"] is True and de["complete"] is False and de["errors"] >= 1


def test_every_problem_of_the_content_is_reported_in_one_run(project, capsys):
    guide = project / "content" / "guide.yaml"
    text = guide.read_text("utf-8")
    text = text.replace("  subtitle: ", "  subtitel: ", 1)  # a misspelt key near the top
    text = re.sub(r"(?m)^(\s+text: )(.*)$", lambda m: m.group(1) + "Note **never closed " + m.group(2), text, count=1)
    guide.write_text(text, "utf-8")
    checklist = project / "content" / "checklist.yaml"
    checklist.write_text(re.sub(r"(?m)^(\s+)questions:", r"\1questionz:", checklist.read_text("utf-8"), count=1),
                         "utf-8")
    assert run_cli("build", root=project) == 1
    err = capsys.readouterr().err.splitlines()
    assert any("subtitel: unknown key; did you mean 'subtitle'?" in l for l in err), err
    assert any("'**' at character" in l and "never closed" in l for l in err), err
    assert any(l.startswith("error: content/checklist.yaml:") and "questionz" in l for l in err), err
    assert all(re.match(r"^error: content/\w+\.yaml:\d+: ", l) for l in err), err


def test_every_problem_of_a_clinic_profile_is_reported_in_one_run(tmp_path, capsys):
    from conftest import ROOT

    profile = tmp_path / "clinic.yaml"
    profile.write_text("name: City clinic\nphone: call us\nemail: nobody\naccent: '#ffffff'\nwebsite: http://x.org\n"
                       "colour: blue\n", "utf-8")
    assert run_cli("build", "--clinic", str(profile), root=ROOT, out=tmp_path / "dist") == 1
    err = capsys.readouterr().err.splitlines()
    for key, line in (("phone", 2), ("email", 3), ("accent", 4), ("website", 5), ("colour", 6)):
        assert any(l.startswith(f"error: {profile}:{line}: {key}: ") for l in err), (key, err)
    assert not list((tmp_path / "dist").rglob("*.pdf"))


def test_a_bug_is_one_line_and_exit_status_2_with_the_traceback_under_debug(project, tmp_path, capsys, monkeypatch):
    from generator.layout import guide

    def broken(request, path):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(guide, "render_guide", broken)
    assert run_cli("build", root=project, out=tmp_path / "a") == 2
    err = capsys.readouterr().err
    assert "error: internal error (a bug in msguide, please report it): ZeroDivisionError: a bug" in err
    assert "Traceback" not in err
    from generator.cli import main

    assert main(["--debug", "build", "--root", str(project), "--out", str(tmp_path / "b")]) == 2
    assert "Traceback (most recent call last)" in capsys.readouterr().err


def test_a_translation_without_a_glyph_is_found_once_for_all_its_documents(project, capsys, tmp_path):
    po = project / "locales" / "fr.po"
    text = po.read_text("utf-8")
    text = re.sub(r'(msgctxt "cover.subtitle"\nmsgid (?:".*"\n)+)msgstr (?:".*"\n)+',
                  lambda m: m.group(1) + 'msgstr "Avant de décider \u2603"\n', text, count=1)
    po.write_text(text, "utf-8")
    assert run_cli("build", "--locale", "fr", "--document", "guide", "--document", "booklet", "--document", "html",
                   root=project, out=tmp_path / "d") == 1
    captured = capsys.readouterr()
    lines = [l for l in captured.err.splitlines() if "U+2603" in l]
    assert len(lines) == 1 and re.match(r"^error: locales/fr\.po:\d+: cover\.subtitle: no shipped font", lines[0])
    assert len(re.findall(r"^failed ", captured.out, re.M)) == 3  # the web edition too: the check is not the PDF renderer's
    assert i18n(project, "check", "fr") == 1
    assert any("U+2603" in l for l in capsys.readouterr().out.splitlines())
