"""One pass over a locale's PO file, read once and used by everyone: the build, `i18n check`,
`i18n status`, the manifest and the download page all read the same report, so they cannot disagree.

The report holds the translations the build may use, the state of every content text (translated,
fuzzy, untranslated), the review record and every finding with its code and line."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Iterable, Mapping

from ..errors import Finding, Origin
from ..source.content import Content, Text
from .checks import entry_problems, is_blank
from .pofile import MAX_PO_BYTES, PoFile, parse_po

# PO header fields that once claimed a medical review. A translator writes the PO file, so they prove
# nothing: the review is a maintainer's record (review.py). They are ignored, with a warning.
REVIEW_BY = "X-Medical-Review-By"
REVIEW_DATE = "X-Medical-Review-Date"


@dataclass(frozen=True)
class Translation:
    """One usable catalog entry as the build uses it."""

    msgid: str
    msgstr: str
    origin: Origin | None = None


@dataclass(frozen=True)
class Review:
    """A locale's medical review: the maintainer's record (reviewer and date, None without one) and the
    texts whose translation changed since it was made. Done when there is a record and nothing changed."""

    reviewer: str | None
    date: dt.date | None
    changed: tuple[str, ...] = ()  # text ids, in content order

    @property
    def recorded(self) -> bool:
        return bool(self.reviewer) and self.date is not None

    @property
    def done(self) -> bool:
        return self.recorded and not self.changed

    def __str__(self) -> str:
        if not self.recorded:
            return "not reviewed"
        if self.changed:
            return (f"not reviewed: {len(self.changed)} changed since the review by {self.reviewer} "
                    f"on {self.date.isoformat()}")
        return f"reviewed by {self.reviewer} on {self.date.isoformat()}"


NO_REVIEW = Review(None, None)


def review_of(record, translations: Mapping[str, "Translation"], ids: Iterable[str]) -> Review:
    """The review state of the translations in use, against the maintainer's record (or None)."""
    from .review import changed_since, translation_hash

    if record is None:
        return NO_REVIEW
    current = {i: translation_hash(i, t.msgid, t.msgstr) for i, t in translations.items()}
    return Review(record.reviewer, record.date, changed_since(record, current, ids))


def header_claims(po: PoFile, shown: str) -> list[Finding]:
    """A warning when a PO header claims a review: it does not count."""
    claimed = [key for key in (REVIEW_BY, REVIEW_DATE) if po.header.get(key, "").strip()]
    if not claimed:
        return []
    return [Finding("i18n.review-header", Origin(shown, po.header_line),
                    f"{' and '.join(claimed)} in the PO header do{'es' if len(claimed) == 1 else ''} not count as a "
                    "medical review: a maintainer records one with `msguide i18n review <locale> --by NAME`",
                    "warning")]


@dataclass(frozen=True)
class Counts:
    translated: int
    fuzzy: int
    untranslated: int

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0

    @property
    def complete(self) -> bool:
        return self.translated == self.total


@dataclass(frozen=True)
class CatalogReport:
    """What a locale's PO file gives, checked once."""

    locale: str
    path: str  # as messages show it
    translations: Mapping[str, Translation]  # text id -> usable translation (current, not fuzzy, safe)
    states: Mapping[str, str]  # text id -> translated | fuzzy | untranslated, for every content text
    review: Review
    findings: tuple[Finding, ...]
    obsolete: int = 0
    broken: bool = False  # the file as a whole cannot be used (unreadable, or a syntax error)
    origins: Mapping[str, Origin] = field(default_factory=dict)  # text id -> its entry's line

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.is_error)

    def errors_for(self, ids: Iterable[str]) -> tuple[Finding, ...]:
        """The errors that stop a document showing these texts: the file's own, and its texts'."""
        wanted = set(ids)
        return tuple(f for f in self.errors if f.text_id is None or f.text_id in wanted)

    def counts(self, ids: Iterable[str] | None = None) -> Counts:
        states = [self.states[i] for i in ids] if ids is not None else list(self.states.values())
        return Counts(states.count("translated"), states.count("fuzzy"), states.count("untranslated"))


def source_report(content: Content) -> CatalogReport:
    """English, the source: every text is its own translation."""
    return CatalogReport("en", "", {}, {t.id: "translated" for t in content.texts()}, NO_REVIEW, ())


def check_catalog(content: Content, locale: str, data: bytes | None, shown: str,
                  read_error: Finding | None = None, record=None,
                  record_findings: tuple[Finding, ...] = ()) -> CatalogReport:
    """The report for one PO file's bytes (or for a file that could not be read: `read_error`), with the
    review state against the maintainer's `record` (review.Record, or None)."""
    texts = {t.id: t for t in content.texts()}
    untranslated = {i: "untranslated" for i in texts}
    if read_error is not None:
        return CatalogReport(locale, shown, {}, untranslated, NO_REVIEW, (read_error, *record_findings), broken=True)
    po = parse_po(data, shown)
    findings = [Finding("i18n.syntax", Origin(shown, line), message) for line, message in po.errors]
    if po.errors:  # msgfmt would refuse the file: nothing in it is used
        return CatalogReport(locale, shown, {}, untranslated, NO_REVIEW, (*findings, *record_findings),
                             broken=True)
    findings += header_claims(po, shown)
    findings += record_findings
    entries = po.by_context()
    translations: dict[str, Translation] = {}
    states = dict(untranslated)
    origins: dict[str, Origin] = {}
    for e in po.entries:
        if e.obsolete or e.msgctxt is None:
            continue
        origin = Origin(shown, e.line)
        origins[e.msgctxt] = origin
        text = texts.get(e.msgctxt)
        used = text is not None and not is_blank(e.msgstr) and not e.fuzzy and e.msgid == text.source
        bad = False
        for code, severity, message in entry_problems(e, text):
            if severity == "error" and not used:  # a translation the build will not show stops nothing
                severity = "warning"
            findings.append(Finding(code, origin, f"{e.msgctxt}: {message}", severity, e.msgctxt))
            bad |= severity == "error"
        if text is None or is_blank(e.msgstr):
            continue
        if not used:
            states[e.msgctxt] = "fuzzy"
        elif not bad:
            states[e.msgctxt] = "translated"
            translations[e.msgctxt] = Translation(e.msgid, e.msgstr, origin)
        else:
            states[e.msgctxt] = "untranslated"  # unusable; the error stops the documents showing it
    obsolete = sum(1 for e in po.entries if e.obsolete) + sum(1 for ctx in entries if ctx not in texts)
    return CatalogReport(locale, shown, translations, states, review_of(record, translations, texts),
                         tuple(findings), obsolete, origins=origins)


def read_report(project, content: Content, locale: str) -> CatalogReport:
    """Read locales/<locale>.po and its review record through the project's guarded reader, and check
    them."""
    from ..errors import MsguideError
    from .review import read_record

    path = project.po_path(locale)
    shown = project.shown(path)
    record, record_findings = read_record(project, locale)
    try:
        data = project.read(path, MAX_PO_BYTES)
    except MsguideError as exc:
        return check_catalog(content, locale, None, shown, Finding.of(exc, "i18n.file"), record, record_findings)
    return check_catalog(content, locale, data, shown, record=record, record_findings=record_findings)


def texts_of(texts: Iterable[Text]) -> list[str]:
    return [t.id for t in texts]
