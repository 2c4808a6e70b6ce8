"""A per-user cache of parsed fonts, so each font file is parsed once, not at every run.

An entry holds what ReportLab's parser records about one face (adapters/reportlab.py face_record), keyed
by the sha256 of the font file and the ReportLab version, in the user's cache folder ($MSGUIDE_CACHE_DIR,
else $XDG_CACHE_HOME/msguide, else ~/.cache/msguide). It is written atomically. It is untrusted input when
read: a file that is not exactly what this module writes (wrong magic or version, another font's hash,
sizes that do not add up, values out of range) is ignored and replaced, never used. The worst a forged
entry that passes every check can do is wrong glyph widths in a layout: it is data read by our own
parser, never code (no pickle).

Format: b"MSGUIDE-FONTS 1\\n", a 4-byte length and a JSON header (scalars, names, the lengths of the
tables), then the tables as little-endian arrays in a fixed order."""
from __future__ import annotations

import array
import json
import math
import os
import stat
import sys
from pathlib import Path

MAGIC = b"MSGUIDE-FONTS 1\n"
MAX_ENTRY_BYTES = 4_000_000
_TABLES = (("charToGlyph", "I"), ("charWidths", "d"), ("glyphToChar", "I"), ("hmetrics", "i"), ("glyphPos", "I"))


def cache_dir() -> Path | None:
    """Where entries live, or None when caching is off (MSGUIDE_CACHE_DIR set to an empty string)."""
    folder = os.environ.get("MSGUIDE_CACHE_DIR")
    if folder is not None:
        return Path(folder) if folder else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "msguide"


def _entry(digest: str, version: str) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    return folder / "fonts" / f"{digest}-reportlab-{version}.bin"


def encode(record: dict, digest: str, version: str) -> bytes:
    header = {k: v for k, v in record.items() if k not in dict(_TABLES)}
    header.update(sha256=digest, reportlab=version, lengths=[len(record[name]) for name, _ in _TABLES])
    head = json.dumps(header, sort_keys=True, ensure_ascii=True).encode("ascii")
    parts = [MAGIC, len(head).to_bytes(4, "little"), head]
    for name, code in _TABLES:
        values = array.array(code, record[name])
        if sys.byteorder != "little":
            values.byteswap()
        parts.append(values.tobytes())
    return b"".join(parts)


def decode(data: bytes, digest: str, version: str, font_size: int) -> dict | None:
    """The record in `data` if it is a well-formed entry for this font and ReportLab version, else None."""
    if not data.startswith(MAGIC) or len(data) < len(MAGIC) + 4:
        return None
    pos = len(MAGIC)
    size = int.from_bytes(data[pos:pos + 4], "little")
    pos += 4
    if size > 65536 or pos + size > len(data):
        return None
    try:
        header = json.loads(data[pos:pos + size].decode("ascii"))
    except (UnicodeDecodeError, ValueError):
        return None
    pos += size
    if not isinstance(header, dict) or header.get("sha256") != digest or header.get("reportlab") != version:
        return None
    lengths = header.pop("lengths", None)
    header.pop("sha256"), header.pop("reportlab")
    if not (isinstance(lengths, list) and len(lengths) == len(_TABLES)
            and all(isinstance(n, int) and 0 <= n <= 2_000_000 for n in lengths)):
        return None
    record = dict(header)
    for (name, code), n in zip(_TABLES, lengths):
        width = array.array(code).itemsize
        chunk = data[pos:pos + n * width]
        if len(chunk) != n * width:
            return None
        values = array.array(code)
        values.frombytes(chunk)
        if sys.byteorder != "little":
            values.byteswap()
        record[name] = values.tolist()
        pos += n * width
    if pos != len(data) or not _plausible(record, font_size):
        return None
    return record


def _plausible(r: dict, font_size: int) -> bool:
    """Every value of the shape and range a real face has (see adapters/reportlab.py face_record)."""
    from ..adapters.reportlab import FACE_NAMES, FACE_SCALARS

    try:
        if any(not isinstance(r[k], str) or len(r[k]) > 512 for k in FACE_NAMES):
            return False
        if any(isinstance(r[k], bool) != (k == "_full_font") or not isinstance(r[k], (int, float))
               for k in FACE_SCALARS):
            return False
        glyphs, units = r["numGlyphs"], r["unitsPerEm"]
        if not (isinstance(glyphs, int) and 0 < glyphs <= 65536 and isinstance(units, int) and 16 <= units <= 16384):
            return False
        if not all(isinstance(v, (int, float)) and math.isfinite(v) and abs(v) < 1e6
                   for v in [*r["bbox"], *r["fontRevision"], r["italicAngle"], r["defaultWidth"]]):
            return False
        if len(r["bbox"]) != 4 or len(r["fontRevision"]) != 2:
            return False
        for name in ("charToGlyph", "charWidths", "glyphToChar", "hmetrics"):
            if len(r[name]) % 2:
                return False
        codes, gids = r["charToGlyph"][0::2], r["charToGlyph"][1::2]
        if codes and (max(codes) > 0x10FFFF or max(gids) >= glyphs):
            return False
        if r["glyphToChar"] and (max(r["glyphToChar"][0::2]) >= glyphs or max(r["glyphToChar"][1::2]) > 0x10FFFF):
            return False
        widths = r["charWidths"]
        if widths and (max(widths[0::2]) > 0x10FFFF or not all(0 <= w < 1e5 for w in widths[1::2])):
            return False
        if len(r["hmetrics"]) > 2 * glyphs:
            return False
        pos = r["glyphPos"]
        if pos and (len(pos) > glyphs + 1 or max(pos) > font_size):
            return False
    except (KeyError, TypeError, ValueError):
        return False
    return True


def load(digest: str, version: str, font_size: int) -> dict | None:
    """The cached record of a font, or None (no cache, no entry, or an entry not to be trusted)."""
    path = _entry(digest, version)
    if path is None:
        return None
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(f.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY_BYTES:
            return None
        data = f.read(MAX_ENTRY_BYTES + 1)
    return decode(data, digest, version, font_size)


def store(record: dict, digest: str, version: str) -> None:
    """Write an entry, atomically; a cache that cannot be written (read-only home, full disk) is skipped."""
    path = _entry(digest, version)
    if path is None:
        return
    from ..atomic import atomic_path
    from ..errors import MsguideError

    try:
        with atomic_path(path) as tmp:
            tmp.write_bytes(encode(record, digest, version))
    except (OSError, MsguideError):
        pass
