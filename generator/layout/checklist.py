"""Lay out the fillable checklist: drawn labels in our fonts, AcroForm fields named from content IDs,
ruled lines under every answer so the blank printout works with a pen."""
from __future__ import annotations


from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Frame, PageTemplate, Spacer

from ..source import content as c
from .flowables import KeepWithNext
from .guide import callout_box
from .context import LayoutContext
from . import branding
from ..documents import Request
from ..pdf.document import MsguideDocTemplate, footer_painter
from ..pdf.fields import FieldFont, FormFields
from .fonts import FIELD_BLOCKS
from .theme import INK, RULE



def field_name(content_id: str, part: str = "") -> str:
    """A form field name from a content ID: stable across builds and languages, with no '.' (which PDF
    reserves for field hierarchy).

    >>> field_name("cl.center.accredited", "answer")
    'cl_center_accredited_answer'
    """
    base = content_id.replace(".", "_")
    return f"{base}_{part}" if part else base


class QuestionItem(Flowable):
    """A tick box, the question beside it, and ruled lines with a multi-line text field over them.
    Never split: a question stays with its answer space."""

    def __init__(self, ctx: LayoutContext, question: c.Text, tick_tip: str, lines: int):
        super().__init__()
        s = ctx.theme.body_size
        self.ctx = ctx
        self.question = question
        self.tick_tip = tick_tip
        self.tip = ctx.loc.plain(question)
        # reading order: the question, its tick box, its answer field (each widget in a Form element)
        self.para = ctx.p(question, "body")
        self.tick_form, self.answer_form = ctx.new_element("Form"), ctx.new_element("Form")
        self.box = round(s * 1.25, 1)
        self.indent = self.box + s * 0.7
        self.line_gap = max(20.0, s * 1.7)  # at least 7 mm (college-ruled paper): room to write by hand
        self.lines = lines
        self.spaceAfter = s * 0.3

    def wrap(self, aw, ah):
        self.width = aw
        _, self.ph = self.para.wrap(aw - self.indent, ah)
        self.height = max(self.ph, self.box) + self.lines * self.line_gap + 2
        return aw, self.height

    def draw(self):
        canv, s = self.canv, self.ctx.theme.body_size
        top = self.height
        # the box on the start side, the question and the answer lines after it
        box_x, text_x = (self.width - self.box, 0) if self.ctx.rtl else (0, self.indent)
        text_w = self.width - self.indent
        self.para.drawOn(canv, text_x, top - self.ph)
        with canv.annotations_for(self.tick_form):
            self.ctx.fields.tick_box(canv, name=field_name(self.question.id, "asked"), tooltip=self.tick_tip,
                                     x=box_x, y=top - self.box - 1, size=self.box, border_color=self.ctx.theme.accent)
        field_top = top - max(self.ph, self.box) - 2
        canv.saveState()
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.6)
        for i in range(1, self.lines + 1):
            y = field_top - i * self.line_gap
            canv.line(text_x, y, text_x + text_w, y)
        canv.restoreState()
        with canv.annotations_for(self.answer_form):
            self.ctx.fields.text(canv, name=field_name(self.question.id, "answer"), tooltip=self.tip,
                                 x=text_x, y=field_top - self.lines * self.line_gap, width=text_w,
                                 height=self.lines * self.line_gap, font_size=self.ctx.theme.size(0.95),
                                 multiline=True, maxlen=2000)


class LabelledFields(Flowable):
    """Header fields in a grid: a drawn label over a one-line field with a rule under it. The field's box
    starts under the deepest descender the labels' fonts can draw (Arabic reaches twice as deep as Latin),
    so a viewer's field highlight never cuts into a label."""

    def __init__(self, ctx: LayoutContext, fields: tuple[c.Text, ...], rows: list[list[int]]):
        super().__init__()
        self.ctx = ctx
        self.fields = fields
        self.rows = rows
        s = ctx.theme.body_size
        self.label_size = LabelledFields.label_size(ctx.theme)
        self.descent = max(ctx.text_descent(ctx.loc.plain(t), self.label_size, bold=True) for t in fields) \
            if fields else 0.0
        self.field_size = ctx.theme.size(1.0)
        self.field_h = self.field_size * 1.45  # a line of typed text
        self.row_h = self.label_size + self.descent + 2 + self.field_h + s * 0.6
        self.gap = s
        # each field: its drawn label, then the field (a widget in a Form element)
        self.elements = [(ctx.label_element(ctx.loc.plain(t)), ctx.new_element("Form")) for t in fields]

    def wrap(self, aw, ah):
        self.width, self.height = aw, self.row_h * len(self.rows)
        return self.width, self.height

    @staticmethod
    def column_widths(theme, width: float, n: int) -> list[float]:
        """The width each of `n` fields' labels has, in field order, in a frame `width` wide."""
        gap = theme.body_size
        out = [0.0] * n
        for row in _field_rows(n):
            for index in row:
                out[index] = (width - gap * (len(row) - 1)) / len(row)
        return out

    @staticmethod
    def label_size(theme) -> float:
        return theme.size(0.9)

    def draw(self):
        canv, ctx = self.canv, self.ctx
        for r, row in enumerate(self.rows):
            top = self.height - r * self.row_h
            col_w = LabelledFields.column_widths(ctx.theme, self.width, len(self.fields))[row[0]]
            for k, index in enumerate(row):
                text = self.fields[index]
                x = k * (col_w + self.gap)
                if ctx.rtl:  # columns from the right
                    x = self.width - x - col_w
                label = ctx.loc.plain(text)
                baseline = top - self.label_size
                label_element, form = self.elements[index]
                with canv.tagged(label_element):
                    ctx.draw_text(canv, x + col_w if ctx.rtl else x, baseline, label, self.label_size,
                                  bold=True, color=INK)
                base = baseline - self.descent - 2 - self.field_h  # the rule, under the field
                canv.setStrokeColor(RULE)
                canv.setLineWidth(0.6)
                canv.line(x, base, x + col_w, base)
                with canv.annotations_for(form):
                    ctx.fields.text(canv, name=field_name(text.id), tooltip=label, x=x, y=base, width=col_w,
                                    height=self.field_h, font_size=self.field_size, maxlen=200)


def checklist_items(checklist: c.Checklist) -> list[c.Text]:
    """Every question and discussion point, in reading order: each gets a tick box and an answer field."""
    return [q.text for g in checklist.groups for q in g.questions] + [p.text for p in checklist.specialist_points]


def render_checklist(request: Request, path) -> int:
    """Write the checklist PDF to `path`; return its page count."""
    content, loc, fonts, warn = request.content, request.loc, request.fonts, request.warn
    page_size, theme, notices = request.page_size, request.theme, request.notices
    clinic, clinic_origin = request.clinic, request.clinic_origin
    page_w, page_h = page_size
    m = theme.margin
    width = page_w - 2 * m
    fields = FormFields(FieldFont(fonts.body, FIELD_BLOCKS[loc.info.script]), rtl=loc.info.direction == "rtl",
                        ink=INK)
    bottom = m + max(6 * mm, theme.size(0.78) + 3 * mm)  # above the footer, its rule and a gap
    ctx = LayoutContext(loc, fonts, theme, width, warn, content.ui, fields, frame_height=page_h - m - bottom)
    cl, ui = content.checklist, content.ui
    s = theme.body_size

    meta = ctx.pdf_meta(cl.title, content.edition)
    doc = MsguideDocTemplate(path, meta=meta, pagesize=(page_w, page_h),
                             structure=ctx.structure if request.kind.tagged else None,
                             initialFontName=fonts.body, initialFontSize=s,
                             leftMargin=m, rightMargin=m, topMargin=m, bottomMargin=bottom)
    frame = Frame(m, bottom, width, page_h - m - bottom, leftPadding=0, rightPadding=0, topPadding=0,
                  bottomPadding=0, id="body")
    doc.addPageTemplates([PageTemplate("body", frames=[frame],
                                       onPageEnd=footer_painter(ctx.footer_drawer(cl.title, page_w, m)))])

    styles = ctx.styles
    title_style = styles["h1"].clone("cl_title", fontSize=s * 1.9, leading=s * 2.3, spaceBefore=0)
    story: list = []
    if clinic is not None:
        block = branding.header_block(ctx, clinic, clinic_origin, ctx.runs(ui["ui.clinic.given-by"]),
                                      compact=True)
        block.spaceAfter = s * 0.6
        story.append(block)
    story.append(ctx.p(cl.title, title_style, role="H1"))
    notice = ctx.notice_box(notices)
    if notice is not None:
        story.append(notice)
    story += [ctx.p(t, "body") for t in cl.intro]
    story.append(KeepWithNext(
        ctx.heading(ui["ui.checklist.visit"], "h2", key="cl.visit"),
        LabelledFields(ctx, cl.fields, _field_rows(len(cl.fields)))))
    story.append(Spacer(1, s * 0.6))

    def section(key: str, title: c.Text, make_items, intro: c.Text | None = None):
        """A group of questions under its title: the title with its introduction and at least two
        questions on one page (or all, when fewer), and never one question alone on the next: a title
        and its introduction never end a page on their own. Made in reading order: heading,
        introduction, questions."""
        head = ctx.heading(title, styles["h1"].clone("cl_h1", fontSize=s * 1.4, leading=s * 1.75), key=key)
        lead = [ctx.p(intro, "body")] if intro is not None else []
        items: list[Flowable] = make_items()
        story.append(KeepWithNext(head, lead + items, lead=len(lead), first=min(2, len(items)), last=2))

    asked = ui["ui.checklist.asked"]
    for group in cl.groups:
        section(group.id, group.title, lambda group=group: [
            QuestionItem(ctx, q.text, loc.plain(asked, question=loc.plain(q.text)), lines=2)
            for q in group.questions])
    discussed = ui["ui.checklist.discussed"]
    section(cl.specialist_id, cl.specialist_title, lambda: [
        QuestionItem(ctx, p.text, loc.plain(discussed, question=loc.plain(p.text)), lines=1)
        for p in cl.specialist_points], intro=cl.specialist_intro)
    if cl.key_answers is not None:
        # a box to read, not a form: its title a heading at the groups' level, its items one list; it
        # moves to the next page whole rather than split
        key = cl.key_answers
        box = callout_box(ctx, "key", key.title, key.intro, key.items, title_role="H2", bookmark=key.id)
        box.spaceBefore = s * 0.9  # clear of the last answer's ruled line
        story.append(box)
    label = ctx.p(cl.notes, "h2", role="H2")
    notes = NotesField(ctx, cl.notes)
    story.append(KeepWithNext(label, notes))
    doc.build(story)
    return doc.canv.pages_done


def _field_rows(n: int) -> list[list[int]]:
    """First field on a row of its own (the center's name is long), the rest two by two."""
    rows = [[0]] if n else []
    rest = list(range(1, n))
    rows += [rest[i:i + 2] for i in range(0, len(rest), 2)]
    return rows


class NotesField(Flowable):
    """The final free-text field, ruled for handwriting: it fills what is left of the last page, from
    `min_lines` up to `max_lines`, rather than starting a page of its own."""

    def __init__(self, ctx: LayoutContext, label: c.Text, min_lines: int = 3, max_lines: int = 8):
        super().__init__()
        self.ctx, self.label = ctx, label
        self.min_lines, self.max_lines = min_lines, max_lines
        self.line_gap = max(20.0, ctx.theme.body_size * 1.7)
        self.form = ctx.new_element("Form")

    def wrap(self, aw, ah):
        self.lines = max(self.min_lines, min(self.max_lines, int((ah - 2) // self.line_gap)))
        self.width, self.height = aw, self.lines * self.line_gap + 2
        return self.width, self.height

    def draw(self):
        canv = self.canv
        canv.saveState()
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.6)
        for i in range(1, self.lines + 1):
            canv.line(0, self.height - i * self.line_gap, self.width, self.height - i * self.line_gap)
        canv.restoreState()
        with canv.annotations_for(self.form):
            self.ctx.fields.text(canv, name=field_name(self.label.id), tooltip=self.ctx.loc.plain(self.label),
                                 x=0, y=self.height - self.lines * self.line_gap, width=self.width,
                                 height=self.lines * self.line_gap, font_size=self.ctx.theme.size(0.95),
                                 multiline=True, maxlen=5000)


def frame_width(theme, page_size: tuple[float, float]) -> float:
    """The width the checklist's content is laid out in."""
    return page_size[0] - 2 * theme.margin
