"""The documents msguide makes, as one table that drives building, the command line's choices and the
download page: what each shows, how it is drawn (renderer, theme, page), its file name and its label.
No heavy imports: the command line reads this to parse its arguments."""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable


@dataclass(frozen=True)
class DocumentKind:
    """One output document."""

    name: str
    texts: str  # guide | summary | checklist: whose texts it shows (and whose translation state it reports)
    renderer: str  # "module:function" under generator/, imported only when such a document is built
    theme: str | None  # a key of layout.theme.THEMES (None: the web edition has no print theme)
    page: str | None  # a key of pdf.pages.PAGE_SIZES: "guide" (half a sheet) or "sheet"
    ext: str = "pdf"
    stem: str | None = None  # the file name before -<locale>, when not the kind's name
    paper_names: tuple[tuple[str, str], ...] = (("a4", "A4"), ("letter", "US Letter"))  # for people
    tagged: bool = True  # a tagged PDF (PDF/UA-1), for screen readers; the booklet is for printing only
    site_note: str | None = None  # an interface string the download page shows under its link
    max_pages: int | None = None  # more is a layout.overflow warning (the summary: one sheet, both sides)

    @property
    def html(self) -> bool:
        return self.ext == "html"

    @property
    def large_print(self) -> bool:
        return self.theme == "large"

    @property
    def file_stem(self) -> str:
        return self.stem or self.name

    @property
    def site_label(self) -> str:
        """The interface string that names it on the download page."""
        return f"ui.site.{self.name}"

    def paper_name(self, paper: str) -> str:
        return dict(self.paper_names).get(paper, paper)

    def render(self) -> Callable[[Any, Path], int]:
        """The renderer: render(request, path) -> pages (0 for a web page)."""
        module, _, function = self.renderer.partition(":")
        return getattr(importlib.import_module(f"generator.{module}"), function)


_HALF = (("a4", "A5"), ("letter", "5.5 × 8.5 in"))

# In the order the download page lists them.
DOCUMENT_KINDS = {d.name: d for d in (
    DocumentKind("html", "guide", "html.webpage:render_html", None, None, ext="html", stem="guide", paper_names=()),
    DocumentKind("guide", "guide", "layout.guide:render_guide", "guide", "guide", paper_names=_HALF,
                 site_note="ui.site.online"),
    DocumentKind("booklet", "guide", "pdf.booklet:render_booklet", "guide", "guide", tagged=False,
                 site_note="ui.site.print-howto"),
    DocumentKind("large-print", "guide", "layout.guide:render_guide", "large", "sheet"),
    DocumentKind("summary", "summary", "layout.summary:render_summary", "summary", "sheet", max_pages=2),
    DocumentKind("summary-large-print", "summary", "layout.summary:render_summary", "large", "sheet", max_pages=8),
    DocumentKind("checklist", "checklist", "layout.checklist:render_checklist", "sheet", "sheet"),
    DocumentKind("checklist-html", "checklist", "html.checklist:render_checklist_html", None, None, ext="html",
                 stem="checklist", paper_names=()),
    DocumentKind("checklist-large-print", "checklist", "layout.checklist:render_checklist", "large", "sheet"),
)}
DOCUMENTS = tuple(DOCUMENT_KINDS)


def output_variant(document: str, paper: str | None, territory_paper: str, marks: bool) -> str:
    """What sets an output apart from its language's own edition, for its file name: a paper other than
    the territory's (a web page has none), the booklet's crop and fold marks. "" for the edition itself,
    so a build with other options never overwrites it.

    >>> output_variant("guide", "a4", "letter", False), output_variant("booklet", "letter", "letter", True)
    ('a4', 'marks')
    >>> output_variant("html", "a4", "letter", True), output_variant("booklet", "a4", "letter", True)
    ('', 'a4-marks')
    """
    kind = DOCUMENT_KINDS[document]
    parts = [paper] if paper and paper != territory_paper and not kind.html else []
    if marks and document == "booklet":
        parts.append("marks")
    return "-".join(parts)


def output_relpath(locale: str, document: str, clinic_slug: str | None = None, variant: str = "") -> str:
    """<locale>/<document>-<locale>.pdf under dist/ (with -<variant> before the extension for one built
    with other options), or under clinics/<slug>/ for a clinic's own set.

    >>> output_relpath("fr", "html"), output_relpath("en", "booklet", "city"), output_relpath("en", "guide", variant="a4")
    ('fr/guide-fr.html', 'clinics/city/en/booklet-en.pdf', 'en/guide-en-a4.pdf')
    """
    kind = DOCUMENT_KINDS[document]
    rel = f"{locale}/{kind.file_stem}-{locale}{'-' + variant if variant else ''}.{kind.ext}"
    return f"clinics/{clinic_slug}/{rel}" if clinic_slug else rel


@dataclass(frozen=True)
class Request:
    """Everything a renderer needs for one document, prepared by building/document.py."""

    kind: DocumentKind
    content: Any  # source.content.Content
    loc: Any  # i18n.localise.Localiser
    fonts: Any  # layout.fonts.FontSet
    theme: Any  # layout.theme.Theme, or None
    page_size: tuple[float, float] | None
    paper: str
    notices: Any  # layout.context.Notices
    warn: Callable[[Any], None]
    clinic: Any = None  # source.clinic.Clinic
    clinic_origin: Any = None
    marks: bool = False
