"""Flowables ReportLab lacks: a heading kept with the first lines of what follows it."""
from __future__ import annotations

from reportlab.platypus import Flowable


class KeepWithNext(Flowable):
    """`head` (a heading) glued to the start of `body`.

    ReportLab's keepWithNext wraps both in KeepTogether, which moves a long body to the next page whole
    and leaves a gap. Here the body may split as usual, as long as its first part stands on the same page
    as the heading; when not even that fits, the pair moves on together, so no heading ends a page."""

    def __init__(self, head: Flowable, body: Flowable):
        super().__init__()
        self.head = head
        self.body = body

    def _gap(self) -> float:
        return max(self.head.getSpaceAfter(), self.body.getSpaceBefore())

    def wrap(self, aw, ah):
        self._hw, self._hh = self.head.wrapOn(self.canv, aw, ah)
        self._bw, self._bh = self.body.wrapOn(self.canv, aw, max(ah - self._hh - self._gap(), 0))
        self.width = max(self._hw, self._bw)
        self.height = self._hh + self._gap() + self._bh
        return self.width, self.height

    def getSpaceBefore(self):
        return self.head.getSpaceBefore()

    def getSpaceAfter(self):
        return self.body.getSpaceAfter()

    def split(self, aw, ah):
        hw, hh = self.head.wrapOn(self.canv, aw, ah)
        room = ah - hh - self._gap()
        if room <= 0:
            return []
        parts = self.body.splitOn(self.canv, aw, room)
        if not parts:
            return []
        return [self.head, *parts]

    def drawOn(self, canvas, x, y, _sW=0):
        # heading first, so text extraction and copy-paste read in order
        self.head.drawOn(canvas, x, y + self._bh + self._gap(), _sW)
        self.body.drawOn(canvas, x, y, _sW)

    def draw(self):  # drawing is delegated in drawOn
        pass

    def identity(self, maxLen=None):
        return f"KeepWithNext({self.head.identity(maxLen)})"
