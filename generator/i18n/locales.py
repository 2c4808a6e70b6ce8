"""What a language needs beyond its strings: tag, own name, script, direction, paper (Babel/CLDR)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import MsguideError, excerpt

# CLDR supplementalData.xml, <measurementData>: <paperSize type="US-Letter" territories="…"/>; A4 elsewhere.
# Babel does not ship this table, so it is copied here.
LETTER_TERRITORIES = frozenset("BZ CA CL CO CR GT MX NI PA PH PR SV US VE".split())
LOCALE_RE = re.compile(r"^[a-z]{2,3}(?:_[A-Z][a-z]{3})?(?:_(?:[A-Z]{2}|[0-9]{3}))?$")


def paper_for_territory(territory: str | None) -> str:
    """The sheet a territory's printers are loaded with.

    >>> paper_for_territory("US"), paper_for_territory("MX"), paper_for_territory("FR"), paper_for_territory(None)
    ('letter', 'letter', 'a4', 'a4')
    """
    return "letter" if territory and territory.upper() in LETTER_TERRITORIES else "a4"


@dataclass(frozen=True)
class LocaleInfo:
    code: str  # as in file names: en, pt_BR
    tag: str  # BCP 47 for PDF /Lang and HTML lang: en, pt-BR
    name: str  # in its own language
    english_name: str
    script: str  # ISO 15924: Latn, Cyrl, Arab
    territory: str
    direction: str  # ltr | rtl
    paper: str  # a4 | letter


def _script_and_territory(code: str) -> tuple[str, str]:
    """A locale's script and territory, as written or from CLDR's likely subtags (no locale data loaded)."""
    from babel.core import get_global

    parts = code.split("_")
    likely = get_global("likely_subtags").get(parts[0], code).split("_")
    script = next((p for p in parts[1:] if len(p) == 4), None) or next((p for p in likely[1:] if len(p) == 4), "Latn")
    territory = next((p for p in parts[1:] if len(p) == 2 or p.isdigit()), None) or \
        next((p for p in likely[1:] if len(p) == 2 or p.isdigit()), "001")
    return script, territory


def paper_for_locale(code: str) -> str:
    """The sheet a locale's territory prints on, without loading the locale's CLDR data (the incremental
    build asks it of every locale before deciding that nothing needs building).

    >>> paper_for_locale("en"), paper_for_locale("fr"), paper_for_locale("es_MX")
    ('letter', 'a4', 'letter')
    """
    return paper_for_territory(_script_and_territory(code)[1])


def locale_info(code: str) -> LocaleInfo:
    """Facts about a locale from CLDR; raise MsguideError for a code Babel does not know.

    >>> info = locale_info("pt_BR"); (info.tag, info.script, info.territory, info.paper)
    ('pt-BR', 'Latn', 'BR', 'a4')
    >>> locale_info("en").paper
    'letter'
    """
    from babel import Locale, UnknownLocaleError

    if not LOCALE_RE.match(code):
        raise MsguideError(None, f"{excerpt(code)} is not a locale code such as fr or pt_BR")
    try:
        loc = Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        raise MsguideError(None, f"unknown locale {excerpt(code)}") from None
    script, territory = _script_and_territory(code)
    return LocaleInfo(
        code=code,
        tag=code.replace("_", "-"),
        name=loc.get_display_name(loc) or code,
        english_name=loc.get_display_name("en") or code,
        script=script,
        territory=territory,
        direction=loc.text_direction,
        paper=paper_for_territory(territory),
    )
