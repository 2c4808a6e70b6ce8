"""Where a build reads from: content/, locales/ and fonts/ under one root. Light on imports, so a no-op
build can answer without loading ReportLab."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import MsguideError

SOURCE_LOCALE = "en"


@dataclass(frozen=True)
class Project:
    """Where a build reads from: content/, locales/ and fonts/ under one root."""

    root: Path

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def locales_dir(self) -> Path:
        return self.root / "locales"

    @property
    def fonts_dir(self) -> Path:
        return self.root / "fonts"

    def load(self):
        from .content import load_content

        return load_content(self.content_dir, display_root=self.root)

    def shown(self, path: Path) -> str:
        """A path as messages show it: relative to the project when inside it."""
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def po_files(self, locales: list[str] | None = None) -> list[Path]:
        if locales:
            return [self.po_path(code) for code in locales]
        return sorted(self.locales_dir.glob("*.po")) if self.locales_dir.is_dir() else []

    def po_path(self, locale: str) -> Path:
        from .locales import LOCALE_RE

        if not LOCALE_RE.match(locale):  # also keeps '../' out of the path
            raise MsguideError(None, f"{locale!r} is not a locale code such as fr or pt_BR")
        return self.locales_dir / f"{locale}.po"

    def locales(self) -> list[str]:
        """English plus every language with a PO file: a language exists because its file does."""
        found = sorted(p.stem for p in self.locales_dir.glob("*.po")) if self.locales_dir.is_dir() else []
        return [SOURCE_LOCALE] + [code for code in found if code != SOURCE_LOCALE]
