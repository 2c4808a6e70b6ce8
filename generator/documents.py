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


DOCUMENT_KINDS = {d.name: d for d in (
    DocumentKind("guide", "guide"),
    DocumentKind("booklet", "guide", booklet=True),
    DocumentKind("large-print", "guide", large_print=True),
    DocumentKind("checklist", "checklist"),
    DocumentKind("checklist-large-print", "checklist", large_print=True),
)}
DOCUMENTS = tuple(DOCUMENT_KINDS)
