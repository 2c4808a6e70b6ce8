"""One validation pass per input: content, each PO file and a clinic profile are checked once, when
loaded, every problem collected; `build`, `i18n check`, `i18n status` and the manifest report the same
findings."""
from __future__ import annotations

import json
import os
import re

import pytest

from conftest import run_cli


def i18n(root, *args) -> int:
    from generator.cli import main

    return main(["i18n", "--root", str(root), *args])


def break_po(project, locale="de") -> tuple[str, int]:
    """A syntax error msgfmt rejects, on a known line; returns the file's shown path and the line."""
    po = project / "locales" / f"{locale}.po"
    lines = po.read_text("utf-8").splitlines(keepends=True)
    n = next(i for i, l in enumerate(lines) if l.startswith("msgstr ") and i > 30)
    lines[n] = lines[n].replace("msgstr ", "msgstr_broken ", 1)
    po.write_text("".join(lines), "utf-8")
    return f"locales/{locale}.po", n + 1


def test_a_broken_po_file_is_reported_alike_by_check_status_build_and_manifest(project, capsys, tmp_path):
    shown, line = break_po(project)
    expected = f"{shown}:{line}: unknown keyword 'msgstr_broken'"

    assert i18n(project, "check", "de") == 1
    assert expected in capsys.readouterr().out.splitlines()

    assert i18n(project, "status") == 0
    row = next(l.split() for l in capsys.readouterr().out.splitlines() if l.startswith("de "))
    assert row[1] == "broken" and int(row[6]) >= 1  # not "100.0%"

    out = tmp_path / "dist"
    assert run_cli("build", "--locale", "de", "--locale", "fr", "--document", "guide", root=project, out=out) == 1
    captured = capsys.readouterr()
    assert captured.err.splitlines().count(f"error: {expected}") == 1
    assert "failed" in captured.out and (out / "fr" / "guide-fr.pdf").is_file()
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    de = manifest["locales"]["de"]["translation"]
    assert de["broken"] is True and de["complete"] is False and de["errors"] >= 1


def test_every_problem_of_the_content_is_reported_in_one_run(project, capsys):
    guide = project / "content" / "guide.yaml"
    text = guide.read_text("utf-8")
    text = text.replace("  subtitle: ", "  subtitel: ", 1)  # a misspelt key near the top
    text = re.sub(r"(?m)^(\s+text: )(.*)$", lambda m: m.group(1) + "Note **never closed " + m.group(2), text, count=1)
    guide.write_text(text, "utf-8")
    checklist = project / "content" / "checklist.yaml"
    checklist.write_text(re.sub(r"(?m)^(\s+)questions:", r"\1questionz:", checklist.read_text("utf-8"), count=1),
                         "utf-8")
    assert run_cli("build", root=project) == 1
    err = capsys.readouterr().err.splitlines()
    assert any("subtitel: unknown key; did you mean 'subtitle'?" in l for l in err), err
    assert any("'**' at character" in l and "never closed" in l for l in err), err
    assert any(l.startswith("error: content/checklist.yaml:") and "questionz" in l for l in err), err
    assert all(re.match(r"^error: content/\w+\.yaml:\d+: ", l) for l in err), err


def test_every_problem_of_a_clinic_profile_is_reported_in_one_run(tmp_path, capsys):
    from conftest import ROOT

    profile = tmp_path / "clinic.yaml"
    profile.write_text("name: City clinic\nphone: call us\nemail: nobody\naccent: '#ffffff'\nwebsite: http://x.org\n"
                       "colour: blue\n", "utf-8")
    assert run_cli("build", "--clinic", str(profile), root=ROOT, out=tmp_path / "dist") == 1
    err = capsys.readouterr().err.splitlines()
    for key, line in (("phone", 2), ("email", 3), ("accent", 4), ("website", 5), ("colour", 6)):
        assert any(l.startswith(f"error: {profile}:{line}: {key}: ") for l in err), (key, err)
    assert not list((tmp_path / "dist").rglob("*.pdf"))


def test_a_bug_is_one_line_and_exit_status_2_with_the_traceback_under_debug(project, tmp_path, capsys, monkeypatch):
    from generator.layout import guide

    def broken(request, path):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(guide, "render_guide", broken)
    assert run_cli("build", root=project, out=tmp_path / "a") == 2
    err = capsys.readouterr().err
    assert "error: internal error (a bug in msguide, please report it): ZeroDivisionError: a bug" in err
    assert "Traceback" not in err
    from generator.cli import main

    assert main(["--debug", "build", "--root", str(project), "--out", str(tmp_path / "b")]) == 2
    assert "Traceback (most recent call last)" in capsys.readouterr().err


def test_a_translation_without_a_glyph_is_found_once_for_all_its_documents(project, capsys, tmp_path):
    po = project / "locales" / "fr.po"
    text = po.read_text("utf-8")
    text = re.sub(r'(msgctxt "cover.subtitle"\nmsgid (?:".*"\n)+)msgstr (?:".*"\n)+',
                  lambda m: m.group(1) + 'msgstr "Avant de décider \u2603"\n', text, count=1)
    po.write_text(text, "utf-8")
    assert run_cli("build", "--locale", "fr", "--document", "guide", "--document", "booklet", "--document", "html",
                   root=project, out=tmp_path / "d") == 1
    captured = capsys.readouterr()
    lines = [l for l in captured.err.splitlines() if "U+2603" in l]
    assert len(lines) == 1 and re.match(r"^error: locales/fr\.po:\d+: cover\.subtitle: no shipped font", lines[0])
    assert len(re.findall(r"^failed ", captured.out, re.M)) == 3  # the web edition too: the check is not the PDF renderer's
    assert i18n(project, "check", "fr") == 1
    assert any("U+2603" in l for l in capsys.readouterr().out.splitlines())


# --- fonts and logos: bounded work -----------------------------------------------------------------


def _font(name="NotoSans-Regular.ttf") -> bytearray:
    from conftest import ROOT

    return bytearray((ROOT / "fonts" / name).read_bytes())


def _table(data: bytes, tag: bytes) -> tuple[int, int]:
    import struct

    count = struct.unpack_from(">H", data, 4)[0]
    for i in range(count):
        t, _, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        if t == tag:
            return offset, length
    raise KeyError(tag)


def _format4(data: bytes) -> int:
    """The offset of the font's first cmap format 4 subtable."""
    import struct

    start, _ = _table(data, b"cmap")
    for i in range(struct.unpack_from(">H", data, start + 2)[0]):
        sub = start + struct.unpack_from(">I", data, start + 4 + 8 * i + 4)[0]
        if struct.unpack_from(">H", data, sub)[0] == 4:
            return sub
    raise KeyError("format 4")


def test_a_cmap_whose_segments_overlap_is_refused_before_reportlab_loops_over_them():
    """ReportLab's parser walks every code point of every segment: overlapping segments of the whole
    range would take hours. The structure check refuses them."""
    import struct

    from generator.source.fontfile import font_problem

    data = _font()
    assert font_problem(bytes(data)) is None
    sub = _format4(data)
    segments = struct.unpack_from(">H", data, sub + 6)[0] // 2
    starts = sub + 16 + 2 * segments
    for n in range(segments - 1):  # every segment from U+0000 to its end
        struct.pack_into(">H", data, starts + 2 * n, 0)
    assert "segments out of order or overlapping" in font_problem(bytes(data))


@pytest.mark.parametrize("damage, problem", [
    (lambda d: d[:0], "the file is empty"),
    (lambda d: d[:11], "the file is only 11 bytes (truncated?)"),
    (lambda d: b"wOFF" + d[4:], "a WOFF web font; msguide needs TrueType (.ttf) outlines"),
    (lambda d: d[:4] + b"\x03\xe8" + d[6:], "1000 tables in its directory (expected 1 to 64)"),
    (lambda d: d[: len(d) // 3], "table"),  # some table runs past the end
])
def test_a_damaged_font_is_one_clear_problem(damage, problem):
    from generator.source.fontfile import font_problem

    found = font_problem(bytes(damage(bytes(_font()))))
    assert found is not None and (found == problem or found.startswith(problem)), found


def test_a_composite_glyph_naming_a_missing_glyph_is_refused():
    import struct

    from generator.source.fontfile import font_problem

    data = _font("AtkinsonHyperlegible-Regular.ttf")
    glyf, _ = _table(data, b"glyf")
    loca, _ = _table(data, b"loca")
    head, _ = _table(data, b"head")
    maxp, _ = _table(data, b"maxp")
    long_loca = struct.unpack_from(">h", data, head + 50)[0]
    glyphs = struct.unpack_from(">H", data, maxp + 4)[0]
    fmt, scale = (">I", 1) if long_loca else (">H", 2)
    size = struct.calcsize(fmt)
    for gid in range(glyphs):
        start = glyf + struct.unpack_from(fmt, data, loca + size * gid)[0] * scale
        end = glyf + struct.unpack_from(fmt, data, loca + size * (gid + 1))[0] * scale
        if end - start >= 14 and struct.unpack_from(">h", data, start)[0] < 0:
            struct.pack_into(">H", data, start + 12, glyphs + 5)  # its first component
            break
    else:
        pytest.fail("no composite glyph in the font")
    assert f"uses glyph {glyphs + 5}, which does not exist" in font_problem(bytes(data))


def _progressive_jpeg(size=(64, 64), repeats=0) -> bytes:
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", size, (20, 80, 60)).save(buf, "JPEG", progressive=True, quality=90)
    data = buf.getvalue()
    last, end = data.rfind(b"\xff\xda"), data.rfind(b"\xff\xd9")
    return data[:end] + data[last:end] * repeats + data[end:]


def test_jpeg_scans_are_counted_before_decoding():
    from generator.source.logo import MAX_JPEG_SCANS, jpeg_problem

    assert jpeg_problem(_progressive_jpeg()) is None
    assert jpeg_problem(_progressive_jpeg(repeats=MAX_JPEG_SCANS - 10)) is None
    assert "more than 32 scans" in jpeg_problem(_progressive_jpeg(repeats=MAX_JPEG_SCANS))


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the child process needs fork()")
def test_a_logo_that_takes_too_long_to_decode_is_cut_off(monkeypatch):
    """Whatever slips past the counts: decoding runs in a child with a CPU limit. A 12 Mpx progressive
    JPEG with its last scan repeated 600 times (let through here) would decode for minutes."""
    import time

    from generator.source import logo

    monkeypatch.setattr(logo, "MAX_JPEG_SCANS", 10_000)
    monkeypatch.setattr(logo, "DECODE_CPU_SECONDS", 1)
    bomb = _progressive_jpeg((4000, 2900), repeats=600)
    assert len(bomb) < logo.MAX_LOGO_BYTES
    started = time.monotonic()
    with pytest.raises(logo.LogoProblem, match="took more than 1 s of CPU"):
        logo.decode_logo(bomb)
    assert time.monotonic() - started < 5


def test_a_good_logo_decodes_the_same_in_the_child():
    from generator.source import logo

    data = _progressive_jpeg((300, 120))
    assert logo.decode_logo(data) == logo._decode(data)
