"""Shared fixtures: a scratch copy of the project, and the real documents built once per session."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
collect_ignore = ["hostile_runner.py"]  # a script run in a subprocess, not a module to import

# The per-user font cache of this test run: its own folder, never the user's (~/.cache/msguide), so a run
# neither depends on nor changes what earlier builds cached. Subprocesses inherit it.
import os  # noqa: E402
import tempfile  # noqa: E402

FONT_CACHE = Path(tempfile.mkdtemp(prefix="msguide-test-cache-"))
os.environ["MSGUIDE_CACHE_DIR"] = str(FONT_CACHE)


def copy_project(dest: Path) -> Path:
    """A project folder with the real content, fonts and locales, safe to break."""
    for name in ("content", "fonts", "locales"):
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, dest / name)
    return dest


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def same_message(actual: str, expected: str) -> bool:
    """Case folders give the exact line msguide prints; a part worded by a third party (PyYAML's reason
    for a syntax error) is written as a trailing "…", which matches any text: the file, line and our
    own words are what a test pins, never another library's sentence. A leading "…" matches any start."""
    if expected.endswith("…"):
        return actual.startswith(expected[:-1]) and len(actual) > len(expected) - 1
    if expected.startswith("…"):  # the end of a line whose start holds counts that change with the content
        return actual.endswith(expected[1:]) and len(actual) > len(expected) - 1
    return actual == expected


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
    from generator.source.content import load_content

    from generator.source.project import Project

    return load_content(Project(ROOT))


# --- a clean tree ---------------------------------------------------------------------------------
# Tests write only under their temporary folders. A file left in the checkout by a test run (a report
# written to a path taken for a flag, a build into ./dist) fails the run, naming the file.


def _tree_state() -> set[str] | None:
    import subprocess

    try:
        out = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=all"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    if out.returncode != 0:
        return None  # not a git checkout (an sdist): nothing to compare
    return {line[3:] for line in out.stdout.splitlines()
            if "__pycache__/" not in line and ".pytest_cache" not in line}


def pytest_sessionstart(session):
    session.config._tree_before = _tree_state()


def pytest_unconfigure(config):
    shutil.rmtree(FONT_CACHE, ignore_errors=True)


def pytest_sessionfinish(session, exitstatus):
    before = getattr(session.config, "_tree_before", None)
    after = _tree_state()
    if before is None or after is None:
        return
    left = sorted(after - before)
    if left:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line(f"ERROR: the test run left files in the checkout: {', '.join(left[:10])}", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
