"""The summary: one sheet, both sides, in every language and in the pseudo-locale (40 % longer), with and
without a clinic's details; it shows the guide blocks content/summary.yaml selects, in order, and no other;
a clinic's QR code opens its online guide; a summary too long for its sheet is a warning, an error under
--strict; and summary.yaml's mistakes are one line each. (tests/test_layout.py reads both summaries with
its rules too: headings with their lines, markers, margins, large print at 16 pt or more.)"""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import ROOT, run_cli
from pages import Flow, read
from tools import run, tool

from generator.documents import output_relpath

PSEUDO = "eo"
CLINIC = ROOT / "examples" / "clinic.yaml"
CLINIC_SLUG = "riverside-ms-centre"
MM = 72 / 25.4


def _locales() -> list[str]:
    from generator.source.project import Project

    return Project(ROOT).locales()


@pytest.fixture(scope="module")
def sheets(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    """locale -> (project folder, dist folder): both summaries of every language and of the pseudo-locale,
    each generic and in the example clinic's edition."""
    from pseudo import pseudo_project

    docs = ["--document", "summary", "--document", "summary-large-print"]
    locales = [a for l in _locales() for a in ("--locale", l)]
    dist = tmp_path_factory.mktemp("summary")
    assert run_cli("build", *locales, *docs, root=ROOT, out=dist) == 0
    assert run_cli("build", *locales, *docs, "--clinic", str(CLINIC), root=ROOT, out=dist) == 0
    project = pseudo_project(tmp_path_factory.mktemp("summary-pseudo"), PSEUDO)
    pseudo_dist = tmp_path_factory.mktemp("summary-pseudo-dist")
    assert run_cli("build", "--locale", PSEUDO, *docs, root=project, out=pseudo_dist) == 0
    assert run_cli("build", "--locale", PSEUDO, *docs, "--clinic", str(CLINIC), root=project, out=pseudo_dist) == 0
    return {**{l: (ROOT, dist) for l in _locales()}, PSEUDO: (project, pseudo_dist)}


def _pdf(sheets, locale: str, document: str, clinic: bool) -> Path:
    _, dist = sheets[locale]
    return dist / output_relpath(locale, document, CLINIC_SLUG if clinic else None)


EDITIONS = [(l, clinic) for l in _locales() + [PSEUDO] for clinic in (False, True)]
EDITION_IDS = [f"{l}-{'clinic' if clinic else 'generic'}" for l, clinic in EDITIONS]


# --- one sheet -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("locale,clinic", EDITIONS, ids=EDITION_IDS)
def test_the_summary_fits_on_one_sheet_both_sides(sheets, locale, clinic):
    from generator.i18n.locales import locale_info

    pdf = PdfReader(_pdf(sheets, locale, "summary", clinic))
    assert 1 <= len(pdf.pages) <= 2
    sheet = {"a4": (210 * MM, 297 * MM), "letter": (8.5 * 72, 11 * 72)}[locale_info(locale).paper]
    for page in pdf.pages:  # portrait A4 or Letter, as the territory prints
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(sheet, abs=0.5)


@pytest.mark.parametrize("locale,clinic", EDITIONS, ids=EDITION_IDS)
def test_the_large_print_summary_takes_at_most_four_sheets(sheets, locale, clinic):
    assert len(PdfReader(_pdf(sheets, locale, "summary-large-print", clinic)).pages) <= 8


def test_a_summary_too_long_for_its_sheet_is_a_warning_and_under_strict_an_error(project, tmp_path, capsys):
    """Every block of the guide on the front: far more than a sheet holds."""
    from generator.source.content import load_content
    from generator.source.project import Project

    content = load_content(Project(project))
    blocks = "".join(f"          - {b.id}\n" for s in content.guide.sections for b in s.blocks)
    (project / "content" / "summary.yaml").write_text(
        f"pages:\n  - parts:\n      - section: kp\n        blocks:\n{blocks}", "utf-8")
    assert run_cli("build", "--document", "summary", root=project, out=tmp_path / "a") == 0
    err = capsys.readouterr().err
    pages = len(PdfReader(tmp_path / "a" / "en" / "summary-en.pdf").pages)
    assert pages > 2
    assert f"warning: content/summary.yaml:1: the summary takes {pages} pages, more than its 2: " in err
    assert run_cli("build", "--document", "summary", "--strict", root=project, out=tmp_path / "b") == 1
    assert "[layout.overflow] (--strict)" in capsys.readouterr().err
    assert not (tmp_path / "b" / "en" / "summary-en.pdf").exists()


# --- what it shows --------------------------------------------------------------------------------------


def _shown_and_not(content, loc) -> tuple[list[str], list[str]]:
    """The texts the summary shows, in its order (each part's heading, then its blocks' texts), and every
    other text of the guide's sections, as the locale shows them (a text the summary also shows, word for
    word, left out)."""
    from generator.source.content import _walk_texts

    shown = []
    for part in content.summary.parts:
        shown.append(loc.plain(part.title))
        shown += [loc.plain(t) for t in _walk_texts(part.blocks)]
    selected = {b.id for b in content.summary.blocks} | {p.section_id for p in content.summary.parts}
    others = [loc.plain(t) for s in content.guide.sections
              for t in ([s.title] if s.id not in selected else []) + list(_walk_texts(
                  [b for b in s.blocks if b.id not in selected]))]
    return shown, [t for t in others if t not in shown]


@pytest.mark.parametrize("locale", _locales() + [PSEUDO])
def test_the_summary_shows_the_selected_blocks_in_order_and_no_others(sheets, locale):
    """Read back with pdfium, column by column, each text found by its letters whatever the direction."""
    from generator.building.session import Session
    from generator.layout.summary import COLUMN_GAP
    from generator.layout.theme import THEMES
    from generator.source.project import Project

    project, _ = sheets[locale]
    session = Session(Project(project))
    loc = session.localiser(locale)
    shown, others = _shown_and_not(session.content, loc)
    assert shown and others
    flow = Flow(read(_pdf(sheets, locale, "summary", False)), footer_below=THEMES["summary"]("f").margin,
                gutter=COLUMN_GAP, rtl=loc.info.direction == "rtl")
    at = 0
    for text in shown:
        found = flow.find(text, at, marker=True)
        assert found is not None, f"{text[:50]!r}… is not on the summary's pages after the text before it"
        at = found.last + 1
    # a one-word text (a glossary term: "inflammation") may well stand inside a selected text
    drawn = [t for t in others if len(t.split()) >= 3 and flow.find(t, marker=True) is not None]
    assert drawn == []


def _text(pdf: Path) -> str:
    """The text as poppler reads it, in the order it is drawn (-raw): poppler's own guess at the order of
    columns mixes their blocks, where a screen reader follows the structure tree (tests/test_pdfua.py)."""
    return " ".join(run("pdftotext", "-raw", "-enc", "UTF-8", pdf, "-", check=True).stdout.split())


def test_pdftotext_reads_the_english_summary_whole_and_nothing_else(sheets, content):
    """What a reader copies out of the PDF (poppler): every selected text whole, no other text of the
    guide, and the way to the full guide by its title."""
    from generator.i18n.localise import Localiser
    from generator.i18n.locales import locale_info

    loc = Localiser(locale_info("en"), content.guide.values)
    text = _text(_pdf(sheets, "en", "summary", False))
    shown, others = _shown_and_not(content, loc)
    assert [t for t in shown if " ".join(t.split()) not in text] == []
    sentences = [t for t in others if len(t.split()) >= 6]  # a term ("MS specialist") may well be in a selected text
    assert sentences and [t for t in sentences if " ".join(t.split()) in text] == []
    assert f"Read the full guide: {loc.plain(content.guide.title)}." in text


# --- a clinic's edition ---------------------------------------------------------------------------------


def test_a_clinics_summary_names_the_clinic_and_its_qr_code_opens_the_online_guide(sheets, tmp_path):
    from generator.source.clinic import load_clinic

    clinic = load_clinic(CLINIC)
    assert clinic.guide_url
    pdf = _pdf(sheets, "en", "summary", True)
    last = len(PdfReader(pdf).pages)
    text = _text(pdf)
    assert clinic.name in text and clinic.guide_url in text
    assert "Read the full guide:" not in text  # the online guide instead of the title alone
    zbarimg = tool("zbarimg")
    run("pdftoppm", "-r", 200, "-f", last, "-l", last, "-png", pdf, tmp_path / "p", check=True)
    png = next(tmp_path.glob("p-*.png"))
    out = subprocess.run([zbarimg, "-q", "--raw", str(png)], capture_output=True, text=True)
    assert out.stdout.strip() == clinic.guide_url
    links = [a.get_object()["/A"]["/URI"] for page in PdfReader(pdf).pages for a in page.get("/Annots", [])
             if a.get_object().get("/Subtype") == "/Link"]
    assert clinic.guide_url in links


def test_without_an_online_guide_a_clinics_summary_has_no_qr_code(tmp_path):
    profile = tmp_path / "clinic.yaml"
    profile.write_text("name: City MS clinic\nwebsite: https://www.example.org/city\n", "utf-8")
    assert run_cli("build", "--document", "summary", "--clinic", str(profile), root=ROOT, out=tmp_path / "d") == 0
    pdf = next((tmp_path / "d").rglob("summary-en.pdf"))
    text = _text(pdf)
    assert "City MS clinic" in text and "Read the full guide: " in text
    run("pdftoppm", "-r", 200, "-png", pdf, tmp_path / "p", check=True)
    for png in sorted(tmp_path.glob("p-*.png")):  # the website is no copy of the guide
        out = subprocess.run([tool("zbarimg"), "-q", "--raw", str(png)], capture_output=True, text=True)
        assert out.stdout.strip() == ""


# --- summary.yaml's mistakes ----------------------------------------------------------------------------


SUMMARY = (ROOT / "content" / "summary.yaml").read_text("utf-8")


def _line(text: str, needle: str) -> int:
    return text[:text.index(needle)].count("\n") + 1


@pytest.mark.parametrize("old,new,message", [
    ("- who.compare", "- who.comprae", "unknown block ID 'who.comprae'; did you mean 'who.compare'?"),
    ("- who.intro", "- kp.messages.ahsct", "unknown block ID 'kp.messages.ahsct'; did you mean 'kp.messages'?"),
    ("section: next", "section: nxt", "section: unknown section ID 'nxt'; did you mean 'next'?"),
    ("section: who", "sectoin: who", "sectoin: unknown key; did you mean 'section'?"),
    ("- risk.main", "- [risk.main]", "expected text, got a list"),
    ("- next.path", "- kp.messages", "block 'kp.messages' is already shown (at content/summary.yaml:"),
], ids=["unknown-block", "an-item-not-a-block", "unknown-section", "unknown-key", "wrong-type", "shown-twice"])
def test_a_mistake_in_summary_yaml_is_one_line_naming_its_line(project, tmp_path, capsys, old, new, message):
    text = SUMMARY.replace(old, new, 1)
    assert text != SUMMARY
    (project / "content" / "summary.yaml").write_text(text, "utf-8")
    assert run_cli("build", "--document", "summary", root=project, out=tmp_path) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    assert re.fullmatch(rf"error: content/summary\.yaml:{_line(SUMMARY, old)}: pages\[\d\]\.parts\[\d\]\.\S+: .+", err[0]), err
    assert message in err[0]
    assert not list(tmp_path.rglob("*.pdf"))


def test_a_summary_is_one_sheet_so_at_most_two_pages_are_named(project, tmp_path, capsys):
    third = "  - parts:\n      - section: cost\n        blocks:\n          - cost.total\n"
    (project / "content" / "summary.yaml").write_text(SUMMARY + third, "utf-8")
    assert run_cli("build", "--document", "summary", root=project, out=tmp_path) == 1
    err = capsys.readouterr().err.strip().splitlines()
    line = SUMMARY.count("\n") + 1
    assert err == [f"error: content/summary.yaml:{line}: pages[2]: the summary is one sheet: at most 2 pages, got 3"]


def test_a_block_id_the_guide_lost_to_a_mistake_of_its_own_is_not_reported_twice(project, tmp_path, capsys):
    """The guide's unreadable block is the one error: the summary's reference to it is not a second."""
    guide = project / "content" / "guide.yaml"
    text = guide.read_text("utf-8")
    broken = text.replace("      - type: comparison\n        id: who.compare",
                          "      - type: comparsion\n        id: who.compare", 1)
    assert broken != text
    guide.write_text(broken, "utf-8")
    assert run_cli("build", "--document", "summary", root=project, out=tmp_path) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "unknown block type 'comparsion'; did you mean 'comparison'?" in err[0], err
