"""Print production: saddle-stitch booklet, paper sizes, large print, and a clinic's own edition."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import ROOT, run_cli
from tools import qpdf_ok, run, tool
from generator.pdf.booklet import padded_pages, saddle_stitch_order

# --- saddle-stitch order ----------------------------------------------------------------------------


def fold_and_read(sides: list[tuple]) -> list:
    """Physically: print the sides duplex (flip on short edge), stack the sheets in order, fold the stack
    in the middle, and read the booklet page by page. Sheet k's front holds (left, right), its back
    (left, right) as seen after turning the sheet over its vertical axis."""
    sheets = [(sides[2 * k], sides[2 * k + 1]) for k in range(len(sides) // 2)]
    first_half, second_half = [], []
    for front, back in sheets:  # outermost sheet first: right of the front, then left of the back
        first_half += [front[1], back[0]]
    for front, back in reversed(sheets):  # from the centre spread out: right of back, left of front
        second_half += [back[1], front[0]]
    return first_half + second_half


@pytest.mark.parametrize("pages", range(1, 21))
def test_saddle_stitch_folds_into_reading_order(pages):
    sides = saddle_stitch_order(pages)
    assert len(sides) % 2 == 0 and len(sides) * 2 == len(padded_pages(pages))
    read = fold_and_read(sides)
    assert [p for p in read if p is not None] == list(range(1, pages + 1))
    assert read[0] == 1  # the cover is outside
    if pages > 1:
        assert read[-1] == pages  # and the back cover too, with any blanks just inside it


def test_blank_pages_make_up_a_multiple_of_four():
    for pages in range(1, 21):
        slots = padded_pages(pages)
        assert len(slots) % 4 == 0 and len(slots) - pages < 4


# --- booklet PDF -------------------------------------------------------------------------------------


def half_text(pdf: Path, page: int, half: str) -> str:
    w, h = (float(v) for v in PdfReader(pdf).pages[page - 1].mediabox[2:])
    x = 0 if half == "left" else int(w / 2)
    out = run("pdftotext", "-f", page, "-l", page, "-x", x, "-y", 0, "-W", int(w / 2), "-H", int(h), pdf, "-",
              check=True)
    return out.stdout


@pytest.fixture(scope="module")
def booklets(tmp_path_factory):
    out = tmp_path_factory.mktemp("booklets")
    assert run_cli("build", "--locale", "en", "--locale", "fr", "--document", "booklet", "--document", "guide",
                   root=ROOT, out=out) == 0
    return out


@pytest.mark.parametrize("locale,size", [("en", (792, 612)), ("fr", (842, 595))])
def test_booklet_sheets_are_landscape_letter_or_a4(booklets, locale, size):
    pdf = PdfReader(booklets / locale / f"booklet-{locale}.pdf")
    for page in pdf.pages:
        assert (round(float(page.mediabox[2])), round(float(page.mediabox[3]))) == size


def test_booklet_places_each_guide_page_in_folding_order(booklets):
    booklet = booklets / "en" / "booklet-en.pdf"
    guide_pages = len(PdfReader(booklets / "en" / "guide-en.pdf").pages)
    for side, (left, right) in enumerate(saddle_stitch_order(guide_pages), start=1):
        for half, number in (("left", left), ("right", right)):
            text = half_text(booklet, side, half)
            if number is None:
                assert not text.strip(), f"side {side} {half} should be blank"
            elif 1 < number < guide_pages:
                assert f"Page {number} of {guide_pages}" in text, (side, half, number)
    assert "Your care team" in half_text(booklet, 1, "left")
    assert "Stem cell therapy" in half_text(booklet, 1, "right")


def test_booklet_marks_are_optional(booklets, tmp_path):
    import pypdfium2 as pdfium

    assert run_cli("build", "--document", "booklet", "--marks", root=ROOT, out=tmp_path) == 0
    plain = pdfium.PdfDocument(str(booklets / "en" / "booklet-en.pdf"))[1].render(scale=1).to_pil().convert("L")
    assert not (tmp_path / "en" / "booklet-en.pdf").exists()  # the edition without marks keeps its name
    marked = pdfium.PdfDocument(str(tmp_path / "en" / "booklet-en-marks.pdf"))[1].render(scale=1).to_pil().convert("L")
    w, h = marked.size
    corner = (0, 0, int(w * 0.06), int(h * 0.06))
    assert plain.crop(corner).getextrema()[0] > 200  # white corner
    assert marked.crop(corner).getextrema()[0] < 128  # a crop mark
    fold = (int(w / 2) - 2, 0, int(w / 2) + 3, int(h * 0.035))
    assert marked.crop(fold).getextrema()[0] < 128  # a fold mark
    assert qpdf_ok(tmp_path / "en" / "booklet-en-marks.pdf")


def test_paper_override(tmp_path):
    assert run_cli("build", "--locale", "fr", "--paper", "letter", "--document", "guide", "--document", "checklist",
                   root=ROOT, out=tmp_path) == 0
    g = PdfReader(tmp_path / "fr" / "guide-fr-letter.pdf").pages[0].mediabox
    c = PdfReader(tmp_path / "fr" / "checklist-fr-letter.pdf").pages[0].mediabox
    assert (round(float(g[2])), round(float(g[3]))) == (396, 612)
    assert (round(float(c[2])), round(float(c[3]))) == (612, 792)


# --- large print -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    out = tmp_path_factory.mktemp("large")
    assert run_cli("build", "--locale", "fr", "--document", "large-print", "--document", "checklist-large-print",
                   "--document", "checklist", "--document", "guide", root=ROOT, out=out) == 0
    return out / "fr"


def char_sizes(pdf: Path, skip_first: bool = True) -> dict[float, int]:
    import ctypes

    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    sizes: dict[float, int] = {}
    l, b, r, t = (ctypes.c_double() for _ in range(4))
    for i in range(1 if skip_first else 0, len(doc)):
        tp = doc[i].get_textpage()
        for ci in range(tp.count_chars()):
            if tp.get_text_range(ci, 1).isspace():
                continue
            pdfium.raw.FPDFText_GetCharBox(tp.raw, ci, l, r, b, t)
            if b.value < 80:  # footer
                continue
            size = round(pdfium.raw.FPDFText_GetFontSize(tp.raw, ci), 1)
            sizes[size] = sizes.get(size, 0) + 1
    return sizes


def test_large_print_guide_is_a_full_sheet_with_16pt_text(large):
    pdf = large / "large-print-fr.pdf"
    mb = PdfReader(pdf).pages[0].mediabox
    assert (round(float(mb[2])), round(float(mb[3]))) == (595, 842)
    sizes = char_sizes(pdf)
    body = max(sizes, key=sizes.get)
    assert body >= 16, sizes
    assert min(sizes) >= 14, sizes  # small print (sources note, "given by") stays large too


def test_large_print_checklist_has_big_boxes_and_16pt_text(large):
    pdf = large / "checklist-large-print-fr.pdf"
    sizes = char_sizes(pdf, skip_first=False)
    assert max(sizes, key=sizes.get) >= 16, sizes
    boxes = [a.get_object() for p in PdfReader(pdf).pages for a in p.get("/Annots", [])  # a page may have none
             if a.get_object().get("/FT") == "/Btn"]
    side = float(boxes[0]["/Rect"][2]) - float(boxes[0]["/Rect"][0])
    assert side >= 20
    normal = PdfReader(large / "checklist-fr.pdf")
    small_box = next(a.get_object() for p in normal.pages for a in p.get("/Annots", [])
                     if a.get_object().get("/FT") == "/Btn")
    assert side > float(small_box["/Rect"][2]) - float(small_box["/Rect"][0])


def rendered_colours(pdf: Path, pages=None, scale: float = 0.5) -> dict[tuple[int, int, int], int]:
    """How many pixels of each colour pdfium paints on the pages (default: all), as RGB."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    colours: dict[tuple[int, int, int], int] = {}
    for i in pages if pages is not None else range(len(doc)):
        image = doc[i].render(scale=scale).to_pil().convert("RGB")
        for count, colour in image.getcolors(1 << 24):
            colours[colour] = colours.get(colour, 0) + count
    return colours


def near(colour, colours: dict, tolerance: int = 2, area: int = 200) -> bool:
    """Whether `colour` fills an area (not a stray anti-aliased pixel at an edge)."""
    return sum(n for c, n in colours.items() if all(abs(a - b) <= tolerance for a, b in zip(colour, c))) >= area


def filled_area(pdf: Path, colour, tolerance: int = 2, scale: float = 0.5) -> int:
    """Pixels pdfium paints in `colour` whose neighbours are painted in it too: a filled area, such as a
    tint behind text, and not the anti-aliased edge of a coloured rule, which can take any pale shade."""
    import pypdfium2 as pdfium
    from PIL import ImageChops, ImageFilter

    doc = pdfium.PdfDocument(str(pdf))
    total = 0
    for i in range(len(doc)):
        bands = doc[i].render(scale=scale).to_pil().convert("RGB").split()
        masks = [b.point(lambda v, c=c: 255 if abs(v - c) <= tolerance else 0) for b, c in zip(bands, colour)]
        mask = ImageChops.multiply(ImageChops.multiply(masks[0], masks[1]), masks[2]).filter(ImageFilter.MinFilter(3))
        total += mask.histogram()[255]
    return total


def test_large_print_has_no_text_over_tints(large):
    from generator.layout.theme import TONES

    tints = [tuple(round(v * 255) for v in (c.red, c.green, c.blue)) for c, _ in TONES.values()]
    for name in ("large-print-fr.pdf", "checklist-large-print-fr.pdf"):
        assert [t for t in tints if filled_area(large / name, t) >= 200] == [], name
    assert filled_area(large / "guide-fr.pdf", tints[0]) >= 200, "the check must see the tints of the guide"


# --- clinic profile ----------------------------------------------------------------------------------

EXAMPLE = ROOT / "examples" / "clinic.yaml"


@pytest.fixture(scope="module")
def clinic_dist(tmp_path_factory):
    out = tmp_path_factory.mktemp("clinic")
    assert run_cli("build", "--document", "guide", "--document", "checklist", "--document", "booklet",
                   root=ROOT, out=out) == 0
    generic = {p: p.read_bytes() for p in out.rglob("*.pdf")}
    assert run_cli("build", "--document", "guide", "--document", "checklist", "--document", "booklet",
                   "--clinic", str(EXAMPLE), root=ROOT, out=out) == 0
    assert {p: p.read_bytes() for p in generic} == generic  # the generic set is untouched
    return out


def test_clinic_outputs_have_their_own_folder_and_are_in_the_manifest(clinic_dist):
    folder = clinic_dist / "clinics" / "riverside-ms-centre" / "en"
    assert sorted(p.name for p in folder.iterdir()) == ["booklet-en.pdf", "checklist-en.pdf", "guide-en.pdf"]
    paths = {e["path"] for e in json.loads((clinic_dist / "manifest.json").read_text())["outputs"]}
    assert {"en/guide-en.pdf", "clinics/riverside-ms-centre/en/guide-en.pdf",
            "clinics/riverside-ms-centre/en/checklist-en.pdf"} <= paths


def test_clinic_details_on_cover_back_cover_and_checklist(clinic_dist):
    folder = clinic_dist / "clinics" / "riverside-ms-centre" / "en"
    guide = PdfReader(folder / "guide-en.pdf")
    flat = lambda page: " ".join(page.extract_text().split())  # noqa: E731
    for page in (guide.pages[0], guide.pages[-1]):
        assert "Riverside MS Centre" in flat(page) and "+1 555 0100" in flat(page)
    assert "ms-team@example.org" in flat(guide.pages[-1]) and "Call the MS nurse line" in flat(guide.pages[-1])
    checklist = PdfReader(folder / "checklist-en.pdf")
    assert "Riverside MS Centre" in flat(checklist.pages[0]) and "+1 555 0100" in flat(checklist.pages[0])
    assert 2 <= len(checklist.pages) <= 5
    uris = {a.get_object()["/A"]["/URI"] for a in guide.pages[-1].get("/Annots", []) if "/A" in a.get_object()}
    assert {"https://www.example.org/ms-centre", "mailto:ms-team@example.org"} <= uris
    booklet = PdfReader(folder / "booklet-en.pdf")
    assert "Riverside MS Centre" in flat(booklet.pages[0])


@pytest.mark.parametrize("locale", ["en", "fr", "ar"])
def test_clinic_checklist_header_never_ends_or_starts_a_line_with_a_separator(locale, tmp_path):
    """The checklist's header runs the clinic's details together ("name · department · phone · website"):
    where the line breaks, it breaks between two of them, with no "·" left at its end or its start."""
    from pages import read

    assert run_cli("build", "--locale", locale, "--document", "checklist", "--document", "checklist-large-print",
                   "--clinic", str(EXAMPLE), root=ROOT, out=tmp_path) == 0
    for pdf in sorted(tmp_path.rglob("*.pdf")):
        lines = [sorted(l.glyphs, key=lambda g: g.x0) for l in read(pdf)[0].lines]
        shown = [l for l in lines if any(g.ch == "\u00b7" for g in l)]
        assert shown, pdf.name  # the details are run together
        assert not [l for l in lines if l[0].ch == "\u00b7" or l[-1].ch == "\u00b7"], pdf.name


def test_clinic_qr_code_decodes_to_the_online_guide(clinic_dist, tmp_path):
    pdf = clinic_dist / "clinics" / "riverside-ms-centre" / "en" / "guide-en.pdf"
    last = len(PdfReader(pdf).pages)
    zbarimg = tool("zbarimg")  # before the render: a missing decoder skips without work
    run("pdftoppm", "-r", 200, "-f", last, "-l", last, "-png", pdf, tmp_path / "p", check=True)
    png = next(tmp_path.glob("p-*.png"))
    out = subprocess.run([zbarimg, "-q", "--raw", str(png)], capture_output=True, text=True)
    assert out.stdout.strip() == "https://www.example.org/ms-centre/stem-cells"


def test_clinic_accent_colour_is_used(clinic_dist):
    painted = rendered_colours(clinic_dist / "clinics" / "riverside-ms-centre" / "en" / "guide-en.pdf", pages=[0])
    assert near((0x1E, 0x5E, 0x4A), painted)  # the example profile's accent, on the cover band
    assert not near((0x12, 0x41, 0x6B), painted)  # and not our own


CLINIC_CASES = sorted(p for p in (Path(__file__).parent / "cases" / "clinic").iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CLINIC_CASES, ids=[c.name for c in CLINIC_CASES])
def test_bad_clinic_profile_is_one_line_error(case, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(case)
    status = run_cli("build", "--clinic", "clinic.yaml", root=ROOT, out=tmp_path)
    err = capsys.readouterr().err.strip().splitlines()
    assert status == 1
    assert err == ["error: " + (case / "expected.txt").read_text("utf-8").strip()]
    assert not list(tmp_path.rglob("*.pdf"))
