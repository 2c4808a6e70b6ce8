"""The download page (dist/index.html): every language in its own name with its documents, their size,
pages and paper, translation and review status, and how to print the booklet. Static, self-contained."""
from __future__ import annotations

import html
from pathlib import Path

from ..documents import DOCUMENT_KINDS
from ..atomic import atomic_path
from ..source.project import SOURCE_LOCALE
from .webpage import css, in_its_language

from .assets import WEB_FACES, WEB_LICENCES  # noqa: F401 (named here for the download page)


def copy_fonts(files: dict[str, bytes], dist: Path) -> None:
    """The web pages' fonts (`files`: name -> bytes, read and checked by the build session) beside them
    in dist/fonts/ (no remote fonts), each written atomically, and only when it changed."""
    from ..atomic import write_bytes

    target = dist / "fonts"
    for name, data in sorted(files.items()):
        dst = target / name
        if not (dst.is_file() and not dst.is_symlink() and dst.stat().st_size == len(data)
                and dst.read_bytes() == data):
            write_bytes(dst, data)


def language_state(session, code: str) -> tuple[bool, float]:
    """(complete, percent translated) of a language, from the session's one check of its catalog."""
    if code == SOURCE_LOCALE:
        return True, 100.0
    catalog = session.catalog(code)
    counts = catalog.counts()
    return counts.complete and not catalog.errors, counts.percent


def _variant(entry: dict) -> tuple:
    """Sort key: a language's own edition of a document first, then those built with other options."""
    return (entry.get("variant", "") != "", entry["path"])


def write_index(session, dist: Path, entries: list[dict], *, prefix: str = "", title_suffix: str = "") -> Path:
    """Write <dist>/<prefix>index.html listing the manifest `entries` under that prefix (what is on disk:
    the manifest drops files that are gone), every edition of each document. Languages whose translation
    is complete are listed, and counted, first; the others follow under "Translations in progress", each
    with how much of it is translated (the rest of its documents is shown in English). Each language's
    state comes from the session's one check of its catalog."""
    from babel.numbers import format_decimal, format_percent

    content = session.content

    h = html.escape
    by_locale: dict[str, dict[str, list[dict]]] = {}
    for e in entries:
        path = e["path"]
        if not path.startswith(prefix) or path[len(prefix):].count("/") != 1:
            continue
        by_locale.setdefault(e["locale"], {}).setdefault(e["document"], []).append(e)
    locales = [SOURCE_LOCALE] + sorted(l for l in by_locale if l != SOURCE_LOCALE) if SOURCE_LOCALE in by_locale \
        else sorted(by_locale)
    sections: dict[bool, list[str]] = {True: [], False: []}
    ui = content.ui
    for code in locales:
        docs = by_locale[code]
        info = session.locale(code)
        loc = session.localiser(code)
        review = None if code == SOURCE_LOCALE else session.catalog(code).review
        complete, percent = language_state(session, code)

        def t(key: str, **args: str) -> str:
            return in_its_language(loc, ui[key], h(loc.plain(ui[key], **args)))

        status = []
        if not complete:
            done = format_percent(percent / 100, "#,##0.#%", locale="en")
            status.append(f'<span lang="en" dir="ltr">Translation in progress: {done} translated.</span> '
                          f'{t("ui.notice.untranslated")}')
        if review is not None:
            status.append(t("ui.site.reviewed") if review.done else t("ui.notice.unreviewed"))
        items = []
        for document, kind in DOCUMENT_KINDS.items():  # in the table's order
            for e in sorted(docs.get(document, []), key=_variant):
                href = h(e["path"][len(prefix):])
                label = t(kind.site_label)
                # 1 KB = 1000 bytes, as phones and the 80 KB budget count
                size = f"{format_decimal(max(1, round(e['bytes'] / 1000)), locale=code)}\u00a0KB"
                if kind.html:
                    facts = f"HTML, {size}"
                else:  # "Pages: 19" needs no plural forms, unlike "19 pages"
                    pages = t("ui.site.pages", count=format_decimal(e["pages"], locale=code))
                    marks = ', <span lang="en" dir="ltr">with crop and fold marks</span>' if e.get("marks") else ""
                    facts = f"PDF, {size}, {h(kind.paper_name(e['paper']))}{marks}, {pages}"
                extra = f'<p class="small">{t(kind.site_note)}</p>' if kind.site_note and not e.get("variant") else ""
                items.append(f'<li><a href="{href}" type="{"text/html" if href.endswith(".html") else "application/pdf"}">'
                             f'{label}</a> <span class="small">({facts})</span>{extra}</li>')
        english = f' <span lang="en" class="small">({h(info.english_name)})</span>' if code != SOURCE_LOCALE else ""
        notes = "".join(f'<p class="notice">{s}</p>' for s in status)
        sections[complete].append(
            f'<section lang="{h(info.tag)}" dir="{info.direction}" aria-labelledby="lang-{h(code)}">'
            f'<h2 id="lang-{h(code)}">{h(info.name[:1].upper() + info.name[1:])}{english}</h2>'
            f'{notes}<ul>{"".join(items)}</ul></section>')
    source = session.localiser(SOURCE_LOCALE)
    title = h(source.plain(content.guide.title)) + h(title_suffix)
    fonts_prefix = "../" * prefix.count("/") + "fonts/"
    count = len(sections[True])
    in_progress = ""
    if sections[False]:
        in_progress = ('<h2 id="in-progress">Translations in progress</h2>\n<p>These languages are not yet '
                       "completely translated: what is missing is shown in English.</p>\n"
                       + "\n".join(sections[False]) + "\n")
    page = (f'<!doctype html>\n<html lang="en" dir="ltr">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{title}</title>\n'
            f"<style>{css('#12416b', fonts_prefix)}\nsection{{margin-top:1.5rem}}ul{{padding-inline-start:1.2rem}}"
            f"li{{margin:.45rem 0}}</style>\n</head>\n<body>\n"
            f'<header class="cover"><div class="wrap"><h1>{title}</h1>'
            f"<p>{h(source.plain(content.guide.subtitle))}</p></div></header>\n"
            f'<main class="wrap">\n<p>Patient information in {count} language{"s" if count != 1 else ""}, '
            f"as PDF files to read, print or fill in, and as web pages. Choose your language.</p>\n"
            + "\n".join(sections[True]) + "\n" + in_progress + "</main>\n</body>\n</html>\n")
    target = dist / prefix / "index.html"
    with atomic_path(target) as tmp:
        tmp.write_text(page, "utf-8")
    return target
