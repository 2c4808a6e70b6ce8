"""The fillable checklist, read back and filled in by real PDF readers (pypdf, pypdfium2, poppler, qpdf)."""
from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from conftest import ROOT, run_cli
from tools import qpdf_ok, run
from generator.layout.checklist import checklist_items, field_name


@pytest.fixture(scope="module")
def checklist_pdf(dist: Path) -> Path:
    assert run_cli("build", "--document", "checklist", root=ROOT, out=dist) == 0
    return dist / "en" / "checklist-en.pdf"


@pytest.fixture(scope="module")
def fields(checklist_pdf):
    return PdfReader(checklist_pdf).get_fields()


def test_field_count_is_two_per_question_plus_header_and_notes(content, fields):
    items = checklist_items(content.checklist)
    assert len(fields) == 2 * len(items) + len(content.checklist.fields) + 1


def test_every_question_has_a_tick_box_and_an_answer_field_with_tooltips(content, fields):
    for q in checklist_items(content.checklist):
        box, answer = fields[field_name(q.id, "asked")], fields[field_name(q.id, "answer")]
        assert box["/FT"] == "/Btn" and answer["/FT"] == "/Tx"
        assert answer["/TU"] == q.source
        assert q.source in box["/TU"]
        assert int(answer.get("/Ff", 0)) & (1 << 12)  # multiline


def test_header_and_notes_fields(content, fields):
    names = [field_name(t.id) for t in content.checklist.fields] + [field_name(content.checklist.notes.id)]
    assert names == ["cl_field_center", "cl_field_contact", "cl_field_phone", "cl_field_email", "cl_field_date", "cl_notes"]
    for name in names:
        assert fields[name]["/FT"] == "/Tx" and fields[name]["/TU"]


def test_field_names_are_unique_and_stable_across_builds(checklist_pdf, project, tmp_path):
    first = [a.get_object()["/T"] for p in PdfReader(checklist_pdf).pages for a in p["/Annots"]]
    assert len(first) == len(set(first))
    assert run_cli("build", "--document", "checklist", root=project, out=tmp_path) == 0
    again = tmp_path / "en" / "checklist-en.pdf"
    assert [a.get_object()["/T"] for p in PdfReader(again).pages for a in p["/Annots"]] == first
    assert again.read_bytes() == checklist_pdf.read_bytes()


def test_tab_order_follows_reading_order(content, checklist_pdf):
    order = [a.get_object()["/T"] for p in PdfReader(checklist_pdf).pages for a in p["/Annots"]]
    expected = [field_name(t.id) for t in content.checklist.fields]
    for q in checklist_items(content.checklist):
        expected += [field_name(q.id, "asked"), field_name(q.id, "answer")]
    expected.append(field_name(content.checklist.notes.id))
    assert order == expected


def test_fields_print_and_start_empty(checklist_pdf):
    for page in PdfReader(checklist_pdf).pages:
        for a in page["/Annots"]:
            a = a.get_object()
            assert int(a["/F"]) & 4, a["/T"]  # print flag
            assert a.get("/V") in (None, "", "/Off")


def test_filled_values_round_trip_and_boxes_toggle(fields, checklist_pdf, tmp_path):
    writer = PdfWriter(clone_from=checklist_pdf)
    values = {n: ("/Yes" if f["/FT"] == "/Btn" else f"Answer to {n}") for n, f in fields.items()}
    for page in writer.pages:
        writer.update_page_form_field_values(page, values, auto_regenerate=False)
    filled = tmp_path / "filled.pdf"
    writer.write(filled)
    back = PdfReader(filled).get_fields()
    assert {n: str(back[n].get("/V")) for n in values} == values
    box = next(n for n in values if n.endswith("_asked"))
    assert set(PdfReader(checklist_pdf).get_fields()[box]["/_States_"]) == {"/Off", "/Yes"}
    assert qpdf_ok(filled)


def test_pdfium_renders_every_page_with_field_appearances(checklist_pdf):
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(checklist_pdf))
    pdf.init_forms()
    assert 2 <= len(pdf) <= 5
    for i in range(len(pdf)):
        img = pdf[i].render(scale=0.5, may_draw_forms=True).to_pil().convert("L")
        assert img.getextrema()[0] < 128  # something dark was drawn


# --- typing in every script: what each viewer makes of it, as measured (README: "The fillable checklist") ---

TYPED = {"ru": "Центр клиники", "ar": "مركز العلاج", "en": "Clinique Émilie, Straße"}


@pytest.fixture(scope="module")
def localised(dist):
    """The checklist in English, Russian and Arabic."""
    args = ["build", "--document", "checklist"] + [a for l in TYPED for a in ("--locale", l)]
    assert run_cli(*args, root=ROOT, out=dist) == 0
    return {l: dist / l / f"checklist-{l}.pdf" for l in TYPED}


def _widget(pdf: Path, name: str):
    for index, page in enumerate(PdfReader(pdf).pages):
        for a in page["/Annots"]:
            if a.get_object()["/T"] == name:
                return index, a.get_object()
    raise KeyError(name)


def _field_font(pdf: Path):
    return PdfReader(pdf).trailer["/Root"]["/AcroForm"]["/DR"]["/Font"]["/MsField"].get_object()


def _ink_in_box(image, rect, page_height, scale) -> int:
    """Dark pixels inside a field's box on a page rendered at `scale` pixels per point."""
    box = tuple(round(v * scale) for v in (rect[0], page_height - rect[3], rect[2], page_height - rect[1]))
    return sum(1 for v in image.convert("L").crop(box).tobytes() if v < 128)


@pytest.mark.parametrize("locale", list(TYPED))
def test_every_text_field_types_in_an_embedded_font_of_the_locales_script(localised, locale):
    pdf = localised[locale]
    font = _field_font(pdf)
    assert font["/Subtype"] == "/Type0" and font["/Encoding"] == "/Identity-H"
    descendant = font["/DescendantFonts"][0].get_object()
    assert "/FontFile2" in descendant["/FontDescriptor"]  # embedded: the viewer needs no font of its own
    family = {"en": "AtkinsonHyperlegible", "ru": "NotoSans-", "ar": "NotoSansArabic"}[locale]
    assert family in font["/BaseFont"]
    # the whole script is there, not just the text drawn: every letter of the alphabet, both cases
    alphabet = {"en": "abcdefghijklmnopqrstuvwxyzàâçéèêëîïôùûüÿœæßñ", "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ",
                "ar": "ابتثجحخدذرزسشصضطظعغفقكلمنهوي٠١٢٣٤٥٦٧٨٩0123456789ءآأؤإئةى"}[locale]
    codes = descendant["/CIDToGIDMap"].get_object().get_data()
    for ch in alphabet + alphabet.upper():
        assert codes[2 * ord(ch):2 * ord(ch) + 2] != b"\0\0", (locale, ch)
    fields = [a.get_object() for p in PdfReader(pdf).pages for a in p["/Annots"]]
    texts = [f for f in fields if f["/FT"] == "/Tx"]
    assert texts and all(f["/DA"].startswith("/MsField ") for f in texts)
    assert all(int(f.get("/Q", 0)) == (2 if locale == "ar" else 0) for f in texts)  # right to left: right-aligned
    assert all("/N" in f["/AP"] for f in fields)


def _type_with_pdfium(pdf: Path, name: str, text: str, out: Path):
    """Click into a field and type `text` through pdfium's form API (Chrome's and Edge's engine); return
    the rendered page, the field's box and the page height, then save to `out`."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    index, widget = _widget(pdf, name)
    rect = [float(v) for v in widget["/Rect"]]
    doc = pdfium.PdfDocument(str(pdf))
    doc.init_forms()
    page = doc[index]
    x, y = rect[0] + 4, (rect[1] + rect[3]) / 2
    raw.FORM_OnLButtonDown(doc.formenv.raw, page.raw, 0, x, y)
    raw.FORM_OnLButtonUp(doc.formenv.raw, page.raw, 0, x, y)
    buf = ctypes.create_string_buffer((text + "\0").encode("utf-16-le"))
    raw.FORM_ReplaceSelection(doc.formenv.raw, page.raw, ctypes.cast(buf, raw.FPDF_WIDESTRING))
    raw.FORM_ForceToKillFocus(doc.formenv.raw)
    image = page.render(scale=2, may_draw_forms=True).to_pil()
    height = page.get_height()
    doc.save(str(out))
    return image, rect, height


def _appearance_fonts(pdf: Path, name: str) -> dict:
    ap = _widget(pdf, name)[1]["/AP"]["/N"].get_object()
    return {k: v.get_object()["/BaseFont"] for k, v in ap["/Resources"]["/Font"].items()}


def test_pdfium_types_latin_in_our_font(localised, tmp_path):
    out = tmp_path / "typed.pdf"
    image, rect, height = _type_with_pdfium(localised["en"], "cl_field_center", TYPED["en"], out)
    assert PdfReader(out).get_fields()["cl_field_center"]["/V"] == TYPED["en"]
    assert _ink_in_box(image, rect, height, 2) > 200
    assert set(_appearance_fonts(out, "cl_field_center")) == {"/MsField"}


@pytest.mark.parametrize("locale", ["ru", "ar"])
def test_pdfium_keeps_typed_cyrillic_and_arabic_but_draws_them_in_a_system_font(localised, locale, tmp_path):
    """pdfium takes a field's own font only for characters of its Latin-1 charset: for Cyrillic or Arabic
    it looks for a system font of that charset and adds it to the form (CPDF_BAFontMap::GetWordFontIndex),
    so what shows depends on the machine. Measured on Debian: Cyrillic shows, in Liberation Sans; Arabic
    finds no font and stays blank. The value itself is stored exactly."""
    out = tmp_path / "typed.pdf"
    image, rect, height = _type_with_pdfium(localised[locale], "cl_field_center", TYPED[locale], out)
    assert PdfReader(out).get_fields()["cl_field_center"]["/V"] == TYPED[locale]
    fonts = _appearance_fonts(out, "cl_field_center")
    assert any(k != "/MsField" for k in fonts), fonts  # not ours: the machine's
    if locale == "ru":
        assert _ink_in_box(image, rect, height, 2) > 200


@pytest.mark.parametrize("locale", list(TYPED))
def test_poppler_makes_the_typed_value_visible_in_our_font(localised, locale, tmp_path):
    """Poppler (Evince, Okular) draws a field's value from its /DA font when it lays the appearance out
    itself (as it does after typing, or when a file asks for it with /NeedAppearances)."""
    from pypdf.generic import BooleanObject, NameObject, TextStringObject

    writer = PdfWriter(clone_from=localised[locale])
    for page in writer.pages:
        for a in page["/Annots"]:
            a = a.get_object()
            if a["/T"] == "cl_field_center":
                a[NameObject("/V")] = TextStringObject(TYPED[locale])
                del a["/AP"]
    writer.root_object["/AcroForm"][NameObject("/NeedAppearances")] = BooleanObject(True)
    out = tmp_path / "filled.pdf"
    writer.write(out)
    index, widget = _widget(out, "cl_field_center")
    run("pdftoppm", "-r", "144", "-f", index + 1, "-l", index + 1, "-png", out, tmp_path / "p", check=True)
    from PIL import Image

    image = Image.open(next(tmp_path.glob("p-*.png")))
    height = float(PdfReader(out).pages[index].mediabox[3])
    assert _ink_in_box(image, [float(v) for v in widget["/Rect"]], height, 2) > 200


@pytest.mark.parametrize("locale", list(TYPED))
def test_pypdf_fills_in_our_font_and_leaves_arabic_unshaped(localised, locale, tmp_path):
    """pypdf writes the appearance itself, in the field's font, right-aligned for /Q 2; it neither joins
    Arabic letters nor orders them right to left: the codes are the typed letters, first to last."""
    writer = PdfWriter(clone_from=localised[locale])
    writer.update_page_form_field_values(writer.pages[0], {"cl_field_center": TYPED[locale]}, auto_regenerate=False)
    out = tmp_path / "filled.pdf"
    writer.write(out)
    assert PdfReader(out).get_fields()["cl_field_center"]["/V"] == TYPED[locale]
    assert set(_appearance_fonts(out, "cl_field_center")) == {"/MsField"}
    data = _widget(out, "cl_field_center")[1]["/AP"]["/N"].get_object().get_data().decode("latin-1")
    assert "".join(f"{ord(c):04x}" for c in TYPED[locale]) in data.lower()  # as typed, in logical order


def test_poppler_renders_and_qpdf_is_clean(checklist_pdf, tmp_path):
    run("pdftoppm", "-r", "20", "-png", checklist_pdf, tmp_path / "p", check=True)
    assert len(list(tmp_path.glob("p-*.png"))) == len(PdfReader(checklist_pdf).pages)
    assert qpdf_ok(checklist_pdf)


def test_every_question_is_printed_on_the_page(content, checklist_pdf):
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(checklist_pdf).pages)
    for q in checklist_items(content.checklist):
        assert q.source in text, q.id
    for label in content.checklist.fields:
        assert label.source in text
    assert "Page 1 of" in text


# --- the box of key answers: read, not filled in -------------------------------------------------------


def test_the_key_answers_box_comes_after_the_specialists_points_and_before_the_notes(content, checklist_pdf):
    """Read back from the page, top to bottom: the last point to discuss with the specialist, then the box's
    title, introduction and every item in order, then the notes field; all of the box on one page."""
    from pages import Flow, read

    cl = content.checklist
    flow = Flow(read(checklist_pdf), footer_below=15 * 72 / 25.4, fields=True)
    last_point = flow.find(cl.specialist_points[-1].text.source)
    assert last_point is not None
    at, box_lines = last_point.last + 1, []
    for text in (cl.key_answers.title, cl.key_answers.intro, *cl.key_answers.items):
        found = flow.find(text.source, at, marker=text in cl.key_answers.items)
        assert found is not None, f"{text.id} is not after the text before it"
        assert found.first == at or text is cl.key_answers.title, f"something stands before {text.id}"
        box_lines += flow.lines[found.first:found.last + 1]
        at = found.last + 1
    notes = next(i for i, line in enumerate(flow.lines) if line.field and line.field.name == field_name(cl.notes.id))
    assert notes > at
    assert len({line.page for line in box_lines}) == 1


def test_the_key_answers_box_is_optional(project, tmp_path):
    import re

    checklist = project / "content" / "checklist.yaml"
    checklist.write_text(re.sub(r"(?ms)^(# src: [^\n]*\n#[^\n]*\n)?key_answers:.*?(?=^notes:)", "",
                                checklist.read_text("utf-8")), "utf-8")
    assert "key_answers" not in checklist.read_text("utf-8")
    assert run_cli("build", "--document", "checklist", root=project, out=tmp_path) == 0
    text = " ".join(p.extract_text() for p in PdfReader(tmp_path / "en" / "checklist-en.pdf").pages)
    assert "The key answers to get" not in text and "Other notes" in text


def test_page_size_is_the_full_sheet(checklist_pdf, project, tmp_path):
    w, h = (round(float(v)) for v in PdfReader(checklist_pdf).pages[0].mediabox[2:])
    assert (w, h) == (612, 792)
    assert run_cli("build", "--document", "checklist", "--paper", "a4", root=project, out=tmp_path) == 0
    w, h = (round(float(v)) for v in PdfReader(tmp_path / "en" / "checklist-en-a4.pdf").pages[0].mediabox[2:])
    assert (w, h) == (595, 842)


def test_a_preset_value_gets_its_own_appearance_joined_and_right_aligned(tmp_path):
    """A field made with a value shows it without the viewer's help: in the field font, Arabic joined
    (contextual forms) and ordered right to left, at the right edge of the box."""
    from reportlab.lib import colors
    from reportlab.pdfgen.canvas import Canvas

    from generator.layout.fonts import FIELD_BLOCKS, font_set
    from generator.pdf.fields import FieldFont, FormFields
    from generator.source.project import Project

    value = "مركز العلاج"
    fonts = font_set(Project(ROOT), "Arab")
    path = tmp_path / "preset.pdf"
    canv = Canvas(str(path), invariant=1)
    fields = FormFields(FieldFont(fonts.body, FIELD_BLOCKS["Arab"]), rtl=True, ink=colors.black)
    fields.text(canv, name="center", tooltip="Center", x=50, y=700, width=400, height=24, font_size=14, value=value)
    canv.showPage()
    canv.save()
    assert PdfReader(path).get_fields()["center"]["/V"] == value
    data = _widget(path, "center")[1]["/AP"]["/N"].get_object().get_data().decode("latin-1")
    codes = [int(h, 16) for h in __import__("re").findall(r"<([0-9A-F]{4})>", data)]
    assert sum(0xFE70 <= c <= 0xFEFF for c in codes) >= 6  # joined forms (Presentation Forms-B), lam-alef
    assert 0xFEFC in codes  # lam-alef, final: one glyph
    assert codes[-1] == 0xFEE3  # visual order: the first letter, meem in its initial form, is drawn last
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    doc.init_forms()
    page = doc[0]
    image = page.render(scale=2, may_draw_forms=True).to_pil()
    assert _ink_in_box(image, [250, 700, 450, 724], page.get_height(), 2) > 200  # the right half has it
    assert _ink_in_box(image, [50, 700, 200, 724], page.get_height(), 2) == 0
    assert qpdf_ok(path)
