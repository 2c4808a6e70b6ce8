"""The layout's part of checking a locale, done once when the locale is loaded (not per output): every
glyph of every text it will draw, in the locale's fonts, and the texts that must fit a fixed box,
measured with the renderers' own themes, page sizes and flowables."""
from __future__ import annotations

from typing import Iterator

from ..documents import DOCUMENT_KINDS
from ..errors import Finding, Origin
from ..source import content as c
from .fonts import FontSet

MAX_COVER_TITLE_LINES = 3
CARE_TEAM_LABELS = ("ui.careteam.specialist", "ui.careteam.nurse", "ui.careteam.doctor", "ui.careteam.center")


def layout_args(loc) -> dict[str, str]:
    """Values for the placeholders the layout fills itself ({page}, {count}, …): every digit and separator
    a number can use in the locale, so their glyphs are checked too."""
    digits = loc.number(1234567890)
    return {name: digits for name in c.LAYOUT_ARGS}


def _glyph_problem(fonts: FontSet, value: str) -> str | None:
    missing = fonts.missing(value)
    if not missing:
        return None
    return "no shipped font has a glyph for " + ", ".join(f"U+{ord(ch):04X} {ch!r}" for ch in missing)


def glyph_findings(content: c.Content, loc, fonts: FontSet) -> Iterator[Finding]:
    """A `font.glyph` error for each text with a character that no font of the locale draws."""
    args = layout_args(loc)
    for text in content.texts():
        problem = _glyph_problem(fonts, "".join(r.text for r in loc.runs(text, **args)))
        if problem:
            yield Finding("font.glyph", loc.origin(text), f"{text.id}: {problem}", text_id=text.id)


def clinic_findings(clinic, origin: Origin | None, fonts: FontSet) -> Iterator[Finding]:
    """The same for a clinic's details, which every document prints as typed."""
    where = lambda key: clinic.origins.get(key, origin)  # noqa: E731 (the line of the key, when known)
    for key in ("name", "department", "phone", "email", "website", "note"):
        value = getattr(clinic, key)
        problem = value and _glyph_problem(fonts, value)
        if problem:
            yield Finding("font.glyph", where(key), f"{key}: {problem}")
    for line in clinic.address:
        problem = _glyph_problem(fonts, line)
        if problem:
            yield Finding("font.glyph", where("address"), f"address: {problem}")


def fit_findings(content: c.Content, loc, fonts: FontSet, paper: str, kinds=None) -> Iterator[Finding]:
    """`layout.overflow` warnings for texts too long for their fixed box, in every document kind that
    draws them (or in `kinds`), on `paper`."""
    from ..pdf.pages import PAGE_SIZES
    from .context import LayoutContext
    from .flowables import line_count
    from .theme import THEMES

    ui = content.ui
    measured = set()
    for kind in DOCUMENT_KINDS.values() if kinds is None else kinds:
        if kind.theme is None or (kind.texts, kind.theme, kind.page) in measured:
            continue  # the booklet is the guide's pages: measured once
        measured.add((kind.texts, kind.theme, kind.page))
        theme = THEMES[kind.theme](fonts.body)
        page_w = PAGE_SIZES[kind.page](paper)[0]
        width = page_w - 2 * theme.margin
        ctx = LayoutContext(loc, fonts, theme, width, lambda w: None, ui)
        where = f"{kind.name} ({paper})"
        if kind.texts == "guide":
            title = content.guide.title
            lines = line_count(ctx.para(title, "cover_title"), width)
            if lines > MAX_COVER_TITLE_LINES:
                yield Finding("layout.overflow", loc.origin(title),
                              f"{title.id}: cover title takes {lines} lines; at most {MAX_COVER_TITLE_LINES} fit on "
                              f"the cover of the {where}", "warning", title.id)
            yield from _column_findings(content, loc, ctx, where)
            for key in CARE_TEAM_LABELS:
                label = loc.plain(ui[key])
                if ctx.text_width(label, theme.body_size, bold=True) > width:
                    yield Finding("layout.overflow", loc.origin(ui[key]),
                                  f"{key}: label wider than the page of the {where}", "warning", key)
        elif kind.texts == "checklist":
            from .checklist import LabelledFields, frame_width  # only when a checklist is built

            fields = content.checklist.fields
            columns = LabelledFields.column_widths(theme, frame_width(theme, (page_w, 0)), len(fields))
            size = LabelledFields.label_size(theme)
            for field, col in zip(fields, columns):
                w = ctx.text_width(loc.plain(field), size, bold=True)
                if w > col:
                    yield Finding("layout.overflow", loc.origin(field),
                                  f"{field.id}: field label is {w:.0f} pt wide; the column is {col:.0f} pt "
                                  f"in the {where}", "warning", field.id)


def _column_findings(content: c.Content, loc, ctx, where: str) -> Iterator[Finding]:
    """Columns the theme would set side by side whose words are too wide for it: a table then prints as a
    block per row, a comparison as one box under the other. Readable still, but not what the English
    shows: the translator may prefer shorter words (or a hyphen in a long one)."""
    from .columns import comparison_fits, table_widths

    for section in content.guide.sections:
        for block in section.blocks:
            if isinstance(block, c.Table) and len(block.columns) <= ctx.theme.table_columns \
                    and table_widths(ctx, block) is None:
                first = block.caption or block.columns[0]
                yield Finding("layout.columns", loc.origin(first),
                              f"{block.id}: the table's longest words do not fit side by side in its columns in "
                              f"the {where}; it is printed as a block per row", "warning", first.id)
            elif isinstance(block, c.Comparison) and ctx.theme.side_by_side and not comparison_fits(ctx, block):
                first = block.columns[0].title
                yield Finding("layout.columns", loc.origin(first),
                              f"{block.id}: the comparison's longest words do not fit its boxes side by side in the "
                              f"{where}; they are printed one under the other", "warning", first.id)
