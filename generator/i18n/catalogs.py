"""Writing gettext catalogs: extract the template from the content, start and update PO files with Babel.
(Reading a locale's catalog for use is translations.py.)"""
from __future__ import annotations

import datetime as dt
import io
import os
import re
from pathlib import Path

from ..source.content import Content
from ..errors import MsguideError, Origin
from ..atomic import atomic_path
from .pofile import MAX_PO_BYTES, parse_po
from .translations import REVIEW_BY, REVIEW_DATE

TEMPLATE = "messages.pot"
_CUSTOM_HEADERS = (REVIEW_BY, REVIEW_DATE)


class CatalogError(MsguideError):
    """A PO file that cannot be used."""


def _now() -> dt.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc).replace(second=0, microsecond=0)


def template(content: Content, root: Path):
    """The template catalog: one message per text, msgctxt = its stable ID, with a reference and a note."""
    from babel.messages.catalog import Catalog

    cat = Catalog(project="msguide", version="1", copyright_holder="msguide contributors",
                  msgid_bugs_address="", creation_date=_now(), fuzzy=True)
    for text in content.texts():
        path = Path(text.origin.path)
        ref = path.relative_to(root).as_posix() if path.is_absolute() else path.as_posix()
        cat.add(text.source, "", locations=[(ref, text.origin.line)], auto_comments=[text.note] if text.note else [],
                context=text.id, flags=("python-brace-format",) if text.placeholders else ())
    return cat


def _po_bytes(catalog, *, omit_header=False, extra_headers: dict[str, str] | None = None) -> bytes:
    from babel.messages.pofile import write_po

    buf = io.BytesIO()
    write_po(buf, catalog, width=100, omit_header=omit_header, include_previous=True, sort_output=False)
    data = buf.getvalue()
    if extra_headers:
        data = _add_headers(data, extra_headers)
    return data


def _add_headers(po: bytes, headers: dict[str, str]) -> bytes:
    """Babel drops header fields it does not know; put ours back after its last header line."""
    text = po.decode("utf-8")
    lines = text.split("\n")
    end = next(i for i, l in enumerate(lines) if i > 0 and l == "" and lines[i - 1].startswith('"'))
    extra = [f'"{k}: {v}\\n"' for k, v in headers.items()]
    return "\n".join(lines[:end] + extra + lines[end:]).encode("utf-8")


_DATE_LINE = re.compile(rb'^"POT-Creation-Date: [^"]*"\n', re.M)


def write_template(content: Content, project) -> tuple[Path, bool]:
    """Write locales/messages.pot; leave the file alone when only its date would change."""
    path = project.locales_dir / TEMPLATE
    data = _po_bytes(template(content, project.root))
    if path.exists() or path.is_symlink():
        old = project.read(path, MAX_PO_BYTES)  # refuses a symlink out, a device, a huge file
        if _DATE_LINE.sub(b"", old) == _DATE_LINE.sub(b"", data):
            return path, False
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
    return path, True


def _babel_read(project, path: Path):
    """The catalog as Babel reads it, once our strict reader has found nothing wrong with the file."""
    from babel.messages.pofile import PoFileError, read_po as babel_read_po

    display = project.shown(path)
    data = project.read(path, MAX_PO_BYTES)
    po = parse_po(data, display)
    if po.errors:
        line, message = po.errors[0]
        raise CatalogError(Origin(display, line), message)
    try:
        return babel_read_po(io.BytesIO(data), abort_invalid=True), po
    except PoFileError as exc:
        raise CatalogError(Origin(display, getattr(exc, "lineno", 0) + 1), str(exc)) from None


def init_catalog(content: Content, project, locale: str) -> Path:
    """Start locales/<locale>.po from the content, every message untranslated, not reviewed."""
    from babel import Locale
    from babel.messages.catalog import Catalog

    from .locales import locale_info

    locale_info(locale)  # refuses codes CLDR does not know
    path = project.po_path(locale)
    if path.exists() or path.is_symlink():
        raise CatalogError(Origin(project.shown(path)), "already exists; use `msguide i18n update`")
    tmpl = template(content, project.root)
    cat = Catalog(locale=Locale.parse(locale), project="msguide", version="1",
                  copyright_holder="msguide contributors", creation_date=tmpl.creation_date,
                  revision_date=_now(), fuzzy=False)
    for msg in tmpl:
        if msg.id:
            cat.add(msg.id, "", locations=msg.locations, auto_comments=msg.auto_comments,
                    context=msg.context, flags=msg.flags)
    with atomic_path(path) as tmp:
        tmp.write_bytes(_po_bytes(cat, extra_headers={REVIEW_BY: "", REVIEW_DATE: ""}))
    return path


def update_catalog(content: Content, project, path: Path) -> bool:
    """Merge the content into one PO file, matching messages by their stable ID (msgctxt): a changed
    English string keeps its translation, marked fuzzy, with the old English as `#| msgid`; a removed one
    becomes obsolete (#~). Babel's own update matches by similar msgid instead, which with IDs is guesswork."""
    from babel.messages.catalog import Message

    old, po = _babel_read(project, path)
    root = project.root
    by_ctx = {m.context: m for m in old if m.id and m.context}
    tmpl = template(content, root)
    keep_headers = {k: po.header[k] for k in _CUSTOM_HEADERS if k in po.header}
    for m in list(old):
        if m.id:
            old.delete(m.id, context=m.context)
    wanted = set()
    for msg in tmpl:
        if not msg.id:
            continue
        wanted.add(msg.context)
        prev = by_ctx.get(msg.context)
        new = Message(msg.id, prev.string if prev else "", locations=msg.locations,
                      auto_comments=msg.auto_comments, user_comments=prev.user_comments if prev else [],
                      flags=set(msg.flags), context=msg.context)
        if prev is not None and prev.string:
            if prev.id != msg.id:
                new.flags.add("fuzzy")
                new.previous_id = [prev.previous_id[0] if prev.fuzzy and prev.previous_id else prev.id]
            elif prev.fuzzy:
                new.flags.add("fuzzy")
                new.previous_id = prev.previous_id
        old[msg.id] = new
    for ctx, prev in by_ctx.items():
        if ctx not in wanted and prev.string:
            old.obsolete[(prev.id, ctx)] = prev
    data = _po_bytes(old, extra_headers=keep_headers)
    if project.read(path, MAX_PO_BYTES) == data:
        return False
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
    return True


