"""What a build made: the Output record, and the manifest that lists every output with the warnings it
was built with. The manifest is read through the output folder's guarded reader (it may be damaged: then
every output is rebuilt and it is written anew), merged and written under a lock on the output folder,
so two builds into one folder cannot lose each other's entries, and written atomically."""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterator

from ..atomic import atomic_path, write_problem
from ..errors import InputError, MsguideError, OutputError

MANIFEST = "manifest.json"
MAX_MANIFEST_BYTES = 16_000_000  # a whole build's manifest is about 30 KB
MAX_OUTPUT_BYTES = 64_000_000  # an output larger than this is not one of ours


@dataclass(frozen=True)
class Output:
    """One built file as the manifest lists it."""

    locale: str
    document: str
    paper: str
    path: str  # relative to dist/
    sha256: str
    bytes: int
    pages: int
    warnings: tuple[str, ...] = field(default=(), compare=False)  # reported again on every run
    translation: str = "source"  # source | complete | incomplete
    review: str = "source"  # source | not reviewed | reviewed by … on …
    inputs: str = ""  # fingerprint of what it was made from (see fingerprint.py)
    variant: str = ""  # "" for the language's own edition; else what differs ("a4", "marks"), in its name
    marks: bool = False  # crop and fold marks (the booklet)

    def manifest_entry(self) -> dict:
        entry = asdict(self)
        entry["warnings"] = list(self.warnings)
        return entry


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def output_folder(dist: Path):
    from ..source.inputs import Folder

    return Folder(dist, label="the output folder")


@dataclass
class Manifest:
    """dist/manifest.json as read: its usable entries by path, each locale's status, and why it was set
    aside when it could not be used (`problem`, None when it was fine or absent)."""

    entries: dict[str, dict] = field(default_factory=dict)
    locales: dict[str, dict] = field(default_factory=dict)
    problem: str | None = None


def _entry(e) -> dict | None:
    """A manifest entry with the fields a build relies on, of the right types; None otherwise."""
    if not isinstance(e, dict):
        return None
    typed = {"path": str, "inputs": str, "sha256": str, "bytes": int, "pages": int, "locale": str,
             "document": str, "paper": str}
    if any(not isinstance(e.get(k), t) or isinstance(e.get(k), bool) for k, t in typed.items()):
        return None
    warnings = e.get("warnings", [])
    if not isinstance(warnings, list) or not all(isinstance(w, str) for w in warnings):
        return None
    if e["path"].startswith("/") or ".." in e["path"].split("/"):
        return None
    return e


def read_manifest(dist: Path, shown: str | None = None) -> Manifest:
    """The manifest of an output folder (empty when there is none). A manifest that is not JSON, not the
    shape we write, too large or a link out of the folder is set aside (`problem`); one that cannot be
    replaced (a folder in its place) raises OutputError before anything is built."""
    path = dist / MANIFEST
    shown = shown or str(path)
    if not (path.exists() or path.is_symlink()):
        return Manifest()
    try:
        raw = output_folder(dist).read(path, MAX_MANIFEST_BYTES, shown)
    except InputError as exc:
        if path.is_dir() and not path.is_symlink():
            raise OutputError(shown, "a folder stands where the manifest goes; move it away") from None
        return Manifest(problem=exc.message)
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return Manifest(problem="not valid JSON")
    if not isinstance(data, dict) or not isinstance(data.get("outputs", []), list) \
            or not isinstance(data.get("locales", {}), dict):
        return Manifest(problem="not a manifest msguide wrote (expected outputs and locales)")
    entries = {}
    for e in data.get("outputs", []):
        good = _entry(e)
        if good is None:
            return Manifest(problem="an entry of its outputs is damaged")
        entries[good["path"]] = good
    locales = {k: v for k, v in data.get("locales", {}).items() if isinstance(k, str) and isinstance(v, dict)}
    return Manifest(entries, locales)


def read_output(dist: Path, rel: str) -> bytes | None:
    """The bytes of an earlier output, read through the output folder's guarded reader (a link out of
    the folder, a device or a folder in its place is no output); None when it is not there."""
    try:
        return output_folder(dist).read(dist / rel, MAX_OUTPUT_BYTES)
    except MsguideError:
        return None


@contextlib.contextmanager
def locked(dist: Path) -> Iterator[None]:
    """Hold an exclusive lock on the output folder (flock on the folder itself: no lock file is left
    behind) while a build reads, merges and writes its manifest and index; another build into the same
    folder waits. Where the platform has no flock (Windows), there is no lock."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    try:
        fd = os.open(dist, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError as exc:
        raise OutputError(str(dist), f"cannot write: {write_problem(exc)}") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def write_manifest(dist: Path, outputs: list[Output], locales: dict[str, dict] | None = None) -> dict:
    """Merge `outputs` and per-locale status into dist/manifest.json (outputs keyed by path, sorted; files
    that no longer exist are dropped), written atomically. The caller holds `locked(dist)`. Returns what
    was written."""
    path = dist / MANIFEST
    old = read_manifest(dist)  # read again under the lock: another build may have written it since
    entries = {p: e for p, e in old.entries.items() if output_folder(dist).is_file(dist / p)}
    for o in outputs:
        entries[o.path] = o.manifest_entry()
    known_locales = {**old.locales, **(locales or {})}
    data = {"locales": {k: known_locales[k] for k in sorted(known_locales)},
            "outputs": [entries[k] for k in sorted(entries)]}
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", "utf-8")
    return data


def prepare_output_folder(dist: Path, shown: str) -> None:
    """Make sure the output folder can be written before anything is built: it is a folder (or can be
    made), and a file can be created in it. Raises OutputError naming it."""
    if dist.exists() and not dist.is_dir():
        raise OutputError(shown, "not a folder (--out must name a folder)")
    try:
        dist.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=f".probe.{os.getpid()}-", suffix=".tmp", dir=dist)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise OutputError(shown, f"cannot write: {write_problem(exc)}") from None
