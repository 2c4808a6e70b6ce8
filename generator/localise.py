"""Content × locale: pick each text's translation (or the English), fill placeholders with values
formatted by Babel, and count what was missing."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Mapping

from . import markup
from .content import PLACEHOLDER_RE, Text, Value
from .errors import ContentError
from .locales import LocaleInfo


@dataclass(frozen=True)
class Translation:
    """One catalog entry as the build uses it."""

    msgid: str
    msgstr: str
    fuzzy: bool = False


@dataclass
class Progress:
    """What the localiser had to fall back on, like Sphinx's TranslationProgressTotaliser."""

    total: int = 0
    untranslated: list[str] = field(default_factory=list)
    fuzzy: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.untranslated and not self.fuzzy


def format_value(value: Value, locale: str) -> str:
    """A value as the locale writes it.

    >>> from decimal import Decimal
    >>> format_value(Value("cost", "money", amount=Decimal(150000), currency="USD"), "en")
    '$150,000'
    >>> import datetime; format_value(Value("d", "date", date=datetime.date(2026, 11, 21)), "de")
    '21. November 2026'
    """
    from babel import Locale
    from babel.dates import format_date
    from babel.numbers import format_currency

    if value.kind == "date":
        return format_date(value.date, format="long", locale=locale)
    pattern = Locale.parse(locale).currency_formats["standard"].pattern
    whole = value.amount == value.amount.to_integral_value()
    if whole:  # "$150,000", not "$150,000.00": the figure is an average, not an invoice
        pattern = re.sub(r"\.0+", "", pattern)
    return format_currency(value.amount, value.currency, format=pattern, locale=locale, currency_digits=not whole)


class Localiser:
    """Resolves Texts for one locale. English (no catalog) passes the source through."""

    def __init__(self, info: LocaleInfo, values: Mapping[str, Value],
                 catalog: Mapping[str, Translation] | None = None):
        self.info = info
        self.catalog = catalog
        self.progress = Progress()
        self._values = {name: format_value(v, info.code) for name, v in values.items()}
        self._seen: set[str] = set()

    def source(self, text: Text) -> str:
        """The string to show for `text`: a current, non-fuzzy translation, else the English."""
        if text.id not in self._seen:
            self._seen.add(text.id)
            self.progress.total += 1
            self._count(text)
        if self.catalog is None:
            return text.source
        entry = self.catalog.get(text.id)
        if entry and entry.msgstr and not entry.fuzzy and entry.msgid == text.source:
            return entry.msgstr
        return text.source

    def _count(self, text: Text) -> None:
        if self.catalog is None:
            return
        entry = self.catalog.get(text.id)
        if entry is None or not entry.msgstr or entry.msgid != text.source:
            self.progress.untranslated.append(text.id)
        elif entry.fuzzy:
            self.progress.fuzzy.append(text.id)

    def runs(self, text: Text, **args: str) -> list[markup.Run]:
        """The localised text as styled runs, placeholders filled."""
        source = self.source(text)
        try:
            runs = markup.parse(source)
        except markup.MarkupSyntaxError as exc:
            raise ContentError(text.origin, f"{text.id}: {exc}") from None
        values = {**self._values, **args}

        def fill(m: re.Match) -> str:
            try:
                return values[m.group(1)]
            except KeyError:
                raise ContentError(text.origin, f"{text.id}: no value for {{{m.group(1)}}}") from None

        return [markup.Run(PLACEHOLDER_RE.sub(fill, r.text), r.bold, r.italic, r.href) for r in runs]

    def plain(self, text: Text, **args: str) -> str:
        return markup.plain(self.runs(text, **args))
