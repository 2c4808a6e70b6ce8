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
from ..errors import ContentError, Finding, MsguideError, Origin, ValidationError, excerpt, shorten
from .project import CONTENT_FILES  # noqa: F401 (where the content is read from)
from .yamlsafe import Node, load_yaml

ID_RE = re.compile(r"^[a-z0-9]+(?:[.-][a-z0-9]+)*$")
PLACEHOLDER_RE = re.compile(r"\{([a-z_]+)\}")
MAX_TEXT_CHARS = 4000
# Names the layout itself supplies to interface strings (besides the guide's `values`).
LAYOUT_ARGS = frozenset({"page", "pages", "language", "count", "total", "question", "steps", "address", "title"})


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


@dataclass(frozen=True)
class Subheading:
    """A heading inside a section, one level below the section's: chunks long prose."""

    id: str
    text: Text


@dataclass(frozen=True)
class ComparisonColumn:
    id: str
    tone: str  # key | warning | note, as a callout's
    title: Text
    items: tuple[Text, ...]


@dataclass(frozen=True)
class Comparison:
    """Two boxes side by side (who may benefit, who is unlikely to), each a title and bullet items."""

    id: str
    columns: tuple[ComparisonColumn, ComparisonColumn]


@dataclass(frozen=True)
class TableRow:
    id: str
    cells: tuple[Text, ...]  # the first is the row's header


@dataclass(frozen=True)
class Table:
    """A data table: a header cell per column, rows of as many cells, the first cell of a row its header."""

    id: str
    caption: Text | None
    columns: tuple[Text, ...]
    rows: tuple[TableRow, ...]


@dataclass(frozen=True)
class PathwayStep:
    id: str
    title: Text
    text: Text


@dataclass(frozen=True)
class Pathway:
    """Next steps: numbered boxes joined by arrows, with a line on how to use them."""

    id: str
    intro: Text | None
    steps: tuple[PathwayStep, ...]


Block = Paragraph | ListBlock | Callout | Steps | Glossary | Sources | Subheading | Comparison | Table | Pathway


@dataclass(frozen=True)
class Section:
    id: str
    title: Text
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class SummaryPart:
    """A part of the summary: a guide section's title as its heading, then blocks of the guide, shown as
    the guide shows them (the same Text objects: nothing is written or translated twice)."""

    section_id: str
    title: Text
    blocks: tuple[Block, ...]
    origin: Origin


@dataclass(frozen=True)
class SummaryPage:
    parts: tuple[SummaryPart, ...]
    origin: Origin


@dataclass(frozen=True)
class Summary:
    """The summary (summary.yaml): one sheet, both sides; the parts each side shows, in order."""

    pages: tuple[SummaryPage, ...]
    origin: Origin

    @property
    def parts(self) -> tuple[SummaryPart, ...]:
        return tuple(part for page in self.pages for part in page.parts)

    @property
    def blocks(self) -> tuple[Block, ...]:
        return tuple(b for part in self.parts for b in part.blocks)


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
class KeyAnswers:
    """The box that closes the checklist: the answers to be sure of before deciding (a list to read, not
    questions to tick)."""

    id: str
    title: Text
    intro: Text | None
    items: tuple[Text, ...]


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
    key_answers: KeyAnswers | None  # in reading order: after the specialist's points, before the notes
    notes: Text


@dataclass(frozen=True)
class Content:
    guide: Guide
    checklist: Checklist
    ui: dict[str, Text]
    files: tuple[Path, ...]
    summary: Summary | None = None  # None only while the guide it refers to has problems of its own

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
        """The texts one document shows (its own and the interface's): `document` is a document kind's
        `texts`, guide, summary (the guide's texts it selects) or checklist."""
        if document == "summary":
            for part in self.summary.parts:
                yield part.title
                yield from _walk_texts(part.blocks)
        else:
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


class _Skip(Exception):
    """A structure that cannot be read: its finding is recorded, the reader moves on to the next one."""


class _Reader:
    """Schema checks over located YAML nodes; `path` is the dotted route shown in messages. Problems are
    collected, not raised one at a time: a structure that cannot be read is left out (its finding
    recorded) and reading goes on with the next, so one run reports every problem of the content."""

    def __init__(self, ids: dict[str, Origin]):
        self.ids = ids
        self.findings: list[Finding] = []
        self.value_names: frozenset[str] | None = None  # the guide's values, once read (None: unknown)

    def note(self, node: Node | Origin, path: str, message: str) -> None:
        origin = node.origin if isinstance(node, Node) else node
        self.findings.append(Finding("content.schema", origin, f"{path}: {message}" if path else message))

    def fail(self, node: Node | Origin, path: str, message: str):
        self.note(node, path, message)
        raise _Skip

    def part(self, read):
        """read(), or None when it cannot be read (its finding recorded)."""
        try:
            return read()
        except _Skip:
            return None

    def each(self, nodes: list[Node], read) -> list:
        """read(i, node) for every node; those that cannot be read are left out."""
        out = []
        for i, node in enumerate(nodes):
            try:
                out.append(read(i, node))
            except _Skip:
                pass
        return out

    def mapping(self, node: Node, path: str, required: tuple[str, ...], optional: tuple[str, ...] = ()):
        if node.kind != "map":
            self.fail(node, path, f"expected a mapping, got {node.describe()}")
        allowed = required + optional
        suggested = set()
        for key, origin in node.key_origins.items():
            if key not in allowed:  # noted, not fatal: the known keys are still read
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else f"; expected one of: {', '.join(allowed)}"
                self.note(origin, _join(path, shorten(key)), f"unknown key{hint}")
                suggested.update(close)
        missing = [key for key in required if key not in node.value]
        if missing:
            if set(missing) <= suggested:  # a misspelt key: its hint already says what is missing
                raise _Skip
            self.fail(node, path, f"missing key {missing[0]!r}")
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
            self.fail(node, path, f"ID {excerpt(value)} must be lowercase letters, digits, '-' and '.'")
        if value in self.ids:
            self.fail(node, path, f"duplicate ID {excerpt(value)} (first used at {self.ids[value]})")
        self.ids[value] = node.origin
        return value

    def derived_id(self, node: Node, path: str, value: str) -> str:
        """The ID a text takes from its block's (`types.table.caption`): unique like any other."""
        if value in self.ids:
            self.fail(node, path, f"this text's ID {excerpt(value)} is already used at {self.ids[value]}")
        self.ids[value] = node.origin
        return value

    def text(self, node: Node, path: str, text_id: str, allowed: frozenset[str], note: str = "") -> Text:
        source = " ".join(self.scalar(node, path).split()) if "\n" in node.value else self.scalar(node, path)
        if len(source) > MAX_TEXT_CHARS:
            self.fail(node, path, f"text is {len(source)} characters; the limit is {MAX_TEXT_CHARS}")
        try:
            check_text(source, node.origin, path, allowed)
        except ContentError as exc:
            self.findings.append(Finding.of(exc, "content.markup"))
            raise _Skip from None
        return Text(text_id, source, node.origin, note)


def check_text(source: str, origin: Origin, path: str, allowed: frozenset[str] | None) -> None:
    """Raise ContentError if `source` has broken markup, an unknown placeholder or a stray brace.
    `allowed` None: the names are not known (the file declaring them could not be read), so not checked."""
    prefix = f"{path}: " if path else ""
    for name in PLACEHOLDER_RE.findall(source):
        if allowed is not None and name not in allowed:
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
    def read(i, item):
        p = _join(path, i)
        m = r.mapping(item, p, ("id", "text"))
        return r.text(m["text"], _join(p, "text"), r.new_id(m["id"], _join(p, "id")), allowed, note)

    return tuple(r.each(r.seq(node, path), read))


def _block(r: _Reader, node: Node, path: str, allowed) -> Block:
    if node.kind != "map" or "type" not in node.value:
        r.fail(node, path, "expected a block with a 'type'")
    kind = r.scalar(node.value["type"], _join(path, "type"))
    builder = _BLOCKS.get(kind)
    if builder is None:
        close = difflib.get_close_matches(kind, _BLOCKS, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else f"; expected one of: {', '.join(_BLOCKS)}"
        r.fail(node.value["type"], _join(path, "type"), f"unknown block type {excerpt(kind)}{hint}")
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


TONES = ("key", "warning", "note")


def _tone(r, node: Node, path: str) -> str:
    tone = r.scalar(node, path)
    if tone not in TONES:
        r.fail(node, path, f"expected key, warning or note, got {excerpt(tone)}")
    return tone


def _callout(r, node, path, allowed):
    m = r.mapping(node, path, ("type", "id", "tone"), ("title", "text", "items"))
    block_id = r.new_id(m["id"], _join(path, "id"))
    tone = _tone(r, m["tone"], _join(path, "tone"))
    if "text" not in m and "items" not in m:
        r.fail(node, path, "a callout needs 'text', 'items' or both")
    title = r.text(m["title"], _join(path, "title"), block_id + ".title", allowed, "guide: box title") if "title" in m else None
    text = r.text(m["text"], _join(path, "text"), block_id, allowed, "guide: text in a box") if "text" in m else None
    items = _items(r, m["items"], _join(path, "items"), allowed, "guide: list item in a box") if "items" in m else ()
    return Callout(block_id, tone, title, text, items)


def _steps(r, node, path, allowed):
    m = r.mapping(node, path, ("type", "id", "items"))
    block_id = r.new_id(m["id"], _join(path, "id"))
    items = r.seq(m["items"], _join(path, "items"), 2)

    def read(i, item):
        p = _join(_join(path, "items"), i)
        s = r.mapping(item, p, ("id", "label", "text"))
        step_id = r.new_id(s["id"], _join(p, "id"))
        label = r.text(s["label"], _join(p, "label"), step_id + ".label", allowed,
                       "guide: label in the steps diagram; at most 2 short lines")
        return Step(step_id, label, r.text(s["text"], _join(p, "text"), step_id, allowed, "guide: step explanation"))

    steps = r.each(items, read)
    if len(items) > 6:
        r.fail(m["items"], _join(path, "items"), "the diagram has room for at most 6 steps")
    return Steps(block_id, tuple(steps))


def _glossary(r, node, path, allowed):
    m = r.mapping(node, path, ("type", "id", "items"))
    block_id = r.new_id(m["id"], _join(path, "id"))
    def read(i, item):
        p = _join(_join(path, "items"), i)
        e = r.mapping(item, p, ("id", "term", "definition"))
        entry_id = r.new_id(e["id"], _join(p, "id"))
        return GlossaryEntry(
            entry_id,
            r.text(e["term"], _join(p, "term"), entry_id + ".term", allowed, "guide: glossary term"),
            r.text(e["definition"], _join(p, "definition"), entry_id, allowed, "guide: glossary definition"),
        )

    return Glossary(block_id, tuple(r.each(r.seq(m["items"], _join(path, "items")), read)))


def _sources(r, node, path, allowed):
    m = r.mapping(node, path, ("type", "id", "items"))
    block_id = r.new_id(m["id"], _join(path, "id"))
    def read(i, item):
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
        return SourceEntry(
            entry_id,
            r.text(e["publisher"], _join(p, "publisher"), entry_id + ".publisher", allowed, "guide: source publisher"),
            r.text(e["title"], _join(p, "title"), entry_id + ".title", allowed, "guide: title of a source (keep the original title where it has one)"),
            url,
            r.text(e["note"], _join(p, "note"), entry_id + ".note", allowed, "guide: note on a source") if "note" in e else None,
        )

    return Sources(block_id, tuple(r.each(r.seq(m["items"], _join(path, "items")), read)))


def _heading(r, node, path, allowed):
    m = r.mapping(node, path, ("type", "id", "text"))
    block_id = r.new_id(m["id"], _join(path, "id"))
    return Subheading(block_id, r.text(m["text"], _join(path, "text"), block_id, allowed,
                                       "guide: subheading inside a section; also a bookmark under it"))


def _counted(r, node: Node, path: str, nodes: list, least: int, most: int, what: str) -> None:
    """A finding when `nodes` are fewer than `least` or more than `most` (read first, so their own
    problems are reported in the same run)."""
    if not least <= len(nodes) <= most:
        exactly = f"exactly {least}" if least == most else f"{least} to {most}"
        r.fail(node, path, f"expected {exactly} {what}, got {len(nodes)}")


def _comparison(r, node, path, allowed):
    m = r.mapping(node, path, ("type", "id", "columns"))
    block_id = r.new_id(m["id"], _join(path, "id"))
    p_cols = _join(path, "columns")
    nodes = r.seq(m["columns"], p_cols)

    def read(i, col):
        p = _join(p_cols, i)
        c = r.mapping(col, p, ("id", "tone", "title", "items"))
        col_id = r.new_id(c["id"], _join(p, "id"))
        tone = r.part(lambda: _tone(r, c["tone"], _join(p, "tone")))
        title = r.part(lambda: r.text(c["title"], _join(p, "title"),
                                      r.derived_id(c["title"], _join(p, "title"), col_id + ".title"), allowed,
                                      "guide: comparison, title of one of two boxes side by side (keep it short)"))
        items = r.part(lambda: _items(r, c["items"], _join(p, "items"), allowed, "guide: comparison, bullet item in a box"))
        if tone is None or title is None or items is None:  # each problem recorded: the column is left out
            raise _Skip
        return ComparisonColumn(col_id, tone, title, items)

    columns = r.each(nodes, read)
    _counted(r, m["columns"], p_cols, nodes, COMPARISON_COLUMNS, COMPARISON_COLUMNS, "columns")
    if len(columns) != len(nodes):
        raise _Skip
    return Comparison(block_id, tuple(columns))


def _table(r, node, path, allowed):
    m = r.mapping(node, path, ("type", "id", "columns", "rows"), ("caption",))
    block_id = r.new_id(m["id"], _join(path, "id"))
    caption = r.part(lambda: r.text(m["caption"], _join(path, "caption"),
                                    r.derived_id(m["caption"], _join(path, "caption"), block_id + ".caption"),
                                    allowed, "guide: table caption, shown above the table")) if "caption" in m else None
    p_cols, p_rows = _join(path, "columns"), _join(path, "rows")
    col_nodes = r.part(lambda: r.seq(m["columns"], p_cols))
    columns = _items(r, m["columns"], p_cols, allowed,
                     "guide: table column header; 2 to 4 columns share the page's width: keep it short") \
        if col_nodes is not None else ()
    width = len(col_nodes) if col_nodes is not None else None

    def read(i, row):
        p = _join(p_rows, i)
        rm = r.mapping(row, p, ("id", "cells"))
        row_id = r.new_id(rm["id"], _join(p, "id"))
        p_cells = _join(p, "cells")
        cell_nodes = r.seq(rm["cells"], p_cells)

        def cell(j, node):
            pc = _join(p_cells, j)
            cm = r.mapping(node, pc, ("id", "text"))
            note = "guide: table, a row's header (its first cell)" if j == 0 else "guide: table cell"
            return r.text(cm["text"], _join(pc, "text"), r.new_id(cm["id"], _join(pc, "id")), allowed, note)

        cells = r.each(cell_nodes, cell)
        if width is not None and len(cell_nodes) != width:  # at the first cell too many, or at the row's cells
            extra = len(cell_nodes) > width
            r.fail(cell_nodes[width] if extra else rm["cells"], _join(p_cells, width) if extra else p_cells,
                   f"the row has {len(cell_nodes)} cell(s); the table has {width} columns")
        if len(cells) != len(cell_nodes):
            raise _Skip
        return TableRow(row_id, tuple(cells))

    row_nodes = r.part(lambda: r.seq(m["rows"], p_rows))
    rows = r.each(row_nodes or [], read)
    if col_nodes is None or row_nodes is None:
        raise _Skip
    _counted(r, m["columns"], p_cols, col_nodes, *TABLE_COLUMNS, "columns")
    if len(columns) != len(col_nodes) or len(rows) != len(row_nodes) or ("caption" in m and caption is None):
        raise _Skip
    return Table(block_id, caption, columns, tuple(rows))


def _pathway(r, node, path, allowed):
    m = r.mapping(node, path, ("type", "id", "items"), ("intro",))
    block_id = r.new_id(m["id"], _join(path, "id"))
    intro = r.part(lambda: r.text(m["intro"], _join(path, "intro"),
                                  r.derived_id(m["intro"], _join(path, "intro"), block_id + ".intro"), allowed,
                                  "guide: next-steps pathway, one line on how to use it")) if "intro" in m else None
    p_items = _join(path, "items")
    nodes = r.seq(m["items"], p_items)

    def read(i, item):
        p = _join(p_items, i)
        s = r.mapping(item, p, ("id", "title", "text"))
        step_id = r.new_id(s["id"], _join(p, "id"))
        title = r.part(lambda: r.text(s["title"], _join(p, "title"),
                                      r.derived_id(s["title"], _join(p, "title"), step_id + ".title"), allowed,
                                      "guide: next-steps pathway, title of a numbered box"))
        text = r.text(s["text"], _join(p, "text"), step_id, allowed,
                      "guide: next-steps pathway, text in a numbered box (who, how, when)")
        if title is None:
            raise _Skip
        return PathwayStep(step_id, title, text)

    steps = r.each(nodes, read)
    _counted(r, m["items"], p_items, nodes, *PATHWAY_STEPS, "steps")
    if len(steps) != len(nodes) or ("intro" in m and intro is None):
        raise _Skip
    return Pathway(block_id, intro, tuple(steps))


COMPARISON_COLUMNS = 2
TABLE_COLUMNS = (2, 4)
PATHWAY_STEPS = (2, 8)

_BLOCKS = {
    "paragraph": _paragraph,
    "heading": _heading,
    "bullets": _list(False),
    "numbered": _list(True),
    "callout": _callout,
    "steps": _steps,
    "glossary": _glossary,
    "sources": _sources,
    "comparison": _comparison,
    "table": _table,
    "pathway": _pathway,
}


def _values(r: _Reader, node: Node) -> dict[str, Value]:
    if node.kind != "map":
        r.fail(node, "values", f"expected a mapping, got {node.describe()}")

    def read(name: str, v: Node) -> Value:
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
                r.fail(m["money"], _join(path, "money"), f"expected an amount such as \"150000\", got {excerpt(raw)}")
            currency = r.scalar(m["currency"], _join(path, "currency"))
            if not re.fullmatch(r"[A-Z]{3}", currency):
                r.fail(m["currency"], _join(path, "currency"), f"expected an ISO 4217 code such as USD, got {excerpt(currency)}")
            return Value(name, "money", amount=amount, currency=currency)
        if "date" in m:
            r.mapping(v, path, ("date",))
            raw = r.scalar(m["date"], _join(path, "date"))
            try:
                date = dt.date.fromisoformat(raw)
            except ValueError:
                r.fail(m["date"], _join(path, "date"), f"expected a date as YYYY-MM-DD, got {excerpt(raw)}")
            return Value(name, "date", date=date)
        r.fail(v, path, "expected 'money' with 'currency', or 'date'")

    values = r.each(list(node.value.items()), lambda i, item: read(*item))
    return {v.name: v for v in values}


def _guide(r: _Reader, root: Node) -> Guide:
    top = r.mapping(root, "", ("cover", "values", "sections"))
    values = r.part(lambda: _values(r, top["values"])) or {}
    # every value the file declares, even one whose own definition is wrong: a text using it is not
    # wrong too (that would report one problem twice)
    declared = top["values"].value if top["values"].kind == "map" else None
    r.value_names = frozenset(declared) if declared is not None else None
    allowed = r.value_names

    def read_cover():
        cover = r.mapping(top["cover"], "cover", ("title", "subtitle", "audience"))
        for key in cover:
            r.ids.setdefault(f"cover.{key}", cover[key].origin)
        notes = {"title": "guide: cover title; at most 3 lines on the cover", "subtitle": "guide: cover subtitle",
                 "audience": "guide: cover, who the guide is for"}
        return [r.part(lambda k=k: r.text(cover[k], f"cover.{k}", f"cover.{k}", allowed, note))
                for k, note in notes.items()]

    def read_section(i, sec):
        p = _join("sections", i)
        s = r.mapping(sec, p, ("id", "title", "blocks"))
        sec_id = r.new_id(s["id"], _join(p, "id"))
        title = r.part(lambda: r.text(s["title"], _join(p, "title"), sec_id + ".title", allowed,
                                      "guide: section heading, contents, bookmark"))
        blocks = r.each(r.seq(s["blocks"], _join(p, "blocks")),
                        lambda j, b: _block(r, b, _join(_join(p, "blocks"), j), allowed))
        return Section(sec_id, title, tuple(blocks))

    cover = r.part(read_cover) or [None, None, None]
    sections = r.each(r.part(lambda: r.seq(top["sections"], "sections")) or [], read_section)
    return Guide(*cover, values, tuple(sections))


def _checklist(r: _Reader, root: Node) -> Checklist:
    top = r.mapping(root, "", ("title", "intro", "fields", "groups", "specialist", "notes"), ("key_answers",))
    none: frozenset[str] = frozenset()
    r.ids.setdefault("cl.title", top["title"].origin)
    part = r.part
    title = part(lambda: r.text(top["title"], "title", "cl.title", none, "checklist: title"))
    intro = part(lambda: _items(r, top["intro"], "intro", none, "checklist: how to use it"))
    fields = part(lambda: _items_as(r, top["fields"], "fields", "label",
                                    "checklist: header field label; names a form field; at most 20 characters"))

    def read_group(i, g):
        p = _join("groups", i)
        m = r.mapping(g, p, ("id", "title", "questions"))
        gid = r.new_id(m["id"], _join(p, "id"))
        gtitle = part(lambda: r.text(m["title"], _join(p, "title"), gid + ".title", none, "checklist: group heading"))
        qs = part(lambda: _items(r, m["questions"], _join(p, "questions"), none,
                                 "checklist: question; also the form field's tooltip")) or ()
        return QuestionGroup(gid, gtitle, tuple(Question(q.id, q) for q in qs))

    groups = r.each(part(lambda: r.seq(top["groups"], "groups")) or [], read_group)

    def read_specialist():
        sp = r.mapping(top["specialist"], "specialist", ("id", "title", "intro", "points"))
        sid = r.new_id(sp["id"], "specialist.id")
        points = part(lambda: _items(r, sp["points"], "specialist.points", none,
                                     "checklist: point to discuss with your MS specialist")) or ()
        return (sid,
                part(lambda: r.text(sp["title"], "specialist.title", sid + ".title", none, "checklist: section heading")),
                part(lambda: r.text(sp["intro"], "specialist.intro", sid + ".intro", none,
                                    "checklist: section introduction")),
                tuple(Question(p.id, p) for p in points))

    def read_key_answers():
        ka = r.mapping(top["key_answers"], "key_answers", ("id", "title", "items"), ("intro",))
        kid = r.new_id(ka["id"], "key_answers.id")
        title = part(lambda: r.text(ka["title"], "key_answers.title", kid + ".title", none,
                                    "checklist: heading of the box of key answers, near the end"))
        intro = part(lambda: r.text(ka["intro"], "key_answers.intro", kid + ".intro", none,
                                    "checklist: introduction of the box of key answers")) if "intro" in ka else None
        items = part(lambda: _items(r, ka["items"], "key_answers.items", none,
                                    "checklist: list item in the box of key answers (no tick box)")) or ()
        return KeyAnswers(kid, title, intro, items)

    def read_notes():
        notes = r.mapping(top["notes"], "notes", ("id", "label"))
        nid = r.new_id(notes["id"], "notes.id")
        return r.text(notes["label"], "notes.label", nid, none, "checklist: label of the final notes field")

    sid, stitle, sintro, points = part(read_specialist) or (None, None, None, ())
    key_answers = part(read_key_answers) if "key_answers" in top else None
    return Checklist(title, intro, fields, tuple(groups), sid, stitle, sintro, points, key_answers,
                     part(read_notes))


def _items_as(r: _Reader, node: Node, path: str, key: str, note: str) -> tuple[Text, ...]:
    def read(i, item):
        p = _join(path, i)
        m = r.mapping(item, p, ("id", key))
        return r.text(m[key], _join(p, key), r.new_id(m["id"], _join(p, "id")), frozenset(), note)

    return tuple(r.each(r.seq(node, path), read))


def _ui(r: _Reader, root: Node, values: frozenset[str] | None) -> dict[str, Text]:
    top = r.mapping(root, "", ("strings",))

    def read(i, item):
        p = _join("strings", i)
        m = r.mapping(item, p, ("id", "text", "note"))
        sid = r.new_id(m["id"], _join(p, "id"))
        note = r.scalar(m["note"], _join(p, "note"))
        allowed = None if values is None else values | LAYOUT_ARGS
        return r.text(m["text"], _join(p, "text"), sid, allowed, "interface: " + note)

    return {t.id: t for t in r.each(r.seq(top["strings"], "strings"), read)}


MAX_SUMMARY_PAGES = 2  # one sheet, both sides


def _summary(r: _Reader, root: Node, guide: Guide | None, guide_ok: bool) -> Summary | None:
    """The summary's references into the guide, resolved to the guide's own sections and blocks. An ID
    the guide does not have is an error only when the guide itself read without a problem: a block with
    a problem of its own is missing from the model, and one mistake is reported once. Returns None when
    the references could not be resolved (the guide's problems stop the build anyway)."""
    top = r.mapping(root, "", ("pages",))
    sections = {s.id: s for s in guide.sections} if guide is not None else {}
    blocks = {b.id: b for s in sections.values() for b in s.blocks}
    check = guide is not None and guide_ok
    shown: dict[str, Origin] = {}

    def unknown(node: Node, path: str, what: str, value: str, known) -> None:
        close = difflib.get_close_matches(value, known, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else f" (the {what} IDs are in guide.yaml)"
        r.fail(node, path, f"unknown {what} ID {excerpt(value)}{hint}")

    def read_block(path: str, node: Node):
        block_id = r.scalar(node, path)
        if block_id not in blocks:
            if check:
                unknown(node, path, "block", block_id, blocks)
            raise _Skip
        if block_id in shown:
            r.fail(node, path, f"block {excerpt(block_id)} is already shown (at {shown[block_id]})")
        shown[block_id] = node.origin
        return blocks[block_id]

    def read_part(path: str, node: Node) -> SummaryPart:
        m = r.mapping(node, path, ("section", "blocks"))
        sec_path = _join(path, "section")
        section_id = r.scalar(m["section"], sec_path)
        section = sections.get(section_id)
        if section is None and check:
            r.part(lambda: unknown(m["section"], sec_path, "section", section_id, sections))
        block_path = _join(path, "blocks")
        parts = r.each(r.seq(m["blocks"], block_path), lambda i, b: read_block(_join(block_path, i), b))
        if section is None or section.title is None:
            raise _Skip
        return SummaryPart(section_id, section.title, tuple(parts), node.origin)

    def read_page(i: int, node: Node) -> SummaryPage:
        path = _join("pages", i)
        m = r.mapping(node, path, ("parts",))
        parts_path = _join(path, "parts")
        parts = r.each(r.seq(m["parts"], parts_path), lambda j, p: read_part(_join(parts_path, j), p))
        return SummaryPage(tuple(parts), node.origin)

    page_nodes = r.seq(top["pages"], "pages")
    if len(page_nodes) > MAX_SUMMARY_PAGES:
        r.note(page_nodes[MAX_SUMMARY_PAGES], _join("pages", MAX_SUMMARY_PAGES),
               f"the summary is one sheet: at most {MAX_SUMMARY_PAGES} pages, got {len(page_nodes)}")
    pages = r.each(page_nodes[:MAX_SUMMARY_PAGES], read_page)
    return Summary(tuple(pages), root.origin) if check else None


def load_content(project) -> Content:
    """Read and validate guide.yaml, checklist.yaml, interface.yaml and summary.yaml through the project's
    guarded reader, in one pass that collects every problem: raise ValidationError listing them all."""
    r = _Reader({})
    files = tuple(project.content_dir / n for n in CONTENT_FILES)

    def read(path: Path, parse):
        try:
            node = load_yaml(project.folder, path)
        except MsguideError as exc:  # the file as a whole: unreadable, not YAML, refused
            r.findings.append(Finding.of(exc, "content.file"))
            return None
        return r.part(lambda: parse(r, node))

    guide = read(files[0], _guide)
    guide_ok = not r.findings
    checklist = read(files[1], _checklist)
    ui = read(files[2], lambda r, node: _ui(r, node, r.value_names))
    summary = read(files[3], lambda r, node: _summary(r, node, guide, guide_ok))
    if ui is not None:
        missing = REQUIRED_UI - r.ids.keys()  # declared, even if its text has a problem of its own
        if missing:
            r.note(Origin(project.shown(files[2])), "", f"missing interface string(s): {', '.join(sorted(missing))}")
    if r.findings:
        raise ValidationError(sorted(r.findings, key=_file_order(files, project)))
    return Content(guide, checklist, ui, files, summary)


def _file_order(files, project):
    """Findings in reading order: by file (guide, checklist, interface, summary), then line."""
    rank = {project.shown(f): i for i, f in enumerate(files)}

    def key(f: Finding):
        origin = f.origin if isinstance(f.origin, Origin) else Origin(str(f.origin or ""))
        return (rank.get(origin.path, len(rank)), origin.line)

    return key


# Interface strings the layout asks for by ID.
REQUIRED_UI = frozenset({
    "ui.toc.title", "ui.footer.page", "ui.cover.edition", "ui.careteam.title", "ui.careteam.intro",
    "ui.careteam.specialist", "ui.careteam.nurse", "ui.careteam.doctor", "ui.careteam.center",
    "ui.careteam.name", "ui.careteam.phone", "ui.doc.subject", "ui.doc.keywords", "ui.doc.publisher",
    "ui.steps.caption", "ui.cover.based-on", "ui.notice.untranslated", "ui.notice.unreviewed", "ui.checklist.visit",
    "ui.clinic.given-by", "ui.clinic.scan-guide", "ui.clinic.scan-website", "ui.site.guide", "ui.site.booklet",
    "ui.site.large-print", "ui.site.checklist", "ui.site.checklist-large-print", "ui.site.html",
    "ui.site.print-howto", "ui.site.reviewed", "ui.site.pages", "ui.checklist.asked", "ui.checklist.discussed",
    "ui.site.checklist-html", "ui.webchecklist.storage", "ui.webchecklist.no-storage", "ui.webchecklist.asked",
    "ui.webchecklist.discussed", "ui.webchecklist.answer", "ui.webchecklist.print", "ui.webchecklist.clear",
    "ui.webchecklist.clear-confirm", "ui.webchecklist.cleared",
    "ui.steps.alt", "ui.clinic.qr-alt", "ui.site.online",
    "ui.summary.title", "ui.summary.based-on", "ui.summary.full-guide", "ui.summary.full-guide-online",
    "ui.summary.scan", "ui.site.summary", "ui.site.summary-large-print",
})
