"""The reach into pypdf's internals, and nothing else. Written against pypdf 7.1; the contract test
(tests/test_adapters.py) names the version when it breaks.

pypdf has no public call that adds a new object (a form XObject, a content stream) to a writer and
returns its indirect reference; `PdfWriter._add_object` is the one its own page code uses."""
from __future__ import annotations

WRITTEN_AGAINST = "7.1"


def add_object(writer, obj):
    """Add `obj` to the writer's file; returns its indirect reference."""
    return writer._add_object(obj)
