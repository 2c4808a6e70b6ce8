"""Writing gettext catalogs: extract the template from the content, start and update PO files.
(Reading a locale's catalog for use is translations.py; the PO syntax, read and written, is pofile.py.)"""
from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import replace
from pathlib import Path

from ..source.content import Content
from ..errors import MsguideError, Origin
from ..atomic import atomic_path
from .pofile import MAX_PO_BYTES, PoEntry, PoFile, format_po, parse_po

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
                               auto_comments=text.note.splitlines() if text.note else [],
                               references=[f"{ref}:{text.origin.line}"]))
    return entries


def _template_bytes(content: Content, root: Path) -> bytes:
    import babel

    header = {
        "Project-Id-Version": "msguide 1",
        "Report-Msgid-Bugs-To": "EMAIL@ADDRESS",
        "POT-Creation-Date": _po_date(_now()),
        "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
        "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
        "Language-Team": "LANGUAGE <LL@li.org>",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=utf-8",
        "Content-Transfer-Encoding": "8bit",
        "Generated-By": f"Babel {babel.__version__}",
    }
    comments = ["Translations template for msguide.", "Copyright (C) msguide contributors",
                "This file is distributed under the same license as the msguide project.", ""]
    return format_po(comments, header, template_entries(content, root), header_flags={"fuzzy"})


_DATE_LINE = re.compile(rb'^"POT-Creation-Date: [^"]*"\n', re.M)


def write_template(content: Content, project) -> tuple[Path, bool]:
    """Write locales/messages.pot; leave the file alone when only its date would change."""
    path = project.locales_dir / TEMPLATE
    data = _template_bytes(content, project.root)
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
    import babel
    from babel import Locale
    from babel.messages.plurals import get_plural

    from .locales import locale_info

    locale_info(locale)  # refuses codes CLDR does not know
    path = project.po_path(locale)
    if path.exists() or path.is_symlink():
        raise CatalogError(Origin(project.shown(path)), "already exists; use `msguide i18n update`")
    name = Locale.parse(locale).english_name
    now = _now()
    header = {
        "Project-Id-Version": "msguide 1",
        "Report-Msgid-Bugs-To": "EMAIL@ADDRESS",
        "POT-Creation-Date": _po_date(now),
        "PO-Revision-Date": _po_date(now),
        "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
        "Language": locale,
        "Language-Team": f"{name} <LL@li.org>",
        "Plural-Forms": get_plural(locale).plural_forms,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=utf-8",
        "Content-Transfer-Encoding": "8bit",
        "Generated-By": f"Babel {babel.__version__}",
        "X-Medical-Review-By": "",
        "X-Medical-Review-Date": "",
    }
    comments = [f"{name} translations for msguide.", f"Copyright (C) {now.year} msguide contributors",
                "This file is distributed under the same license as the msguide project.",
                f"FIRST AUTHOR <EMAIL@ADDRESS>, {now.year}.", ""]
    with atomic_path(path) as tmp:
        tmp.write_bytes(format_po(comments, header, template_entries(content, project.root)))
    return path


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
    data = format_po(po.header_comments, po.header, entries, header_flags=po.header_flags)
    if project.read(path, MAX_PO_BYTES) == data:
        return False
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
    return True
