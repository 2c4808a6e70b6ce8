"""Where a value came from, and the errors, warnings and findings that point there."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable


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

    def lines(self) -> list[str]:
        """What the command line prints, one line per problem."""
        return [str(self)]


class ContentError(MsguideError):
    """Content YAML that is malformed or breaks the schema."""


class FontError(MsguideError):
    """A missing or unusable font file, or a character no shipped font can draw."""


class InputError(MsguideError):
    """An input that cannot be read as one: missing, outside its folder, not a regular file, too large.
    `reason` names the rule (missing, outside, not-regular, too-large, unreadable) for a caller that
    words the problem its own way."""

    def __init__(self, origin, message: str | None = None, reason: str | None = None):
        super().__init__(origin, message)
        self.reason = reason


class OutputError(MsguideError):
    """A file or folder that cannot be written: read-only, a full disk, a file where a folder should be.
    `errno` is the system's reason, when there is one."""

    def __init__(self, origin, message: str | None = None, errno: int | None = None):
        super().__init__(origin, message)
        self.errno = errno

    @property
    def disk_full(self) -> bool:
        """Whether no other file will fare better: the disk (or its quota, or a size limit) is full, or the
        file system is read-only."""
        import errno as codes

        return self.errno in (codes.ENOSPC, codes.EDQUOT, codes.EFBIG, codes.EROFS)


def excerpt(value: str, limit: int = 40) -> str:
    """A value as a message quotes it: repr() of at most `limit` characters (a refused file's content, or a
    long hostile value, is never echoed whole).

    >>> excerpt("root:x:0:0:root:/root:/bin/bash", 12)
    "'root:x:0:0:r…'"
    """
    return repr(shorten(value, limit))


def shorten(value: str, limit: int = 40) -> str:
    """At most `limit` characters of `value`, "…" marking a cut (a key or a name a message names)."""
    return value if len(value) <= limit else value[:limit] + "\u2026"


@dataclass(frozen=True)
class Finding:
    """One problem found while checking an input: a code (`content.schema`, `i18n.untranslated`,
    `font.glyph`, `layout.overflow`, …, like Sphinx's warning types), where it is, and what is wrong.
    Errors stop what depends on them; warnings do not, unless the build is strict."""

    code: str
    origin: Origin | str | None
    message: str
    severity: str = "error"  # error | warning
    text_id: str | None = None  # the content text it concerns, when it concerns one

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}" if self.origin else self.message

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    @classmethod
    def of(cls, exc: MsguideError, code: str, text_id: str | None = None) -> "Finding":
        return cls(code, exc.origin, exc.message, "error", text_id)


class ValidationError(MsguideError):
    """Every error found in one pass over an input (or several), reported together."""

    def __init__(self, findings: Iterable[Finding]):
        self.findings = tuple(f for f in findings if f.is_error)
        first = self.findings[0]
        super().__init__(first.origin, first.message)

    def lines(self) -> list[str]:
        return list(dict.fromkeys(str(f) for f in self.findings))


@dataclass(frozen=True)
class BuildWarning:
    """A problem that does not stop a build, unless the build is strict (like sphinx-build -W)."""

    code: str  # e.g. "i18n.fuzzy", "layout.overflow"
    origin: Origin | str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.origin}: " if self.origin else ""
        return f"{where}{self.message} [{self.code}]"

    @classmethod
    def of(cls, finding: Finding) -> "BuildWarning":
        return cls(finding.code, finding.origin, finding.message)
