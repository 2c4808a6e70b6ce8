"""The English guide as Typst source, for the benchmark's side-by-side run (not part of msguide).

The same text (every block of content/guide.yaml, localised as msguide shows it), the same fonts (our
Atkinson Hyperlegible, no system fonts), the same page (half-letter, 15 mm margins, 11.5 pt on 16.3 pt), a
cover, a contents page with page numbers, bookmarks for the sections (Typst makes them from headings),
links, boxes for the callouts and a "Page X of Y" footer: the work msguide's guide does, so the two
processes can be timed on it.

    .venv/bin/python benchmarks/typst_peer.py out.typ
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_SPECIAL = re.compile(r"([\\#*_`$<>@\[\]~=/+\-\"])")


def esc(text: str) -> str:
    """Text as Typst markup: every character Typst could read as markup is escaped."""
    return _SPECIAL.sub(r"\\\1", text)


def runs(runs) -> str:
    out = []
    for r in runs:
        body = esc(r.text)
        if r.italic:
            body = f"#emph[{body}]"
        if r.bold:
            body = f"#strong[{body}]"
        if r.href:
            body = f'#link("{r.href}")[#underline[{body}]]'
        out.append(body)
    return "".join(out)


def guide_typst(session) -> str:
    from generator.source import content as c

    loc = session.localiser("en")
    content = session.content
    g, ui = content.guide, content.ui
    t = lambda text, **kw: runs(loc.runs(text, **kw))  # noqa: E731
    title = loc.plain(g.title)
    out = [
        f'#set document(title: "{esc(title)}", author: "msguide contributors")',
        '#set text(font: "Atkinson Hyperlegible", size: 11.5pt, lang: "en")',
        "#set par(leading: 6.2pt, spacing: 13pt)",  # 16.3 pt from baseline to baseline, as msguide
        '#set heading(numbering: none)',
        "#show heading.where(level: 1): set text(size: 18.4pt, fill: rgb(\"#12416b\"))",
        "#show link: set text(fill: rgb(\"#0b4f8a\"))",
        "#set page(width: 5.5in, height: 8.5in, margin: (x: 15mm, top: 15mm, bottom: 22mm))",
        # the cover: an accent band with the title in white, no footer
        "#page(margin: 0pt, footer: none)[",
        '  #block(width: 100%, height: 55%, fill: rgb("#12416b"), inset: 15mm)[',
        f"    #align(bottom)[#text(size: 26.5pt, weight: \"bold\", fill: white)[{t(g.title)}] \\",
        f"    #text(size: 15pt, fill: white)[{t(g.subtitle)}]]]",
        f"  #pad(x: 15mm)[#text(size: 12.6pt)[{t(g.audience)}] \\ #text(size: 12.6pt)[{t(ui['ui.cover.edition'])}]"
        f" \\ #text(size: 9.8pt)[{t(ui['ui.cover.based-on'])}]]",
        "]",
        "#set page(footer: context [#set text(9pt, fill: rgb(\"#3d4650\")); #line(length: 100%, stroke: 0.5pt)"
        f" {esc(title)} #h(1fr) Page #counter(page).display() of #counter(page).final().first()])",
        f"#outline(title: [{t(ui['ui.toc.title'])}], depth: 1)",
        "#pagebreak()",
    ]
    for section in g.sections:
        out.append(f"= {t(section.title)}")
        for block in section.blocks:
            if isinstance(block, c.Paragraph):
                out.append(t(block.text) + "\n")
            elif isinstance(block, c.ListBlock):
                mark = "+" if block.numbered else "-"
                out += [f"{mark} {t(item)}" for item in block.items] + [""]
            elif isinstance(block, c.Callout):
                inner = []
                if block.title:
                    inner.append(f"#strong[{t(block.title)}]")
                if block.text:
                    inner.append(t(block.text))
                inner += [f"- {t(item)}" for item in block.items]
                out.append('#block(fill: rgb("#e6eff7"), stroke: (left: 4pt + rgb("#12416b")), inset: 10pt, '
                           'width: 100%)[\n' + "\n\n".join(inner) + "\n]\n")
            elif isinstance(block, c.Steps):
                out += [f"+ #strong[{t(step.label)}]. {t(step.text)}" for step in block.steps] + [""]
            elif isinstance(block, c.Glossary):
                out += [f"/ {t(e.term)}: {t(e.definition)}" for e in block.entries] + [""]
            elif isinstance(block, c.Sources):
                for e in block.entries:
                    link = f' \\ #link("{e.url}")[{esc(e.url)}]' if e.url else ""
                    note = f" \\ {t(e.note)}" if e.note else ""
                    out.append(f"+ {t(e.publisher)} \\ #emph[{t(e.title)}]{note}{link}")
                out.append("")
            elif isinstance(block, c.Subheading):
                out.append(f"== {t(block.text)}")
            elif isinstance(block, c.Table):  # a grid with a header row repeated across pages, as msguide's
                cells = [f"[*{t(col)}*]" for col in block.columns]
                cells += [f"[{t(cell)}]" for row in block.rows for cell in row.cells]
                caption = f"#strong[{t(block.caption)}]\n" if block.caption else ""
                out.append(f"{caption}#table(columns: {len(block.columns)}, stroke: (bottom: 0.6pt), inset: 5pt,\n"
                           f"  table.header({', '.join(cells[:len(block.columns)])}),\n  "
                           + ", ".join(cells[len(block.columns):]) + ")\n")
            elif isinstance(block, c.Comparison):  # two tinted boxes side by side
                boxes = []
                for col in block.columns:
                    inner = [f"#strong[{t(col.title)}]"] + [f"- {t(item)}" for item in col.items]
                    boxes.append('block(fill: rgb("#e6eff7"), stroke: (left: 4pt + rgb("#12416b")), inset: 8pt, '
                                 'width: 100%)[\n' + "\n".join(inner) + "\n]")
                out.append(f"#grid(columns: (1fr, 1fr), gutter: 9pt, {boxes[0]}, {boxes[1]})\n")
            elif isinstance(block, c.Pathway):  # numbered boxes joined by arrows
                if block.intro:
                    out.append(t(block.intro) + "\n")
                for i, step in enumerate(block.steps, 1):
                    out.append(f'#block(stroke: 1.2pt + rgb("#12416b"), radius: 4pt, inset: 8pt, width: 100%)['
                               f"#strong[{i}. {t(step.title)}] \\ {t(step.text)}]")
                    if i < len(block.steps):
                        out.append("#align(left)[#sym.arrow.b]")
                out.append("")
            else:  # a block type this peer does not know yet: its text, as paragraphs
                from generator.source.content import _walk_texts

                out += [t(text) + "\n" for text in _walk_texts(block)]
    out.append("#pagebreak()")
    out.append(f"= {t(ui['ui.careteam.title'])}")
    out.append(t(ui["ui.careteam.intro"]))
    return "\n".join(out) + "\n"


def main() -> None:
    from generator.building.session import Session
    from generator.source.project import Project

    Path(sys.argv[1]).write_text(guide_typst(Session(Project(ROOT))), "utf-8")


if __name__ == "__main__":
    main()
