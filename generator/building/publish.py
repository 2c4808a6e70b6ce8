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
        entry.update(translation={"percent": 100.0, "complete": True}, review={"reviewed": None})  # the source
        return entry
    catalog = session.catalog(code)
    counts = catalog.counts()
    entry["translation"] = {"percent": round(counts.percent, 1), "complete": counts.complete and not catalog.errors,
                            "translated": counts.translated, "fuzzy": counts.fuzzy,
                            "untranslated": counts.untranslated, "errors": len(catalog.errors),
                            "broken": catalog.broken}
    review = catalog.review
    entry["review"] = {"reviewed": review.done, "by": review.reviewer,
                       "date": review.date.isoformat() if review.date else None,
                       "changed": list(review.changed)}  # translations changed since the review
    return entry


def publish(session: Session, dist: Path, built: list[Output], clinic_slug: str | None, *, site: bool,
            locales: list[str] | None = None) -> None:
    """The manifest, with the status of every locale of the run (`locales`, else those built: a locale
    whose catalog is broken is listed as such, not left as it was), and the download page with its fonts:
    made by a whole build (`site`), and rewritten after any other build once it exists, so that it always
    lists what the manifest does, which is what is on disk. Both are made only from outputs that were
    built (now or by an earlier run) and are listed in the manifest; all of it happens under the output
    folder's lock, so the index matches the manifest another build may have just written."""
    from .outputs import locked, read_manifest

    prefix = f"clinics/{clinic_slug}/" if clinic_slug else ""
    index = dist / prefix / "index.html"
    with locked(dist):
        if built:
            locales = sorted(set(locales or ()) | {o.locale for o in built})
            entries = write_manifest(dist, built, {code: locale_status(session, code) for code in locales})["outputs"]
        elif site:
            entries = list(read_manifest(dist).entries.values())
        else:
            return
        if not (site or index.is_file()):
            return
        mine = [e for e in entries if e["path"].startswith(prefix) and e["path"][len(prefix):].count("/") == 1]
        if not mine or not (built or not index.is_file() or not (dist / "fonts").is_dir()):
            return
        from ..html.site import copy_fonts, write_index

        if any(e["path"].endswith(".html") for e in mine):
            copy_fonts(session.web_fonts(), dist)
        write_index(session, dist, entries, prefix=prefix)
