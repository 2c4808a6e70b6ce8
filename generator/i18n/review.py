"""The medical review of a translation: a maintainer's record outside the PO file (reviews/<locale>.review),
written by `msguide i18n review`, holding who reviewed it, when, and a hash of each translation reviewed
(its ID, its English and its text). A translation changed since, or added since, no longer matches: the
language is shown as not reviewed again, and `msguide i18n status` lists what changed. A translator, who
writes only the PO file, cannot make a language look reviewed (PO headers such as X-Medical-Review-By do
not count)."""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping

from ..errors import Finding, InputError, MsguideError, Origin, excerpt

MAX_RECORD_BYTES = 1_000_000  # 267 texts take 25 KB
MAX_REVIEWER_CHARS = 120
_ID = re.compile(r"^[a-z0-9]+(?:[.-][a-z0-9]+)*$")
_HASH = re.compile(r"^[0-9a-f]{64}$")


def record_path(project, locale: str) -> Path:
    return project.reviews_dir / f"{locale}.review"


def translation_hash(text_id: str, english: str, translation: str) -> str:
    """What a review vouches for: this translation of this English, under this ID.

    >>> translation_hash("cover.title", "Stem cells", "Cellules souches")[:12]
    '0a43c44b7454'
    """
    return hashlib.sha256("\0".join((text_id, english, translation)).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Record:
    """A review record as read: who, when, and the hash of each translation reviewed."""

    reviewer: str
    date: dt.date
    hashes: Mapping[str, str] = field(default_factory=dict)  # text id -> translation_hash


def read_record(project, locale: str) -> tuple[Record | None, tuple[Finding, ...]]:
    """The locale's review record (None when there is none) and the problems found reading it, each with
    its line; a record with a problem counts as no review."""
    path = record_path(project, locale)
    shown = project.shown(path)
    if not (path.exists() or path.is_symlink()):
        return None, ()
    try:
        data = project.read(path, MAX_RECORD_BYTES)
    except InputError as exc:
        return None, (Finding.of(exc, "i18n.review"),)
    return parse_record(data, shown)


def parse_record(data: bytes, shown: str) -> tuple[Record | None, tuple[Finding, ...]]:
    from .pofile import lines_of

    problems: list[Finding] = []

    def problem(line: int, message: str) -> None:
        problems.append(Finding("i18n.review", Origin(shown, line), message))

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, (Finding("i18n.review", Origin(shown, data[: exc.start].count(b"\n") + 1),
                              "not valid UTF-8"),)
    fields: dict[str, tuple[str, int]] = {}
    hashes: dict[str, str] = {}
    seen: dict[str, int] = {}
    for n, line in enumerate(lines_of(text), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.partition(":")
        if sep and key in ("reviewer", "date"):
            if key in fields:
                problem(n, f"{key} twice (first at line {fields[key][1]})")
            fields[key] = (value.strip(), n)
            continue
        parts = line.split()
        if len(parts) != 2 or not _ID.match(parts[0]) or not _HASH.match(parts[1]):
            problem(n, f"expected `reviewer: …`, `date: YYYY-MM-DD` or `<text id> <sha256>`, got {excerpt(line)}")
            continue
        if parts[0] in seen:
            problem(n, f"{parts[0]} twice (first at line {seen[parts[0]]})")
            continue
        seen[parts[0]] = n
        hashes[parts[0]] = parts[1]
    reviewer, date = fields.get("reviewer", ("", 0)), fields.get("date", ("", 0))
    if not reviewer[0]:
        problem(reviewer[1] or 1, "no reviewer (`reviewer: Dr A. Name`)")
    elif reviewer_problem(reviewer[0]):
        problem(reviewer[1], f"reviewer: {reviewer_problem(reviewer[0])}")
    try:
        day = dt.date.fromisoformat(date[0])
    except ValueError:
        problem(date[1] or 1, f"date: expected YYYY-MM-DD, got {excerpt(date[0])}")
        day = None
    if problems:
        return None, tuple(problems)
    return Record(reviewer[0], day, hashes), ()


def reviewer_problem(name: str) -> str | None:
    from ..source.markup import CONTROL

    if not name.strip():
        return "empty"
    if len(name) > MAX_REVIEWER_CHARS:
        return f"{len(name)} characters; the limit is {MAX_REVIEWER_CHARS}"
    if CONTROL.search(name) or "\n" in name or "\t" in name:
        return "control character"
    return None


def changed_since(record: Record, current: Mapping[str, str], ids: Iterable[str]) -> tuple[str, ...]:
    """The texts (of `ids`, in order) whose translation in use now is not the one reviewed: changed, added
    or removed since. `current` maps text id -> translation_hash of what the build shows."""
    return tuple(i for i in ids if current.get(i) != record.hashes.get(i))


def record_text(locale: str, po_shown: str, reviewer: str, date: dt.date, hashes: Mapping[str, str]) -> str:
    """A record file's text: sorted, one translation per line, so a change to it reads well in a diff."""
    head = [f"# Medical review of {po_shown}: a maintainer's record, written by `msguide i18n review {locale}`.",
            "# Each line after the date is one translation as reviewed: its ID, then the SHA-256 of its ID,",
            "# English and translation. A translation changed since no longer matches, and the language is",
            "# shown as not reviewed until it is reviewed again. Do not edit by hand.",
            f"reviewer: {reviewer}", f"date: {date.isoformat()}"]
    return "\n".join(head + [f"{i} {hashes[i]}" for i in sorted(hashes)]) + "\n"


def check_reviewer(name: str) -> str:
    problem = reviewer_problem(name)
    if problem:
        raise MsguideError(None, f"--by: {problem}")
    return name.strip()


def record_review(session, locale: str, by: str, date: str | None = None) -> tuple[Path, int, int]:
    """Record that `by` reviewed locale's translations as they are now: write reviews/<locale>.review
    (atomically). Refuses a catalog with errors. Returns the record's path, how many translations it
    covers, and how many texts have none (the English is shown for those; no review covers them)."""
    from ..atomic import write_bytes
    from ..errors import ValidationError
    from ..source.environment import source_date_epoch
    from ..source.project import SOURCE_LOCALE

    project = session.project
    po = project.po_path(locale)  # refuses what is not a locale code
    if locale == SOURCE_LOCALE:
        raise MsguideError(None, "English is the source text: there is no translation to review")
    reviewer = check_reviewer(by)
    if date is None:
        epoch = source_date_epoch()
        day = dt.datetime.fromtimestamp(epoch, dt.timezone.utc).date() if epoch is not None else dt.date.today()
    else:
        try:
            day = dt.date.fromisoformat(date)
        except ValueError:
            raise MsguideError(None, f"--date: expected YYYY-MM-DD, got {excerpt(date)}") from None
    catalog = session.catalog(locale)
    errors = [f for f in catalog.findings if f.is_error and f.code != "i18n.review"]  # not the old record's
    if errors:
        raise ValidationError(errors)
    hashes = {i: translation_hash(i, t.msgid, t.msgstr) for i, t in catalog.translations.items()}
    path = record_path(project, locale)
    text = record_text(locale, project.shown(po), reviewer, day, hashes)
    write_bytes(path, text.encode("utf-8"), project.shown(path))
    return path, len(hashes), len(catalog.states) - len(hashes)
