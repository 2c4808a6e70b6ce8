"""The structure tree of a tagged PDF (PDF/UA-1): elements made by the layout in content order, the
marked content and annotations the canvas attaches to them while drawing, and the tree written into the
document at save, with the catalog entries and XMP metadata PDF/UA asks for."""
from __future__ import annotations

from xml.sax.saxutils import escape as _xml_escape

from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFName, PDFObject, PDFObjectReference, PDFStream, PDFZCompress

from ..adapters import reportlab as rl


class MCR:
    """A marked-content sequence: its page (0-based) and its MCID there."""

    __slots__ = ("page", "mcid")

    def __init__(self, page: int, mcid: int):
        self.page, self.mcid = page, mcid


class OBJR:
    """An annotation (link or form widget) that belongs to an element."""

    __slots__ = ("page", "annotation")

    def __init__(self, page: int, annotation):
        self.page, self.annotation = page, annotation


class Element:
    """A structure element: a standard role (P, H2, L, LI, Lbl, LBody, Link, Figure, Form, Table, TR, TH,
    TD, TOC, TOCI, Span, Sect, Div, Document) and its kids in reading order: elements, marked content
    (MCR) and annotations (OBJR). Made with its parent, so the tree is in the order the layout made it."""

    __slots__ = ("role", "parent", "kids", "alt", "actual_text", "lang", "attributes")

    def __init__(self, role: str, parent: "Element | None" = None, *, alt: str | None = None,
                 actual_text: str | None = None, lang: str | None = None, attributes: dict | None = None):
        self.role, self.parent, self.kids = role, parent, []
        self.alt, self.actual_text, self.lang = alt, actual_text, lang
        self.attributes = attributes  # the /A dictionary: {"O": "List", "ListNumbering": "Decimal"}
        if parent is not None:
            parent.kids.append(self)

    def child(self, role: str, **kw) -> "Element":
        return Element(role, self, **kw)

    def adopt(self, element: "Element") -> "Element":
        """Take `element` (and its kids) as this element's last kid, from wherever it was."""
        if element.parent is not None:
            element.parent.kids.remove(element)
        element.parent = self
        self.kids.append(element)
        return element

    def elements(self):
        """This element and every element below it, in reading order."""
        yield self
        for k in self.kids:
            if isinstance(k, Element):
                yield from k.elements()

    def first_page(self) -> int | None:
        for k in self.kids:
            page = k.first_page() if isinstance(k, Element) else k.page
            if page is not None:
                return page
        return None

    def __repr__(self):
        return f"Element({self.role!r}, {len(self.kids)} kids)"


class TextString(PDFObject):
    """A PDF text string in the fewest bytes: ASCII as it is, anything else as UTF-16BE bytes, with only
    the three characters a literal string must escape (and CR, which readers would turn into LF) escaped.
    (ReportLab's PDFString writes every byte over 127 as a 4-character octal escape: Arabic /ActualText
    would take eight bytes a letter.)"""

    def __init__(self, text: str):
        self.text = text

    def format(self, document) -> bytes:
        raw = self.text.encode("ascii") if self.text.isascii() else b"\xfe\xff" + self.text.encode("utf-16-be")
        for ch in (b"\\", b"(", b")"):
            raw = raw.replace(ch, b"\\" + ch)
        return b"(" + raw.replace(b"\r", b"\\r") + b")"


class _ElementDict(PDFObject):
    """A structure element's dictionary, written without ReportLab's line breaks and spaces: a guide has
    hundreds of them. Values are bytes already written, ints, references, text strings or lists of them."""

    def __init__(self, entries: dict):
        self.dict = entries

    def __setitem__(self, key, value):
        self.dict[key] = value

    def format(self, document) -> bytes:
        return b"<<" + b"".join(b"/%s %s" % (k.encode("ascii"), _value(v, document))
                                for k, v in self.dict.items()) + b">>"


class _ElementList(PDFObject):
    """An array of ints and references (the parent tree's), written as _ElementDict writes its values."""

    def __init__(self, items: list):
        self.items = items

    def format(self, document) -> bytes:
        return _value(self.items, document)


def _value(v, document) -> bytes:
    kind = type(v)
    if kind is PDFObjectReference:
        return rl.reference_bytes(document, v)
    if kind is bytes:
        return v
    if kind is int:
        return b"%d" % v
    if kind is list:
        return b"[" + b" ".join([_value(x, document) for x in v]) + b"]"
    return pdfdoc.format(v, document)


_NAMES: dict[str, bytes] = {}


def _name(name: str) -> bytes:
    """A PDF name as bytes (the roles and attribute values here are plain ASCII words)."""
    if name not in _NAMES:
        _NAMES[name] = b"/" + name.encode("ascii")
    return _NAMES[name]


def prune(element: Element) -> bool:
    """Drop the elements below `element` that hold no content (an empty cell, a clinic block not shown),
    and fold an element's only Span into it; True if `element` holds some."""
    element.kids = [k for k in element.kids if not isinstance(k, Element) or prune(k)]
    if len(element.kids) == 1 and isinstance(element.kids[0], Element) and element.kids[0].role == "Span":
        span = element.kids[0]
        if element.actual_text is None and span.lang in (None, element.lang):
            element.actual_text, element.kids = span.actual_text, span.kids
            for k in element.kids:
                if isinstance(k, Element):
                    k.parent = element
    return bool(element.kids)


def _entries(e: Element) -> dict:
    d = {"S": _name(e.role)}
    if e.alt is not None:
        d["Alt"] = TextString(e.alt)
    if e.actual_text is not None:
        d["ActualText"] = TextString(e.actual_text)
    if e.lang is not None:
        d["Lang"] = TextString(e.lang)
    if e.attributes:
        d["A"] = b"<<" + b"".join(_name(k) + _name(v) for k, v in e.attributes.items()) + b">>"
    return d


def write_tree(canvas, root: Element, annotations: list[tuple[OBJR, Element]]) -> None:
    """Add the structure tree below `root` to the canvas's document, before it is saved: the elements, the
    parent tree (page and annotation -> element), each page's /StructParents and /Tabs /S, each
    annotation's /StructParent; then the catalog's /StructTreeRoot and /MarkInfo. Object order follows the
    tree, so the same document gives the same bytes."""
    prune(root)
    pages = rl.page_count_written(canvas)
    page_refs = [rl.finished_page_reference(canvas, i) for i in range(pages)]
    tree_root = PDFDictionary({"Type": PDFName("StructTreeRoot")})
    tree_ref = rl.reference(canvas, tree_root)
    elements = list(root.elements())
    dicts = [_ElementDict(_entries(e)) for e in elements]
    refs = {id(e): rl.reference(canvas, d) for e, d in zip(elements, dicts)}
    by_page: dict[int, dict[int, object]] = {}
    for e, d in zip(elements, dicts):
        ref = refs[id(e)]
        first = next((k.page for k in e.kids if isinstance(k, MCR)), None)  # /Pg: where its MCIDs are
        d["P"] = refs[id(e.parent)] if e.parent is not None and e is not root else tree_ref
        if first is not None:
            d["Pg"] = page_refs[first]
        kids = []
        for k in e.kids:
            if isinstance(k, Element):
                kids.append(refs[id(k)])
            elif isinstance(k, MCR):
                by_page.setdefault(k.page, {})[k.mcid] = ref
                kids.append(k.mcid if k.page == first else
                            _ElementDict({"Type": b"/MCR", "Pg": page_refs[k.page], "MCID": k.mcid}))
            else:  # /Pg only when not the element's own
                objr = {"Type": b"/OBJR", "Obj": rl.reference(canvas, k.annotation)}
                if k.page != first:
                    objr["Pg"] = page_refs[k.page]
                kids.append(_ElementDict(objr))
        d["K"] = kids[0] if len(kids) == 1 else kids
    nums = []
    for page in range(pages):
        entries = {"Tabs": PDFName("S")}
        if page in by_page:
            ids = by_page[page]
            entries["StructParents"] = page
            nums += [page, _ElementList([ids[i] for i in range(len(ids))])]
        rl.set_page_entries(canvas, page, entries)
    key = pages
    for objr, element in annotations:  # an element with an annotation is never pruned
        rl.set_annotation_entry(objr.annotation, "StructParent", key)
        nums += [key, refs[id(element)]]
        key += 1
    tree_root["K"] = refs[id(root)]
    tree_root["ParentTree"] = PDFDictionary({"Nums": _ElementList(nums)})
    tree_root["ParentTreeNextKey"] = key
    canvas.setCatalogEntry("StructTreeRoot", tree_ref)
    canvas.setCatalogEntry("MarkInfo", PDFDictionary({"Marked": "true"}))


def xmp_packet(*, title: str, lang: str, producer: str, date: str | None) -> str:
    """XMP metadata for PDF/UA-1: the title, the language and `pdfuaid:part 1`, ASCII only (anything else
    as character references), with no random IDs, so the bytes follow from the document alone. (Author,
    subject and keywords are in the document information dictionary.)"""

    def x(s: str) -> str:
        return "".join(c if ord(c) < 128 else f"&#x{ord(c):X};" for c in _xml_escape(s))

    dates = f"<xmp:CreateDate>{date}</xmp:CreateDate><xmp:ModifyDate>{date}</xmp:ModifyDate>" if date else ""
    return (
        '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" '
        'xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{x(title)}</rdf:li></rdf:Alt></dc:title>'
        f'<dc:language><rdf:Bag><rdf:li>{x(lang)}</rdf:li></rdf:Bag></dc:language>'
        f'<pdf:Producer>{x(producer)}</pdf:Producer>{dates}<pdfuaid:part>1</pdfuaid:part>'
        '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="r"?>'
    )


def set_metadata(canvas, packet: str) -> None:
    """The catalog's /Metadata: the XMP packet, compressed."""
    stream = PDFStream(PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}),
                       packet.encode("ascii"), filters=[PDFZCompress])
    canvas.setCatalogEntry("Metadata", rl.reference(canvas, stream))
