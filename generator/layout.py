"""What every layout builder shares: localised markup with font fallback and glyph checks, styles, width."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from reportlab.platypus import Paragraph

from . import content as c
from . import markup
from .errors import BuildWarning, FontError
from .fonts import FontSet
from .localise import Localiser
from .theme import LINK, Theme


@dataclass(frozen=True)
class Notices:
    """What a document must say about its own translation, on its first page."""

    untranslated: bool = False
    unreviewed: bool = False

    def texts(self, ui: dict[str, c.Text]) -> list[c.Text]:
        return ([ui["ui.notice.unreviewed"]] if self.unreviewed else []) + \
               ([ui["ui.notice.untranslated"]] if self.untranslated else [])


@dataclass
class LayoutContext:
    """What every block builder needs: the localiser, fonts, styles, frame width, warnings sink."""

    loc: Localiser
    fonts: FontSet
    theme: Theme
    width: float
    warn: Callable[[BuildWarning], None]
    ui: dict[str, c.Text]

    def __post_init__(self):
        self.styles = self.theme.styles()

    def markup(self, text: c.Text, **args) -> str:
        runs = self.loc.runs(text, **args)
        missing = self.fonts.missing("".join(r.text for r in runs))
        if missing:
            codes = ", ".join(f"U+{ord(ch):04X} {ch!r}" for ch in missing)
            raise FontError(text.origin, f"{text.id}: no shipped font has a glyph for {codes}")
        return markup.to_reportlab(runs, self.fonts.family_for, LINK, self.fonts.body_draws)

    def literal(self, value: str, origin) -> str:
        """Paragraph markup for text that allows no markup at all (a clinic's details): escaped, with
        font fallback, every glyph checked."""
        missing = self.fonts.missing(value)
        if missing:
            codes = ", ".join(f"U+{ord(ch):04X} {ch!r}" for ch in missing)
            raise FontError(origin, f"no shipped font has a glyph for {codes}")
        return markup.to_reportlab([markup.Run(value)], self.fonts.family_for, LINK)

    def para(self, text: c.Text, style: str, **args) -> Paragraph:
        return Paragraph(self.markup(text, **args), self.styles[style])

    def drawn_font(self, text: str, origin) -> tuple[str, str]:
        """(regular, bold) font names for text drawn outside paragraphs, where no per-glyph fallback exists."""
        for family, cover in zip(self.fonts.families, self.fonts.coverage):
            if all(ch == " " or ord(ch) in cover for ch in text):
                return family, f"{family}-Bold"
        raise FontError(origin, f"no single shipped font draws all of {text!r}")

    def notice_box(self, notices: Notices):
        """A bordered box (no tint: it must read in black and white) with the translation notices, or None."""
        from reportlab.platypus import Table, TableStyle

        from .theme import TONES

        texts = notices.texts(self.ui)
        if not texts:
            return None
        bar = TONES["warning"][1]
        s = self.theme.body_size
        table = Table([[self.para(t, "callout")] for t in texts], colWidths=[self.width], hAlign="LEFT",
                      style=TableStyle([
                          ("FONTNAME", (0, 0), (-1, -1), self.fonts.body),
                          ("BOX", (0, 0), (-1, -1), 1.5, bar),
                          ("LEFTPADDING", (0, 0), (-1, -1), s * 0.8), ("RIGHTPADDING", (0, 0), (-1, -1), s * 0.8),
                          ("TOPPADDING", (0, 0), (-1, -1), s * 0.4), ("BOTTOMPADDING", (0, 0), (-1, -1), s * 0.4)]))
        table.spaceAfter = s * 0.6
        return table

    def footer_drawer(self, title: c.Text, page_w: float, margin: float):
        """draw(canvas, page, total): a rule, the document title at the left, "Page X of Y" at the right."""
        from reportlab.lib.units import mm

        from .theme import MUTED, RULE

        left = self.loc.plain(title)
        font, _ = self.drawn_font(left, title.origin)
        size = self.theme.body_size * 0.78
        fmt = self.ui["ui.footer.page"]

        def draw(canv, page: int, total) -> None:
            y = margin - 1 * mm
            canv.setStrokeColor(RULE)
            canv.setLineWidth(0.5)
            canv.line(margin, y + 4 * mm, page_w - margin, y + 4 * mm)
            canv.setFillColor(MUTED)
            canv.setFont(font, size)
            canv.drawString(margin, y, left)

            def page_label(c):  # drawn at save, when the page count is known
                c.setFillColor(MUTED)
                c.setFont(font, size)
                c.drawRightString(page_w - margin, y, self.loc.plain(
                    fmt, page=self.loc.number(page), pages=self.loc.number(total())))

            canv.defer(f"pageno{page}", page_label)

        return draw
