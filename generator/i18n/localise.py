"""Content × locale: pick each text's translation (or the English), fill placeholders with values
formatted by Babel, and count what was missing."""
from __future__ import annotations

import re
import unicodedata
from typing import Mapping

from ..source import markup
from ..source.content import PLACEHOLDER_RE, Text, Value
from ..errors import ContentError, Origin
from .locales import LocaleInfo


def translation_problem(source: str, translated: str) -> str | None:
    """Why a translation cannot stand in for its source, or None. Translations are untrusted: they must
    keep the placeholders and the links of the English, and their markup must parse.

    >>> translation_problem("Costs {cost}.", "Coûte {prix}.")
    'placeholders differ: the English has {cost}, the translation has {prix}'
    >>> translation_problem("See [FACT](https://www.factglobal.org/).", "Voir [FACT](javascript:x).")
    "link 'javascript:x': only https: and mailto: links are allowed"
    """
    limit = max(4 * len(source), 400)
    if len(translated) > limit:
        return f"translation is {len(translated)} characters; at most {limit} for this text (4 times the English)"
    want, got = set(PLACEHOLDER_RE.findall(source)), set(PLACEHOLDER_RE.findall(translated))
    if want != got:
        fmt = lambda names: ", ".join("{%s}" % n for n in sorted(names)) or "none"
        return f"placeholders differ: the English has {fmt(want)}, the translation has {fmt(got)}"
    stray = re.search(r"[{}]", PLACEHOLDER_RE.sub("", translated))
    if stray:
        return f"stray {stray.group()!r}: placeholders look like {{name}}"
    try:
        runs = markup.parse(translated)
    except markup.MarkupSyntaxError as exc:
        return str(exc)
    if markup.links(runs) != markup.links(markup.parse(source)):
        return "links differ from the English: a translation may not add, drop or change links"
    return None


def sort_key(term: str) -> str:
    """A sort key that ignores accents and case, so a translated glossary is alphabetical too.

    >>> sorted(["Zèbre", "école", "Avion"], key=sort_key)
    ['Avion', 'école', 'Zèbre']
    """
    decomposed = unicodedata.normalize("NFKD", term)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


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
    loc = Locale.parse(locale)
    if loc.text_direction == "rtl":
        # "150,000 دولار أمريكي": the currency's name reads in the text's own direction, where a symbol such
        # as "US$" would be split by the bidi algorithm ("$US")
        return format_currency(value.amount, value.currency, locale=locale, format_type="name",
                               currency_digits=False)
    pattern = loc.currency_formats["standard"].pattern
    whole = value.amount == value.amount.to_integral_value()
    if whole:  # "$150,000", not "$150,000.00": the figure is an average, not an invoice
        pattern = re.sub(r"\.0+", "", pattern)
    return format_currency(value.amount, value.currency, format=pattern, locale=locale, currency_digits=not whole)


_SPACES = re.compile(r"[^\S\n]")  # every space character (U+0020, U+202F, U+2009, U+00A0 …), not a line break


def unbreakable(value: str) -> str:
    """A formatted value that no line breaker splits: every space in it a no-break space (U+00A0).
    Babel's French group separator and Russian "2026 г." use the narrow no-break space U+202F, at which
    ReportLab's Paragraph breaks lines (its word split treats U+202F as white space, and U+00A0 as white
    space too when a text holds no U+00A0); it never breaks at U+00A0 in a text that holds one, nor does
    our right-to-left breaker (spaces only) or a browser (UAX #14: U+00A0 is "glue").

    >>> unbreakable("150\u202f000\u00a0$US"), unbreakable("21 ноября 2026\u202fг.")
    ('150\xa0000\xa0$US', '21\xa0ноября\xa02026\xa0г.')
    """
    return _SPACES.sub("\u00a0", value)


class Localiser:
    """Resolves Texts for one locale from its checked catalog. English (no catalog) passes the source
    through. The catalog holds only usable translations (see translations.py): a text without one shows
    the English."""

    def __init__(self, info: LocaleInfo, values: Mapping[str, Value], catalog=None):
        self.info = info
        self.catalog = catalog  # translations.CatalogReport, or None for the source language
        self._values = {name: unbreakable(format_value(v, info.code)) for name, v in values.items()}

    def string(self, text: Text) -> str:
        """The string shown for `text`: its translation when usable, else the English."""
        if self.catalog is None:
            return text.source
        entry = self.catalog.translations.get(text.id)
        return entry.msgstr if entry is not None else text.source

    def state(self, text: Text) -> str:
        """translated | fuzzy (marked so, or made for an older English text) | untranslated | source."""
        if self.catalog is None:
            return "source"
        return self.catalog.states.get(text.id, "untranslated")

    def is_fallback(self, text: Text) -> bool:
        """Whether `text` is shown in English inside a translation (a span in another language)."""
        return self.catalog is not None and text.id not in self.catalog.translations

    def runs(self, text: Text, **args: str) -> list[markup.Run]:
        """The localised text as styled runs, placeholders filled."""
        source = self.string(text)
        try:
            runs = markup.parse(source)
        except markup.MarkupSyntaxError as exc:  # cannot happen: content and catalogs were checked
            raise ContentError(self.origin(text), f"{text.id}: {exc}") from None
        values = {**self._values, **args}

        def fill(m: re.Match) -> str:
            try:
                return values[m.group(1)]
            except KeyError:
                raise ContentError(text.origin, f"{text.id}: no value for {{{m.group(1)}}}") from None

        return [markup.Run(PLACEHOLDER_RE.sub(fill, r.text), r.bold, r.italic, r.href) for r in runs]

    def origin(self, text: Text) -> Origin:
        """Where the shown string comes from: the PO entry when translated, else the content file."""
        if self.catalog is not None and text.id in self.catalog.translations:
            return self.catalog.translations[text.id].origin or text.origin
        return text.origin

    def number(self, n: int) -> str:
        from babel.numbers import format_decimal

        return format_decimal(n, locale=self.info.code)

    def list_of(self, items: list[str]) -> str:
        """Items joined as the language writes a list ("a, b and c").

        >>> from generator.i18n.locales import locale_info
        >>> Localiser(locale_info("fr"), {}).list_of(["un", "deux", "trois"])
        'un, deux et trois'
        """
        from babel.lists import format_list

        return format_list(items, locale=self.info.code)

    def plain(self, text: Text, **args: str) -> str:
        return markup.plain(self.runs(text, **args))
