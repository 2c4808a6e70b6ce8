"""The subheading, comparison, table and pathway blocks, end to end: a section using each of them
(tests/fixtures/blocks/section.yaml, appended to a copy of the real content) built in English, German and
Arabic, in the guide and in large print, read back from the PDFs (their text in order, where it stands,
its size, the structure tree) and from the web edition; bad input gives one line each."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest

from conftest import copy_project, run_cli
from pages import normal, read

FIXTURE = Path(__file__).parent / "fixtures" / "blocks" / "section.yaml"
LOCALES = ("en", "de", "ar")
KINDS = ("guide", "large-print")


def with_fixture(dest: Path, section: str | None = None) -> Path:
    """A copy of the project whose guide ends with the fixture's section (or `section`)."""
    project = copy_project(dest)
    guide = project / "content" / "guide.yaml"
    guide.write_text(guide.read_text("utf-8") + "\n" + (section or FIXTURE.read_text("utf-8")), "utf-8")
    return project


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    project = with_fixture(tmp_path_factory.mktemp("blocks") / "project")
    out = tmp_path_factory.mktemp("blocks-dist")
    locales = [a for l in LOCALES for a in ("--locale", l)]
    assert run_cli("build", *locales, "--document", "guide", "--document", "large-print", "--document", "html",
                   "--document", "booklet", root=project, out=out) == 0
    return project, out


@lru_cache(maxsize=None)
def _session(project: Path):
    from generator.building.session import Session
    from generator.source.project import Project

    return Session(Project(project))


def _section(project: Path):
    return next(s for s in _session(project).content.guide.sections if s.id == "fx")


def _blocks(project: Path) -> dict:
    return {type(b).__name__: b for b in _section(project).blocks}


def _pdf(out: Path, locale: str, kind: str) -> Path:
    return out / locale / f"{kind}-{locale}.pdf"


# --- text, in reading order -------------------------------------------------------------------------


def _expected_order(project: Path, locale: str, grid: bool) -> list[str]:
    """The fixture section's texts as a reader meets them: the comparison's first box whole, then the
    second; the table's header row then each row (or, as blocks, each row's header then each column's
    title over its cell); the pathway's line on its use, then each step's title and text."""
    plain = _session(project).localiser(locale).plain
    out = []
    for block in _section(project).blocks:
        kind = type(block).__name__
        if kind in ("Paragraph", "Subheading"):
            out.append(plain(block.text))
        elif kind == "Comparison":
            for col in block.columns:
                out += [plain(col.title)] + [plain(t) for t in col.items]
        elif kind == "Table":
            out.append(plain(block.caption))
            if grid:
                out += [plain(t) for t in block.columns]
                out += [plain(t) for row in block.rows for t in row.cells]
            for row in block.rows if not grid else ():
                out.append(plain(row.cells[0]))
                for column, cell in zip(block.columns[1:], row.cells[1:]):
                    out += [plain(column), plain(cell)]
        elif kind == "Pathway":
            out.append(plain(block.intro))
            for step in block.steps:
                out += [plain(step.title), plain(step.text)]
    return out


@pytest.mark.parametrize("kind", KINDS)
def test_the_new_blocks_read_in_content_order(built, kind):
    """As drawn (pdftotext -raw: the order of the page's content, which text extraction and copy follow):
    each text whole, after the one before it."""
    from tools import run

    project, out = built
    text = " ".join(run("pdftotext", "-raw", "-enc", "UTF-8", _pdf(out, "en", kind), "-").stdout.split())
    at = 0
    for expected in _expected_order(project, "en", grid=kind == "guide"):
        found = text.find(" ".join(expected.split()), at)
        assert found >= 0, f"{expected!r} not found after {text[max(at - 80, 0):at]!r}"
        at = found + len(expected)


# --- where it stands -------------------------------------------------------------------------------


def _where(pages, text: str, start: int = 0) -> tuple[int, float, float]:
    """(page, left, right) of the first line drawn holding `text` (its letters in the order drawn, left to
    right: English here, also in the Arabic edition, which shows the fixture's English), from page `start`."""
    want = normal(text)
    for page in pages[start:]:
        for line in page.lines:
            glyphs = [g for g in sorted(line.glyphs, key=lambda g: g.x0) if normal(g.ch)]
            drawn = "".join(normal(g.ch) for g in glyphs)
            at = drawn.find(want)
            if at >= 0:
                chosen = glyphs[at:at + len(want)]
                return page.index, min(g.x0 for g in chosen), max(g.x1 for g in chosen)
    raise AssertionError(f"{text!r} is not on any page")


def _start(pages, project: Path, plain) -> int:
    """The page of the fixture section's first subheading (its title is in the contents too)."""
    return _where(pages, plain(_section(project).blocks[1].text))[0]


@lru_cache(maxsize=None)
def _pages(pdf: Path):
    return read(pdf)


@pytest.mark.parametrize("locale", ["en", "ar"])
def test_columns_start_on_the_reading_side_and_mirror_right_to_left(built, locale):
    """The comparison's first box, the table's first column and each pathway number stand on the start
    side: the left in English, the right in Arabic, where the text beside a number is right-aligned."""
    project, out = built
    pages, plain = _pages(_pdf(out, locale, "guide")), _session(project).localiser(locale).plain
    b = _blocks(project)
    rtl = locale == "ar"
    start = _start(pages, project, plain)

    def before(first: str, second: str):  # `first` on the start side of `second`, on one line
        p1, l1, r1 = _where(pages, first, start)
        p2, l2, r2 = _where(pages, second, start)
        assert p1 == p2
        assert (l1 > r2) if rtl else (r1 < l2), (first, second)

    cols = b["Comparison"].columns
    before(plain(cols[0].title), plain(cols[1].title))
    table = b["Table"]
    before(plain(table.columns[0]), plain(table.columns[1]))
    for i, step in enumerate(b["Pathway"].steps, 1):
        page, left, right = _where(pages, plain(step.title), start)
        numbers = [g for line in pages[page].lines for g in line.glyphs if g.ch == str(i) and g.size > 11.5]
        assert numbers and all((g.x0 > right) if rtl else (g.x1 < left) for g in numbers), step.id
        if rtl:  # right-aligned: the title ends near the box's right, left of its number
            assert right > pages[page].width / 2


def test_the_table_is_a_grid_whose_columns_fit_their_longest_words(built):
    """German, whose words are long: the table's header cells stand on one line, and the longest word of
    a cell is drawn whole on one line of its column, not broken."""
    project, out = built
    pages, plain = _pages(_pdf(out, "de", "guide")), _session(project).localiser("de").plain
    table = _blocks(project)["Table"]
    start = _start(pages, project, plain)
    heads = [_where(pages, plain(t), start) for t in table.columns[:2]]
    assert heads[0][0] == heads[1][0]
    longest = max((w for row in table.rows for t in row.cells for w in plain(t).split()), key=len)
    _where(pages, longest, start)  # whole on one line


def test_large_print_sets_the_new_blocks_at_16_pt_or_more_as_one_column(built):
    project, out = built
    pages, plain = _pages(_pdf(out, "en", "large-print")), _session(project).localiser("en").plain
    b = _blocks(project)
    first = _start(pages, project, plain)
    last = _where(pages, plain(b["Pathway"].steps[-1].title), first)[0]
    sizes = {g.size for p in pages[first:last + 1] for g in p.glyphs}
    assert sizes and min(sizes) >= 16.0, sorted(sizes)[:3]
    cols = b["Comparison"].columns  # boxes one under the other
    (p1, l1, _), (p2, l2, _) = _where(pages, plain(cols[0].title), first), _where(pages, plain(cols[1].title), first)
    assert abs(l1 - l2) < 1
    table = b["Table"]  # three columns: a block per row, each cell under its column's title on a line of its own
    title = normal(plain(table.columns[1]))
    assert sum(normal(str(line)) == title for p in pages[first:] for line in p.lines) == len(table.rows)


def test_the_new_blocks_pass_the_layout_rules_in_every_edition(built):
    """The rules tests/test_layout.py checks on the shipped content: headings with two lines under them,
    markers, no missing glyph, nothing in the margins, no gap before a heading, large print at 16 pt."""
    from test_layout import (gap_problems, headings_problems, load, margin_problems, marker_problems,
                             notdef_problems, size_problems)

    project, out = built
    problems = []
    for locale in LOCALES:
        for kind in KINDS:
            doc = load(project, _pdf(out, locale, kind), locale, kind)
            rules = [headings_problems, marker_problems, notdef_problems, margin_problems, gap_problems]
            for rule in rules + ([size_problems] if kind == "large-print" else []):
                problems += [f"{locale} {kind}: {p}" for p in rule(doc)]
    assert problems == []


# --- structure: tags, bookmarks --------------------------------------------------------------------


def _structure(pdf: Path) -> list[tuple[int, str, dict]]:
    """The structure tree's elements in order: (depth, role, attributes)."""
    from pypdf import PdfReader

    out = []

    def walk(node, depth):
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            for k in node:
                walk(k, depth)
            return
        if not isinstance(node, dict) or "/S" not in node:  # marked content, an annotation
            return
        attrs = node.get("/A")
        attrs = {str(k)[1:]: str(v).lstrip("/") for k, v in attrs.get_object().items()} if attrs is not None else {}
        out.append((depth, str(node["/S"])[1:], attrs))
        if "/K" in node:
            walk(node["/K"], depth + 1)

    walk(PdfReader(pdf).trailer["/Root"]["/StructTreeRoot"]["/K"], 0)
    return out


def _children(tree, at: int) -> list[tuple[int, str, dict]]:
    depth = tree[at][0]
    out = []
    for d, role, attrs in tree[at + 1:]:
        if d <= depth:
            break
        if d == depth + 1:
            out.append((d, role, attrs))
    return out


@pytest.mark.parametrize("locale,kind", [("en", "guide"), ("en", "large-print"), ("ar", "guide")])
def test_a_table_is_tagged_with_its_caption_rows_and_scoped_header_cells(built, locale, kind):
    project, out = built
    table = _blocks(project)["Table"]
    tree = _structure(_pdf(out, locale, kind))
    at = max(i for i, (_, role, _) in enumerate(tree) if role == "Table")  # the fixture's: the last section
    kids = _children(tree, at)
    assert kids[0][1] == "Caption"
    rows = [i for i in range(at + 1, len(tree)) if tree[i][1] == "TR" and tree[i][0] == tree[at][0] + 1]
    cells = [[(role, attrs.get("Scope")) for _, role, attrs in _children(tree, i)] for i in rows]
    n = len(table.columns)
    body = [[("TH", "Row")] + [("TD", None)] * (n - 1)] * len(table.rows)
    if kind == "guide":  # a grid: its header row, each cell scoped to its column
        assert cells == [[("TH", "Column")] * n] + body
    else:  # a block per row: the row's header, its cells (each under its column's title)
        assert cells == body


def test_a_comparison_is_two_headed_lists_and_a_pathway_an_ordered_list(built):
    project, out = built
    tree = [e for e in _structure(_pdf(out, "ar", "guide")) if e[1] not in ("Span", "Link")]  # within paragraphs
    roles = [role for _, role, _ in tree]
    b = _blocks(project)
    table = max(i for i, role in enumerate(roles) if role == "Table")  # the fixture's: the last section
    section = max(i for i in range(table) if roles[i] == "H2")
    at = roles.index("H3", section)  # the subheading
    # subheading, then per box: its title and its list of items
    items = [len(c.items) for c in b["Comparison"].columns]
    assert roles[at:at + 1 + 2 + items[0] * 2 + 2] == (["H3", "H3", "L"] + ["LI", "LBody"] * items[0] + ["H3", "L"])
    lists = [i for i, (_, r, a) in enumerate(tree) if r == "L" and a.get("ListNumbering") == "Decimal"]
    pathway = lists[-1]
    steps = [i for i in range(pathway + 1, len(tree)) if tree[i][1] == "LI" and tree[i][0] == tree[pathway][0] + 1]
    assert len(steps) == len(b["Pathway"].steps)
    for i in steps:
        assert [r for _, r, _ in _children(tree, i)] == ["Lbl", "LBody"]


def test_subheadings_are_h3_and_bookmarks_under_their_section(built):
    from pypdf import PdfReader

    project, out = built
    plain = _session(project).localiser("en").plain
    outline = PdfReader(_pdf(out, "en", "guide")).outline
    at = next(i for i, o in enumerate(outline) if not isinstance(o, list) and o.title == plain(_section(project).title))
    under = outline[at + 1]
    assert isinstance(under, list)
    subheadings = [plain(b.text) for b in _section(project).blocks if type(b).__name__ == "Subheading"]
    assert [o.title for o in under] == subheadings


def test_the_new_blocks_conform_to_pdfua1(built):
    from accessibility import verapdf

    project, out = built
    pdfs = [_pdf(out, l, k) for l in LOCALES for k in KINDS]
    failed = [(r["file"], r.get("error") or r["failed"]) for r in verapdf(pdfs)
              if r.get("error") or not r["compliant"] or r["failed"]]
    assert failed == []


def test_screen_readers_read_the_comparison_box_by_box_also_right_to_left(built):
    """pdf.js (Firefox) reads the structure: the first box's items, then the second's, though right to
    left the second box is drawn first."""
    from accessibility import pdfjs_structure, text_of, walk

    project, out = built
    plain = _session(project).localiser("ar").plain
    pages = pdfjs_structure(_pdf(out, "ar", "guide"))
    bodies = [text_of(e) for p in pages if p["tree"] for e in walk(p["tree"]) if e["role"] == "LBody"]
    cols = _blocks(project)["Comparison"].columns
    wanted = [" ".join(plain(t).split()) for c in cols for t in c.items]
    found = [bodies.index(w) for w in wanted]
    assert found == sorted(found) and found == list(range(found[0], found[0] + len(found)))


# --- a long table -------------------------------------------------------------------------------------


def test_a_long_table_repeats_its_header_on_each_page_and_never_splits_a_row(tmp_path):
    rows = "".join(f"""          - id: lt.r{i}
            cells:
              - {{id: lt.r{i}.a, text: Row {i}}}
              - {{id: lt.r{i}.b, text: "{'Some words in a cell that wraps over a few lines. ' * 2}End {i}."}}
""" for i in range(40))
    section = f"""  - id: lt
    title: A long table
    blocks:
      - type: table
        id: lt.table
        columns:
          - {{id: lt.col.a, text: Heading A}}
          - {{id: lt.col.b, text: Heading B}}
        rows:
{rows}"""
    project = with_fixture(tmp_path / "project", section)
    assert run_cli("build", "--document", "guide", root=project, out=tmp_path / "dist") == 0
    pages = read(tmp_path / "dist" / "en" / "guide-en.pdf")
    with_rows = sorted({_where(pages, f"Row {i}")[0] for i in range(40)})
    assert len(with_rows) >= 2
    for p in with_rows:  # the header row on top of each page the table stands on
        heads = [line for line in pages[p].lines if normal("HeadingAHeadingB") == normal(str(line))]
        assert heads, f"page {p + 1} has no header row"
    for i in range(40):  # each row's cells wholly on the page of its header cell
        assert _where(pages, f"Row {i}")[0] == _where(pages, f"End {i}.")[0], i


# --- web edition ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("locale", ["en", "ar"])
def test_the_web_edition_writes_semantic_html(built, locale):
    project, out = built
    page = (out / locale / f"guide-{locale}.html").read_text("utf-8")
    assert f'dir="{"rtl" if locale == "ar" else "ltr"}"' in page
    page = page[page.index('<section aria-labelledby="fx">'):]  # the fixture's section (the guide has its own blocks)
    b = _blocks(project)
    table = b["Table"]
    assert '<h3 id="fx.h.who">' in page
    assert re.search(r"<table><caption id=\"fx.table\">", page)
    assert page.count('<th scope="col">') == len(table.columns)
    assert page.count('<th scope="row">') == len(table.rows)
    compare = re.search(r'<div class="compare">(.*?)</div>', page).group(1)
    assert compare.count("<section") == 2 and compare.count("<h3") == 2 and compare.count("<ul>") == 2
    pathway = re.search(r'<ol class="pathway">(.*?)</ol>', page).group(1)
    assert pathway.count("<li>") == len(b["Pathway"].steps)


@pytest.fixture(scope="module")
def browser():
    from tools import tool

    chromium = tool("chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        yield b
        b.close()


@pytest.mark.parametrize("locale", ["en", "ar"])
def test_the_web_edition_passes_axe_and_mirrors_right_to_left(browser, built, locale, tmp_path):
    from axe_playwright_python.sync_playwright import Axe

    project, out = built
    page = browser.new_page(viewport={"width": 1024, "height": 900})
    page.goto((out / locale / f"guide-{locale}.html").as_uri(), wait_until="load")
    serious = [(v["id"], v["impact"]) for v in Axe().run(page).response["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == []
    boxes = page.eval_on_selector_all('section[aria-labelledby="fx"] .compare section',
                                      "els => els.map(e => e.getBoundingClientRect().left)")
    assert len(boxes) == 2 and ((boxes[0] > boxes[1]) if locale == "ar" else (boxes[0] < boxes[1]))
    page.set_viewport_size({"width": 360, "height": 800})  # a phone: the boxes one under the other
    tops = page.eval_on_selector_all('section[aria-labelledby="fx"] .compare section',
                                     "els => els.map(e => e.getBoundingClientRect().top)")
    assert tops[1] > tops[0]
    # the boxes, the table's region (the table scrolls inside it) and the pathway stay within the screen
    rights = page.eval_on_selector_all(":is(.compare, div.table, ol.pathway)",
                                       "els => els.map(e => [e.getBoundingClientRect().left, e.getBoundingClientRect().right])")
    assert len(rights) == 6 and all(0 <= left and right <= 361 for left, right in rights), rights
    page.close()


# --- the translators' template, and problems in one run ----------------------------------------------------


def test_every_new_text_is_in_the_template_with_its_id_and_where_it_appears(tmp_path):
    from generator.cli import main

    project = with_fixture(tmp_path / "project")
    assert main(["i18n", "--root", str(project), "extract"]) == 0
    pot = (project / "locales" / "messages.pot").read_text("utf-8")
    notes = {"fx.h.who": "subheading", "fx.compare.may.title": "comparison, title", "fx.compare.may.active":
             "comparison, bullet item", "fx.table.caption": "table caption", "fx.table.col.kind": "column header",
             "fx.table.ahsct.kind": "a row's header", "fx.table.ahsct.what": "table cell",
             "fx.path.intro": "pathway, one line", "fx.path.talk.title": "pathway, title",
             "fx.path.talk": "pathway, text"}
    for ctx, note in notes.items():
        entry = re.search(rf'((?:#.*\n)+)msgctxt "{re.escape(ctx)}"\n', pot)
        assert entry, ctx
        assert re.search(rf"#\. guide: .*{re.escape(note)}", entry.group(1)), (ctx, entry.group(1))
        assert "#: content/guide.yaml:" in entry.group(1)
    assert 'msgctxt "fx.table.ahsct.where"\nmsgid "An accredited transplant center, costing about {cost}."' in pot


def test_every_problem_of_the_new_blocks_is_reported_in_one_run(tmp_path, capsys):
    text = FIXTURE.read_text("utf-8")
    text = text.replace("            tone: warning\n", "            tone: danger\n", 1)
    text = text.replace("              - id: fx.table.ahsct.where\n                text: An accredited transplant center, "
                        "costing about {cost}.\n", "", 1)
    text = text.replace("          - id: fx.path.refer\n            title:", "          - id: fx.path.refer\n            titel:", 1)
    project = with_fixture(tmp_path / "project", text)
    assert run_cli("build", "--document", "guide", root=project, out=tmp_path / "dist") == 1
    err = capsys.readouterr().err.splitlines()
    assert all(re.match(r"^error: content/guide\.yaml:\d+: sections\[\d+\]\.blocks\[\d+\]\.", l) for l in err), err
    assert [l.split(": ", 2)[2] for l in err] == [
        f"sections[{len(_guide_sections())}].blocks[2].columns[1].tone: expected key, warning or note, got 'danger'",
        f"sections[{len(_guide_sections())}].blocks[4].rows[0].cells: the row has 2 cell(s); the table has 3 columns",
        f"sections[{len(_guide_sections())}].blocks[5].items[1].titel: unknown key; did you mean 'title'?"]


def _guide_sections():
    from conftest import ROOT

    return _session(ROOT).content.guide.sections


@pytest.mark.parametrize("room_left,expected", [(500, "pair"), (300, "stacked"), (100, "next page")])
def test_a_comparison_low_on_a_page_is_stacked_there_rather_than_leave_the_page_bare(room_left, expected):
    """The pair (400 pt tall) where it fits; with 35 % of a 600 pt page or more left, its boxes one under
    the other, the first starting there; with less, the pair on the next page."""
    from reportlab.platypus import Spacer

    from generator.layout.flowables import SideBySide

    pair, stacked = Spacer(300, 400), [Spacer(300, 250), Spacer(300, 250)]
    got = SideBySide(pair, stacked, room=600 * 0.35).split(300, room_left)
    assert {"pair": [pair], "stacked": stacked, "next page": []}[expected] == got
