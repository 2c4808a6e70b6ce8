"""The PDF shell shared by our documents: page templates, running footer with "page X of Y",
bookmarks and contents entries for headings, metadata, tagging (PDF/UA) and deterministic output."""
from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from typing import Callable

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable

from ..adapters import reportlab as rl


@dataclass(frozen=True)
class PdfMeta:
    title: str
    author: str
    subject: str
    keywords: str
    lang: str  # BCP 47 tag, the PDF's /Lang
    date: datetime.date | None = None  # the edition: creation and modification date (else ReportLab's fixed 2000-01-01)


class Heading(Flowable):
    """A heading paragraph (left-to-right or bidi) that becomes a bookmark and an outline entry."""

    def __init__(self, paragraph: Flowable, *, key: str, outline_title: str, level: int = 0):
        super().__init__()
        self.paragraph = paragraph
        self.key = key
        self.outline_title = outline_title
        self.level = level

    def wrap(self, aw, ah):
        self.width, self.height = self.paragraph.wrap(aw, ah)
        return self.width, self.height

    def split(self, aw, ah):
        return []  # a heading moves whole

    def getSpaceBefore(self):
        return self.paragraph.getSpaceBefore()

    def getSpaceAfter(self):
        return self.paragraph.getSpaceAfter()

    def drawOn(self, canvas, x, y, _sW=0):
        self.paragraph.drawOn(canvas, x, y, _sW)

    def draw(self):
        pass


class DeferredCanvas(Canvas):
    """A canvas that draws what it cannot know yet (the page count, a section's page in the contents)
    later: `defer` leaves a marker in the page's content stream now, and at save, when the document is
    complete, the marker is replaced by what `draw` paints, in the graphics state the marker had. So one
    layout pass is enough (no second pass for the contents or "page X of Y"), and nothing is added to the
    file for it: no form XObject per page number."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        rl.write_compact(self)  # the same document, written compactly at save
        self._deferred: list[tuple[int, str, Callable[[Canvas], None]]] = []
        self.pages_done = 0

    def defer(self, draw: Callable[[Canvas], None]) -> None:
        # A comment line of its own: drawn text cannot contain it, as ReportLab escapes line breaks
        # inside strings, so the marker is found only where it was put.
        marker = f"%deferred {len(self._deferred)}"
        rl.append_operators(self, marker)
        self._deferred.append((self.pages_done, marker, draw))

    def showPage(self):
        self.pages_done += 1
        super().showPage()

    def _draw_deferred(self) -> None:
        if rl.has_pending_page(self):
            self.showPage()
        for page_index, marker, draw in self._deferred:
            rl.swap_operators(self, [])
            self.saveState()
            draw(self)
            self.restoreState()
            drawn = rl.swap_operators(self, [])
            stream, line = "\n" + rl.page_stream(self, page_index), f"\n{marker}\n"  # may be the first line
            if line not in stream:
                raise RuntimeError(f"deferred drawing: marker {marker!r} is missing from page {page_index + 1}")
            rl.set_page_stream(self, page_index, stream.replace(line, "\n" + "\n".join(drawn) + "\n", 1)[1:])
        self._deferred = []

    def save(self):
        self._draw_deferred()
        super().save()

    def getpdfdata(self):
        self._draw_deferred()
        return super().getpdfdata()


class MsguideDocTemplate(BaseDocTemplate):
    """BaseDocTemplate with our outline, contents and page-count bookkeeping."""

    def __init__(self, filename, *, meta: PdfMeta, structure=None, **kw):
        """`structure` (pdf.tags.Element, the Document element the layout filled) makes a tagged PDF."""
        super().__init__(
            os.fspath(filename) if isinstance(filename, os.PathLike) else filename,  # a name or a binary file
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
        self.heading_pages: dict[str, int] = {}  # bookmark key -> page, for the contents
        self.edition = meta.date
        self.meta = meta
        self.structure = structure

    def beforeDocument(self):
        self.heading_pages = {}
        self.canv.showOutline()
        if self.edition is not None:  # still the same bytes on every build: the date is the content's
            stamp = f"D:{self.edition:%Y%m%d}000000Z"
            self.canv.setDateFormatter(lambda *_: stamp)
        if self.structure is not None:
            from .tags import xmp_packet

            meta = self.meta
            self.canv.structure = self.structure
            self.canv.metadata = xmp_packet(
                title=meta.title, lang=meta.lang, producer="msguide (ReportLab)",
                date=f"{meta.date:%Y-%m-%d}T00:00:00Z" if meta.date else None)

    def build(self, flowables):
        from .marking import MarkingCanvas

        with rl.flate_only():
            super().build(flowables, canvasmaker=MarkingCanvas)

    def afterFlowable(self, flowable):
        for heading in _headings(flowable):
            if heading.key not in self.heading_pages:
                self.heading_pages[heading.key] = self.page
                self.canv.bookmarkPage(heading.key)
                self.canv.addOutlineEntry(heading.outline_title, heading.key, level=heading.level, closed=False)


def _headings(flowable):
    """The headings a flowable drawn on the page holds, in order: itself, or a KeepWithNext's heading and
    those among its body (a subheading glued to what follows it, inside its section's)."""
    if isinstance(flowable, Heading):
        yield flowable
    elif isinstance(getattr(flowable, "heading", None), Heading):  # a box whose title is a heading
        yield flowable.heading
    elif hasattr(flowable, "head"):
        yield from _headings(flowable.head)
        for f in flowable.body:
            yield from _headings(f)


def footer_painter(draw: Callable[[Canvas, int, Callable[[], int]], None]):
    """An onPageEnd callback: draw(canvas, page, total) where total() is only known at save, so the
    callback must defer whatever uses it. The footer is a pagination artifact, and so is what is deferred
    from it: a deferred drawing lands where its marker was."""

    def paint(canv, doc):
        with canv.artifact("Pagination"):
            canv.saveState()
            draw(canv, doc.page, lambda: canv.pages_done)
            canv.restoreState()

    return paint
