"""Where a build reads from: content/, locales/ and fonts/ under one root, every file read through the
project's guarded reader. Light on imports, so a no-op build can answer without loading ReportLab."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, excerpt
from .inputs import Folder

SOURCE_LOCALE = "en"
CONTENT_FILES = ("guide.yaml", "checklist.yaml", "interface.yaml", "summary.yaml")
REVIEWS = "reviews"  # maintainers' records of medical review, one file per locale (i18n/review.py)


@dataclass(frozen=True)
class Project:
    """Where a build reads from: content/, locales/ and fonts/ under one root."""

    root: Path
    folder: Folder = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "root", Path(self.root))
        object.__setattr__(self, "folder", Folder(self.root))

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def locales_dir(self) -> Path:
        return self.root / "locales"

    @property
    def fonts_dir(self) -> Path:
        return self.root / "fonts"

    @property
    def reviews_dir(self) -> Path:
        return self.root / REVIEWS

    def read(self, path: Path, limit: int) -> bytes:
        """The bytes of an input inside the project (see Folder.read)."""
        return self.folder.read(path, limit)

    def shown(self, path: Path) -> str:
        """A path as messages show it: relative to the project when inside it."""
        return self.folder.shown(path)

    def po_files(self, locales: list[str] | None = None) -> list[Path]:
        """The PO files of the given locales, or every `<locale>.po` whose name is a locale code (a file
        such as `fr-FR.po` is not a language: `msguide i18n check` names it)."""
        if locales:
            return [self.po_path(code) for code in locales]
        return [self.po_path(code) for code in self.locales()[1:]]

    def stray_po_files(self) -> list[Path]:
        """PO files in locales/ whose names are not locale codes."""
        from ..i18n.locales import LOCALE_RE

        if not self.locales_dir.is_dir():
            return []
        return sorted(p for p in self.locales_dir.glob("*.po") if not LOCALE_RE.match(p.stem))

    def po_path(self, locale: str) -> Path:
        from ..i18n.locales import LOCALE_RE

        if not LOCALE_RE.match(locale):  # also keeps '../' out of the path
            raise InputError(None, f"{excerpt(locale)} is not a locale code such as fr or pt_BR")
        return self.locales_dir / f"{locale}.po"

    def locales(self) -> list[str]:
        """English plus every language with a PO file: a language exists because its file does."""
        from ..i18n.locales import LOCALE_RE

        found = sorted(p.stem for p in self.locales_dir.glob("*.po")) if self.locales_dir.is_dir() else []
        return [SOURCE_LOCALE] + [code for code in found if code != SOURCE_LOCALE and LOCALE_RE.match(code)]
