"""Which structure element each flowable is: the layout builders make elements (pdf/tags.py) in content
order as they make flowables, and wrap each flowable that draws content in `Tagged`, which has the canvas
mark its drawing as that element's. A flowable split across pages stays one element; one drawn again (a
table's header row repeated on the next page) is an artifact the second time.

A flowable that knows its own structure (BidiParagraph: a Span per run of a line, with the logical text as
/ActualText) says so with `tags_own_content = True` and is handed its element as `element`."""
from __future__ import annotations

from reportlab.platypus import Flowable

from ..adapters import reportlab as rl
from ..pdf.marking import tagging
from ..pdf.tags import Element


# The attributes of a header cell (TH) in a data table: PDF/UA wants each header's scope.
COLUMN_HEADER = {"O": "Table", "Scope": "Column"}
ROW_HEADER = {"O": "Table", "Scope": "Row"}  # a row's first cell


class Tagged(Flowable):
    """`flowable`, drawn as (part of) `element`."""

    def __init__(self, flowable: Flowable, element: Element, _owner: "Tagged | None" = None):
        super().__init__()
        self.f, self.element = flowable, element
        self._owner = _owner or self  # split parts share their links
        self._links: dict[int, tuple[Element, str]] = {}
        # a paragraph's links and their words, read before it is wrapped (wrapping replaces its fragments)
        self._link_texts = rl.paragraph_links(flowable) if _owner is None else None
        self._drawn = False
        for k in ("hAlign", "vAlign", "style"):  # read often by frames and containers
            if hasattr(flowable, k):
                setattr(self, k, getattr(flowable, k))

    def __getattr__(self, name):  # what containers read of a paragraph (blPara, style, line_ranges)
        if name.startswith("__") or "f" not in self.__dict__:
            raise AttributeError(name)
        return getattr(self.__dict__["f"], name)

    def wrap(self, aw, ah):
        f = self.f
        canv = self.__dict__.get("canv")
        self.width, self.height = f.wrapOn(canv, aw, ah) if canv is not None else f.wrap(aw, ah)
        return self.width, self.height

    def split(self, aw, ah):
        parts = self.f.splitOn(getattr(self, "canv", None), aw, ah)
        return [Tagged(p, self.element, self._owner) for p in parts]

    def getSpaceBefore(self):
        return self.f.getSpaceBefore()

    def getSpaceAfter(self):
        return self.f.getSpaceAfter()

    def minWidth(self):
        return self.f.minWidth()

    def identity(self, maxLen=None):
        return f"Tagged({self.element.role}, {self.f.identity(maxLen)})"

    @property
    def has_links(self) -> bool:
        """Whether the paragraph drawn holds links (else the canvas need not follow its words)."""
        return bool(self._owner._link_texts)

    def link_element(self, n: int, href: str) -> tuple[Element, str]:
        """The Link element of the paragraph's link n (made on first use) and the link's whole text."""
        owner = self._owner
        if n not in owner._links:
            href_, text = owner._link_texts.get(n, (href, href))
            owner._links[n] = (Element("Link"), text)
        return owner._links[n]

    def drawOn(self, canv, x, y, _sW=0):
        if not tagging(canv):
            return self.f.drawOn(canv, x, y, _sW)
        if self._drawn:  # drawn again: a repetition, not more content
            with canv.artifact():
                return self.f.drawOn(canv, x, y, _sW)
        self._drawn = True
        draw_as(canv, self.element, self.f, x, y, _sW, owner=self)

    def draw(self):
        pass


def draw_as(canv, element: Element, flowable: Flowable, x: float, y: float, _sW: float = 0, *,
            owner: Tagged | None = None) -> None:
    """Draw `flowable` as `element`'s content (for flowables drawn by a container of their own, such as
    the contents' lines)."""
    if getattr(flowable, "tags_own_content", False):
        flowable.element = element
        flowable.drawOn(canv, x, y, _sW)
        return
    owner = owner or Tagged(flowable, element)
    whole = rl.whole_paragraph_link(flowable)
    if whole is not None:  # one style, all link: ReportLab draws it without telling us about the link
        link, text = owner.link_element(*whole)
        element.adopt(link)
        canv.expect_link_annotations(whole[1], link, text, rl.paragraph_line_count(flowable))
        with canv.tagged(link):
            flowable.drawOn(canv, x, y, _sW)
        return
    with canv.tagged(element, owner=owner):
        flowable.drawOn(canv, x, y, _sW)


class _Label:
    """Draws a list item's bullet or number as its Lbl."""

    def __init__(self, bullet, element: Element):
        self.bullet, self.element = bullet, element

    def drawOn(self, indenter, canv, x, y, _sW=0):
        with canv.tagged(self.element):
            self.bullet.drawOn(indenter, canv, x, y, _sW)

    def __getattr__(self, name):  # ReportLab reads the bullet's value and type to size the labels
        if name.startswith("__") or "bullet" not in self.__dict__:
            raise AttributeError(name)
        return getattr(self.__dict__["bullet"], name)


def label_list_items(list_flowable, labels: list[Element]) -> None:
    """Draw each item's bullet or number of a ListFlowable as the Lbl element given for it, in order (None:
    as an artifact)."""
    items = rl.list_items(list_flowable)
    for item, label in zip(items, labels):
        bullet, _ = rl.item_parts(item)
        if bullet is not None and label is not None:
            rl.set_item_bullet(item, _Label(bullet, label))
