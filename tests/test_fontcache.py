"""The per-user font cache: a font file is parsed once, then read back from the cache; the cache is
untrusted input, so anything but an exact entry for the same file is ignored and rewritten, and the
outputs are the same bytes either way."""
from __future__ import annotations

import os

import pytest

from conftest import run_cli


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("MSGUIDE_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def parses(monkeypatch):
    """How many faces ReportLab's parser reads in the tables of (0 when all come from the cache)."""
    from reportlab.pdfbase import ttfonts

    count = {"n": 0}
    original = ttfonts.TTFontFile.extractInfo

    def counting(self, *args, **kwargs):
        count["n"] += 1
        return original(self, *args, **kwargs)

    monkeypatch.setattr(ttfonts.TTFontFile, "extractInfo", counting)
    return count


def fresh_project(path):
    from conftest import copy_project

    return copy_project(path)


def build(project, out) -> bytes:
    """A build as a new process would do it: this process's registrations forgotten (they are keyed by
    the files' hash, so the same files would otherwise be found registered and not read again)."""
    from generator.layout import fonts

    fonts._Family._known.clear()
    assert run_cli("build", "--locale", "ru", root=project, out=out) == 0
    return (out / "ru" / "guide-ru.pdf").read_bytes()


def test_a_font_is_parsed_once_and_the_cached_face_draws_the_same_bytes(tmp_path, cache, parses):
    first = build(fresh_project(tmp_path / "a"), tmp_path / "out1")
    assert parses["n"] > 0 and list((cache / "fonts").glob("*.bin"))
    parses["n"] = 0
    again = build(fresh_project(tmp_path / "b"), tmp_path / "out2")  # same files, new process state
    assert parses["n"] == 0  # every face came from the cache
    assert again == first


@pytest.mark.parametrize("damage", ["truncate", "garbage", "glyph-out-of-range", "other-font", "symlink"])
def test_a_damaged_or_forged_entry_is_ignored_and_rewritten(tmp_path, cache, parses, damage):
    first = build(fresh_project(tmp_path / "a"), tmp_path / "out1")
    entries = sorted((cache / "fonts").glob("*.bin"))
    victim = max(entries, key=lambda p: p.stat().st_size)
    data = victim.read_bytes()
    if damage == "truncate":
        victim.write_bytes(data[: len(data) // 2])
    elif damage == "garbage":
        victim.write_bytes(os.urandom(len(data)))
    elif damage == "glyph-out-of-range":  # a well-formed entry whose glyph ids lie beyond the font
        from generator.layout import fontcache

        digest, version = victim.stem.split("-reportlab-")
        record = fontcache.decode(data, digest, version, 10**9)
        record["charToGlyph"][1::2] = [g + 100000 for g in record["charToGlyph"][1::2]]
        victim.write_bytes(fontcache.encode(record, digest, version))
    elif damage == "other-font":  # an entry written for another file, under this file's name
        other = next(e for e in entries if e != victim)
        victim.write_bytes(other.read_bytes())
    else:
        victim.unlink()
        target = tmp_path / "elsewhere.bin"
        target.write_bytes(data)
        victim.symlink_to(target)
    parses["n"] = 0
    again = build(fresh_project(tmp_path / "b"), tmp_path / "out2")
    assert parses["n"] == 1  # the one damaged face was parsed again
    assert again == first
    assert not victim.is_symlink() and victim.read_bytes() == data  # rewritten as it should be


def test_no_cache_or_an_unwritable_one_changes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("MSGUIDE_CACHE_DIR", "")
    off = build(fresh_project(tmp_path / "a"), tmp_path / "out1")
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("x")
    monkeypatch.setenv("MSGUIDE_CACHE_DIR", str(blocked))
    assert build(fresh_project(tmp_path / "b"), tmp_path / "out2") == off
