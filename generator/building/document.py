"""The library's entry point: build one document for one locale into a file, atomically."""
from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm

from ..source.clinic import Clinic

from ..source.content import Content
from ..source.project import SOURCE_LOCALE, Project
from .kinds import DOCUMENT_KINDS, DOCUMENTS, output_relpath
from ..errors import BuildWarning, MsguideError, Origin
from ..layout.fonts import font_set
from ..i18n.locales import locale_info
from ..i18n.localise import Localiser
from .outputs import Output, atomic_path, sha256_of
from ..layout.context import Notices
from ..layout.pages import PAPERS, guide_page_size, sheet_size
from ..layout.theme import ACCENT, Theme




class StrictError(MsguideError):
    """A warning promoted to an error by --strict."""


def build_document(project: Project, content: Content, locale: str, document: str, dist: Path, *,
                   paper: str | None = None, strict: bool = False, clinic: Clinic | None = None,
                   clinic_origin: Origin | None = None, marks: bool = False, inputs: str = "") -> Output:
    """Render `document` in `locale` into dist/ and describe the result."""
    kind = DOCUMENT_KINDS.get(document)
    if kind is None:
        raise MsguideError(None, f"unknown document {document!r} (known: {', '.join(DOCUMENTS)})")
    if paper is not None and paper not in PAPERS:
        raise MsguideError(None, f"unknown paper {paper!r} (known: {', '.join(PAPERS)})")
    info = locale_info(locale)
    catalog, review = None, None
    if locale != SOURCE_LOCALE:
        from ..i18n.catalogs import load_translations

        po = project.po_path(locale)
        if not po.exists() and not po.is_symlink():
            raise MsguideError(None, f"no translation for {locale!r} (expected {project.shown(po)})")
        catalog, review = load_translations(project.input_file(po), project.shown(po))
    paper = paper or info.paper
    loc = Localiser(info, content.guide.values, catalog)
    fonts = font_set(project.fonts_dir, info.script)
    warnings: list[BuildWarning] = []
    states = [loc.state(t) for t in content.document_texts(kind.base)]
    notices = Notices(untranslated=catalog is not None and any(s != "translated" for s in states),
                      unreviewed=review is not None and not review.done)
    if notices.untranslated:
        missing, fuzzy = states.count("untranslated"), states.count("fuzzy")
        warnings.append(BuildWarning(
            "i18n.untranslated", project.shown(project.po_path(locale)),
            f"{document}: {missing} untranslated and {fuzzy} fuzzy of {len(states)} strings; English shown instead"))
    accent = colors.HexColor(clinic.accent) if clinic and clinic.accent else ACCENT
    if kind.large_print:
        theme = Theme.large_print(fonts.body, accent)
        page_size = sheet_size(paper)
    elif kind.base == "guide":
        theme = Theme(body_font=fonts.body, accent=accent)
        page_size = guide_page_size(paper)
    else:
        theme = Theme(body_font=fonts.body, body_size=11, margin=17 * mm, accent=accent)
        page_size = sheet_size(paper)
    rel = output_relpath(locale, document, clinic.slug if clinic else None)
    target = dist / rel
    args = dict(page_size=page_size, theme=theme, notices=notices, clinic=clinic, clinic_origin=clinic_origin)
    with atomic_path(target) as tmp:
        if kind.html:
            from ..html.webpage import render_html

            tmp.write_text(render_html(content, loc, fonts, notices, clinic, clinic_origin), "utf-8")
            pages = 0
        elif kind.base == "guide":
            from ..layout.guide import render_guide

            if kind.booklet:
                from ..pdf.booklet import impose

                buf = io.BytesIO()
                render_guide(content, loc, fonts, buf, warnings.append, **args)
                data, pages = impose(buf.getvalue(), paper, marks=marks, title=loc.plain(content.guide.title),
                                     lang=info.tag, rtl=info.direction == "rtl")
                tmp.write_bytes(data)
            else:
                pages = render_guide(content, loc, fonts, str(tmp), warnings.append, **args)
        else:
            from ..layout.checklist import render_checklist

            pages = render_checklist(content, loc, fonts, str(tmp), warnings.append, **args)
        if strict and warnings:
            raise StrictError(warnings[0].origin, f"{warnings[0].message} [{warnings[0].code}] (--strict)")
    return Output(locale, document, "-" if kind.html else paper, rel, sha256_of(target), target.stat().st_size,
                  pages, tuple(str(w) for w in warnings), inputs=inputs,
                  translation="source" if catalog is None else ("incomplete" if notices.untranslated else "complete"),
                  review="source" if review is None else str(review))


def warm(project: Project, locales: list[str], documents: list[str]) -> None:
    """Do once what every build of these would otherwise repeat: import the renderers, read the fonts and
    load each language's CLDR data. Run before worker processes fork, they all start with it done (and
    the parent, which writes the manifest and index afterwards, has it too). Best effort: a problem
    here is left for the build that meets it to report."""
    from babel.numbers import format_decimal  # noqa: F401 (the index's sizes)

    from ..i18n import catalogs  # noqa: F401
    kinds = [DOCUMENT_KINDS[d] for d in documents if d in DOCUMENT_KINDS]
    if any(k.base == "guide" and not k.html for k in kinds):
        from ..layout import guide  # noqa: F401
    if any(k.booklet for k in kinds):
        from ..pdf import booklet  # noqa: F401
        import pypdf  # noqa: F401
    if any(k.base == "checklist" for k in kinds):
        from ..layout import checklist  # noqa: F401
    if any(k.html for k in kinds):
        from ..html import webpage  # noqa: F401
    for code in locales:
        try:
            font_set(project.fonts_dir, locale_info(code).script)
        except MsguideError:
            pass


def build(content_dir: Path, locale: str, document: str, output: Path, *, paper: str | None = None,
          strict: bool = False) -> Output:
    """Build one document for one locale from a project whose content lives in `content_dir`,
    writing it under the `output` folder (dist/). Raises MsguideError on bad input."""
    project = Project(Path(content_dir).resolve().parent)
    return build_document(project, project.load(), locale, document, Path(output), paper=paper, strict=strict)
