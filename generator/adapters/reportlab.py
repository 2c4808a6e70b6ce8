"""Every reach into ReportLab's internals, and nothing else. Written against ReportLab 5.1; the contract
test (tests/test_adapters.py) checks each fact relied on here and names the version when one breaks.

What we rely on, and why:
- a canvas keeps the current page's operators in `_code` (a list of strings) and its document in
  `_doc`; each finished page is `_doc.Pages.pages[i]` with its operators in `.stream`: page numbers
  are drawn at save into markers left in those streams (one layout pass, no object per number);
- `PDFDocument.format` and its bookkeeping (`numberToId`, `idToObject`, `_pdfVersion`, `__accum__`,
  `encrypt`, `ID()`): our writer of PDF 1.5's compact form (object and cross-reference streams);
- `rl_config.useA85`, read while streams are made: off while one of our documents is built;
- a TrueType font's `face` (`charToGlyph`, `glyphToChar`, `charWidths`) and `hbFace`: coverage, and
  glyphs HarfBuzz chose that have no character of their own (drawn through private-use codes);
- a ShapedStr's `__shapeData__` (ShapeData tuples: HarfBuzz's advances);
- a wrapped Paragraph's `blPara.lines`: the width of its last line (the contents' dot leaders);
- form fields: the canvas's `_addAnnotation` and `_doc.Reference` (a widget we build ourselves, since
  ReportLab's text fields accept only the 14 standard fonts), its `acroForm.fields` (references, in tab
  order) and `acroForm.fonts` (the /DR font resources: name -> a reference as a string); a TrueType face's
  `makeSubset` (a subset font whose format-6 cmap maps index i to the glyph of the i-th code) and its
  metrics (`ascent`, `descent`, `capHeight`, `bbox`, `italicAngle`, `stemV`, `name`): the field font."""
from __future__ import annotations

import contextlib
import re
import zlib
from typing import Iterator

from .reportlab_import import prepare

prepare()  # noqa: E402 (before ReportLab is imported)

from reportlab import rl_config
from reportlab.pdfbase import pdfdoc as rl_pdfdoc

WRITTEN_AGAINST = "5.1"
_PUA = 0xE000


# --- the canvas and its pages ---------------------------------------------------------------------


def append_operators(canvas, line: str) -> None:
    """Add a line to the current page's content stream, as it is."""
    canvas._code.append(line)


def swap_operators(canvas, code: list[str]) -> list[str]:
    """Replace the canvas's pending operators with `code`; returns the ones it had."""
    old, canvas._code = canvas._code, code
    return old


def has_pending_page(canvas) -> bool:
    return bool(canvas._code)


def page_stream(canvas, index: int) -> str:
    return canvas._doc.Pages.pages[index].stream


def set_page_stream(canvas, index: int, stream: str) -> None:
    canvas._doc.Pages.pages[index].stream = stream


def write_compact(canvas) -> None:
    """Have the canvas's document written in PDF 1.5's compact form at save."""
    canvas._doc.__class__ = CompactDocument


@contextlib.contextmanager
def flate_only() -> Iterator[None]:
    """Streams Flate-compressed only, without ReportLab's default ASCII85 layer on top (a quarter
    larger, slower, and for 7-bit transports nobody uses for PDFs any more): ReportLab reads the
    setting while it makes each stream, so it is set for the time a document is built, then restored."""
    before = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = before


class CompactDocument(rl_pdfdoc.PDFDocument):
    """ReportLab's document writer, writing the compact form PDF 1.5 added: every object that is not a
    stream (pages, font dictionaries, links, bookmarks) goes into one compressed object stream, and the
    cross-reference table becomes a compressed stream too. The same objects in about 15% fewer bytes.

    (Measured against the alternatives: pikepdf or qpdf would rewrite the finished file for the same
    result, but importing pikepdf alone costs 75–110 ms per process, more than writing the PDF.)"""

    def format(self):
        self.encrypt.prepare(self)
        if self.encrypt.info():  # we never encrypt; ReportLab's own writer knows how
            return super().format()
        self._pdfVersion = max(self._pdfVersion, (1, 5))
        cat, info = self.Reference(self.Catalog), self.Reference(self.info)
        out = rl_pdfdoc.PDFFile(self._pdfVersion)
        self.__accum__ = out
        where: dict[int, tuple[int, int]] = {}  # object number -> (1, offset) in the file, (2, index) packed
        packed: list[tuple[int, bytes]] = []
        number = 0
        while number + 1 in self.numberToId:  # formatting may add objects as it goes
            number += 1
            oid = self.numberToId[number]
            self.encrypt.register(number, 0)
            body = rl_pdfdoc.format(self.idToObject[oid], self, toplevel=1)
            if body.rstrip().endswith(b"endstream"):
                where[number] = (1, out.add(b"%d 0 obj\n%s\nendobj\n" % (number, body.rstrip(b"\n"))))
            else:
                where[number] = (2, len(packed))
                packed.append((number, body.strip()))
        del self.__accum__
        stm, xref = number + 1, number + 2
        offsets, pos = [], 0
        for n, body in packed:
            offsets.append(b"%d %d" % (n, pos))
            pos += len(body) + 1
        head = b" ".join(offsets) + b"\n"
        data = zlib.compress(head + b"\n".join(body for _, body in packed))
        where[stm] = (1, out.add(b"%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\n"
                                 b"stream\n%s\nendstream\nendobj\n" % (stm, len(packed), len(head), len(data), data)))
        where[xref] = (1, out.offset)
        wide = 3 if out.offset < 1 << 24 else 4  # bytes for an offset: 3 up to 16 MB
        rows = [b"\x00" * (1 + wide) + b"\xff\xff"]  # object 0: the head of the free list
        for n in range(1, xref + 1):  # type 1: offset, generation 0; type 2: object stream, index in it
            kind, value = where[n]
            rows.append(bytes([kind]) + (value if kind == 1 else stm).to_bytes(wide, "big") +
                        (0 if kind == 1 else value).to_bytes(2, "big"))
        table = zlib.compress(b"".join(rows))
        ident = re.search(rb"\[.*?\]", self.ID(), re.S).group(0)
        out.add(b"%d 0 obj\n<< /Type /XRef /Size %d /W [ 1 %d 2 ] /Root %s /Info %s /ID %s /Filter /FlateDecode "
                b"/Length %d >>\nstream\n%s\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n"
                % (xref, xref + 1, wide, cat.format(self), info.format(self), ident, len(table), table,
                   where[xref][1]))
        return out.format(self)


# --- TrueType fonts -------------------------------------------------------------------------------


def font_coverage(ttf) -> frozenset[int]:
    """The code points a registered TrueType font has glyphs for."""
    return frozenset(ttf.face.charToGlyph)


# What ReportLab's TrueType parser (TTFontFile.extractInfo) records about a face: what the font cache
# (layout/fontcache.py) keeps, so a face read before is not parsed again.
FACE_SCALARS = ("unitsPerEm", "ascent", "descent", "capHeight", "italicAngle", "stemV", "underlinePosition",
                "underlineThickness", "flags", "numGlyphs", "defaultWidth", "_full_font", "_pos")
FACE_NAMES = ("name", "familyName", "styleName", "fullName", "uniqueFontID")


def face_record(ttf) -> dict:
    """A parsed face as plain values: scalars, names as text, tables as flat lists of numbers."""
    face = ttf.face
    record = {k: getattr(face, k) for k in FACE_SCALARS}
    record.update({k: getattr(face, k).ustr for k in FACE_NAMES})
    record["bbox"] = list(face.bbox)
    record["fontRevision"] = list(face.fontRevision)
    record["charToGlyph"] = [v for kv in sorted(face.charToGlyph.items()) for v in kv]
    record["charWidths"] = [v for kv in sorted(face.charWidths.items()) for v in kv]
    record["glyphToChar"] = [v for gid, chars in sorted(face.glyphToChar.items()) for c in chars for v in (gid, c)]
    record["hmetrics"] = [v for pair in face.hmetrics for v in pair]
    record["glyphPos"] = list(face.glyphPos)
    return record


def ttfont_from_record(name: str, data: bytes, record: dict):
    """A TrueType font registered under `name` from its file's bytes and a face_record() of them: the
    table directory is read as usual, the parse of the tables is replaced by the record."""
    import io

    from reportlab.pdfbase import ttfonts

    def restore(self, charInfo=1):
        for key in FACE_SCALARS:
            setattr(self, key, record[key])
        for key in FACE_NAMES:
            setattr(self, key, ttfonts.TTFNameBytes(record[key].encode("utf-8"), "utf-8"))
        self.bbox = list(record["bbox"])
        self.fontRevision = tuple(record["fontRevision"])
        units = self.unitsPerEm
        if units == 1000:
            self._pdfScale = lambda x: x
        else:
            mult = 1000 / units
            self._pdfScale = lambda x: x * mult
        pairs = record["charToGlyph"]
        self.charToGlyph = dict(zip(pairs[0::2], pairs[1::2]))
        pairs = record["charWidths"]
        self.charWidths = dict(zip(pairs[0::2], pairs[1::2]))
        glyph_to_char: dict[int, list[int]] = {}
        pairs = record["glyphToChar"]
        for gid, char in zip(pairs[0::2], pairs[1::2]):
            glyph_to_char.setdefault(gid, []).append(char)
        self.glyphToChar = glyph_to_char
        pairs = record["hmetrics"]
        self.hmetrics = list(zip(pairs[0::2], pairs[1::2]))
        self.glyphPos = list(record["glyphPos"])

    original = ttfonts.TTFontFile.extractInfo
    ttfonts.TTFontFile.extractInfo = restore
    try:
        return ttfonts.TTFont(name, io.BytesIO(data), asciiReadable=0)
    finally:
        ttfonts.TTFontFile.extractInfo = original


def harfbuzz_face(ttf):
    """The HarfBuzz face ReportLab keeps for a TrueType font (its own shaping uses it)."""
    return ttf.hbFace


def glyph_code(ttf, gid: int, advance: int) -> int:
    """The character code a glyph is drawn with: its own when the font maps one (Arabic presentation forms
    included, so copy-paste gives real letters), else a private-use code derived from the glyph id, which
    stays the same whatever was shaped before (byte-identical builds). ReportLab subsets by character, so
    such a glyph is entered in the font's maps under that code."""
    face = ttf.face
    chars = face.glyphToChar.get(gid)
    if chars:
        return min(chars)
    code = _PUA + gid
    if code > 0xF8FF or (code in face.charToGlyph and face.charToGlyph[code] != gid):
        raise ValueError(f"no private-use code left for glyph {gid} of {ttf.fontName}")
    face.charToGlyph[code] = gid
    face.glyphToChar[gid] = [code]
    face.charWidths[code] = ttf.pdfScale(advance)
    return code


def char_width(ttf, code: int, default: float) -> float:
    return ttf.face.charWidths.get(code, default)


def shaped_advances(shaped) -> list[float]:
    """The advance of each glyph of a ShapedStr (1/1000 em), as HarfBuzz placed it."""
    return [d.x_advance for d in shaped.__shapeData__]


def truetype_subset(ttf, codes: list[int]) -> tuple[bytes, dict[int, int]]:
    """A TrueType font holding the glyphs of `codes` (and the parts of composite glyphs), and each code's
    glyph id in it. The ids are read back from the subset's own cmap, not assumed."""
    import struct

    data = ttf.face.makeSubset(list(codes))
    tables = {data[12 + 16 * i:16 + 16 * i]: struct.unpack(">II", data[20 + 16 * i:28 + 16 * i])
              for i in range(struct.unpack(">H", data[4:6])[0])}
    cmap = tables[b"cmap"][0]
    sub = cmap + struct.unpack(">I", data[cmap + 8:cmap + 12])[0]  # the one subtable: format 6
    fmt, _, _, first, count = struct.unpack(">5H", data[sub:sub + 10])
    if fmt != 6 or first != 0 or count != len(codes):
        raise RuntimeError(f"ReportLab's subset cmap changed (format {fmt}, {count} entries)")
    gids = struct.unpack(f">{count}H", data[sub + 10:sub + 10 + 2 * count])
    return data, dict(zip(codes, gids))


def font_metrics(ttf) -> dict:
    """A TrueType font's PostScript name and descriptor metrics, in 1/1000 em."""
    f = ttf.face
    name = f.name.decode("latin-1") if isinstance(f.name, bytes) else f.name
    return {"name": name, "ascent": f.ascent, "descent": f.descent, "cap_height": f.capHeight,
            "bbox": list(f.bbox), "italic_angle": f.italicAngle, "stem_v": f.stemV}


# --- form fields ----------------------------------------------------------------------------------


def reference(canvas, obj):
    """Register a PDF object with the canvas's document; returns the reference to it."""
    return canvas._doc.Reference(obj)


def page_reference(canvas):
    """The reference of the page being drawn."""
    return canvas._doc.thisPageRef()


def add_widget(canvas, widget) -> None:
    """Put a widget annotation (a PDFDictionary) on the current page and last in the form's fields."""
    canvas._addAnnotation(widget)
    canvas.acroForm.fields.append(canvas._doc.Reference(widget))


def last_widget(canvas):
    """The widget annotation of the field added last (ReportLab's own, such as a check box)."""
    doc = canvas._doc
    return doc.idToObject[canvas.acroForm.fields[-1].name]


def add_form_font(canvas, name: str, font) -> None:
    """List a font (a PDF object) in the form's default resources (/DR) under `name`."""
    form = canvas.acroForm
    if name not in form.fonts:
        form.fonts[name] = reference(canvas, font).format(canvas._doc).decode("latin-1")


# --- paragraphs -----------------------------------------------------------------------------------


def last_line_spare(para) -> float:
    """The unused width of a wrapped ReportLab Paragraph's last line."""
    last = para.blPara.lines[-1]  # (extraSpace, words) for plain text, an object with markup
    return last[0] if isinstance(last, tuple) else last.extraSpace


def paragraph_lines(para) -> int:
    """How many lines a wrapped ReportLab Paragraph has."""
    return len(para.blPara.lines)


# --- tagged PDF -----------------------------------------------------------------------------------
# What pdf/marking.py (marked content) and pdf/tags.py (the structure tree) need beyond ReportLab's public
# hooks (`addLiteral`, `setCatalogEntry`, `setViewerPreference`, `linkURL`/`linkRect`):
# - a page's operators so far (`Canvas._code`): where a marked-content sequence began, whether anything was
#   painted since, and a sequence that painted nothing is taken out again;
# - a text object's operators (`PDFTextObject._code`) and Paragraph's undocumented `tx._linkRecord(l,
#   'start'|'end')` hook, called with l = (n, href) as it writes a link's words: link text is split out
#   into its own marked content inside the paragraph's text object;
# - a one-style paragraph that is all link (`blPara.kind == 0`) never calls that hook;
# - every annotation, links and form widgets alike, passes through `Canvas._addAnnotation`, and a widget
#   is a plain PDFDictionary, a link a PDFDictionary (URI) or a `LinkAnnotation` (internal: fixed keys);
# - the document's objects (`Canvas._doc.Reference`, `Pages.pages`) and the keys a `PDFPage` writes
#   (`__NoDefault__`): /StructParents and /Tabs on each page;
# - a ListFlowable's items (`_content`: LIIndenters holding `_bullet` and `_flowable`);
# - `ttfonts.makeToUnicodeCMap`, looked up at save: its `<00> <0000>` entry maps .notdef to U+0000.


def operator_count(canvas) -> int:
    """How many operator lines the current page has so far."""
    return len(canvas._code)


def operators_from(canvas, index: int) -> list[str]:
    return canvas._code[index:]


def remove_operator(canvas, index: int) -> None:
    del canvas._code[index]


def page_operators(canvas) -> list[str]:
    """The current page's operator lines, to be edited in place before the page is finished."""
    return canvas._code


def text_operators(tx) -> list[str]:
    """A text object's operators so far, "BT" first ("ET" is added when it is drawn)."""
    return tx._code


def on_paragraph_links(tx, record) -> None:
    """Have ReportLab's Paragraph call record((n, href), 'start'|'end') as it writes the words of link n
    into this text object: 'start' right after the link's first words, 'end' before the next words."""
    tx._linkRecord = record


def paragraph_links(para) -> dict[int, tuple[str, str]]:
    """A ReportLab Paragraph's links: n -> (href, the link's whole text)."""
    out: dict[int, tuple[str, str]] = {}
    for frag in getattr(para, "frags", None) or ():
        for n, href in getattr(frag, "link", None) or ():
            h, text = out.get(n, (href, ""))
            out[n] = (h, text + getattr(frag, "text", ""))
    return out


def whole_paragraph_link(para) -> tuple[int, str] | None:
    """(n, href) when a wrapped Paragraph is one style and all link: ReportLab then draws it without
    calling the link hook."""
    bl = getattr(para, "blPara", None)
    frags = getattr(para, "frags", None)
    if bl is None or bl.kind != 0 or not frags or not getattr(frags[0], "link", None):
        return None
    return frags[0].link[0]


def paragraph_line_count(para) -> int:
    return len(para.blPara.lines)


class AnnotationEvents:
    """Canvas mixin: `annotation_added(annotation)` is called for every annotation put on a page."""

    def _addAnnotation(self, annotation, name=None, addtopage=1):
        super()._addAnnotation(annotation, name, addtopage)
        if addtopage:
            self.annotation_added(annotation)

    def annotation_added(self, annotation) -> None:
        pass


def annotation_href(annotation) -> str | None:
    """The address a link annotation leads to (None for an internal link or a widget)."""
    if isinstance(annotation, rl_pdfdoc.PDFDictionary):
        action = annotation.dict.get("A")
        if action is not None:
            uri = action.dict.get("URI")
            return getattr(uri, "s", uri)
    return None


def set_annotation_entry(annotation, key: str, value) -> None:
    """Add an entry to an annotation's dictionary (a widget's or a link's)."""
    if isinstance(annotation, rl_pdfdoc.PDFDictionary):
        annotation[key] = value
    elif key == "Contents":  # LinkAnnotation (linkRect): Contents is one of its own fields, a str
        annotation.Contents = getattr(value, "text", getattr(value, "s", value))
    else:  # and other keys must be listed in its `permitted`
        annotation.otherkw[key] = value
        if key not in annotation.permitted:
            annotation.permitted = tuple(annotation.permitted) + (key,)


def page_count_written(canvas) -> int:
    return len(canvas._doc.Pages.pages)


def set_page_entries(canvas, index: int, entries: dict) -> None:
    """Entries on a finished page's dictionary (ReportLab writes only the keys a PDFPage lists)."""
    page = canvas._doc.Pages.pages[index]
    page.__NoDefault__ = list(page.__NoDefault__) + [k for k in entries if k not in page.__NoDefault__]
    for key, value in entries.items():
        setattr(page, key, value)


def reference_bytes(document, ref) -> bytes:
    """An indirect reference as written in the file ("12 0 R"), while the document is being written
    (ReportLab's own writes it through three encoders; tags.py writes hundreds)."""
    return b"%d %d R" % document.idToObjectNumberAndVersion[ref.name]


def finished_page_reference(canvas, index: int):
    """The reference of a page already finished (0-based)."""
    return canvas._doc.Reference(canvas._doc.Pages.pages[index])


def list_items(lf) -> list:
    """A ListFlowable's item flowables (LIIndenters), in order, made if not yet made."""
    return list(lf._content)


def item_parts(lii):
    """(bullet, content) of a list item: the object that draws its label (or None) and its flowable."""
    return getattr(lii, "_bullet", None), lii._flowable


def set_item_bullet(lii, bullet) -> None:
    lii._bullet = bullet


@contextlib.contextmanager
def tounicode_without_notdef() -> Iterator[None]:
    """While a document is saved, its fonts' ToUnicode maps leave out code 0 (.notdef, which ReportLab maps
    to U+0000, a value PDF/UA checkers refuse): a glyph that is never drawn needs no text. The module
    function is put back afterwards."""
    from reportlab.pdfbase import ttfonts

    original = ttfonts.makeToUnicodeCMap

    def make(fontname, subset):
        lines = original(fontname, subset).split("\n")
        kept = [ln for ln in lines if not (ln.startswith("<00> ") and ln.endswith("<0000>"))]
        if len(kept) != len(lines):
            at = next(i for i, ln in enumerate(kept) if ln.endswith("beginbfchar"))
            count = int(kept[at].split()[0]) - (len(lines) - len(kept))
            kept[at] = f"{count} beginbfchar"
        return "\n".join(kept)

    ttfonts.makeToUnicodeCMap = make
    try:
        yield
    finally:
        ttfonts.makeToUnicodeCMap = original
