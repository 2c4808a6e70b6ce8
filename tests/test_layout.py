"""Every page right in every language: each printed document (every kind of the document table but the
booklet, which imposes the guide's own pages) of every language and of the pseudo-locale, read back from the
PDF (tests/pages.py). Which text is a heading, a list item, a figure or a box comes from the content model,
never from how it is drawn; where it stands and what it looks like comes from the page.

Rules checked, each a class of defect a reader notices:
- a heading (section, box, figure caption, glossary term, checklist group) has at least two lines of its
  content after it on its page, or all of them when it has fewer; an introduction under a heading (the
  specialist's points, the key answers) goes with the heading and is not its content: a heading and its
  introduction never end a page with nothing of what they introduce after them;
- a checklist group's questions are not split from their title, and a page never holds a single question
  of a group of several;
- a list item has a visible marker, and no glyph is drawn from a font that lacks it;
- the steps diagram, its caption and its explanation stand on one page;
- a box (callout) is split over pages only when it is taller than a page;
- no page is left 40 % empty before a heading that would have fitted there with two lines of its content;
- no glyph stands in the margins (the running footer stands in the bottom margin's upper half);
- in large-print editions, every glyph and every field's typed text is at least 16 pt."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pytest

from conftest import ROOT, run_cli
from pages import Flow, Found, Page, normal, read

from generator.documents import DOCUMENT_KINDS
from generator.source import content as c

PRINTED = [k.name for k in DOCUMENT_KINDS.values() if k.ext == "pdf" and k.name != "booklet"]
PSEUDO = "eo"
LARGE_PRINT_MIN = 16.0


# --- what the content model says each document holds ----------------------------------------------------


@dataclass(frozen=True)
class Heading:
    text: str
    level: int  # its content runs to the next heading of this level or above
    opens_page: bool = False  # it starts a page by design (after the cover, the contents, the back cover)
    moves_whole: bool = False  # its first content cannot split (a figure, a box): it may leave a gap
    lead: tuple[str, ...] = ()  # an introduction that stands under it and goes with it: not its content


@dataclass(frozen=True)
class Figure:
    caption: str
    labels: tuple[str, ...]
    explanation: tuple[str, ...]


@dataclass(frozen=True)
class Group:
    title: str
    boxes: tuple[str, ...]  # the tick box field of each question, in order


@dataclass
class Expected:
    headings: list[Heading] = field(default_factory=list)
    items: list[str] = field(default_factory=list)  # list items, each with a marker
    figures: list[Figure] = field(default_factory=list)
    boxes: list[tuple[str, ...]] = field(default_factory=list)  # callouts: title or text first, then items
    groups: list[Group] = field(default_factory=list)


def _blocks(out: Expected, blocks, plain, ui) -> None:
    """What guide blocks put on a page: their list items, boxes, figures and the headings inside them."""
    from generator.i18n.localise import sort_key

    for block in blocks:
        if isinstance(block, c.ListBlock):
            out.items += [plain(t) for t in block.items]
        elif isinstance(block, c.Callout):
            if block.title:
                out.headings.append(Heading(plain(block.title), 2, moves_whole=True))
            items = [plain(t) for t in block.items]
            out.items += items
            out.boxes.append(tuple(plain(t) for t in (block.title, block.text) if t) + tuple(items))
        elif isinstance(block, c.Steps):
            caption = plain(ui["ui.steps.caption"])
            out.headings.append(Heading(caption, 2, moves_whole=True))
            explanation = tuple(f"{plain(s.label)}. {plain(s.text)}" for s in block.steps)
            out.items += explanation
            out.figures.append(Figure(caption, tuple(plain(s.label) for s in block.steps), explanation))
        elif isinstance(block, c.Subheading):
            out.headings.append(Heading(plain(block.text), 2))
        elif isinstance(block, c.Table) and block.caption:  # rows and boxes side by side share lines:
            out.headings.append(Heading(plain(block.caption), 3))  # tests/test_blocks.py reads those
        elif isinstance(block, c.Glossary):
            for e in sorted(block.entries, key=lambda e: sort_key(plain(e.term))):
                out.headings.append(Heading(plain(e.term), 3))
        elif isinstance(block, c.Sources):
            out.items += [" ".join([plain(e.publisher), plain(e.title)] + ([plain(e.note)] if e.note else [])
                                   + ([e.url] if e.url else [])) for e in block.entries]


def _opens(block) -> bool:
    """Whether a heading's first content cannot split (a figure, a box), so it may leave a gap."""
    return isinstance(block, (c.Steps, c.Callout))


def _guide(content: c.Content, loc, kind=None) -> Expected:
    plain, ui, out = loc.plain, content.ui, Expected()
    out.headings.append(Heading(plain(ui["ui.toc.title"]), 1, opens_page=True))
    for k, section in enumerate(content.guide.sections):
        first = section.blocks[0] if section.blocks else None
        out.headings.append(Heading(plain(section.title), 1, opens_page=k == 0, moves_whole=_opens(first)))
        _blocks(out, section.blocks, plain, ui)
    out.headings.append(Heading(plain(ui["ui.careteam.title"]), 1, opens_page=True))
    return out


def _summary(content: c.Content, loc, kind=None) -> Expected:
    """The summary's parts, each headed by its guide section's title; in two columns, the second side
    opens a page of its own."""
    plain, ui, out = loc.plain, content.ui, Expected()
    out.headings.append(Heading(plain(ui["ui.summary.title"]), 1, opens_page=True))
    for n, page in enumerate(content.summary.pages):
        for k, part in enumerate(page.parts):
            first = part.blocks[0] if part.blocks else None
            starts = n == k == 0  # under the title: its box may split rather than leave the first page bare
            out.headings.append(Heading(plain(part.title), 1, opens_page=k == 0 and not kind.large_print,
                                        moves_whole=_opens(first) and not starts))
            boxes = len(out.boxes)
            _blocks(out, part.blocks, plain, ui)
            if starts:
                del out.boxes[boxes:]
    return out


def _checklist(content: c.Content, loc, kind=None) -> Expected:
    from generator.layout.checklist import field_name

    plain, ui, cl, out = loc.plain, content.ui, content.checklist, Expected()
    out.headings += [Heading(plain(cl.title), 1, opens_page=True), Heading(plain(ui["ui.checklist.visit"]), 2)]
    for group in cl.groups:
        out.headings.append(Heading(plain(group.title), 1))
        out.groups.append(Group(plain(group.title), tuple(field_name(q.id, "asked") for q in group.questions)))
    out.headings.append(Heading(plain(cl.specialist_title), 1, lead=(plain(cl.specialist_intro),)))
    out.groups.append(Group(plain(cl.specialist_title),
                            tuple(field_name(p.id, "asked") for p in cl.specialist_points)))
    key = cl.key_answers
    if key is not None:  # a box: its title, introduction and items
        intro = (plain(key.intro),) if key.intro else ()
        items = tuple(plain(t) for t in key.items)
        out.headings.append(Heading(plain(key.title), 1, moves_whole=True, lead=intro))
        out.items += items
        out.boxes.append((plain(key.title), *intro, *items))
    out.headings.append(Heading(plain(cl.notes), 2))
    return out


EXPECTED = {"guide": _guide, "summary": _summary, "checklist": _checklist}  # by the texts a document kind shows


# --- the documents, built once ---------------------------------------------------------------------------


def _locales() -> list[str]:
    from generator.source.project import Project

    return Project(ROOT).locales()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    """locale -> (project folder, dist folder): the shipped languages, and the pseudo-locale (accented,
    40 % longer) in a copy of the project."""
    from pseudo import pseudo_project

    dist = tmp_path_factory.mktemp("layout")
    args = [a for d in PRINTED for a in ("--document", d)]
    assert run_cli("build", *[a for l in _locales() for a in ("--locale", l)], *args, root=ROOT, out=dist) == 0
    project = pseudo_project(tmp_path_factory.mktemp("pseudo"), PSEUDO)
    pseudo_dist = tmp_path_factory.mktemp("layout-pseudo")
    assert run_cli("build", "--locale", PSEUDO, *args, root=project, out=pseudo_dist) == 0
    return {**{l: (ROOT, dist) for l in _locales()}, PSEUDO: (project, pseudo_dist)}


@dataclass
class Document:
    """One built PDF, read back, with what its content model says it holds."""

    locale: str
    kind: object  # documents.DocumentKind
    pages: list[Page]
    expected: Expected
    margin: float
    body_size: float
    gutter: float | None = None  # set in two columns this far apart
    rtl: bool = False

    @property
    def flow(self) -> Flow:
        return Flow(self.pages, footer_below=self.margin, fields=self.kind.texts == "checklist",
                    gutter=self.gutter, rtl=self.rtl)


@lru_cache(maxsize=None)
def _session(project: Path):
    from generator.building.session import Session
    from generator.source.project import Project

    return Session(Project(project))


def document(built, locale: str, name: str) -> Document:
    from generator.documents import output_relpath
    from generator.layout.theme import THEMES

    project, dist = built[locale]
    return load(project, dist / output_relpath(locale, name), locale, name)


@lru_cache(maxsize=None)
def load(project: Path, pdf: Path, locale: str, name: str) -> Document:
    """`pdf`, a document of kind `name` in `locale` built from `project`, read back."""
    from generator.layout.theme import THEMES

    kind = DOCUMENT_KINDS[name]
    if kind.texts not in EXPECTED:
        pytest.fail(f"{name}: say in EXPECTED what its content model puts on its pages ({kind.texts!r})")
    session = _session(project)
    theme = THEMES[kind.theme]("body")
    gutter = None
    if kind.texts == "summary" and not kind.large_print:
        from generator.layout.summary import COLUMN_GAP

        gutter = COLUMN_GAP
    return Document(locale, kind, read(pdf), EXPECTED[kind.texts](session.content, session.localiser(locale), kind),
                    theme.margin, theme.body_size, gutter, session.locale(locale).direction == "rtl")


CASES = [(l, d) for l in _locales() + [PSEUDO] for d in PRINTED]
IDS = [f"{l}-{d}" for l, d in CASES]


# --- the rules ----------------------------------------------------------------------------------------------


def _located(doc: Document, flow: Flow):
    """Each expected heading where it stands in the flow, in content order, with the lines of its
    introduction (lead) as part of it; problems for those not found."""
    pos, out, problems = 0, [], []
    for h in doc.expected.headings:
        found = flow.find(h.text, pos)
        if found is None:
            problems.append(f"heading {h.text!r} is not on any page")
            continue
        last = found.last
        for text in h.lead:
            lead = flow.find(text, last + 1)
            if lead is None or lead.first != last + 1:
                problems.append(f"the introduction {text[:40]!r}… does not follow heading {h.text!r}")
                break
            last = lead.last
        out.append((h, Found(found.first, last, found.extra)))
        pos = last + 1
    return out, problems


def _content(located, k: int, flow: Flow) -> list[int]:
    """The flow's lines of the k-th located heading's content: up to the next heading of its level or
    above, without the lines of the headings (and their introductions) in between."""
    h, found = located[k]
    end = next((f.first for h2, f in located[k + 1:] if h2.level <= h.level), len(flow.lines))
    heads = {i for _, f in located for i in range(f.first, f.last + 1)}
    return [i for i in range(found.last + 1, end) if i not in heads]


def headings_problems(doc: Document) -> list[str]:
    """A heading, with its introduction, followed on its page by fewer than two lines of what it heads
    (or all of them, when it heads fewer): at the foot of a page, cut off from its content."""
    flow = doc.flow
    located, problems = _located(doc, flow)
    for k, (h, found) in enumerate(located):
        content = _content(located, k, flow)
        page = flow.lines[found.first].page
        here = [i for i in content if flow.lines[i].page == page]
        if len(here) < min(2, len(content)):
            lead = " and its introduction" if h.lead else ""
            problems.append(f"page {page + 1}: heading {h.text!r}{lead} has {len(here)} line(s) of its content "
                            f"after it on its page")
    return problems


def groups_problems(doc: Document) -> list[str]:
    flow = doc.flow
    located, problems = _located(doc, flow)
    title_page = {h.text: flow.lines[f.first].page for h, f in located}
    box_page = {f.name: p.index for p in doc.pages for f in p.fields}
    for group in doc.expected.groups:
        pages = [box_page.get(name) for name in group.boxes]
        if None in pages:
            problems.append(f"{group.title!r}: a question's tick box is missing")
            continue
        need = min(2, len(pages))
        if group.title in title_page and pages.count(title_page[group.title]) < need:
            problems.append(f"page {title_page[group.title] + 1}: group {group.title!r} has "
                            f"{pages.count(title_page[group.title])} of its questions under its title")
        for p in sorted(set(pages)):
            if pages.count(p) < need:
                problems.append(f"page {p + 1}: {pages.count(p)} question(s) of {group.title!r} alone")
    return problems


def marker_problems(doc: Document) -> list[str]:
    flow, pos, problems = doc.flow, 0, []
    for item in doc.expected.items:
        found = flow.find(item, pos, marker=True)
        if found is None:
            problems.append(f"list item {item[:40]!r}… is not on any page")
            continue
        if not found.extra:
            problems.append(f"page {flow.lines[found.first].page + 1}: list item {item[:40]!r}… has no marker")
        pos = found.last + 1
    return problems


def notdef_problems(doc: Document) -> list[str]:
    return [f"page {p.index + 1}: {len(p.notdef)} glyph(s) missing from their font ({p.notdef[0]})"
            for p in doc.pages if p.notdef]


def figure_problems(doc: Document) -> list[str]:
    from collections import Counter

    flow, problems = doc.flow, []
    for fig in doc.expected.figures:
        caption = flow.find(fig.caption)
        if caption is None:
            problems.append(f"figure caption {fig.caption!r} is not on any page")
            continue
        pos, last = caption.last + 1, None
        first_item = None
        for item in fig.explanation:
            found = flow.find(item, pos, marker=True)
            if found is None:
                problems.append(f"explanation {item[:40]!r}… is not on any page")
                break
            first_item = first_item if first_item is not None else found.first
            pos, last = found.last + 1, found.last
        else:
            drawn = sum((flow.lines[i].letters for i in range(caption.last + 1, first_item)), Counter())
            if Counter(normal("".join(fig.labels)).replace("-", "")) - drawn:
                problems.append(f"the diagram of {fig.caption!r} is not between its caption and its explanation")
            pages = sorted({flow.lines[i].page + 1 for i in range(caption.first, last + 1)})
            if len(pages) > 1:
                problems.append(f"{fig.caption!r}: caption, diagram and explanation over pages {pages}")
    return problems


def box_problems(doc: Document) -> list[str]:
    flow, problems, pos = doc.flow, [], 0
    frame = doc.pages[0].height - 2 * doc.margin - 2 * doc.body_size
    for box in doc.expected.boxes:
        first = flow.find(box[0], pos)
        if first is None:
            problems.append(f"box {box[0][:40]!r}… is not on any page")
            continue
        last = first
        for item in box[1:]:
            last = flow.find(item, last.last + 1, marker=True) or last
        pos = last.last + 1
        lines = flow.lines[first.first:last.last + 1]
        pages = sorted({l.page for l in lines})
        if len(pages) > 1:
            height = sum(max(l.top for l in lines if l.page == p) - min(l.bottom for l in lines if l.page == p)
                         for p in pages) + 2 * doc.body_size
            if height < 0.9 * frame:
                problems.append(f"box {box[0][:40]!r}… is split over pages {[p + 1 for p in pages]} though it "
                                f"would fit on one ({height:.0f} of {frame:.0f} pt)")
    return problems


def gap_problems(doc: Document) -> list[str]:
    """A heading at the top of a page, the page before it at least 40 % empty, though the heading and two
    units of its content (lines, or a form's fields) would have fitted there."""
    flow = doc.flow
    located, problems = _located(doc, flow)
    bottom = doc.margin + 2 * doc.body_size  # at or above the frame's foot, which sits over the footer
    frame = doc.pages[0].height - doc.margin - bottom
    for k, (h, found) in enumerate(located):
        if h.level > 1 or h.opens_page or h.moves_whole:
            continue
        line = flow.lines[found.first]
        before = [l for l in flow.lines[:found.first] if l.page == line.page]
        above = [l for l in flow.lines[:found.first] if l.page == line.page - 1]
        if before or not above:
            continue
        free = min(l.bottom for l in above) - bottom
        units = [i for i in _content(located, k, flow) if flow.lines[i].page == line.page]
        if doc.kind.texts == "checklist":
            units = [i for i in units if flow.lines[i].field is not None]
        if not units:
            continue
        needed = line.top - flow.lines[units[min(1, len(units) - 1)]].bottom + 1.5 * doc.body_size
        if free >= 0.4 * frame and free > needed:
            problems.append(f"page {line.page}: {free / frame:.0%} empty, though {h.text!r} and its first "
                            f"lines ({needed:.0f} pt) would fit in its {free:.0f} pt")
    return problems


def margin_problems(doc: Document) -> list[str]:
    """Glyphs in the margins: a line or a word that overflows. The ink of a mark over a tall letter (a
    damma over a taa, a hamza over an alef) reaches 1.1 em above an Arabic baseline, past its line's box
    into the space between lines, as in any Arabic set at ordinary leading: up to a quarter em of it may
    stand past the frame's top or foot."""
    m, problems = doc.margin, []
    for page in doc.pages:
        for line in page.lines:
            floor = m / 2 if line.baseline < m else m  # the running footer, in the bottom margin's upper half
            out = [g for g in line.glyphs if g.x0 < m - 1 or g.x1 > page.width - m + 1
                   or g.y1 > page.height - m + max(1, 0.25 * g.size) or g.y0 < floor - max(1, 0.25 * g.size)]
            if out:
                problems.append(f"page {page.index + 1}: {len(out)} glyph(s) of {str(line)[:30]!r} in the margin")
    return problems


def field_problems(doc: Document) -> list[str]:
    """A form field's box over drawn text (a label's descenders, a question)."""
    problems = []
    for page in doc.pages:
        for f in page.fields:
            x0, y0, x1, y1 = f.rect
            hit = [g for g in page.glyphs if g.x0 < x1 - 0.5 and g.x1 > x0 + 0.5 and g.y0 < y1 - 0.5 and g.y1 > y0 + 0.5]
            if hit:
                problems.append(f"page {page.index + 1}: field {f.name} covers {''.join(g.ch for g in hit)[:20]!r}")
    return problems


def size_problems(doc: Document) -> list[str]:
    problems = []
    for page in doc.pages:
        small = sorted({g.size for g in page.glyphs if g.size < LARGE_PRINT_MIN})
        if small:
            text = "".join(g.ch for g in page.glyphs if g.size < LARGE_PRINT_MIN)
            problems.append(f"page {page.index + 1}: text at {small} pt: {text[:40]!r}")
        small_fields = [f.name for f in page.fields if f.kind == "/Tx" and (f.font_size or 0) < LARGE_PRINT_MIN]
        if small_fields:
            problems.append(f"page {page.index + 1}: typed text under {LARGE_PRINT_MIN} pt in {small_fields[:3]}")
    return problems


# --- the tests ---------------------------------------------------------------------------------------------


def _check(rule, built, locale, name):
    problems = rule(document(built, locale, name))
    assert problems == [], f"{locale} {name}:\n" + "\n".join(problems)


@pytest.mark.parametrize("locale,name", CASES, ids=IDS)
def test_every_heading_has_two_lines_of_its_content_on_its_page(built, locale, name):
    _check(headings_problems, built, locale, name)


@pytest.mark.parametrize("locale,name", CASES, ids=IDS)
def test_every_list_item_has_a_visible_marker(built, locale, name):
    _check(marker_problems, built, locale, name)


@pytest.mark.parametrize("locale,name", CASES, ids=IDS)
def test_no_glyph_is_missing_from_its_font(built, locale, name):
    _check(notdef_problems, built, locale, name)


@pytest.mark.parametrize("locale,name", CASES, ids=IDS)
def test_the_diagram_stands_with_its_caption_and_explanation(built, locale, name):
    _check(figure_problems, built, locale, name)


@pytest.mark.parametrize("locale,name", CASES, ids=IDS)
def test_a_box_is_split_only_when_taller_than_a_page(built, locale, name):
    _check(box_problems, built, locale, name)


@pytest.mark.parametrize("locale,name", CASES, ids=IDS)
def test_no_page_is_left_empty_before_a_heading_that_fitted(built, locale, name):
    _check(gap_problems, built, locale, name)


@pytest.mark.parametrize("locale,name", CASES, ids=IDS)
def test_no_glyph_stands_in_the_margins(built, locale, name):
    _check(margin_problems, built, locale, name)


@pytest.mark.parametrize("locale,name", [(l, d) for l, d in CASES if DOCUMENT_KINDS[d].texts == "checklist"],
                         ids=[i for (l, d), i in zip(CASES, IDS) if DOCUMENT_KINDS[d].texts == "checklist"])
def test_checklist_groups_stay_with_their_title_and_never_leave_one_question_alone(built, locale, name):
    _check(groups_problems, built, locale, name)


@pytest.mark.parametrize("locale,name", [(l, d) for l, d in CASES if DOCUMENT_KINDS[d].texts == "checklist"],
                         ids=[i for (l, d), i in zip(CASES, IDS) if DOCUMENT_KINDS[d].texts == "checklist"])
def test_no_form_field_covers_text(built, locale, name):
    _check(field_problems, built, locale, name)


@pytest.mark.parametrize("locale,name", [(l, d) for l, d in CASES if DOCUMENT_KINDS[d].large_print],
                         ids=[i for (l, d), i in zip(CASES, IDS) if DOCUMENT_KINDS[d].large_print])
def test_large_print_text_is_at_least_16pt_everywhere(built, locale, name):
    _check(size_problems, built, locale, name)


@pytest.mark.parametrize("locale,name", [(l, d) for l, d in CASES if DOCUMENT_KINDS[d].texts == "checklist"],
                         ids=[i for (l, d), i in zip(CASES, IDS) if DOCUMENT_KINDS[d].texts == "checklist"])
def test_the_checklists_box_of_key_answers_stands_on_one_page(built, locale, name):
    """Stricter than the rule for boxes: this one is always shorter than a page, so it never splits."""
    doc = document(built, locale, name)
    assert doc.expected.boxes, "the shipped checklist has its box of key answers"
    for box in doc.expected.boxes:
        flow = doc.flow
        first = flow.find(box[0])
        last = first
        for text in box[1:]:
            last = flow.find(text, last.last + 1, marker=True)
            assert last is not None, f"{text[:40]!r}… is not in the box"
        pages = {flow.lines[i].page + 1 for i in range(first.first, last.last + 1)}
        assert len(pages) == 1, f"the box {box[0]!r} is split over pages {sorted(pages)}"

# --- the checklist's page breaks in the editions that move them: the other paper, a clinic's header ---------

CHECKLISTS = [d for d in PRINTED if DOCUMENT_KINDS[d].texts == "checklist"]
EDITIONS = [(l, d, e) for l in _locales() for d in CHECKLISTS for e in ("other-paper", "clinic")]


@pytest.fixture(scope="module")
def editions(tmp_path_factory) -> Path:
    """Every language's checklists on the paper its territory does not use (other-paper/), and in the
    example clinic's edition (clinic/), whose header pushes every page break down."""
    from generator.building.session import Session
    from generator.source.project import Project

    out = tmp_path_factory.mktemp("checklist-editions")
    documents = [a for d in CHECKLISTS for a in ("--document", d)]
    session = Session(Project(ROOT))
    for paper in ("a4", "letter"):
        others = [a for l in _locales() if session.locale(l).paper != paper for a in ("--locale", l)]
        if others:
            assert run_cli("build", *others, *documents, "--paper", paper, root=ROOT, out=out / "other-paper") == 0
    everyone = [a for l in _locales() for a in ("--locale", l)]
    assert run_cli("build", *everyone, *documents, "--clinic", str(ROOT / "examples" / "clinic.yaml"), root=ROOT,
                   out=out / "clinic") == 0
    return out


@pytest.mark.parametrize("locale,name,edition", EDITIONS, ids=[f"{l}-{d}-{e}" for l, d, e in EDITIONS])
def test_checklist_page_breaks_hold_on_the_other_paper_and_in_a_clinics_edition(editions, locale, name, edition):
    pattern = f"{locale}/{name}-{locale}-*.pdf" if edition == "other-paper" else f"clinics/*/{locale}/{name}-{locale}.pdf"
    [pdf] = (editions / edition).glob(pattern)
    doc = load(ROOT, pdf, locale, name)
    problems = headings_problems(doc) + groups_problems(doc) + box_problems(doc)
    assert problems == [], f"{pdf.relative_to(editions)}:\n" + "\n".join(problems)

# --- the rules themselves can fail --------------------------------------------------------------------------


@pytest.mark.parametrize("first_point_on_page", [2, 1], ids=["stranded", "kept"])
def test_a_heading_and_its_introduction_at_a_page_foot_without_a_point_are_found(tmp_path, first_point_on_page):
    """A page that ends with a heading and its three-line introduction, its points on the next page: what
    a translator saw in the specialist's section. The introduction is not the heading's content, so the
    heading rule finds it; with the first points under it, it finds nothing."""
    from reportlab.pdfgen.canvas import Canvas

    pdf = tmp_path / "stranded.pdf"
    canvas = Canvas(str(pdf), pagesize=(595, 842))
    intro = ["These are points to talk through", "with your MS specialist. They are", "not a test."]
    points = ["Your type of MS, and how active it is.", "Your age.", "How long ago you were diagnosed."]
    canvas.setFont("Helvetica", 11)
    for i in range(20):
        canvas.drawString(50, 780 - 30 * i, f"Question {i + 1} of the fertility group")
    canvas.drawString(50, 170, "To discuss with your MS specialist")
    for i, line in enumerate(intro):
        canvas.drawString(50, 150 - 14 * i, line)
    moved = points[:2] if first_point_on_page == 1 else []
    for i, line in enumerate(moved):
        canvas.drawString(50, 100 - 14 * i, line)
    canvas.showPage()
    canvas.setFont("Helvetica", 11)
    for i, line in enumerate(points[len(moved):]):
        canvas.drawString(50, 780 - 30 * i, line)
    canvas.save()
    heading = Heading("To discuss with your MS specialist", 1, lead=(" ".join(intro),))
    doc = Document("en", DOCUMENT_KINDS["checklist"], read(pdf), Expected(headings=[heading]), 48.0, 11.0)
    problems = headings_problems(doc)
    if first_point_on_page == 2:
        assert problems == ["page 1: heading 'To discuss with your MS specialist' and its introduction has 0 line(s) "
                            "of its content after it on its page"]
    else:
        assert problems == []
