"""The PO and POT files msguide writes: one convention (gettext's --no-wrap), byte-stable across updates, so
that a change to the English is a change to its entry in each file and nothing else."""
from __future__ import annotations

import difflib
import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from tools import run

LOCALES = sorted(p.stem for p in (ROOT / "locales").glob("*.po"))
PURPOSE_OLD = "It explains stem cell therapy for MS in plain words."
PURPOSE_NEW = "It explains stem cell therapy for MS in simple words."


def i18n(project: Path, *args: str) -> int:
    from generator.cli import main

    return main(["i18n", "--root", str(project), *args])


def snapshot(project: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((project / "locales").iterdir())}


def changed_lines(before: bytes, after: bytes) -> list[list[str]]:
    """The hunks of a diff as `git diff` shows it (3 lines of context), each as its '-old' / '+new' lines."""
    hunks: list[list[str]] = []
    for line in difflib.unified_diff(before.decode().splitlines(), after.decode().splitlines(), n=3, lineterm=""):
        if line.startswith("@@"):
            hunks.append([])
        elif hunks and line[:1] in "+-":
            hunks[-1].append(line)
    return hunks


def messages(po: Path) -> list[tuple]:
    """What a PO file says, whatever its wrapping: every entry's ID, English, translation, flags, previous
    English and whether it is obsolete, and the header."""
    from generator.i18n.pofile import parse_po

    parsed = parse_po(po.read_bytes(), po.name)
    assert not parsed.errors, parsed.errors
    return [tuple(sorted(parsed.header.items()))] + [
        (e.msgctxt, e.msgid, e.msgstr, sorted(e.flags), e.previous_msgid, e.obsolete) for e in parsed.entries]


def obsolete_block(po: str, ctx: str) -> str:
    """The lines of one obsolete entry, with the comments and flags above it."""
    blocks = po.split("\n\n")
    return next(b for b in blocks if f'#~ msgctxt "{ctx}"' in b)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


@pytest.fixture
def updated(project: Path, capsys) -> Path:
    """The project after one `i18n update`: every file in msguide's convention."""
    assert i18n(project, "update") == 0
    capsys.readouterr()
    return project


def test_a_second_update_changes_no_byte_of_any_file(updated, capsys):
    before = snapshot(updated)
    assert i18n(updated, "update") == 0
    assert snapshot(updated) == before
    out = capsys.readouterr().out.splitlines()
    assert out == [f"unchanged locales/{code}.po" for code in LOCALES]
    assert set(LOCALES) == {"ar", "de", "es", "fr", "it", "pt_BR", "ru"}


def test_one_changed_english_text_is_one_entry_in_each_po_diff(updated, capsys):
    before = snapshot(updated)
    edit(updated / "content" / "guide.yaml", PURPOSE_OLD, PURPOSE_NEW)
    assert i18n(updated, "update") == 0
    after = snapshot(updated)
    for code in LOCALES:
        old_msgid = next(l for l in before[f"{code}.po"].decode().splitlines() if PURPOSE_OLD in l)
        assert old_msgid.startswith('msgid "') and old_msgid.endswith('"')  # the whole text on one line
        new_msgid = old_msgid.replace(PURPOSE_OLD, PURPOSE_NEW)
        assert changed_lines(before[f"{code}.po"], after[f"{code}.po"]) == [
            ["+#, fuzzy", "+#| " + old_msgid, "-" + old_msgid, "+" + new_msgid]], code
    # the template: the English line (and the template's date) and nothing else
    pot = [h for h in changed_lines(before["messages.pot"], after["messages.pot"])
           if not h[0].startswith('-"POT-Creation-Date: ')]
    assert len(pot) == 1 and [l[0] for l in pot[0]] == ["-", "+"] and PURPOSE_NEW in pot[0][1]

    # the previous English survives the next update as `#|`, which Poedit and Weblate show
    assert i18n(updated, "update") == 0
    assert snapshot(updated) == after
    fr = (updated / "locales" / "fr.po").read_text("utf-8")
    assert f'#, fuzzy\n#| msgid "This guide is for people with multiple sclerosis (MS), their families and ' \
           f'caregivers. {PURPOSE_OLD}' in fr
    assert "# | msgid" not in fr


def test_a_file_rewrapped_by_gettext_is_read_and_normalised_by_the_next_update(updated, capsys):
    normal = snapshot(updated)
    for code in LOCALES:
        po = updated / "locales" / f"{code}.po"
        assert run("msgcat", "--width=79", "-o", po, po).returncode == 0
        assert po.read_bytes() != normal[po.name]
        wrapped = po.read_text("utf-8").count('msgid ""\n"')  # a text over several lines
        assert wrapped > normal[po.name].decode().count('msgid ""\n"') + 100
    assert i18n(updated, "check") == 0  # read fine, nothing to report
    assert i18n(updated, "update") == 0
    assert snapshot(updated) == normal


def test_our_files_are_what_gettext_writes_without_wrapping(updated):
    """`msgcat --no-wrap` (and so msgmerge, Weblate and Poedit set not to wrap) keeps every byte."""
    for path in (updated / "locales").iterdir():
        assert run("msgcat", "--no-wrap", path).stdout.encode("utf-8") == path.read_bytes(), path.name


def test_obsolete_entries_are_kept_in_order_and_stable(updated, capsys):
    guide = updated / "content" / "guide.yaml"
    text = guide.read_text("utf-8")
    start = text.index("          - id: glossary.remission\n")
    end = text.index("          - id: ", start + 1)
    guide.write_text(text[:start] + text[end:], "utf-8")
    assert i18n(updated, "update") == 0
    first = snapshot(updated)
    fr = first["fr.po"].decode()
    assert fr.index('#~ msgctxt "glossary.remission.term"') > fr.rindex('\nmsgctxt "')  # after every live entry
    assert '#~ msgid "Remission"\n#~ msgstr "Rémission"' in fr
    assert i18n(updated, "update") == 0
    assert snapshot(updated) == first

    # a second removal goes after the first obsolete entry, which stays as it was
    edit(guide, "term: Relapse\n", "term: Relapse (attack)\n")
    text = guide.read_text("utf-8")
    start = text.index("          - id: glossary.myelin\n")
    end = text.index("          - id: ", start + 1)
    guide.write_text(text[:start] + text[end:], "utf-8")
    assert i18n(updated, "update") == 0
    fr = (updated / "locales" / "fr.po").read_text("utf-8")
    assert fr.index('#~ msgctxt "glossary.remission.term"') < fr.index('#~ msgctxt "glossary.myelin.term"')
    assert obsolete_block(fr, "glossary.remission.term") == obsolete_block(first["fr.po"].decode(),
                                                                          "glossary.remission.term")
    second = snapshot(updated)
    assert i18n(updated, "update") == 0
    assert snapshot(updated) == second


@pytest.mark.parametrize("code", LOCALES)
def test_msgfmt_accepts_every_file_we_write(updated, code):
    po = updated / "locales" / f"{code}.po"
    result = run("msgfmt", "--check-format", "-c", "-o", "/dev/null", po)
    assert result.returncode == 0, result.stderr
    pot = updated / "locales" / "messages.pot"
    assert run("msgfmt", "--check-format", "-c", "-o", "/dev/null", pot).returncode == 0


def test_the_template_date_alone_never_rewrites_it(updated, capsys, monkeypatch):
    before = snapshot(updated)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "2100000000")
    assert i18n(updated, "update") == 0
    assert snapshot(updated) == before


def test_the_shipped_catalogs_are_as_update_writes_them(project, capsys):
    """So that the next update of the real files is a diff of what changed, not a rewrap."""
    before = snapshot(project)
    assert i18n(project, "update") == 0
    assert snapshot(project) == before


PLACEHOLDERS = ("EMAIL@ADDRESS", "FULL NAME", "FIRST AUTHOR", "YEAR-MO-DA", "LL@li.org", "LANGUAGE", "PACKAGE",
                "Generated-By", "X-Medical-Review")


def header_text(path: Path) -> str:
    text = path.read_text("utf-8")
    return text[:text.index("\n\n")]


def test_headers_carry_no_placeholder_and_name_the_project(project, capsys):
    assert i18n(project, "update") == 0
    assert i18n(project, "init", "nl") == 0
    for path in sorted((project / "locales").iterdir()):
        head = header_text(path)
        assert not [p for p in PLACEHOLDERS if p in head], (path.name, head)
        assert '"Project-Id-Version: msguide\\n"' in head
    nl = header_text(project / "locales" / "nl.po")
    for line in ('"Last-Translator: Automatically generated\\n"', '"Language-Team: none\\n"', '"Language: nl\\n"',
                 '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"', '"Report-Msgid-Bugs-To: \\n"'):
        assert line in nl
    result = run("msgfmt", "--check-format", "-c", "-o", "/dev/null", project / "locales" / "nl.po")
    assert result.returncode == 0, result.stderr
    # the translator's own fields stay as they were
    assert '"Last-Translator: msguide contributors (draft, not medically reviewed)\\n"' in \
        header_text(project / "locales" / "fr.po")


def test_headers_point_to_the_issue_tracker_of_pyproject(project, capsys):
    (project / "pyproject.toml").write_text(
        '[project]\nname = "msguide"\n[project.urls]\nHomepage = "https://example.org/msguide"\n'
        '"Bug Tracker" = "https://example.org/msguide/issues"\n', "utf-8")
    assert i18n(project, "update") == 0
    assert i18n(project, "init", "nl") == 0
    tracker = "https://example.org/msguide/issues"
    assert f'"Report-Msgid-Bugs-To: {tracker}\\n"' in header_text(project / "locales" / "messages.pot")
    nl = header_text(project / "locales" / "nl.po")
    assert f'"Report-Msgid-Bugs-To: {tracker}\\n"' in nl and f'"Language-Team: Dutch <{tracker}>\\n"' in nl
    ar = header_text(project / "locales" / "ar.po")  # a team named without an address gets the project's
    assert f'"Report-Msgid-Bugs-To: {tracker}\\n"' in ar and f'"Language-Team: Arabic <{tracker}>\\n"' in ar
    (project / "pyproject.toml").write_text('[project]\nname = "msguide"\n[project.urls]\n'
                                            'Homepage = "https://example.org/msguide"\n', "utf-8")
    assert i18n(project, "update") == 0  # no tracker: the homepage
    assert '"Report-Msgid-Bugs-To: https://example.org/msguide\\n"' in header_text(project / "locales" / "ar.po")


def notes_of(pot: str, ctx: str) -> list[str]:
    """The `#.` lines of one entry, in order."""
    block = next(b for b in pot.split("\n\n") if f'\nmsgctxt "{ctx}"\n' in f"\n{b}\n")
    return [l[3:] for l in block.splitlines() if l.startswith("#. ")]


def test_the_template_carries_the_notes_of_terms_yaml(project, capsys):
    assert i18n(project, "extract") == 0
    pot = (project / "locales" / "messages.pot").read_text("utf-8")
    ahsct = 'Keep "aHSCT" as it is (an international abbreviation); you may explain it once in brackets.'
    cladribine = "Use your language's official drug name (INN), e.g. de Cladribin, es/it cladribina."
    assert notes_of(pot, "cover.title") == ["guide: cover title; at most 3 lines on the cover"]
    assert notes_of(pot, "kp.messages.ahsct")[:2] == ["guide: list item in a box", ahsct]
    # the placement note, every term's note once (DMT and DMTs share one), then the text's own
    dmt = notes_of(pot, "glossary.high-efficacy-dmt")
    assert dmt[0] == "guide: glossary definition"
    assert dmt[-1] == 'Quotes the title of the section "Who may benefit, and who is unlikely to" (ID who.title); use the same words.'
    assert len(dmt) == len(set(dmt)) and any(n.startswith("DMT (disease-modifying therapy)") for n in dmt)
    assert notes_of(pot, "next.actions.checklist")[-1].startswith(
        'Quotes the title of the checklist "Questions to ask a treatment center" (ID cl.title)')
    from generator.i18n.pofile import parse_po

    entries = parse_po(pot.encode(), "messages.pot").entries
    with_note = [e.msgctxt for e in entries if cladribine in e.auto_comments]
    assert with_note == [e.msgctxt for e in entries if re.search(r"\bcladribine\b", e.msgid)]
    assert len(with_note) >= 3
    # whole words, case as written
    (project / "content" / "terms.yaml").write_text(
        "terms:\n  - term: Relapse\n    note: A test note.\n", "utf-8")
    assert i18n(project, "extract") == 0
    pot = (project / "locales" / "messages.pot").read_text("utf-8")
    tagged = [b.split('msgctxt "')[1].split('"')[0] for b in pot.split("\n\n")[1:] if "#. A test note." in b]
    assert tagged == ["glossary.relapse.term"]  # not the texts that say "relapse" or "relapses"
    assert run("msgfmt", "--check-format", "-o", "/dev/null", project / "locales" / "messages.pot").returncode == 0
