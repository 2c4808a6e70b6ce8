"""A PDF read back as a reader meets it: each page's lines of glyphs with their boxes and sizes (pdfium, the
engine of Chrome), its form fields (pypdf), and every glyph drawn from nothing (a character code that the
embedded font maps to its .notdef glyph, which no viewer can show); and the content model's texts found among
those lines whatever the script or the direction, by the letters a line holds rather than their order (a
right-to-left line comes back in visual or logical order depending on the reader)."""
from __future__ import annotations

import ctypes
import re
import struct
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path


@dataclass(frozen=True)
class Glyph:
    ch: str
    x0: float
    x1: float
    y0: float
    y1: float
    baseline: float
    size: float  # points, as drawn on the page


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # /Tx or /Btn
    rect: tuple[float, float, float, float]
    font_size: float | None  # of typed text, from the field's default appearance


@dataclass
class Line:
    """The glyphs that share a baseline (marks a little above or below it included), or a text field,
    which in a form stands for the lines a reader writes on."""

    page: int  # 0-based
    baseline: float
    glyphs: list[Glyph] = field(default_factory=list)
    field: Field | None = None

    @cached_property
    def letters(self) -> Counter:
        return Counter(normal("".join(g.ch for g in self.glyphs)))

    @property
    def top(self) -> float:
        return self.field.rect[3] if self.field else max(g.y1 for g in self.glyphs)

    @property
    def bottom(self) -> float:
        return self.field.rect[1] if self.field else min(g.y0 for g in self.glyphs)

    def __str__(self) -> str:
        return "".join(g.ch for g in sorted(self.glyphs, key=lambda g: g.x0))


@dataclass
class Page:
    index: int
    width: float
    height: float
    glyphs: list[Glyph]
    lines: list[Line]  # top to bottom
    fields: list[Field]
    notdef: list[str]  # one entry per character code drawn as .notdef: "font at (x, y)"


_IGNORED = re.compile(r"[\s\u00ad\u200b-\u200f\u2066-\u2069\ufeff\ufffe]")
# A reader rebuilding the logical order of a right-to-left line mirrors brackets as it sees fit: "(" and
# ")" count as the same character here (order is never compared, only which characters a line holds).
# pdfium also reports some "®" glyphs (drawn and mapped to U+00AE) as "R".
_MIRRORED = str.maketrans(")]}»›>®", "([{«‹<R")


def normal(text: str) -> str:
    """Text as compared here: NFKC (Arabic presentation forms become letters, no-break spaces spaces), no
    white space, no invisible formatting characters, brackets unpaired."""
    return _IGNORED.sub("", unicodedata.normalize("NFKC", text)).translate(_MIRRORED)


def read(pdf: Path) -> list[Page]:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw
    from pypdf import PdfReader

    doc = pdfium.PdfDocument(str(pdf))
    reader = PdfReader(pdf)
    pages = []
    l, r, b, t, ox, oy = (ctypes.c_double() for _ in range(6))
    for i in range(len(doc)):
        page = doc[i]
        tp = page.get_textpage()
        glyphs = []
        for ci in range(tp.count_chars()):
            ch = chr(raw.FPDFText_GetUnicode(tp.raw, ci))
            if raw.FPDFText_IsHyphen(tp.raw, ci) == 1:  # a hyphen ending a line comes back as U+0002
                ch = "-"
            if not normal(ch) or raw.FPDFText_IsGenerated(tp.raw, ci) == 1:
                continue
            raw.FPDFText_GetCharBox(tp.raw, ci, l, r, b, t)
            raw.FPDFText_GetCharOrigin(tp.raw, ci, ox, oy)
            glyphs.append(Glyph(ch, l.value, r.value, b.value, t.value, oy.value,
                                round(raw.FPDFText_GetFontSize(tp.raw, ci), 2)))
        pages.append(Page(i, page.get_width(), page.get_height(), glyphs, _lines(i, glyphs),
                          _fields(reader.pages[i]), _notdef(reader.pages[i])))
    return pages


def _lines(index: int, glyphs: list[Glyph]) -> list[Line]:
    """Glyphs grouped by baseline. A mark (a damma over a letter, a kasra under it) may be reported on a
    baseline of its own, up to 0.6 em from its letter's: it belongs to the line of letters beside it."""
    lines: list[Line] = []
    for g in sorted(glyphs, key=lambda g: -g.baseline):
        gap = lines[-1].baseline - g.baseline if lines else None
        if gap is not None and gap <= max(2.0, 0.35 * g.size):
            lines[-1].glyphs.append(g)
        elif gap is not None and gap <= 0.6 * g.size and (_is_mark(g) or all(_is_mark(m) for m in lines[-1].glyphs)):
            if not _is_mark(g):  # the line is the letters' own
                lines[-1].baseline = g.baseline
            lines[-1].glyphs.append(g)
        else:
            lines.append(Line(index, g.baseline, [g]))
    return lines


def _is_mark(g: Glyph) -> bool:
    return unicodedata.category(g.ch).startswith("M")


def _fields(page) -> list[Field]:
    out = []
    for annot in page.get("/Annots", []) or []:
        a = annot.get_object()
        if a.get("/Subtype") != "/Widget":
            continue
        da = re.search(r"([\d.]+)\s+Tf", str(a.get("/DA", "")))
        out.append(Field(str(a.get("/T", "")), str(a.get("/FT", "")), tuple(float(v) for v in a["/Rect"]),
                         float(da.group(1)) if da else None))
    return out


# --- glyphs drawn from nothing --------------------------------------------------------------------


def _notdef(page) -> list[str]:
    """Every character code the page's own content draws in an embedded TrueType font that shows nothing
    for a character that should show: a code the font maps to glyph 0 (.notdef), or to an empty glyph,
    while it stands for no character or for one that is not a space. That is what a font without the
    character gives (ReportLab draws it as code 0, the font's empty glyph for U+0000)."""
    from pypdf.generic import ContentStream

    fonts = page.get("/Resources", {}).get("/Font", {}) or {}
    contents = page.get_contents()
    if contents is None:
        return []
    found, font, missing = [], None, frozenset()
    cache: dict[str, frozenset[int]] = {}
    for operands, op in ContentStream(contents, page.pdf).operations:
        if op == b"Tf":
            font = str(operands[0])
            if font not in cache:
                cache[font] = _invisible_codes(fonts[font].get_object()) if font in fonts else frozenset()
            missing = cache[font]
        elif op in (b"Tj", b"'", b'"', b"TJ") and missing:
            strings = operands[0] if op == b"TJ" else operands[-1:]
            for string in strings:
                data = getattr(string, "original_bytes", None)
                if data is None and isinstance(string, (bytes, str)):
                    data = string if isinstance(string, bytes) else string.encode("latin-1")
                found += [f"{font} code {code}" for code in data or b"" if code in missing]
    return found


def _invisible_codes(font) -> frozenset[int]:
    """The single-byte codes of a simple TrueType font whose embedded glyph draws nothing, though the
    code stands for no character or for a visible one (per the font's ToUnicode map)."""
    if font.get("/Subtype") != "/TrueType":
        return frozenset()
    descriptor = font.get("/FontDescriptor")
    program = descriptor.get_object().get("/FontFile2") if descriptor is not None else None
    if program is None:
        return frozenset()  # not embedded: the viewer's own font draws it
    data = program.get_object().get_data()
    mapping, empty = _cmap(data), _empty_glyphs(data)
    chars = _to_unicode(font["/ToUnicode"].get_object().get_data()) if "/ToUnicode" in font else {}
    first, last = int(font.get("/FirstChar", 0)), int(font.get("/LastChar", 255))
    out = set()
    for code in range(first, last + 1):
        gid = mapping.get(code, 0)
        text = chars.get(code, "")
        if (gid == 0 or gid in empty) and not (text and text.isspace()):
            out.add(code)
    return frozenset(out)


def _tables(data: bytes) -> dict[bytes, bytes]:
    tables = {}
    for k in range(struct.unpack(">H", data[4:6])[0]):
        tag, _, offset, length = struct.unpack(">4sIII", data[12 + 16 * k: 28 + 16 * k])
        tables[tag] = data[offset:offset + length]
    return tables


def _empty_glyphs(data: bytes) -> frozenset[int]:
    """Glyphs with no outline: their 'loca' entry has no length."""
    tables = _tables(data)
    if b"loca" not in tables or b"head" not in tables:
        return frozenset()
    long = struct.unpack(">h", tables[b"head"][50:52])[0] == 1
    loca = tables[b"loca"]
    offsets = struct.unpack(f">{len(loca) // 4}I", loca) if long else \
        [2 * v for v in struct.unpack(f">{len(loca) // 2}H", loca)]
    return frozenset(g for g in range(len(offsets) - 1) if offsets[g] == offsets[g + 1])


def _to_unicode(cmap: bytes) -> dict[int, str]:
    """Code -> text of a ToUnicode CMap's bfchar and bfrange entries."""
    text = cmap.decode("latin-1")
    out: dict[int, str] = {}

    def chars(hexstr: str) -> str:
        raw = bytes.fromhex(hexstr)
        return raw.decode("utf-16-be", "replace") if raw else ""

    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            out[int(src, 16)] = chars(dst)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for lo, hi, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            base = int(dst, 16)
            for k, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                out[code] = chr(base + k)
    return out


def _cmap(data: bytes) -> dict[int, int]:
    """Code -> glyph of a TrueType font's (1,0) or (3,0)/(3,1) cmap subtable (formats 0, 4 and 6): what a
    PDF viewer uses to draw a simple TrueType font's codes."""
    cmap = _tables(data)[b"cmap"]
    subtables = {}
    for k in range(struct.unpack(">H", cmap[2:4])[0]):
        platform, encoding, offset = struct.unpack(">HHI", cmap[4 + 8 * k: 12 + 8 * k])
        subtables[(platform, encoding)] = cmap[offset:]
    for key, symbol in (((3, 0), True), ((1, 0), False), ((3, 1), False)):
        if key in subtables:
            out = _subtable(subtables[key])
            if symbol:  # a symbol font's codes are looked up at U+F000 + code, or as they are
                out = {c & 0xFF: g for c, g in out.items() if c >> 8 in (0, 0xF0)}
            return out
    return {}


def _subtable(sub: bytes) -> dict[int, int]:
    fmt = struct.unpack(">H", sub[:2])[0]
    if fmt == 0:
        return dict(enumerate(sub[6:262]))
    if fmt == 6:
        first, count = struct.unpack(">HH", sub[6:10])
        return {first + k: struct.unpack(">H", sub[10 + 2 * k: 12 + 2 * k])[0] for k in range(count)}
    if fmt == 4:
        segs = struct.unpack(">H", sub[6:8])[0] // 2
        ends = struct.unpack(f">{segs}H", sub[14:14 + 2 * segs])
        starts = struct.unpack(f">{segs}H", sub[16 + 2 * segs:16 + 4 * segs])
        deltas = struct.unpack(f">{segs}h", sub[16 + 4 * segs:16 + 6 * segs])
        ro_at = 16 + 6 * segs
        ranges = struct.unpack(f">{segs}H", sub[ro_at:ro_at + 2 * segs])
        out = {}
        for k in range(segs):
            for c in range(starts[k], min(ends[k], 0xF0FF) + 1):
                if ranges[k]:
                    at = ro_at + 2 * k + ranges[k] + 2 * (c - starts[k])
                    g = struct.unpack(">H", sub[at:at + 2])[0]
                    g = (g + deltas[k]) & 0xFFFF if g else 0
                else:
                    g = (c + deltas[k]) & 0xFFFF
                out[c] = g
        return out
    raise ValueError(f"cmap format {fmt} is not read here")


# --- the content model's texts on the pages ---------------------------------------------------------


@dataclass(frozen=True)
class Found:
    first: int  # index of the first line in the flow
    last: int  # index of the last line
    extra: str  # characters the lines hold beyond the text: a list item's marker


class Flow:
    """The lines of a document's pages in reading order (top to bottom, page after page), and where the
    content model's texts stand among them."""

    def __init__(self, pages: list[Page], footer_below: float, fields: bool = False,
                 gutter: float | None = None, rtl: bool = False):
        """The lines above `footer_below` (the running footer's are not content); with `fields`, each
        text field stands in the flow as a line of its own. With `gutter`, the pages are set in two
        columns that far apart: a page's lines above its columns (a title, down to its lowest line across
        both) come first, then the start column's (the right one with `rtl`), then the other's."""
        self.lines: list[Line] = []
        for page in pages:
            lines = [l for l in page.lines if l.baseline >= footer_below]
            if fields:
                lines += [Line(page.index, f.rect[3], [], f) for f in page.fields if f.kind == "/Tx"]
            if gutter is None:
                self.lines += sorted(lines, key=lambda l: -l.baseline)
                continue
            mid, order = page.width / 2, ("across", "right", "left") if rtl else ("across", "left", "right")
            parts = [part for l in lines for part in _columns_of(l, 0.8 * gutter)]
            crossing = [l.baseline for l in parts if l.glyphs and min(g.x0 for g in l.glyphs) < mid < max(g.x1 for g in l.glyphs)]
            top = min(crossing, default=float("inf"))  # the columns stand under the last line across them

            columns: dict[str, list] = {"left": [], "right": []}
            for l in parts:
                if l.glyphs and l.baseline < top:
                    columns["left" if max(g.x1 for g in l.glyphs) <= mid else "right"] += l.glyphs
            across = [l for l in parts if not l.glyphs or l.baseline >= top]
            # each column's lines anew from its glyphs: a mark is on its letters' line, not the other column's
            self.lines += sorted(across, key=lambda l: -l.baseline)
            for name in order[1:]:
                self.lines += _lines(page.index, columns[name])

    def find(self, text: str, start: int = 0, *, marker: bool = False) -> Found | None:
        """The first run of whole lines from `start` that holds exactly the letters of `text`; with
        `marker`, the first line may hold a few more characters that are not letters (a bullet, a
        number): they are returned as `extra`."""
        want = Counter(normal(text))
        if not want:
            return None
        for i in range(start, len(self.lines)):
            if not self.lines[i].letters:
                continue
            have = Counter()
            for j in range(i, len(self.lines)):
                have += self.lines[j].letters
                over = have - want  # only grows: once too much, no later line can help
                if over and not (marker and _marker_only(over) and not over - self.lines[i].letters):
                    break
                if not (want - have):
                    return Found(i, j, "".join(sorted(over.elements())))
        return None


def _columns_of(line: Line, gap: float) -> list[Line]:
    """A line's glyphs as the lines of the columns it crosses: split where `gap` or more separates two
    glyphs (two columns' text is never closer than their gutter; words and markers in a column are)."""
    if not line.glyphs:  # a form field
        return [line]
    glyphs = sorted(line.glyphs, key=lambda g: g.x0)
    out = [Line(line.page, line.baseline, glyphs[:1])]
    for a, b in zip(glyphs, glyphs[1:]):
        if b.x0 - a.x1 >= gap:
            out.append(Line(line.page, line.baseline, []))
        out[-1].glyphs.append(b)
    return out


def _marker_only(chars: Counter) -> bool:
    return sum(chars.values()) <= 4 and all(not unicodedata.category(c).startswith(("L", "M")) for c in chars)
