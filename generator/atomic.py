"""Writing a file so that no reader ever sees half of it: a temporary file beside the target, renamed
over it only when complete (used for every output, the manifest, the index, fonts and catalogs); and
removing the temporary files of a writer that was killed before it could clean up."""
from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
import time
from pathlib import Path
from typing import Iterable, Iterator

from .errors import OutputError

# A temporary file is `.<target name>.<pid of its writer>-<random>.tmp`; the pid tells a stale one (its
# writer is gone, killed by SIGKILL or a power cut) from one a running build is writing right now.
_TMP = re.compile(r"^\..+\.(?:(\d+)-)?[a-z0-9_]{8}\.tmp$")
STALE_AFTER = 3600  # seconds: older than this, a temporary file is stale whoever wrote it (another host)

_REASONS = {
    errno.ENOSPC: "no space left on the disk",
    errno.EDQUOT: "disk quota exceeded",
    errno.EFBIG: "file too large for the disk (or a size limit)",
    errno.EACCES: "permission denied",
    errno.EPERM: "not permitted",
    errno.EROFS: "read-only file system",
    errno.ENOTDIR: "a file stands where a folder is needed",
    errno.EEXIST: "a file stands where a folder is needed",
    errno.EISDIR: "a folder stands where the file goes",
    errno.ENOENT: "no such folder",
}


def write_problem(exc: OSError) -> str:
    """Why a write failed, in a few plain words."""
    return _REASONS.get(exc.errno, (exc.strerror or type(exc).__name__).lower())


@contextlib.contextmanager
def atomic_path(target: Path, shown: str | None = None) -> Iterator[Path]:
    """Yield a temporary path beside `target`; on success rename it over `target`, on failure delete it,
    so a reader never sees a half-written file and a failed build leaves the previous file alone. A
    failed write (full disk, read-only folder, a file where a folder should be) raises OutputError
    naming `shown` (default: the target)."""
    shown = shown or str(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}-", suffix=".tmp", dir=target.parent)
        os.close(fd)
    except OSError as exc:
        raise OutputError(shown, f"cannot write: {write_problem(exc)}", exc.errno) from None
    try:
        yield Path(tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise OutputError(shown, f"cannot write: {write_problem(exc)}", exc.errno) from None
        raise


def write_bytes(target: Path, data: bytes, shown: str | None = None) -> None:
    """Write `data` to `target` atomically."""
    with atomic_path(target, shown) as tmp:
        tmp.write_bytes(data)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return pid > 0  # another user's process, or a number no process has
    return True


def clean_stale(folders: Iterable[Path]) -> list[Path]:
    """Delete the temporary files that killed writers left in these folders (not below them): those whose
    writer process no longer exists, and any older than STALE_AFTER. Returns what was deleted."""
    removed = []
    now = time.time()
    for folder in dict.fromkeys(folders):
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            m = _TMP.match(name)
            if not m:
                continue
            path = Path(folder) / name
            try:
                info = os.lstat(path)
            except OSError:
                continue
            if not stat.S_ISREG(info.st_mode):
                continue
            pid = int(m.group(1)) if m.group(1) else None
            if pid == os.getpid():
                continue  # our own, being written
            if (pid is not None and not _alive(pid)) or now - info.st_mtime > STALE_AFTER:
                with contextlib.suppress(OSError):
                    os.unlink(path)
                    removed.append(path)
    return removed
