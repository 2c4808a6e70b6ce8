"""Right-to-left: Arabic shaped, ordered and right-aligned, read back from the PDF's own glyphs; the layout
mirrored; and a pseudo-Hebrew locale, built from nothing but its PO file, to show nothing is Arabic-only."""
from __future__ import annotations

import ctypes
import re
import unicodedata
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader

from conftest import ROOT, run_cli
from generator.pdf.booklet import saddle_stitch_order

MIXED = "تجربة MIST من 2005 إلى 2016 قارنت aHSCT بأدوية مثل alemtuzumab (Lemtrada®)."


def _chars(pdf_path: Path, page_index: int):
    """(character, left, right, font name) for every non-space character pdfium finds on a page."""
    doc = pdfium.PdfDocument(str(pdf_path))
    tp = doc[page_index].get_textpage()
    out = []
    l, r, b, t, ox, oy = (ctypes.c_double() for _ in range(6))
    buf = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    for i in range(tp.count_chars()):
        ch = tp.get_text_range(i, 1)
        if not ch.strip():
            continue
        pdfium.raw.FPDFText_GetCharBox(tp.raw, i, l, r, b, t)
        pdfium.raw.FPDFText_GetCharOrigin(tp.raw, i, ox, oy)  # the baseline: one per line
        pdfium.raw.FPDFText_GetFontInfo(tp.raw, i, buf, 256, ctypes.byref(flags))
        out.append((ch, l.value, r.value, oy.value, buf.value.decode("latin-1")))
    return out


@pytest.fixture(scope="module")
def mixed_pdf(tmp_path_factory) -> Path:
    """One mixed Arabic/Latin sentence through BidiParagraph, on a page of its own."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfgen.canvas import Canvas

    from generator.layout.bidi import BidiParagraph
    from generator.layout.fonts import font_set
    from generator.source.markup import parse

    from generator.source.project import Project

    fonts = font_set(Project(ROOT), "Arab")
    para = BidiParagraph(parse(MIXED), ParagraphStyle("p", fontName=fonts.body, fontSize=14, leading=22), fonts)
    path = tmp_path_factory.mktemp("rtl") / "mixed.pdf"
    canv = Canvas(str(path), pagesize=(600, 200), invariant=1)
    para.wrap(560, 200)
    assert len(para._lines) == 1
    para.drawOn(canv, 20, 100)
    canv.showPage()
    canv.save()
    return path


def _segments(pdf_path: Path, page_index: int = 0):
    """(x, text, font) of every text-showing operation, as drawn: the glyphs' own characters (through the
    font's ToUnicode), with no viewer's bidi reordering applied."""
    segs = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            x = tm[4] * cm[0] + cm[4]
            segs.append((x, text, str(font_dict.get("/BaseFont", "")) if font_dict else ""))

    PdfReader(pdf_path).pages[page_index].extract_text(visitor_text=visit)
    return sorted(segs)


def test_words_and_runs_read_right_to_left_with_latin_runs_left_to_right(mixed_pdf):
    visual = "".join(t for _, t, _ in _segments(mixed_pdf))  # left to right, as on the page
    latin = re.findall(r"[A-Za-z0-9]+", visual)
    # logical order MIST, 2005, 2016, aHSCT, alemtuzumab (Lemtrada): on the page, right to left
    assert latin == ["alemtuzumab", "Lemtrada", "aHSCT", "2016", "2005", "MIST"]
    assert visual.lstrip().startswith(".")  # the full stop ends the sentence: at its left end
    assert "(Lemtrada®)" in visual  # brackets stay with their Latin content, unmirrored


def test_arabic_is_shaped_with_the_arabic_font_and_latin_with_noto_sans(mixed_pdf):
    segs = _segments(mixed_pdf)
    for _, text, font in segs:
        if re.search(r"[\u0600-\u06ff\ufb50-\ufeff]", text):
            assert "NotoSansArabic" in font, (text, font)
        if re.search(r"[A-Za-z]", text):
            assert font.endswith("NotoSans-Regular"), (text, font)
    # joined letters: contextual presentation forms (initial, medial, final), not isolated letters
    arabic = "".join(t for _, t, _ in segs)
    forms = {unicodedata.name(ch).split()[-2] for ch in arabic if unicodedata.name(ch, "").endswith(" FORM")}
    assert {"INITIAL", "MEDIAL", "FINAL"} <= forms


def test_copy_paste_gives_arabic_letters(mixed_pdf):
    """What a reader copying the text gets: poppler orders the words logically; the letters are Arabic
    presentation forms, which NFKC turns into the plain letters (README, "Right-to-left")."""
    from tools import run

    out = run("pdftotext", mixed_pdf, "-", check=True).stdout
    plain = unicodedata.normalize("NFKC", out)
    assert "تجربة" in plain and "قارنت" in plain


def test_line_is_right_aligned(mixed_pdf):
    chars = _chars(mixed_pdf, 0)
    assert abs(max(c[2] for c in chars) - 580) < 2  # frame 20..580
    assert min(c[1] for c in chars) > 30


def test_digits_are_never_reversed(mixed_pdf):
    visual = "".join(t for _, t, _ in _segments(mixed_pdf))
    digits = "".join(ch for ch in visual if ch.isdigit())
    assert digits == "20162005"  # left to right on the page: 2016 (read second) left of 2005


@pytest.fixture(scope="module")
def arabic(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("ar")
    assert run_cli("build", "--locale", "ar", "--document", "guide", "--document", "checklist",
                   "--document", "booklet", "--strict", root=ROOT, out=out) == 0
    return out / "ar"


def test_arabic_guide_is_complete_set_right_to_left(arabic):
    pdf = arabic / "guide-ar.pdf"
    reader = PdfReader(pdf)
    assert reader.trailer["/Root"]["/Lang"] == "ar"
    text = unicodedata.normalize("NFKC", " ".join(p.extract_text() for p in reader.pages))
    assert "التصلب المتعدد" in text and "MIST" in text and "BEAT-MS" in text
    assert "Parts of this document" not in text
    body = pdfium.PdfDocument(str(pdf))
    w = body[3].get_width()
    # set right to left, the lines of a page of running text end at the right margin (left-aligned text
    # would end all over); a table's cells end where their columns do, so not every page shows it: the
    # page that shows it best must, and its margin must be at the right
    best = (0.0, 0.0)
    for page in range(2, len(body) - 1):
        lines: dict[int, list] = {}
        for c in _chars(pdf, page):
            lines.setdefault(round(c[3] / 2), []).append(c)
        rights = [max(c[2] for c in cs) for y, cs in lines.items() if y * 2 > 80]
        if len(rights) >= 10:
            share = sum(abs(r - max(rights)) < 3 for r in rights) / len(rights)
            best = max(best, (share, max(rights)))
    assert best[0] >= 0.7  # most lines end at the right
    assert best[1] > w * 0.85


def test_arabic_layout_is_mirrored(arabic):
    pdf = arabic / "guide-ar.pdf"
    w = pdfium.PdfDocument(str(pdf))[1].get_width()
    contents = _chars(pdf, 1)
    numbers = [c for c in contents if c[0].isdigit() and c[3] > 80]
    assert numbers and all(c[2] < w * 0.3 for c in numbers)  # page numbers at the left
    footer = [c for c in _chars(pdf, 3) if c[3] < 60]
    digits = [c for c in footer if c[0].isdigit()]
    assert digits and max(c[2] for c in digits) < w / 2  # "page X of Y" at the left, the title at the right
    checklist = PdfReader(arabic / "checklist-ar.pdf")
    page_w = float(checklist.pages[0].mediabox[2])
    for annot in checklist.pages[0]["/Annots"]:
        a = annot.get_object()
        rect = [float(v) for v in a["/Rect"]]
        if a["/FT"] == "/Btn":
            assert rect[0] > page_w / 2  # tick boxes on the right
        elif str(a["/T"]).endswith("_answer"):
            assert rect[2] < page_w - 40  # answer fields to their left


def test_arabic_booklet_is_bound_on_the_right(arabic):
    booklet = PdfReader(arabic / "booklet-ar.pdf")
    w = float(booklet.pages[0].mediabox[2])
    cover_title = [c for c in _chars(arabic / "booklet-ar.pdf", 0) if "ARABIC" in unicodedata.name(c[0], "")]
    assert cover_title
    assert saddle_stitch_order(8, rtl=True) == [(r, l) for l, r in saddle_stitch_order(8)]
    # the cover (page 1) is the left half of the first sheet side in a right-bound booklet
    first_page_text = " ".join(PdfReader(arabic / "guide-ar.pdf").pages[0].extract_text().split())
    left = [c for c in _chars(arabic / "booklet-ar.pdf", 0) if c[2] < w / 2]
    assert left and len(left) >= 0.3 * len(first_page_text.replace(" ", ""))


# --- Hebrew, from a PO file alone -----------------------------------------------------------------

_HEBREW = dict(zip("abcdefghijklmnopqrstuvwxyz", "אבגדהוזחטיכלמנסעפצקרשתאבגד"))


def _pseudo_hebrew(text: str) -> str:
    """Latin letters swapped for Hebrew ones, our markup and placeholders kept."""
    keep = r"\{[a-z_]+\}|\]\([^)]*\)|\*\*|\*|\[|\]"
    return "".join(part if re.fullmatch(keep, part) else "".join(_HEBREW.get(ch.lower(), ch) for ch in part)
                   for part in re.split(f"({keep})", text) if part)


def test_a_hebrew_po_file_is_enough_for_a_right_to_left_build(project, tmp_path, capsys):
    import io

    from babel.messages.pofile import read_po, write_po

    from generator.cli import main

    assert main(["i18n", "--root", str(project), "extract"]) == 0
    cat = read_po(io.StringIO((project / "locales" / "messages.pot").read_text("utf-8")))
    for msg in cat:
        if msg.id:
            msg.string = _pseudo_hebrew(msg.id)
            msg.flags.discard("fuzzy")
    buf = io.BytesIO()
    write_po(buf, cat)
    (project / "locales" / "he.po").write_bytes(buf.getvalue())
    assert main(["i18n", "--root", str(project), "review", "he", "--by", "Test", "--date", "2026-01-01"]) == 0
    capsys.readouterr()
    assert run_cli("build", "--locale", "he", "--document", "guide", "--document", "checklist", "--strict",
                   root=project, out=tmp_path) == 0, capsys.readouterr().err
    pdf = tmp_path / "he" / "guide-he.pdf"
    assert PdfReader(pdf).trailer["/Root"]["/Lang"] == "he"
    chars = _chars(pdf, 3)
    hebrew = [c for c in chars if "HEBREW" in unicodedata.name(c[0], "")]
    assert hebrew and all("NotoSansHebrew" in c[4] for c in hebrew)
    w = pdfium.PdfDocument(str(pdf))[3].get_width()
    assert max(c[2] for c in hebrew) > w * 0.85  # set from the right
