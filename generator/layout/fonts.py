"""The shipped fonts: which families serve a script, registering them with ReportLab, glyph coverage."""
from __future__ import annotations

from dataclasses import dataclass, field

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
    # register(i): make family i's styles known to ReportLab; called before a fallback is first handed out,
    # so a fallback no text needs is never parsed (the body family is registered from the start)
    register: object = field(default=None, compare=False, repr=False)

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

    def _use(self, index: int) -> str:
        if index and self.register is not None:
            self.register(index)
        return self.families[index]

    def family_for(self, ch: str) -> str | None:
        """None when the body face draws `ch`, else the first fallback that does, else raise KeyError."""
        cp = ord(ch)
        if cp in self.coverage[0]:
            return None
        for index, cover in enumerate(self.coverage[1:], start=1):
            if cp in cover:
                return self._use(index)
        raise KeyError(ch)

    def family_drawing(self, text: str) -> str:
        """The first family, the body face first, that draws every character of `text`: for text drawn in
        one font as it is, unshaped (a list's bullet or number, a step's number); KeyError if none does.
        Noto Sans Arabic, for one, has no bullet."""
        needed = {ord(ch) for ch in text if ch not in " \n\t"}
        for index, cover in enumerate(self.coverage):
            if needed <= cover:
                return self._use(index)
        raise KeyError(text)

    def missing(self, text: str) -> list[str]:
        """Characters of `text` that no family draws (plain spaces aside), in order, once each."""
        if self._all_chars.issuperset(text):
            return []
        return list(dict.fromkeys(ch for ch in text if ch not in self._all_chars))


def font_set(project, script: str) -> FontSet:
    """The families for `script` from the project's fonts/, with their coverage; the body family is
    registered with ReportLab now, a fallback only when some text first needs it.

    Each file is read through the project's guarded reader. A family is registered under a name that
    carries the hash of its files, so two projects (or a changed file) never share a registration, and
    caches keyed by font name (shaping) stay right. A face parsed once is kept in the per-user font cache
    (fontcache.py), so the next run reads its record instead of parsing the file again."""
    try:
        families = SCRIPT_FAMILIES[script]
    except KeyError:
        raise FontError(None, f"no shipped font for the {script} script") from None
    loaded = [_Family.of(family, tuple((suffix, *_read_style(project, family, style))
                                       for suffix, style in STYLES.items())) for family in families]
    loaded[0].register()
    return FontSet(tuple(f.name for f in loaded), tuple(f.coverage for f in loaded),
                   register=lambda index: loaded[index].register())


def _read_style(project, family: str, style: str) -> tuple[str, bytes]:
    fonts_dir = project.fonts_dir
    path = fonts_dir / f"{FAMILIES[family]}-{style}.ttf"
    if not project.folder.is_file(path) and "Italic" in style:  # scripts without italics: upright
        path = fonts_dir / f"{FAMILIES[family]}-{style.replace('Italic', '') or 'Regular'}.ttf"
    if not (path.exists() or path.is_symlink()):
        raise FontError(Origin(project.shown(path)), "font file is missing (fonts/ must ship every style)")
    from ..source.fontfile import read_font

    return read_font(project, path)  # guarded, within a size limit, its structure checked


class _Family:
    """One family's four styles: its registered name, the Regular face's coverage, and registration,
    done at most once per process whatever asks for it."""

    _known: dict[str, "_Family"] = {}  # by registered name: the same files are one family everywhere

    def __init__(self, family: str, name: str, files):
        self.family, self.name, self.files = family, name, files
        self.registered = False
        self.faces: dict[str, object] = {}  # suffix -> TTFont, once parsed or restored
        self.coverage = self._coverage()

    @classmethod
    def of(cls, family: str, files) -> "_Family":
        import hashlib

        digest = hashlib.sha256(b"".join(hashlib.sha256(data).digest() for _, _, data in files)).hexdigest()[:12]
        name = f"{family}~{digest}"
        if name not in cls._known:
            cls._known[name] = cls(family, name, files)
        return cls._known[name]

    def _face(self, suffix: str, shown: str, data: bytes):
        """The ReportLab font of one style: restored from the font cache, else parsed (and cached)."""
        import hashlib

        from reportlab import Version

        from ..adapters.reportlab import face_record, ttfont_from_record
        from . import fontcache

        if suffix in self.faces:
            return self.faces[suffix]
        digest = hashlib.sha256(data).hexdigest()
        record = fontcache.load(digest, Version, len(data))
        font = None
        if record is not None:
            try:
                font = ttfont_from_record(self.name + suffix, data, record)
            except Exception:  # an entry that passed the checks but does not fit this file: parse it
                font = None
        if font is None:
            from reportlab.pdfbase.ttfonts import TTFont
            import io

            try:
                font = TTFont(self.name + suffix, io.BytesIO(data), asciiReadable=0)
            except Exception as exc:  # a damaged file fails in many ways inside the parser (struct, index…)
                raise FontError(Origin(shown), f"not a usable TrueType font ({type(exc).__name__})") from None
            fontcache.store(face_record(font), digest, Version)
        self.faces[suffix] = font
        return font

    def _coverage(self) -> frozenset[int]:
        from ..adapters.reportlab import font_coverage

        suffix, shown, data = self.files[0]  # the Regular style
        return font_coverage(self._face(suffix, shown, data))

    def register(self) -> None:
        if self.registered:
            return
        from reportlab.lib.fonts import addMapping
        from reportlab.pdfbase import pdfmetrics

        for suffix, shown, data in self.files:
            pdfmetrics.registerFont(self._face(suffix, shown, data))
        for bold, italic, suffix in ((0, 0, ""), (1, 0, "-Bold"), (0, 1, "-Italic"), (1, 1, "-BoldItalic")):
            addMapping(self.name, bold, italic, self.name + suffix)
        self.registered = True
