"""A next-steps pathway as vector boxes: each step a box with its number in a circle on the start side (the
right, right to left) and its title and text beside it, an arrow under it to the next. One flowable per
step, so pages break between boxes; a box taller than a page goes on in a box of its own."""
from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import Flowable

from .theme import TONES


class PathwayBox(Flowable):
    """One step: `number` drawn as its list item's Lbl element (`label`), `body` (the title's and the
    text's paragraphs, tagged) beside it. The box, circle and arrow are decoration: drawn outside any
    element, the canvas makes them artifacts. `arrow`: an arrow under the box, to the next step."""

    def __init__(self, ctx, number: str | None, label, body: list[Flowable], *, arrow: bool,
                 page_height: float | None):
        super().__init__()
        self.ctx, self.number, self.label, self.body = ctx, number, label, body
        self.arrow, self.page_height = arrow, page_height
        s = ctx.theme.body_size
        self.pad, self.radius, self.number_size = s * 0.6, s * 0.95, s * 1.05
        self.line = 1.6 if ctx.theme.tinted else 2.2  # large print: no tint, a stronger outline
        self.arrow_h = s * 1.4 if arrow else s * 0.6
        self.between = s * 0.2  # between the title and the text

    def _text_x_width(self, aw: float) -> tuple[float, float]:
        width = aw - 3 * self.pad - 2 * self.radius
        return (self.pad if self.ctx.rtl else 2 * self.pad + 2 * self.radius), width

    def _circle_x(self) -> float:
        return self.width - self.pad - self.radius if self.ctx.rtl else self.pad + self.radius

    def wrap(self, aw, ah):
        self.width = aw
        _, tw = self._text_x_width(aw)
        canv = getattr(self, "canv", None)
        self._heights = [f.wrapOn(canv, tw, ah)[1] if canv is not None else f.wrap(tw, ah)[1] for f in self.body]
        text_h = sum(self._heights) + self.between * max(len(self.body) - 1, 0)
        self.box_h = max(2 * self.radius if self.number else 0, text_h) + 2 * self.pad
        self.height = self.box_h + self.arrow_h
        return aw, self.height

    def split(self, aw, ah):
        self.wrap(aw, ah)
        if self.page_height is None or self.height <= self.page_height:
            return []  # a box is not split: it moves to the next page whole
        # taller than a page: the text that fits here, the rest in a box of its own on the next
        _, tw = self._text_x_width(aw)
        room = ah - 2 * self.pad - self.ctx.theme.body_size * 0.6
        shown, rest = [], list(self.body)
        while rest:
            f = rest[0]
            h = f.wrapOn(self.canv, tw, room)[1]
            if h <= room:
                shown.append(rest.pop(0))
                room -= h + self.between
                continue
            parts = f.splitOn(self.canv, tw, room) if room > 0 else []
            if len(parts) > 1:
                shown.append(parts[0])
                rest[0:1] = parts[1:]
            break
        if not shown or not rest:
            return []
        return [PathwayBox(self.ctx, self.number, self.label, shown, arrow=False, page_height=None),
                PathwayBox(self.ctx, None, None, rest, arrow=self.arrow, page_height=self.page_height)]

    def draw(self):
        canv, ctx, theme = self.canv, self.ctx, self.ctx.theme
        accent, r, pad = theme.accent, self.radius, self.pad
        top, bottom = self.height, self.arrow_h
        cx = self._circle_x()
        canv.saveState()
        canv.setStrokeColor(accent)
        canv.setLineWidth(self.line)
        canv.setFillColor(TONES["key"][0])
        half = self.line / 2
        canv.roundRect(half, bottom + half, self.width - self.line, self.box_h - self.line, theme.body_size * 0.4,
                       stroke=1, fill=1 if theme.tinted else 0)
        if self.arrow:  # down from this box to the next, under the number
            tip, tail = theme.body_size * 0.15, bottom - theme.body_size * 0.15
            head = theme.body_size * 0.55
            canv.setLineWidth(1.8)
            canv.line(cx, tail, cx, tip + head * 0.8)
            canv.setFillColor(accent)
            path = canv.beginPath()
            path.moveTo(cx, tip)
            path.lineTo(cx - head * 0.6, tip + head)
            path.lineTo(cx + head * 0.6, tip + head)
            path.close()
            canv.drawPath(path, stroke=0, fill=1)
        if self.number:
            cy = top - pad - r
            canv.setFillColor(accent)
            canv.circle(cx, cy, r, stroke=0, fill=1)
        canv.restoreState()
        if self.number:
            size = self.number_size
            with canv.tagged(self.label):
                ctx.draw_text(canv, cx, cy - size * 0.36, self.number, size, bold=True, anchor="middle",
                              color=colors.white)
        x, _ = self._text_x_width(self.width)
        y = top - pad
        for f, h in zip(self.body, self._heights):
            y -= h
            f.drawOn(canv, x, y)
            y -= self.between

    def identity(self, maxLen=None):
        return f"PathwayBox({self.number})"
