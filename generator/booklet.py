"""Impose the guide as a saddle-stitched booklet: two pages per sheet side, in folding order, on A4 or
US Letter landscape, for duplex printing flipped on the short edge."""
from __future__ import annotations

import io
import math

from .paper import sheet_size

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

    With `marks`, the spread is scaled to 92 % so crop marks (at the trim corners) and fold marks (at the
    fold, top and bottom) fit on the sheet, and nothing falls in a home printer's unprintable margin."""
    from pypdf import PdfReader, PdfWriter, Transformation
    from pypdf.generic import NameObject, TextStringObject

    reader = PdfReader(io.BytesIO(guide_pdf))
    sheet_h, sheet_w = sheet_size(paper)[0], sheet_size(paper)[1]
    sheet_w, sheet_h = max(sheet_w, sheet_h), min(sheet_w, sheet_h)  # landscape
    scale = 0.92 if marks else 1.0
    page_w = sheet_w / 2 * scale
    ox, oy = (sheet_w - 2 * page_w) / 2, (sheet_h - sheet_h * scale) / 2
    writer = PdfWriter()
    sides = saddle_stitch_order(len(reader.pages), rtl=rtl)
    for left, right in sides:
        sheet = writer.add_blank_page(width=sheet_w, height=sheet_h)
        for number, x in ((left, ox), (right, ox + page_w)):
            if number is not None:
                src = reader.pages[number - 1]
                sheet.merge_transformed_page(src, Transformation().scale(scale, scale).translate(x, oy))
        if marks:
            sheet.merge_page(_marks_page(sheet_w, sheet_h, ox, oy, page_w, sheet_h * scale))
    writer.add_metadata({"/Title": title, "/Producer": "msguide (pypdf)", "/Creator": "msguide"})
    if lang:
        writer._root_object[NameObject("/Lang")] = TextStringObject(lang)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), len(sides)


def _marks_page(sheet_w, sheet_h, ox, oy, page_w, page_h):
    """A page holding only crop marks at the trim corners and fold marks at the fold."""
    from pypdf import PdfReader
    from reportlab.pdfgen.canvas import Canvas

    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(sheet_w, sheet_h), invariant=1)
    c.setLineWidth(0.3)
    c.setStrokeColorRGB(0, 0, 0)
    gap, length = 3, min(ox, oy) - 4
    x0, x1, y0, y1 = ox, ox + 2 * page_w, oy, oy + page_h
    for x, dx in ((x0, -1), (x1, 1)):
        for y, dy in ((y0, -1), (y1, 1)):
            c.line(x + dx * gap, y, x + dx * (gap + length), y)  # horizontal tick
            c.line(x, y + dy * gap, x, y + dy * (gap + length))  # vertical tick
    fold = ox + page_w
    c.setDash(2, 2)
    c.line(fold, y1 + gap, fold, y1 + gap + length)
    c.line(fold, y0 - gap, fold, y0 - gap - length)
    c.showPage()
    c.save()
    return PdfReader(io.BytesIO(buf.getvalue())).pages[0]
