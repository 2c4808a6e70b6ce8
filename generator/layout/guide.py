"""Lay out the guide: content blocks to flowables (dispatch by block type), cover, contents, back cover."""
from __future__ import annotations

from typing import Callable

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import (Frame, KeepTogether, ListFlowable, ListItem, NextPageTemplate,
                                PageBreak, PageTemplate, Spacer, Table, TableStyle)
from reportlab.pdfbase.pdfmetrics import stringWidth

from ..source import content as c
from ..source import markup
from .diagram import StepsDiagram, label_size
from ..errors import BuildWarning
from .columns import (BOX_PAD_END, BOX_PAD_START, BULLET_INDENT, CELL_PAD, comparison_box_width, comparison_fits,
                      table_widths)
from .flowables import BoxTable, Contents, KeepWithNext, SideBySide
from .context import LayoutContext
from .pathway import PathwayBox
from .structure import COLUMN_HEADER, ROW_HEADER, label_list_items
from ..i18n.localise import sort_key
from . import branding
from ..source.clinic import Clinic
from ..documents import Request
from ..pdf.document import Heading, MsguideDocTemplate, footer_painter
from .theme import INK, RULE, TONES


# --- blocks ----------------------------------------------------------------------------------------


def _paragraph(ctx: LayoutContext, block: c.Paragraph) -> list:
    return [ctx.p(block.text, "body")]


def _side(ctx: LayoutContext, indent: float) -> dict:
    """Bullets and their indent on the start side: the right in a right-to-left document."""
    return {"rightIndent": indent, "bulletDir": "rtl"} if ctx.rtl else {"leftIndent": indent}


# ReportLab draws a list's marker as it is, in one font: the first of the locale's fonts that has it.
BULLET = "\u2022"
LIST_NUMBERS = "0123456789."


Item = tuple[ListItem, object]  # a list item and the Lbl element its number is drawn as (None: a bullet)


def _items(ctx: LayoutContext, bodies: list[Callable[[str], object]], numbered: bool) -> list[Item]:
    """A list's items as a new L element: per item an LI holding its Lbl (the number) and its LBody, the
    flowable that `body("LBody")` makes (a paragraph tagged in that role). A bullet says nothing the list's
    /ListNumbering /Disc does not: it is drawn as an artifact, and the file stays within its budget."""
    out = []
    with ctx.element("L", attributes={"O": "List", "ListNumbering": "Decimal" if numbered else "Disc"}):
        for body in bodies:
            with ctx.element("LI"):
                label = ctx.new_element("Lbl") if numbered else None
                out.append((ListItem(body("LBody")), label))
    return out


def _labelled(lf: ListFlowable, items: list[Item]) -> ListFlowable:
    label_list_items(lf, [label for _, label in items])
    return lf


# Spacing is given when the list is made: its items are made then, for their labels, and take it from it.
def _numbered(ctx: LayoutContext, items: list[Item], **spacing) -> ListFlowable:
    s = ctx.theme.body_size
    spacing = {"spaceAfter": s * 0.5, **spacing}
    # ReportLab draws the number as it is given, so right to left it is written in display order: ".1"
    return _labelled(ListFlowable([i for i, _ in items], bulletType="1", bulletFormat=".%s" if ctx.rtl else "%s.",
                                  **_side(ctx, s * 1.8), bulletFontName=ctx.fonts.bold(ctx.fonts.family_drawing(LIST_NUMBERS)),
                                  bulletFontSize=s, bulletColor=ctx.theme.accent, **spacing), items)


def _bulleted(ctx: LayoutContext, items: list[Item], color=None, **spacing) -> ListFlowable:
    s = ctx.theme.body_size
    spacing = {"spaceAfter": s * 0.5, **spacing}
    return _labelled(ListFlowable([i for i, _ in items], bulletType="bullet", start=BULLET, **_side(ctx, s * BULLET_INDENT),
                                  bulletFontName=ctx.fonts.family_drawing(BULLET), bulletFontSize=s,
                                  bulletColor=color or ctx.theme.accent, **spacing), items)


def _list(ctx: LayoutContext, block: c.ListBlock) -> list:
    items = _items(ctx, [lambda role, t=t: ctx.p(t, "item", role=role) for t in block.items], block.numbered)
    return [_numbered(ctx, items) if block.numbered else _bulleted(ctx, items)]


def _tone(ctx: LayoutContext, tone: str):
    """A box's (tint, bar colour): the key tone's bar in the document's accent."""
    tint, bar = TONES[tone]
    return tint, ctx.theme.accent if tone == "key" else bar


def _box_items(ctx: LayoutContext, items: tuple[c.Text, ...], bar) -> list:
    """A box's items, one list (an L element), as a ListFlowable per item: a box splits between them."""
    made = _items(ctx, [lambda role, t=t: ctx.p(t, "callout", role=role) for t in items], False)
    return [_bulleted(ctx, [item], bar, spaceAfter=0) for item in made]


def _callout(ctx: LayoutContext, block: c.Callout) -> list:
    return [callout_box(ctx, block.tone, block.title, block.text, block.items)]


def callout_box(ctx: LayoutContext, tone: str, title: c.Text | None, text: c.Text | None, items: tuple[c.Text, ...],
                *, title_role: str = "H3", bookmark: str | None = None) -> BoxTable:
    """A callout: its title a heading one level below the enclosing one (`title_role`), and with
    `bookmark` (a key) an outline entry too; its text; its items, one list."""
    # as the web edition's <aside>: its title a heading below the section's, its items one list, a row each
    rows = []
    heading = None
    if title:
        if bookmark is not None:
            heading = ctx.heading(title, "callout_title", key=bookmark, role=title_role)
        rows.append(heading or ctx.p(title, "callout_title", role=title_role))
    if text:
        rows.append(ctx.p(text, "callout"))
    rows += _box_items(ctx, items, _tone(ctx, tone)[1])
    return _box(ctx, tone, rows, titled=bool(title), heading=heading)


# A side-by-side comparison that does not fit what is left of a page is stacked there when at least this
# share of the page is left (else it moves on whole: a few lines' gap is better than a box's first line).
STACK_ROOM = 0.35


def _box(ctx: LayoutContext, tone: str, rows: list, *, titled: bool, heading=None, splits: bool = False) -> BoxTable:
    """A tinted box with a bar at the side: a one-column table, one row per paragraph. It moves to the
    next page whole when it fits on one; only a box taller than a page splits, between rows, and never
    right after its title (`heading`: a title that is also an outline entry)."""
    tint, bar = _tone(ctx, tone)
    s = ctx.theme.body_size
    style = [
        ("FONTNAME", (0, 0), (-1, -1), ctx.fonts.body),  # else Table sets up Helvetica, unembedded
        ("LINEAFTER" if ctx.rtl else "LINEBEFORE", (0, 0), (0, -1), 4, bar),  # the bar on the start side
        ("RIGHTPADDING" if ctx.rtl else "LEFTPADDING", (0, 0), (-1, -1), s * BOX_PAD_START),
        ("LEFTPADDING" if ctx.rtl else "RIGHTPADDING", (0, 0), (-1, -1), s * BOX_PAD_END),
        ("TOPPADDING", (0, 0), (-1, -1), s * 0.3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), s * 0.3),
        ("TOPPADDING", (0, 0), (-1, 0), s * 0.8),
        ("BOTTOMPADDING", (0, -1), (-1, -1), s * 0.9),
    ]
    if ctx.theme.tinted:
        style.append(("BACKGROUND", (0, 0), (-1, -1), tint))
    else:  # large print: no text over tints, a full border instead
        style.append(("BOX", (0, 0), (-1, -1), 2, bar))
    if titled and len(rows) > 1:
        style.append(("NOSPLIT", (0, 0), (-1, 1)))
    table = BoxTable([[row] for row in rows], colWidths=[ctx.width], style=TableStyle(style),
                     hAlign="RIGHT" if ctx.rtl else "LEFT", page_height=None if splits else ctx.frame_height,
                     heading=heading)
    table.spaceBefore, table.spaceAfter = s * 0.3, s * 0.9
    return table


def _subheading(ctx: LayoutContext, block: c.Subheading) -> list:
    """A heading one level below its section's (H3 under an H2), a bookmark under the section's; kept
    with the start of what follows it (_section_body)."""
    return [ctx.heading(block.text, "subheading", key=block.id, level=1, role="H3")]


def _comparison(ctx: LayoutContext, block: c.Comparison) -> list:
    """Two boxes, as callouts: each its title (H3) and its items (an L), read one box after the other.
    Side by side, the first on the start side, when their words fit the half width and the pair fits a
    page; else one under the other (large print always)."""
    boxes = []
    for col in block.columns:
        title = ctx.p(col.title, "callout_title", role="H3")
        boxes.append((col.tone, [title] + _box_items(ctx, col.items, _tone(ctx, col.tone)[1])))
    if comparison_fits(ctx, block):
        pair = _side_by_side(ctx, boxes)
        if ctx.frame_height is None:
            return [pair]
        if pair.wrap(ctx.width, 1e6)[1] <= ctx.frame_height:
            # low on a page, the boxes go one under the other rather than leave the page's rest bare
            stacked = [_box(ctx, tone, rows, titled=True, splits=True) for tone, rows in boxes]
            return [SideBySide(pair, stacked, room=ctx.frame_height * STACK_ROOM)]
    return [_box(ctx, tone, rows, titled=True) for tone, rows in boxes]


def _side_by_side(ctx: LayoutContext, boxes: list) -> Table:
    s = ctx.theme.body_size
    w = comparison_box_width(ctx)
    # each box's title, then its items, a little apart
    cells = [[rows[0]] + [f for item in rows[1:] for f in (Spacer(1, s * 0.4), item)] for _, rows in boxes]
    cells, widths = [cells[0], "", cells[1]], [w, ctx.width - 2 * w, w]
    tones = [boxes[0][0], None, boxes[1][0]]
    if ctx.rtl:  # the first box on the right
        cells, tones = cells[::-1], tones[::-1]
    style = [("FONTNAME", (0, 0), (-1, -1), ctx.fonts.body), ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("TOPPADDING", (0, 0), (-1, -1), s * 0.8), ("BOTTOMPADDING", (0, 0), (-1, -1), s * 0.9),
             ("LEFTPADDING", (1, 0), (1, 0), 0), ("RIGHTPADDING", (1, 0), (1, 0), 0)]
    for col, tone in enumerate(tones):
        if tone is None:
            continue
        tint, bar = _tone(ctx, tone)
        style += [("LINEAFTER" if ctx.rtl else "LINEBEFORE", (col, 0), (col, 0), 4, bar),
                  ("RIGHTPADDING" if ctx.rtl else "LEFTPADDING", (col, 0), (col, 0), s * BOX_PAD_START),
                  ("LEFTPADDING" if ctx.rtl else "RIGHTPADDING", (col, 0), (col, 0), s * BOX_PAD_END)]
        style.append(("BACKGROUND", (col, 0), (col, 0), tint) if ctx.theme.tinted else ("BOX", (col, 0), (col, 0), 2, bar))
    table = Table([cells], colWidths=widths, style=TableStyle(style), hAlign="RIGHT" if ctx.rtl else "LEFT")
    table.spaceBefore, table.spaceAfter = s * 0.3, s * 0.9
    return table


def _cell(ctx: LayoutContext, text: c.Text, style: str, role: str, attributes: dict | None = None):
    return ctx.tag(role, ctx.para(text, style), lang=ctx.lang_of(text), attributes=attributes)


def _table(ctx: LayoutContext, block: c.Table) -> list:
    """A Table element (its Caption, a TR per row, TH for the header row and each row's first cell, TD),
    printed as a grid whose columns are as wide as their words need, the first on the start side; or,
    when the columns do not fit side by side (large print: more than two), as a block per row: its
    header in bold, then each column's title over its cell. The caption is kept with the first rows."""
    s = ctx.theme.body_size
    pad = s * CELL_PAD
    widths = table_widths(ctx, block)
    with ctx.element("Table"):
        caption = ctx.p(block.caption, "caption", role="Caption") if block.caption else None
        table = _grid(ctx, block, widths, pad) if widths else _row_blocks(ctx, block, pad)
    table.spaceBefore, table.spaceAfter = s * 0.3, s * 0.9
    if caption is None:
        return [table]
    return [KeepWithNext(caption, table, min_height=ctx.two_lines)]


def _grid(ctx: LayoutContext, block: c.Table, widths: list[float], pad: float) -> Table:
    rows = []
    with ctx.element("TR"):
        rows.append([_cell(ctx, t, "cell_head", "TH", COLUMN_HEADER) for t in block.columns])
    for row in block.rows:
        with ctx.element("TR"):
            rows.append([_cell(ctx, row.cells[0], "cell_head", "TH", ROW_HEADER)]
                        + [_cell(ctx, t, "cell", "TD") for t in row.cells[1:]])
    if ctx.rtl:  # the first column on the right
        rows, widths = [r[::-1] for r in rows], widths[::-1]
    style = [("FONTNAME", (0, 0), (-1, -1), ctx.fonts.body), ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
             ("TOPPADDING", (0, 0), (-1, -1), pad * 0.8), ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
             ("LINEBELOW", (0, 0), (-1, 0), 1.5, ctx.theme.accent),
             ("LINEBELOW", (0, 1), (-1, -1), 0.6, RULE)]
    if ctx.theme.tinted:
        style.append(("BACKGROUND", (0, 0), (-1, 0), TONES["key"][0]))
    return Table(rows, colWidths=widths, repeatRows=1, style=TableStyle(style), hAlign="RIGHT" if ctx.rtl else "LEFT",
                 splitInRow=_split_in_row(ctx, rows, widths, pad))


def _row_blocks(ctx: LayoutContext, block: c.Table, pad: float) -> Table:
    """The table as a block per row, for a page too narrow for its columns: still a Table element, each
    block a TR of the row's header (TH) and its cells (TD), each cell shown under its column's title."""
    s = ctx.theme.body_size
    rows = []
    for row in block.rows:
        with ctx.element("TR"):
            cells = [_cell(ctx, row.cells[0], "callout_title", "TH", ROW_HEADER)]
            for column, text in zip(block.columns[1:], row.cells[1:]):
                runs = [markup.Run(r.text, True, r.italic, r.href) for r in ctx.runs(column)]
                para = ctx.paragraph(runs + [markup.LINE_BREAK] + ctx.runs(text), "item")
                para.spaceBefore = s * 0.3
                cells.append(ctx.tag("TD", para, lang=ctx.lang_of(column, text)))
        rows.append([cells])
    style = [("FONTNAME", (0, 0), (-1, -1), ctx.fonts.body), ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
             ("TOPPADDING", (0, 0), (-1, -1), s * 0.5), ("BOTTOMPADDING", (0, 0), (-1, -1), s * 0.2),
             ("LINEABOVE", (0, 0), (-1, -1), 1.5 if ctx.theme.tinted else 2, ctx.theme.accent),
             ("LINEBELOW", (0, -1), (-1, -1), 1.5 if ctx.theme.tinted else 2, ctx.theme.accent)]
    return Table(rows, colWidths=[ctx.width], style=TableStyle(style), hAlign="RIGHT" if ctx.rtl else "LEFT",
                 splitInRow=_split_in_row(ctx, rows, [ctx.width], 0))


def _split_in_row(ctx: LayoutContext, rows: list, widths: list[float], pad: float) -> int:
    """A table's rows never split across pages, unless one is taller than a page: then that table may
    split inside a row, leaving at least three lines on each side."""
    if ctx.frame_height is None:
        return 0
    for row in rows:
        height = 0.0
        for cell, w in zip(row, widths):
            flowables = cell if isinstance(cell, list) else [cell]
            height = max(height, sum(f.wrap(w - 2 * pad, ctx.frame_height)[1] for f in flowables))
        if height > ctx.frame_height * 0.8:
            return int(3 * ctx.theme.leading)
    return 0


def _pathway(ctx: LayoutContext, block: c.Pathway) -> list:
    """Numbered boxes joined by arrows, top to bottom: an ordered list (L > LI > Lbl + LBody), the
    number drawn as the Lbl, the box and arrows decoration. The line on how to use it stays with the
    first box."""
    intro = ctx.p(block.intro, "body") if block.intro else None
    boxes = []
    with ctx.element("L", attributes={"O": "List", "ListNumbering": "Decimal"}):
        for i, step in enumerate(block.steps, 1):
            with ctx.element("LI"):
                number = ctx.loc.number(i)
                label = ctx.label_element(number, "Lbl")
                with ctx.element("LBody"):
                    body = [ctx.p(step.title, "term"), ctx.p(step.text, "callout")]
            boxes.append(PathwayBox(ctx, number, label, body, arrow=i < len(block.steps),
                                    page_height=ctx.frame_height))
    boxes[-1].spaceAfter = ctx.theme.body_size * 0.6
    return [KeepWithNext(intro, boxes, min_height=ctx.two_lines)] if intro else boxes


def _steps(ctx: LayoutContext, block: c.Steps) -> list:
    s = ctx.theme.body_size
    labels = [ctx.loc.plain(step.label) for step in block.steps]
    base = s * 0.9 if ctx.theme.tinted else s  # large print: labels as big as the body text
    col = ctx.width / len(labels) - 6
    size = label_size(labels, lambda t, z: ctx.text_width(t, z, bold=True), base, col, ctx.theme.min_size)
    caption = ctx.p(ctx.ui["ui.steps.caption"], "h2", role="H3")
    if size is not None:
        drawing = StepsDiagram(ctx, labels, size, vertical=False)
    else:  # a long word in some language: stack the steps so each label has the full width
        drawing = StepsDiagram(ctx, labels, base, vertical=True)
    alt = ctx.loc.plain(ctx.ui["ui.steps.alt"], count=ctx.loc.number(len(labels)), steps=ctx.loc.list_of(
        [f"{ctx.loc.number(i)}. {label}" for i, label in enumerate(labels, 1)]))
    drawing = ctx.tag("Figure", drawing, alt=alt)

    def explanation(step, role):
        runs = [markup.Run(r.text, True, r.italic, r.href) for r in ctx.runs(step.label)]
        return ctx.tag(role, ctx.paragraph(runs + [markup.Run(". ")] + ctx.runs(step.text), "item"),
                       lang=ctx.lang_of(step.label, step.text))

    explanations = _numbered(ctx, _items(ctx, [lambda role, st=st: explanation(st, role) for st in block.steps],
                                         True), spaceBefore=s * 0.8)
    # the diagram is read with its caption and its explanation: on one page, unless taller than a page
    return [KeepWithNext(caption, [drawing, explanations], whole=ctx.frame_height, min_height=ctx.two_lines)]


def _glossary(ctx: LayoutContext, block: c.Glossary) -> list:
    """Entries sorted by the term as the reader sees it, so a translated glossary is alphabetical too."""
    entries = sorted(block.entries, key=lambda e: sort_key(ctx.loc.plain(e.term)))
    out = []
    with ctx.element("L"):  # each item a term (its label) and its definition
        for e in entries:
            with ctx.element("LI"):
                term = ctx.p(e.term, "term", role="Lbl")
                out.append(KeepWithNext(term, ctx.p(e.definition, "definition", role="LBody"),
                                        min_height=ctx.two_lines))
    return out


def _sources(ctx: LayoutContext, block: c.Sources) -> list:
    items = []
    for e in block.entries:
        # publisher, then the title on its own line: no punctuation between them that a language would
        # space differently (French puts a space before a colon)
        runs = ctx.runs(e.publisher) + [markup.LINE_BREAK]
        runs += [markup.Run(r.text, r.bold, True, r.href) for r in ctx.runs(e.title)]
        if e.note:
            runs += [markup.LINE_BREAK] + ctx.runs(e.note)
        if e.url:
            runs += [markup.LINE_BREAK, markup.Run(e.url, href=e.url)]
        items.append(lambda role, runs=runs: ctx.tag(role, ctx.paragraph(runs, "item")))
    return [_numbered(ctx, _items(ctx, items, True))]


BLOCK_BUILDERS: dict[type, Callable[[LayoutContext, object], list]] = {
    c.Paragraph: _paragraph,
    c.Subheading: _subheading,
    c.ListBlock: _list,
    c.Callout: _callout,
    c.Steps: _steps,
    c.Glossary: _glossary,
    c.Sources: _sources,
    c.Comparison: _comparison,
    c.Table: _table,
    c.Pathway: _pathway,
}


def _section_body(ctx: LayoutContext, blocks) -> list:
    """The flowables of a section's blocks, in order, each heading among them (a subheading) glued to the
    start of what follows it, so none is left at a page's foot."""
    out: list = []
    for f in reversed([f for block in blocks for f in BLOCK_BUILDERS[type(block)](ctx, block)]):
        if isinstance(f, Heading) and out:
            out[0] = KeepWithNext(f, out[0], min_height=ctx.two_lines)
        else:
            out.insert(0, f)
    return out

# --- pages -----------------------------------------------------------------------------------------


def render_guide(request: Request, path) -> int:
    """Write the guide PDF to `path` (a file name or a binary file): A5/half-letter pages, or a full
    sheet for large print; return its pages."""
    content, loc, fonts, warn = request.content, request.loc, request.fonts, request.warn
    page_size, theme, notices = request.page_size, request.theme, request.notices
    clinic, clinic_origin = request.clinic, request.clinic_origin
    page_w, page_h = page_size
    m = theme.margin
    width = page_w - 2 * m
    footer_h = theme.size(0.78) + 4 * mm
    ctx = LayoutContext(loc, fonts, theme, width, warn, content.ui, frame_height=page_h - 2 * m - footer_h)
    ui = content.ui
    g = content.guide
    s = theme.body_size

    meta = ctx.pdf_meta(g.title, content.edition)
    doc = MsguideDocTemplate(path, meta=meta, pagesize=(page_w, page_h),
                             structure=ctx.structure if request.kind.tagged else None,
                             initialFontName=fonts.body, initialFontSize=s,
                             leftMargin=m, rightMargin=m, topMargin=m, bottomMargin=m + footer_h)
    body_frame = Frame(m, m + footer_h, width, page_h - 2 * m - footer_h, id="body",
                       leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    # made before the build: a problem in them must surface as our error, not inside ReportLab's loop
    # the cover is content: the document's title is its one H1
    cover = {"title": ctx.p(g.title, "cover_title", role="H1"), "subtitle": ctx.p(g.subtitle, "cover_subtitle"),
             "lower": [ctx.p(g.audience, "cover_line"), ctx.p(ui["ui.cover.edition"], "cover_line"),
                       ctx.p(ui["ui.cover.based-on"], "small")]}
    notice = ctx.notice_box(notices)
    given_by = branding.header_block(ctx, clinic, clinic_origin, ctx.runs(ui["ui.clinic.given-by"])) \
        if clinic else None
    draw_footer = ctx.footer_drawer(g.title, page_w, m)
    accent = theme.accent

    def draw_cover(canv, doc_):
        canv.saveState()
        title, sub = cover["title"], cover["subtitle"]
        _, th = title.wrapOn(canv, width, page_h)
        _, sh = sub.wrapOn(canv, width, page_h)
        lower = cover["lower"] + [f for f in (notice,) if f is not None]
        heights = [f.wrapOn(canv, width, page_h)[1] for f in lower]
        lower_h = sum(h + s * 0.6 for h in heights)
        clinic_h = given_by.wrapOn(canv, width, page_h)[1] + s if given_by is not None else 0
        if theme.tinted:  # white title on an accent band, as tall as the text below allows
            heading_h = th + sh + s * 0.8 + 2 * m
            band_h = min(page_h * 0.55, page_h - lower_h - clinic_h - 2 * m)
            if band_h < heading_h:
                warn(BuildWarning("layout.overflow", clinic_origin or loc.origin(g.title),
                                  "the cover is too full: shorten the title, notices or clinic details"))
                band_h = heading_h
            with canv.artifact():
                canv.setFillColor(accent)
                canv.rect(0, page_h - band_h, page_w, band_h, stroke=0, fill=1)
                _draw_cells_motif(canv, accent, page_w, page_h, band_h)
            sub.drawOn(canv, m, page_h - band_h + m)
            title.drawOn(canv, m, page_h - band_h + m + sh + s * 0.8)
            y = page_h - band_h - m
        else:  # large print: dark text on white, the accent only as a bar above it
            bar = 12 * mm
            with canv.artifact():
                canv.setFillColor(accent)
                canv.rect(0, page_h - bar, page_w, bar, stroke=0, fill=1)
            y = page_h - bar - m - th
            title.drawOn(canv, m, y)
            y -= sh + s * 0.8
            sub.drawOn(canv, m, y)
            y -= s * 1.5
        for f, h in zip(lower, heights):
            y -= h
            f.drawOn(canv, m, y)
            y -= s * 0.6
        if given_by is not None:
            given_by.drawOn(canv, m, m)
            if m + clinic_h > y + s:
                warn(BuildWarning("layout.overflow", clinic_origin, "clinic details overlap the cover text"))
        canv.restoreState()

    def draw_back(canv, doc_):
        with canv.artifact():
            canv.saveState()
            canv.setFillColor(accent)
            canv.rect(0, 0, page_w, 10 * mm, stroke=0, fill=1)
            canv.restoreState()

    doc.addPageTemplates([
        PageTemplate("cover", frames=[Frame(m, m, width, page_h - 2 * m, id="cover")], onPage=draw_cover),
        PageTemplate("body", frames=[body_frame], onPageEnd=footer_painter(draw_footer)),
        PageTemplate("back", frames=[Frame(m, m + 10 * mm, width, page_h - 2 * m - 10 * mm, id="back",
                                           leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)],
                     onPage=draw_back),
    ])

    toc_style = ctx.styles["toc0"]
    number_width = stringWidth(loc.number(888), fonts.body, toc_style.fontSize)
    line_style = toc_style.clone("contents_line", **({"leftIndent": number_width + toc_style.fontSize * 1.2}
                                                     if ctx.rtl else {"rightIndent": number_width + toc_style.fontSize * 1.2}))
    toc_title = ctx.p(ui["ui.toc.title"], "h1", role="H2")
    entries = []
    with ctx.element("TOC"):
        for sec in g.sections:
            entries.append((sec.id, ctx.para(sec.title, line_style),
                            ctx.new_element("TOCI", lang=ctx.lang_of(sec.title)).child("Link"), loc.plain(sec.title)))
    toc = Contents(entries, line_style, rtl=ctx.rtl,
                   number_font=fonts.body, number_size=toc_style.fontSize, page_of=lambda key: doc.heading_pages[key],
                   number=loc.number, number_width=number_width)
    story: list = [NextPageTemplate("body"), PageBreak(), toc_title, toc, PageBreak()]
    for section in g.sections:  # headings and blocks side by side, as in the web edition's sections
        heading = ctx.heading(section.title, "h1", key=section.id)
        story.append(KeepWithNext(heading, _section_body(ctx, section.blocks), min_height=ctx.two_lines))
    story += [NextPageTemplate("back"), PageBreak()] + _care_team(ctx, ui, clinic, clinic_origin)
    doc.build(story)
    return doc.canv.pages_done


def _care_team(ctx: LayoutContext, ui: dict[str, c.Text], clinic: Clinic | None, clinic_origin) -> list:
    s = ctx.theme.body_size
    out = [ctx.p(ui["ui.careteam.title"], "h1", role="H2")]
    if clinic is not None:
        caption = ui["ui.clinic.scan-guide" if clinic.guide_url else "ui.clinic.scan-website"]
        out.append(branding.care_team_block(ctx, clinic, clinic_origin, ctx.runs(caption)))
    out += [ctx.p(ui["ui.careteam.intro"], "body"), Spacer(1, s * 0.4)]
    # with a clinic's block above them, its own row would repeat it and push the back cover onto two pages
    rows = ("ui.careteam.specialist", "ui.careteam.nurse", "ui.careteam.doctor") + (() if clinic else ("ui.careteam.center",))
    for key in rows:
        # a row to write in: its label, then the small labels under the two blank lines
        label = ctx.p(ui[key], "term")
        name, phone = ctx.p(ui["ui.careteam.name"], "small"), ctx.p(ui["ui.careteam.phone"], "small")
        cells, widths = [name, phone], [ctx.width * 0.6, ctx.width * 0.4]
        if ctx.rtl:  # the name column on the start side
            cells, widths = cells[::-1], widths[::-1]
        rows = [[label, Spacer(1, 1)],  # spans both columns; aligns itself
                [Spacer(1, s * 1.6), Spacer(1, s * 1.6)], cells]
        t = Table(rows, colWidths=widths, style=TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), ctx.fonts.body),
            ("SPAN", (0, 0), (-1, 0)),
            ("LINEBELOW", (0, 1), (0, 1), 0.8, INK),
            ("LINEBELOW", (1, 1), (1, 1), 0.8, INK),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (0, -1), s),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ]))
        out += [KeepTogether([t]), Spacer(1, s * 0.9)]
    return out


def _draw_cells_motif(canv, accent, page_w: float, page_h: float, band_h: float) -> None:
    """Quiet decoration on the cover band: a cell dividing into two, echoing the sources' illustration.
    The tint is an opaque mix of the accent with white, not transparency, which print workflows such as
    PDF/X-1a refuse and which would add a graphics state to every page."""
    canv.setFillColor(colors.linearlyInterpolatedColor(accent, colors.white, 0, 1, 0.10))
    cx, cy = page_w * 0.80, page_h - band_h * 0.22
    for dx, dy, r in ((0, 0, 34), (48, -22, 22), (-40, 26, 14), (22, 40, 9)):
        canv.circle(cx + dx, cy + dy, r, stroke=0, fill=1)
