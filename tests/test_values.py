"""A formatted value ({cost}, a date) is never split across lines, in any language: read back from the PDF
and from the web page."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, run_cli
from pages import normal, read

# locale -> (text, its placeholders): French money ("150 000 $US": U+202F then U+00A0), a Russian date
# ("21 ноября 2026 г.": U+202F before г.), German money ("150.000 $": U+00A0)
# and how often they are repeated (a translation may be 4 times as long as its English, at least 400 characters)
CASES = {"fr": ("cost.total", ["cost"], 20), "ru": ("sources.review", ["reviewed", "next_review"], 10),
         "de": ("cost.total", ["cost"], 20)}
FILLER = re.compile(r"ZQ\d+x*")


def formatted(locale: str, names: list[str]) -> list[str]:
    """Each value as Babel formats it for the locale, with whatever spaces it has."""
    from generator.i18n.localise import format_value
    from generator.source.content import load_content
    from generator.source.project import Project

    values = load_content(Project(ROOT)).guide.values
    return [format_value(values[name], locale) for name in names]


def set_msgstr(po: Path, ctx: str, value: str) -> None:
    text = po.read_text("utf-8")
    pattern = re.compile(r'(msgctxt "%s"\nmsgid ".*"\n)msgstr ".*"' % re.escape(ctx))
    assert pattern.search(text), ctx
    po.write_text(pattern.sub(lambda m: m.group(1) + f'msgstr "{value}"', text, count=1), "utf-8")


@pytest.mark.parametrize("locale", sorted(CASES))
def test_a_value_stays_on_one_line_wherever_the_line_breaks(locale, project, tmp_path, capsys):
    ctx, names, repeats = CASES[locale]
    values = formatted(locale, names)
    assert any(re.search(r"\s", v) for v in values)  # a value a line breaker could split
    # the values at every position of a line: fillers of growing length between them, marked ZQ<n>
    placeholders = " ".join("{%s}" % n for n in names)
    set_msgstr(project / "locales" / f"{locale}.po", ctx,
               "ZQ " + " ".join(f"{placeholders} ZQ{n}{'x' * (n % 7)}" for n in range(repeats)))
    assert run_cli("build", "--locale", locale, "--document", "guide", "--document", "html",
                   root=project, out=tmp_path) == 0

    lines = [normal("".join(g.ch for g in line.glyphs)) for page in read(tmp_path / locale / f"guide-{locale}.pdf")
             for line in page.lines if "ZQ" in "".join(g.ch for g in line.glyphs)]
    assert len(lines) >= 5  # the paragraph breaks again and again, beside a value or inside one
    pieces = {normal(p) for v in values for p in v.split()}
    for line in lines:
        rest = line
        for v in values:
            rest = rest.replace(normal(v), "|")
        rest = FILLER.sub("|", rest)
        assert not [p for p in pieces if p in rest], f"a value split across lines: {line!r}"

    # the web page: each value with no-break spaces only (a browser never breaks at U+00A0: UAX #14 GL)
    html = (tmp_path / locale / f"guide-{locale}.html").read_text("utf-8")
    paragraph = next(p for p in re.findall(r"<p\b[^>]*>(.*?)</p>", html, re.S) if f"ZQ{repeats - 1}" in p)
    for v in values:
        assert paragraph.count(re.sub(r"\s", "\u00a0", v)) == repeats, v
