"""The set-up a fresh clone gets: the venv holds exactly what requirements.lock pins, and the system tools
the tests need are listed once (tests/tools.py) and installed by .ci/run and the README's line."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from tools import APT_PACKAGES


def locked() -> dict[str, str]:
    """name -> version for every entry of requirements.lock that applies to this interpreter."""
    from packaging.markers import Marker
    from packaging.utils import canonicalize_name

    pins = {}
    for line in (ROOT / "requirements.lock").read_text("utf-8").splitlines():
        m = re.match(r"^([A-Za-z0-9_.\-]+)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$", line)
        if m and (m.group(3) is None or Marker(m.group(3)).evaluate()):
            pins[canonicalize_name(m.group(1))] = m.group(2)
    return pins


def test_the_lock_pins_every_dependency_with_hashes():
    text = (ROOT / "requirements.lock").read_text("utf-8")
    entries = re.findall(r"^[A-Za-z0-9_.\-]+==\S+.*?(?=^\S|\Z)", text, re.M | re.S)
    assert len(entries) >= 15
    for entry in entries:
        assert "--hash=sha256:" in entry, entry.splitlines()[0]
    for name in ("reportlab", "pyyaml", "babel", "pytest", "setuptools", "pypdf"):
        assert name in locked(), name


@pytest.mark.skipif(Path(sys.prefix).resolve() != (ROOT / ".venv").resolve(),
                    reason="only in the venv that `make` creates from the lock")
def test_the_venv_holds_exactly_what_the_lock_pins():
    from importlib.metadata import distributions

    from packaging.utils import canonicalize_name

    installed = {canonicalize_name(d.metadata["Name"]): d.version for d in distributions()}
    installed.pop("msguide", None)  # the project itself, installed in place
    assert installed == locked()


def test_ci_and_readme_install_every_system_tool_the_tests_use():
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    readme = (ROOT / "README.md").read_text("utf-8")
    apt_line = next(l for l in readme.splitlines() if "apt-get install" in l)
    for package in APT_PACKAGES:
        assert re.search(rf"\b{re.escape(package)}\b", ci), f".ci/run does not install {package}"
        assert re.search(rf"\b{re.escape(package)}\b", apt_line), f"the README's apt-get line lacks {package}"


def test_version_flag(capsys):
    from generator import __version__
    from generator.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"msguide {__version__}"
