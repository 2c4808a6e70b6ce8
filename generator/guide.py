"""Lay out the guide: content blocks to flowables (dispatch by block type), cover, contents, back cover."""
from __future__ import annotations

import unicodedata
from typing import Callable

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import (Frame, KeepTogether, ListFlowable, ListItem, NextPageTemplate,
                                PageBreak, PageTemplate, Paragraph, Spacer, Table, TableStyle)
from reportlab.platypus.tableofcontents import TableOfContents

from . import content as c
from . import markup
from .diagram import label_size, steps_diagram, steps_diagram_vertical
from .errors import BuildWarning, FontError
from .flowables import KeepWithNext
from .layout import LayoutContext, Notices
from .fonts import FontSet
from .localise import Localiser
from .paper import guide_page_size
from .pdfdoc import Heading, MsguideDocTemplate, PageTotal, PdfMeta, footer_painter
from .theme import ACCENT, INK, MUTED, RULE, TONES, Theme, LINK


# --- blocks ----------------------------------------------------------------------------------------


def _paragraph(ctx: LayoutContext, block: c.Paragraph) -> list:
    return [ctx.para(block.text, "body")]


def _bullets(ctx: LayoutContext, items, style="item", numbered=False) -> ListFlowable:
    s = ctx.theme.body_size
    flow_items = [ListItem(ctx.para(t, style)) for t in items]
    if numbered:
        return ListFlowable(flow_items, bulletType="1", bulletFormat="%s.", leftIndent=s * 1.8,
                            bulletFontName=ctx.fonts.bold(), bulletFontSize=s, bulletColor=ACCENT,
                            spaceAfter=s * 0.5)
    return ListFlowable(flow_items, bulletType="bullet", start="\u2022", leftIndent=s * 1.4,
                        bulletFontName=ctx.fonts.body, bulletFontSize=s, bulletColor=ACCENT,
                        spaceAfter=s * 0.5)


def _list(ctx: LayoutContext, block: c.ListBlock) -> list:
    return [_bullets(ctx, block.items, numbered=block.numbered)]


def _callout(ctx: LayoutContext, block: c.Callout) -> list:
    """A tinted box with a bar at the side: a one-column table, one row per paragraph, so it splits
    between rows across pages, and never right after its title."""
    tint, bar = TONES[block.tone]
    s = ctx.theme.body_size
    rows = []
    if block.title:
        rows.append([ctx.para(block.title, "callout_title")])
    if block.text:
        rows.append([ctx.para(block.text, "callout")])
    for item in block.items:
        p = ctx.para(item, "callout")
        rows.append([ListFlowable([ListItem(p)], bulletType="bullet", start="\u2022", leftIndent=s * 1.3,
                                  bulletFontName=ctx.fonts.body, bulletColor=bar)])
    style = [
        ("FONTNAME", (0, 0), (-1, -1), ctx.fonts.body),  # else Table sets up Helvetica, unembedded
        ("BACKGROUND", (0, 0), (-1, -1), tint),
        ("LINEBEFORE", (0, 0), (0, -1), 4, bar),
        ("LEFTPADDING", (0, 0), (-1, -1), s * 1.1),
        ("RIGHTPADDING", (0, 0), (-1, -1), s * 0.9),
        ("TOPPADDING", (0, 0), (-1, -1), s * 0.3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), s * 0.3),
        ("TOPPADDING", (0, 0), (-1, 0), s * 0.8),
        ("BOTTOMPADDING", (0, -1), (-1, -1), s * 0.9),
    ]
    if block.title and len(rows) > 1:
        style.append(("NOSPLIT", (0, 0), (-1, 1)))
    table = Table(rows, colWidths=[ctx.width], style=TableStyle(style), hAlign="LEFT")
    table.spaceBefore, table.spaceAfter = s * 0.3, s * 0.9
    return [table]


def _steps(ctx: LayoutContext, block: c.Steps) -> list:
    s = ctx.theme.body_size
    labels = [ctx.loc.plain(step.label) for step in block.steps]
    font, bold = ctx.drawn_font("".join(labels), block.steps[0].label.origin)
    col = ctx.width / len(labels) - 6
    size = label_size(labels, bold, s * 0.9, col)
    caption = Paragraph(ctx.markup(ctx.ui["ui.steps.caption"]), ctx.styles["h2"])
    if size is not None:
        drawing = steps_diagram(labels, ctx.width, font, bold, size)
    else:  # a long word in some language: stack the steps so each label has the full width
        drawing = steps_diagram_vertical(labels, ctx.width, font, bold, s * 0.9)
    explanations = ListFlowable(
        [ListItem(Paragraph(f"<b>{ctx.markup(step.label)}.</b> {ctx.markup(step.text)}", ctx.styles["item"]))
         for step in block.steps],
        bulletType="1", bulletFormat="%s.", leftIndent=s * 1.8, bulletFontName=ctx.fonts.bold(),
        bulletColor=ACCENT, spaceAfter=s * 0.5)
    explanations.spaceBefore = s * 0.8
    return [KeepWithNext(caption, drawing), explanations]


def _glossary(ctx: LayoutContext, block: c.Glossary) -> list:
    """Entries sorted by the term as the reader sees it, so a translated glossary is alphabetical too."""
    def key(entry: c.GlossaryEntry) -> str:
        decomposed = unicodedata.normalize("NFKD", ctx.loc.plain(entry.term))
        return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()

    return [KeepTogether([ctx.para(e.term, "term"), ctx.para(e.definition, "definition")])
            for e in sorted(block.entries, key=key)]


def _sources(ctx: LayoutContext, block: c.Sources) -> list:
    items = []
    for e in block.entries:
        # publisher, then the title on its own line: no punctuation between them that a language would
        # space differently (French puts a space before a colon)
        parts = [f"{ctx.markup(e.publisher)}<br/><i>{ctx.markup(e.title)}</i><br/>"]
        if e.note:
            parts.append(ctx.markup(e.note))
        if e.url:
            url = markup.escape(e.url)
            parts.append(f'<a href="{url}" color="{LINK}"><u>{url}</u></a>')
        items.append(ListItem(Paragraph(" ".join(parts), ctx.styles["item"])))
    s = ctx.theme.body_size
    return [ListFlowable(items, bulletType="1", bulletFormat="%s.", leftIndent=s * 1.8,
                         bulletFontName=ctx.fonts.bold(), bulletColor=ACCENT, spaceAfter=s * 0.5)]


BLOCK_BUILDERS: dict[type, Callable[[LayoutContext, object], list]] = {
    c.Paragraph: _paragraph,
    c.ListBlock: _list,
    c.Callout: _callout,
    c.Steps: _steps,
    c.Glossary: _glossary,
    c.Sources: _sources,
}

# --- pages -----------------------------------------------------------------------------------------


def render_guide(content: c.Content, loc: Localiser, fonts: FontSet, paper: str, path: str,
                 warn: Callable[[BuildWarning], None], notices: Notices = Notices(),
                 theme: Theme | None = None) -> int:
    """Write the guide PDF to `path`; return its page count."""
    page_w, page_h = guide_page_size(paper)
    theme = theme or Theme(body_font=fonts.body)
    m = theme.margin
    width = page_w - 2 * m
    ctx = LayoutContext(loc, fonts, theme, width, warn, content.ui)
    ui = content.ui
    g = content.guide
    s = theme.body_size

    meta = PdfMeta(
        title=loc.plain(g.title),
        author=loc.plain(ui["ui.doc.publisher"]),
        subject=loc.plain(ui["ui.doc.subject"]),
        keywords=loc.plain(ui["ui.doc.keywords"]),
        lang=loc.info.tag,
    )
    page_total = PageTotal()
    doc = MsguideDocTemplate(path, meta=meta, page_total=page_total, pagesize=(page_w, page_h),
                             initialFontName=fonts.body, initialFontSize=s,
                             leftMargin=m, rightMargin=m, topMargin=m, bottomMargin=m + 6 * mm)
    body_frame = Frame(m, m + 6 * mm, width, page_h - 2 * m - 6 * mm, id="body",
                       leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    cover_text = {
        "title": ctx.markup(g.title), "subtitle": ctx.markup(g.subtitle),
        "audience": ctx.markup(g.audience), "edition": ctx.markup(ui["ui.cover.edition"]),
        "based-on": ctx.markup(ui["ui.cover.based-on"]),
    }
    notice = ctx.notice_box(notices)
    draw_footer = ctx.footer_drawer(g.title, page_w, m)

    def draw_cover(canv, doc_):
        canv.saveState()
        band_h = page_h * 0.55
        canv.setFillColor(ACCENT)
        canv.rect(0, page_h - band_h, page_w, band_h, stroke=0, fill=1)
        _draw_cells_motif(canv, page_w, page_h, band_h)
        styles = ctx.styles
        y = page_h - band_h + m
        sub = Paragraph(cover_text["subtitle"], styles["cover_subtitle"])
        _, sh = sub.wrapOn(canv, width, band_h)
        sub.drawOn(canv, m, y)
        title = Paragraph(cover_text["title"], styles["cover_title"])
        _, th = title.wrapOn(canv, width, band_h)
        title.drawOn(canv, m, y + sh + s * 0.8)
        if th > styles["cover_title"].leading * 3 + 1:
            warn(BuildWarning("layout.overflow", loc.origin(g.title), "cover.title: cover title needs more than 3 lines"))
        y = page_h - band_h - m
        for key, style in (("audience", "cover_line"), ("edition", "cover_line"), ("based-on", "small")):
            p = Paragraph(cover_text[key], styles[style])
            _, h = p.wrapOn(canv, width, page_h)
            y -= h
            p.drawOn(canv, m, y)
            y -= s * 0.6
        if notice is not None:
            _, h = notice.wrapOn(canv, width, page_h)
            notice.drawOn(canv, m, max(y - h - s * 0.4, m))
        canv.restoreState()

    def draw_back(canv, doc_):
        canv.saveState()
        canv.setFillColor(ACCENT)
        canv.rect(0, 0, page_w, 10 * mm, stroke=0, fill=1)
        canv.restoreState()

    doc.addPageTemplates([
        PageTemplate("cover", frames=[Frame(m, m, width, page_h - 2 * m, id="cover")], onPage=draw_cover),
        PageTemplate("body", frames=[body_frame], onPageEnd=footer_painter(draw_footer, page_total)),
        PageTemplate("back", frames=[Frame(m, m + 10 * mm, width, page_h - 2 * m - 10 * mm, id="back")],
                     onPage=draw_back),
    ])

    toc = TableOfContents(levelStyles=[ctx.styles["toc0"]], dotsMinLevel=0, tableStyle=TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), fonts.body), ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    story: list = [page_total, NextPageTemplate("body"), PageBreak(),
                   Paragraph(ctx.markup(ui["ui.toc.title"]), ctx.styles["h1"]), toc, PageBreak()]
    for section in g.sections:
        heading = Heading(ctx.markup(section.title), ctx.styles["h1"], key=section.id,
                          outline_title=loc.plain(section.title))
        flowables = [f for block in section.blocks for f in BLOCK_BUILDERS[type(block)](ctx, block)]
        story += [KeepWithNext(heading, flowables[0]), *flowables[1:]]
    story += [NextPageTemplate("back"), PageBreak()] + _care_team(ctx, ui)
    doc.multiBuild(story, maxPasses=4)
    return doc.page


def _care_team(ctx: LayoutContext, ui: dict[str, c.Text]) -> list:
    s = ctx.theme.body_size
    out = [Paragraph(ctx.markup(ui["ui.careteam.title"]), ctx.styles["h1"]),
           ctx.para(ui["ui.careteam.intro"], "body"), Spacer(1, s * 0.4)]
    small = ctx.styles["small"]
    for key in ("ui.careteam.specialist", "ui.careteam.nurse", "ui.careteam.doctor", "ui.careteam.center"):
        rows = [[ctx.para(ui[key], "term"), Spacer(1, 1)],
                [Spacer(1, s * 1.6), Spacer(1, s * 1.6)],
                [Paragraph(ctx.markup(ui["ui.careteam.name"]), small),
                 Paragraph(ctx.markup(ui["ui.careteam.phone"]), small)]]
        t = Table(rows, colWidths=[ctx.width * 0.6, ctx.width * 0.4], style=TableStyle([
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


def _draw_cells_motif(canv, page_w: float, page_h: float, band_h: float) -> None:
    """Quiet decoration on the cover band: a cell dividing into two, echoing the sources' illustration."""
    canv.setFillColor(colors.Color(1, 1, 1, alpha=0.10))
    cx, cy = page_w * 0.80, page_h - band_h * 0.22
    for dx, dy, r in ((0, 0, 34), (48, -22, 22), (-40, 26, 14), (22, 40, 9)):
        canv.circle(cx + dx, cy + dy, r, stroke=0, fill=1)
