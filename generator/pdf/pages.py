"""Page geometry: the sheets (A4, US Letter) and the page sizes each document derives from them."""
from __future__ import annotations

from reportlab.lib.pagesizes import A4, A5, LETTER

PAPERS = ("a4", "letter")
HALF_LETTER = (5.5 * 72, 8.5 * 72)


def sheet_size(paper: str) -> tuple[float, float]:
    """Portrait size in points of the full sheet: A4 or US Letter."""
    return {"a4": A4, "letter": LETTER}[paper]


def guide_page_size(paper: str) -> tuple[float, float]:
    """The guide's page: half the sheet, so it folds into a booklet (A5, or half-letter 5.5 × 8.5 in).

    >>> guide_page_size("letter")
    (396.0, 612.0)
    """
    return {"a4": A5, "letter": HALF_LETTER}[paper]


# The page of each document kind (documents.py) from the sheet it is printed on.
PAGE_SIZES = {"guide": guide_page_size, "sheet": sheet_size}
