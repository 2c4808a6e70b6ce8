"""The hostile corpus (tests/cases/hostile/*): each case ends in one clear `file:line: …` error or in a
valid PDF with the hostile part neutralised; no file outside the project and Python is opened, no network
is touched, within 10 s and 1 GB per case. Adding a case is adding a folder:

    case.txt      `args: …` (default `build --document guide`): `build …`, `i18n …` or `api LOCALE DOCUMENT`
                  (the Python API, generator.build); then `expect: ok`, `expect: error <line>` or
                  `expect: status <N>`, and any number of
                    `text: <substring the first page must show>`, `no-text: <… must not show>`,
                    `output: <a line msguide prints>` (stdout or stderr; the output folder shown as dist),
                    `absent: <text no line may contain>` (what a refused file holds must not be echoed),
                  and `first: <args>`: a run before the one tested (edits above it are made before it, edits
                  below it after it), `env: NAME=VALUE`, `limit-fsize: BYTES` (a full disk: no file of the
                  tested run may grow past BYTES)
    subtitle.txt  text to put in the English cover subtitle (YAML-quoted by the harness)
    fr.txt        text to put in a French translation of the cover subtitle (PO-quoted by the harness)
    files/…       copied into the project as they are (content/, locales/, clinic/ …)
    output/…      copied into its output folder (dist/, which .gitignore keeps out of files/): an earlier
                  build's manifest, a killed build's temporary file
    edit: …       lines of case.txt that change a real file in place (see `_edit`): a case never carries a
                  copy of content/ or locales/, which would drift, nor a huge file, which is made here

Every case also checks that no temporary file is left behind, and an ok build that no text is drawn off
its page; a case that fails leaves the output folder as it was before the tested run.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import ROOT, copy_project, same_message
from tools import qpdf_ok

HERE = Path(__file__).parent
CASES = sorted(p for p in (HERE / "cases" / "hostile").iterdir() if p.is_dir())
ALLOWED_SCHEMES = ("https://", "mailto:")


def _yaml_quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # JSON strings are YAML double-quoted scalars


def _po_quote(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def _unescape(value: str) -> str:
    """\\n is a line break, \\uXXXX that character (a form feed, U+2028 …), \\\\ a backslash."""
    value = value.replace("\\\\", "\0").replace("\\n", "\n")
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), value).replace("\0", "\\")


def _places(text: str, places: dict[str, str]) -> str:
    """{line}, {end}, and {line+N}: the places an edit found, in an expectation."""
    return re.sub(r"\{(line|end)(?:\+(\d+))?\}",
                  lambda m: str(int(places[m.group(1)]) + int(m.group(2) or 0)) if m.group(1) in places else m.group(0),
                  text)


def _edit(project: Path, edits: list[tuple[str, str]], spec: dict) -> None:
    """Apply a case's edits to the real project's files, so a case never carries a copy that drifts:

        edit: locales/fr.po       the file the following lines change (a copy of the real one)
        find: TEXT                locate TEXT (first occurrence); {line} is its 1-based line
        find-re: REGEX            the same with a regular expression (multiline mode); with a group
                                  (?P<at>…), what it matched is what was found ({line} stays the match's)
        replace: TEXT             replace what was found (a later repeat: inserts after it)
        repeat: N TEXT            insert TEXT N times right after what was found
        append: TEXT              add TEXT at the end; {end} is the line of its first non-blank line
        pad-to: BYTES             add one comment line so the file is exactly BYTES long
        encode: utf-16            rewrite the file in another encoding (with its byte order mark)
        copy: SRC DST             copy SRC (in the case's folder) over DST (in the project)
        truncate: PATH BYTES      cut a real file (a font, say) to its first BYTES bytes

    TEXT may use \\n for a line break and \\uXXXX for any character. {line} and {end}, or {line+N} and
    {end+N} for a line further on, can be used in `expect:` and `output:`."""
    path, text, found = None, "", None
    places: dict[str, str] = {}

    def save():
        if path is not None:
            path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)

    for key, value in edits:
        if key == "edit":
            save()
            path = project / value
            text, found = path.read_text("utf-8"), None
        elif key in ("find", "find-re"):
            m = re.search(_unescape(value) if key == "find-re" else re.escape(_unescape(value)), text, re.M)
            assert m, f"{key}: {value!r} is not in {path.name} any more: update the case"
            found = m.span("at") if "at" in m.re.groupindex else m.span()
            places.setdefault("line", str(text[: m.start()].count("\n") + 1))
        elif key == "replace":
            assert found is not None, "replace: needs a find: before it"
            body = _unescape(value)
            text = text[: found[0]] + body + text[found[1]:]
            found = (found[0], found[0] + len(body))
        elif key == "append":
            body = _unescape(value)
            if not text.endswith("\n"):
                text += "\n"
            lead = len(body) - len(body.lstrip("\n"))  # {end}: the first line with something on it
            places.setdefault("end", str(text.count("\n") + 1 + lead))
            text += body
        elif key == "repeat":
            assert found is not None, "repeat: needs a find: before it"
            count, _, body = value.partition(" ")
            text = text[: found[1]] + _unescape(body) * int(count) + text[found[1]:]
        elif key == "pad-to":
            filler = "\n" if text.endswith("\n") else "\n\n"
            room = int(value) - len((text + filler).encode("utf-8")) - len("# \n")
            assert room >= 0, f"pad-to: {path.name} is already longer than {value} bytes"
            text += filler + "# " + "x" * room + "\n"
        elif key == "encode":
            save()
            text = text.encode(value)
            save()
            path = None
        elif key == "truncate":
            save()
            name, _, size = value.rpartition(" ")
            target = project / name
            target.write_bytes(target.read_bytes()[: int(size)])
            path = None
        elif key == "copy":
            save()
            src, _, dst = value.partition(" ")
            (project / dst).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(spec["case"] / src, project / dst)
            path = None
    save()
    spec["expect"] = _places(spec["expect"], places)  # not str.format: expectations quote braces of their own
    spec["output"] = [_places(line, places) for line in spec["output"]]


EDITS = ("edit", "find", "find-re", "replace", "repeat", "append", "pad-to", "encode", "copy", "truncate")


def prepare(case: Path, project: Path) -> tuple[dict, list[tuple[str, str]]]:
    """Copy the case's files into the project and make its edits; returns the spec and the edits to make
    after the `first:` run, if any."""
    spec = {"args": "build --document guide", "expect": "ok", "text": [], "no-text": [], "output": [], "absent": [],
            "first": None, "env": {}, "fsize": None, "case": case}
    edits: list[tuple[str, str]] = []
    later: list[tuple[str, str]] = []
    for line in (case / "case.txt").read_text("utf-8").split("\n"):
        key, _, value = line.partition(": ")
        if key in ("text", "no-text", "output", "absent"):
            spec[key].append(value)
        elif key in ("args", "expect", "first"):
            spec[key] = value
        elif key == "env":
            name, _, env_value = value.partition("=")
            spec["env"][name] = env_value
        elif key == "limit-fsize":
            spec["fsize"] = int(value)
        elif key in EDITS:
            (later if spec["first"] is not None else edits).append((key, value))
        elif line.strip():
            raise AssertionError(f"{case.name}/case.txt: unknown line {line!r}")
    for folder, into in ((case / "files", project), (case / "output", project / "dist")):
        if not folder.is_dir():
            continue
        for src in folder.rglob("*"):
            dst = into / src.relative_to(folder)
            dst.parent.mkdir(parents=True, exist_ok=True)
            if src.is_symlink():
                if dst.exists() or dst.is_symlink():
                    dst.unlink()
                os.symlink(os.readlink(src), dst)
            elif src.is_file():
                shutil.copyfile(src, dst)
            elif src.is_dir():
                dst.mkdir(parents=True, exist_ok=True)
    if (case / "subtitle.txt").is_file():
        guide = project / "content" / "guide.yaml"
        value = (case / "subtitle.txt").read_text("utf-8").rstrip("\n")
        guide.write_text(re.sub(r"(?m)^  subtitle: .*$", lambda m: "  subtitle: " + _yaml_quote(value),
                                guide.read_text("utf-8"), count=1), "utf-8")
    if (case / "fr.txt").is_file():
        po = project / "locales" / "fr.po"
        value = (case / "fr.txt").read_text("utf-8").rstrip("\n")
        text = po.read_text("utf-8")
        pattern = re.compile(r'(msgctxt "cover.subtitle"\nmsgid (?:".*"\n)+)msgstr (?:".*"\n)+')
        assert pattern.search(text)
        po.write_text(pattern.sub(lambda m: m.group(1) + f'msgstr "{_po_quote(value)}"\n', text, count=1), "utf-8")
    _edit(project, edits, spec)
    return spec, later


# ReportLab reads its per-user settings at import (documented in SECURITY.md): the build machine's home is
# trusted, the project's inputs are not.
RL_SETTINGS = {os.path.expanduser("~/.reportlab_settings"), os.path.expanduser("~/.reportlab_mods")}


def allowed_open(path: str, project: Path) -> bool:
    p = os.path.realpath(os.path.join(project, path)) if not path.startswith("/dev/") else path
    if p in RL_SETTINGS:
        return True
    roots = [str(project), str(ROOT / "generator"), sys.prefix, sys.base_prefix, os.path.realpath(sys.base_prefix),
             os.path.realpath(os.environ["MSGUIDE_CACHE_DIR"])]  # the run's font cache (conftest.py)
    return any(p == r or p.startswith(r.rstrip("/") + "/") for r in roots) or p in ("/dev/null", "/dev/urandom") \
        or p.startswith(("/proc/self/", "/etc/localtime", "/usr/share/zoneinfo/", "/usr/lib/python3"))


def _command(args: list[str], project: Path, dist: Path) -> list[str]:
    """The command line for the runner: build gets the project, the output folder and one worker; i18n
    the project; `api` is the Python API."""
    if args[0] == "build":
        return ["build", "--root", str(project), "--out", str(dist), "--jobs", "1", *args[1:]]
    if args[0] == "i18n":
        return ["i18n", "--root", str(project), *args[1:]]
    if args[0] == "api":
        return ["api", str(project), str(dist), *args[1:]]
    raise AssertionError(f"unknown command {args[0]!r}")


def _snapshot(dist: Path) -> dict[str, bytes]:
    """Every file of the output folder (temporary files aside: a case may plant stale ones)."""
    return {p.relative_to(dist).as_posix(): p.read_bytes() for p in dist.rglob("*")
            if p.is_file() and not p.name.endswith(".tmp")} if dist.is_dir() else {}


def _run_case(case: Path, folder: Path):
    """Prepare one case in `folder` and run msguide on it in a limited subprocess (twice with `first:`)."""
    project = copy_project(folder / "project")
    spec, later = prepare(case, project)
    dist = project / "dist"
    report = folder / "report.json"
    env = {**os.environ, "PYTHONPATH": str(ROOT), **spec["env"]}

    def run(args: str, fsize: int | None = None):
        limits = ["--fsize", str(fsize)] if fsize else []
        cmd = [sys.executable, str(HERE / "hostile_runner.py"), str(report), *limits,
               *_command(args.split(), project, dist)]
        return subprocess.run(cmd, cwd=project, capture_output=True, text=True, timeout=10, env=env)

    if spec["first"] is not None:
        first = run(spec["first"])
        assert first.returncode == 0, first.stderr
        _edit(project, later, spec)
    before = _snapshot(dist)
    started = time.monotonic()
    proc = run(spec["args"], spec["fsize"])
    return spec, project, dist, report, proc, time.monotonic() - started, before


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Every case, run side by side (one subprocess per core): each is its own process with its own
    limits, so running them together changes nothing but the wall time."""
    from concurrent.futures import ThreadPoolExecutor

    workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    pool = ThreadPoolExecutor(max_workers=max(1, workers))
    futures = {case.name: pool.submit(_run_case, case, tmp_path_factory.mktemp(case.name)) for case in CASES}
    yield futures
    pool.shutdown(wait=True, cancel_futures=True)


def _text_off_page(pdf: Path) -> list[str]:
    """Text that pdfium (Chrome's PDF engine) finds outside its page's media box, as `page N: text`."""
    import pypdfium2

    off = []
    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        for n, page in enumerate(doc, start=1):
            left, bottom, right, top = page.get_mediabox()
            text = page.get_textpage()
            for i in range(text.count_rects()):
                l, b, r, t = text.get_rect(i)
                if l < left - 1 or r > right + 1 or b < bottom - 1 or t > top + 1:
                    off.append(f"page {n}: {text.get_text_bounded(l, b, r, t)[:40]!r}")
            text.close()
            page.close()
    finally:
        doc.close()
    return off


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_input(case: Path, runs):
    spec, project, dist, report, proc, elapsed, before = runs[case.name].result()
    facts = json.loads(report.read_text())
    assert elapsed < 10
    assert facts["network"] == [], facts["network"]
    outside = sorted({p for p in facts["opened"] if not allowed_open(p, project) and p != str(report)})
    assert outside == [], f"opened outside the project: {outside}"
    assert "Traceback" not in proc.stderr, proc.stderr
    assert not [p for p in project.rglob("*.tmp")], "a temporary file was left behind"
    printed = (proc.stdout + proc.stderr).replace(str(dist), "dist").splitlines()
    for expected in spec["output"]:
        assert any(same_message(line, expected) for line in printed), (expected, printed[-20:])
    for text in spec["absent"]:
        assert not [line for line in printed if text in line], f"{text!r} was printed"
    errors = [l.replace(str(dist), "dist") for l in proc.stderr.splitlines() if l.startswith("error: ")]
    if spec["expect"].startswith("error "):
        assert proc.returncode == 1, proc.stdout + proc.stderr
        assert errors and same_message(errors[0], "error: " + spec["expect"][len("error "):]), proc.stderr
        assert len(set(errors)) == 1, proc.stderr  # one problem, reported once
        assert _snapshot(dist) == before, "a failed run changed the output folder (a half-written set?)"
        return
    if spec["expect"].startswith("status "):
        assert proc.returncode == int(spec["expect"].split()[1]), proc.stdout + proc.stderr
        return
    assert spec["expect"] == "ok", spec["expect"]
    assert proc.returncode == 0, proc.stderr
    if spec["args"].split()[0] == "i18n":
        return
    pdfs = sorted(dist.rglob("*.pdf"))
    assert pdfs
    for pdf in pdfs:
        assert qpdf_ok(pdf), pdf
        assert _text_off_page(pdf) == [], pdf
        reader = PdfReader(pdf)
        for page in reader.pages:
            for annot in page.get("/Annots", []) or []:
                a = annot.get_object()
                action = a.get("/A")
                if action is not None:
                    assert action.get("/S") in ("/URI", "/GoTo"), action
                    if action.get("/S") == "/URI":
                        assert str(action["/URI"]).startswith(ALLOWED_SCHEMES), action["/URI"]
            xobjects = page["/Resources"].get("/XObject", {}) or {}
            images = [x for x in xobjects.values() if x.get_object().get("/Subtype") == "/Image"]
            assert not images or "clinic" in spec["args"], "an image appeared in the PDF"
        first = " ".join(reader.pages[0].extract_text().split())
        for expected in spec["text"]:
            assert expected in first, (expected, first[:300])
        for unexpected in spec["no-text"]:
            assert unexpected not in first, (unexpected, first[:300])
