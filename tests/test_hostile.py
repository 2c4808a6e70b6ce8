"""The hostile corpus (tests/cases/hostile/*): each case ends in one clear `file:line: …` error or in a
valid PDF with the hostile part neutralised; no file outside the project and Python is opened, no network
is touched, within 10 s and 1 GB per case. Adding a case is adding a folder:

    case.txt      `args: …` (default `build --document guide`), then `expect: ok` or `expect: error <line>`,
                  and for ok cases any number of `text: <substring the first page must show>`
    subtitle.txt  text to put in the English cover subtitle (YAML-quoted by the harness)
    fr.txt        text to put in a French translation of the cover subtitle (PO-quoted by the harness)
    files/…       copied into the project as they are (content/, locales/, clinic/ …)
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

from conftest import ROOT, copy_project

HERE = Path(__file__).parent
CASES = sorted(p for p in (HERE / "cases" / "hostile").iterdir() if p.is_dir())
ALLOWED_SCHEMES = ("https://", "mailto:")


def _yaml_quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # JSON strings are YAML double-quoted scalars


def _po_quote(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def prepare(case: Path, project: Path) -> dict:
    spec = {"args": "build --document guide", "expect": "ok", "text": []}
    for line in (case / "case.txt").read_text("utf-8").splitlines():
        key, _, value = line.partition(": ")
        if key == "text":
            spec["text"].append(value)
        elif key in ("args", "expect"):
            spec[key] = value
    if (case / "files").is_dir():
        for src in (case / "files").rglob("*"):
            dst = project / src.relative_to(case / "files")
            dst.parent.mkdir(parents=True, exist_ok=True)
            if src.is_symlink():
                if dst.exists() or dst.is_symlink():
                    dst.unlink()
                os.symlink(os.readlink(src), dst)
            elif src.is_file():
                shutil.copyfile(src, dst)
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
    return spec


# ReportLab reads its per-user settings at import (documented in SECURITY.md): the build machine's home is
# trusted, the project's inputs are not.
RL_SETTINGS = {os.path.expanduser("~/.reportlab_settings"), os.path.expanduser("~/.reportlab_mods")}


def allowed_open(path: str, project: Path) -> bool:
    p = os.path.realpath(os.path.join(project, path)) if not path.startswith("/dev/") else path
    if p in RL_SETTINGS:
        return True
    roots = [str(project), str(ROOT / "generator"), sys.prefix, sys.base_prefix, os.path.realpath(sys.base_prefix)]
    return any(p == r or p.startswith(r.rstrip("/") + "/") for r in roots) or p in ("/dev/null", "/dev/urandom") \
        or p.startswith(("/proc/self/", "/etc/localtime", "/usr/share/zoneinfo/", "/usr/lib/python3"))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_input(case: Path, tmp_path: Path):
    project = copy_project(tmp_path / "project")
    spec = prepare(case, project)
    dist = project / "dist"
    report = tmp_path / "report.json"
    args = spec["args"].split()
    cmd = [sys.executable, str(HERE / "hostile_runner.py"), str(report), args[0], "--root", str(project),
           "--out", str(dist), "--jobs", "1", *args[1:]]
    started = time.monotonic()
    proc = subprocess.run(cmd, cwd=project, capture_output=True, text=True, timeout=10,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    elapsed = time.monotonic() - started
    facts = json.loads(report.read_text())
    assert elapsed < 10
    assert facts["network"] == [], facts["network"]
    outside = sorted({p for p in facts["opened"] if not allowed_open(p, project) and p != str(report)})
    assert outside == [], f"opened outside the project: {outside}"
    errors = [l for l in proc.stderr.splitlines() if l.startswith("error: ")]
    if spec["expect"].startswith("error "):
        assert proc.returncode == 1, proc.stdout + proc.stderr
        assert errors and errors[0] == "error: " + spec["expect"][len("error "):], proc.stderr
        assert len(set(errors)) == 1, proc.stderr  # one problem, reported once
        assert "Traceback" not in proc.stderr
        assert not list(dist.rglob("*.pdf")), "no half-written output"
        return
    assert proc.returncode == 0, proc.stderr
    pdfs = sorted(dist.rglob("*.pdf"))
    assert pdfs
    for pdf in pdfs:
        check = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout
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
