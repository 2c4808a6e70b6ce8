"""What every layout builder shares: localised markup with font fallback and glyph checks, styles, width."""
from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass
from typing import Callable

from ..source import content as c
from ..source import markup
from ..errors import BuildWarning
from .fonts import FontSet
from ..i18n.localise import Localiser
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
    fields: object = None  # pdf.fields.FormFields, in a document with form fields (the checklist)
    frame_height: float | None = None  # of the body's frame: what fits on a page moves to the next one whole

    @property
    def two_lines(self) -> float:
        """What a heading needs under it on its page: two lines of body text."""
        return 2 * self.theme.leading

    def __post_init__(self):
        from ..pdf.tags import Element

        self.rtl = self.loc.info.direction == "rtl"
        styles = self.theme.styles()
        if self.rtl:  # a style's indents are on the start and end sides: the right and left, right to left
            styles = {name: st.clone(name, leftIndent=st.rightIndent, rightIndent=st.leftIndent)
                      for name, st in styles.items()}
        self.styles = styles
        # The tagged PDF's structure, made here in content order as the builders make their flowables
        self.structure = Element("Document")
        self._parents = [self.structure]

    # --- structure (layout/structure.py) -----------------------------------------------------------

    @contextlib.contextmanager
    def element(self, role: str, **kw):
        """An element whose kids are the elements made inside the block."""
        e = self.new_element(role, **kw)
        self._parents.append(e)
        try:
            yield e
        finally:
            self._parents.pop()

    def new_element(self, role: str, **kw):
        from ..pdf.tags import Element

        return Element(role, self._parents[-1], **kw)

    def tag(self, role: str, flowable, **kw):
        """`flowable` as a new element (P, H2, Figure, Lbl …) in the current one."""
        from .structure import Tagged

        return Tagged(flowable, self.new_element(role, **kw))

    def lang_of(self, *texts: c.Text) -> str | None:
        """The language of an element showing `texts`, when it is not the document's: English shown
        because a translation lacks them."""
        if texts and all(self.loc.is_fallback(t) for t in texts):
            return "en"
        return None

    def p(self, text: c.Text, style, role: str = "P", **args):
        """A paragraph of `text` as a new element (P, or a heading's role)."""
        return self.tag(role, self.para(text, style, **args), lang=self.lang_of(text))

    def label_element(self, value: str, role: str = "P"):
        """An element for a line drawn outside paragraphs (draw_text): shaped right-to-left text draws
        presentation forms in display order, so it carries its logical text as /ActualText."""
        from .bidi import needs_shaping

        return self.new_element(role, actual_text=value if needs_shaping(value, self.rtl) else None)

    def pdf_meta(self, title: c.Text, edition: dt.date | None = None):
        """The PDF's document properties: the title given, the date of the `edition` (the content's
        review date), the rest from the interface strings."""
        from ..pdf.document import PdfMeta

        plain, ui = self.loc.plain, self.ui
        return PdfMeta(title=plain(title), author=plain(ui["ui.doc.publisher"]), subject=plain(ui["ui.doc.subject"]),
                       keywords=plain(ui["ui.doc.keywords"]), lang=self.loc.info.tag,
                       date=edition)

    def runs(self, text: c.Text, **args) -> list[markup.Run]:
        """The localised text as runs. Every glyph was checked against the locale's fonts when the locale
        was loaded (layout/checks.py), once for all its documents."""
        return self.loc.runs(text, **args)

    def paragraph(self, runs: list[markup.Run], style):
        """A paragraph of runs in the document's direction: ReportLab's Paragraph left to right, our
        BidiParagraph right to left. The run markup.LINE_BREAK breaks a line; a "\n" inside text is white
        space like any other."""
        style = self.styles[style] if isinstance(style, str) else style
        if self.rtl:
            from .bidi import BidiParagraph

            return BidiParagraph(runs, style, self.fonts, rtl=True, link_color=LINK)
        from .flowables import WrapOnceParagraph

        return WrapOnceParagraph(markup.to_reportlab(runs, self.fonts.family_for, LINK, self.fonts.body_draws),
                                 style)

    def heading(self, text: c.Text, style, *, key: str, level: int = 0, role: str = "H2"):
        """A heading that becomes a bookmark (and a contents line)."""
        from ..pdf.document import Heading

        flowable = self.p(text, style, role=role)
        return Heading(flowable, key=key, outline_title=self.loc.plain(text), level=level)

    def draw_text(self, canv, x: float, y: float, value: str, size: float, *, bold: bool = False,
                  anchor: str = "start", color=None) -> float:
        """A line drawn outside paragraphs, at `anchor` (start, middle, end) of the reading direction."""
        from .bidi import draw_string

        return draw_string(canv, x, y, value, self.fonts, size, rtl=self.rtl, bold=bold, anchor=anchor,
                           color=color)

    def text_width(self, value: str, size: float, bold: bool = False) -> float:
        from .bidi import string_width

        return string_width(value, self.fonts, size, rtl=self.rtl, bold=bold)

    def text_descent(self, value: str, size: float, bold: bool = False) -> float:
        """How far under its baseline `value` may reach, in the fonts it is drawn in (a positive number):
        Arabic reaches twice as deep as Latin."""
        from reportlab.pdfbase.pdfmetrics import getDescent

        families = {self.fonts.family_for(ch) or self.fonts.body for ch in value if not ch.isspace()}
        return max(-getDescent(self.fonts.bold(f) if bold else f, size) for f in families or {self.fonts.body})

    def literal(self, value: str, **style) -> list[markup.Run]:
        """Runs for text that allows no markup at all (a clinic's details, checked when loaded)."""
        return [markup.Run(value, **style)]

    def para(self, text: c.Text, style, **args):
        return self.paragraph(self.runs(text, **args), style)

    def notice_box(self, notices: Notices):
        """A bordered box (no tint: it must read in black and white) with the translation notices, or None."""
        from reportlab.platypus import Table, TableStyle

        from .theme import TONES

        texts = notices.texts(self.ui)
        if not texts:
            return None
        bar = TONES["warning"][1]
        s = self.theme.body_size
        table = Table([[self.p(t, "callout")] for t in texts], colWidths=[self.width],
                      hAlign="RIGHT" if self.rtl else "LEFT",
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

        size = self.theme.size(0.78)
        fmt = self.ui["ui.footer.page"]
        start, end = (page_w - margin, margin) if self.rtl else (margin, page_w - margin)
        # the title, cut at a word with an ellipsis when it would run into the widest page label of a
        # document under 100 pages (16 pt large print leaves less room beside "Page 88 of 88")
        widest = self.loc.plain(fmt, page=self.loc.number(88), pages=self.loc.number(88))
        room = page_w - 2 * margin - self.text_width(widest, size) - size
        left = shorten(self.loc.plain(title), lambda t: self.text_width(t, size), room,
                       "\u2026" if not self.fonts.missing("\u2026") else "...")

        def draw(canv, page: int, total) -> None:
            y = margin - 1 * mm
            canv.setStrokeColor(RULE)
            canv.setLineWidth(0.5)
            canv.line(margin, y + size + 1 * mm, page_w - margin, y + size + 1 * mm)  # clear of the letters
            self.draw_text(canv, start, y, left, size, color=MUTED)  # the title at the start side

            def page_label(c):  # drawn at save, when the page count is known
                label = self.loc.plain(fmt, page=self.loc.number(page), pages=self.loc.number(total()))
                self.draw_text(c, end, y, label, size, anchor="end", color=MUTED)

            canv.defer(page_label)

        return draw


def shorten(text: str, measure: Callable[[str], float], width: float, ellipsis: str) -> str:
    """`text` if it fits `width`, else as many of its first words as fit, then `ellipsis`.

    >>> shorten("Stem cell therapy for MS", len, 30, "…"), shorten("Stem cell therapy for MS", len, 14, "…")
    ('Stem cell therapy for MS', 'Stem cell…')
    """
    if measure(text) <= width:
        return text
    words = text.split()
    while len(words) > 1 and measure(" ".join(words) + ellipsis) > width:
        words.pop()
    return " ".join(words) + ellipsis
