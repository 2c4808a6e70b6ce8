"""After a build: the manifest (outputs, and each language's translation and review status) and, for a
whole build, the download page with its fonts."""
from __future__ import annotations

from pathlib import Path

from .outputs import Output, write_manifest
from ..source.project import SOURCE_LOCALE, Project


def locale_status(project: Project, content, code: str) -> dict:
    from ..i18n.catalogs import status
    from ..i18n.locales import locale_info

    info = locale_info(code)
    entry = {"name": info.name, "english_name": info.english_name, "tag": info.tag, "script": info.script,
             "direction": info.direction, "paper": info.paper}
    if code == SOURCE_LOCALE:
        entry.update(translation={"percent": 100.0, "complete": True}, review={"reviewed": None})
        return entry
    po = project.po_path(code)
    st = status(content, po, project.shown(po))
    entry["translation"] = {"percent": round(st.percent, 1), "complete": st.translated == st.total,
                            "translated": st.translated, "fuzzy": st.fuzzy, "untranslated": st.untranslated}
    entry["review"] = {"reviewed": st.review.done, "by": st.review.reviewer,
                       "date": st.review.date.isoformat() if st.review.date else None}
    return entry


def publish(project: Project, dist: Path, built: list[Output], clinic_slug: str | None, *, site: bool,
            content=None) -> None:
    content = content or project.load()
    locales = sorted({o.locale for o in built})
    manifest = write_manifest(dist, built, {code: locale_status(project, content, code) for code in locales})
    if site:
        import json

        from ..html.site import copy_fonts, write_index

        copy_fonts(project, dist)
        entries = json.loads(manifest.read_text("utf-8"))["outputs"]
        prefix = f"clinics/{clinic_slug}/" if clinic_slug else ""
        write_index(project, content, dist, entries, prefix=prefix)
