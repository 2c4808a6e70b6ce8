"""Shared fixtures: a scratch copy of the project, and the real documents built once per session."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
collect_ignore = ["hostile_runner.py"]  # a script run in a subprocess, not a module to import


def copy_project(dest: Path) -> Path:
    """A project folder with the real content, fonts and locales, safe to break."""
    for name in ("content", "fonts", "locales"):
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, dest / name)
    return dest


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def run_cli(*args: str, root: Path, out: Path | None = None) -> int:
    from generator.cli import main

    argv = [args[0], "--root", str(root), "--out", str(out or root / "dist"), *args[1:]]
    return main(argv)


@pytest.fixture(scope="session")
def dist(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("dist")


@pytest.fixture(scope="session")
def guide_pdf(dist: Path) -> Path:
    """The English guide built from the real content."""
    assert run_cli("build", "--document", "guide", root=ROOT, out=dist) == 0
    return dist / "en" / "guide-en.pdf"


@pytest.fixture(scope="session")
def content():
    from generator.content import load_content

    return load_content(ROOT / "content", display_root=ROOT)
