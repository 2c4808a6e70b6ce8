"""Writing gettext catalogs: extract the template from the content, start and update PO files.
(Reading a locale's catalog for use is translations.py; the PO syntax, read and written, is pofile.py.)"""
from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

from ..source.content import Content
from ..errors import MsguideError, Origin
from ..atomic import atomic_path
from .pofile import MAX_PO_BYTES, PoEntry, PoFile, format_po, parse_po
from .translations import REVIEW_BY, REVIEW_DATE

TEMPLATE = "messages.pot"
FORMAT_FLAG = "python-brace-format"


class CatalogError(MsguideError):
    """A PO file that cannot be used."""


def _now() -> dt.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc).replace(second=0, microsecond=0)


def _po_date(when: dt.datetime) -> str:
    return when.strftime("%Y-%m-%d %H:%M+0000")


def template_entries(content: Content, root: Path) -> list[PoEntry]:
    """One message per text, msgctxt = its stable ID, with its reference and its notes."""
    entries = []
    for text in content.texts():
        path = Path(text.origin.path)
        ref = path.relative_to(root).as_posix() if path.is_absolute() else path.as_posix()
        entries.append(PoEntry(0, msgctxt=text.id, msgid=text.source,
                               flags={FORMAT_FLAG} if text.placeholders else set(),
                               auto_comments=list(content.notes.for_text(text)),
                               references=[f"{ref}:{text.origin.line}"]))
    return entries


@dataclass(frozen=True)
class ProjectInfo:
    """What the headers say about the project: its name, and where to report a problem with an English
    text (the issue tracker, else the homepage; empty when pyproject.toml names neither)."""

    name: str = "msguide"
    bugs: str = ""


# [project.urls] labels, normalised as PEP 753 says (lower case, no punctuation or spaces), best first
_BUG_LABELS = ("issues", "bugtracker", "issuetracker", "bugs", "tracker")
_HOME_LABELS = ("homepage", "home", "repository", "source", "sourcecode")
_URL = re.compile(r"https?://[^\s\\\"<>]+")


def project_info(project) -> ProjectInfo:
    """The project's name and issue tracker from its pyproject.toml ([project] name, [project.urls])."""
    import tomllib

    path = project.root / "pyproject.toml"
    if not path.is_file():
        return ProjectInfo()
    try:
        data = tomllib.loads(project.read(path, 1_000_000).decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise CatalogError(Origin(project.shown(path)), f"cannot be read: {exc}") from None
    meta = data.get("project") if isinstance(data.get("project"), dict) else {}
    urls = meta.get("urls") if isinstance(meta.get("urls"), dict) else {}
    labelled = {re.sub(r"[^a-z0-9]", "", str(k).lower()): v for k, v in urls.items()
                if isinstance(v, str) and _URL.fullmatch(v)}
    name = meta.get("name") if isinstance(meta.get("name"), str) and re.fullmatch(r"[\w.-]+", meta["name"]) \
        else "msguide"
    return ProjectInfo(name, next((labelled[k] for k in _BUG_LABELS + _HOME_LABELS if k in labelled), ""))


def _team(language: str, info: ProjectInfo) -> str:
    """Language-Team: the language and where its team is reached, or gettext's "none" (msginit's value
    when there is no team) when the project has no address."""
    return f"{language} <{info.bugs}>" if info.bugs else "none"


_COMMENTS = ["This file is distributed under the same license as the {name} project.", ""]


def _template_bytes(content: Content, project) -> bytes:
    info = project_info(project)
    header = {
        "Project-Id-Version": info.name,
        "Report-Msgid-Bugs-To": info.bugs,
        "POT-Creation-Date": _po_date(_now()),
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    comments = [f"Translations template for {info.name}.", f"Copyright (C) {info.name} contributors",
                *(c.format(name=info.name) for c in _COMMENTS)]
    return format_po(comments, header, template_entries(content, project.root), header_flags={"fuzzy"})


_DATE_LINE = re.compile(rb'^"POT-Creation-Date: [^"]*"\n', re.M)


def write_template(content: Content, project) -> tuple[Path, bool]:
    """Write locales/messages.pot; leave the file alone when only its date would change."""
    path = project.locales_dir / TEMPLATE
    data = _template_bytes(content, project)
    if path.exists() or path.is_symlink():
        old = project.read(path, MAX_PO_BYTES)  # refuses a symlink out, a device, a huge file
        if _DATE_LINE.sub(b"", old) == _DATE_LINE.sub(b"", data):
            return path, False
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
    return path, True


def _read(project, path: Path) -> PoFile:
    """A PO file read by our strict reader; the first problem `msgfmt --check` would reject stops here."""
    display = project.shown(path)
    po = parse_po(project.read(path, MAX_PO_BYTES), display)
    if po.errors:
        line, message = po.errors[0]
        raise CatalogError(Origin(display, line), message)
    return po


def init_catalog(content: Content, project, locale: str) -> Path:
    """Start locales/<locale>.po from the content, every message untranslated."""
    from babel import Locale
    from babel.messages.plurals import get_plural

    from .locales import locale_info

    locale_info(locale)  # refuses codes CLDR does not know
    path = project.po_path(locale)
    if path.exists() or path.is_symlink():
        raise CatalogError(Origin(project.shown(path)), "already exists; use `msguide i18n update`")
    info = project_info(project)
    name = Locale.parse(locale).english_name
    now = _po_date(_now())
    header = {
        "Project-Id-Version": info.name,
        "Report-Msgid-Bugs-To": info.bugs,
        "POT-Creation-Date": now,
        "PO-Revision-Date": now,
        "Last-Translator": NO_TRANSLATOR,  # Poedit and Weblate write the translator's name on saving
        "Language-Team": _team(name, info),
        "Language": locale,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": get_plural(locale).plural_forms,
    }
    comments = [f"{name} translation of {info.name}.", f"Copyright (C) {info.name} contributors",
                *(c.format(name=info.name) for c in _COMMENTS)]
    with atomic_path(path) as tmp:
        tmp.write_bytes(format_po(comments, header, template_entries(content, project.root)))
    return path


NO_TRANSLATOR = "Automatically generated"  # what `msginit --no-translator` writes
# gettext's and Babel's placeholders, which a header must not keep
_PLACEHOLDER_COMMENT = re.compile(r"FIRST AUTHOR|EMAIL@ADDRESS|\bYEAR\b|PACKAGE")
_OBSOLETE_FIELDS = ("Generated-By",)  # Babel's version: would change every file on a Babel upgrade


def _header(po: PoFile, info: ProjectInfo) -> tuple[list[str], dict[str, str]]:
    """A PO file's header after an update: the translator's fields as they are, the project's (name,
    where to report problems) from pyproject.toml, and no placeholder or field nothing reads."""
    comments = [c for c in po.header_comments if not _PLACEHOLDER_COMMENT.search(c)]
    header = {}
    for key, value in po.header.items():
        if key in _OBSOLETE_FIELDS or (key in (REVIEW_BY, REVIEW_DATE) and not value.strip()):
            continue  # an empty review field claims nothing (and a filled one stays, for `check` to flag)
        if key == "Project-Id-Version":
            value = info.name
        elif key == "Report-Msgid-Bugs-To":
            value = info.bugs
        elif key == "Last-Translator" and "EMAIL@ADDRESS" in value:
            value = NO_TRANSLATOR
        elif key == "Language-Team" and ("LL@li.org" in value or "<" not in value):
            language = value.split("<")[0].strip()
            value = _team(language if language and language != "LANGUAGE" else po.header.get("Language", ""), info) \
                if info.bugs or "LL@li.org" in value else value
        header[key] = value
    return comments, header


def merge(old: list[PoEntry], template: list[PoEntry]) -> list[PoEntry]:
    """The entries of a PO file after an update: the template's, in its order, with the translations of
    `old` matched by their stable ID (msgctxt), then the obsolete ones. A changed English string keeps its
    translation, marked fuzzy, with the English it translates as `#| msgid` (kept through later updates);
    a removed one becomes obsolete (#~), after those already obsolete; an obsolete one whose ID is back
    is used again. Babel's and msgmerge's updates match by similar msgid instead, which with IDs is
    guesswork."""
    active = {e.msgctxt: e for e in old if not e.obsolete}
    retired = {e.msgctxt: e for e in old if e.obsolete}
    wanted = {t.msgctxt for t in template}
    merged = []
    for t in template:
        prev = active.get(t.msgctxt) or retired.get(t.msgctxt)
        new = replace(t, flags=set(t.flags), comments=list(prev.comments) if prev else [])
        if prev is not None and prev.msgstr:
            new.msgstr = prev.msgstr
            if prev.msgid != t.msgid:
                new.flags.add("fuzzy")
                new.previous_msgid = prev.previous_msgid if prev.fuzzy and prev.previous_msgid else prev.msgid
            elif prev.fuzzy:
                new.flags.add("fuzzy")
                new.previous_msgid = prev.previous_msgid
        merged.append(new)
    leaving = [e for e in old if not e.obsolete and e.msgctxt not in wanted and e.msgstr]
    gone = {e.msgctxt for e in leaving}
    merged += [e for e in old if e.obsolete and e.msgctxt not in wanted and e.msgctxt not in gone]
    merged += [replace(e, obsolete=True, auto_comments=[], references=[]) for e in leaving]
    return merged


def update_catalog(content: Content, project, path: Path) -> bool:
    """Merge the content into one PO file (see `merge`); its header is kept. Written only if it changes."""
    po = _read(project, path)
    entries = merge(po.entries, template_entries(content, project.root))
    comments, header = _header(po, project_info(project))
    data = format_po(comments, header, entries, header_flags=po.header_flags)
    if project.read(path, MAX_PO_BYTES) == data:
        return False
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
    return True
