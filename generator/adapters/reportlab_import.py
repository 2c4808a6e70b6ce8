"""Importing ReportLab for less: part of the ReportLab adapter, in a module of its own because it must
act before ReportLab is first imported (it imports nothing of ReportLab itself).

Written against ReportLab 5.1 (contract: tests/test_adapters.py). Importing `reportlab.platypus` costs
about a third of a one-document build's start-up, mostly in work msguide never uses:
- its modules compile some 150 regular expressions at import (a URL pattern spanning all of Unicode,
  hyphenation classes, …), most of which a build never matches; compiled instead on first use, the same
  patterns give the same results;
- `reportlab.lib.utils` imports Pillow and `reportlab.pdfbase.ttfonts` imports uharfbuzz eagerly, though a
  left-to-right document without a logo needs neither: both are imported at their first use instead.

`prepare()` installs this once; the packages that use ReportLab (layout/, pdf/) call it first thing."""
from __future__ import annotations

import importlib.abc
import importlib.util
import re
import sys
import types

_real_compile = re.compile
_installed = False


class _LazyPattern:
    """A compiled pattern that compiles on first use; every attribute is the real pattern's."""

    __slots__ = ("_args", "_pattern")

    def __init__(self, args):
        self._args = args
        self._pattern = None

    def _real(self):
        if self._pattern is None:
            self._pattern = _real_compile(*self._args)
        return self._pattern

    def __getattr__(self, name):
        return getattr(self._real(), name)

    def __repr__(self):
        return repr(self._real())


def _compile(pattern, flags=0):
    """re.compile while a ReportLab module is being imported: lazy for that module's own module-level
    patterns, the real thing for everyone else (the caller's frame says which)."""
    caller = sys._getframe(1)
    if caller.f_code.co_name == "<module>" and caller.f_globals.get("__name__", "").startswith("reportlab"):
        return _LazyPattern((pattern, flags))
    return _real_compile(pattern, flags)


class _Loader(importlib.abc.Loader):
    def __init__(self, loader):
        self.loader = loader

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module):
        before, re.compile = re.compile, _compile
        try:
            self.loader.exec_module(module)
        finally:
            re.compile = before

    def __getattr__(self, name):  # get_code, get_source, is_package, … as the real loader has them
        return getattr(self.loader, name)


class _Finder(importlib.abc.MetaPathFinder):
    """Finds ReportLab's modules as usual, and runs each with lazy module-level patterns."""

    def find_spec(self, name, path, target=None):
        if not name.startswith("reportlab.") or name.startswith("reportlab.graphics"):
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None:
                if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                    spec.loader = _Loader(spec.loader)
                return spec
        return None


class _OnFirstUse(types.ModuleType):
    """Stands in sys.modules for a module until something uses it: then the real module is imported and
    every attribute is the real module's. (importlib.util.LazyLoader cannot do this on Python 3.11: the
    import statement itself reads the module's __spec__, which makes it load.)"""

    def __init__(self, name: str, spec):
        super().__init__(name)
        self.__spec__ = spec
        self.__loader__ = spec.loader

    def __getattr__(self, attr):
        real = sys.modules.get(self.__name__)
        if real is self or real is None:
            del sys.modules[self.__name__]
            real = importlib.import_module(self.__name__)
            parent, _, child = self.__name__.rpartition(".")
            if parent and parent in sys.modules:
                setattr(sys.modules[parent], child, real)
        return getattr(real, attr)


def _lazy_module(name: str) -> None:
    """Have `name` imported at its first use rather than when ReportLab imports it."""
    if name in sys.modules:
        return
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return
    if spec is not None:
        sys.modules[name] = _OnFirstUse(name, spec)


def prepare() -> None:
    """Install the lazy imports, before ReportLab is first imported (later, it changes nothing)."""
    global _installed
    if _installed or "reportlab.platypus" in sys.modules:
        _installed = True
        return
    _installed = True
    _lazy_module("uharfbuzz")
    _lazy_module("PIL.Image")
    sys.meta_path.insert(0, _Finder())
