"""Paper sizes: which sheet a territory uses (CLDR), and the page sizes each document derives from it."""
from __future__ import annotations

from reportlab.lib.pagesizes import A4, A5, LETTER

# CLDR supplementalData.xml, <measurementData>: <paperSize type="US-Letter" territories="…"/>; A4 elsewhere.
# Babel does not ship this table, so it is copied here.
LETTER_TERRITORIES = frozenset("BZ CA CL CO CR GT MX NI PA PH PR SV US VE".split())
PAPERS = ("a4", "letter")
HALF_LETTER = (5.5 * 72, 8.5 * 72)


def paper_for_territory(territory: str | None) -> str:
    """The sheet a territory's printers are loaded with.

    >>> paper_for_territory("US"), paper_for_territory("MX"), paper_for_territory("FR"), paper_for_territory(None)
    ('letter', 'letter', 'a4', 'a4')
    """
    return "letter" if territory and territory.upper() in LETTER_TERRITORIES else "a4"


def sheet_size(paper: str) -> tuple[float, float]:
    """Portrait size in points of the full sheet: A4 or US Letter."""
    return {"a4": A4, "letter": LETTER}[paper]


def guide_page_size(paper: str) -> tuple[float, float]:
    """The guide's page: half the sheet, so it folds into a booklet (A5, or half-letter 5.5 × 8.5 in).

    >>> guide_page_size("letter")
    (396.0, 612.0)
    """
    return {"a4": A5, "letter": HALF_LETTER}[paper]
