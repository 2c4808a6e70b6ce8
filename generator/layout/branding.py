"""A clinic's details as flowables: the cover's "given to you by" line, the back cover's contact block
with its QR code, and the checklist's header."""
from __future__ import annotations

import io

from reportlab.graphics.shapes import Drawing
from reportlab.platypus import Image, Table, TableStyle

from ..source.clinic import Clinic
from ..errors import Origin
from .context import LayoutContext
from ..source.markup import LINE_BREAK, Run


def qr_drawing(url: str, size: float) -> Drawing:
    """A QR code (error correction M, with its quiet zone) `size` points square."""
    from reportlab.graphics.barcode.qr import QrCodeWidget  # only clinics with a web address need it

    widget = QrCodeWidget(url, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    d = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    d.add(widget)
    return d


def logo_image(clinic: Clinic, max_w: float, max_h: float, rtl: bool = False) -> Image | None:
    if clinic.logo_png is None:
        return None
    w, h = clinic.logo_size
    scale = min(max_w / w, max_h / h)
    return Image(io.BytesIO(clinic.logo_png), width=w * scale, height=h * scale, hAlign="RIGHT" if rtl else "LEFT")


def _logo(ctx: LayoutContext, clinic: Clinic, max_w: float, max_h: float):
    """The logo as a figure whose alternative text is the clinic's name (None without a logo)."""
    image = logo_image(clinic, max_w, max_h, ctx.rtl)
    return ctx.tag("Figure", image, alt=clinic.name) if image is not None else None


def clinic_runs(ctx: LayoutContext, clinic: Clinic, origin: Origin, *, full: bool) -> list[Run]:
    """The clinic's details as runs, a line each: name in bold, then department, address, contacts;
    plain text only."""
    out: list[Run] = []
    for i, line in enumerate(clinic_lines(ctx, clinic, full=full)):
        out += ([LINE_BREAK] if i else []) + line
    return out


SEPARATOR = " \u00b7 "


def joined_runs(ctx: LayoutContext, lead: list[Run], items: list[list[Run]], width: float, style) -> list[Run]:
    """`lead` and `items` on as few lines as they fit, `width` wide: items on a line are joined by " · ",
    and a line breaks between items, so no separator ends or starts a line."""
    size = ctx.styles[style].fontSize

    def measure(runs: list[Run]) -> float:
        return sum(ctx.text_width(r.text, size, bold=r.bold) for r in runs)

    room = width - 2  # ReportLab's own line breaking may measure a little wider
    out, used = list(lead), measure(lead)
    for item in items:
        w = measure(item)
        if out and used + measure([Run(SEPARATOR)]) + w <= room:
            out += [Run(SEPARATOR)] + item
            used += measure([Run(SEPARATOR)]) + w
        else:
            out += ([LINE_BREAK] if out else []) + item
            used = w if w <= room else room  # an item wider than the line wraps inside: start afresh after it
    return out


def clinic_lines(ctx: LayoutContext, clinic: Clinic, *, full: bool) -> list[list[Run]]:
    lines = [ctx.literal(clinic.name, bold=True)]
    if clinic.department:
        lines.append(ctx.literal(clinic.department))
    if full:
        lines += [ctx.literal(line) for line in clinic.address]
    if clinic.phone:
        lines.append(ctx.literal(clinic.phone))
    if clinic.email and full:
        lines.append(ctx.literal(clinic.email, href=f"mailto:{clinic.email}"))
    if clinic.website:
        lines.append(ctx.literal(clinic.website, href=clinic.website))
    return lines


def care_team_block(ctx: LayoutContext, clinic: Clinic, origin: Origin, qr_caption: list[Run]) -> Table:
    """Back cover: logo and details on the start side, the QR code and its caption on the other."""
    s = ctx.theme.body_size
    qr_size = max(26 * 2.8346, s * 6)
    left = [c for c in (_logo(ctx, clinic, ctx.width - qr_size - s, s * 3.2),
                        ctx.tag("P", ctx.paragraph(clinic_runs(ctx, clinic, origin, full=True), "body"))) if c]
    if clinic.note:
        left.append(ctx.tag("P", ctx.paragraph(ctx.literal(clinic.note), "small")))
    right = []
    if clinic.qr_url:
        alt = ctx.loc.plain(ctx.ui["ui.clinic.qr-alt"], address=clinic.qr_url)
        right = [ctx.tag("Figure", qr_drawing(clinic.qr_url, qr_size), alt=alt),
                 ctx.tag("P", ctx.paragraph(qr_caption, "small"))]
    cells, widths = [left, right], [ctx.width - qr_size - s * 0.5, qr_size + s * 0.5]
    if ctx.rtl:
        cells, widths = cells[::-1], widths[::-1]
    table = Table([cells], colWidths=widths,
                  style=TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), ctx.fonts.body),
                                    ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                    ("LINEBELOW", (0, 0), (-1, 0), 1, ctx.theme.accent),
                                    ("BOTTOMPADDING", (0, 0), (-1, -1), s * 0.6)]))
    table.spaceAfter = s
    return table


def header_block(ctx: LayoutContext, clinic: Clinic, origin: Origin, given_by: list[Run], *,
                 compact: bool = False) -> Table:
    """A short "given to you by" block with the logo: cover of the guide, top of the checklist (compact:
    the details on one run of text, so the checklist keeps its page count)."""
    s = ctx.theme.body_size
    image = logo_image(clinic, ctx.width * 0.3, s * (2.2 if compact else 3), ctx.rtl)
    widths = [ctx.width * 0.68, ctx.width * 0.32] if image else [ctx.width]
    if compact:  # given by, name · department · phone · website, broken between items only
        lines = clinic_lines(ctx, clinic, full=False)
        runs = joined_runs(ctx, given_by + [Run(" ")] + lines[0], lines[1:], widths[0], "small")
    else:
        runs = given_by + [LINE_BREAK] + clinic_runs(ctx, clinic, origin, full=False)
    text = ctx.tag("P", ctx.paragraph(runs, "small"))
    logo = ctx.tag("Figure", image, alt=clinic.name) if image is not None else None  # after the text it goes with
    cells = [[text, logo] if logo else [text]]
    if ctx.rtl and logo:
        cells, widths = [cells[0][::-1]], widths[::-1]
    return Table(cells, colWidths=widths, style=TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (-1, 0), (-1, 0), "LEFT" if ctx.rtl else "RIGHT"),
        ("FONTNAME", (0, 0), (-1, -1), ctx.fonts.body),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
