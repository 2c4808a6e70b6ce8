"""The shipped fonts: which families serve a script, registering them with ReportLab, glyph coverage."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

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

    def missing(self, text: str) -> list[str]:
        """Characters of `text` that no family draws (plain spaces aside), in order, once each."""
        if self._all_chars.issuperset(text):
            return []
        return list(dict.fromkeys(ch for ch in text if ch not in self._all_chars))


def font_set(fonts_dir: Path, script: str) -> FontSet:
    """Register the families for `script` from `fonts_dir` and return them with their coverage."""
    try:
        families = SCRIPT_FAMILIES[script]
    except KeyError:
        raise FontError(None, f"no shipped font for the {script} script") from None
    return FontSet(families, tuple(_register(fonts_dir.resolve(), f) for f in families))


@lru_cache(maxsize=None)
def _register(fonts_dir: Path, family: str) -> frozenset[int]:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    coverage: frozenset[int] = frozenset()
    for suffix, style in STYLES.items():
        path = fonts_dir / f"{FAMILIES[family]}-{style}.ttf"
        if not path.is_file() and "Italic" in style:  # scripts without italics (Arabic, Hebrew): upright
            path = fonts_dir / f"{FAMILIES[family]}-{style.replace('Italic', '') or 'Regular'}.ttf"
        if not path.is_file():
            raise FontError(Origin(str(path)), "font file is missing (fonts/ must ship every style)")
        try:
            font = TTFont(family + suffix, str(path), asciiReadable=0)
        except (TTFError, OSError, ValueError) as exc:
            raise FontError(Origin(str(path)), f"not a usable TrueType font: {exc}") from None
        pdfmetrics.registerFont(font)
        if not suffix:
            coverage = frozenset(font.face.charToGlyph)
    for bold, italic, suffix in ((0, 0, ""), (1, 0, "-Bold"), (0, 1, "-Italic"), (1, 1, "-BoldItalic")):
        addMapping(family, bold, italic, family + suffix)
    return coverage
