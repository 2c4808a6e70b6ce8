"""Flowables ReportLab lacks: a heading kept with the first lines of what follows it, a box that moves
whole when it fits a page, a paragraph that breaks its lines once per width, and a table of contents laid
out in one pass."""
from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph, Table


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
    """`head` (a heading) glued to the start of `body`, the flowables it introduces.

    ReportLab's keepWithNext wraps both in KeepTogether, which moves a long body to the next page whole
    and leaves a gap. Here the body splits as usual, as long as what stands on the heading's page is at
    least `min_height` (two lines of text, say) and at least its `first` flowables; when not, the heading
    moves on with its body, so no heading ends a page alone or with one line. Flowables that cannot split
    (a checklist question with its answer lines) are carried at least `last` to the next page, never one
    alone. With `whole` (a page's height), the whole body moves to the next page rather than split when
    it is no taller than that: a diagram with its caption and explanation. The body's first `lead`
    flowables (an introduction under the heading) go with the heading and count for nothing: `first`
    flowables of what they introduce stand after them, or all of it moves on.

    The flowables stay the body's own (one per content element): a split hands back the heading with the
    part that fits, then the rest as they were."""

    def __init__(self, head: Flowable, body, *, min_height: float = 0.0, first: int = 1, last: int = 1,
                 whole: float | None = None, lead: int = 0):
        super().__init__()
        self.head = head
        self.body = list(body) if isinstance(body, (list, tuple)) else [body]
        self.min_height, self.first, self.last, self.whole = min_height, first, last, whole
        self.lead = lead

    @staticmethod
    def _gap(before: Flowable, after: Flowable) -> float:
        return max(before.getSpaceAfter(), after.getSpaceBefore())

    def _measure(self, aw, ah, limit: float | None):
        """(height of the head, [(gap, width, height) of each body flowable], total height), each wrapped
        in the room left after those above it (a notes field fills what is left); stops past `limit`."""
        hh = self.head.wrapOn(self.canv, aw, ah)[1]
        total, sizes, prev = hh, [], self.head
        for f in self.body:
            gap = self._gap(prev, f)
            w, h = f.wrapOn(self.canv, aw, max(ah - total - gap, 0))
            sizes.append((gap, w, h))
            total += gap + h
            prev = f
            if limit is not None and total > limit:
                break
        return hh, sizes, total

    def wrap(self, aw, ah):
        # past the room available the exact height does not matter (the frame splits): measure no further,
        # unless the whole of it must be known
        self._hh, self._sizes, total = self._measure(aw, ah, None if self.whole else ah)
        self.width, self.height = aw, total
        return aw, total

    def getSpaceBefore(self):
        return self.head.getSpaceBefore()

    def getSpaceAfter(self):
        return self.body[-1].getSpaceAfter() if self.body else self.head.getSpaceAfter()

    def split(self, aw, ah):
        hh, sizes, total = self._measure(aw, ah, None if self.whole else ah)
        if self.whole and total <= self.whole:
            return []  # it fits on a page: move it there whole
        room = ah - hh - 0.01
        n = 0
        for gap, _, h in sizes:  # the flowables that fit whole
            if gap + h > room:
                break
            room -= gap + h
            n += 1
        if n == len(self.body):
            return [self.head, *self.body]
        carried = len(self.body) - n
        held_back = carried < self.last and n > 0  # leave `last` flowables together for the next page
        if held_back:
            n = max(0, len(self.body) - self.last)
        shown = sum(gap + h for gap, _, h in sizes[:n])
        parts: list[Flowable] = []
        if not held_back:  # the next flowable may split into what is left
            prev = self.body[n - 1] if n else self.head
            gap = self._gap(prev, self.body[n])
            if room - gap > 0:
                parts = self.body[n].splitOn(self.canv, aw, room - gap) or []
            first_h = parts[0].wrapOn(self.canv, aw, room - gap)[1] if parts else 0.0
            if first_h > room - gap:  # a split whose first part does not fit after all (ReportLab's lists)
                parts = []
            if parts:
                shown += gap + first_h
        if n + bool(parts) < self.lead + self.first or shown < self.min_height:
            return []
        placed = KeepWithNext(self.head, self.body[:n] + parts[:1])
        rest = parts[1:] + self.body[n + 1:] if parts else self.body[n:]
        if held_back or (self.last > 1 and len(rest) > self.last):
            # the rest is a group of its own: on the next page, no flowable of it left alone either
            from reportlab.platypus import Spacer
            from reportlab.platypus.doctemplate import FrameBreak

            cont = KeepWithNext(Spacer(0, 0), rest, first=min(self.last, len(rest)), last=self.last)
            return [placed, FrameBreak(), cont] if held_back else [placed, cont]
        return [placed, *rest]

    def drawOn(self, canvas, x, y, _sW=0):
        # the heading first, so text extraction and copy-paste read in order; each flowable as wrapped
        top = y + self.height - self._hh
        self.head.drawOn(canvas, x, top, _sW)
        for f, (gap, w, h) in zip(self.body, self._sizes):
            top -= gap + h
            shift = {"CENTER": (self.width - w) / 2, "CENTRE": (self.width - w) / 2,
                     "RIGHT": self.width - w}.get(str(getattr(f, "hAlign", "LEFT")).upper(), 0.0)
            f.drawOn(canvas, x + shift, top, _sW)

    def draw(self):  # drawing is delegated in drawOn
        pass

    def identity(self, maxLen=None):
        return f"KeepWithNext({self.head.identity(maxLen)})"


class SideBySide(Flowable):
    """Two boxes beside each other (`pair`, one table row) where they fit; where they do not, but the
    page still has `room` left, the same boxes one under the other (`stacked`), so that the first can
    start here and split between its items, instead of the pair leaving most of the page bare. With less
    room than that the pair moves to the next page whole. The boxes' paragraphs are the same flowables in
    both forms: one set of structure elements, drawn once."""

    def __init__(self, pair: Flowable, stacked: list[Flowable], room: float):
        super().__init__()
        self.pair, self.stacked, self.room = pair, stacked, room

    def wrap(self, aw, ah):
        self.width, self.height = self.pair.wrap(aw, ah)
        return self.width, self.height

    def getSpaceBefore(self):
        return self.pair.getSpaceBefore()

    def getSpaceAfter(self):
        return self.pair.getSpaceAfter()

    def split(self, aw, ah):
        if self.pair.wrap(aw, ah)[1] <= ah:
            return [self.pair]
        return list(self.stacked) if ah >= self.room else []

    def drawOn(self, canvas, x, y, _sW=0):
        self.pair.drawOn(canvas, x, y, _sW)

    def draw(self):  # drawing is delegated in drawOn
        pass


class BoxTable(Table):
    """A table for a box (a callout): moved to the next page whole when it fits on one (`page_height`), and
    split between its rows only when it is taller than a page. `heading`: its title, when that is a
    bookmark (pdf.document.Heading), for the document template to find where the box is drawn."""

    def __init__(self, *args, page_height: float | None = None, heading=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.page_height = page_height
        self.heading = heading

    def split(self, availWidth, availHeight):
        if self.page_height is not None and self.wrap(availWidth, self.page_height)[1] <= self.page_height:
            return []
        parts = super().split(availWidth, availHeight)
        if parts:  # the title is in the first part
            parts[0].heading = self.heading
        return parts


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

    `entries` are (bookmark key, paragraph, Link element in a TOCI: the title and its page number, the
    title as text for the link's description);
    `page_of(key)` and `number(n)` are called at save. The dot leaders are decoration (artifacts)."""

    def __init__(self, entries, style, *, number_font: str, number_size: float, page_of, number,
                 number_width: float, rtl: bool = False):
        super().__init__()
        self.style, self.entries, self.rtl = style, entries, rtl
        self.number_font, self.number_size = number_font, number_size
        self.page_of, self.number, self.number_width = page_of, number, number_width

    def wrap(self, aw, ah):
        self.width = aw
        self._heights = [p.wrap(aw, ah)[1] + self.style.spaceBefore + self.style.spaceAfter for _, p, _, _ in self.entries]
        self.height = sum(self._heights)
        return aw, self.height

    def draw(self):
        from reportlab.pdfbase.pdfmetrics import stringWidth

        from .structure import draw_as

        canv, st = self.canv, self.style
        y = self.height
        gap = st.fontSize * 0.5
        for (key, para, link, title), h in zip(self.entries, self._heights):
            top = y - st.spaceBefore
            text_w = last_line_width(para)
            baseline = top - para.height + (st.leading - st.fontSize) * 0.5 + st.fontSize * 0.2
            if self.rtl:  # number | dots | title, the title set from the right, after its indent
                dots = (self.number_width + st.fontSize * 0.4, self.width - st.rightIndent - text_w - gap)
            else:  # title | dots | number
                dots = (st.leftIndent + text_w + gap, self.width - self.number_width - st.fontSize * 0.4)

            def number(c, key=key, baseline=baseline):
                c.setFont(self.number_font, self.number_size)
                c.setFillColor(st.textColor)
                label = self.number(self.page_of(key))
                if self.rtl:
                    c.drawString(0, baseline, label)
                else:
                    c.drawRightString(self.width, baseline, label)

            if getattr(para, "tags_own_content", False):
                draw_as(canv, link, para, 0, top - para.height)
                with canv.tagged(link):
                    canv.defer(number)
            else:  # the title and its page number in one marked-content sequence
                with canv.tagged(link):
                    para.drawOn(canv, 0, top - para.height)
                    canv.defer(number)
            canv.saveState()
            canv.setFont(self.number_font, self.number_size)
            canv.setFillColor(st.textColor)
            dot_w = stringWidth(". ", self.number_font, self.number_size)
            n = int((dots[1] - dots[0]) // dot_w)
            if n > 0:
                with canv.artifact():
                    canv.drawRightString(dots[1], baseline, ". " * n)
            canv.restoreState()
            with canv.annotations_for(link, contents=title):
                canv.linkRect("", key, (0, top - para.height, self.width, top), relative=1, Border="[0 0 0]")
            y -= h
