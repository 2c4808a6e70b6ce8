"""A clinic's details as flowables: the cover's "given to you by" line, the back cover's contact block
with its QR code, and the checklist's header."""
from __future__ import annotations

import io

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.platypus import Image, Paragraph, Table, TableStyle

from .clinic import Clinic
from .errors import Origin
from .layout import LayoutContext
from .markup import escape
from .theme import LINK


def qr_drawing(url: str, size: float) -> Drawing:
    """A QR code (error correction M, with its quiet zone) `size` points square."""
    widget = QrCodeWidget(url, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    d = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    d.add(widget)
    return d


def logo_image(clinic: Clinic, max_w: float, max_h: float) -> Image | None:
    if clinic.logo_png is None:
        return None
    w, h = clinic.logo_size
    scale = min(max_w / w, max_h / h)
    return Image(io.BytesIO(clinic.logo_png), width=w * scale, height=h * scale, hAlign="LEFT")


def clinic_lines(ctx: LayoutContext, clinic: Clinic, origin: Origin, *, full: bool) -> str:
    """The clinic's details as paragraph markup: name in bold, then department, address, contacts."""
    esc = lambda v: ctx.literal(v, origin)  # noqa: E731
    lines = [f"<b>{esc(clinic.name)}</b>"]
    if clinic.department:
        lines.append(esc(clinic.department))
    if full:
        lines += [esc(line) for line in clinic.address]
    if clinic.phone:
        lines.append(esc(clinic.phone))
    if clinic.email and full:
        lines.append(f'<a href="mailto:{escape(clinic.email)}" color="{LINK}">{esc(clinic.email)}</a>')
    if clinic.website:
        lines.append(f'<a href="{escape(clinic.website)}" color="{LINK}">{esc(clinic.website)}</a>')
    return "<br/>".join(lines)


def care_team_block(ctx: LayoutContext, clinic: Clinic, origin: Origin, qr_caption: str) -> Table:
    """Back cover: logo and details on the left, the QR code and its caption on the right."""
    s = ctx.theme.body_size
    qr_size = max(26 * 2.8346, s * 6)
    left = [c for c in (logo_image(clinic, ctx.width - qr_size - s, s * 3.2),
                        Paragraph(clinic_lines(ctx, clinic, origin, full=True), ctx.styles["body"])) if c]
    if clinic.note:
        left.append(Paragraph(ctx.literal(clinic.note, origin), ctx.styles["small"]))
    right = []
    if clinic.qr_url:
        right = [qr_drawing(clinic.qr_url, qr_size), Paragraph(qr_caption, ctx.styles["small"])]
    table = Table([[left, right]], colWidths=[ctx.width - qr_size - s * 0.5, qr_size + s * 0.5],
                  style=TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), ctx.fonts.body),
                                    ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                    ("LINEBELOW", (0, 0), (-1, 0), 1, ctx.theme.accent),
                                    ("BOTTOMPADDING", (0, 0), (-1, -1), s * 0.6)]))
    table.spaceAfter = s
    return table


def header_block(ctx: LayoutContext, clinic: Clinic, origin: Origin, given_by: str, *, compact: bool = False) -> Table:
    """A short "given to you by" block with the logo: cover of the guide, top of the checklist (compact:
    the details on one run of text, so the checklist keeps its page count)."""
    s = ctx.theme.body_size
    logo = logo_image(clinic, ctx.width * 0.3, s * (2.2 if compact else 3))
    if compact:
        esc = lambda v: ctx.literal(v, origin)  # noqa: E731
        bits = [f"<b>{esc(clinic.name)}</b>"] + [esc(v) for v in (clinic.department, clinic.phone) if v]
        if clinic.website:
            bits.append(f'<a href="{escape(clinic.website)}" color="{LINK}">{esc(clinic.website)}</a>')
        details = f"{given_by} " + " \u00b7 ".join(bits)
    else:
        details = f"{given_by}<br/>{clinic_lines(ctx, clinic, origin, full=False)}"
    text = Paragraph(details, ctx.styles["small"])
    cells = [[text, logo] if logo else [text]]
    widths = [ctx.width * 0.68, ctx.width * 0.32] if logo else [ctx.width]
    return Table(cells, colWidths=widths, style=TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (-1, 0), (-1, 0), "RIGHT"),
        ("FONTNAME", (0, 0), (-1, -1), ctx.fonts.body),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
