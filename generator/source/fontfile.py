"""A font file read as an input: through the project's guarded reader, within a size limit, and its
structure checked before ReportLab's pure-Python parser sees it. The parser's work is linear in the
file's size except where a table describes ranges (cmap segments and groups), so those are bounded too;
a truncated, empty or damaged file is one error naming it, never a traceback from inside the parser."""
from __future__ import annotations

import struct
from pathlib import Path

from ..errors import FontError, Origin

MAX_FONT_BYTES = 4_000_000  # our largest face is 366 KB; a whole-script CJK face is about this size
MAX_TABLES = 64  # real fonts have 10 to 30
MAX_MAPPED = 200_000  # code points a cmap subtable may map (a CJK face maps about 65,000)
REQUIRED = ("cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "name", "post")  # what ReportLab reads
_TRUETYPE = (0x00010000, 0x74727565)  # 1.0 and 'true'
_KINDS = {0x4F54544F: "an OpenType font with PostScript (CFF) outlines", 0x74746366: "a font collection (.ttc)",
          0x774F4646: "a WOFF web font", 0x774F4632: "a WOFF2 web font"}


def read_font(project, path: Path, limit: int = MAX_FONT_BYTES) -> tuple[str, bytes]:
    """(how messages name the file, its bytes), read through the project's guarded reader and checked."""
    shown = project.shown(path)
    data = project.read(path, limit)
    problem = font_problem(data)
    if problem:
        raise FontError(Origin(shown), f"not a usable TrueType font: {problem}")
    return shown, data


def font_problem(data: bytes) -> str | None:
    """What makes `data` unusable as a TrueType font, or None. Checks the structure ReportLab's parser
    trusts: the table directory, the tables it reads, the glyph offsets and the character map ranges."""
    try:
        return _problem(data)
    except struct.error:
        return "a table is shorter than its own header says"


def _problem(data: bytes) -> str | None:
    if not data:
        return "the file is empty"
    if len(data) < 12:
        return f"the file is only {len(data)} bytes (truncated?)"
    version, num_tables = struct.unpack_from(">IH", data, 0)
    if version not in _TRUETYPE:
        return _KINDS.get(version, "not a TrueType file") + "; msguide needs TrueType (.ttf) outlines"
    if not 1 <= num_tables <= MAX_TABLES:
        return f"{num_tables} tables in its directory (expected 1 to {MAX_TABLES})"
    if len(data) < 12 + 16 * num_tables:
        return "the table directory is cut short (truncated?)"
    tables: dict[str, tuple[int, int]] = {}
    for i in range(num_tables):
        tag, _checksum, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        name = tag.decode("latin-1")
        if name in tables:
            return f"table {name!r} twice in its directory"
        if offset + length > len(data):
            return f"table {name!r} runs past the end of the file (truncated?)"
        tables[name] = (offset, length)
    missing = [t for t in REQUIRED if t not in tables]
    if missing:
        return f"no {missing[0]!r} table"
    head, hhea, maxp = tables["head"], tables["hhea"], tables["maxp"]
    if head[1] < 54 or hhea[1] < 36 or maxp[1] < 6 or tables["post"][1] < 32:
        return "its head, hhea, maxp or post table is too short"
    units_per_em = struct.unpack_from(">H", data, head[0] + 18)[0]
    if not 16 <= units_per_em <= 16384:
        return f"unitsPerEm is {units_per_em} (16 to 16384 is valid)"
    long_loca = struct.unpack_from(">h", data, head[0] + 50)[0]
    glyphs = struct.unpack_from(">H", data, maxp[0] + 4)[0]
    metrics = struct.unpack_from(">H", data, hhea[0] + 34)[0]
    if glyphs == 0 or not 1 <= metrics <= glyphs:
        return f"{glyphs} glyphs and {metrics} horizontal metrics do not agree"
    if tables["hmtx"][1] < 4 * metrics + 2 * (glyphs - metrics):
        return "its hmtx table is shorter than its glyph count needs"
    problem = _glyphs_problem(data, tables["loca"], tables["glyf"], glyphs, long_loca)
    return problem or _cmap_problem(data, tables["cmap"])


_MORE_COMPONENTS, _WORDS, _SCALE, _XY_SCALE, _TWO_BY_TWO = 0x20, 0x01, 0x08, 0x40, 0x80


def _glyphs_problem(data: bytes, loca: tuple[int, int], glyf: tuple[int, int], glyphs: int,
                    long_loca: int) -> str | None:
    """Glyph offsets in order and inside the glyf table; each composite glyph's components inside the
    glyph and naming glyphs that exist (ReportLab follows them when it subsets)."""
    if loca[1] < (4 if long_loca else 2) * (glyphs + 1):
        return "its loca table is shorter than its glyph count needs"
    scale = 1 if long_loca else 2
    offsets = [o * scale for o in struct.unpack_from(f">{glyphs + 1}{'I' if long_loca else 'H'}", data, loca[0])]
    if any(b < a for a, b in zip(offsets, offsets[1:])) or offsets[-1] > glyf[1]:
        return "its glyph offsets (loca) are out of order or past the glyf table"
    base = glyf[0]
    # composite glyphs only (a negative contour count: the top bit of the glyph's first byte); empty and
    # simple glyphs ReportLab copies as they are. Found in one pass, as most fonts have few composites.
    composites = [gid for gid, (a, b) in enumerate(zip(offsets, offsets[1:])) if b - a >= 10 and data[base + a] & 0x80]
    for gid in composites:
        start, end = base + offsets[gid], base + offsets[gid + 1]
        pos, flags = start + 10, _MORE_COMPONENTS
        while flags & _MORE_COMPONENTS:
            if pos + 4 > end:
                return f"composite glyph {gid} runs past its own end"
            flags, component = struct.unpack_from(">HH", data, pos)
            if component >= glyphs:
                return f"composite glyph {gid} uses glyph {component}, which does not exist"
            pos += 4 + (4 if flags & _WORDS else 2) + \
                (2 if flags & _SCALE else 4 if flags & _XY_SCALE else 8 if flags & _TWO_BY_TWO else 0)
    return None


def _cmap_problem(data: bytes, cmap: tuple[int, int]) -> str | None:
    """Every subtable within the table, its segments in order and not overlapping, and no more than
    MAX_MAPPED code points: ReportLab's parser loops over every code point a segment spans."""
    start, length = cmap
    end = start + length
    count = struct.unpack_from(">H", data, start + 2)[0]
    if 4 + 8 * count > length:
        return "its cmap table is cut short"
    for i in range(count):
        offset = struct.unpack_from(">I", data, start + 4 + 8 * i + 4)[0]
        sub = start + offset
        if offset + 4 > length:
            return "a cmap subtable lies outside the cmap table"
        fmt = struct.unpack_from(">H", data, sub)[0]
        problem = _SUBTABLES.get(fmt, _unused)(data, sub, end)
        if problem:
            return f"cmap subtable {i} (format {fmt}): {problem}"
    return None


def _unused(data: bytes, sub: int, end: int) -> str | None:
    return None  # a format ReportLab does not read


def _format4(data: bytes, sub: int, end: int) -> str | None:
    length, _lang, seg_x2 = struct.unpack_from(">HHH", data, sub + 2)
    segments = seg_x2 // 2
    if sub + length > end or 16 + 8 * segments > length:
        return "longer than its table"
    ends = struct.unpack_from(f">{segments}H", data, sub + 14)
    starts = struct.unpack_from(f">{segments}H", data, sub + 16 + 2 * segments)
    previous = -1
    for first, last in zip(starts, ends):
        if first > last or first <= previous:
            return "segments out of order or overlapping"
        previous = last
    return None


def _groups(data: bytes, sub: int, end: int) -> str | None:
    """Formats 12 and 13: groups of 12 bytes, sorted, not overlapping, within Unicode."""
    length, _lang, groups = struct.unpack_from(">III", data, sub + 4)
    if sub + length > end or 16 + 12 * groups > length:
        return "longer than its table"
    previous, mapped = -1, 0
    for i in range(groups):
        first, last = struct.unpack_from(">II", data, sub + 16 + 12 * i)
        if first > last or first <= previous or last > 0x10FFFF:
            return "groups out of order, overlapping or past U+10FFFF"
        previous = last
        mapped += last - first + 1
        if mapped > MAX_MAPPED:
            return f"maps more than {MAX_MAPPED:,} characters"
    return None


def _trimmed(header: str, length_field: int):
    """Formats 6 and 10: a first code and a count of glyph ids (2 bytes each) that must fit."""
    def check(data: bytes, sub: int, end: int) -> str | None:
        fields = struct.unpack_from(header, data, sub)
        length, count = fields[length_field], fields[-1]
        if sub + length > end or struct.calcsize(header) + 2 * count > length:
            return "longer than its table"
        return None
    return check


_SUBTABLES = {4: _format4, 12: _groups, 13: _groups, 6: _trimmed(">HHHHH", 1), 10: _trimmed(">HHIIII", 2)}
