"""The English guide, read back by real PDF readers (pypdf, poppler, qpdf)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import run_cli
from tools import qpdf_ok

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def reader(guide_pdf: Path) -> PdfReader:
    return PdfReader(guide_pdf)


@pytest.fixture(scope="module")
def page_texts(reader) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in reader.pages]


def test_every_section_heading_is_in_the_text_and_the_contents(content, page_texts):
    contents_page = page_texts[1]
    for section in content.guide.sections:
        title = section.title.source
        assert any(title in t for t in page_texts[2:]), title
        assert title in contents_page


@pytest.mark.parametrize("fact", [
    "$150,000", "MIST", "BEAT-MS", "STAR-MS", "RAM-MS", "MESEMS", "Foundation for the Accreditation of Cellular Therapy",
    "JACIE", "alemtuzumab (Lemtrada®)", "ublituximab-xiiy (Briumvi™)", "cladribine (Mavenclad®)", "under 50",
    "less than 10 years", "November 21, 2026", "November 21, 2027", "May 7, 2024",
    "National Multiple Sclerosis Society", "MS International Federation", "does not replace",
])
def test_key_fact_is_printed(fact, page_texts):
    assert fact in " ".join(page_texts)


def test_cover_has_title_audience_and_edition(page_texts):
    cover = page_texts[0]
    assert "Stem cell therapy for multiple sclerosis" in cover
    assert "For people with MS" in cover
    assert "Edition: November 21, 2026" in cover
    assert "Page" not in cover  # no footer on the cover


def test_footer_says_page_x_of_y(page_texts):
    n = len(page_texts)
    for i, text in enumerate(page_texts[1:-1], start=2):
        assert f"Page {i} of {n}" in text


def test_back_cover_has_care_team_block(page_texts):
    assert "Your care team" in page_texts[-1]
    assert page_texts[-1].count("Phone") == 4


def test_metadata(reader, content):
    meta = reader.metadata
    edition = content.guide.values["reviewed"].date  # a reader's "created" is the edition, yet builds repeat
    assert meta["/CreationDate"] == meta["/ModDate"] == f"D:{edition:%Y%m%d}000000Z"
    assert meta.title == "Stem cell therapy for multiple sclerosis"
    assert meta.author == "msguide contributors"
    assert "stem cell therapy" in meta.subject
    assert "aHSCT" in meta["/Keywords"]
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert reader.trailer["/Root"]["/ViewerPreferences"]["/DisplayDocTitle"]


def test_outline_has_a_bookmark_per_section_pointing_at_its_page(content, reader, page_texts):
    outline = [item for item in reader.outline if not isinstance(item, list)]  # a list: subheadings
    titles = [item.title for item in outline]
    assert titles == [s.title.source for s in content.guide.sections]
    for item in outline:
        page = reader.get_destination_page_number(item)
        assert item.title in page_texts[page]


def test_contents_page_numbers_are_the_pages_the_sections_start_on(reader):
    # The numbers are drawn at save, after layout (one pass): they must still be the real pages.
    numbers = [int(n) for n in re.findall(r"^\s*(\d+)\s*$", reader.pages[1].extract_text(), re.M)]
    starts = [reader.get_destination_page_number(item) + 1 for item in reader.outline if not isinstance(item, list)]
    assert numbers == starts


def test_links_are_only_https_or_mailto_and_work(reader):
    uris, internal = [], 0
    for page in reader.pages:
        for annot in page.get("/Annots", []) or []:
            a = annot.get_object()
            action = a.get("/A")
            if action is not None and "/URI" in action:
                uris.append(action["/URI"])
            elif a.get("/Dest") is not None or (action is not None and action.get("/S") == "/GoTo"):
                internal += 1
    assert uris, "the guide should link to its sources"
    assert all(re.match(r"^(https://|mailto:)", u) for u in uris), uris
    assert internal >= 5  # contents entries jump to their sections


def test_page_size_follows_territory_and_paper_override(reader, project, tmp_path):
    w, h = (float(x) for x in reader.pages[0].mediabox[2:])
    assert (round(w), round(h)) == (396, 612)  # en -> US -> half-letter
    assert run_cli("build", "--paper", "a4", root=project, out=tmp_path) == 0
    a5 = PdfReader(tmp_path / "en" / "guide-en-a4.pdf").pages[0].mediabox  # its own name: not the Letter edition
    assert (round(float(a5[2])), round(float(a5[3]))) == (420, 595)


def test_no_page_ends_with_a_section_heading(content, page_texts, reader):
    titles = {s.title.source for s in content.guide.sections}
    for i, page in enumerate(reader.pages[2:-1], start=3):
        lines = [l.strip() for l in page.extract_text().splitlines() if l.strip()]
        body = [l for l in lines if not re.search(r"Page \d+ of \d+", l) and l != "Stem cell therapy for multiple sclerosis"]
        assert body and body[-1] not in titles, f"page {i} ends with heading {body[-1]!r}"


def test_body_text_is_at_least_11pt(guide_pdf):
    """Text above the footer on the inner pages is set at 11 pt or more, read from the PDF by pdfium;
    only the diagram labels and the comparison table's cells (92 % of the body, so that four columns
    stand side by side on a half sheet) may be a little smaller, 10 pt and up. Large print has them all
    at 16 pt and more (tests/test_layout.py)."""
    import ctypes

    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(guide_pdf))
    chars_by_size: dict[float, int] = {}
    left, bottom, right, top = (ctypes.c_double() for _ in range(4))
    for i in range(2, len(pdf) - 1):
        textpage = pdf[i].get_textpage()
        for ci in range(textpage.count_chars()):
            if textpage.get_text_range(ci, 1).isspace():
                continue
            pdfium.raw.FPDFText_GetCharBox(textpage.raw, ci, left, right, bottom, top)
            if bottom.value < 56:  # the running footer
                continue
            size = round(pdfium.raw.FPDFText_GetFontSize(textpage.raw, ci), 1)
            chars_by_size[size] = chars_by_size.get(size, 0) + 1
    assert min(chars_by_size) >= 10, chars_by_size
    assert sum(n for size, n in chars_by_size.items() if size < 11) < 1000, chars_by_size


def test_fonts_are_embedded_subsets_of_shipped_fonts(reader):
    """Every font the pages use is one of ours, embedded (a font file in the PDF), and a subset (its name
    carries the six-letter tag PDF gives subsets), read from the font dictionaries themselves."""
    fonts = {}
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            for f in [font] + [d.get_object() for d in font.get("/DescendantFonts", [])]:
                if "/FontDescriptor" in f:
                    fonts[str(f["/BaseFont"])] = f["/FontDescriptor"].get_object()
    assert fonts
    for name, descriptor in fonts.items():
        assert re.fullmatch(r"/[A-Z]{6}\+(AtkinsonHyperlegible|NotoSans)[\w-]*", name), name
        assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), name


def test_qpdf_check_is_clean(guide_pdf):
    assert qpdf_ok(guide_pdf)


def test_rebuild_is_byte_identical(project, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    assert run_cli("build", root=project, out=a) == 0
    assert run_cli("build", root=project, out=b) == 0
    assert (a / "en" / "guide-en.pdf").read_bytes() == (b / "en" / "guide-en.pdf").read_bytes()


def test_manifest_lists_the_output(guide_pdf):
    import hashlib
    import json

    manifest = json.loads((guide_pdf.parent.parent / "manifest.json").read_text())
    entry = next(e for e in manifest["outputs"] if e["path"] == "en/guide-en.pdf")
    assert len(entry.pop("inputs")) == 64
    assert entry == {
        "locale": "en", "document": "guide", "paper": "letter", "path": "en/guide-en.pdf",
        "sha256": hashlib.sha256(guide_pdf.read_bytes()).hexdigest(), "bytes": guide_pdf.stat().st_size,
        "pages": len(PdfReader(guide_pdf).pages), "translation": "source", "review": "source",
        "variant": "", "marks": False, "warnings": [],
    }


def test_markup_in_content_is_printed_not_obeyed(project, tmp_path):
    guide = project / "content" / "guide.yaml"
    text = guide.read_text("utf-8")
    hostile = 'subtitle: "<img src=\\"/etc/hostname\\"/> <b>x</b> &amp; <a href=\\"file:///etc\\">y</a>"'
    guide.write_text(re.sub(r"subtitle: .*", lambda m: hostile, text, count=1), "utf-8")
    assert run_cli("build", root=project, out=tmp_path) == 0
    pdf = PdfReader(tmp_path / "en" / "guide-en.pdf")
    cover = " ".join(pdf.pages[0].extract_text().split())
    assert '<img src="/etc/hostname"/> <b>x</b> &amp; <a href="file:///etc">y</a>' in cover
    assert not pdf.pages[0].get("/Annots")
    assert "/XObject" not in pdf.pages[0]["/Resources"] or not any(
        x.get_object().get("/Subtype") == "/Image" for x in pdf.pages[0]["/Resources"]["/XObject"].values())


def test_small_enough_to_download_on_a_phone(guide_pdf):
    # Issue #6's budget (every translation is checked in test_i18n). Object streams, subsets of only the
    # glyphs used and no per-page form XObjects keep it well under: about 43 KB in English.
    assert guide_pdf.stat().st_size < 80_000
