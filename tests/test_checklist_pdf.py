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
    assert 2 <= len(pdf) <= 4
    for i in range(len(pdf)):
        img = pdf[i].render(scale=0.5, may_draw_forms=True).to_pil().convert("L")
        assert img.getextrema()[0] < 128  # something dark was drawn


def test_typed_unicode_is_kept_by_pdfium(checklist_pdf, tmp_path):
    """Typing into a field with Chrome's engine stores the Unicode text, whatever the field font."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    rect = next([float(x) for x in a.get_object()["/Rect"]] for a in PdfReader(checklist_pdf).pages[0]["/Annots"]
                if a.get_object()["/T"] == "cl_field_center")
    pdf = pdfium.PdfDocument(str(checklist_pdf))
    pdf.init_forms()
    page = pdf[0]
    x, y = (rect[0] + rect[2]) / 2, (rect[1] + rect[3]) / 2
    raw.FORM_OnLButtonDown(pdf.formenv.raw, page.raw, 0, x, y)
    raw.FORM_OnLButtonUp(pdf.formenv.raw, page.raw, 0, x, y)
    text = "Clinique Émilie, Центр"
    buf = ctypes.create_string_buffer((text + "\0").encode("utf-16-le"))
    raw.FORM_ReplaceSelection(pdf.formenv.raw, page.raw, ctypes.cast(buf, raw.FPDF_WIDESTRING))
    raw.FORM_ForceToKillFocus(pdf.formenv.raw)
    out = tmp_path / "typed.pdf"
    pdf.save(str(out))
    assert PdfReader(out).get_fields()["cl_field_center"]["/V"] == text


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


def test_page_size_is_the_full_sheet(checklist_pdf, project, tmp_path):
    w, h = (round(float(v)) for v in PdfReader(checklist_pdf).pages[0].mediabox[2:])
    assert (w, h) == (612, 792)
    assert run_cli("build", "--document", "checklist", "--paper", "a4", root=project, out=tmp_path) == 0
    w, h = (round(float(v)) for v in PdfReader(tmp_path / "en" / "checklist-en.pdf").pages[0].mediabox[2:])
    assert (w, h) == (595, 842)
