"""Impose the guide as a saddle-stitched booklet: two pages per sheet side, in folding order, on A4 or
US Letter landscape, for duplex printing flipped on the short edge."""
from __future__ import annotations

import io
import math

from ..adapters.pypdf import add_object
from .pages import sheet_size

Side = tuple[int | None, int | None]  # (left, right) 1-based page numbers; None is a blank page


def padded_pages(pages: int) -> list[int | None]:
    """The guide's pages padded with blanks to a multiple of 4. Blanks go just before the last page, so
    the back cover stays on the outside of the booklet.

    >>> padded_pages(6)
    [1, 2, 3, 4, 5, None, None, 6]
    >>> padded_pages(1)
    [1, None, None, None]
    """
    if pages < 1:
        raise ValueError("a booklet needs at least one page")
    total = 4 * math.ceil(pages / 4)
    if pages == 1:
        return [1] + [None] * (total - 1)
    return list(range(1, pages)) + [None] * (total - pages) + [pages]


def saddle_stitch_order(pages: int, rtl: bool = False) -> list[Side]:
    """Sheet sides in printing order (front of sheet 1, back of sheet 1, front of sheet 2, …).

    Sheet i (0-based) of a booklet of N padded pages carries N-2i and 2i+1 on its front, 2i+2 and N-2i-1
    on its back; folded in the middle and nested, the sheets read 1, 2, 3, … N.

    >>> saddle_stitch_order(8)
    [(8, 1), (2, 7), (6, 3), (4, 5)]
    >>> saddle_stitch_order(6)
    [(6, 1), (2, None), (None, 3), (4, 5)]
    >>> saddle_stitch_order(4, rtl=True)  # bound on the right: the cover is the left half
    [(1, 4), (3, 2)]
    """
    slots = padded_pages(pages)
    n = len(slots)
    order: list[Side] = []
    for i in range(n // 4):
        order.append((slots[n - 2 * i - 1], slots[2 * i]))
        order.append((slots[2 * i + 1], slots[n - 2 * i - 2]))
    return [(right, left) for left, right in order] if rtl else order


def impose(guide_pdf: bytes, paper: str, *, marks: bool = False, title: str = "", lang: str = "",
           rtl: bool = False) -> tuple[bytes, int]:
    """The booklet PDF for a rendered guide, and its number of sheet sides. A right-to-left booklet is
    bound on the right, so each sheet side carries its two pages the other way round.

    Each guide page becomes one form XObject, clipped to its page, that a sheet places with a matrix: the
    page's drawing is copied as it is (not parsed and rewritten) and the fonts are shared, so the booklet
    costs little more than the guide, in time and in bytes.

    With `marks`, the spread is scaled to 92 % so crop marks (at the trim corners) and fold marks (at the
    fold, top and bottom) fit on the sheet, and nothing falls in a home printer's unprintable margin."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, FloatObject, NameObject
    from pypdf.generic import TextStringObject

    reader = PdfReader(io.BytesIO(guide_pdf))
    sheet_h, sheet_w = sheet_size(paper)[0], sheet_size(paper)[1]
    sheet_w, sheet_h = max(sheet_w, sheet_h), min(sheet_w, sheet_h)  # landscape
    scale = 0.92 if marks else 1.0
    page_w = sheet_w / 2 * scale
    ox, oy = (sheet_w - 2 * page_w) / 2, (sheet_h - sheet_h * scale) / 2
    writer = PdfWriter()
    forms: dict[int, object] = {}

    def form(number: int):  # the guide's page `number` as a form XObject in the writer, made once
        if number not in forms:
            page = reader.pages[number - 1]
            xobj = DecodedStreamObject()
            xobj.set_data(_page_content(page))
            box = page.mediabox
            xobj.update({
                NameObject("/Type"): NameObject("/XObject"),
                NameObject("/Subtype"): NameObject("/Form"),
                NameObject("/BBox"): ArrayObject(FloatObject(v) for v in (box.left, box.bottom, box.right, box.top)),
                NameObject("/Resources"): page["/Resources"].clone(writer),
            })
            forms[number] = add_object(writer, xobj.flate_encode())
        return forms[number]

    sides = saddle_stitch_order(len(reader.pages), rtl=rtl)
    for left, right in sides:
        sheet = writer.add_blank_page(width=sheet_w, height=sheet_h)
        names, ops = DictionaryObject(), []
        for number, x in ((left, ox), (right, ox + page_w)):
            if number is not None:
                name = f"/P{number}"
                names[NameObject(name)] = form(number)
                ops.append(f"q {_num(scale)} 0 0 {_num(scale)} {_num(x)} {_num(oy)} cm {name} Do Q")
        if marks:
            ops.append(_marks(ox, oy, page_w, sheet_h * scale))
        sheet[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): names})
        content = DecodedStreamObject()
        content.set_data("\n".join(ops).encode("ascii"))
        sheet[NameObject("/Contents")] = add_object(writer, content.flate_encode())
    writer.add_metadata({"/Title": title, "/Producer": "msguide (pypdf)", "/Creator": "msguide"})
    if lang:
        writer.root_object[NameObject("/Lang")] = TextStringObject(lang)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), len(sides)


def _page_content(page) -> bytes:
    contents = page.get("/Contents")
    if contents is None:
        return b""
    contents = contents.get_object()
    parts = contents if isinstance(contents, list) else [contents]
    return b"\n".join(part.get_object().get_data() for part in parts)


def _num(v: float) -> str:
    return f"{v:.4f}".rstrip("0").rstrip(".")


def _marks(ox: float, oy: float, page_w: float, page_h: float) -> str:
    """Drawing operators for crop marks at the trim corners and dashed fold marks at the fold."""
    gap, length = 3, min(ox, oy) - 4
    x0, x1, y0, y1 = ox, ox + 2 * page_w, oy, oy + page_h
    lines = []
    for x, dx in ((x0, -1), (x1, 1)):
        for y, dy in ((y0, -1), (y1, 1)):
            lines.append((x + dx * gap, y, x + dx * (gap + length), y))  # horizontal tick
            lines.append((x, y + dy * gap, x, y + dy * (gap + length)))  # vertical tick
    fold = ox + page_w
    dashed = [(fold, y1 + gap, fold, y1 + gap + length), (fold, y0 - gap, fold, y0 - gap - length)]

    def path(segments):
        return " ".join(f"{_num(a)} {_num(b)} m {_num(c)} {_num(d)} l" for a, b, c, d in segments) + " S"

    return f"q 0.3 w 0 G [] 0 d {path(lines)} [2 2] 0 d {path(dashed)} Q"


def render_booklet(request, path) -> int:
    """The guide laid out (as for the `guide` document) and imposed into a booklet written to `path`."""
    import io

    from ..layout.guide import render_guide

    buf = io.BytesIO()
    render_guide(request, buf)
    loc = request.loc
    data, sides = impose(buf.getvalue(), request.paper, marks=request.marks, title=loc.plain(request.content.guide.title),
                         lang=loc.info.tag, rtl=loc.info.direction == "rtl")
    path.write_bytes(data)
    return sides
