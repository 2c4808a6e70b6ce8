"""Lay out the summary: the guide's blocks that content/summary.yaml selects, drawn by the guide's own
block builders, on one sheet (both sides) in two columns; large print in one column, on more pages."""
from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Frame, FrameBreak, NextPageTemplate, PageTemplate, Table, TableStyle
from reportlab.platypus.doctemplate import ActionFlowable

from ..documents import Request
from ..errors import BuildWarning
from ..pdf.document import MsguideDocTemplate, footer_painter
from ..source import content as c
from ..source.markup import Run
from . import branding
from .context import LayoutContext
from .flowables import KeepWithNext
from .guide import BLOCK_BUILDERS

COLUMN_GAP = 8 * mm
HEADER_GAP = 4 * mm  # between the title's rule and the columns


def render_summary(request: Request, path) -> int:
    """Write the summary PDF to `path` (a file name or a binary file); return its pages. More pages than
    the document kind allows (one sheet: two) is a `layout.overflow` warning, an error under --strict."""
    content, loc, fonts, warn = request.content, request.loc, request.fonts, request.warn
    theme, notices, clinic = request.theme, request.notices, request.clinic
    summary, ui, guide = content.summary, content.ui, content.guide
    page_w, page_h = request.page_size
    m, s = theme.margin, theme.body_size
    full = page_w - 2 * m
    columns = 1 if request.kind.large_print else 2  # 16 pt type in half a page's width: too few words a line
    col_w = (full - (columns - 1) * COLUMN_GAP) / columns
    footer_h = theme.size(0.78) + 4 * mm
    body_h = page_h - 2 * m - footer_h
    ctx = LayoutContext(loc, fonts, theme, full, warn, ui, frame_height=body_h)
    title = ui["ui.summary.title"]
    guide_title = loc.plain(guide.title)

    doc = MsguideDocTemplate(path, meta=ctx.pdf_meta(title, content.edition), pagesize=(page_w, page_h),
                             structure=ctx.structure if request.kind.tagged else None,
                             initialFontName=fonts.body, initialFontSize=s,
                             leftMargin=m, rightMargin=m, topMargin=m, bottomMargin=m + footer_h)

    # the header, across the page: the clinic, the title (the one H1), what this is a summary of, notices
    header: list = []
    if clinic is not None:
        block = branding.header_block(ctx, clinic, request.clinic_origin, ctx.runs(ui["ui.clinic.given-by"]),
                                      compact=True)
        block.spaceAfter = s * 0.6
        header.append(block)
    title_style = ctx.styles["h1"].clone("summary_title", fontSize=s * 1.9, leading=s * 2.3, spaceBefore=0,
                                         spaceAfter=s * 0.3)
    header += [ctx.p(title, title_style, role="H1"), ctx.p(ui["ui.summary.based-on"], "small", title=guide_title)]
    notice = ctx.notice_box(notices)
    if notice is not None:
        header.append(notice)
    header_h = _stacked_height(header, full, page_h)

    # the blocks are made for a column; a box or a diagram moves on whole when it fits the shortest column
    # (the first page's, under the header)
    ctx.width = col_w
    shortest = body_h - header_h - HEADER_GAP
    part_style = ctx.styles["h1"].clone("summary_part", fontSize=s * 1.35, leading=s * 1.7, spaceBefore=s * 0.9,
                                        spaceAfter=s * 0.4)
    story: list = [NextPageTemplate("next"), *header, FrameBreak()]
    for n, page in enumerate(summary.pages):
        if n and columns > 1:  # each side as summary.yaml groups it (large print runs on)
            story.append(StartPage(n + 1))
        for k, part in enumerate(page.parts):
            heading = ctx.heading(part.title, part_style, key=f"summary.{n}.{k}")
            # the front's boxes split between their items rather than move on whole: the first part starts
            # right under the title, and a column is too short to leave a box's height of it bare
            ctx.frame_height = None if n == 0 else shortest
            flowables = [f for block in part.blocks for f in BLOCK_BUILDERS[type(block)](ctx, block)]
            story.append(KeepWithNext(heading, flowables, min_height=ctx.two_lines))
    story += _full_guide(ctx, ui, guide_title, clinic)

    def frames(top: float, height: float, name: str) -> list[Frame]:
        out = []
        for k in range(columns):  # the first column on the start side: the right, right to left
            offset = k * (col_w + COLUMN_GAP)
            x = page_w - m - col_w - offset if ctx.rtl else m + offset
            out.append(Frame(x, top - height, col_w, height, id=f"{name}{k}",
                             leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0))
        return out

    top, bottom = page_h - m, m + footer_h
    header_frame = Frame(m, top - header_h, full, header_h, id="header",
                         leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    rule_y = top - header_h - HEADER_GAP / 2
    columns_top = top - header_h - HEADER_GAP

    def draw_rule(canv, doc_):  # under the header: a decoration
        with canv.artifact():
            canv.saveState()
            canv.setStrokeColor(theme.accent)
            canv.setLineWidth(1.2)
            canv.line(m, rule_y, page_w - m, rule_y)
            canv.restoreState()

    footer = footer_painter(ctx.footer_drawer(title, page_w, m))
    doc.addPageTemplates([
        PageTemplate("first", frames=[header_frame, *frames(columns_top, columns_top - bottom, "first")],
                     onPage=draw_rule, onPageEnd=footer),
        PageTemplate("next", frames=frames(top, top - bottom, "next"), onPageEnd=footer),
    ])
    doc.build(story)
    pages = doc.canv.pages_done
    if request.kind.max_pages is not None and pages > request.kind.max_pages:
        warn(BuildWarning("layout.overflow", summary.origin,
                          f"the {request.kind.name} takes {pages} pages, more than its {request.kind.max_pages}: "
                          f"show fewer or shorter blocks in summary.yaml"))
    return pages


class StartPage(ActionFlowable):
    """Go on to page `page` (the back of the sheet), unless what comes before has already run onto it: a
    longer language moves the next side's parts down the page rather than onto a page of their own."""

    def __init__(self, page: int):
        super().__init__()
        self.page = page

    def apply(self, doc):
        if doc.page < self.page:
            doc.handle_pageBreak()


def _stacked_height(flowables: list, width: float, room: float) -> float:
    """The height `flowables` take in a frame `width` wide, one under the other, with their spacing, and a
    point to spare (ReportLab's frame compares with a tolerance of its own)."""
    total = 0.0
    for i, f in enumerate(flowables):
        total += f.wrap(width, room)[1] + f.getSpaceAfter() + (f.getSpaceBefore() if i else 0)
    return total + 1


def _full_guide(ctx: LayoutContext, ui: dict[str, c.Text], guide_title: str, clinic) -> list:
    """Where to read the whole guide: the clinic's online copy, with its address and a QR code, when its
    profile gives one; else the guide's title."""
    s = ctx.theme.body_size
    url = clinic.guide_url if clinic is not None else None
    if url is None:
        text = ctx.p(ui["ui.summary.full-guide"], "body", title=guide_title)
        box = [[text]]
    else:
        lead = ui["ui.summary.full-guide-online"]
        text = ctx.p(lead, "body")
        address = ctx.tag("P", ctx.paragraph([Run(url, href=url)], "body"))
        qr_size = max(26 * mm, s * 6)  # decodes from a phone at arm's length, and from a 70 dpi rendering
        qr = ctx.tag("Figure", branding.qr_drawing(url, qr_size),
                     alt=ctx.loc.plain(ui["ui.clinic.qr-alt"], address=url))
        caption = ctx.p(ui["ui.summary.scan"], "small")
        caption.spaceBefore = s * 0.4
        # the code beside the words, not under them: the box is the sheet's last thing, and lines saved
        # here are what keeps a long language's summary on its sheet; the address under both, on the
        # box's whole width, so that it breaks as little as it can
        cells, widths = [qr, [text, caption]], [qr_size + s * 0.6, ctx.width - qr_size - s * 0.6 - 2 * s]
        if ctx.rtl:
            cells, widths = cells[::-1], widths[::-1]
        row = Table([cells], colWidths=widths, style=TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("FONTNAME", (0, 0), (-1, -1), ctx.fonts.body),
            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
        box = [[row], [address]]
    table = Table(box, colWidths=[ctx.width], hAlign="RIGHT" if ctx.rtl else "LEFT", style=TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), ctx.fonts.body),
        ("BOX", (0, 0), (-1, -1), 1.2, ctx.theme.accent),
        ("LEFTPADDING", (0, 0), (-1, -1), s), ("RIGHTPADDING", (0, 0), (-1, -1), s),
        ("TOPPADDING", (0, 0), (-1, -1), s * 0.5), ("BOTTOMPADDING", (0, 0), (-1, -1), s * 0.5),
        ("NOSPLIT", (0, 0), (-1, -1))]))
    table.spaceBefore = s * 0.6
    return [table]
