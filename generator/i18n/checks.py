"""The rules a translation is checked against, as small functions whose findings are collected (like
Babel's checkers.py): each gets the PO entry and the content text it translates and yields
(code, severity, message). Errors make a translation unusable; warnings are reported."""
from __future__ import annotations

import re
import unicodedata
from typing import Callable, Iterator

from ..source import content as c
from .localise import translation_problem
from .pofile import PoEntry

# Texts that may rightly equal the English: names and titles of sources kept as published.
_MAY_EQUAL_SOURCE = (".publisher", ".title")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")

Problem = tuple[str, str, str]  # code, severity, message
Rule = Callable[[PoEntry, c.Text], Iterator[Problem]]


def is_blank(msgstr: str) -> bool:
    """A translation that shows nothing translates nothing, and the English is shown: empty, white space
    of any kind, invisible format characters (zero-width space, word joiner, direction marks), or only
    bold and italic markers around those.

    >>> [is_blank(s) for s in ("", "  \\n", "\\u00a0\\u200b\\u2060", "** **", "*\\u3000*", "Oui", "…")]
    [True, True, True, True, True, False, False]
    """
    return all(ch.isspace() or ch in "*\\" or unicodedata.category(ch) == "Cf" for ch in msgstr)


def older_english(e: PoEntry, text: c.Text) -> Iterator[Problem]:
    if e.msgid != text.source:
        yield "i18n.fuzzy", "warning", "translates an older English text (run `msguide i18n update`)"


def blank(e: PoEntry, text: c.Text) -> Iterator[Problem]:
    if e.msgstr and is_blank(e.msgstr):
        yield "i18n.blank", "warning", "translation is only white space: the English is shown"


def safe(e: PoEntry, text: c.Text) -> Iterator[Problem]:
    """Placeholders, links and markup as the English has them (translations are untrusted). A fuzzy
    entry's translation is held to the English it was made for (`#| msgid`): a placeholder the new English
    adds is the translator's next task, not a fault, and the build does not show that translation anyway."""
    if is_blank(e.msgstr):
        return
    english = e.previous_msgid if e.fuzzy and e.previous_msgid is not None else e.msgid
    problem = translation_problem(english, e.msgstr)
    if problem:
        yield "i18n.unsafe", "error", problem


def foreign_tags(e: PoEntry, text: c.Text) -> Iterator[Problem]:
    tags = set(_TAG.findall(e.msgstr)) - set(_TAG.findall(e.msgid))
    if tags:
        yield ("i18n.markup", "warning",
               f"{sorted(tags)[0]} is not our markup: it would be printed as text (use **bold**, *italic*)")


def same_as_english(e: PoEntry, text: c.Text) -> Iterator[Problem]:
    if (e.msgstr == e.msgid and len(e.msgid.split()) >= 3 and not e.msgctxt.endswith(_MAY_EQUAL_SOURCE)
            and not e.fuzzy):
        yield ("i18n.same", "warning",
               "same as the English: translate it, or leave it empty so the build counts it as missing")


RULES: tuple[Rule, ...] = (older_english, blank, safe, foreign_tags, same_as_english)


def entry_problems(e: PoEntry, text: c.Text | None) -> Iterator[Problem]:
    """Every problem of one entry, rule by rule."""
    if text is None:
        yield "i18n.obsolete", "warning", "not in the content any more (run `msguide i18n update`)"
        return
    if e.msgstr == "":
        return
    for rule in RULES:
        yield from rule(e, text)
