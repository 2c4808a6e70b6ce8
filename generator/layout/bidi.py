"""Right-to-left text for ReportLab, without its missing `rlbidi`: break lines by shaped width, order each
line with the Unicode bidirectional algorithm (python-bidi), shape each directional run with HarfBuzz
(uharfbuzz) through ReportLab's shapable TrueType fonts, and draw the runs right-aligned.

ReportLab's Paragraph lays words left to right even with shaping on, and its bidiShapedText reads the word
order of mixed runs the wrong way round; this module is used instead for every right-to-left locale."""
from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import ShapeData, ShapedStr
from reportlab.platypus import Flowable

from ..adapters import bidi as bidi_levels
from ..adapters import reportlab as rl
from .fonts import FontSet
from ..source.markup import LINE_BREAK, Run

# HarfBuzz's defaults minus discretionary ligatures, which would fuse letters a reader expects apart.
FEATURES = {"kern": True, "liga": True, "dlig": False}


@dataclass(frozen=True)
class Shaped:
    text: ShapedStr  # glyphs as characters of the font's subset, in visual order
    width: float  # points


@lru_cache(maxsize=8192)
def shape(text: str, font_name: str, size: float, rtl: bool) -> Shaped:
    """Shape `text` in one font and direction; the result is in visual (left-to-right) order."""
    import uharfbuzz as hb

    ttf = pdfmetrics.getFont(font_name)
    font = hb.Font(rl.harfbuzz_face(ttf))
    buf = hb.Buffer()
    buf.cluster_level = hb.BufferClusterLevel.MONOTONE_CHARACTERS
    buf.add_str(text)
    buf.guess_segment_properties()
    buf.direction = "rtl" if rtl else "ltr"
    hb.shape(font, buf, FEATURES)
    chars, data, width = [], [], 0.0
    for info, pos in zip(buf.glyph_infos, buf.glyph_positions):
        code = rl.glyph_code(ttf, info.codepoint, pos.x_advance)
        x_adv = ttf.pdfScale(pos.x_advance)
        data.append(ShapeData(info.cluster, x_adv, ttf.pdfScale(pos.y_advance), ttf.pdfScale(pos.x_offset),
                              ttf.pdfScale(pos.y_offset), rl.char_width(ttf, code, x_adv)))
        chars.append(chr(code))
        width += x_adv * size / 1000
    return Shaped(ShapedStr("".join(chars), shapeData=data), width)


def cluster_advances(text: str, font_name: str, size: float, rtl: bool) -> list[tuple[int, float]]:
    """(character index, advance in points) of each glyph HarfBuzz gives for `text`."""
    import uharfbuzz as hb

    ttf = pdfmetrics.getFont(font_name)
    buf = hb.Buffer()
    buf.cluster_level = hb.BufferClusterLevel.MONOTONE_CHARACTERS
    buf.add_str(text)
    buf.guess_segment_properties()
    buf.direction = "rtl" if rtl else "ltr"
    hb.shape(hb.Font(rl.harfbuzz_face(ttf)), buf, FEATURES)
    return [(info.cluster, ttf.pdfScale(pos.x_advance) * size / 1000)
            for info, pos in zip(buf.glyph_infos, buf.glyph_positions)]


def _may_break_before(text: str, k: int) -> bool:
    """Whether a long word may be broken before text[k]: not before a combining mark (harakat) or a
    joiner, and not after a joiner."""
    import unicodedata

    ch = text[k]
    return not (unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Mc")
                or ch in "\u200c\u200d" or text[k - 1] in "\u200c\u200d")


@dataclass(frozen=True)
class Style:
    """What a stretch of characters looks like."""

    font: str  # registered ReportLab font name
    href: str | None = None


@dataclass(frozen=True)
class Segment:
    text: str
    level: int
    style: Style
    start: int = 0  # where it begins in the line's logical text


def visual_segments(chars: str, levels: list[int], styles: list[Style], base_level: int) -> list[Segment]:
    """One line's characters as segments in display order (L1 and L2 of UAX #9 at segment level)."""
    levels = list(levels)
    # L1: whitespace at the end of the line takes the paragraph level
    i = len(chars) - 1
    while i >= 0 and chars[i] == " ":
        levels[i] = base_level
        i -= 1
    segments: list[Segment] = []
    for i, (ch, level, style) in enumerate(zip(chars, levels, styles)):
        if segments and segments[-1].level == level and segments[-1].style == style:
            last = segments[-1]
            segments[-1] = Segment(last.text + ch, level, style, last.start)
        else:
            segments.append(Segment(ch, level, style, i))
    if not segments:
        return []
    highest = max(s.level for s in segments)
    lowest_odd = min((s.level for s in segments if s.level % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):  # L2: reverse every run at this level or higher
        out, run = [], []
        for seg in segments:
            if seg.level >= level:
                run.append(seg)
            else:
                out += run[::-1] + [seg]
                run = []
        segments = out + run[::-1]
    return segments


LRI, PDI = "\u2066", "\u2069"
_OPENERS = {"(": ")", "[": "]", "{": "}", "\u201c": "\u201d", "\u2018": "\u2019"}
_RIGHT_TO_LEFT = frozenset({"R", "AL", "RLE", "RLO", "RLI"})
_ATTACHED = frozenset("®™©℠°/")  # signs that belong to the Latin word they follow


def ltr_units(text: str) -> list[tuple[int, int]]:
    """The stretches of left-to-right text inside right-to-left text that keep their own order as one unit:
    from a Latin letter (with the opening brackets just before it, when they close inside) to the last
    Latin letter, digit, attached sign (®, ™, /) or bracket that closes inside, before the next
    right-to-left letter. Punctuation after it (a full stop, an Arabic comma) stays outside, in the
    sentence's own direction.

    >>> text = "دواء (Lemtrada®). راجع https://www.msif.org/."
    >>> [text[a:b] for a, b in ltr_units(text)]
    ['(Lemtrada®)', 'https://www.msif.org/']
    >>> text = "الجمعية\\nStem Cell Therapy for MS\\nhttps://www.nationalmssociety.org/"
    >>> [text[a:b] for a, b in ltr_units(text)]
    ['Stem Cell Therapy for MS', 'https://www.nationalmssociety.org/']
    """
    from unicodedata import bidirectional

    units, i, n = [], 0, len(text)
    while i < n:
        if bidirectional(text[i]) != "L":
            i += 1
            continue
        start = i
        while start > 0 and text[start - 1] in _OPENERS:
            start -= 1
        stack: list[tuple[str, int]] = []
        end, j = None, start
        while j < n and bidirectional(text[j]) not in _RIGHT_TO_LEFT and text[j] != "\n":  # a line break ends
            # every isolate (UAX #9, class B): a unit never runs on past one
            ch = text[j]
            if ch in _OPENERS:
                stack.append((_OPENERS[ch], j))
            elif stack and ch == stack[-1][0]:
                stack.pop()
                end = j
            elif bidirectional(ch) in ("L", "EN") or ch in _ATTACHED:
                end = j
            j += 1
        unclosed = [k for _, k in stack if k < i]  # openers before the first letter that never close
        start = max([start] + [k + 1 for k in unclosed])
        if end is not None and end >= start:
            units.append((start, end + 1))
        i = j
    return units


def resolved_levels(text: str, rtl: bool) -> list[int]:
    """The bidi embedding level of every character. Right to left, each left-to-right unit (ltr_units) is
    resolved as an isolate (U+2066 … U+2069, UAX #9), so "(Lemtrada®)" or "https://www.msif.org/" reads
    as typed instead of losing its ® or trailing slash to the other end; the isolates themselves are not
    part of the text that is drawn."""
    if not rtl:
        return bidi_levels.embedding_levels(text, rtl)
    units = ltr_units(text)
    if not units:
        return bidi_levels.embedding_levels(text, rtl)
    isolated, added, pos = [], set(), 0  # added: indices of the isolates put in
    for a, b in units:
        isolated += text[pos:a]
        added.add(len(isolated))
        isolated += [LRI, *text[a:b]]
        added.add(len(isolated))
        isolated.append(PDI)
        pos = b
    isolated += text[pos:]
    levels = bidi_levels.embedding_levels("".join(isolated), rtl)
    return [level for k, level in enumerate(levels) if k not in added]


def styles_for(runs: list[Run], fonts: FontSet, body: str) -> tuple[str, list[Style]]:
    """The text of `runs` and a Style per character: font by script coverage and weight, link, underline."""
    text, styles = [], []
    for run in runs:
        if run.text == LINE_BREAK.text:  # a line break composed by the layout
            text.append("\n")
            styles.append(Style(body))
            continue
        suffix = "-BoldItalic" if run.bold and run.italic else "-Bold" if run.bold else "-Italic" if run.italic else ""
        for ch in run.text.replace("\n", " "):  # newlines inside text are only white space
            family = None if ch == " " else fonts.family_for(ch)
            text.append(ch)
            styles.append(Style((family or body) + suffix, run.href))
    return "".join(text), styles


class BidiParagraph(Flowable):
    """A paragraph of styled runs laid out right to left (or left to right within a right-to-left
    document), wrapped by shaped width, aligned by the style (right for RTL by default).

    Tagged (layout/structure.py), each line's text is a Span per stretch of one link and one direction,
    in logical order, with its logical text as /ActualText (the glyphs drawn are shaped forms in display
    order) and /Lang en on Latin words; a link's stretches are kids of one Link element."""

    tags_own_content = True
    element = None  # the structure element this paragraph's text belongs to (set by layout.structure)

    def __init__(self, runs: list[Run], style, fonts: FontSet, *, rtl: bool = True, size: float | None = None,
                 link_color=None, _lines=None):
        super().__init__()
        self.runs, self.style, self.fonts, self.rtl = runs, style, fonts, rtl
        self.size = size or style.fontSize
        self.link_color = link_color
        # the style's own weight (a heading's "-Bold" font) applies to every run
        name = getattr(style, "fontName", "")
        bold, italic = "Bold" in name.split("-")[-1], "Italic" in name.split("-")[-1]
        if bold or italic:
            runs = [Run(r.text, r.bold or bold, r.italic or italic, r.href) if r.text != LINE_BREAK.text else r
                    for r in runs]
        self.text, self.styles = styles_for(runs, fonts, fonts.body)
        self.levels = resolved_levels(self.text, rtl) if self.text else []
        self._lines = _lines  # (start, end) character ranges, set when split
        self._links: dict = {}  # link number -> Link element, shared with the parts of a split
        self._spans: dict = {}  # "last": the Span drawn last, which the next line may go on with

    # --- layout ---------------------------------------------------------------------------------

    def _word_width(self, start: int, end: int) -> float:
        width, i = 0.0, start
        while i < end:  # a word may change font or level: shape each stretch
            j = i + 1
            while j < end and self.styles[j] == self.styles[i] and self.levels[j] == self.levels[i]:
                j += 1
            width += shape(self.text[i:j], self.styles[i].font, self.size, bool(self.levels[i] % 2)).width
            i = j
        return width

    def _word_cuts(self, start: int, end: int, width: float) -> list[int]:
        """Where to break a word wider than `width` (a 2,000-letter "word" in a translation would otherwise
        run off the page): after as many whole characters as fit, never between a letter and its marks.
        Widths come from one shaping of the word; each piece is then measured as it will be drawn."""
        advances = self._advances(start, end)
        cuts, piece_start, piece_w, k = [], start, 0.0, start
        while k < end:
            step = advances[k - start]
            if piece_w + step > width and k > piece_start and _may_break_before(self.text, k):
                while k - 1 > piece_start and (self._word_width(piece_start, k) > width + 0.01
                                               or not _may_break_before(self.text, k)):
                    k -= 1  # the piece's own shaping (its last letter takes its final form) is wider
                cuts.append(k)
                piece_start, piece_w = k, 0.0
                continue
            piece_w += step
            k += 1
        return cuts

    def _advances(self, start: int, end: int) -> list[float]:
        """The advance of each character of text[start:end] as shaped in place (a cluster's width goes to
        its first character)."""
        out, i = [0.0] * (end - start), start
        while i < end:
            j = i + 1
            while j < end and self.styles[j] == self.styles[i] and self.levels[j] == self.levels[i]:
                j += 1
            for cluster, advance in cluster_advances(self.text[i:j], self.styles[i].font, self.size,
                                                     bool(self.levels[i] % 2)):
                out[i - start + cluster] += advance
            i = j
        return out

    def _break(self, width: float) -> list[tuple[int, int]]:
        text, lines = self.text, []
        space = shape(" ", self.fonts.body, self.size, self.rtl).width
        start, line_w, i, n = 0, 0.0, 0, len(text)
        while i < n:
            if text[i] == "\n":
                lines.append((start, i))
                start, line_w, i = i + 1, 0.0, i + 1
                continue
            if text[i] == " ":
                i += 1
                continue
            j = i
            while j < n and text[j] not in " \n":
                j += 1
            w = self._word_width(i, j)
            gap = space if line_w else 0.0
            if w > width + 0.01:  # a word longer than a whole line: broken into pieces that fit
                if line_w:
                    lines.append((start, i))
                for cut in self._word_cuts(i, j, width):
                    lines.append((i, cut))
                    i = cut
                start, line_w = i, self._word_width(i, j)
            elif line_w and line_w + gap + w > width + 0.01:
                lines.append((start, i))
                start, line_w = i, w
            else:
                line_w += gap + w
            i = j
        if start < n or not lines:
            lines.append((start, n))
        return lines

    def wrap(self, aw, ah):
        self.width = aw
        self.avail = aw - self.style.leftIndent - self.style.rightIndent
        if self._lines is None or getattr(self, "_wrapped_for", None) != aw:
            if getattr(self, "_split_from", None) is None:
                self._lines = self._break(self.avail)
            self._wrapped_for = aw
        self.height = len(self._lines) * self.style.leading
        return aw, self.height

    def split(self, aw, ah):
        self.wrap(aw, ah)
        fit = int(ah // self.style.leading)
        if fit >= len(self._lines):
            return []
        fit = min(fit, len(self._lines) - 2)  # no line alone at the foot or the head of a page
        if fit < 2:
            return []
        first = self._clone(self._lines[:fit])
        rest = self._clone(self._lines[fit:])
        first.style = self.style.clone("split_first", spaceAfter=0)
        rest.style = self.style.clone("split_rest", spaceBefore=0)
        return [first, rest]

    def _clone(self, lines):
        other = BidiParagraph.__new__(BidiParagraph)
        other.__dict__.update(self.__dict__)
        Flowable.__init__(other)
        other._lines, other._split_from = lines, self
        return other

    def line_ranges(self) -> list[tuple[int, int]]:
        """The (start, end) character range of each line, once wrapped."""
        return list(self._lines)

    def getSpaceBefore(self):
        return self.style.spaceBefore

    def getSpaceAfter(self):
        return self.style.spaceAfter

    # --- drawing --------------------------------------------------------------------------------

    def line_segments(self, start: int, end: int) -> list[tuple[Segment, Shaped]]:
        text = self.text[start:end].rstrip(" ")
        segs = visual_segments(text, self.levels[start:start + len(text)], self.styles[start:start + len(text)],
                               1 if self.rtl else 0)
        return [(s, shape(s.text, s.style.font, self.size, bool(s.level % 2))) for s in segs]

    def draw(self):
        from ..pdf.marking import tagging

        canv, st = self.canv, self.style
        tagged = self.element is not None and tagging(canv)
        self._sequence = [None, contextlib.ExitStack()]  # the Span whose marked content is open, and its exit
        y = self.height - st.leading + (st.leading - self.size) * 0.5 + self.size * 0.22
        for start, end in self._lines:
            shaped = self.line_segments(start, end)
            total = sum(sh.width for _, sh in shaped)
            align = st.alignment
            if align == TA_LEFT and self.rtl:
                align = TA_RIGHT  # "left" in a right-to-left document means the start side
            if align == TA_RIGHT:
                x = self.width - st.rightIndent - total
            elif align == TA_CENTER:
                x = st.leftIndent + (self.avail - total) / 2
            else:
                x = st.leftIndent
            parts = [(sh, seg.style.font, self.link_color if seg.style.href and self.link_color else st.textColor)
                     for seg, sh in shaped]
            if tagged:
                self._draw_tagged_line(canv, start, end, x, y, shaped, parts)
            else:
                draw_shaped(canv, x, y, parts, self.size)
            links: list[list] = []  # [href, x0, x1]: a link drawn in several segments is one link
            for seg, sh in shaped:
                href = seg.style.href
                if href and links and links[-1][0] == href and links[-1][2] == x:
                    links[-1][2] = x + sh.width
                elif href:
                    links.append([href, x, x + sh.width, seg])
                x += sh.width
            for href, x0, x1, seg in links:
                canv.saveState()
                canv.setStrokeColor(self.link_color or st.textColor)
                canv.setLineWidth(0.5)
                canv.line(x0, y - self.size * 0.15, x1, y - self.size * 0.15)
                canv.restoreState()
                rect = (x0, y - self.size * 0.25, x1, y + self.size * 0.85)
                if tagged:
                    link, text = self._link_element(start + seg.start)
                    with canv.annotations_for(link, contents=text):
                        canv.linkURL(href, rect, relative=1)
                else:
                    canv.linkURL(href, rect, relative=1)
            y -= st.leading
        self._sequence[1].close()

    def _link_number(self, i: int) -> int:
        """Which link (counted from 1 in logical order) character i belongs to; 0 for none."""
        numbers = self.__dict__.get("_link_numbers")
        if numbers is None:
            numbers, n, prev = [], 0, None
            for style in self.styles:
                if style.href and style.href != prev:
                    n += 1
                numbers.append(n if style.href else 0)
                prev = style.href
            self._link_numbers = numbers
        return numbers[i]

    def _link_element(self, i: int):
        """The Link element of the link character i is in, and the link's whole text."""
        n = self._link_number(i)
        if n not in self._links:
            href = self.styles[i].href
            a = i
            while a > 0 and self.styles[a - 1].href == href:
                a -= 1
            b = i
            while b < len(self.text) and self.styles[b].href == href:
                b += 1
            self._links[n] = (self.element.child("Link"), " ".join(self.text[a:b].split()))
        return self._links[n]

    def _draw_tagged_line(self, canv, start: int, end: int, x: float, y: float, shaped, parts) -> None:
        """One line as the element's content, in logical order: each stretch of one link (or of none) is
        drawn in its own text object, at the places its segments have on the line, as a Span with its
        logical text; Latin words inside right-to-left text are marked /Lang en where they are drawn.
        A stretch that goes on from the line before stays one Span, and a paragraph that is one stretch
        becomes one element (pdf/tags.py folds an only Span into its parent)."""
        xs = []
        for _, sh in shaped:
            xs.append(x)
            x += sh.width
        logical = self.text[start:end]
        stretches: list[list[int]] = []  # [a, b, link number] over the line's logical text
        self._link_number(start)
        for i, n in enumerate(self._link_numbers[start:end]):
            if stretches and stretches[-1][2] == n:
                stretches[-1][1] = i + 1
            else:
                stretches.append([i, i + 1, n])
        more = end < len(self.text)
        for k, (a, b, n) in enumerate(stretches):
            segments = [j for j, (seg, _) in enumerate(shaped) if a <= seg.start < b]
            text = logical[a:b]
            if k == len(stretches) - 1 and more and not text.endswith(" "):
                text += " "  # a line break is a space between words
            if not segments and not text.strip():
                continue
            parent = self._link_element(start + a)[0] if n else self.element
            last = self._spans.get("last")
            if last is not None and last.parent is parent and parent.kids[-1] is last:
                span = last  # the same stretch going on from the line before: one Span
                span.actual_text += text
            else:
                span = self._spans["last"] = parent.child("Span", actual_text=text)
            if self._sequence[0] is not span:  # one marked-content sequence for as long as a Span goes on
                self._sequence[1].close()
                self._sequence[1].enter_context(canv.tagged(span))
                self._sequence[0] = span
            if segments:
                draw_shaped_at(canv, y, [(xs[j], *parts[j], _latin(shaped[j][0], self.rtl)) for j in segments],
                               self.size)


def _latin(segment: Segment, rtl: bool) -> bool:
    """A left-to-right stretch of Latin letters inside right-to-left text (a name, an abbreviation)."""
    return rtl and segment.level % 2 == 0 and any(ch.isascii() and ch.isalpha() for ch in segment.text)


def draw_shaped(canv, x: float, y: float, parts, size: float) -> None:
    """One line's shaped segments, `parts` = (shaped, font, color) in display order from `x`, as one text
    object: each segment starts where the previous one ended, and only a change of font or colour is
    written out."""
    placed = []
    for shaped, seg_font, seg_color in parts:
        placed.append((x, shaped, seg_font, seg_color, False))
        x += shaped.width
    draw_shaped_at(canv, y, placed, size)


def draw_shaped_at(canv, y: float, parts, size: float) -> None:
    """Shaped segments `parts` = (x, shaped, font, color, latin), each at its own place on the line, as one
    text object; a Latin segment is marked as English (/Lang en) where it is drawn."""
    t = canv.beginText(parts[0][0], y)
    font = color = None
    for i, (x, shaped, seg_font, seg_color, latin) in enumerate(parts):
        if seg_font != font:
            t.setFont(seg_font, size)
            font = seg_font
        if seg_color is not None and seg_color != color:
            t.setFillColor(seg_color)
            color = seg_color
        if i:
            t.setXPos(x - t.getStartOfLine()[0])  # a relative move: fewer bytes than a new matrix
        if latin:
            rl.text_operators(t).append("/Span <</Lang (en)>> BDC")
        t.textOut(shaped.text)
        if latin:
            rl.text_operators(t).append("EMC")
    canv.drawText(t)


_RTL_CHARS = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U00010fff\U0001e800-\U0001efff]")


def _plain_segments(text: str, fonts: FontSet, size: float, bold: bool) -> list[tuple[str, str, float]]:
    """Left-to-right text with no right-to-left letters: (text, font, width) per font, no shaping needed."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    out: list[tuple[str, str, float]] = []
    for ch in text:
        font = (fonts.family_for(ch) if ch != " " else None) or fonts.body
        font += "-Bold" if bold else ""
        if out and out[-1][1] == font:
            out[-1] = (out[-1][0] + ch, font, 0.0)
        else:
            out.append((ch, font, 0.0))
    return [(t, f, stringWidth(t, f, size)) for t, f, _ in out]


def needs_shaping(text: str, rtl: bool) -> bool:
    """Whether draw_string draws `text` shaped, in display order (so not as its own characters)."""
    return rtl or bool(_RTL_CHARS.search(text))


def draw_string(canv, x: float, y: float, text: str, fonts: FontSet, size: float, *, rtl: bool,
                bold: bool = False, anchor: str = "start", color=None) -> float:
    """One line of text drawn outside paragraphs (footer, diagram label, form label), shaped and ordered;
    `anchor` is start (right edge for RTL), middle or end. Returns the width."""
    if not rtl and not _RTL_CHARS.search(text):  # the common case needs neither bidi nor shaping
        parts = _plain_segments(text, fonts, size, bold)
        total = sum(w for _, _, w in parts)
        x -= total / 2 if anchor == "middle" else total if anchor == "end" else 0
        canv.saveState()
        if color is not None:
            canv.setFillColor(color)
        for t, font, w in parts:
            canv.setFont(font, size)
            canv.drawString(x, y, t)
            x += w
        canv.restoreState()
        return total
    para = BidiParagraph([Run(text, bold=bold)], _LineStyle(size), fonts, rtl=rtl)
    segs = para.line_segments(0, len(para.text))
    total = sum(sh.width for _, sh in segs)
    if anchor == "middle":
        x -= total / 2
    elif (anchor == "start") == rtl:  # start of an RTL line, or end of an LTR one: x is the right edge
        x -= total
    draw_shaped(canv, x, y, [(sh, seg.style.font, color) for seg, sh in segs], size)
    return total


def string_width(text: str, fonts: FontSet, size: float, *, rtl: bool, bold: bool = False) -> float:
    if not rtl and not _RTL_CHARS.search(text):
        return sum(w for _, _, w in _plain_segments(text, fonts, size, bold))
    para = BidiParagraph([Run(text, bold=bold)], _LineStyle(size), fonts, rtl=rtl)
    return sum(sh.width for _, sh in para.line_segments(0, len(para.text)))


class _LineStyle:
    def __init__(self, size: float):
        self.fontSize = size
        self.leading = size * 1.2
        self.leftIndent = self.rightIndent = 0
        self.alignment = TA_RIGHT
        self.textColor = None
        self.spaceBefore = self.spaceAfter = 0
