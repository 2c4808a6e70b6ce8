"""One document for one locale, built into a file atomically; and the library's entry point."""
from __future__ import annotations

from pathlib import Path

from ..atomic import atomic_path
from ..documents import DOCUMENT_KINDS, DOCUMENTS, Request, output_relpath, output_variant
from ..errors import BuildWarning, MsguideError
from ..source.project import SOURCE_LOCALE, Project
from .outputs import Output, sha256_of
from .session import Session

PAPERS = ("a4", "letter")


class StrictError(MsguideError):
    """A warning promoted to an error by --strict."""


def build_document(session: Session, locale: str, document: str, dist: Path, *, paper: str | None = None,
                   strict: bool = False, marks: bool = False, inputs: str = "") -> Output:
    """Render `document` in `locale` into dist/ and describe the result."""
    kind = DOCUMENT_KINDS.get(document)
    if kind is None:
        raise MsguideError(None, f"unknown document {document!r} (known: {', '.join(DOCUMENTS)})")
    if paper is not None and paper not in PAPERS:
        raise MsguideError(None, f"unknown paper {paper!r} (known: {', '.join(PAPERS)})")
    from ..source.environment import source_date_epoch

    source_date_epoch()  # ReportLab reads it too, and would fail inside the render
    content = session.content
    info = session.locale(locale)
    catalog = session.catalog(locale)
    texts = [t.id for t in content.document_texts(kind.texts)]
    session.require(locale, texts)  # a broken catalog, an unsafe translation, a missing glyph: stop here
    paper = paper or info.paper
    loc = session.localiser(locale)
    fonts = session.fonts(info.script)
    warnings: list[BuildWarning] = [BuildWarning.of(f) for f in session.warnings_for(locale, texts, kind)]
    counts = catalog.counts(texts)
    translated = locale == SOURCE_LOCALE or counts.complete
    from ..layout.context import Notices

    notices = Notices(untranslated=not translated, unreviewed=locale != SOURCE_LOCALE and not catalog.review.done)
    if not translated:
        warnings.append(BuildWarning(
            "i18n.untranslated", catalog.path,
            f"{document}: {counts.untranslated} untranslated and {counts.fuzzy} fuzzy of {counts.total} strings; "
            "English shown instead"))
    clinic, clinic_origin = session.clinic or (None, None)
    theme = page_size = None
    if kind.theme is not None:
        from reportlab.lib import colors

        from ..layout.theme import ACCENT, THEMES
        from ..pdf.pages import PAGE_SIZES

        accent = colors.HexColor(clinic.accent) if clinic and clinic.accent else ACCENT
        theme = THEMES[kind.theme](fonts.body, accent)
        page_size = PAGE_SIZES[kind.page](paper)
    request = Request(kind, content, loc, fonts, theme, page_size, paper, notices, warnings.append, clinic,
                      clinic_origin, marks and kind.name == "booklet")
    variant = output_variant(document, paper, info.paper, marks)
    rel = output_relpath(locale, document, clinic.slug if clinic else None, variant)
    target = dist / rel
    with atomic_path(target) as tmp:
        pages = kind.render()(request, tmp)
        if strict and warnings:
            w = warnings[0]
            raise StrictError(w.origin, f"{w.message} [{w.code}] (--strict)")
    return Output(locale, document, "-" if kind.html else paper, rel, sha256_of(target), target.stat().st_size,
                  pages, tuple(str(w) for w in warnings), inputs=inputs, variant=variant,
                  marks=request.marks,
                  translation="source" if locale == SOURCE_LOCALE else ("complete" if translated else "incomplete"),
                  review="source" if locale == SOURCE_LOCALE else str(catalog.review))


def warm(session: Session, locales: list[str], documents: list[str]) -> None:
    """Do once what every build of these would otherwise repeat: import the renderers, read the fonts,
    load each language's CLDR data and check each locale. Run before worker processes fork, they all
    start with it done (and the parent, which writes the manifest and index afterwards, has it too).
    Best effort: a problem here is left for the build that meets it to report."""
    from babel.numbers import format_decimal  # noqa: F401 (the index's sizes)

    for document in dict.fromkeys(documents):
        kind = DOCUMENT_KINDS.get(document)
        if kind is not None:
            kind.render()
    for code in locales:
        try:
            session.errors_for(code, ())
        except MsguideError:
            pass


def build(project: Path | str = ".", locale: str = "en", document: str = "guide", output: Path | str = "dist", *,
          paper: str | None = None, strict: bool = False, clinic: Path | str | None = None,
          session: Session | None = None) -> Output:
    """Build one document for one locale from the project folder `project` (holding content/, locales/,
    fonts/) into the folder `output` (dist/). Raises MsguideError on bad input. Pass the same `session`
    to several calls to load and check the project once."""
    session = session or Session(Project(Path(project).resolve()), clinic=Path(clinic) if clinic else None,
                                 paper=paper)
    return build_document(session, locale, document, Path(output), paper=paper, strict=strict)
