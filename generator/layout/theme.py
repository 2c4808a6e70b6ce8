"""Colours, type sizes and paragraph styles: one place that says how the documents look."""
from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

# Contrast against white is at least 7:1 for every text colour (WCAG AAA), tints stay pale.
INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#3d4650")
ACCENT = colors.HexColor("#12416b")
LINK = "#0b4f8a"
RULE = colors.HexColor("#8a96a3")
TONES = {  # callout tone -> (tint behind the text, bar at the side)
    "key": (colors.HexColor("#e6eff7"), ACCENT),
    "warning": (colors.HexColor("#fdf0dc"), colors.HexColor("#9a4a00")),
    "note": (colors.HexColor("#ebf4ec"), colors.HexColor("#2e6b34")),
}


@dataclass(frozen=True)
class Theme:
    body_font: str
    body_size: float = 11.5
    leading_ratio: float = 1.42
    margin: float = 15 * mm
    accent: colors.Color = ACCENT  # headings, bars, diagram; a clinic may set its own
    tinted: bool = True  # tinted boxes and a cover band with white text; large print has neither
    min_size: float = 0.0  # no text smaller: large print sets every text (footer, notes, labels) at 16 pt or more
    side_by_side: bool = True  # a comparison's two boxes beside each other when their words fit
    table_columns: int = 4  # a table of more columns is printed as a block per row

    @classmethod
    def large_print(cls, body_font: str, accent: colors.Color = ACCENT) -> "Theme":
        """At least 16 pt body text and every other text, larger headings (the styles scale), no text over
        tints."""
        # one column of text: boxes one under the other, a table of three or more columns a block per row,
        # which a reader who magnifies the page follows without moving sideways
        return cls(body_font=body_font, body_size=16.5, leading_ratio=1.45, margin=20 * mm, accent=accent,
                   tinted=False, min_size=16.0, side_by_side=False, table_columns=2)

    @property
    def leading(self) -> float:
        return round(self.body_size * self.leading_ratio, 1)

    def size(self, factor: float) -> float:
        """A type size `factor` times the body's, never under the theme's smallest.

        >>> Theme("f").size(0.78), Theme.large_print("f").size(0.78)
        (8.97, 16.0)
        """
        return round(max(self.body_size * factor, self.min_size), 2)

    def styles(self) -> dict[str, ParagraphStyle]:
        f, fb, s, lead = self.body_font, f"{self.body_font}-Bold", self.body_size, self.leading
        # no line of a paragraph alone at the foot or the head of a page (orphans and widows)
        body = ParagraphStyle("body", fontName=f, fontSize=s, leading=lead, textColor=INK,
                              alignment=TA_LEFT, spaceAfter=s * 0.6, allowOrphans=0, allowWidows=0)
        small = self.size(0.85)
        return {
            "body": body,
            "h1": ParagraphStyle("h1", parent=body, fontName=fb, fontSize=s * 1.6, leading=s * 1.95,
                                 textColor=self.accent, spaceBefore=s * 1.3, spaceAfter=s * 0.55),
            "h2": ParagraphStyle("h2", parent=body, fontName=fb, fontSize=s * 1.15, leading=s * 1.45,
                                 textColor=INK, spaceBefore=s * 0.5, spaceAfter=s * 0.3),
            "subheading": ParagraphStyle("subheading", parent=body, fontName=fb, fontSize=s * 1.15, leading=s * 1.45,
                                         textColor=INK, spaceBefore=s * 0.9, spaceAfter=s * 0.35),
            "item": ParagraphStyle("item", parent=body, spaceAfter=s * 0.35),
            "callout": ParagraphStyle("callout", parent=body, spaceAfter=0),
            "callout_title": ParagraphStyle("callout_title", parent=body, fontName=fb, fontSize=s * 1.1,
                                            leading=s * 1.4, spaceAfter=0),
            "term": ParagraphStyle("term", parent=body, fontName=fb, spaceAfter=0),
            "definition": ParagraphStyle("definition", parent=body, leftIndent=s, spaceAfter=s * 0.5),
            "cell": ParagraphStyle("cell", parent=body, fontSize=self.size(0.92), leading=round(self.size(0.92) * 1.32, 2),
                                   spaceAfter=0),
            "cell_head": ParagraphStyle("cell_head", parent=body, fontName=fb, fontSize=self.size(0.92),
                                        leading=round(self.size(0.92) * 1.32, 2), spaceAfter=0),
            "caption": ParagraphStyle("caption", parent=body, fontName=fb, spaceBefore=s * 0.3, spaceAfter=s * 0.4),
            "small": ParagraphStyle("small", parent=body, fontSize=small, leading=round(small * 1.41, 2),
                                    textColor=MUTED),
            "toc0": ParagraphStyle("toc0", parent=body, leftIndent=0, firstLineIndent=0, spaceBefore=s * 0.25,
                                   spaceAfter=s * 0.25, rightIndent=s * 2),
            "cover_title": ParagraphStyle("cover_title", parent=body, fontName=fb, fontSize=s * 2.3,
                                          leading=s * 2.7, spaceAfter=s,
                                          textColor=colors.white if self.tinted else INK),
            "cover_subtitle": ParagraphStyle("cover_subtitle", parent=body, fontSize=s * 1.3, leading=s * 1.7,
                                             textColor=colors.white if self.tinted else INK),
            "cover_line": ParagraphStyle("cover_line", parent=body, fontSize=s * 1.1, leading=s * 1.5,
                                         textColor=INK),
        }


# The print themes by the name the document kinds use (documents.py): the guide's A5 pages, a full sheet
# (the checklist), the summary's two columns on a sheet, and large print for any of them.
THEMES = {
    "guide": lambda body_font, accent=ACCENT: Theme(body_font=body_font, accent=accent),
    "sheet": lambda body_font, accent=ACCENT: Theme(body_font=body_font, body_size=11, margin=17 * mm, accent=accent),
    "summary": lambda body_font, accent=ACCENT: Theme(body_font=body_font, body_size=10.5, leading_ratio=1.38,
                                                      margin=14 * mm, accent=accent),
    "large": Theme.large_print,
}
