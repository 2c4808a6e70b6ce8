"""The aHSCT steps as a vector diagram: numbered circles joined by arrows, a label under each."""
from __future__ import annotations

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from .theme import ACCENT, INK


def wrap_words(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy line breaking by measured width; a word wider than `width` stands on its own line."""
    lines: list[str] = []
    for word in text.split():
        if lines and stringWidth(f"{lines[-1]} {word}", font, size) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def label_fits(text: str, font: str, size: float, width: float, max_lines: int = 2) -> bool:
    """Whether a label fits its column: at most `max_lines` lines, no word wider than the column."""
    lines = wrap_words(text, font, size, width)
    return len(lines) <= max_lines and all(stringWidth(l, font, size) <= width for l in lines)


def steps_diagram(labels: list[str], width: float, font: str, bold_font: str, size: float) -> Drawing:
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
            d.add(Line(x0, cy, x1 - 5, cy, strokeColor=ACCENT, strokeWidth=1.6))
            d.add(Polygon([x1, cy, x1 - 7, cy + 4, x1 - 7, cy - 4], fillColor=ACCENT, strokeColor=None))
        d.add(Circle(cx, cy, radius, fillColor=ACCENT, strokeColor=None))
        d.add(String(cx, cy - size * 0.45, str(i + 1), fontName=bold_font, fontSize=size * 1.3,
                     fillColor=colors.white, textAnchor="middle"))
        y = cy - radius - 6 - size
        for line in wrap_words(label, bold_font, size, col - 6):
            d.add(String(cx, y, line, fontName=bold_font, fontSize=size, fillColor=INK, textAnchor="middle"))
            y -= line_h
    return d
