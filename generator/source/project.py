"""Where a build reads from: content/, locales/ and fonts/ under one root. Light on imports, so a no-op
build can answer without loading ReportLab."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import MsguideError

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
        from .content import CONTENT_FILES, load_content

        for name in CONTENT_FILES:
            self.input_file(self.content_dir / name)
        return load_content(self.content_dir, display_root=self.root)

    def input_file(self, path: Path) -> Path:
        """`path` if it is a regular file inside the project (a symlink must not lead out of it)."""
        shown = self.shown(path)
        try:
            resolved = path.resolve(strict=True)
        except (OSError, RuntimeError):
            raise MsguideError(shown, "cannot read: no such file") from None
        if not resolved.is_relative_to(self.root.resolve()):
            raise MsguideError(shown, "leads outside the project (a symlink?); inputs must stay inside it")
        if not resolved.is_file():
            raise MsguideError(shown, "not a regular file")
        return path

    def shown(self, path: Path) -> str:
        """A path as messages show it: relative to the project when inside it."""
        try:  # not resolve(): a symlink leading out should still be named by where it stands
            return Path(os.path.abspath(path)).relative_to(os.path.abspath(self.root)).as_posix()
        except ValueError:
            return str(path)

    def po_files(self, locales: list[str] | None = None) -> list[Path]:
        if locales:
            return [self.po_path(code) for code in locales]
        return sorted(self.locales_dir.glob("*.po")) if self.locales_dir.is_dir() else []

    def po_path(self, locale: str) -> Path:
        from ..i18n.locales import LOCALE_RE

        if not LOCALE_RE.match(locale):  # also keeps '../' out of the path
            raise MsguideError(None, f"{locale!r} is not a locale code such as fr or pt_BR")
        return self.locales_dir / f"{locale}.po"

    def locales(self) -> list[str]:
        """English plus every language with a PO file: a language exists because its file does."""
        found = sorted(p.stem for p in self.locales_dir.glob("*.po")) if self.locales_dir.is_dir() else []
        return [SOURCE_LOCALE] + [code for code in found if code != SOURCE_LOCALE]
