"""The canvas of a tagged PDF: it writes marked content (`/P <</MCID n>> BDC … EMC`) around what each
structure element draws, splits a paragraph's link text into the link's own marked content, gives each
annotation to its element, makes everything drawn outside an element an artifact, and writes the
structure tree at save. Which element a drawing belongs to comes from the layout (layout/structure.py),
never from looking at the drawing."""
from __future__ import annotations

import contextlib

from ..adapters import reportlab as rl
from .document import DeferredCanvas
from .tags import MCR, OBJR, Element, TextString, set_metadata, write_tree

# Operators that put marks on the page (the last of a path's or an image's line); a text object paints
# with Tj/TJ; a deferred drawing's marker will paint, at save.
_PAINTS = frozenset("f F f* S s B B* b b* n Do sh EI".split()) - {"n"}


def _op_paints(op: str) -> bool:
    last = op[op.rfind(" ") + 1:]
    return (last in _PAINTS or " Tj" in op or " TJ" in op or " Do" in op or op.startswith("%deferred")
            or (last == "Q" and " Do\n" in op))


def _paints(ops) -> bool:
    return any(map(_op_paints, ops))


def tagging(canvas) -> bool:
    """Whether this canvas is writing a tagged PDF (the booklet's guide is not: it is only imposed)."""
    return getattr(canvas, "structure", None) is not None


class _Open:
    """A marked-content sequence the layout has begun: for an element (or an artifact when element is
    None), with the flowable whose links it may hold (owner)."""

    __slots__ = ("element", "owner", "kind", "at")

    def __init__(self, element: Element | None, owner=None, kind: str | None = None):
        self.element, self.owner, self.kind, self.at = element, owner, kind, -1


class _Sequence:
    """The `with` block of MarkingCanvas.tagged (a class: it is entered hundreds of times a document)."""

    __slots__ = ("target", "entry")

    def __init__(self, canvas, element, owner):
        self.target = canvas
        self.entry = None if canvas.structure is None or canvas.in_artifact else _Open(element, owner)

    def __enter__(self):
        if self.entry is not None:
            self.target._push(self.entry)

    def __exit__(self, *exc):
        if self.entry is not None:
            self.target._pop()
        return False


class MarkingCanvas(rl.AnnotationEvents, DeferredCanvas):
    """Sequences never nest: an element begun inside another ends the outer sequence, which begins again
    (with a new MCID) when the inner one ends; one that painted nothing is taken out again."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.structure: Element | None = None  # set by the document template when tagging
        self.metadata: str | None = None  # the XMP packet
        self.annotations: list[tuple[OBJR, Element]] = []
        self._stack: list[_Open] = []
        self._artifacts = 0
        self._next_mcid: dict[int, int] = {}
        self._target: tuple[Element, str | None] | None = None
        self._pending_links: list[tuple[str, Element, str]] = []  # (href, Link, its text) awaiting annotation
        self._link_marks: dict[int, tuple[object, list]] = {}

    # --- sequences ------------------------------------------------------------------------------

    @property
    def in_artifact(self) -> bool:
        return self._artifacts > 0

    def tagged(self, element: Element, owner=None):
        """What is drawn inside (a `with` block) belongs to `element`. `owner` (layout.structure.Tagged)
        knows the links of the paragraph drawn, so their words go into Link elements."""
        return _Sequence(self, element, owner)

    @contextlib.contextmanager
    def artifact(self, kind: str | None = None):
        """What is drawn inside is not content (a running footer: kind "Pagination")."""
        if self.structure is None:
            yield
            return
        self._push(_Open(None, kind=kind))
        self._artifacts += 1
        try:
            yield
        finally:
            self._artifacts -= 1
            self._pop()

    @contextlib.contextmanager
    def annotations_for(self, element: Element, contents: str | None = None):
        """Annotations made inside belong to `element` (a Form for a widget, a Link); a link's `contents`
        is its text, for the annotation's /Contents."""
        before, self._target = self._target, (element, contents)
        try:
            yield
        finally:
            self._target = before

    def _mcid(self) -> int:
        page = self.pages_done
        n = self._next_mcid.get(page, 0)
        self._next_mcid[page] = n + 1
        return n

    def _begin(self, entry: _Open) -> None:
        if entry.element is None:
            self.addLiteral(f"/Artifact <</Type /{entry.kind}>> BDC" if entry.kind else "/Artifact BMC")
        else:
            mcid = self._mcid()
            self.addLiteral(f"/P <</MCID {mcid}>> BDC")  # the tag is not the role: the element says that
            entry.element.kids.append(MCR(self.pages_done, mcid))
        entry.at = rl.operator_count(self) - 1

    def _end(self, entry: _Open) -> None:
        if _paints(rl.operators_from(self, entry.at + 1)):
            self.addLiteral("EMC")
            return
        rl.remove_operator(self, entry.at)  # painted nothing: no sequence, and its MCID is free again
        if entry.element is not None:
            entry.element.kids.pop()
            self._next_mcid[self.pages_done] -= 1

    def _push(self, entry: _Open) -> None:
        if self._stack:
            self._end(self._stack[-1])
        self._stack.append(entry)
        self._begin(entry)

    def _pop(self) -> None:
        self._end(self._stack.pop())
        if self._stack:
            self._begin(self._stack[-1])

    # --- links inside ReportLab paragraphs ------------------------------------------------------

    def beginText(self, x=0, y=0, direction=None):
        tx = super().beginText(x, y, direction)
        top = self._stack[-1] if self._stack else None
        if top is not None and top.element is not None and top.owner is not None and top.owner.has_links:
            marks: list = []
            self._link_marks[id(tx)] = (tx, marks)

            def record(link, what, tx=tx, owner=top.owner):
                n, href = link
                element, text = owner.link_element(n, href)
                code = rl.text_operators(tx)
                if what == "end":  # ReportLab makes the line's annotation next
                    self._pending_links.append((href, element, text))
                marks.append((len(code) - 1 if what == "start" else len(code), what, element))

            rl.on_paragraph_links(tx, record)
        return tx

    def drawText(self, tx):
        found = self._link_marks.pop(id(tx), None)
        if not found or not found[1] or not self._stack:
            return super().drawText(tx)
        top = self._stack[-1]
        element = top.element
        self._end(top)
        at: dict[int, list] = {}
        for i, what, link in found[1]:
            at.setdefault(i, []).append((what, link))
        runs: list[list] = [[element, []]]
        current = None
        for i, op in enumerate(rl.text_operators(tx)[1:], 1):
            for what, link in sorted(at.get(i, ()), key=lambda m: m[0] != "end"):
                if what == "start" and current is None:
                    runs.append([link, []])
                    current = link
                elif what == "end" and current is not None:
                    runs.append([element, []])
                    current = None
            runs[-1][1].append(op)
        out = ["BT"]
        for owner_element, ops in runs:
            if not _paints(ops):
                out += ops  # state only (font, position): outside any sequence
                continue
            if owner_element is not element and owner_element.parent is None:
                element.adopt(owner_element)
            mcid = self._mcid()
            owner_element.kids.append(MCR(self.pages_done, mcid))
            out += [f"/P <</MCID {mcid}>> BDC", *ops, "EMC"]
        out.append("ET")
        rl.append_operators(self, " ".join(out))
        self._begin(top)

    def expect_link_annotations(self, href: str, element: Element, text: str, count: int) -> None:
        """`count` annotations for `href` that ReportLab will make without calling the link hook."""
        self._pending_links += [(href, element, text)] * count

    # --- annotations ------------------------------------------------------------------------------

    def annotation_added(self, annotation) -> None:
        if self.structure is None:
            return
        contents = None
        if self._target is not None:
            element, contents = self._target
        elif self._pending_links:
            href = rl.annotation_href(annotation)
            i = next((i for i, (h, _, _) in enumerate(self._pending_links) if h == href), 0)
            _, element, contents = self._pending_links.pop(i)
        else:  # an annotation the layout did not place: still in the tree, beside what is drawn now
            top = next((e.element for e in reversed(self._stack) if e.element is not None), self.structure)
            element = top.child("Annot")
        if contents:
            rl.set_annotation_entry(annotation, "Contents", TextString(contents))
        objr = OBJR(self.pages_done, annotation)
        element.kids.append(objr)
        self.annotations.append((objr, element))

    # --- pages and the file -----------------------------------------------------------------------

    def showPage(self):
        if self.structure is not None:
            _artifacts_around_untagged(rl.page_operators(self))
        super().showPage()

    def save(self):
        self._draw_deferred()
        if self.structure is None:
            return super().save()
        write_tree(self, self.structure, self.annotations)
        if self.metadata is not None:
            set_metadata(self, self.metadata)
        with rl.tounicode_without_notdef():
            super().save()


def _artifacts_around_untagged(code: list[str]) -> None:
    """Everything painted outside a marked-content sequence (rules, tints, table backgrounds, the cover's
    motif, a form field's border) becomes an artifact, in place: PDF/UA wants every mark on the page to be
    content or artifact, and what the layout did not give to an element is decoration."""
    out: list[str] = []
    depth = 0
    stretch: list[str] = []

    def flush():
        painting = [i for i, op in enumerate(stretch) if _op_paints(op)]
        if painting:
            a, b = painting[0], painting[-1] + 1
            out.extend(stretch[:a] + ["/Artifact BMC"] + stretch[a:b] + ["EMC"] + stretch[b:])
        else:
            out.extend(stretch)
        stretch.clear()

    for op in code:
        opens = op[-4:] in (" BDC", " BMC")
        if depth == 0 and not opens and "BDC" in op.split():  # a text object holding its own sequences
            flush()
            out.append(op)
            continue
        if depth == 0 and not opens:
            stretch.append(op)
            continue
        if depth == 0:
            flush()
        out.append(op)
        if opens:
            depth += 1
        elif op == "EMC":
            depth -= 1
    flush()
    code[:] = out
