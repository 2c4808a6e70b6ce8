"""The shipped fonts: which families serve a script, registering them with ReportLab, glyph coverage."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..errors import FontError, Origin

# family -> file stem; each family ships Regular, Bold, Italic and BoldItalic.
FAMILIES = {
    "Atkinson": "AtkinsonHyperlegible",
    "NotoSans": "NotoSans",
    "NotoSansArabic": "NotoSansArabic",
    "NotoSansHebrew": "NotoSansHebrew",
}
STYLES = {"": "Regular", "-Bold": "Bold", "-Italic": "Italic", "-BoldItalic": "BoldItalic"}

# Script (ISO 15924) -> families in order of preference: the first is the body face, the rest fill gaps.
# Atkinson Hyperlegible was drawn for low-vision readers but covers Latin only.
SCRIPT_FAMILIES = {
    "Latn": ("Atkinson", "NotoSans"),
    "Cyrl": ("NotoSans",),
    "Grek": ("NotoSans",),
    # Right-to-left scripts: the script's own face first, Noto Sans for Latin names, digits and symbols.
    "Arab": ("NotoSansArabic", "NotoSans"),
    "Hebr": ("NotoSansHebrew", "NotoSans"),
}

# What a form field of each script can type (pdf/fields.py): Unicode blocks, embedded whole in the body
# face as far as it covers them, since what a patient will type is not known when the file is made.
# Every script keeps Basic Latin and Latin-1 (digits, @ and . of an email address, as the face has them),
# punctuation and currency signs. Arabic keeps its Presentation Forms-B block too: the joined shapes of
# every letter as characters of their own, for viewers that shape by substituting them.
_COMMON = ((0x0020, 0x007E), (0x00A0, 0x00FF), (0x2000, 0x206F), (0x20A0, 0x20CF), (0x2100, 0x214F))
FIELD_BLOCKS = {
    "Latn": _COMMON + ((0x0100, 0x017F), (0x0180, 0x024F), (0x0300, 0x036F)),  # Latin Extended-A and -B, marks
    "Cyrl": _COMMON + ((0x0400, 0x04FF), (0x0500, 0x052F)),  # Cyrillic, Cyrillic Supplement
    "Grek": _COMMON + ((0x0370, 0x03FF),),  # Greek and Coptic
    "Arab": _COMMON + ((0x0600, 0x06FF), (0x0750, 0x077F), (0xFE70, 0xFEFF)),  # Arabic, Supplement, Forms-B
    "Hebr": _COMMON + ((0x0590, 0x05FF), (0xFB1D, 0xFB4F)),  # Hebrew, its presentation forms
}


@dataclass(frozen=True)
class FontSet:
    """The families a document draws with: `body` first, then fallbacks for missing glyphs."""

    families: tuple[str, ...]
    coverage: tuple[frozenset[int], ...]

    def __post_init__(self):
        # as characters, for set arithmetic on whole strings (the common case: nothing missing)
        object.__setattr__(self, "_body_chars", frozenset(map(chr, self.coverage[0])) | {" ", "\n", "\t"})
        object.__setattr__(self, "_all_chars", frozenset(map(chr, frozenset().union(*self.coverage))) | {" ", "\n", "\t"})

    @property
    def body(self) -> str:
        return self.families[0]

    def bold(self, family: str | None = None) -> str:
        return f"{family or self.body}-Bold"

    def body_draws(self, text: str) -> bool:
        """Whether the body face alone draws all of `text`."""
        return self._body_chars.issuperset(text)

    def family_for(self, ch: str) -> str | None:
        """None when the body face draws `ch`, else the first fallback that does, else raise KeyError."""
        cp = ord(ch)
        if cp in self.coverage[0]:
            return None
        for family, cover in zip(self.families[1:], self.coverage[1:]):
            if cp in cover:
                return family
        raise KeyError(ch)

    def family_drawing(self, text: str) -> str:
        """The first family, the body face first, that draws every character of `text`: for text drawn in
        one font as it is, unshaped (a list's bullet or number, a step's number); KeyError if none does.
        Noto Sans Arabic, for one, has no bullet."""
        needed = {ord(ch) for ch in text if ch not in " \n\t"}
        for family, cover in zip(self.families, self.coverage):
            if needed <= cover:
                return family
        raise KeyError(text)

    def missing(self, text: str) -> list[str]:
        """Characters of `text` that no family draws (plain spaces aside), in order, once each."""
        if self._all_chars.issuperset(text):
            return []
        return list(dict.fromkeys(ch for ch in text if ch not in self._all_chars))


def font_set(project, script: str) -> FontSet:
    """Register the families for `script` from the project's fonts/ and return them with their coverage.
    Each file is read through the project's guarded reader; a family is registered under a name that
    carries the hash of its files, so two projects (or a changed file) never share a registration, and
    caches keyed by font name (shaping) stay right."""
    try:
        families = SCRIPT_FAMILIES[script]
    except KeyError:
        raise FontError(None, f"no shipped font for the {script} script") from None
    names, coverage = [], []
    for family in families:
        files = tuple((suffix, *_read_style(project, family, style)) for suffix, style in STYLES.items())
        name, cover = _register(family, files)
        names.append(name)
        coverage.append(cover)
    return FontSet(tuple(names), tuple(coverage))


def _read_style(project, family: str, style: str) -> tuple[str, bytes]:
    fonts_dir = project.fonts_dir
    path = fonts_dir / f"{FAMILIES[family]}-{style}.ttf"
    if not project.folder.is_file(path) and "Italic" in style:  # scripts without italics: upright
        path = fonts_dir / f"{FAMILIES[family]}-{style.replace('Italic', '') or 'Regular'}.ttf"
    if not (path.exists() or path.is_symlink()):
        raise FontError(Origin(project.shown(path)), "font file is missing (fonts/ must ship every style)")
    from ..source.fontfile import read_font

    return read_font(project, path)  # guarded, within a size limit, its structure checked


@lru_cache(maxsize=None)
def _register(family: str, files: tuple[tuple[str, str, bytes], ...]) -> tuple[str, frozenset[int]]:
    """Parse and register one family's four styles; returns its registered name and its coverage."""
    import hashlib
    import io

    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from ..adapters.reportlab import font_coverage

    digest = hashlib.sha256(b"".join(hashlib.sha256(data).digest() for _, _, data in files)).hexdigest()[:12]
    name = f"{family}~{digest}"
    coverage: frozenset[int] = frozenset()
    for suffix, shown, data in files:
        try:
            font = TTFont(name + suffix, io.BytesIO(data), asciiReadable=0)
        except Exception as exc:  # a damaged file fails in many ways inside the parser (struct, index…)
            raise FontError(Origin(shown), f"not a usable TrueType font ({type(exc).__name__})") from None
        pdfmetrics.registerFont(font)
        if not suffix:
            coverage = font_coverage(font)
    for bold, italic, suffix in ((0, 0, ""), (1, 0, "-Bold"), (0, 1, "-Italic"), (1, 1, "-BoldItalic")):
        addMapping(name, bold, italic, name + suffix)
    return name, coverage
