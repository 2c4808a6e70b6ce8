"""What a build made: the Output record and the manifest that lists every output (written atomically)."""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..atomic import atomic_path


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
    warnings: tuple[str, ...] = field(default=(), compare=False)
    translation: str = "source"  # source | complete | incomplete
    review: str = "source"  # source | not reviewed | reviewed by … on …
    inputs: str = ""  # fingerprint of what it was made from (see fingerprint.py)
    variant: str = ""  # "" for the language's own edition; else what differs ("a4", "marks"), in its name
    marks: bool = False  # crop and fold marks (the booklet)

    def manifest_entry(self) -> dict:
        entry = asdict(self)
        del entry["warnings"]
        return entry


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_manifest(dist: Path, outputs: list[Output], locales: dict[str, dict] | None = None) -> Path:
    """Merge `outputs` and per-locale status into dist/manifest.json (outputs keyed by path, sorted; files
    that no longer exist are dropped), written atomically."""
    path = dist / "manifest.json"
    entries: dict[str, dict] = {}
    known_locales: dict[str, dict] = {}
    if path.is_file():
        try:
            old = json.loads(path.read_text("utf-8"))
            for e in old.get("outputs", []):
                if isinstance(e, dict) and isinstance(e.get("path"), str) and (dist / e["path"]).is_file():
                    entries[e["path"]] = e
            if isinstance(old.get("locales"), dict):
                known_locales = old["locales"]
        except (ValueError, AttributeError):
            entries = {}  # a damaged manifest is rebuilt from what this build knows
    for o in outputs:
        entries[o.path] = o.manifest_entry()
    known_locales.update(locales or {})
    data = {"locales": {k: known_locales[k] for k in sorted(known_locales)},
            "outputs": [entries[k] for k in sorted(entries)]}
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", "utf-8")
    return path
