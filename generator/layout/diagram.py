"""The aHSCT steps as a vector diagram (reportlab.graphics): numbered circles joined by arrows, a label
under each; in a row when the labels fit, else stacked. Mirrored for right-to-left documents."""
from __future__ import annotations

from typing import Callable

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, String
from reportlab.lib import colors
from reportlab.platypus import Flowable

from .theme import INK

MAX_LABEL_LINES = 3
Measure = Callable[[str, float], float]  # (text, size) -> width in points


def wrap_words(text: str, measure: Measure, size: float, width: float) -> list[str]:
    """Greedy line breaking by measured width; a word wider than `width` is broken with a hyphen.

    >>> from reportlab.pdfbase.pdfmetrics import stringWidth
    >>> wrap_words("Stammzellentnahme heute", lambda t, z: stringWidth(t, "Helvetica", z), 10, 50)
    ['Stammzell-', 'entnahme', 'heute']
    """
    lines: list[str] = []
    for word in text.split():
        if lines and measure(f"{lines[-1]} {word}", size) <= width:
            lines[-1] = f"{lines[-1]} {word}"
            continue
        while measure(word, size) > width and len(word) > 1:
            fits = [i for i in range(1, len(word)) if measure(word[:i] + "-", size) <= width]
            cut = max(fits) if fits else 1
            lines.append(word[:cut] + "-")
            word = word[cut:]
        lines.append(word)
    return lines


def label_fits(text: str, measure: Measure, size: float, width: float, max_lines: int = MAX_LABEL_LINES) -> bool:
    """Whether a label fits its column in at most `max_lines` lines without breaking a word."""
    if any(measure(w, size) > width for w in text.split()):
        return False
    return len(wrap_words(text, measure, size, width)) <= max_lines


def label_size(labels: list[str], measure: Measure, size: float, width: float, floor: float = 0.0) -> float | None:
    """The largest size from `size` down to 80 % of it, and not under `floor`, at which every label fits,
    or None."""
    for step in range(0, 5):
        trial = size * (1 - 0.05 * step)
        if trial < floor:
            break
        if all(label_fits(l, measure, trial, width) for l in labels):
            return trial
    return None


class StepsDiagram(Flowable):
    """Circles and arrows from reportlab.graphics; labels drawn by the layout context, so they are shaped
    and ordered for any script. Step 1 stands at the start side: the left, or the right for RTL."""

    def __init__(self, ctx, labels: list[str], size: float, *, vertical: bool):
        super().__init__()
        self.ctx, self.labels, self.size, self.vertical = ctx, labels, size, vertical
        self.accent = ctx.theme.accent
        self.measure: Measure = lambda t, z: ctx.text_width(t, z, bold=True)

    def wrap(self, aw, ah):
        self.width = aw
        n, size = len(self.labels), self.size
        self.line_h = size * 1.2
        if self.vertical:
            self.radius = size * 1.3
            text_w = aw - 2 * self.radius - size
            self.wrapped = [wrap_words(l, self.measure, size, text_w) for l in self.labels]
            self.rows = [max(2 * self.radius, len(w) * self.line_h) + size * 1.2 for w in self.wrapped]
            self.height = sum(self.rows)
        else:
            self.col = aw / n
            self.radius = min(self.col * 0.22, size * 1.5)
            self.wrapped = [wrap_words(l, self.measure, size, self.col - 6) for l in self.labels]
            self.height = 2 * self.radius + 8 + max(len(w) for w in self.wrapped) * self.line_h + 4
        return aw, self.height

    def _x(self, x: float) -> float:
        return self.width - x if self.ctx.rtl else x

    def draw(self):
        d = Drawing(self.width, self.height, initialFontName=self.ctx.fonts.body, initialFontSize=self.size)
        centres = self._shapes(d)
        renderPDF.draw(d, self.canv, 0, 0)
        for (cx, cy), lines in zip(centres, self.wrapped):
            if self.vertical:
                x = self._x(2 * self.radius + self.size)
                y = cy + (len(lines) - 1) * self.line_h / 2 - self.size * 0.35
                anchor = "start"
            else:
                x, y, anchor = cx, cy - self.radius - 6 - self.size, "middle"
            for line in lines:
                self.ctx.draw_text(self.canv, x, y, line, self.size, bold=True, anchor=anchor, color=INK)
                y -= self.line_h

    def _shapes(self, d: Drawing) -> list[tuple[float, float]]:
        """Circles, numbers and arrows; returns the circle centres in step order."""
        r, size, accent = self.radius, self.size, self.accent
        centres = []
        if self.vertical:
            top = self.height
            for row in self.rows:
                centres.append((self._x(r), top - r))
                top -= row
        else:
            centres = [(self._x(self.col * (i + 0.5)), self.height - r - 2) for i in range(len(self.labels))]
        for (x0, y0), (x1, y1) in zip(centres, centres[1:]):  # arrows from each step to the next
            if self.vertical:
                a, b = y0 - r - 3, y1 + r + 3
                d.add(Line(x0, a, x0, b + 5, strokeColor=accent, strokeWidth=1.6))
                d.add(Polygon([x0, b, x0 - 4, b + 7, x0 + 4, b + 7], fillColor=accent, strokeColor=None))
            else:
                sign = 1 if x1 > x0 else -1
                a, b = x0 + sign * (r + 4), x1 - sign * (r + 4)
                d.add(Line(a, y0, b - sign * 5, y0, strokeColor=accent, strokeWidth=1.6))
                d.add(Polygon([b, y0, b - sign * 7, y0 + 4, b - sign * 7, y0 - 4], fillColor=accent,
                              strokeColor=None))
        for i, (x, y) in enumerate(centres):
            d.add(Circle(x, y, r, fillColor=accent, strokeColor=None))
            number = self.ctx.loc.number(i + 1)
            d.add(String(x, y - size * 0.45, number, fontName=self.ctx.fonts.bold(self.ctx.fonts.family_drawing(number)),
                         fontSize=size * 1.3, fillColor=colors.white, textAnchor="middle"))
        return centres
