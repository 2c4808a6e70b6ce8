"""The whole build: parallel, incremental, reproducible; the manifest; the download page and the HTML
editions, checked in a real browser (Debian's Chromium) with axe-core."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import ROOT, copy_project, run_cli


@pytest.fixture(scope="module")
def whole(tmp_path_factory):
    out = tmp_path_factory.mktemp("whole")
    assert run_cli("build", "--all", root=ROOT, out=out) == 0
    return out


def test_whole_build_makes_every_locale_times_every_document(whole):
    from generator.documents import DOCUMENTS, output_relpath
    from generator.source.project import Project

    for locale in Project(ROOT).locales():
        for document in DOCUMENTS:
            assert (whole / output_relpath(locale, document)).is_file(), (locale, document)
    assert (whole / "index.html").is_file() and (whole / "manifest.json").is_file()


def test_two_whole_builds_give_the_same_bytes(whole, tmp_path):
    assert run_cli("build", "--all", "--jobs", "1", root=ROOT, out=tmp_path) == 0
    a = {p.relative_to(whole): p.read_bytes() for p in whole.rglob("*") if p.is_file()}
    b = {p.relative_to(tmp_path): p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert a.keys() == b.keys()
    assert [k for k in a if a[k] != b[k]] == []


def test_manifest_has_every_output_and_each_language_status(whole):
    manifest = json.loads((whole / "manifest.json").read_text())
    for e in manifest["outputs"]:
        data = (whole / e["path"]).read_bytes()
        import hashlib

        assert e["sha256"] == hashlib.sha256(data).hexdigest() and e["bytes"] == len(data)
        assert e["pages"] > 0 or e["path"].endswith(".html")
    fr = manifest["locales"]["fr"]
    assert fr["name"] == "français" and fr["translation"]["complete"] is True
    assert fr["review"] == {"reviewed": False, "by": None, "date": None, "changed": []}


def test_no_op_rebuild_builds_nothing_and_a_po_change_rebuilds_only_that_language(tmp_path, capsys):
    project = copy_project(tmp_path / "p")
    # a PO file whose name is not a locale code is not a language: it neither builds nor stops the build
    (project / "locales" / "fr-FR.po").write_bytes((project / "locales" / "fr.po").read_bytes())
    out = tmp_path / "dist"
    assert run_cli("build", "--all", root=project, out=out) == 0
    capsys.readouterr()
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.pdf")}
    assert run_cli("build", "--all", root=project, out=out) == 0
    text = capsys.readouterr().out
    assert re.search(r"^0 built, (\d+) unchanged, 0 warnings, 0 failed", text, re.M)
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.pdf")} == before
    po = project / "locales" / "it.po"
    po.write_text(po.read_text("utf-8").replace('"Guida a caratteri grandi"', '"Guida in caratteri grandi"'), "utf-8")
    assert run_cli("build", "--all", root=project, out=out) == 0
    built = re.findall(r"^built \S+/(\w+)/", capsys.readouterr().out, re.M)
    assert built and set(built) == {"it"}


def test_an_upgraded_dependency_or_python_rebuilds_everything(tmp_path, capsys, monkeypatch):
    """The versions of Python and the runtime dependencies are inputs of every output: after an upgrade
    of ReportLab (or of Babel and its CLDR data), nothing is called unchanged."""
    from generator.building import fingerprint

    project = copy_project(tmp_path / "p")
    out = tmp_path / "dist"
    args = ("build", "--locale", "en", "--locale", "fr", "--document", "guide", "--document", "checklist")
    assert run_cli(*args, root=project, out=out) == 0
    capsys.readouterr()
    real = fingerprint.installed_versions()
    for name, changed in (("reportlab", "99.0"), ("babel", "99.0")):
        monkeypatch.setattr(fingerprint, "installed_versions", lambda name=name, changed=changed: {**real, name: changed})
        fingerprint.environment_hash.cache_clear()
        fingerprint.generator_hash.cache_clear()
        assert run_cli(*args, root=project, out=out) == 0
        assert re.search(r"^4 built, 0 unchanged", capsys.readouterr().out, re.M), name
    monkeypatch.setattr(fingerprint.sys, "version", fingerprint.sys.version + " (another build)")
    fingerprint.environment_hash.cache_clear()
    fingerprint.generator_hash.cache_clear()
    assert run_cli(*args, root=project, out=out) == 0
    assert re.search(r"^4 built, 0 unchanged", capsys.readouterr().out, re.M)
    monkeypatch.undo()
    fingerprint.environment_hash.cache_clear()
    fingerprint.generator_hash.cache_clear()


def test_installed_versions_agree_with_importlib_metadata():
    from importlib.metadata import version

    from generator.building.fingerprint import RUNTIME_DISTRIBUTIONS, installed_versions

    assert installed_versions() == {name: version(name) for name in RUNTIME_DISTRIBUTIONS}


def test_one_failing_output_does_not_stop_the_others(tmp_path, capsys):
    project = copy_project(tmp_path / "p")
    po = project / "locales" / "es.po"
    text = po.read_text("utf-8")
    line = text[:text.index('msgctxt "kp.purpose"')].count("\n") + 1  # where the entry starts
    po.write_text(re.sub(r'(msgctxt "kp.purpose"\nmsgid (?:".*"\n)+)msgstr ".*"(\n".*")*',
                         lambda m: m.group(1) + 'msgstr "[x](javascript:alert(1))"', text, count=1), "utf-8")
    status = run_cli("build", "--all", "--jobs", "2", root=project, out=tmp_path / "dist")
    captured = capsys.readouterr()
    assert status == 1
    from generator.documents import DOCUMENTS
    from generator.source.project import Project

    total = len(Project(project).locales()) * len(DOCUMENTS)
    assert re.search(rf"^{total - 4} built, 0 unchanged, 0 warnings, 4 failed \({total} outputs\)$", captured.out, re.M)
    # found once, when Spanish was checked, and printed once, for the four outputs that show the text
    assert captured.err.count(f"locales/es.po:{line}: kp.purpose:") == 1
    failed = re.findall(r"^failed \S+/es/(\S+)$", captured.out, re.M)
    assert sorted(failed) == ["booklet-es.pdf", "guide-es.html", "guide-es.pdf", "large-print-es.pdf"]
    assert (tmp_path / "dist" / "fr" / "guide-fr.pdf").is_file()
    assert (tmp_path / "dist" / "es" / "checklist-es.pdf").is_file()


# --- download page -----------------------------------------------------------------------------------


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.resources: list[str] = []
        self.sections: list[dict] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        if tag in ("img", "script", "link", "iframe", "source", "video", "audio"):
            self.resources.append(a.get("src") or a.get("href") or "")
        if tag == "section":
            self.sections.append(a)


def test_index_lists_each_language_in_its_own_name_and_every_link_resolves(whole):
    page = (whole / "index.html").read_text("utf-8")
    parser = _Links()
    parser.feed(page)
    assert parser.resources == []  # no external (or any) resources but inline CSS and local fonts
    assert not re.search(r"url\((?!\"?fonts/)", page)
    for href in parser.links:
        assert not re.match(r"^[a-z]+:", href), href
        assert (whole / href).is_file(), href
    langs = {s["lang"] for s in parser.sections}
    assert {"en", "fr", "de", "es", "it", "pt-BR", "ru"} <= langs
    for name in ("Français", "Deutsch", "Español", "Italiano", "Português (Brasil)", "Русский"):
        assert name in page
    assert "flipping on the short edge" in page and "retournement sur le bord court" in page
    size = (whole / "en" / "guide-en.pdf").stat().st_size  # sizes as phones show them: 1 KB = 1000 bytes
    assert re.search(rf'guide-en\.pdf"[^>]*>[^<]*</a> <span class="small">\(PDF, {round(size / 1000)}\u00a0KB,', page)
    assert page.count("n’a pas encore été vérifiée par un traducteur médical") == 1


@pytest.mark.parametrize("locale", ["en", "fr", "ru"])
def test_html_edition_is_semantic_with_lang_and_same_sections(whole, locale, content):
    page = (whole / locale / f"guide-{locale}.html").read_text("utf-8")
    assert re.search(rf'<html lang="{locale}" dir="ltr">', page)
    assert page.count("<h1>") == 1 and "<main" in page and "<nav" in page
    assert page.count('<section aria-labelledby="') == len(content.guide.sections)
    assert "<dl>" in page and '<ol class="steps">' in page and "<cite>" in page
    assert not re.search(r"<(script|img|iframe|link)\b", page)


@pytest.mark.parametrize("locale", ["en", "fr", "ar"])
def test_html_edition_links_the_checklist_the_pdfs_and_the_download_page(whole, locale):
    page = (whole / locale / f"guide-{locale}.html").read_text("utf-8")
    parser = _Links()
    parser.feed(page)
    local = [h for h in parser.links if not h.startswith(("#", "https:", "mailto:"))]
    for href in local:
        assert (whole / locale / href).is_file(), href
    assert {f"checklist-{locale}.pdf", f"guide-{locale}.pdf", f"large-print-{locale}.pdf", f"booklet-{locale}.pdf",
            f"checklist-large-print-{locale}.pdf", "../index.html"} <= set(local)


def _index_facts(dist, prefix=""):
    """(href, KB shown) of every document the download page lists."""
    page = (dist / prefix / "index.html").read_text("utf-8")
    return re.findall(r'<a href="([^"]+)"[^>]*>.*?</a> <span class="small">\((?:PDF|HTML), ([\d,.\u00a0\u202f ]+)\u00a0KB',
                      page)


def test_builds_with_other_options_keep_their_own_names_and_the_index_follows_the_disk(whole, tmp_path):
    """--paper and --marks change an output: it gets a name of its own instead of overwriting the
    language's edition, and the manifest and the download page describe exactly what is on disk, after
    any build, not only a whole one."""
    import shutil

    out = tmp_path / "dist"
    shutil.copytree(whole, out)
    before = (out / "en" / "guide-en.pdf").read_bytes()
    (out / "en" / "booklet-en.pdf").unlink()  # gone from disk: must leave the manifest and the page
    assert run_cli("build", "--locale", "en", "--document", "guide", "--paper", "a4", root=ROOT, out=out) == 0
    assert run_cli("build", "--locale", "fr", "--document", "booklet", "--marks", root=ROOT, out=out) == 0
    assert (out / "en" / "guide-en.pdf").read_bytes() == before
    assert (out / "en" / "guide-en-a4.pdf").is_file() and (out / "fr" / "booklet-fr-marks.pdf").is_file()
    manifest = json.loads((out / "manifest.json").read_text())
    on_disk = {str(p.relative_to(out)) for p in out.rglob("*") if p.suffix in (".pdf", ".html")
               and p.name != "index.html"}
    assert {e["path"] for e in manifest["outputs"]} == on_disk
    variants = {e["path"]: (e["paper"], e["variant"], e["marks"]) for e in manifest["outputs"] if e["variant"]}
    assert variants == {"en/guide-en-a4.pdf": ("a4", "a4", False), "fr/booklet-fr-marks.pdf": ("a4", "marks", True)}
    listed = dict(_index_facts(out))
    assert set(listed) == on_disk
    for href, kb in listed.items():  # the sizes shown are those of the files
        assert int(re.sub(r"\D", "", kb)) == max(1, round((out / href).stat().st_size / 1000)), href
    page = (out / "index.html").read_text("utf-8")
    assert re.search(r'guide-en-a4\.pdf"[^>]*>[^<]*</a> <span class="small">\(PDF, [^)]*, A5,', page)
    assert "with crop and fold marks" in page


@pytest.fixture(scope="module")
def partial(tmp_path_factory):
    """A project with Dutch just begun: three strings translated of all of them."""
    from generator.cli import main

    project = copy_project(tmp_path_factory.mktemp("partial"))
    assert main(["i18n", "--root", str(project), "init", "nl"]) == 0
    po = project / "locales" / "nl.po"
    text = po.read_text("utf-8")
    for ctx, value in (("cover.title", "Stamceltherapie bij multiple sclerose"), ("ui.toc.title", "Inhoud"),
                       ("kp.title", "De belangrijkste punten")):
        text = re.sub(r'(msgctxt "%s"\nmsgid (?:".*"\n)+)msgstr ""' % re.escape(ctx),
                      lambda m: m.group(1) + f'msgstr "{value}"', text, count=1)
    po.write_text(text, "utf-8")
    out = tmp_path_factory.mktemp("partial-dist")
    assert run_cli("build", "--all", root=project, out=out) == 0
    return project, out


def test_download_page_counts_only_complete_languages_and_shows_the_others_in_progress(partial):
    _, out = partial
    page = (out / "index.html").read_text("utf-8")
    from generator.source.project import Project

    complete = len(Project(ROOT).locales())  # English and the shipped translations, all complete
    assert f"Patient information in {complete} languages" in page
    head, _, progress = page.partition('<h2 id="in-progress">')
    assert 'lang="nl"' not in head and 'lang="nl"' in progress
    assert re.search(r"Translation in progress: \d+(\.\d)?% translated", progress)
    assert "nl/guide-nl.pdf" in progress  # its files are still offered, marked as such


def test_english_fallback_in_a_translated_web_page_is_marked_as_english(partial, content):
    _, out = partial
    page = (out / "nl" / "guide-nl.html").read_text("utf-8")
    assert '<html lang="nl"' in page
    assert "<h1>Stamceltherapie bij multiple sclerose</h1>" in page  # translated: the page's language
    subtitle = content.guide.subtitle.source
    assert f'<p><span lang="en">{subtitle}</span></p>' in page
    section = next(s for s in content.guide.sections if s.id == "risk")
    assert f'<span lang="en">{section.title.source}</span></h2>' in page
    index = (out / "index.html").read_text("utf-8")
    nl = index[index.index('lang="nl"'):]
    assert '<span lang="en">' in nl  # the download page's own strings too


# --- in a real browser -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser():
    from tools import tool

    chromium = tool("chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield b
        b.close()


def _serious(results) -> list:
    return [(v["id"], v["impact"]) for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("path", ["index.html", "en/guide-en.html", "de/guide-de.html", "ru/guide-ru.html"])
def test_pages_in_chromium_load_without_failed_requests_and_pass_axe(browser, whole, path, tmp_path):
    from axe_playwright_python.sync_playwright import Axe

    page = browser.new_page(viewport={"width": 390, "height": 844})
    failed, external = [], []
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.on("request", lambda r: external.append(r.url) if not r.url.startswith(("file:", "data:")) else None)
    response = page.goto((whole / path).as_uri(), wait_until="load")
    assert response is None or response.ok
    page.evaluate("document.fonts.ready")
    assert failed == [] and external == []
    assert page.evaluate("document.documentElement.lang") != ""
    if path == "index.html":
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
        assert hrefs and all(h.startswith("file:") for h in hrefs)
        assert page.evaluate("document.fonts.check('16px \"Atkinson Hyperlegible\"')")
    page.screenshot(path=str(tmp_path / "shot.png"))
    assert (tmp_path / "shot.png").stat().st_size > 5000
    assert _serious(Axe().run(page)) == []
    page.close()


def test_qpdf_check_is_clean_on_every_output_of_the_whole_build(whole):
    from tools import qpdf_ok

    pdfs = sorted(whole.rglob("*.pdf"))
    assert len(pdfs) >= 35
    for pdf in pdfs:
        assert qpdf_ok(pdf), pdf


def test_a_failed_whole_build_leaves_earlier_outputs_and_manifest_as_they_were(tmp_path, capsys):
    project = copy_project(tmp_path / "p")
    out = tmp_path / "dist"
    assert run_cli("build", "--all", root=project, out=out) == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    # the German file is damaged, and the English changes: English rebuilds, German fails and keeps its PDFs
    po = project / "locales" / "de.po"
    po.write_text(po.read_text("utf-8") + '\nmsgid "broken\n', "utf-8")
    assert run_cli("build", "--all", "--locale", "de", root=project, out=out) == 1
    err = capsys.readouterr().err
    assert re.search(r"^error: locales/de\.po:\d+: ", err, re.M)
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before  # nothing rebuilt, nothing lost, manifest and index untouched
    assert not list(out.rglob("*.tmp"))


def test_whole_build_also_works_with_spawned_workers(tmp_path, monkeypatch, capsys):
    # Where workers cannot be forked (Windows, macOS by default), they are spawned and handed the state.
    import generator.building.batch

    monkeypatch.setattr(generator.building.batch, "start_methods", lambda: ["spawn"])
    assert run_cli("build", "--locale", "en", "--locale", "fr", "--document", "guide", "-j", "2",
                   root=ROOT, out=tmp_path) == 0, capsys.readouterr().err
    for locale in ("en", "fr"):
        assert PdfReader(tmp_path / locale / f"guide-{locale}.pdf").pages


# --- the web checklist, filled in on a phone ---------------------------------------------------------

ANSWERS = {"en": ("Dr. Émilie Martin", "Yes, FACT since 2019"), "ru": ("Центр клиники", "Да, с 2019 года"),
           "ar": ("عيادة النور", "نعم، منذ 2019")}


def _tab_to(page, element_id: str, limit: int = 400) -> None:
    """Move the keyboard focus with Tab alone until it reaches the element."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
    raise AssertionError(f"Tab never reached #{element_id}")


def _no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


@pytest.mark.parametrize("locale", ["en", "ru", "ar"])
def test_web_checklist_keeps_typed_answers_prints_them_and_clears_them(browser, whole, locale, content, tmp_path):
    from axe_playwright_python.sync_playwright import Axe
    from generator.layout.checklist import checklist_items, field_name

    shots = tmp_path / "shots"
    shots.mkdir()
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    external = []
    page.on("request", lambda r: external.append(r.url) if not r.url.startswith(("file:", "data:")) else None)
    page.goto((whole / locale / f"checklist-{locale}.html").as_uri(), wait_until="load")
    page.evaluate("document.fonts.ready")
    assert external == []
    face = {"en": "Atkinson Hyperlegible", "ru": "Noto Sans", "ar": "Noto Sans Arabic"}[locale]
    assert page.evaluate(f"document.fonts.check('16px \"{face}\"')")
    assert page.evaluate("document.dir || document.documentElement.dir") == ("rtl" if locale == "ar" else "ltr")
    # the same IDs as the PDF's fields, each control with a label
    items = checklist_items(content.checklist)
    ids = [field_name(t.id) for t in content.checklist.fields] + \
        [field_name(q.id, part) for q in items for part in ("asked", "answer")] + [field_name(content.checklist.notes.id)]
    assert page.eval_on_selector_all("#checklist input, #checklist textarea", "els => els.map(e => e.id)") == ids
    assert page.evaluate("[...document.querySelectorAll('#checklist input, #checklist textarea')]"
                         ".every(e => e.labels.length === 1 && e.labels[0].textContent.trim())")
    page.screenshot(path=str(shots / "1-empty.png"), full_page=False)
    assert _serious_or_any(Axe().run(page)) == []
    assert _no_horizontal_scroll(page)

    # by keyboard only: the center's name, a tick and an answer
    center, answer = ANSWERS[locale]
    first = items[0]
    _tab_to(page, "cl_field_center")
    page.keyboard.type(center)
    _tab_to(page, field_name(first.id, "asked"))
    page.keyboard.press("Space")
    _tab_to(page, field_name(first.id, "answer"))
    page.keyboard.type(answer)
    page.screenshot(path=str(shots / "2-typed.png"))
    page.reload(wait_until="load")
    assert page.input_value("#cl_field_center") == center
    assert page.is_checked(f"#{field_name(first.id, 'asked')}")
    assert page.input_value(f"#{field_name(first.id, 'answer')}") == answer
    page.locator(f"#{field_name(first.id, 'answer')}").scroll_into_view_if_needed()
    page.screenshot(path=str(shots / "3-reloaded.png"))
    assert _serious_or_any(Axe().run(page)) == []

    # printed: the answers are on the sheet
    printed = tmp_path / "filled.pdf"
    page.emulate_media(media="print")
    page.screenshot(path=str(shots / "4-print.png"), full_page=True)
    page.pdf(path=str(printed), format="A4")  # printing uses the print stylesheet whatever the emulation
    page.emulate_media(media="screen")
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(printed).pages)
    import unicodedata

    def squash(s: str) -> str:
        """Text for comparing: no white space, NFKC (Arabic comes back in joined forms), and for Arabic
        without lam and alef: Chromium's PDF maps each lam-alef ligature (and lam-yeh) back to its
        letters in the wrong order ("العلاج" reads "العالج"), a fault of its text layer, not of the page."""
        s = re.sub(r"[\s\u200e\u200f\u202a-\u202e]+", "", unicodedata.normalize("NFKC", s))
        return re.sub("[\u0644\u0627\u0623\u0625\u0622\u0649\u064a]", "", s) if locale == "ar" else s

    assert squash(center) in squash(text)
    from tools import run as run_tool

    poppler = run_tool("pdftotext", printed, "-").stdout
    for value in (center, answer):
        assert squash(value) in squash(poppler), value

    # cleared: after confirming, nothing is kept, even after a reload
    page.once("dialog", lambda d: d.accept())
    _tab_to(page, "clear")
    page.keyboard.press("Enter")
    assert page.text_content("#status").strip()
    page.reload(wait_until="load")
    assert page.input_value("#cl_field_center") == ""
    assert not page.is_checked(f"#{field_name(first.id, 'asked')}")
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('msguide:'))") == []
    page.screenshot(path=str(shots / "5-cleared.png"))
    blank = tmp_path / "blank.pdf"
    page.emulate_media(media="print")
    page.pdf(path=str(blank), format="A4")
    blank_text = run_tool("pdftotext", blank, "-").stdout
    assert squash(center) not in squash(blank_text) and squash(answer) not in squash(blank_text)
    assert squash(page.text_content("h1")) in squash(blank_text)  # a blank sheet, questions and all

    # narrow phones and 200 % zoom: no horizontal scrolling
    page.set_viewport_size({"width": 320, "height": 640})
    assert _no_horizontal_scroll(page)
    page.set_viewport_size({"width": 640, "height": 800})
    page.evaluate("document.documentElement.style.zoom = '2'")  # 640 CSS px at 200 %: 320 px of layout
    assert _no_horizontal_scroll(page)
    context.close()
    import os

    if os.environ.get("MSGUIDE_SHOTS"):  # to look at them: MSGUIDE_SHOTS=/some/folder
        import shutil

        shutil.copy(printed, shots)
        shutil.copy(blank, shots)
        shutil.copytree(shots, Path(os.environ["MSGUIDE_SHOTS"]) / locale, dirs_exist_ok=True)


def _serious_or_any(results) -> list:
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]]


# --- incremental builds see every input; concurrent and killed builds ---------------------------------


def test_a_medical_review_or_source_date_epoch_rebuilds_what_it_changes(tmp_path, capsys, monkeypatch):
    """The review record changes the cover's notice and SOURCE_DATE_EPOCH the PDF's /ID: both are inputs."""
    from generator.cli import main

    project = copy_project(tmp_path / "p")
    out = tmp_path / "dist"
    args = ("build", "--locale", "fr", "--locale", "de", "--document", "guide")
    assert run_cli(*args, root=project, out=out) == 0
    assert main(["i18n", "--root", str(project), "review", "fr", "--by", "Dr X", "--date", "2026-12-01"]) == 0
    capsys.readouterr()
    assert run_cli(*args, root=project, out=out) == 0
    assert sorted(re.findall(r"^(built|unchanged) \S+/(\w+)/", capsys.readouterr().out, re.M)) == \
        [("built", "fr"), ("unchanged", "de")]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert run_cli(*args, root=project, out=out) == 0
    assert re.search(r"^2 built, 0 unchanged", capsys.readouterr().out, re.M)


def test_two_builds_into_one_folder_keep_each_others_manifest_entries(tmp_path):
    """The manifest's read-merge-write happens under a lock on the output folder: a build waits for it,
    then merges what the other wrote."""
    import fcntl
    import os
    import subprocess
    import sys
    import time

    project = copy_project(tmp_path / "p")
    out = tmp_path / "dist"
    assert run_cli("build", "--locale", "de", root=project, out=out) == 0
    fd = os.open(out, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)  # as another build would, while it merges
    try:
        proc = subprocess.Popen([sys.executable, "-m", "generator", "build", "--root", str(project), "--out", str(out),
                                 "--locale", "fr", "--jobs", "1"], cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)},
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 30
        while not (out / "fr" / "guide-fr.pdf").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.3)
        assert proc.poll() is None, proc.communicate()  # built its PDF, waiting for the lock
        manifest = json.loads((out / "manifest.json").read_text())
        manifest["outputs"].append(dict(manifest["outputs"][0], path="it/guide-it.pdf"))  # "the other build's"
        (out / "it").mkdir()
        (out / "it" / "guide-it.pdf").write_bytes((out / "de" / "guide-de.pdf").read_bytes())
        (out / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    finally:
        os.close(fd)
    assert proc.wait(timeout=30) == 0, proc.stderr.read()
    paths = {e["path"] for e in json.loads((out / "manifest.json").read_text())["outputs"]}
    assert {"de/guide-de.pdf", "fr/guide-fr.pdf", "it/guide-it.pdf"} <= paths


def test_a_killed_build_leaves_no_temporary_file_after_the_next_build(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    project = copy_project(tmp_path / "p")
    out = tmp_path / "dist"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    some = ["--locale", "en", "--locale", "de"] + [a for d in ("guide", "booklet", "large-print", "checklist", "html")
                                                   for a in ("--document", d)]
    cmd = [sys.executable, "-m", "generator", "build", "--root", str(project), "--out", str(out), "-j", "1", *some]
    for _ in range(5):  # kill it while it writes one (a run takes seconds; each file is open for ~50 ms)
        proc = subprocess.Popen(cmd, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while proc.poll() is None and time.monotonic() < deadline and not list(out.rglob("*.tmp")):
            time.sleep(0.002)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        if list(out.rglob("*.tmp")):
            break
    left = list(out.rglob("*.tmp"))
    assert left, "the build was never caught writing"
    assert run_cli("build", *some, root=project, out=out) == 0
    assert not list(out.rglob("*.tmp"))


def test_a_temporary_file_of_a_running_writer_is_left_alone(tmp_path):
    import os

    from generator.atomic import clean_stale

    mine = tmp_path / f".guide-en.pdf.{os.getppid()}-abcd1234.tmp"  # the test runner's parent is alive
    gone = tmp_path / ".guide-en.pdf.999999999-abcd1234.tmp"
    other = tmp_path / "notes.tmp"
    for p in (mine, gone, other):
        p.write_text("x")
    assert clean_stale([tmp_path]) == [gone]
    assert mine.exists() and other.exists()


def test_i18n_update_checks_every_po_file_before_writing_any(tmp_path, capsys):
    from generator.cli import main

    project = copy_project(tmp_path / "p")
    (project / "locales" / "zz.po").write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                                               'msgctxt "cover.title"\nmsgid "x"\nmsgstr[0] "y"\n', "utf-8")
    before = {p.name: p.read_bytes() for p in (project / "locales").iterdir()}
    assert main(["i18n", "--root", str(project), "update"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err and all(l.startswith("error: locales/zz.po:7: ") for l in err), err
    assert {p.name: p.read_bytes() for p in (project / "locales").iterdir()} == before


def test_i18n_update_into_a_folder_it_cannot_write_is_one_line(tmp_path, capsys, monkeypatch):
    """A read-only checkout (simulated: tests may run as root, whom permissions do not stop)."""
    import errno
    import tempfile

    from generator.cli import main

    project = copy_project(tmp_path / "p")
    text = (project / "content" / "guide.yaml").read_text("utf-8")
    (project / "content" / "guide.yaml").write_text(text.replace("term: Relapse\n", "term: Relapse (attack)\n"), "utf-8")

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    assert main(["i18n", "--root", str(project), "update"]) == 1
    assert capsys.readouterr().err.splitlines() == ["error: " + str(project / "locales" / "messages.pot") +
                                                    ": cannot write: read-only file system"]
