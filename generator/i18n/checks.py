"""`msguide i18n check`: every problem in a PO file, collected rather than fail-fast (like Babel's
checkers.py), each as `locales/fr.po:123: …`."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Callable, Iterator

from ..source import content as c
from ..source import markup
from ..source.project import Project
from ..errors import MsguideError
from .localise import translation_problem
from .pofile import PoEntry, read_po

# Texts that may rightly equal the English: names and titles of sources kept as published.
_MAY_EQUAL_SOURCE = (".publisher", ".title")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")


def check_catalog(content: c.Content, project: Project, path: Path) -> Iterator[str]:
    shown = project.shown(path)
    if not path.is_file():
        yield f"{shown}: no such file"
        return
    po = read_po(path, shown)
    for line, message in po.errors:
        yield f"{shown}:{line}: {message}"
    texts = {t.id: t for t in content.texts()}
    fits = _fit_rules(content, project, path.stem)
    for e in po.entries:
        if e.obsolete or e.msgctxt is None:
            continue
        for problem in _entry_problems(e, texts.get(e.msgctxt), fits):
            yield f"{shown}:{e.line}: {e.msgctxt}: {problem}"


def _entry_problems(e: PoEntry, text: c.Text | None, fits) -> Iterator[str]:
    if text is None:
        yield "not in the content any more (run `msguide i18n update`)"
        return
    if e.msgid != text.source:
        yield "translates an older English text (run `msguide i18n update`)"
    if e.msgstr == "":
        return
    if not e.msgstr.strip():
        yield "translation is only white space"
        return
    problem = translation_problem(e.msgid, e.msgstr)
    if problem:
        yield problem
    tags = set(_TAG.findall(e.msgstr)) - set(_TAG.findall(e.msgid))
    if tags:
        yield f"{sorted(tags)[0]} is not our markup: it would be printed as text (use **bold**, *italic*)"
    if (e.msgstr == e.msgid and len(e.msgid.split()) >= 3 and not e.msgctxt.endswith(_MAY_EQUAL_SOURCE)
            and not e.fuzzy):
        yield "same as the English: translate it, or leave it empty so the build counts it as missing"
    rule = fits.get(e.msgctxt)
    if rule is not None and not problem:
        verdict = rule(e.msgstr)
        if verdict:
            yield verdict


def _fit_rules(content: c.Content, project: Project, locale: str) -> dict[str, Callable[[str], str | None]]:
    """Per message ID, a check that the translation fits its fixed box, measured with the real font."""
    from reportlab.platypus import Paragraph

    from ..layout.fonts import font_set
    from .locales import locale_info
    from ..layout.pages import guide_page_size, sheet_size
    from ..layout.theme import Theme

    try:
        info = locale_info(locale)
        fonts = font_set(project.fonts_dir, info.script)
    except MsguideError:
        return {}
    theme = Theme(body_font=fonts.body)
    s = theme.body_size
    guide_w = guide_page_size(info.paper)[0] - 2 * theme.margin
    rules: dict[str, Callable[[str], str | None]] = {}

    def cover_title(msgstr: str) -> str | None:
        style = theme.styles()["cover_title"]
        p = Paragraph(markup.to_reportlab(markup.parse(msgstr), fonts.family_for), style)
        p.wrap(guide_w, 10_000)
        lines = len(p.blPara.lines)
        return f"cover title takes {lines} lines; at most 3 fit on the cover" if lines > 3 else None

    rules["cover.title"] = cover_title
    # Diagram labels need no rule: a label too long for the row switches the diagram to a column.
    cl_theme = Theme(body_font=fonts.body, body_size=11)
    col = (sheet_size(info.paper)[0] - 2 * 17 * 2.8346 - cl_theme.body_size) / 2
    from reportlab.pdfbase.pdfmetrics import stringWidth

    size = cl_theme.body_size * 0.9
    for field in content.checklist.fields:
        rules[field.id] = lambda t, col=col: None if stringWidth(t, fonts.bold(), size) <= col else \
            f"field label is {stringWidth(t, fonts.bold(), size):.0f} pt wide; the column is {col:.0f} pt"
    for key in ("ui.careteam.specialist", "ui.careteam.nurse", "ui.careteam.doctor", "ui.careteam.center"):
        rules[key] = lambda t: None if stringWidth(t, fonts.bold(), s) <= guide_w else "label wider than the page"
    return rules
