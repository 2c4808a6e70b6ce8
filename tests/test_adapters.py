"""Contract tests for generator/adapters/: each fact msguide relies on in a library's internals, checked
directly, so an upgrade that changes one fails here, naming the library's version and the version the
adapter was written against, before it breaks a document in a way nobody notices."""
from __future__ import annotations

import io
import re

from conftest import ROOT


def _rl() -> str:
    import reportlab

    from generator.adapters import reportlab as rl

    return f"ReportLab {reportlab.Version} (the adapter was written against {rl.WRITTEN_AGAINST})"


def _canvas():
    from reportlab.pdfgen.canvas import Canvas

    return Canvas(io.BytesIO(), invariant=1)


def test_reportlab_page_operators_can_be_added_and_rewritten():
    from generator.adapters import reportlab as rl

    canv = _canvas()
    canv.drawString(10, 10, "before")
    rl.append_operators(canv, "%marker")
    assert rl.has_pending_page(canv), _rl()
    canv.showPage()
    assert not rl.has_pending_page(canv), _rl()
    stream = rl.page_stream(canv, 0)
    assert "%marker" in stream.splitlines(), _rl()
    rl.set_page_stream(canv, 0, stream.replace("%marker", "0 0 m 5 5 l S"))
    old = rl.swap_operators(canv, [])
    assert old == [] or isinstance(old, list), _rl()
    data = canv.getpdfdata()
    from pypdf import PdfReader

    page = PdfReader(io.BytesIO(data)).pages[0]
    assert b"0 0 m 5 5 l S" in page.get_contents().get_data(), _rl()


def test_reportlab_documents_are_written_in_the_compact_form():
    from pypdf import PdfReader

    from generator.adapters import reportlab as rl

    canv = _canvas()
    rl.write_compact(canv)
    canv.drawString(10, 10, "compact")
    canv.bookmarkPage("p1")
    canv.addOutlineEntry("Part one", "p1")
    canv.showPage()
    with rl.flate_only():
        data = canv.getpdfdata()
    assert data.startswith(b"%PDF-1.5"), _rl()
    assert b"/Type /ObjStm" in data and b"/Type /XRef" in data, _rl()
    assert not re.search(rb"\nxref\n", data), _rl()  # no classic table left
    reader = PdfReader(io.BytesIO(data))
    assert "compact" in reader.pages[0].extract_text(), _rl()
    assert [o.title for o in reader.outline] == ["Part one"], _rl()


def test_reportlab_streams_are_flate_only_while_building_and_the_setting_is_restored():
    from reportlab import rl_config

    from generator.adapters import reportlab as rl

    before = rl_config.useA85
    canv = _canvas()
    with rl.flate_only():
        canv.drawString(10, 10, "x")
        canv.showPage()
        data = canv.getpdfdata()
    assert rl_config.useA85 == before, _rl()
    assert b"ASCII85Decode" not in data and b"FlateDecode" in data, _rl()


def test_reportlab_truetype_fonts_expose_coverage_harfbuzz_and_glyph_maps():
    from reportlab.pdfbase.ttfonts import TTFont

    from generator.adapters import reportlab as rl

    font = TTFont("ContractArabic", str(ROOT / "fonts" / "NotoSansArabic-Regular.ttf"), asciiReadable=0)
    coverage = rl.font_coverage(font)
    assert ord("\u0628") in coverage and ord("\u0410") not in coverage, _rl()  # Arabic beh, not Cyrillic A
    assert rl.harfbuzz_face(font) is not None, _rl()
    # a glyph that has a character of its own is drawn with it
    gid = font.face.charToGlyph[ord("\u0628")]
    assert rl.glyph_code(font, gid, 500) == ord("\u0628"), _rl()
    # one that has none (a ligature or contextual form) gets a private-use code, entered in the maps
    orphan = next(g for g in range(1, 3000) if g not in font.face.glyphToChar)
    code = rl.glyph_code(font, orphan, 512)
    assert 0xE000 <= code <= 0xF8FF and font.face.charToGlyph[code] == orphan, _rl()
    assert rl.char_width(font, code, -1) == font.pdfScale(512), _rl()


def test_reportlab_truetype_subsets_and_metrics_for_the_field_font():
    import struct

    from reportlab.pdfbase.ttfonts import TTFont

    from generator.adapters import reportlab as rl

    font = TTFont("ContractSans", str(ROOT / "fonts" / "NotoSans-Regular.ttf"), asciiReadable=0)
    codes = [0x20, 0x41, 0x410, 0x44F, 0xE9]
    data, gids = rl.truetype_subset(font, codes)
    assert data[:4] in (b"\0\1\0\0", b"true"), _rl()  # a TrueType font
    assert sorted(gids) == sorted(codes) and len(set(gids.values())) == len(codes), _rl()
    assert 0 not in gids.values() and max(gids.values()) < 64, _rl()  # the glyphs asked for, numbered anew
    tables = {data[12 + 16 * i:16 + 16 * i] for i in range(struct.unpack(">H", data[4:6])[0])}
    assert {b"glyf", b"loca", b"hmtx", b"cmap", b"head"} <= tables, _rl()
    m = rl.font_metrics(font)
    assert m["name"] == "NotoSans-Regular" and m["ascent"] > 0 > m["descent"] and len(m["bbox"]) == 4, _rl()
    from generator.layout.bidi import shape
    from reportlab.pdfbase import pdfmetrics

    pdfmetrics.registerFont(font)
    shaped = shape("AV", "ContractSans", 10, False)
    assert len(rl.shaped_advances(shaped.text)) == 2 and all(a > 0 for a in rl.shaped_advances(shaped.text)), _rl()


def test_reportlab_widgets_join_the_page_and_the_form_and_fonts_the_form_resources():
    from pypdf import PdfReader
    from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFString

    from generator.adapters import reportlab as rl

    canv = _canvas()
    canv.acroForm.checkbox(name="box", x=10, y=10, size=12)
    assert rl.last_widget(canv)["T"].s == "box", _rl()
    font = PDFDictionary({"Type": PDFName("Font"), "Subtype": PDFName("Type1"), "BaseFont": PDFName("Courier")})
    rl.add_form_font(canv, "Ours", font)
    widget = PDFDictionary({"Type": PDFName("Annot"), "Subtype": PDFName("Widget"), "FT": PDFName("Tx"),
                            "T": PDFString("mine"), "Rect": PDFArray([20, 20, 120, 40]),
                            "P": rl.page_reference(canv), "DA": PDFString("/Ours 10 Tf 0 g")})
    rl.add_widget(canv, widget)
    assert rl.last_widget(canv) is widget, _rl()
    assert rl.reference(canv, widget).name == rl.reference(canv, widget).name, _rl()  # one object, one number
    canv.showPage()
    reader = PdfReader(io.BytesIO(canv.getpdfdata()))
    assert list(reader.get_fields()) == ["box", "mine"], _rl()  # in the order added (tab order)
    assert [a.get_object()["/T"] for a in reader.pages[0]["/Annots"]] == ["box", "mine"], _rl()
    dr = reader.trailer["/Root"]["/AcroForm"]["/DR"]["/Font"]
    assert dr["/Ours"].get_object()["/BaseFont"] == "/Courier", _rl()


def test_reportlab_paragraph_lines_and_last_line_spare():
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    from generator.adapters import reportlab as rl

    style = ParagraphStyle("p", fontName="Helvetica", fontSize=10, leading=12)
    for markup in ("one two three four five six seven eight nine ten", "one <b>two</b> three four five six seven"):
        para = Paragraph(markup, style)
        para.wrap(60, 1000)
        assert rl.paragraph_lines(para) >= 2, _rl()
        spare = rl.last_line_spare(para)
        assert -1 < spare <= 60, _rl()  # a word may overhang by a hair


def test_python_bidi_levels_come_from_its_debug_output():
    import bidi

    from generator.adapters import bidi as adapter

    version = f"python-bidi {bidi.VERSION} (the adapter was written against {adapter.WRITTEN_AGAINST})"
    assert adapter.embedding_levels("ab c", rtl=False) == [0, 0, 0, 0], version
    arabic = "\u0644\u0645\u062a\u0631\u0627\u062f\u0627 (Lemtrada\u00ae)"
    levels = adapter.embedding_levels(arabic, rtl=True)
    assert levels[:7] == [1] * 7, version
    assert levels[arabic.index("L"):arabic.index("L") + 8] == [2] * 8, version  # "Lemtrada": left to right
    assert adapter.embedding_levels("\u05d0 12 \u05d1", rtl=True)[2:4] == [2, 2], version  # digits


def test_pypdf_adds_objects_and_has_a_public_root():
    import pypdf
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, IndirectObject, NameObject, TextStringObject

    from generator.adapters import pypdf as adapter

    version = f"pypdf {pypdf.__version__} (the adapter was written against {adapter.WRITTEN_AGAINST})"
    writer = PdfWriter()
    stream = DecodedStreamObject()
    stream.set_data(b"0 0 m 1 1 l S")
    ref = adapter.add_object(writer, stream)
    assert isinstance(ref, IndirectObject) and ref.get_object() is stream, version
    writer.root_object[NameObject("/Lang")] = TextStringObject("fr")
    assert writer.root_object["/Lang"] == "fr", version


def test_only_the_adapters_touch_private_attributes_of_third_party_objects():
    """Outside generator/adapters/, no module reaches into a third-party object's private attributes."""
    suspicious = re.compile(r"\b(?:canv|canvas|c|doc|face|ttf|font|writer|reader|para|p)\._[a-z]\w*")
    offenders = []
    for path in (ROOT / "generator").rglob("*.py"):
        if "adapters" in path.parts:
            continue
        for n, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
            if suspicious.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert offenders == []


def test_reportlab_faces_are_restored_from_their_record_exactly():
    import io

    from reportlab.pdfbase.ttfonts import TTFont

    from generator.adapters import reportlab as rl

    data = (ROOT / "fonts" / "NotoSans-Regular.ttf").read_bytes()
    parsed = TTFont("ContractParsed", io.BytesIO(data), asciiReadable=0)
    restored = rl.ttfont_from_record("ContractRestored", data, rl.face_record(parsed))
    for key in (*rl.FACE_SCALARS, *rl.FACE_NAMES, "bbox", "fontRevision", "charToGlyph", "charWidths",
                "glyphToChar", "hmetrics", "glyphPos"):
        assert getattr(restored.face, key) == getattr(parsed.face, key), (key, _rl())
    assert restored.face.name.ustr == parsed.face.name.ustr, _rl()
    assert restored.face.makeSubset([65, 0x416, 0x2122]) == parsed.face.makeSubset([65, 0x416, 0x2122]), _rl()
    assert restored.stringWidth("Abc Жж™", 11) == parsed.stringWidth("Abc Жж™", 11), _rl()


def test_reportlab_imports_with_lazy_patterns_and_lazy_pillow_and_harfbuzz():
    """In a fresh interpreter: after our packages are imported, ReportLab's module-level patterns are
    compiled on first use and give the results eager ones give; Pillow and uharfbuzz are imported only
    when used."""
    import subprocess
    import sys

    code = r'''
import re, sys
import generator.layout.guide, generator.pdf.document
from reportlab.platypus import paragraph
lazy = type(paragraph._hy_letters_pat).__name__
assert lazy == "_LazyPattern", lazy
eager = re.compile(paragraph._hy_letters_pat.pattern)
for word in ("Hyphenation", "Ärztin", "1234", "a-b"):
    assert bool(paragraph._hy_letters_pat.match(word)) == bool(eager.match(word)), word
assert "uharfbuzz._harfbuzz" not in sys.modules and "PIL.ExifTags" not in sys.modules
import uharfbuzz
assert uharfbuzz.Buffer is not None and "uharfbuzz._harfbuzz" in sys.modules
from PIL import Image
assert Image.new("RGB", (1, 1)).size == (1, 1)
print("ok")
'''
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         env={**__import__("os").environ, "PYTHONPATH": str(ROOT)})
    assert out.stdout.strip() == "ok", out.stderr + _rl()
# --- tagged PDF (pdf/marking.py, pdf/tags.py) -------------------------------------------------------


def test_reportlab_page_operators_can_be_counted_read_and_taken_out():
    from generator.adapters import reportlab as rl

    canv = _canvas()
    canv.addLiteral("/P <</MCID 0>> BDC")
    at = rl.operator_count(canv) - 1
    canv.rect(0, 0, 5, 5, fill=1)
    assert [op.split()[-1] for op in rl.operators_from(canv, at + 1)] == ["B*"], _rl()  # what was painted
    rl.remove_operator(canv, at)
    assert "/P <</MCID 0>> BDC" not in rl.page_operators(canv), _rl()


def test_reportlab_paragraph_reports_its_links_to_the_text_object():
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    from generator.adapters import reportlab as rl

    style = ParagraphStyle("p", fontName="Helvetica", fontSize=10, leading=12)
    para = Paragraph('Read <a href="https://x.org/">the whole guide</a> first.', style)
    assert rl.paragraph_links(para) == {0: ("https://x.org/", "the whole guide")}, _rl()
    canv = _canvas()
    calls, begin = [], canv.beginText

    def begin_text(*args, **kwargs):
        tx = begin(*args, **kwargs)
        assert rl.text_operators(tx)[0] == "BT", _rl()
        rl.on_paragraph_links(tx, lambda link, what: calls.append((link, what, len(rl.text_operators(tx)))))
        return tx

    canv.beginText = begin_text
    para.wrap(300, 100)
    assert rl.whole_paragraph_link(para) is None, _rl()
    para.drawOn(canv, 0, 0)
    assert [(link, what) for link, what, _ in calls] == [((0, "https://x.org/"), "start"),
                                                         ((0, "https://x.org/"), "end")], _rl()
    whole = Paragraph('<a href="https://x.org/">all link</a>', style)
    whole.wrap(300, 100)
    assert rl.whole_paragraph_link(whole) == (0, "https://x.org/") and rl.paragraph_line_count(whole) == 1, _rl()


def test_reportlab_annotations_pass_through_one_method_and_take_entries():
    from pypdf import PdfReader
    from reportlab.pdfbase.pdfdoc import PDFName
    from reportlab.pdfgen.canvas import Canvas

    from generator.adapters import reportlab as rl

    seen = []

    class Watching(rl.AnnotationEvents, Canvas):
        def annotation_added(self, annotation):
            seen.append(annotation)

    buf = io.BytesIO()
    canv = Watching(buf, invariant=1)
    canv.bookmarkPage("p1")
    canv.linkURL("https://x.org/", (0, 0, 10, 10))
    canv.linkRect("", "p1", (0, 20, 10, 30))
    canv.acroForm.checkbox(name="tick", tooltip="Asked", x=0, y=40, size=10)
    assert len(seen) == 3, _rl()
    assert rl.annotation_href(seen[0]) == "https://x.org/" and rl.annotation_href(seen[1]) is None, _rl()
    for i, annotation in enumerate(seen):
        rl.set_annotation_entry(annotation, "StructParent", i + 1)
    rl.set_annotation_entry(seen[1], "Contents", "Part one")
    canv.showPage()
    rl.set_page_entries(canv, 0, {"Tabs": PDFName("S"), "StructParents": 0})
    assert rl.page_count_written(canv) == 1 and rl.finished_page_reference(canv, 0) is not None, _rl()
    canv.save()
    page = PdfReader(io.BytesIO(buf.getvalue())).pages[0]
    assert page["/Tabs"] == "/S" and page["/StructParents"] == 0, _rl()
    annots = [a.get_object() for a in page["/Annots"]]
    assert [a["/StructParent"] for a in annots] == [1, 2, 3], _rl()
    assert annots[1]["/Contents"] == "Part one", _rl()


def test_reportlab_list_items_hold_their_bullet_and_content():
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import ListFlowable, ListItem, Paragraph

    from generator.adapters import reportlab as rl

    style = ParagraphStyle("p", fontName="Helvetica", fontSize=10, leading=12)
    paras = [Paragraph(t, style) for t in ("one", "two")]
    lf = ListFlowable([ListItem(p) for p in paras], bulletType="1")
    items = rl.list_items(lf)
    assert [rl.item_parts(i)[1] for i in items] == paras, _rl()
    drawn = []

    class Label:
        def __init__(self, bullet):
            self.bullet = bullet

        def drawOn(self, indenter, canv, x, y, _sW=0):
            drawn.append(self.bullet.value)
            self.bullet.drawOn(indenter, canv, x, y, _sW)

    for item in items:
        rl.set_item_bullet(item, Label(rl.item_parts(item)[0]))
    lf.wrapOn(_canvas(), 200, 200)
    lf.drawOn(_canvas(), 0, 0)
    assert len(drawn) == 2, _rl()


def test_reportlab_tounicode_maps_can_leave_out_notdef_and_are_restored():
    from reportlab.pdfbase import ttfonts

    from generator.adapters import reportlab as rl

    before = ttfonts.makeToUnicodeCMap
    with rl.tounicode_without_notdef():
        cmap = ttfonts.makeToUnicodeCMap("F", [0, 65, 66])
    assert ttfonts.makeToUnicodeCMap is before, _rl()
    lines = cmap.splitlines()
    assert "<00> <0000>" not in lines and "<01> <0041>" in lines and "2 beginbfchar" in lines, _rl()


def test_reportlab_writes_an_indirect_reference_as_we_do():
    from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFObject

    from generator.adapters import reportlab as rl

    seen = []

    class Probe(PDFObject):
        def format(self, document):
            seen.append((rl.reference_bytes(document, ref), ref.format(document)))
            return b"null"

    canv = _canvas()
    target = PDFDictionary({"Probe": 1})
    ref = rl.reference(canv, target)
    canv.setCatalogEntry("Probe", rl.reference(canv, Probe()))
    canv.showPage()
    canv.getpdfdata()
    assert seen and seen[0][0] == seen[0][1], _rl()
