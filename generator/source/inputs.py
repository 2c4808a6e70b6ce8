"""The one guarded way to read an input file: inside its folder (a symlink must not lead out of it), a
regular file (not a pipe or a device), and no larger than a limit. Every command reads every input
through a Folder: the project for content, catalogs and fonts, a clinic profile's own folder for it and
its logo."""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError


@dataclass(frozen=True)
class Folder:
    """A folder whose files are inputs; `root` is resolved once."""

    root: Path
    label: str = "the project"  # how messages name the folder

    def __post_init__(self):
        object.__setattr__(self, "root", Path(os.path.abspath(self.root)))
        object.__setattr__(self, "_real", self.root.resolve())

    def shown(self, path: Path) -> str:
        """A path as messages show it: relative to the folder when inside it (by where it stands: a
        symlink leading out is named by its own place, never by its target)."""
        try:
            return Path(os.path.abspath(path)).relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def resolve(self, path: Path, shown: str | None = None) -> Path:
        """The real path of an input, refused unless it is a regular file inside the folder."""
        shown = shown or self.shown(path)
        try:
            real = Path(path).resolve(strict=True)
        except (OSError, RuntimeError):
            raise InputError(shown, "cannot read: no such file", "missing") from None
        if not real.is_relative_to(self._real):
            raise InputError(shown, f"leads outside {self.label} (a symlink?); inputs must stay inside it", "outside")
        try:
            mode = real.stat().st_mode
        except OSError as exc:
            raise InputError(shown, f"cannot read: {exc.strerror}", "unreadable") from None
        if not stat.S_ISREG(mode):
            raise InputError(shown, "not a regular file", "not-regular")
        return real

    def read(self, path: Path, limit: int, shown: str | None = None) -> bytes:
        """The bytes of an input, at most `limit` of them."""
        shown = shown or self.shown(path)
        real = self.resolve(path, shown)
        try:
            fd = os.open(real, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
            with os.fdopen(fd, "rb") as f:
                info = os.fstat(f.fileno())
                if not stat.S_ISREG(info.st_mode):  # replaced between the check and the open
                    raise InputError(shown, "not a regular file", "not-regular")
                if info.st_size > limit:
                    raise InputError(shown, f"file is {info.st_size} bytes; the limit is {limit}", "too-large")
                data = f.read(limit + 1)
        except OSError as exc:
            raise InputError(shown, f"cannot read: {exc.strerror}", "unreadable") from None
        if len(data) > limit:
            raise InputError(shown, f"file is over {limit} bytes", "too-large")
        return data

    def is_file(self, path: Path) -> bool:
        try:
            self.resolve(path)
            return True
        except InputError:
            return False
