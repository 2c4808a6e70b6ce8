"""The PDF shell shared by our documents: page templates, running footer with "page X of Y",
bookmarks and contents entries for headings, metadata, and deterministic output."""
from __future__ import annotations

import datetime
import re
import zlib
from dataclasses import dataclass
from typing import Callable

from reportlab import rl_config
from reportlab.pdfbase import pdfdoc as rl_pdfdoc
from reportlab.pdfgen.canvas import Canvas

# Streams are Flate-compressed; ReportLab's default ASCII85 layer on top makes every PDF about a quarter
# larger and slower to write, for 7-bit transports nobody uses for PDFs any more.
rl_config.useA85 = 0
from reportlab.platypus import BaseDocTemplate, Flowable


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


class CompactDocument(rl_pdfdoc.PDFDocument):
    """ReportLab's document writer, writing the compact form PDF 1.5 added: every object that is not a
    stream (pages, font dictionaries, links, bookmarks) goes into one compressed object stream, and the
    cross-reference table becomes a compressed stream too. The same objects in about 15% fewer bytes."""

    def format(self):
        self.encrypt.prepare(self)
        if self.encrypt.info():  # we never encrypt; ReportLab's own writer knows how
            return super().format()
        self._pdfVersion = max(self._pdfVersion, (1, 5))
        cat, info = self.Reference(self.Catalog), self.Reference(self.info)
        out = rl_pdfdoc.PDFFile(self._pdfVersion)
        self.__accum__ = out
        where: dict[int, tuple[int, int]] = {}  # object number -> (1, offset) in the file, (2, index) packed
        packed: list[tuple[int, bytes]] = []
        number = 0
        while number + 1 in self.numberToId:  # formatting may add objects as it goes
            number += 1
            oid = self.numberToId[number]
            self.encrypt.register(number, 0)
            body = rl_pdfdoc.format(self.idToObject[oid], self, toplevel=1)
            if body.rstrip().endswith(b"endstream"):
                where[number] = (1, out.add(b"%d 0 obj\n%s\nendobj\n" % (number, body.rstrip(b"\n"))))
            else:
                where[number] = (2, len(packed))
                packed.append((number, body.strip()))
        del self.__accum__
        stm, xref = number + 1, number + 2
        offsets, pos = [], 0
        for n, body in packed:
            offsets.append(b"%d %d" % (n, pos))
            pos += len(body) + 1
        head = b" ".join(offsets) + b"\n"
        data = zlib.compress(head + b"\n".join(body for _, body in packed))
        where[stm] = (1, out.add(b"%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\n"
                                 b"stream\n%s\nendstream\nendobj\n" % (stm, len(packed), len(head), len(data), data)))
        where[xref] = (1, out.offset)
        rows = [b"\x00\x00\x00\x00\x00\xff\xff"]  # object 0: the head of the free list
        for n in range(1, xref + 1):  # type 1: offset, generation 0; type 2: object stream, index in it
            kind, value = where[n]
            rows.append(bytes([kind]) + (value if kind == 1 else stm).to_bytes(4, "big") +
                        (0 if kind == 1 else value).to_bytes(2, "big"))
        table = zlib.compress(b"".join(rows))
        ident = re.search(rb"\[.*?\]", self.ID(), re.S).group(0)
        out.add(b"%d 0 obj\n<< /Type /XRef /Size %d /W [ 1 4 2 ] /Root %s /Info %s /ID %s /Filter /FlateDecode "
                b"/Length %d >>\nstream\n%s\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n"
                % (xref, xref + 1, cat.format(self), info.format(self), ident, len(table), table, where[xref][1]))
        return out.format(self)


class DeferredCanvas(Canvas):
    """A canvas that draws what it cannot know yet (the page count, a section's page in the contents)
    later: `defer` leaves a marker in the page's content stream now, and at save, when the document is
    complete, the marker is replaced by what `draw` paints, in the graphics state the marker had. So one
    layout pass is enough (no second pass for the contents or "page X of Y"), and nothing is added to the
    file for it: no form XObject per page number."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._doc.__class__ = CompactDocument  # the same document, written compactly at save
        self._deferred: list[tuple[int, str, Callable[[Canvas], None]]] = []
        self.pages_done = 0

    def defer(self, draw: Callable[[Canvas], None]) -> None:
        # A comment line of its own: drawn text cannot contain it, as ReportLab escapes line breaks
        # inside strings, so the marker is found only where it was put.
        marker = f"%deferred {len(self._deferred)}"
        self._code.append(marker)
        self._deferred.append((self.pages_done, marker, draw))

    def showPage(self):
        self.pages_done += 1
        super().showPage()

    def _draw_deferred(self) -> None:
        if self._code:
            self.showPage()
        pages = self._doc.Pages.pages
        for page_index, marker, draw in self._deferred:
            self._code = []
            self.saveState()
            draw(self)
            self.restoreState()
            page = pages[page_index]
            stream, line = "\n" + page.stream, f"\n{marker}\n"  # the marker may be the page's first line
            assert line in stream, marker
            page.stream = stream.replace(line, "\n" + "\n".join(self._code) + "\n", 1)[1:]
        self._code = []
        self._deferred = []

    def save(self):
        self._draw_deferred()
        super().save()

    def getpdfdata(self):
        self._draw_deferred()
        return super().getpdfdata()


class MsguideDocTemplate(BaseDocTemplate):
    """BaseDocTemplate with our outline, contents and page-count bookkeeping."""

    def __init__(self, filename, *, meta: PdfMeta, **kw):
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
        self.heading_pages: dict[str, int] = {}  # bookmark key -> page, for the contents
        self.edition = meta.date

    def beforeDocument(self):
        self.heading_pages = {}
        self.canv.showOutline()
        if self.edition is not None:  # still the same bytes on every build: the date is the content's
            stamp = f"D:{self.edition:%Y%m%d}000000Z"
            self.canv.setDateFormatter(lambda *_: stamp)

    def build(self, flowables):
        super().build(flowables, canvasmaker=DeferredCanvas)

    def afterFlowable(self, flowable):
        while hasattr(flowable, "head"):  # KeepWithNext drawn whole: its heading is inside
            flowable = flowable.head
        if isinstance(flowable, Heading) and flowable.key not in self.heading_pages:
            self.heading_pages[flowable.key] = self.page
            self.canv.bookmarkPage(flowable.key)
            self.canv.addOutlineEntry(flowable.outline_title, flowable.key, level=flowable.level, closed=False)


def footer_painter(draw: Callable[[Canvas, int, Callable[[], int]], None]):
    """An onPageEnd callback: draw(canvas, page, total) where total() is only known at save, so the
    callback must defer whatever uses it."""

    def paint(canv: DeferredCanvas, doc):
        canv.saveState()
        draw(canv, doc.page, lambda: canv.pages_done)
        canv.restoreState()

    return paint
