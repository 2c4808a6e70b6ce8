"""A pseudo-translation (like Sphinx's `xx`): accented and about 40 % longer, markup and placeholders intact,
so hard-coded English and layouts that cannot grow both show."""
from __future__ import annotations

import re

_ACCENTS = str.maketrans("aeiouAEIOUcnyC", "áéíóúÁÉÍÓÚçñýÇ")
_TOKENS = re.compile(r"(\{[a-z_]+\}|\]\([^)]*\)|\*\*|\*|\[|\]|\\.)")


def pseudo(text: str) -> str:
    out = []
    for part in _TOKENS.split(text):
        if not part or _TOKENS.fullmatch(part):
            out.append(part)
            continue
        words = part.split(" ")
        grown = [w.translate(_ACCENTS) + ("~" * max(1, round(len(w) * 0.4)) if len(w) > 2 else "") for w in words]
        out.append(" ".join(grown))
    return "".join(out)


def pseudo_po(pot_text: str) -> str:
    """Fill every msgstr of a PO template with the pseudo-translation of its msgid."""
    from babel.messages.pofile import read_po, write_po
    import io

    cat = read_po(io.StringIO(pot_text))
    cat.locale = None
    for msg in cat:
        if msg.id:
            msg.string = pseudo(msg.id)
            msg.flags.discard("fuzzy")
    buf = io.BytesIO()
    write_po(buf, cat, width=0)
    return buf.getvalue().decode("utf-8")


def pseudo_project(dest, locale: str = "eo"):
    """A copy of the project at `dest` whose template is extracted anew and pseudo-translated into
    locales/<locale>.po: the longest, most accented edition every layout test can build."""
    from conftest import copy_project
    from generator.cli import main

    project = copy_project(dest)
    assert main(["i18n", "--root", str(project), "extract"]) == 0
    pot = (project / "locales" / "messages.pot").read_text("utf-8")
    (project / "locales" / f"{locale}.po").write_text(pseudo_po(pot), "utf-8")
    return project
