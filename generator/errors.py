"""Where a value came from, and the errors and warnings that point there."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Origin:
    """A place in a user's file: path as the user would type it, 1-based line (0 when unknown)."""

    path: str
    line: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


class MsguideError(Exception):
    """An input problem the user can fix; str() is the one line the CLI prints."""

    def __init__(self, origin: Origin | str | None, message: str | None = None):
        if message is None:  # rebuilt from one string (ReportLab's annotateException does this)
            origin, message = None, str(origin)
        self.origin = origin
        self.message = message
        super().__init__(f"{origin}: {message}" if origin else message)


class ContentError(MsguideError):
    """Content YAML that is malformed or breaks the schema."""


class FontError(MsguideError):
    """A missing font file, or a character no shipped font can draw."""


@dataclass(frozen=True)
class BuildWarning:
    """A problem that does not stop a build, unless the build is strict (like sphinx-build -W)."""

    code: str  # e.g. "i18n.fuzzy", "layout.overflow"
    origin: Origin | str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.origin}: " if self.origin else ""
        return f"{where}{self.message} [{self.code}]"
