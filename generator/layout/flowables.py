"""Flowables ReportLab lacks: a heading kept with the first lines of what follows it, a paragraph that
breaks its lines once per width, and a table of contents laid out in one pass."""
from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph


class WrapOnceParagraph(Paragraph):
    """ReportLab's Paragraph, whose lines are broken once per width. Containers (lists, tables,
    KeepWithNext) ask a paragraph to wrap at the same width several times, at layout and again when
    drawing, and ReportLab's Paragraph breaks its lines anew each time; its result depends on nothing
    but the width (and the fixed text and style), so it is kept."""

    _wrapped_at: float | None = None

    def wrap(self, availWidth, availHeight):
        if availWidth == self._wrapped_at:
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        self._wrapped_at = availWidth
        return size

    def split(self, availWidth, availHeight):
        self._wrapped_at = None  # ReportLab's split may drop the broken lines: wrap afresh next time
        return super().split(availWidth, availHeight)


class KeepWithNext(Flowable):
    """`head` (a heading) glued to the start of `body`.

    ReportLab's keepWithNext wraps both in KeepTogether, which moves a long body to the next page whole
    and leaves a gap. Here the body may split as usual, as long as its first part stands on the same page
    as the heading; when not even that fits, the pair moves on together, so no heading ends a page."""

    def __init__(self, head: Flowable, body: Flowable):
        super().__init__()
        self.head = head
        self.body = body

    def _gap(self) -> float:
        return max(self.head.getSpaceAfter(), self.body.getSpaceBefore())

    def wrap(self, aw, ah):
        self._hw, self._hh = self.head.wrapOn(self.canv, aw, ah)
        self._bw, self._bh = self.body.wrapOn(self.canv, aw, max(ah - self._hh - self._gap(), 0))
        self.width = max(self._hw, self._bw)
        self.height = self._hh + self._gap() + self._bh
        return self.width, self.height

    def getSpaceBefore(self):
        return self.head.getSpaceBefore()

    def getSpaceAfter(self):
        return self.body.getSpaceAfter()

    def split(self, aw, ah):
        _, hh = self.head.wrapOn(self.canv, aw, ah)
        room = ah - hh - self._gap()
        if room <= 0:
            return []
        parts = self.body.splitOn(self.canv, aw, room)
        if not parts:
            return []
        return [self.head, *parts]

    def drawOn(self, canvas, x, y, _sW=0):
        # heading first, so text extraction and copy-paste read in order
        self.head.drawOn(canvas, x, y + self._bh + self._gap(), _sW)
        self.body.drawOn(canvas, x, y, _sW)

    def draw(self):  # drawing is delegated in drawOn
        pass

    def identity(self, maxLen=None):
        return f"KeepWithNext({self.head.identity(maxLen)})"


def line_count(para, width: float) -> int:
    """How many lines a paragraph (ReportLab Paragraph or BidiParagraph) takes at `width`."""
    para.wrap(width, 1_000_000)
    if hasattr(para, "line_ranges"):
        return len(para.line_ranges())
    from ..adapters.reportlab import paragraph_lines

    return paragraph_lines(para)


def last_line_width(para) -> float:
    """The width of a wrapped paragraph's last line (ReportLab Paragraph or BidiParagraph)."""
    if hasattr(para, "line_ranges"):
        start, end = para.line_ranges()[-1]
        return sum(sh.width for _, sh in para.line_segments(start, end))
    from ..adapters.reportlab import last_line_spare

    return para.width - para.style.leftIndent - para.style.rightIndent - last_line_spare(para)


class Contents(Flowable):
    """The table of contents in one layout pass: titles are laid out now (they are known), each page
    number is deferred, drawn at save (it is not), and each line links to its section.
    Right to left, the numbers stand at the left and the titles at the right.

    `entries` are (bookmark key, paragraph); `page_of(key)` and `number(n)` are called at save."""

    def __init__(self, entries, style, *, number_font: str, number_size: float, page_of, number,
                 number_width: float, rtl: bool = False):
        super().__init__()
        self.style, self.entries, self.rtl = style, entries, rtl
        self.number_font, self.number_size = number_font, number_size
        self.page_of, self.number, self.number_width = page_of, number, number_width

    def wrap(self, aw, ah):
        self.width = aw
        self._heights = [p.wrap(aw, ah)[1] + self.style.spaceBefore + self.style.spaceAfter for _, p in self.entries]
        self.height = sum(self._heights)
        return aw, self.height

    def draw(self):
        from reportlab.pdfbase.pdfmetrics import stringWidth

        canv, st = self.canv, self.style
        y = self.height
        gap = st.fontSize * 0.5
        for (key, para), h in zip(self.entries, self._heights):
            top = y - st.spaceBefore
            para.drawOn(canv, 0, top - para.height)
            text_w = last_line_width(para)
            baseline = top - para.height + (st.leading - st.fontSize) * 0.5 + st.fontSize * 0.2
            if self.rtl:  # number | dots | title, the title set from the right, after its indent
                dots = (self.number_width + st.fontSize * 0.4, self.width - st.rightIndent - text_w - gap)
            else:  # title | dots | number
                dots = (st.leftIndent + text_w + gap, self.width - self.number_width - st.fontSize * 0.4)
            canv.saveState()
            canv.setFont(self.number_font, self.number_size)
            canv.setFillColor(st.textColor)
            dot_w = stringWidth(". ", self.number_font, self.number_size)
            n = int((dots[1] - dots[0]) // dot_w)
            if n > 0:
                canv.drawRightString(dots[1], baseline, ". " * n)
            canv.restoreState()
            canv.linkRect("", key, (0, top - para.height, self.width, top), relative=1, Border="[0 0 0]")

            def number(c, key=key, baseline=baseline):
                c.setFont(self.number_font, self.number_size)
                c.setFillColor(st.textColor)
                label = self.number(self.page_of(key))
                if self.rtl:
                    c.drawString(0, baseline, label)
                else:
                    c.drawRightString(self.width, baseline, label)

            canv.defer(number)
            y -= h
