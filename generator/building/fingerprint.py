"""What an output depends on, as one hash: generator code and version, the installed libraries, every
input the build reads (content, the locale's PO file and review record, fonts, the clinic profile and the
logo it names, wherever it is) and every setting that changes the result (document, locale, paper, marks,
SOURCE_DATE_EPOCH). Each input is read through the same guarded reader as the build, so hashing never
follows a link out of its folder or opens a device. Reads bytes only, so it is cheap."""
from __future__ import annotations

import hashlib
import os
import re
import sys
from functools import lru_cache
from pathlib import Path

from .. import __version__
from ..errors import MsguideError

_PACKAGE = Path(__file__).resolve().parent.parent  # the whole generator package

MAX_HASHED_BYTES = 8_000_000  # larger than any input cap: such a file fails its own check later


def _digest(folder, path: Path) -> bytes:
    """The hash of one input's bytes as the build would read them, or of why it cannot be read (a
    symlink out, a device, a missing file): a change in either changes the fingerprint."""
    try:
        return hashlib.sha256(folder.read(path, MAX_HASHED_BYTES)).digest()
    except MsguideError as exc:
        return b"unreadable:" + str(exc).encode("utf-8", "replace")


def _hash_inputs(folder, paths) -> str:
    h = hashlib.sha256()
    for p in sorted(paths):
        h.update(folder.shown(p).encode("utf-8", "surrogateescape") + b"\0" + _digest(folder, p) + b"\0")
    return h.hexdigest()


def _hash_package() -> str:
    h = hashlib.sha256()
    for p in sorted(_PACKAGE.rglob("*.py")):
        h.update(p.relative_to(_PACKAGE).as_posix().encode() + b"\0" + p.read_bytes() + b"\0")
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
    return _hash_package() + __version__ + environment_hash()


def shared_inputs(project) -> str:
    """Content and fonts: shared by every output."""
    from ..source.project import CONTENT_FILES

    fonts = [p for p in project.fonts_dir.glob("*") if p.suffix.lower() in (".ttf", ".txt")] \
        if project.fonts_dir.is_dir() else []
    return _hash_inputs(project.folder, [project.content_dir / name for name in CONTENT_FILES] + fonts)


def locale_inputs(project, locale: str) -> str:
    """A translation's PO file and its medical review record (English has neither)."""
    from ..i18n.review import record_path
    from ..source.project import SOURCE_LOCALE

    if locale == SOURCE_LOCALE:
        return "-"
    return _hash_inputs(project.folder, [project.po_path(locale), record_path(project, locale)])


def clinic_inputs(profile: Path | None, shown: str | None = None) -> str:
    """The profile, the logo it names (any name, any folder below the profile's), and how messages name
    the profile (warnings kept in the manifest quote it)."""
    if profile is None:
        return "-"
    from ..source.clinic import logo_path, profile_folder

    folder = profile_folder(profile)
    files = [Path(os.path.abspath(profile))]
    logo = logo_path(profile, shown)
    if logo is not None:
        files.append(Path(os.path.abspath(logo)))
    return _hash_inputs(folder, files) + "\0" + (shown or str(profile))


def output_inputs(*, shared: str, locale_part: str, clinic: str, document: str, locale: str,
                  paper: str | None, marks: bool, epoch: int | None) -> str:
    h = hashlib.sha256()
    for part in (generator_hash(), shared, locale_part, clinic, document, locale, paper or "-",
                 "marks" if marks and document == "booklet" else "-", "-" if epoch is None else str(epoch)):
        h.update(part.encode() + b"\0")
    return h.hexdigest()
