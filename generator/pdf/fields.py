"""The PDF's form fields: every widget of a document is made here, in tab order, and every text field
types in a font of our own, embedded for the locale's whole script.

ReportLab's form fields know only the 14 standard fonts (Latin-1 in Helvetica), so a patient typing
Cyrillic or Arabic got whatever the viewer substituted, or nothing. Here each text field's default
appearance (/DA) names one field font listed in the form's resources (/DR): the body face of the
locale's script, embedded as a composite font (Type0, Identity-H) holding every glyph of the script's
Unicode blocks (layout/fonts.py FIELD_BLOCKS), since what a patient will type is not known when the file
is made. Its character codes are Unicode code points (CID = code point, a CIDToGIDMap to the subset's
glyphs) and its ToUnicode map says so, which is how a viewer finds the code of a typed character.

A field with a value gets an appearance stream (/AP) showing it, shaped and ordered as our pages are;
an empty field's appearance is empty. Right-to-left fields are right-aligned (/Q 2)."""
from __future__ import annotations

import hashlib
import struct
from functools import lru_cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import (PDFArray, PDFDictionary, PDFName, PDFObject, PDFStream, PDFString,
                                      PDFZCompress)

from ..adapters import reportlab as rl

FONT_RESOURCE = "MsField"  # the field font's name in /DR, every /DA and every appearance
MULTILINE = 1 << 12  # field flag (ISO 32000-1, table 228)
PRINT = 4  # annotation flag: printed with the page


@lru_cache(maxsize=None)
def script_codes(font_name: str, blocks: tuple[tuple[int, int], ...]) -> frozenset[int]:
    """The code points of `blocks` that the registered font has glyphs for."""
    coverage = rl.font_coverage(pdfmetrics.getFont(font_name))
    return frozenset(cp for start, end in blocks for cp in range(start, end + 1) if cp in coverage)


class FieldFont(PDFObject):
    """The composite font every text field types in, written when the document is saved: by then the
    appearances of pre-set values have said which extra glyphs (ligatures, contextual forms) they use."""

    def __init__(self, font_name: str, blocks: tuple[tuple[int, int], ...]):
        self.font_name = font_name
        self.ttf = pdfmetrics.getFont(font_name)
        self.codes = set(script_codes(font_name, blocks))

    def use(self, codes) -> None:
        self.codes.update(codes)

    def encode(self, codes) -> str:
        """A hex string of two-byte codes (Identity-H), for a Tj or TJ operand."""
        return "<" + "".join(f"{c:04X}" for c in codes) + ">"

    def width(self, code: int) -> float:
        """Advance width in 1/1000 em."""
        return rl.char_width(self.ttf, code, 0.0)

    def format(self, document):
        codes = sorted(c for c in self.codes if c <= 0xFFFF)
        data, gids = _subset(self.font_name, tuple(codes))
        tag = "".join(chr(65 + b % 26) for b in hashlib.sha256(data).digest()[:6])
        m = rl.font_metrics(self.ttf)
        base = PDFName(f"{tag}+{m['name']}")
        cid_to_gid = bytearray(2 * (codes[-1] + 1))
        for code in codes:
            struct.pack_into(">H", cid_to_gid, 2 * code, gids[code])
        descriptor = PDFDictionary({
            "Type": PDFName("FontDescriptor"), "FontName": base, "Flags": 32,
            "FontBBox": PDFArray(m["bbox"]), "ItalicAngle": m["italic_angle"], "Ascent": m["ascent"],
            "Descent": m["descent"], "CapHeight": m["cap_height"], "StemV": m["stem_v"],
            "FontFile2": document.Reference(_stream(data, Length1=len(data)))})
        cid_font = PDFDictionary({
            "Type": PDFName("Font"), "Subtype": PDFName("CIDFontType2"), "BaseFont": base,
            "CIDSystemInfo": PDFDictionary({"Registry": PDFString("Adobe"), "Ordering": PDFString("UCS"),
                                            "Supplement": 0}),
            "FontDescriptor": document.Reference(descriptor), "DW": 0,
            "W": PDFArray(_widths(codes, self.width)),
            "CIDToGIDMap": document.Reference(_stream(bytes(cid_to_gid)))})
        font = PDFDictionary({
            "Type": PDFName("Font"), "Subtype": PDFName("Type0"), "BaseFont": base,
            "Encoding": PDFName("Identity-H"), "DescendantFonts": PDFArray([document.Reference(cid_font)]),
            "ToUnicode": document.Reference(_stream(_to_unicode(c for c in codes if not 0xE000 <= c <= 0xF8FF)))})
        return font.format(document)


@lru_cache(maxsize=16)
def _subset(font_name: str, codes: tuple[int, ...]) -> tuple[bytes, dict[int, int]]:
    """The subset font and each code's glyph in it: the same for every document of a script (a build
    of eight languages' checklists subsets each script once per process)."""
    return rl.truetype_subset(pdfmetrics.getFont(font_name), list(codes))


def _stream(data: bytes, **entries) -> PDFStream:
    return PDFStream(PDFDictionary(entries), data, filters=[PDFZCompress])


def _widths(codes: list[int], width) -> list:
    """The /W array: a run of consecutive codes as `first [w1 w2 …]`."""
    out, run = [], []
    for code in codes:
        if run and code != run[-1] + 1:
            out += [run[0], PDFArray([round(width(c)) for c in run])]
            run = []
        run.append(code)
    if run:
        out += [run[0], PDFArray([round(width(c)) for c in run])]
    return out


def _to_unicode(codes) -> bytes:
    """A ToUnicode CMap mapping every code to the same code point, in ranges."""
    ranges, run = [], []
    for code in codes:
        if run and (code != run[-1] + 1 or code & 0xFF == 0):  # a range stays within its last byte
            ranges.append((run[0], run[-1]))
            run = []
        run.append(code)
    if run:
        ranges.append((run[0], run[-1]))
    lines = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
             "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
             "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
             "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange"]
    for i in range(0, len(ranges), 100):
        chunk = ranges[i:i + 100]
        lines.append(f"{len(chunk)} beginbfrange")
        lines += [f"<{a:04X}> <{b:04X}> <{a:04X}>" for a, b in chunk]
        lines.append("endbfrange")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines).encode("ascii")


class FormFields:
    """Every form field of one document, made in reading order (which is the tab order). Each widget
    passes through `_place`, the one point where a widget joins a page and the form."""

    def __init__(self, font: FieldFont, *, rtl: bool, ink):
        self.font = font
        self.rtl = rtl
        self.ink = ink
        self._font_listed = False  # listed in the form's /DR with the first text field
        self._appearances: dict = {}  # one stream for all the fields that look the same (empty ones)

    def tick_box(self, canv, *, name: str, tooltip: str, x: float, y: float, size: float, border_color):
        """A check box (states /Yes and /Off), drawn with ReportLab's own check box appearances."""
        from reportlab.lib import colors

        canv.acroForm.checkbox(
            name=name, tooltip=tooltip, relative=True, x=x, y=y, size=size, buttonStyle="check",
            borderWidth=1.2, borderColor=border_color, fillColor=colors.white, textColor=self.ink,
            forceBorder=True, fieldFlags="", annotationFlags="print")
        return self._place(canv, rl.last_widget(canv), added=True)

    def text(self, canv, *, name: str, tooltip: str, x: float, y: float, width: float, height: float,
             font_size: float, multiline: bool = False, maxlen: int = 0, value: str = ""):
        """A text field over the box (x, y, width, height) in the canvas's current coordinates."""
        font = rl.reference(canv, self.font)
        if not self._font_listed:
            rl.add_form_font(canv, FONT_RESOURCE, self.font)
            self._font_listed = True
        x0, y0 = canv.absolutePosition(x, y)
        x1, y1 = canv.absolutePosition(x + width, y + height)
        widget = {
            "Type": PDFName("Annot"), "Subtype": PDFName("Widget"), "FT": PDFName("Tx"),
            "T": PDFString(name), "TU": PDFString(tooltip), "F": PRINT, "Ff": MULTILINE if multiline else 0,
            "Rect": PDFArray([round(v, 3) for v in (x0, y0, x1, y1)]), "P": rl.page_reference(canv),
            "DA": PDFString(f"/{FONT_RESOURCE} {_num(font_size)} Tf {self._ink_operator()}"),
            "V": PDFString(value), "DV": PDFString(value),
            "AP": PDFDictionary({"N": self._appearance_ref(canv, value, x1 - x0, y1 - y0, font_size, multiline,
                                                           font)}),
        }
        if self.rtl:
            widget["Q"] = 2  # right-aligned
        if maxlen:
            widget["MaxLen"] = maxlen
        return self._place(canv, PDFDictionary(widget))

    def _place(self, canv, widget, added: bool = False):
        if not added:
            rl.add_widget(canv, widget)
        return widget

    def _ink_operator(self) -> str:
        return f"{_num(self.ink.red)} {_num(self.ink.green)} {_num(self.ink.blue)} rg"

    # --- appearances --------------------------------------------------------------------------------

    def _appearance_ref(self, canv, value, width, height, size, multiline, font):
        key = (value, round(width, 3), round(height, 3), round(size, 3), multiline)
        if key not in self._appearances:
            self._appearances[key] = rl.reference(canv, self._appearance(value, width, height, size, multiline,
                                                                         font))
        return self._appearances[key]

    def _appearance(self, value: str, width: float, height: float, size: float, multiline: bool,
                    font_ref) -> PDFStream:
        """The field's normal appearance: its value in the field font, one line per line of the value
        (a multi-line field's lines broken at the field's width), at the start side of the reading
        direction; nothing but the marked-content pair for an empty field."""
        ops = ["/Tx BMC"]
        if value:
            pad = 2.0
            ascent = rl.font_metrics(self.font.ttf)["ascent"] * size / 1000
            leading = size * 1.15
            lines = self._lines(value, width - 2 * pad, size) if multiline else [value.replace("\n", " ")]
            ops += ["q", f"{_num(pad / 2)} {_num(pad / 2)} {_num(width - pad)} {_num(height - pad)} re W n", "BT",
                    f"/{FONT_RESOURCE} {_num(size)} Tf", self._ink_operator()]
            y = height - pad - ascent if multiline else (height - size * 0.78) / 2
            for line in lines:
                codes, adjust, line_w = self._glyphs(line, size)
                x = width - pad - line_w if self.rtl else pad
                ops.append(f"1 0 0 1 {_num(x)} {_num(y)} Tm")
                ops.append("[" + " ".join(f"{self.font.encode([c])} {_num(a)}" if a else self.font.encode([c])
                                          for c, a in zip(codes, adjust)) + "] TJ")
                y -= leading
            ops += ["ET", "Q"]
        ops.append("EMC")
        return PDFStream(PDFDictionary({
            "Type": PDFName("XObject"), "Subtype": PDFName("Form"), "BBox": PDFArray([0, 0, _num(width), _num(height)]),
            "Resources": PDFDictionary({"Font": PDFDictionary({FONT_RESOURCE: font_ref})})}),
            "\n".join(ops), filters=[PDFZCompress])

    def _glyphs(self, line: str, size: float) -> tuple[list[int], list[float], float]:
        """A line as codes of the field font in display order, the TJ adjustment after each (1/1000 em:
        shaped advance against the font's width) and the line's width in points. Shaped and ordered
        like every line of our pages (layout/bidi.py), so Arabic joins and runs right to left."""
        from ..adapters.bidi import embedding_levels
        from ..layout.bidi import Style, shape, visual_segments

        name = self.font.font_name
        levels = embedding_levels(line, self.rtl)
        codes, adjust, total = [], [], 0.0
        for seg in visual_segments(line, levels, [Style(name)] * len(line), 1 if self.rtl else 0):
            shaped = shape(seg.text, name, size, bool(seg.level % 2))
            for ch, advance in zip(shaped.text, rl.shaped_advances(shaped.text)):
                code = ord(ch)
                codes.append(code)
                adjust.append(round(self.font.width(code) - advance, 2))
            total += shaped.width
        self.font.use(codes)
        return codes, adjust, total

    def _lines(self, value: str, width: float, size: float) -> list[str]:
        out = []
        for para in value.split("\n"):
            line = ""
            for word in para.split(" "):
                trial = f"{line} {word}" if line else word
                if line and self._glyphs(trial, size)[2] > width:
                    out.append(line)
                    line = word
                else:
                    line = trial
            out.append(line)
        return out


def _num(v: float) -> str:
    """A number as PDF writes it: at most three decimals, no trailing zeros."""
    text = f"{v:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
