"""What an output depends on, as one hash: generator code and version, content, the locale's PO file,
fonts, clinic profile and logo, and the build options. Reads bytes only, so it is cheap."""
from __future__ import annotations

import hashlib
import os
import re
import stat
import sys
from functools import lru_cache
from pathlib import Path

from .. import __version__

_PACKAGE = Path(__file__).resolve().parent.parent  # the whole generator package


MAX_HASHED_BYTES = 8_000_000  # larger than any input cap: such a file fails its own check later


def _file_bytes(p: Path, root: Path) -> bytes:
    """The bytes to hash for one input; never opens a file outside `root` (a symlink out), a device, a pipe
    or something huge: the build itself reports those properly."""
    try:
        if not p.resolve().is_relative_to(root.resolve()):
            return b"<outside>"
        st = p.stat()
    except (OSError, RuntimeError):
        return b"<missing>"
    if not stat.S_ISREG(st.st_mode):
        return b"<not a regular file>"
    if st.st_size > MAX_HASHED_BYTES:
        return b"<too large:%d>" % st.st_size
    return p.read_bytes()


def _hash_files(paths: list[Path], root: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(paths):
        try:
            name = p.relative_to(root).as_posix()
        except ValueError:
            name = p.name
        h.update(name.encode() + b"\0")
        h.update(_file_bytes(p, root))
        h.update(b"\0")
    return h.hexdigest()


# The distributions whose code or data shape an output: a new ReportLab, or Babel with new CLDR data, must
# not leave an output called "unchanged".
RUNTIME_DISTRIBUTIONS = ("reportlab", "rl_accel", "pyyaml", "babel", "pypdf", "pillow", "uharfbuzz",
                         "python_bidi")
_DIST_INFO = re.compile(r"^([A-Za-z0-9_.]+?)-([^-]+?)\.dist-info$")


def installed_versions(names=RUNTIME_DISTRIBUTIONS) -> dict[str, str]:
    """name -> version of each installed distribution, read from the `*.dist-info` folder names on
    sys.path (importlib.metadata gives the same answer but takes ~60 ms to import and search; this
    takes about one). A distribution that is not installed maps to "-"."""
    wanted = {n: "-" for n in names}
    for entry in sys.path:
        try:
            listing = os.listdir(entry or ".")
        except OSError:
            continue
        for item in listing:
            m = _DIST_INFO.match(item)
            if m:
                name = re.sub(r"[-.]+", "_", m.group(1)).lower()
                if wanted.get(name) == "-":
                    wanted[name] = m.group(2)
    return wanted


@lru_cache(maxsize=None)
def environment_hash() -> str:
    """Python's version and the versions of the runtime dependencies."""
    versions = installed_versions()
    return hashlib.sha256("\0".join([sys.version, *(f"{k}={v}" for k, v in sorted(versions.items()))])
                          .encode()).hexdigest()


@lru_cache(maxsize=None)
def generator_hash() -> str:
    """The version, the code itself and what it runs on: a change to any rebuilds everything."""
    return _hash_files(list(_PACKAGE.rglob("*.py")), _PACKAGE) + __version__ + environment_hash()


def shared_inputs(root: Path) -> str:
    """Content and fonts: shared by every output."""
    return _hash_files(list((root / "content").glob("*.yaml")) + list((root / "fonts").glob("*")), root)


def clinic_inputs(profile: Path | None) -> str:
    """The profile and every file beside it (its logo among them): cheap, and needs no YAML parsing."""
    if profile is None:
        return "-"
    folder = profile.resolve().parent
    files = [profile.resolve()] + [p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in
                                   (".png", ".jpg", ".jpeg")]
    return _hash_files(files, folder)


def output_inputs(*, shared: str, po: Path | None, clinic: str, document: str, locale: str,
                  paper: str | None, marks: bool) -> str:
    h = hashlib.sha256()
    for part in (generator_hash(), shared, _hash_files([po], po.parent.parent) if po else "-", clinic, document, locale,
                 paper or "-", "marks" if marks and document == "booklet" else "-"):
        h.update(part.encode() + b"\0")
    return h.hexdigest()
