"""The content model: frozen dataclasses read from content/*.yaml, each text remembering its file and line."""
from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Iterator

from . import markup
from ..errors import ContentError, Origin
from .yamlsafe import Node, load_yaml

ID_RE = re.compile(r"^[a-z0-9]+(?:[.-][a-z0-9]+)*$")
PLACEHOLDER_RE = re.compile(r"\{([a-z_]+)\}")
MAX_TEXT_CHARS = 4000
CONTENT_FILES = ("guide.yaml", "checklist.yaml", "interface.yaml")
# Names the layout itself supplies to interface strings (besides the guide's `values`).
LAYOUT_ARGS = frozenset({"page", "pages", "language", "count", "total", "question"})


@dataclass(frozen=True)
class Text:
    """One translatable string: its stable ID (the gettext msgctxt), English source and origin."""

    id: str
    source: str
    origin: Origin
    note: str = ""  # for translators: where it appears, limits

    @property
    def placeholders(self) -> frozenset[str]:
        return frozenset(PLACEHOLDER_RE.findall(self.source))


@dataclass(frozen=True)
class Paragraph:
    id: str
    text: Text


@dataclass(frozen=True)
class ListBlock:
    id: str
    numbered: bool
    items: tuple[Text, ...]


@dataclass(frozen=True)
class Callout:
    id: str
    tone: str  # key | warning | note
    title: Text | None
    text: Text | None
    items: tuple[Text, ...]


@dataclass(frozen=True)
class Step:
    id: str
    label: Text
    text: Text


@dataclass(frozen=True)
class Steps:
    id: str
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class GlossaryEntry:
    id: str
    term: Text
    definition: Text


@dataclass(frozen=True)
class Glossary:
    id: str
    entries: tuple[GlossaryEntry, ...]


@dataclass(frozen=True)
class SourceEntry:
    id: str
    publisher: Text
    title: Text
    url: str | None
    note: Text | None


@dataclass(frozen=True)
class Sources:
    id: str
    entries: tuple[SourceEntry, ...]


Block = Paragraph | ListBlock | Callout | Steps | Glossary | Sources


@dataclass(frozen=True)
class Section:
    id: str
    title: Text
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Value:
    """A value the locale formats: money (amount, currency) or a date."""

    name: str
    kind: str  # money | date
    amount: Decimal | None = None
    currency: str | None = None
    date: dt.date | None = None


@dataclass(frozen=True)
class Guide:
    title: Text
    subtitle: Text
    audience: Text
    values: dict[str, Value]
    sections: tuple[Section, ...]


@dataclass(frozen=True)
class Question:
    id: str
    text: Text


@dataclass(frozen=True)
class QuestionGroup:
    id: str
    title: Text
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Checklist:
    title: Text
    intro: tuple[Text, ...]
    fields: tuple[Text, ...]  # header fields: id names the form field, source is the label
    groups: tuple[QuestionGroup, ...]
    specialist_id: str
    specialist_title: Text
    specialist_intro: Text
    specialist_points: tuple[Question, ...]
    notes: Text


@dataclass(frozen=True)
class Content:
    guide: Guide
    checklist: Checklist
    ui: dict[str, Text]
    files: tuple[Path, ...]

    def texts(self) -> Iterator[Text]:
        """Every translatable text, in reading order: guide, checklist, interface."""
        yield from _walk_texts(self.guide)
        yield from _walk_texts(self.checklist)
        yield from self.ui.values()

    @property
    def edition(self) -> dt.date | None:
        """The date of this edition: when the content was last reviewed (the `reviewed` value)."""
        reviewed = self.guide.values.get("reviewed")
        return reviewed.date if reviewed is not None else None

    def document_texts(self, document: str) -> Iterator[Text]:
        """The texts one document shows (its own and the interface's)."""
        yield from _walk_texts(self.guide if document == "guide" else self.checklist)
        yield from self.ui.values()


def _walk_texts(obj) -> Iterator[Text]:
    if isinstance(obj, Text):
        yield obj
    elif isinstance(obj, (tuple, list)):
        for item in obj:
            yield from _walk_texts(item)
    elif hasattr(obj, "__dataclass_fields__"):
        for name in obj.__dataclass_fields__:
            yield from _walk_texts(getattr(obj, name))


# --- reading ---------------------------------------------------------------------------------------


class _Reader:
    """Schema checks over located YAML nodes; `path` is the dotted route shown in messages."""

    def __init__(self, ids: dict[str, Origin]):
        self.ids = ids

    def fail(self, node: Node | Origin, path: str, message: str):
        origin = node.origin if isinstance(node, Node) else node
        raise ContentError(origin, f"{path}: {message}" if path else message)

    def mapping(self, node: Node, path: str, required: tuple[str, ...], optional: tuple[str, ...] = ()):
        if node.kind != "map":
            self.fail(node, path, f"expected a mapping, got {node.describe()}")
        allowed = required + optional
        for key, origin in node.key_origins.items():
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else f"; expected one of: {', '.join(allowed)}"
                self.fail(origin, _join(path, key), f"unknown key{hint}")
        for key in required:
            if key not in node.value:
                self.fail(node, path, f"missing key {key!r}")
        return node.value

    def seq(self, node: Node, path: str, min_items: int = 1) -> list[Node]:
        if node.kind != "seq":
            self.fail(node, path, f"expected a list, got {node.describe()}")
        if len(node.value) < min_items:
            self.fail(node, path, f"expected at least {min_items} item(s)")
        return node.value

    def scalar(self, node: Node, path: str) -> str:
        if node.kind != "scalar" or node.is_null:
            self.fail(node, path, f"expected text, got {node.describe()}")
        value = node.value.strip()
        if not value:
            self.fail(node, path, "expected text, got an empty string")
        return value

    def new_id(self, node: Node, path: str) -> str:
        value = self.scalar(node, path)
        if not ID_RE.match(value):
            self.fail(node, path, f"ID {value!r} must be lowercase letters, digits, '-' and '.'")
        if value in self.ids:
            self.fail(node, path, f"duplicate ID {value!r} (first used at {self.ids[value]})")
        self.ids[value] = node.origin
        return value

    def text(self, node: Node, path: str, text_id: str, allowed: frozenset[str], note: str = "") -> Text:
        source = " ".join(self.scalar(node, path).split()) if "\n" in node.value else self.scalar(node, path)
        if len(source) > MAX_TEXT_CHARS:
            self.fail(node, path, f"text is {len(source)} characters; the limit is {MAX_TEXT_CHARS}")
        check_text(source, node.origin, path, allowed)
        return Text(text_id, source, node.origin, note)


def check_text(source: str, origin: Origin, path: str, allowed: frozenset[str]) -> None:
    """Raise ContentError if `source` has broken markup, an unknown placeholder or a stray brace."""
    prefix = f"{path}: " if path else ""
    for name in PLACEHOLDER_RE.findall(source):
        if name not in allowed:
            known = ", ".join("{%s}" % n for n in sorted(allowed)) or "none"
            raise ContentError(origin, f"{prefix}unknown placeholder {{{name}}} (known: {known})")
    stray = re.search(r"[{}]", PLACEHOLDER_RE.sub("", source))
    if stray:
        raise ContentError(origin, f"{prefix}stray {stray.group()!r}: placeholders look like {{name}}")
    try:
        markup.parse(source)
    except markup.MarkupSyntaxError as exc:
        raise ContentError(origin, f"{prefix}{exc}") from None


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def _items(r: _Reader, node: Node, path: str, allowed, note: str = "") -> tuple[Text, ...]:
    out = []
    for i, item in enumerate(r.seq(node, path)):
        p = _join(path, i)
        m = r.mapping(item, p, ("id", "text"))
        out.append(r.text(m["text"], _join(p, "text"), r.new_id(m["id"], _join(p, "id")), allowed, note))
    return tuple(out)


def _block(r: _Reader, node: Node, path: str, allowed) -> Block:
    if node.kind != "map" or "type" not in node.value:
        r.fail(node, path, "expected a block with a 'type'")
    kind = r.scalar(node.value["type"], _join(path, "type"))
    builder = _BLOCKS.get(kind)
    if builder is None:
        close = difflib.get_close_matches(kind, _BLOCKS, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else f"; expected one of: {', '.join(_BLOCKS)}"
        r.fail(node.value["type"], _join(path, "type"), f"unknown block type {kind!r}{hint}")
    return builder(r, node, path, allowed)


def _paragraph(r, node, path, allowed):
    m = r.mapping(node, path, ("type", "id", "text"))
    block_id = r.new_id(m["id"], _join(path, "id"))
    return Paragraph(block_id, r.text(m["text"], _join(path, "text"), block_id, allowed, "guide: paragraph"))


def _list(numbered: bool):
    def build(r, node, path, allowed):
        m = r.mapping(node, path, ("type", "id", "items"))
        note = "guide: numbered list item" if numbered else "guide: bullet list item"
        block_id = r.new_id(m["id"], _join(path, "id"))
        return ListBlock(block_id, numbered, _items(r, m["items"], _join(path, "items"), allowed, note))

    return build


def _callout(r, node, path, allowed):
    m = r.mapping(node, path, ("type", "id", "tone"), ("title", "text", "items"))
    block_id = r.new_id(m["id"], _join(path, "id"))
    tone = r.scalar(m["tone"], _join(path, "tone"))
    if tone not in ("key", "warning", "note"):
        r.fail(m["tone"], _join(path, "tone"), f"expected key, warning or note, got {tone!r}")
    if "text" not in m and "items" not in m:
        r.fail(node, path, "a callout needs 'text', 'items' or both")
    title = r.text(m["title"], _join(path, "title"), block_id + ".title", allowed, "guide: box title") if "title" in m else None
    text = r.text(m["text"], _join(path, "text"), block_id, allowed, "guide: text in a box") if "text" in m else None
    items = _items(r, m["items"], _join(path, "items"), allowed, "guide: list item in a box") if "items" in m else ()
    return Callout(block_id, tone, title, text, items)


def _steps(r, node, path, allowed):
    m = r.mapping(node, path, ("type", "id", "items"))
    block_id = r.new_id(m["id"], _join(path, "id"))
    steps = []
    for i, item in enumerate(r.seq(m["items"], _join(path, "items"), 2)):
        p = _join(_join(path, "items"), i)
        s = r.mapping(item, p, ("id", "label", "text"))
        step_id = r.new_id(s["id"], _join(p, "id"))
        label = r.text(s["label"], _join(p, "label"), step_id + ".label", allowed,
                       "guide: label in the steps diagram; at most 2 short lines")
        steps.append(Step(step_id, label, r.text(s["text"], _join(p, "text"), step_id, allowed, "guide: step explanation")))
    if len(steps) > 6:
        r.fail(m["items"], _join(path, "items"), "the diagram has room for at most 6 steps")
    return Steps(block_id, tuple(steps))


def _glossary(r, node, path, allowed):
    m = r.mapping(node, path, ("type", "id", "items"))
    block_id = r.new_id(m["id"], _join(path, "id"))
    entries = []
    for i, item in enumerate(r.seq(m["items"], _join(path, "items"))):
        p = _join(_join(path, "items"), i)
        e = r.mapping(item, p, ("id", "term", "definition"))
        entry_id = r.new_id(e["id"], _join(p, "id"))
        entries.append(GlossaryEntry(
            entry_id,
            r.text(e["term"], _join(p, "term"), entry_id + ".term", allowed, "guide: glossary term"),
            r.text(e["definition"], _join(p, "definition"), entry_id, allowed, "guide: glossary definition"),
        ))
    return Glossary(block_id, tuple(entries))


def _sources(r, node, path, allowed):
    m = r.mapping(node, path, ("type", "id", "items"))
    block_id = r.new_id(m["id"], _join(path, "id"))
    entries = []
    for i, item in enumerate(r.seq(m["items"], _join(path, "items"))):
        p = _join(_join(path, "items"), i)
        e = r.mapping(item, p, ("id", "publisher", "title"), ("url", "note"))
        entry_id = r.new_id(e["id"], _join(p, "id"))
        url = None
        if "url" in e:
            url = r.scalar(e["url"], _join(p, "url"))
            try:
                markup.check_url(url)
            except markup.MarkupSyntaxError as exc:
                r.fail(e["url"], _join(p, "url"), str(exc))
        entries.append(SourceEntry(
            entry_id,
            r.text(e["publisher"], _join(p, "publisher"), entry_id + ".publisher", allowed, "guide: source publisher"),
            r.text(e["title"], _join(p, "title"), entry_id + ".title", allowed, "guide: title of a source (keep the original title where it has one)"),
            url,
            r.text(e["note"], _join(p, "note"), entry_id + ".note", allowed, "guide: note on a source") if "note" in e else None,
        ))
    return Sources(block_id, tuple(entries))


_BLOCKS = {
    "paragraph": _paragraph,
    "bullets": _list(False),
    "numbered": _list(True),
    "callout": _callout,
    "steps": _steps,
    "glossary": _glossary,
    "sources": _sources,
}


def _values(r: _Reader, node: Node) -> dict[str, Value]:
    if node.kind != "map":
        r.fail(node, "values", f"expected a mapping, got {node.describe()}")
    values = {}
    for name, v in node.value.items():
        path = _join("values", name)
        if not re.fullmatch(r"[a-z_]+", name):
            r.fail(node.key_origins[name], path, "value names are lowercase letters and '_'")
        m = r.mapping(v, path, (), ("money", "currency", "date"))
        if "money" in m:
            r.mapping(v, path, ("money", "currency"))
            raw = r.scalar(m["money"], _join(path, "money"))
            try:
                amount = Decimal(raw)
                if not amount.is_finite() or amount < 0 or amount > 10**12:
                    raise InvalidOperation
            except InvalidOperation:
                r.fail(m["money"], _join(path, "money"), f"expected an amount such as \"150000\", got {raw!r}")
            currency = r.scalar(m["currency"], _join(path, "currency"))
            if not re.fullmatch(r"[A-Z]{3}", currency):
                r.fail(m["currency"], _join(path, "currency"), f"expected an ISO 4217 code such as USD, got {currency!r}")
            values[name] = Value(name, "money", amount=amount, currency=currency)
        elif "date" in m:
            r.mapping(v, path, ("date",))
            raw = r.scalar(m["date"], _join(path, "date"))
            try:
                date = dt.date.fromisoformat(raw)
            except ValueError:
                r.fail(m["date"], _join(path, "date"), f"expected a date as YYYY-MM-DD, got {raw!r}")
            values[name] = Value(name, "date", date=date)
        else:
            r.fail(v, path, "expected 'money' with 'currency', or 'date'")
    return values


def _guide(r: _Reader, root: Node) -> Guide:
    top = r.mapping(root, "", ("cover", "values", "sections"))
    values = _values(r, top["values"])
    allowed = frozenset(values)
    cover = r.mapping(top["cover"], "cover", ("title", "subtitle", "audience"))
    for key in cover:
        r.ids.setdefault(f"cover.{key}", cover[key].origin)
    sections = []
    seen_titles: set[str] = set()
    for i, sec in enumerate(r.seq(top["sections"], "sections")):
        p = _join("sections", i)
        s = r.mapping(sec, p, ("id", "title", "blocks"))
        sec_id = r.new_id(s["id"], _join(p, "id"))
        title = r.text(s["title"], _join(p, "title"), sec_id + ".title", allowed, "guide: section heading, contents, bookmark")
        seen_titles.add(title.source)
        blocks = tuple(_block(r, b, _join(_join(p, "blocks"), j), allowed) for j, b in enumerate(r.seq(s["blocks"], _join(p, "blocks"))))
        sections.append(Section(sec_id, title, blocks))
    return Guide(
        r.text(cover["title"], "cover.title", "cover.title", allowed, "guide: cover title; at most 3 lines on the cover"),
        r.text(cover["subtitle"], "cover.subtitle", "cover.subtitle", allowed, "guide: cover subtitle"),
        r.text(cover["audience"], "cover.audience", "cover.audience", allowed, "guide: cover, who the guide is for"),
        values,
        tuple(sections),
    )


def _checklist(r: _Reader, root: Node) -> Checklist:
    top = r.mapping(root, "", ("title", "intro", "fields", "groups", "specialist", "notes"))
    none: frozenset[str] = frozenset()
    r.ids.setdefault("cl.title", top["title"].origin)
    title = r.text(top["title"], "title", "cl.title", none, "checklist: title")
    intro = _items(r, top["intro"], "intro", none, "checklist: how to use it")
    fields = _items_as(r, top["fields"], "fields", "label", "checklist: header field label; names a form field; at most 20 characters")
    groups = []
    for i, g in enumerate(r.seq(top["groups"], "groups")):
        p = _join("groups", i)
        m = r.mapping(g, p, ("id", "title", "questions"))
        gid = r.new_id(m["id"], _join(p, "id"))
        gtitle = r.text(m["title"], _join(p, "title"), gid + ".title", none, "checklist: group heading")
        qs = _items(r, m["questions"], _join(p, "questions"), none, "checklist: question; also the form field's tooltip")
        groups.append(QuestionGroup(gid, gtitle, tuple(Question(q.id, q) for q in qs)))
    sp = r.mapping(top["specialist"], "specialist", ("id", "title", "intro", "points"))
    sid = r.new_id(sp["id"], "specialist.id")
    notes = r.mapping(top["notes"], "notes", ("id", "label"))
    nid = r.new_id(notes["id"], "notes.id")
    points = _items(r, sp["points"], "specialist.points", none, "checklist: point to discuss with your MS specialist")
    return Checklist(
        title, intro, fields, tuple(groups), sid,
        r.text(sp["title"], "specialist.title", sid + ".title", none, "checklist: section heading"),
        r.text(sp["intro"], "specialist.intro", sid + ".intro", none, "checklist: section introduction"),
        tuple(Question(p.id, p) for p in points),
        r.text(notes["label"], "notes.label", nid, none, "checklist: label of the final notes field"),
    )


def _items_as(r: _Reader, node: Node, path: str, key: str, note: str) -> tuple[Text, ...]:
    out = []
    for i, item in enumerate(r.seq(node, path)):
        p = _join(path, i)
        m = r.mapping(item, p, ("id", key))
        out.append(r.text(m[key], _join(p, key), r.new_id(m["id"], _join(p, "id")), frozenset(), note))
    return tuple(out)


def _ui(r: _Reader, root: Node, values: frozenset[str]) -> dict[str, Text]:
    top = r.mapping(root, "", ("strings",))
    out: dict[str, Text] = {}
    for i, item in enumerate(r.seq(top["strings"], "strings")):
        p = _join("strings", i)
        m = r.mapping(item, p, ("id", "text", "note"))
        sid = r.new_id(m["id"], _join(p, "id"))
        note = r.scalar(m["note"], _join(p, "note"))
        out[sid] = r.text(m["text"], _join(p, "text"), sid, values | LAYOUT_ARGS, "interface: " + note)
    return out


def load_content(content_dir: Path, display_root: Path | None = None) -> Content:
    """Read and validate guide.yaml, checklist.yaml and interface.yaml; raise ContentError on the first problem."""
    def shown(p: Path) -> str:
        try:
            return str(p.relative_to(display_root)) if display_root else str(p)
        except ValueError:
            return str(p)

    ids: dict[str, Origin] = {}
    r = _Reader(ids)
    files = tuple(content_dir / n for n in CONTENT_FILES)
    guide = _guide(r, load_yaml(files[0], shown(files[0])))
    checklist = _checklist(r, load_yaml(files[1], shown(files[1])))
    ui = _ui(r, load_yaml(files[2], shown(files[2])), frozenset(guide.values))
    missing = REQUIRED_UI - ui.keys()
    if missing:
        raise ContentError(Origin(shown(files[2])), f"missing interface string(s): {', '.join(sorted(missing))}")
    return Content(guide, checklist, ui, files)


# Interface strings the layout asks for by ID.
REQUIRED_UI = frozenset({
    "ui.toc.title", "ui.footer.page", "ui.cover.edition", "ui.careteam.title", "ui.careteam.intro",
    "ui.careteam.specialist", "ui.careteam.nurse", "ui.careteam.doctor", "ui.careteam.center",
    "ui.careteam.name", "ui.careteam.phone", "ui.doc.subject", "ui.doc.keywords", "ui.doc.publisher",
    "ui.steps.caption", "ui.cover.based-on", "ui.notice.untranslated", "ui.notice.unreviewed", "ui.checklist.visit",
    "ui.clinic.given-by", "ui.clinic.scan-guide", "ui.clinic.scan-website", "ui.site.guide", "ui.site.booklet",
    "ui.site.large-print", "ui.site.checklist", "ui.site.checklist-large-print", "ui.site.html",
    "ui.site.print-howto", "ui.site.reviewed", "ui.site.pages", "ui.checklist.asked", "ui.checklist.discussed",
})
