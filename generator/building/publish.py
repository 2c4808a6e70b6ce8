"""After a build: the manifest (outputs, and each language's translation and review status) and, for a
whole build, the download page with its fonts. Every status comes from the session's one check of
each catalog, so the manifest, the download page and `msguide i18n status` agree."""
from __future__ import annotations

from pathlib import Path

from ..source.project import SOURCE_LOCALE
from .outputs import Output, write_manifest
from .session import Session


def locale_status(session: Session, code: str) -> dict:
    info = session.locale(code)
    entry = {"name": info.name, "english_name": info.english_name, "tag": info.tag, "script": info.script,
             "direction": info.direction, "paper": info.paper}
    if code == SOURCE_LOCALE:
        entry.update(translation={"percent": 100.0, "complete": True}, review={"reviewed": None})
        return entry
    catalog = session.catalog(code)
    counts = catalog.counts()
    entry["translation"] = {"percent": round(counts.percent, 1), "complete": counts.complete and not catalog.errors,
                            "translated": counts.translated, "fuzzy": counts.fuzzy,
                            "untranslated": counts.untranslated, "errors": len(catalog.errors),
                            "broken": catalog.broken}
    review = catalog.review
    entry["review"] = {"reviewed": review.done, "by": review.reviewer,
                       "date": review.date.isoformat() if review.date else None}
    return entry


def publish(session: Session, dist: Path, built: list[Output], clinic_slug: str | None, *, site: bool,
            locales: list[str] | None = None) -> None:
    """The manifest, with the status of every locale of the run (`locales`, else those built: a locale
    whose catalog is broken is listed as such, not left as it was), and the download page: made by a
    whole build (`site`), and rewritten after any other build once it exists, so that it always lists what
    the manifest does, which is what is on disk."""
    locales = sorted(set(locales or ()) | {o.locale for o in built})
    manifest = write_manifest(dist, built, {code: locale_status(session, code) for code in locales})
    prefix = f"clinics/{clinic_slug}/" if clinic_slug else ""
    if site or (dist / prefix / "index.html").is_file():
        import json

        from ..html.site import copy_fonts, write_index

        copy_fonts(session.project, dist)
        entries = json.loads(manifest.read_text("utf-8"))["outputs"]
        write_index(session, dist, entries, prefix=prefix)
