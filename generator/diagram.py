"""The aHSCT steps as a vector diagram: numbered circles joined by arrows, a label under each."""
from __future__ import annotations

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from .theme import ACCENT, INK


MAX_LABEL_LINES = 3


def wrap_words(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy line breaking by measured width; a word wider than `width` is broken with a hyphen.

    >>> wrap_words("Stammzellentnahme heute", "Helvetica", 10, 50)
    ['Stammzell-', 'entnahme', 'heute']
    """
    lines: list[str] = []
    for word in text.split():
        if lines and stringWidth(f"{lines[-1]} {word}", font, size) <= width:
            lines[-1] = f"{lines[-1]} {word}"
            continue
        while stringWidth(word, font, size) > width and len(word) > 1:
            cut = max(1, max(i for i in range(1, len(word)) if stringWidth(word[:i] + "-", font, size) <= width)
                      if stringWidth(word[0] + "-", font, size) <= width else 1)
            lines.append(word[:cut] + "-")
            word = word[cut:]
        lines.append(word)
    return lines


def label_fits(text: str, font: str, size: float, width: float, max_lines: int = MAX_LABEL_LINES) -> bool:
    """Whether a label fits its column in at most `max_lines` lines without breaking a word."""
    if any(stringWidth(w, font, size) > width for w in text.split()):
        return False
    return len(wrap_words(text, font, size, width)) <= max_lines


def label_size(labels: list[str], font: str, size: float, width: float) -> float | None:
    """The largest size from `size` down to 80 % of it at which every label fits, or None."""
    for step in range(0, 5):
        trial = size * (1 - 0.05 * step)
        if all(label_fits(l, font, trial, width) for l in labels):
            return trial
    return None


def steps_diagram(labels: list[str], width: float, font: str, bold_font: str, size: float,
                  accent=ACCENT) -> Drawing:
    """A row of numbered circles with arrows between them and a wrapped label under each.

    Each label gets one column of width/len(labels); callers check `label_fits` first."""
    n = len(labels)
    col = width / n
    radius = min(col * 0.22, size * 1.5)
    line_h = size * 1.2
    max_lines = max(len(wrap_words(l, bold_font, size, col - 6)) for l in labels)
    height = 2 * radius + 8 + max_lines * line_h + 4
    d = Drawing(width, height, initialFontName=font, initialFontSize=size)  # not the Helvetica default
    cy = height - radius - 2
    for i, label in enumerate(labels):
        cx = col * (i + 0.5)
        if i < n - 1:  # arrow to the next circle
            x0, x1 = cx + radius + 4, cx + col - radius - 4
            d.add(Line(x0, cy, x1 - 5, cy, strokeColor=accent, strokeWidth=1.6))
            d.add(Polygon([x1, cy, x1 - 7, cy + 4, x1 - 7, cy - 4], fillColor=accent, strokeColor=None))
        d.add(Circle(cx, cy, radius, fillColor=accent, strokeColor=None))
        d.add(String(cx, cy - size * 0.45, str(i + 1), fontName=bold_font, fontSize=size * 1.3,
                     fillColor=colors.white, textAnchor="middle"))
        y = cy - radius - 6 - size
        for line in wrap_words(label, bold_font, size, col - 6):
            d.add(String(cx, y, line, fontName=bold_font, fontSize=size, fillColor=INK, textAnchor="middle"))
            y -= line_h
    return d


def steps_diagram_vertical(labels: list[str], width: float, font: str, bold_font: str, size: float,
                           accent=ACCENT) -> Drawing:
    """The same steps stacked: circles in a column joined by arrows, each label beside its circle.
    Used when the labels are too long for a row (long words in some languages)."""
    radius = size * 1.3
    line_h = size * 1.25
    text_x = 2 * radius + size
    text_w = width - text_x
    wrapped = [wrap_words(l, bold_font, size, text_w) for l in labels]
    rows = [max(2 * radius, len(w) * line_h) + size * 1.2 for w in wrapped]
    height = sum(rows)
    d = Drawing(width, height, initialFontName=font, initialFontSize=size)
    top = height
    centres = []
    for i, (lines, row) in enumerate(zip(wrapped, rows)):
        cy = top - radius
        centres.append(cy)
        d.add(Circle(radius, cy, radius, fillColor=accent, strokeColor=None))
        d.add(String(radius, cy - size * 0.45, str(i + 1), fontName=bold_font, fontSize=size * 1.3,
                     fillColor=colors.white, textAnchor="middle"))
        y = cy + (len(lines) - 1) * line_h / 2 - size * 0.35
        for line in lines:
            d.add(String(text_x, y, line, fontName=bold_font, fontSize=size, fillColor=INK))
            y -= line_h
        top -= row
    for a, b in zip(centres, centres[1:]):
        y0, y1 = a - radius - 3, b + radius + 3
        d.add(Line(radius, y0, radius, y1 + 5, strokeColor=accent, strokeWidth=1.6))
        d.add(Polygon([radius, y1, radius - 4, y1 + 7, radius + 4, y1 + 7], fillColor=accent, strokeColor=None))
    return d
