"""The guide as one accessible HTML page per language: semantic headings, lists and landmarks, `lang` and
`dir` set, the same content and sources as the PDF, no external resources."""
from __future__ import annotations

import html
from pathlib import Path

from ..source import content as c
from ..source.clinic import Clinic
from ..documents import Request, output_relpath
from ..layout.context import Notices
from ..i18n.localise import Localiser, sort_key
from ..source.markup import Run
from ..source.project import SOURCE_LOCALE

# Shared by the guide pages and the download page; fonts come from ../fonts/ beside them (no CDN).
CSS = """
@font-face{font-family:"Atkinson Hyperlegible";src:url("%(fonts)sAtkinsonHyperlegible-Regular.ttf") format("truetype");font-weight:400;font-style:normal}
@font-face{font-family:"Atkinson Hyperlegible";src:url("%(fonts)sAtkinsonHyperlegible-Bold.ttf") format("truetype");font-weight:700;font-style:normal}
@font-face{font-family:"Atkinson Hyperlegible";src:url("%(fonts)sAtkinsonHyperlegible-Italic.ttf") format("truetype");font-weight:400;font-style:italic}
@font-face{font-family:"Noto Sans";src:url("%(fonts)sNotoSans-Regular.ttf") format("truetype");font-weight:400;font-style:normal}
@font-face{font-family:"Noto Sans";src:url("%(fonts)sNotoSans-Bold.ttf") format("truetype");font-weight:700;font-style:normal}
@font-face{font-family:"Noto Sans";src:url("%(fonts)sNotoSans-Italic.ttf") format("truetype");font-weight:400;font-style:italic}
@font-face{font-family:"Noto Sans Arabic";src:url("%(fonts)sNotoSansArabic-Regular.ttf") format("truetype");font-weight:400;font-style:normal}
@font-face{font-family:"Noto Sans Arabic";src:url("%(fonts)sNotoSansArabic-Bold.ttf") format("truetype");font-weight:700;font-style:normal}
:root{--ink:#1a1a1a;--accent:%(accent)s;--link:#0b4f8a;--muted:#3d4650}
*{box-sizing:border-box}
body{margin:0;color:var(--ink);background:#fff;font:1.125rem/1.6 "Atkinson Hyperlegible","Noto Sans",system-ui,sans-serif}
.wrap{max-width:42rem;margin:0 auto;padding:1rem 1.25rem 3rem}
header.cover{background:var(--accent);color:#fff}
header.cover .wrap{padding-top:2rem;padding-bottom:2rem}
header.cover h1{font-size:2rem;line-height:1.2;margin:0 0 .5rem}
header.cover p{margin:.25rem 0}
h2{color:var(--accent);font-size:1.5rem;line-height:1.3;margin:2.2rem 0 .6rem}
h3{font-size:1.15rem;margin:0 0 .4rem}
a{color:var(--link)}
a:focus-visible{outline:3px solid #b45309;outline-offset:2px}
.skip{position:absolute;inset-inline-start:-999px}.skip:focus{inset-inline-start:1rem;top:1rem;background:#fff;padding:.5rem;z-index:1}
.callout{border-inline-start:6px solid var(--accent);background:#e6eff7;padding:.8rem 1rem;margin:1rem 0}
.callout.warning{border-color:#9a4a00;background:#fdf0dc}
.callout.note{border-color:#2e6b34;background:#ebf4ec}
.callout>:last-child{margin-bottom:0}
.notice{border:2px solid #9a4a00;padding:.6rem .8rem;background:#fff;color:var(--ink)}
ol.steps{list-style:none;counter-reset:step;padding:0}
ol.steps li{counter-increment:step;position:relative;padding-inline-start:2.6rem;margin:.7rem 0}
ol.steps li::before{content:counter(step);position:absolute;inset-inline-start:0;top:0;width:1.9rem;height:1.9rem;border-radius:50%%;background:var(--accent);color:#fff;font-weight:700;text-align:center;line-height:1.9rem}
dl dt{font-weight:700;margin-top:.6rem}dl dd{margin:0;margin-inline-start:1.2rem}
.small{font-size:.95rem;color:var(--muted)}
footer{border-top:2px solid var(--accent);margin-top:2.5rem;padding-top:1rem}
table{border-collapse:collapse;width:100%%}td,th{text-align:start;padding:.35rem .5rem;border-bottom:1px solid #c5ccd3;vertical-align:top}
h3{margin-top:1.6rem}aside.callout h3,.compare h3{margin-top:0}
.compare{display:grid;grid-template-columns:1fr;gap:.8rem;margin:1rem 0}
.compare .callout{margin:0}.compare ul{margin:0;padding-inline-start:1.2rem}
@media (min-width:36rem){.compare{grid-template-columns:1fr 1fr}}
div.table{overflow-x:auto;margin:1rem 0}div.table:focus-visible{outline:3px solid #b45309;outline-offset:2px}
div.table caption{caption-side:top;text-align:start;font-weight:700;padding-bottom:.4rem;position:sticky;inset-inline-start:0;max-width:calc(100vw - 2.5rem)}
div.table thead th{border-bottom:2px solid var(--accent);background:#e6eff7}div.table td,div.table th{hyphens:auto}
ol.pathway{list-style:none;counter-reset:path;padding:0;margin:1rem 0}
ol.pathway li{counter-increment:path;position:relative;border:2px solid var(--accent);border-radius:.5rem;padding:.6rem .8rem;padding-inline-start:3.2rem;margin:0 0 1.9rem}
ol.pathway li:last-child{margin-bottom:1rem}
ol.pathway li::before{content:counter(path);position:absolute;inset-inline-start:.6rem;top:.6rem;width:1.9rem;height:1.9rem;border-radius:50%%;background:var(--accent);color:#fff;font-weight:700;text-align:center;line-height:1.9rem}
ol.pathway li:not(:last-child)::after{content:"";position:absolute;inset-inline-start:1.3rem;bottom:-1.6rem;border:.5rem solid transparent;border-top:.9rem solid var(--accent);border-bottom:0}
ol.pathway .title{display:block}
"""


# The web pages' faces by script, as layout/fonts.py SCRIPT_FAMILIES has them for the PDFs; each is in
# dist/fonts/ (html/site.py copy_fonts), and a browser fetches only the faces a page uses.
SCRIPT_FONTS = {
    "Cyrl": '"Noto Sans",system-ui,sans-serif',
    "Grek": '"Noto Sans",system-ui,sans-serif',
    "Arab": '"Noto Sans Arabic","Noto Sans",system-ui,sans-serif',
}


def script_css(script: str) -> str:
    """Atkinson Hyperlegible draws Latin only: other scripts take their own face whole, rather than Latin
    digits from one font and letters from another (the system's face where we ship none)."""
    if script == "Latn":
        return ""
    return "body{font-family:%s}" % SCRIPT_FONTS.get(script, "system-ui,sans-serif")


def css(accent: str, fonts_prefix: str) -> str:
    return CSS % {"accent": accent, "fonts": fonts_prefix}


def runs_to_html(runs: list[Run]) -> str:
    """HTML for styled runs: everything escaped; links were checked (https: or mailto:) when parsed."""
    out = []
    for r in runs:
        body = html.escape(r.text, quote=False)
        if r.italic:
            body = f"<em>{body}</em>"
        if r.bold:
            body = f"<strong>{body}</strong>"
        if r.href:
            body = f'<a href="{html.escape(r.href)}">{body}</a>'
        out.append(body)
    return "".join(out)


def in_its_language(loc: Localiser, text: c.Text, body: str) -> str:
    """`body`, the HTML of `text` in a page of `loc`'s language, marked as English when the translation
    lacks it and shows the English instead: a screen reader then reads it with an English voice, and a
    right-to-left page keeps it in its own direction."""
    if not loc.is_fallback(text):
        return body
    direction = ' dir="ltr"' if loc.info.direction == "rtl" else ""
    return f'<span lang="{SOURCE_LOCALE}"{direction}>{body}</span>'


class _Page:
    def __init__(self, loc: Localiser):
        self.loc = loc

    def t(self, text: c.Text, **args) -> str:
        return in_its_language(self.loc, text, runs_to_html(self.loc.runs(text, **args)))

    def block(self, b) -> str:
        return BLOCK_WRITERS[type(b)](self, b)


def _paragraph(page: _Page, b: c.Paragraph) -> str:
    return f"<p>{page.t(b.text)}</p>"


def _list(page: _Page, b: c.ListBlock) -> str:
    tag = "ol" if b.numbered else "ul"
    return f"<{tag}>" + "".join(f"<li>{page.t(i)}</li>" for i in b.items) + f"</{tag}>"


def _callout(page: _Page, b: c.Callout) -> str:
    parts = [f'<aside class="callout {b.tone}"' + (f' aria-labelledby="{b.id}"' if b.title else "") + ">"]
    if b.title:
        parts.append(f'<h3 id="{b.id}">{page.t(b.title)}</h3>')
    if b.text:
        parts.append(f"<p>{page.t(b.text)}</p>")
    if b.items:
        parts.append("<ul>" + "".join(f"<li>{page.t(i)}</li>" for i in b.items) + "</ul>")
    return "".join(parts) + "</aside>"


def _steps(page: _Page, b: c.Steps) -> str:
    return ('<ol class="steps">' + "".join(f"<li><strong>{page.t(s.label)}.</strong> {page.t(s.text)}</li>"
                                         for s in b.steps) + "</ol>")


def _glossary(page: _Page, b: c.Glossary) -> str:
    entries = sorted(b.entries, key=lambda e: sort_key(page.loc.plain(e.term)))
    return "<dl>" + "".join(f"<dt>{page.t(e.term)}</dt><dd>{page.t(e.definition)}</dd>" for e in entries) + "</dl>"


def _sources(page: _Page, b: c.Sources) -> str:
    items = []
    for e in b.entries:
        bits = [page.t(e.publisher), f"<cite>{page.t(e.title)}</cite>"]
        if e.note:
            bits.append(page.t(e.note))
        if e.url:
            bits.append(f'<a href="{html.escape(e.url)}">{html.escape(e.url)}</a>')
        items.append("<li>" + "<br>".join(bits) + "</li>")
    return "<ol>" + "".join(items) + "</ol>"


def _subheading(page: _Page, b: c.Subheading) -> str:
    return f'<h3 id="{b.id}">{page.t(b.text)}</h3>'


def _comparison(page: _Page, b: c.Comparison) -> str:
    """Two boxes, each a section with its heading and its list: side by side where the screen is wide
    enough (the first on the start side, so on the right right to left), else one under the other."""
    boxes = []
    for col in b.columns:
        items = "".join(f"<li>{page.t(i)}</li>" for i in col.items)
        boxes.append(f'<section class="callout {col.tone}" aria-labelledby="{col.id}"><h3 id="{col.id}">'
                     f"{page.t(col.title)}</h3><ul>{items}</ul></section>")
    return '<div class="compare">' + "".join(boxes) + "</div>"


def _table(page: _Page, b: c.Table) -> str:
    """A table with its caption, header cells scoped to their column, each row's first cell to its row;
    in a region of its own that scrolls sideways on a narrow screen (and takes the keyboard's focus, so
    it can be scrolled without a mouse)."""
    label = f' role="region" aria-labelledby="{b.id}"' if b.caption else ""  # a region is named by its caption
    caption = f'<caption id="{b.id}">{page.t(b.caption)}</caption>' if b.caption else ""
    head = "".join(f'<th scope="col">{page.t(t)}</th>' for t in b.columns)
    rows = "".join(f'<tr><th scope="row">{page.t(r.cells[0])}</th>'
                   + "".join(f"<td>{page.t(t)}</td>" for t in r.cells[1:]) + "</tr>" for r in b.rows)
    return (f'<div class="table" tabindex="0"{label}><table>{caption}<thead><tr>{head}</tr></thead>'
            f"<tbody>{rows}</tbody></table></div>")


def _pathway(page: _Page, b: c.Pathway) -> str:
    """An ordered list of boxes, numbered and joined by arrows drawn by the stylesheet."""
    intro = f"<p>{page.t(b.intro)}</p>" if b.intro else ""
    items = "".join(f'<li><strong class="title">{page.t(s.title)}</strong> {page.t(s.text)}</li>' for s in b.steps)
    return f'{intro}<ol class="pathway">{items}</ol>'


# One writer per block type, as layout/guide.py has one builder per block type for the PDF.
BLOCK_WRITERS = {
    c.Paragraph: _paragraph,
    c.Subheading: _subheading,
    c.ListBlock: _list,
    c.Callout: _callout,
    c.Steps: _steps,
    c.Glossary: _glossary,
    c.Sources: _sources,
    c.Comparison: _comparison,
    c.Table: _table,
    c.Pathway: _pathway,
}


def render_html(request: Request, path: Path) -> int:
    """Write the whole guide as one HTML document to `path`; a web page has no pages (0)."""
    path.write_text(guide_html(request.content, request.loc, request.notices, request.clinic,
                               siblings(request.kind.name, request.loc.info.code)), "utf-8")
    return 0


def siblings(document: str, locale: str) -> list[tuple[str, str]]:
    """(file name, label key) of the other documents of the same language, beside the web page, in the
    order of the document table: the PDFs (guide, booklet, large print, checklists) and any other."""
    from ..documents import DOCUMENT_KINDS, output_relpath

    return [(output_relpath(locale, k.name).rsplit("/", 1)[-1], k.site_label)
            for k in DOCUMENT_KINDS.values() if k.name != document]


def _downloads(page: "_Page", ui: dict[str, c.Text], files: list[tuple[str, str]]) -> str:
    """Links to the printable editions and to the download page (every language), which sit beside the
    web page and one folder up in every build of the whole set."""
    items = []
    for name, key in files:
        if key not in ui:
            continue
        pdf = name.endswith(".pdf")
        kind, note = (' type="application/pdf"', ' <span class="small">(PDF)</span>') if pdf else ("", "")
        items.append(f'<li><a href="{html.escape(name)}"{kind}>{page.t(ui[key])}</a>{note}</li>')
    items.append(f'<li><a href="../index.html">{page.t(ui["ui.web.all-languages"])}</a></li>')
    return (f'<nav aria-labelledby="downloads"><h2 id="downloads">{page.t(ui["ui.web.downloads"])}</h2>'
            f'<ul>{"".join(items)}</ul></nav>\n')


def guide_html(content: c.Content, loc: Localiser, notices: Notices, clinic: Clinic | None = None,
               files: list[tuple[str, str]] = ()) -> str:
    """The whole guide as an HTML document (a string), with links to `files` (siblings()). Its text was
    checked against our fonts when the locale was loaded; the browser draws it with the same fonts."""
    page, g, ui = _Page(loc), content.guide, content.ui
    info = loc.info
    h = html.escape
    accent = clinic.accent if clinic and clinic.accent else "#12416b"
    sections = g.sections
    out = [f'<!doctype html>\n<html lang="{h(info.tag)}" dir="{info.direction}">\n<head>\n<meta charset="utf-8">\n'
           f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
           f"<title>{h(loc.plain(g.title))}</title>\n"
           f'<meta name="description" content="{h(loc.plain(g.subtitle))}">\n'
           f"<style>{css(accent, '../fonts/' if not clinic else '../../../fonts/')}{script_css(info.script)}</style>\n"
           "</head>\n<body>\n"
           f'<a class="skip" href="#main">{page.t(ui["ui.toc.title"])}</a>\n'
           f'<header class="cover"><div class="wrap">\n<h1>{page.t(g.title)}</h1>\n<p>{page.t(g.subtitle)}</p>\n'
           f"<p>{page.t(g.audience)}</p>\n<p>{page.t(ui['ui.cover.edition'])}</p>\n</div></header>\n"
           '<div class="wrap">\n']
    out.append(_downloads(page, ui, list(files)))
    out.append(f'<nav aria-labelledby="toc"><h2 id="toc">{page.t(ui["ui.toc.title"])}</h2><ol>'
               + "".join(f'<li><a href="#{s.id}">{page.t(s.title)}</a></li>' for s in sections) + "</ol></nav>\n")
    out.append('<main id="main">\n')
    for text in notices.texts(ui):
        out.append(f'<p class="notice" role="note">{page.t(text)}</p>\n')
    out.append(f'<p class="small">{page.t(ui["ui.cover.based-on"])}</p>\n')
    checklist = Path(output_relpath(info.code, "checklist-html")).name  # beside this page, in any edition
    out.append(f'<p class="checklist-link"><a href="{h(checklist)}">{page.t(ui["ui.site.checklist-html"])}</a></p>\n')
    for s in sections:
        out.append(f'<section aria-labelledby="{s.id}"><h2 id="{s.id}">{page.t(s.title)}</h2>\n')
        out += [page.block(b) + "\n" for b in s.blocks]
        out.append("</section>\n")
    out.append("</main>\n")
    if clinic is not None:
        lines = [f"<strong>{h(clinic.name)}</strong>"] + [h(v) for v in (clinic.department, *clinic.address,
                                                                        clinic.phone) if v]
        if clinic.email:
            lines.append(f'<a href="mailto:{h(clinic.email)}">{h(clinic.email)}</a>')
        if clinic.website:
            lines.append(f'<a href="{h(clinic.website)}">{h(clinic.website)}</a>')
        out.append(f'<footer><h2>{page.t(ui["ui.careteam.title"])}</h2><p>' + "<br>".join(lines) + "</p>"
                   + (f'<p class="small">{h(clinic.note)}</p>' if clinic.note else "") + "</footer>\n")
    out.append("</div>\n</body>\n</html>\n")
    return "".join(out)
