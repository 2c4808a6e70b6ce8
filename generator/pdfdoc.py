"""The PDF shell shared by our documents: page templates, running footer with "page X of Y",
bookmarks and contents entries for headings, metadata, and deterministic output."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Paragraph


@dataclass(frozen=True)
class PdfMeta:
    title: str
    author: str
    subject: str
    keywords: str
    lang: str  # BCP 47 tag, the PDF's /Lang


class Heading(Paragraph):
    """A paragraph that becomes a bookmark, an outline entry and a contents line."""

    def __init__(self, markup: str, style, *, key: str, outline_title: str, level: int = 0, toc: bool = True):
        super().__init__(markup, style)
        self.markup = markup  # escaped, font-fallback markup: the contents entry reuses it
        self.key = key
        self.outline_title = outline_title
        self.level = level
        self.toc = toc


class PageTotal(Flowable):
    """Zero-size indexing flowable: the page count of the last pass, so footers can say "of Y".

    multiBuild repeats passes until every indexing flowable is satisfied; this one is satisfied once two
    passes agree on the count, which with the contents page is the second pass in practice."""

    def __init__(self):
        super().__init__()
        self.previous: int | None = None
        self.count: int | None = None
        self._last: int | None = None

    def isIndexing(self):
        return 1

    def isSatisfied(self):
        return self.previous == self.count

    def beforeBuild(self):
        self.previous = self.count

    def afterBuild(self):
        pass

    def notify(self, kind, stuff):
        pass

    def wrap(self, aw, ah):
        return 0, 0

    def draw(self):
        pass


class MsguideDocTemplate(BaseDocTemplate):
    """BaseDocTemplate with our outline, contents and page-count bookkeeping."""

    def __init__(self, filename, *, meta: PdfMeta, page_total: PageTotal, **kw):
        super().__init__(
            filename,
            title=meta.title,
            author=meta.author,
            subject=meta.subject,
            keywords=meta.keywords,
            creator="msguide",
            producer="msguide (ReportLab)",
            lang=meta.lang,
            displayDocTitle=1,
            invariant=1,
            **kw,
        )
        self.page_total = page_total
        self._seen_keys: set[str] = set()

    def beforeDocument(self):
        self._seen_keys = set()
        self.canv.showOutline()

    def afterPage(self):
        self.page_total.count = self.page

    def afterFlowable(self, flowable):
        while hasattr(flowable, "head"):  # KeepWithNext drawn whole: its heading is inside
            flowable = flowable.head
        if isinstance(flowable, Heading) and flowable.key not in self._seen_keys:
            self._seen_keys.add(flowable.key)
            self.canv.bookmarkPage(flowable.key)
            self.canv.addOutlineEntry(flowable.outline_title, flowable.key, level=flowable.level, closed=False)
            if flowable.toc:
                self.notify("TOCEntry", (flowable.level, flowable.markup, self.page, flowable.key))


def footer_painter(draw: Callable[[Canvas, int, int | None], None], page_total: PageTotal):
    """An onPageEnd callback that calls draw(canvas, page, total_or_None)."""

    def paint(canv: Canvas, doc):
        canv.saveState()
        draw(canv, doc.page, page_total.previous)
        canv.restoreState()

    return paint
