"""The reach into python-bidi's internals, and nothing else. Written against python-bidi 0.6 (a binding of
the Rust unicode-bidi crate); the contract test (tests/test_adapters.py) names the version when it breaks.

python-bidi offers the display order of a line but not the embedding levels we need to lay out styled
runs (several fonts, links) ourselves. Its `get_display(debug=True)` prints the levels it resolved,
one per UTF-8 byte; this module reads them from there. The other bindings were weighed: PyICU needs ICU's
C++ library and headers to build, and python-bidi's own pure-Python `bidi.algorithm` lacks the
paired-bracket rule (N0) that keeps "(Lemtrada®)" whole in Arabic."""
from __future__ import annotations

import re

WRITTEN_AGAINST = "0.6"
_LEVELS = re.compile(r"levels: \[(.*?)\n    \]", re.S)
_LEVEL = re.compile(r"Level\(\s*(\d+),?\s*\)")


def embedding_levels(text: str, rtl: bool) -> list[int]:
    """Resolved bidi embedding level of every character (UAX #9, including the paired-bracket rule N0).

    >>> embedding_levels("ab", rtl=False)
    [0, 0]
    >>> embedding_levels("\u0627 (x) \u0628", rtl=True)
    [1, 1, 1, 2, 1, 1, 1]
    """
    from bidi import get_display

    info = get_display(text, base_dir="R" if rtl else "L", debug=True)
    found = _LEVELS.search(info)
    if found is None:
        raise RuntimeError("python-bidi's debug output changed: no levels found")
    per_byte = [int(v) for v in _LEVEL.findall(found.group(1))]
    levels, offset = [], 0
    for ch in text:
        levels.append(per_byte[offset])
        offset += len(ch.encode("utf-8"))
    if offset != len(per_byte):
        raise RuntimeError("python-bidi's debug output changed: levels do not match the text")
    return levels
