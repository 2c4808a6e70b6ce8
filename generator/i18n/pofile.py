"""PO files, read and written: a strict reader (every entry with its 1-based line, and every syntax problem
that `msgfmt --check` would reject; Babel's parser lets duplicates, bad escapes and a lying charset through)
and the one writer of every PO and POT file msguide makes.

The writer's convention is GNU gettext's `--no-wrap` (`msgcat --no-wrap`, `msgmerge --no-wrap`, Weblate's
"No line wrapping", Poedit with "Wrap at" unticked): a string is one line, broken only after an embedded
\n. So a changed text is one changed line in a diff, the output does not depend on any tool's idea of
where a line may break, and writing what was read gives the same bytes."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import excerpt

MAX_PO_BYTES = 2_000_000
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
_KEYWORDS = ("msgctxt", "msgid_plural", "msgid", "msgstr")


@dataclass
class PoEntry:
    line: int  # 1-based line of msgid (or msgctxt when present)
    msgctxt: str | None = None
    msgid: str = ""
    msgstr: str = ""
    flags: set[str] = field(default_factory=set)
    previous_msgid: str | None = None
    obsolete: bool = False
    plural: bool = False
    comments: list[str] = field(default_factory=list)  # the translator's own (`# …`)
    auto_comments: list[str] = field(default_factory=list)  # notes for the translator (`#. …`)
    references: list[str] = field(default_factory=list)  # where the text is (`#: file:line`)

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags


@dataclass
class PoFile:
    path: str  # as shown in messages
    header: dict[str, str]
    entries: list[PoEntry]
    errors: list[tuple[int, str]]  # (line, message): syntax problems, in file order
    header_line: int = 1  # where the header entry starts
    header_comments: list[str] = field(default_factory=list)
    header_flags: set[str] = field(default_factory=set)

    def by_context(self) -> dict[str, PoEntry]:
        return {e.msgctxt: e for e in self.entries if e.msgctxt is not None and not e.obsolete}


_SPECIAL = re.compile(r'\\(.?)|"', re.S)  # an escape (backslash and what follows), or a bare quote


def _unquote(s: str, line: int, errors: list) -> str:
    """The value of one quoted PO string, reporting bad escapes."""
    s = s.strip()
    if len(s) < 2 or not s.startswith('"') or not s.endswith('"'):
        errors.append((line, "expected a quoted string"))
        return ""
    body = s[1:-1]
    if "\\" not in body and '"' not in body:  # most strings: nothing to decode
        return body

    def decode(m: re.Match) -> str:
        if m.group(0) == '"':
            errors.append((line, 'unescaped " inside a string'))
            return '"'
        nxt = m.group(1)
        if nxt in _ESCAPES:
            return _ESCAPES[nxt]
        errors.append((line, f"invalid escape sequence \\{nxt}" if nxt else "string ends with a backslash"))
        return ""

    return _SPECIAL.sub(decode, body)


def lines_of(text: str) -> list[str]:
    """The lines of a file as editors and `msgfmt` count them: split at \\n only (a \\r before it belongs to
    the line break). str.splitlines() also splits at form feeds, U+2028 and NEL, which would shift every
    line number after a comment that holds one.

    >>> lines_of("a\\r\\nb\\x0cc\\u2028d\\x85e\\n")
    ['a', 'b\\x0cc\\u2028d\\x85e']
    """
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def parse_po(data: bytes, path: str) -> PoFile:
    """Parse PO bytes. Problems are collected in `errors`, never raised, so a check reports them all."""
    errors: list[tuple[int, str]] = []
    if len(data) > MAX_PO_BYTES:
        return PoFile(path, {}, [], [(0, f"file is {len(data)} bytes; the limit is {MAX_PO_BYTES}")])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return PoFile(path, {}, [], [(line, "not valid UTF-8 (PO files must be UTF-8)")])
    if text.startswith("\ufeff"):
        text = text[1:]
    entries: list[PoEntry] = []
    cur: PoEntry | None = None
    pending_flags: set[str] = set()
    pending_prev: str | None = None
    pending_notes: dict[str, list[str]] = {"#": [], "#.": [], "#:": []}
    field_name: str | None = None
    started_line = 0

    def finish():
        nonlocal cur
        if cur is not None:
            entries.append(cur)
        cur = None

    for n, raw in enumerate(lines_of(text), start=1):
        line = raw.strip()
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
            if line.startswith("|"):  # the previous English of an obsolete entry: #~| msgid "…"
                line = "#" + line
                obsolete = False
        if line.startswith("#"):
            if cur is not None and field_name == "msgstr":
                finish()
            if line.startswith("#,"):
                pending_flags |= {f.strip() for f in line[2:].split(",") if f.strip()}
            elif line.startswith("#|"):
                prev = line[2:].strip()
                if prev.startswith("msgid "):
                    pending_prev = _unquote(prev[len("msgid "):], n, errors)
                elif prev.startswith('"') and pending_prev is not None:
                    pending_prev += _unquote(prev, n, errors)
                # `#| msgctxt`: msguide never changes a text's ID, so there is no previous one to keep
            elif line.startswith("#:"):
                pending_notes["#:"] += line[2:].split()
            elif line.startswith("#."):
                pending_notes["#."].append(line[2:].strip())
            else:
                pending_notes["#"].append(line[1:].strip())
            continue
        if not line:
            continue
        if line.startswith('"'):
            if cur is None or field_name is None:
                errors.append((n, "a string continuation with no keyword before it"))
                continue
            if cur.obsolete != obsolete:
                errors.append((n, "inconsistent use of #~ (part of this entry is obsolete, part is not)"))
            value = _unquote(line, n, errors)
            if field_name == "msgctxt":
                cur.msgctxt = (cur.msgctxt or "") + value
            elif field_name == "msgid":
                cur.msgid += value
            elif field_name == "msgstr":
                cur.msgstr += value
            continue
        keyword, _, rest = line.partition(" ")
        base = re.sub(r"\[\d+\]$", "", keyword) if keyword.startswith("msgstr[") else keyword
        if base not in _KEYWORDS:
            errors.append((n, f"unknown keyword {excerpt(keyword, 20)}"))
            continue
        if base in ("msgctxt", "msgid") and (cur is None or field_name == "msgstr" or
                                              (base == "msgctxt" and field_name is not None)):
            finish()
            cur = PoEntry(n, flags=pending_flags, previous_msgid=pending_prev, obsolete=obsolete,
                          comments=pending_notes["#"], auto_comments=pending_notes["#."],
                          references=pending_notes["#:"])
            pending_flags, pending_prev = set(), None
            pending_notes = {"#": [], "#.": [], "#:": []}
            started_line = n
        if cur is None:
            errors.append((n, f"{keyword} before any msgid"))
            continue
        if cur.obsolete != obsolete and not (base in ("msgctxt", "msgid") and cur.line == n):
            errors.append((n, "inconsistent use of #~ (part of this entry is obsolete, part is not)"))
        value = _unquote(rest, n, errors)
        if base == "msgctxt":
            cur.msgctxt = value
        elif base == "msgid":
            if field_name == "msgid":
                errors.append((n, "msgid twice in one entry"))
            cur.msgid = value
        elif base == "msgid_plural":
            cur.plural = True
            errors.append((n, "plural forms are not used by msguide"))
        else:
            if field_name == "msgstr" and base == "msgstr" and keyword == "msgstr":
                errors.append((n, "msgstr twice in one entry"))
            if field_name not in ("msgid", "msgid_plural", "msgstr"):
                errors.append((n, "msgstr without msgid"))
            elif keyword != "msgstr" and not cur.plural:
                errors.append((n, f"{keyword} without msgid_plural (msgstr[n] is for plural forms)"))
            elif keyword == "msgstr" and cur.plural:
                errors.append((n, "msgstr after msgid_plural: plural forms need msgstr[0], msgstr[1], …"))
            cur.msgstr = value
        field_name = base
    finish()
    del started_line

    header: dict[str, str] = {}
    header_line = 1
    header_comments: list[str] = []
    header_flags: set[str] = set()
    seen: dict[tuple[str | None, str], int] = {}
    body: list[PoEntry] = []
    for e in entries:
        if e.msgid == "" and e.msgctxt is None and not e.obsolete:
            if header or body:
                errors.append((e.line, "a second header entry"))
            header_line, header_comments, header_flags = e.line, e.comments, e.flags
            for hl in e.msgstr.split("\n"):
                k, sep, v = hl.partition(":")
                if sep:
                    header[k.strip()] = v.strip()
            continue
        if not e.obsolete:
            key = (e.msgctxt, e.msgid)
            if key in seen:
                errors.append((e.line, f"duplicate message definition (first at line {seen[key]})"))
                continue
            seen[key] = e.line
        body.append(e)
    ctype = header.get("Content-Type", "")
    m = re.search(r"charset=([\w-]+)", ctype)
    if not m:
        errors.append((1, "header has no Content-Type charset"))
    elif m.group(1).lower().replace("_", "-") not in ("utf-8", "utf8"):
        errors.append((1, f"charset is {m.group(1)}; msguide reads PO files as UTF-8 only"))
    errors.sort()
    return PoFile(path, header, body, errors, header_line, header_comments, header_flags)


# --- writing ---------------------------------------------------------------------------------------

_WRITE_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\a": "\\a",
                  "\b": "\\b", "\f": "\\f", "\v": "\\v"}
_TO_ESCAPE = re.compile('[\\\\"\n\t\r\a\b\f\v]')


def _quote(s: str) -> str:
    return '"' + _TO_ESCAPE.sub(lambda m: _WRITE_ESCAPES[m.group(0)], s) + '"'


def _string(keyword: str, value: str, prefix: str = "") -> list[str]:
    """One keyword and its string, as `msgcat --no-wrap` writes it: one line, unless the string holds a
    line break before its end; then an empty first line and one line per line of text.

    >>> _string("msgid", "a\\nb", "#~ ")
    ['#~ msgid ""', '#~ "a\\\\n"', '#~ "b"']
    """
    pieces = value.split("\n")
    if len(pieces) <= 2 and not (len(pieces) == 2 and pieces[1]):  # no break, or only a final one
        return [f"{prefix}{keyword} {_quote(value)}"]
    lines = [p + "\n" for p in pieces[:-1]] + ([pieces[-1]] if pieces[-1] else [])
    return [f"{prefix}{keyword} \"\""] + [prefix + _quote(p) for p in lines]


def _flags(flags: set[str]) -> list[str]:
    if not flags:
        return []
    ordered = (["fuzzy"] if "fuzzy" in flags else []) + sorted(flags - {"fuzzy"})
    return ["#, " + ", ".join(ordered)]


def _comment(mark: str, text: str) -> str:
    return f"{mark} {text}" if text else mark


def entry_lines(e: PoEntry) -> list[str]:
    """One entry's lines, in the order gettext writes them."""
    lines = [_comment("#", c) for c in e.comments]
    lines += [_comment("#.", c) for c in e.auto_comments]
    lines += [f"#: {r}" for r in e.references]
    lines += _flags(e.flags)
    if e.previous_msgid is not None:
        lines += _string("msgid", e.previous_msgid, "#~| " if e.obsolete else "#| ")
    prefix = "#~ " if e.obsolete else ""
    if e.msgctxt is not None:
        lines += _string("msgctxt", e.msgctxt, prefix)
    lines += _string("msgid", e.msgid, prefix)
    lines += _string("msgstr", e.msgstr, prefix)
    return lines


def format_po(header_comments: list[str], header: dict[str, str], entries: list[PoEntry], *,
              header_flags: set[str] = frozenset()) -> bytes:
    """A whole PO (or POT) file in msguide's convention (see the module's docstring). The same arguments
    always give the same bytes, and `parse_po` of the result gives them back."""
    head = [_comment("#", c) for c in header_comments] + _flags(set(header_flags)) + ['msgid ""']
    head += _string("msgstr", "".join(f"{k}: {v}\n" for k, v in header.items()))
    blocks = [head]
    blocks += [entry_lines(e) for e in entries]
    return ("\n\n".join("\n".join(b) for b in blocks) + "\n").encode("utf-8")
