"""Tagged PDFs (PDF/UA-1) for screen readers: veraPDF passes every PDF of a whole build and of a clinic's
edition; pdf.js (what Firefox hands to assistive technology) reads the English guide's structure in the
content model's order, and the Arabic guide as ordinary letters in reading order."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from accessibility import pdfjs_structure, text_of, verapdf, walk
from conftest import ROOT, run_cli

LOCALES = sorted(["en"] + [p.stem for p in (ROOT / "locales").glob("*.po")])
TAGGED = ("guide", "large-print", "summary", "summary-large-print", "checklist", "checklist-large-print")


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pdfua")
    assert run_cli("build", "--all", root=ROOT, out=out) == 0
    assert run_cli("build", "--all", "--clinic", str(ROOT / "examples" / "clinic.yaml"), root=ROOT, out=out) == 0
    return out


def _tagged_pdfs(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("*.pdf") if not p.name.startswith("booklet-"))


def test_every_pdf_of_a_whole_build_and_a_clinic_edition_conforms_to_pdfua1(builds):
    pdfs = _tagged_pdfs(builds)
    kinds = {(p.parent.name, p.name.rsplit("-", 1)[0]) for p in pdfs}
    assert kinds == {(loc, kind) for loc in LOCALES for kind in TAGGED}  # nothing left out
    assert len(pdfs) == 2 * len(LOCALES) * len(TAGGED)  # generic and clinic editions
    failures = []
    for result in verapdf(pdfs):
        if result.get("error") or not result["compliant"] or result["failed"]:
            name = Path(result["file"]).relative_to(builds)
            rules = "; ".join(f"{f['clause']}-{f['test']} ×{f['count']}: {f['description']} "
                              f"({' | '.join(f['contexts'][:1])})" for f in result.get("failed", []))
            failures.append(f"{name}: {result.get('error') or rules}")
    assert failures == []


# --- the English guide's structure, as pdf.js reads it ---------------------------------------------


@pytest.fixture(scope="module")
def english(builds) -> list[dict]:
    return pdfjs_structure(builds / "en" / "guide-en.pdf")


def _elements(pages: list[dict]) -> list[dict]:
    return [e for p in pages if p["tree"] for e in walk(p["tree"])]


def _expected_headings(content) -> list[tuple[str, str]]:
    """The guide's headings from the content model, in its order: the title, the contents, each section
    and the headings inside it (a subheading, a box's title, the steps' caption), the care team."""
    from generator.source import content as c
    from generator.source.markup import parse, plain

    ui, g = content.ui, content.guide
    out = [("H1", g.title.source), ("H2", ui["ui.toc.title"].source)]
    for section in g.sections:
        out.append(("H2", section.title.source))
        out += _block_headings(section.blocks, ui)
    return out + [("H2", ui["ui.careteam.title"].source)]


def _block_headings(blocks, ui) -> list[tuple[str, str]]:
    """The headings inside blocks: a subheading, a box's title (a comparison's two), the steps' caption."""
    from generator.source import content as c
    from generator.source.markup import parse, plain

    out = []
    for block in blocks:
        if isinstance(block, c.Callout) and block.title:
            out.append(("H3", plain(parse(block.title.source))))
        elif isinstance(block, c.Steps):
            out.append(("H3", ui["ui.steps.caption"].source))
        elif isinstance(block, c.Subheading):
            out.append(("H3", plain(parse(block.text.source))))
        elif isinstance(block, c.Comparison):
            out += [("H3", plain(parse(col.title.source))) for col in block.columns]
    return out


def test_pdfjs_reads_the_english_headings_in_the_content_models_order(english, content):
    headings = [(e["role"], text_of(e)) for e in _elements(english) if re.fullmatch(r"H\d", e["role"])]
    assert headings == _expected_headings(content)
    levels = [int(role[1]) for role, _ in headings]
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:]))  # no skipped level


def test_pdfjs_reads_the_summarys_headings_in_the_order_summary_yaml_gives(builds, content):
    """The summary's title the one H1, each part's heading (its guide section's title) an H2, the
    headings inside its blocks H3: no level skipped, the same in the clinic's edition."""
    ui = content.ui
    expected = [("H1", ui["ui.summary.title"].source)]
    for part in content.summary.parts:
        expected += [("H2", part.title.source)] + _block_headings(part.blocks, ui)
    for name in ("en/summary-en.pdf", "clinics/riverside-ms-centre/en/summary-en.pdf"):
        pages = pdfjs_structure(builds / name)
        headings = [(e["role"], text_of(e)) for e in _elements(pages) if re.fullmatch(r"H\d", e["role"])]
        assert headings == expected, name


def _list_items(content) -> list[str]:
    """Every bulleted or numbered item of the guide's lists, boxes and pathways, as text, in content order."""
    from generator.source import content as c
    from generator.source.markup import parse, plain

    out = []
    for section in content.guide.sections:
        for block in section.blocks:
            if isinstance(block, (c.ListBlock, c.Callout)):
                out += [plain(parse(t.source)) for t in block.items]
            elif isinstance(block, c.Comparison):
                out += [plain(parse(t.source)) for col in block.columns for t in col.items]
            elif isinstance(block, c.Pathway):  # each box: its title, then its text
                out += [f"{plain(parse(s.title.source))} {plain(parse(s.text.source))}" for s in block.steps]
    return out


def test_pdfjs_reads_each_list_item_as_a_label_and_a_body_in_order(english, content):
    bodies = []
    for e in _elements(english):
        if e["role"] == "LI":
            kids = [k["role"] for k in e["children"] if "role" in k]
            assert kids in (["Lbl", "LBody"], ["LBody"], ["Lbl"]), kids  # a split item: a part per page
        if e["role"] == "LBody":
            bodies.append(text_of(e))
    text = " ".join(bodies)
    at = 0
    for item in _list_items(content):  # each item, whole, after the one before
        found = text.find(item, at)
        assert found >= 0, item
        at = found + len(item)


def test_pdfjs_reads_every_link_with_its_text_and_annotation(english, content, builds):
    links = [e for e in _elements(english) if e["role"] == "Link"]
    assert links and all(any("annotation" in k or "object" in k for k in e["children"]) for e in links)
    texts = [text_of(e) for e in links]
    toc = [s.title.source for s in content.guide.sections]
    assert [re.sub(r"\s*\d+$", "", t) for t in texts[:len(toc)]] == toc  # the contents: title, page
    from generator.source.markup import parse

    linked = []  # every link of the content, in its order
    for text in content.document_texts("guide"):
        runs, current = parse(text.source), None
        for r in runs:
            if r.href and r.href is not current:
                linked.append(r.text)
            elif r.href:
                linked[-1] += r.text
            current = r.href
    body = " ".join(texts[len(toc):])
    for link in linked:
        assert " ".join(link.split()) in body, link
    # each link annotation describes itself with its words (/Contents), as a screen reader announces it
    from pypdf import PdfReader

    described = {str(a.get_object().get("/Contents")) for page in PdfReader(builds / "en" / "guide-en.pdf").pages
                 for a in page.get("/Annots", ()) if a.get_object().get("/Subtype") == "/Link"}
    urls = [e.url for s in content.guide.sections for b in s.blocks for e in getattr(b, "entries", ())
            if getattr(e, "url", None)]  # the sources' addresses, shown as they are
    assert urls and described == {" ".join(t.split()) for t in linked + toc + urls}


def test_pdfjs_gives_the_steps_diagram_its_alternative_text(english, content):
    figures = [e for e in _elements(english) if e["role"] == "Figure"]
    assert len(figures) == 1
    alt = figures[0].get("alt", "")
    steps = next(b for s in content.guide.sections for b in s.blocks if hasattr(b, "steps"))
    assert alt.startswith("Diagram of the 4 stages of aHSCT")
    at = 0
    for i, step in enumerate(steps.steps, 1):  # every stage, numbered, in order
        found = alt.find(f"{i}. {step.label.source}", at)
        assert found > at, step.label.source
        at = found


def test_only_running_footers_dot_leaders_and_bullets_are_artifacts(builds):
    for name in ("en/guide-en.pdf", "en/checklist-en.pdf", "clinics/riverside-ms-centre/en/guide-en.pdf",
                 "en/summary-en.pdf", "clinics/riverside-ms-centre/en/summary-en.pdf"):
        pages = pdfjs_structure(builds / name)
        for p in pages:
            for a in p["artifacts"]:
                assert isinstance(a, str), f"{name} page {p['page']}: text neither content nor artifact: {a}"
                assert re.fullmatch(r"[ .\u2022]*|Page \d+ of \d+|Stem cell therapy for multiple sclerosis(: a summary)?|"
                                    r"Questions to ask.*", a.strip()), f"{name} page {p['page']}: {a!r}"


# --- the checklist: the PDF read in the web checklist's order ------------------------------------------


def _web_checklist_outline(path: Path) -> list[tuple[str, str]]:
    """The web checklist's headings and the items of its box, as ("H1" | "H2" | "LI", text), in page order."""
    from html.parser import HTMLParser

    class Outline(HTMLParser):
        def __init__(self):
            super().__init__()
            self.out, self.open, self.in_box = [], None, 0

        def handle_starttag(self, tag, attrs):
            if tag == "section" and "callout" in (dict(attrs).get("class") or "").split():
                self.in_box = 1
            elif tag == "section" and self.in_box:
                self.in_box += 1
            if tag in ("h1", "h2") or (tag == "li" and self.in_box):
                self.open = [tag.upper() if tag != "li" else "LI", ""]

        def handle_endtag(self, tag):
            if self.open and tag in ("h1", "h2", "li"):
                self.out.append((self.open[0], " ".join(self.open[1].split())))
                self.open = None
            if tag == "section" and self.in_box:
                self.in_box -= 1

        def handle_data(self, data):
            if self.open:
                self.open[1] += data

    parser = Outline()
    parser.feed(path.read_text("utf-8"))
    return parser.out


@pytest.mark.parametrize("locale", ["en", "ar"])
def test_pdfjs_reads_the_checklist_in_the_web_checklists_order(builds, content, locale):
    """The PDF's headings and the key answers' items, as a screen reader meets them, are the web
    checklist's, in the same order: the title, the visit, each group, the specialist's points, the key
    answers, the notes."""
    pages = pdfjs_structure(builds / locale / f"checklist-{locale}.pdf")
    roles = {"H1": "H1", "H2": "H2", "LBody": "LI"}
    pdf = []
    for e in _elements(pages):
        if e["role"] in roles and (not pdf or pdf[-1] != (roles[e["role"]], text_of(e))):
            pdf.append((roles[e["role"]], unicodedata.normalize("NFC", text_of(e))))
    web = _web_checklist_outline(builds / locale / f"checklist-{locale}.html")
    assert pdf == web
    key = content.checklist.key_answers
    if locale == "en":  # and both are the content model's
        cl = content.checklist
        assert [t for _, t in web] == [cl.title.source, content.ui["ui.checklist.visit"].source] + \
            [g.title.source for g in cl.groups] + [cl.specialist_title.source, key.title.source] + \
            [i.source for i in key.items] + [cl.notes.source]

# --- the Arabic guide ----------------------------------------------------------------------------

_PRESENTATION_FORMS = re.compile(r"[\ufb50-\ufdff\ufe70-\ufeff]")


def test_pdfjs_reads_the_arabic_guide_as_ordinary_letters_in_reading_order(builds, content):
    from generator.building.session import Session
    from generator.source import content as c
    from generator.source.project import Project

    pages = pdfjs_structure(builds / "ar" / "guide-ar.pdf")
    texts: list[str] = []
    for e in _elements(pages):
        if "alt" in e and e["role"] != "Figure" and (not texts or texts[-1] != e["alt"]):
            texts.append(e["alt"])  # an element split over two pages is listed on both
    assert texts
    for t in texts:
        assert not _PRESENTATION_FORMS.search(t), t
        assert unicodedata.is_normalized("NFC", t), t
    read = " ".join("".join(texts).split())  # a paragraph's Spans follow each other without a gap
    loc = Session(Project(ROOT)).localiser("ar")
    paragraphs = [b.text for s in content.guide.sections for b in s.blocks if isinstance(b, c.Paragraph)]
    assert paragraphs
    for text in paragraphs:  # each paragraph's words, as written, in the order it has in the guide
        expected = " ".join(unicodedata.normalize("NFC", loc.plain(text)).split())
        assert expected in read, expected[:80]


# --- languages, a clinic's figures, repetitions -----------------------------------------------------


def test_english_shown_in_a_translation_is_marked_as_english(project, tmp_path):
    """A text a translation lacks is shown in English: its element says /Lang en, so a screen reader
    switches voice; the rest is in the document's language."""
    import re as _re

    po = project / "locales" / "fr.po"
    text = po.read_text("utf-8")
    pattern = _re.compile(r'(msgctxt "kp.purpose"\nmsgid (?:".*"\n)+)msgstr (?:".*"\n)+')
    assert pattern.search(text)
    po.write_text(pattern.sub(lambda m: m.group(1) + 'msgstr ""\n', text, count=1), "utf-8")
    assert run_cli("build", "--locale", "fr", "--document", "guide", root=project, out=tmp_path) == 0
    pages = pdfjs_structure(tmp_path / "fr" / "guide-fr.pdf")
    english = [text_of(e) for e in _elements(pages) if e.get("lang") == "en"]
    assert english and english[0].startswith("This guide is for people with multiple sclerosis")
    assert not any(e.get("lang") == "en" for e in _elements(pages) if e["role"] in ("H1", "H2"))


def test_a_clinics_logo_and_qr_code_say_what_they_are(builds):
    from generator.source.clinic import load_clinic

    clinic = load_clinic(ROOT / "examples" / "clinic.yaml", "examples/clinic.yaml")
    pages = pdfjs_structure(builds / "clinics" / clinic.slug / "en" / "guide-en.pdf")
    alts = [e.get("alt", "") for e in _elements(pages) if e["role"] == "Figure"]
    assert alts.count(clinic.name) == 2  # the cover's logo and the back cover's
    assert any(a.startswith("QR code that opens ") and clinic.qr_url in a for a in alts)
    pages = pdfjs_structure(builds / "clinics" / clinic.slug / "en" / "summary-en.pdf")
    alts = [e.get("alt", "") for e in _elements(pages) if e["role"] == "Figure"]
    assert alts == [clinic.name, f"QR code that opens {clinic.guide_url}"]  # the logo at the top, the QR code at the end


def test_a_table_header_repeated_on_the_next_page_is_not_read_twice(tmp_path):
    """A data table split across pages repeats its header row: the repetition is an artifact, each cell
    one element in a Table > TR > TH | TD structure."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Frame, PageTemplate, Paragraph, Table

    from generator.layout.structure import Tagged
    from generator.pdf.document import MsguideDocTemplate, PdfMeta
    from generator.pdf.tags import Element

    from generator.layout.fonts import font_set
    from generator.layout.structure import COLUMN_HEADER
    from generator.source.project import Project

    root = Element("Document", lang=None)
    table = root.child("Table")
    style = ParagraphStyle("p", fontName=font_set(Project(ROOT), "Latn").body, fontSize=10, leading=12)
    rows = []
    for r in range(60):
        tr = table.child("TR")
        rows.append([Tagged(Paragraph(f"{'Head' if r == 0 else 'Cell'} {r}.{c}", style),
                            tr.child("TH", attributes=COLUMN_HEADER) if r == 0 else tr.child("TD"))
                     for c in range(2)])
    path = tmp_path / "table.pdf"
    meta = PdfMeta(title="Table", author="a", subject="s", keywords="k", lang="en")
    doc = MsguideDocTemplate(str(path), meta=meta, structure=root, pagesize=(300, 400))
    doc.addPageTemplates([PageTemplate("p", frames=[Frame(20, 20, 260, 360)])])
    doc.build([Table(rows, repeatRows=1, style=[("FONTNAME", (0, 0), (-1, -1), style.fontName)])])
    pages = pdfjs_structure(path)
    assert len(pages) >= 2
    heads = [text_of(e) for e in _elements(pages) if e["role"] == "TH"]
    assert heads == ["Head 0.0", "Head 0.1"]  # on the first page only
    assert any("Head 0.0" in a for a in pages[1]["artifacts"] if isinstance(a, str))
    assert verapdf([path])[0]["failed"] == []
