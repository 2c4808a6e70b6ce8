"""The documents msguide makes: which content each shows, in which edition. No heavy imports: the
command line reads this to parse its arguments."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DocumentKind:
    """One output document: which content it shows, in which edition."""

    name: str
    base: str  # guide | checklist: whose texts it shows
    large_print: bool = False
    booklet: bool = False
    html: bool = False

    @property
    def stem(self) -> str:
        """The file name before -<locale>: the HTML edition is guide-<locale>.html."""
        return self.base if self.html else self.name


DOCUMENT_KINDS = {d.name: d for d in (
    DocumentKind("guide", "guide"),
    DocumentKind("booklet", "guide", booklet=True),
    DocumentKind("large-print", "guide", large_print=True),
    DocumentKind("checklist", "checklist"),
    DocumentKind("checklist-large-print", "checklist", large_print=True),
    DocumentKind("html", "guide", html=True),
)}
DOCUMENTS = tuple(DOCUMENT_KINDS)


def output_relpath(locale: str, document: str, clinic_slug: str | None = None) -> str:
    """<locale>/<document>-<locale>.pdf under dist/, or under clinics/<slug>/ for a clinic's own set."""
    ext = "html" if DOCUMENT_KINDS[document].html else "pdf"
    rel = f"{locale}/{DOCUMENT_KINDS[document].stem}-{locale}.{ext}"
    return f"clinics/{clinic_slug}/{rel}" if clinic_slug else rel
