"""Our small inline markup (**bold**, *italic*, [text](https://…)) parsed into runs, and runs into
ReportLab paragraph markup with everything else escaped."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Callable, Iterable

from ..errors import excerpt

ALLOWED_SCHEMES = ("https", "mailto")
MAX_URL_LENGTH = 2000
_ESCAPABLE = set("\\*[]()")
_MARKUP_CHARS = frozenset("\\*[")
# "[" opens a link only where "](" follows, as in Markdown: "[1]" or "<![CDATA[" stay literal text.
_LINK_AHEAD = re.compile(r"\[(?:[^\[\]\\]|\\.)*\]\(")
# Control characters have no business in prose; tab and newline fold to spaces like any whitespace.
# Bidi embeddings and overrides (U+202A-U+202E) can make text read differently from how it is stored;
# the isolates and marks that right-to-left text legitimately needs are allowed.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\u202a-\u202e]")
# A host name: dot-separated labels and a top-level domain (letters, or an IDN's punycode).
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_HOST = rf"(?:{_LABEL}\.)+(?:[A-Za-z]{{2,63}}|xn--[A-Za-z0-9-]{{1,59}})"
# An email address as people write one: no quoted parts, no %-escapes, nothing after the domain.
_ADDRESS = rf"[A-Za-z0-9_+\-]+(?:\.[A-Za-z0-9_+\-]+)*@{_HOST}"
EMAIL = re.compile(rf"^{_ADDRESS}$")
_URL_OK = {
    "https": re.compile(rf"^https://{_HOST}(?::[0-9]{{1,5}})?(?:/[^\s\"'<>\\`{{}}|^]*)?$"),
    # a plain address only: ?subject=, ?body=, ?cc= and ?bcc= put words, or a hidden recipient, into the
    # message a patient sends
    "mailto": re.compile(rf"^mailto:{_ADDRESS}$"),
}


class MarkupSyntaxError(ValueError):
    """Broken inline markup; `message` says what and where, the caller adds the file and line."""


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None


def check_url(url: str) -> str:
    """Return the URL if it is a link we allow (https with a host, or mailto), else raise.

    >>> check_url("https://www.msif.org/")
    'https://www.msif.org/'
    >>> check_url("javascript:alert(1)")
    Traceback (most recent call last):
    ...
    generator.source.markup.MarkupSyntaxError: link 'javascript:alert(1)': only https: and mailto: links are allowed
    """
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    shown = excerpt(url, 60)
    if scheme not in ALLOWED_SCHEMES:
        raise MarkupSyntaxError(f"link {shown}: only https: and mailto: links are allowed")
    if len(url) > MAX_URL_LENGTH:
        raise MarkupSyntaxError(f"link {shown}: {len(url):,} characters; at most {MAX_URL_LENGTH:,}")
    if not _URL_OK[scheme].match(url):
        if scheme == "mailto" and re.search(r"[?&,;]", url):
            raise MarkupSyntaxError(f"link {shown}: only a plain address such as mailto:team@example.org "
                                    "(no ?subject=, body=, cc= or bcc=, no second address)")
        raise MarkupSyntaxError(f"link {shown}: not a well-formed {scheme}: address")
    return url


def parse(text: str) -> list[Run]:
    """Parse inline markup into runs of uniformly styled text.

    >>> parse("a **b** [c](https://x.org/)")
    [Run(text='a ', bold=False, italic=False, href=None), Run(text='b', bold=True, italic=False, href=None), Run(text=' ', bold=False, italic=False, href=None), Run(text='c', bold=False, italic=False, href='https://x.org/')]
    >>> parse("2 * 3")
    Traceback (most recent call last):
    ...
    generator.source.markup.MarkupSyntaxError: '*' at character 3 is never closed (write \\* for a literal asterisk)
    """
    bad = CONTROL.search(text)
    if bad:
        raise MarkupSyntaxError(f"control character U+{ord(bad.group()):04X} at character {bad.start() + 1}")
    if not _MARKUP_CHARS.intersection(text):  # most texts: plain, one run
        return [Run(text)] if text else []
    runs, pos = _parse_until(text, 0, None, Run(""))
    return _merge(runs)


def _parse_until(text: str, pos: int, closer: str | None, style: Run) -> tuple[list[Run], int]:
    runs: list[Run] = []
    buf: list[str] = []

    def flush():
        if buf:
            runs.append(replace(style, text="".join(buf)))
            buf.clear()

    while pos < len(text):
        ch = text[pos]
        if ch == "\\" and pos + 1 < len(text) and text[pos + 1] in _ESCAPABLE:
            buf.append(text[pos + 1])
            pos += 2
            continue
        if closer and text.startswith(closer, pos) and not (closer == "*" and text.startswith("**", pos)):
            flush()
            return runs, pos + len(closer)
        if text.startswith("**", pos):
            if style.bold:
                raise MarkupSyntaxError(f"'**' at character {pos + 1}: bold inside bold")
            flush()
            inner, pos = _parse_marked(text, pos, "**", replace(style, bold=True))
            runs += inner
        elif ch == "*":
            if style.italic:
                raise MarkupSyntaxError(f"'*' at character {pos + 1}: italic inside italic")
            flush()
            inner, pos = _parse_marked(text, pos, "*", replace(style, italic=True))
            runs += inner
        elif ch == "[" and style.href is None and _LINK_AHEAD.match(text, pos):
            flush()
            start = pos
            inner, pos = _parse_marked(text, pos, "]", replace(style, href=""))
            if not text.startswith("(", pos):
                raise MarkupSyntaxError(f"'[' at character {start + 1}: link text must be followed by (address)")
            end = text.find(")", pos)
            if end < 0:
                raise MarkupSyntaxError(f"'(' at character {pos + 1} is never closed")
            url = check_url(text[pos + 1 : end].strip())
            if not any(r.text.strip() for r in inner):
                raise MarkupSyntaxError(f"'[' at character {start + 1}: link has no text")
            runs += [replace(r, href=url) for r in inner]
            pos = end + 1
        else:
            buf.append(ch)
            pos += 1
    if closer:
        raise MarkupSyntaxError(f"{closer!r} expected before the end of the text")
    flush()
    return runs, pos


def _parse_marked(text: str, pos: int, marker: str, style: Run) -> tuple[list[Run], int]:
    opener = "[" if marker == "]" else marker
    try:
        inner, end = _parse_until(text, pos + len(opener), marker, style)
    except MarkupSyntaxError as exc:
        if "expected before the end" in str(exc):
            hint = " (write \\* for a literal asterisk)" if marker == "*" else ""
            raise MarkupSyntaxError(f"{opener!r} at character {pos + 1} is never closed{hint}") from None
        raise
    if not inner:
        raise MarkupSyntaxError(f"{opener!r} at character {pos + 1} encloses nothing")
    return inner, end


def _merge(runs: Iterable[Run]) -> list[Run]:
    merged: list[Run] = []
    for run in runs:
        if merged and replace(merged[-1], text="") == replace(run, text=""):
            merged[-1] = replace(run, text=merged[-1].text + run.text)
        elif run.text:
            merged.append(run)
    return merged


# A line break the layout composes between parts (a source's publisher and title). U+2028 can never come from
# user text: parse() rejects it.
LINE_BREAK = Run("\u2028")


def plain(runs: Iterable[Run]) -> str:
    """The runs as plain text (outline titles, diagram labels, search)."""
    return " ".join("".join(r.text for r in runs).split())


def links(runs: Iterable[Run]) -> list[str]:
    """The link addresses in order of appearance, one per link."""
    out: list[str] = []
    prev = None
    for r in runs:
        if r.href and r.href != prev:
            out.append(r.href)
        prev = r.href
    return out


def escape(text: str) -> str:
    """Escape text for ReportLab paragraph markup.

    >>> escape('<img src="/etc/passwd"/> & co')
    '&lt;img src=&quot;/etc/passwd&quot;/&gt; &amp; co'
    """
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def to_reportlab(
    runs: Iterable[Run],
    font_for: Callable[[str], str | None] | None = None,
    link_color: str = "#0b5394",
    body_draws: Callable[[str], bool] | None = None,
) -> str:
    """ReportLab paragraph markup for runs. `font_for(ch)` names a fallback font family for a character
    the body font lacks (None: the body font has it); text is escaped before any tag is added."""
    parts: list[str] = []
    for run in runs:
        if run.text == LINE_BREAK.text:
            parts.append("<br/>")
            continue
        plain_text = font_for is None or (body_draws is not None and body_draws(run.text))
        body = escape(run.text) if plain_text else _with_fallback(run.text, font_for)
        if run.italic:
            body = f"<i>{body}</i>"
        if run.bold:
            body = f"<b>{body}</b>"
        if run.href:
            body = f'<a href="{escape(run.href)}" color="{link_color}"><u>{body}</u></a>'
        parts.append(body)
    return "".join(parts)


def _with_fallback(text: str, font_for: Callable[[str], str | None]) -> str:
    out: list[str] = []
    current: str | None = None
    chunk: list[str] = []

    def flush():
        if chunk:
            s = escape("".join(chunk))
            out.append(f'<font name="{current}">{s}</font>' if current else s)
            chunk.clear()

    for ch in text:
        family = None if ch in " \n\t" else font_for(ch)
        if family != current:
            flush()
            current = family
        chunk.append(ch)
    flush()
    return "".join(out)
