"""Columns side by side (a table's, a comparison's two boxes): how wide each is, from the measured words of
its text, and whether they fit the page's width at all; when not, the builders print them one under the
other. The layout builders and the locale's fit checks (layout/checks.py) decide with the same functions."""
from __future__ import annotations

from typing import Callable

from ..source import content as c

# A column narrower than this many ems of its text reads a word or two a line: the columns are stacked.
MIN_COLUMN_EMS = 6
# A comparison's box holds sentences, not a table's short cells: narrower than this (a half of the
# summary's column), the two boxes read better one under the other, and each can move to the next column.
MIN_BOX_EMS = 9


def column_widths(least: list[float], natural: list[float], room: float) -> list[float] | None:
    """Widths that share `room`: each column at least `least` (its longest word, with its padding), the
    room left shared in proportion to how much more each column's text would take on one line (`natural`);
    None when even the longest words do not fit side by side.

    >>> column_widths([40, 60], [100, 300], 200)   # 100 pt to share: 80 of it to the longer text
    [60.0, 140.0]
    >>> column_widths([40, 60], [50, 70], 240)     # both fit on one line: what is left, in proportion
    [100.0, 140.0]
    >>> column_widths([120, 90], [300, 300], 200) is None
    True
    """
    if sum(least) > room + 0.01:
        return None
    natural = [max(n, l) for n, l in zip(natural, least)]
    if sum(natural) <= room:
        return [room * n / sum(natural) for n in natural]
    spare, wants = room - sum(least), [n - l for n, l in zip(natural, least)]
    return [l + spare * w / sum(wants) for l, w in zip(least, wants)]


Measure = Callable[[str, float, bool], float]  # (text, size, bold) -> width in points


_NO_BREAK = "\u00a0\u202f\u2007\u2060"  # spaces a line never breaks at (a French "150 000 $US", a Russian "в доме")


def words(text: str) -> list[str]:
    """What a line cannot break inside: text between the spaces a line may break at.

    >>> words("в\u00a0клиническом исследовании"), words("150\u202f000 $US")
    (['в\xa0клиническом', 'исследовании'], ['150\u202f000', '$US'])
    """
    return "".join(" " if ch.isspace() and ch not in _NO_BREAK else ch for ch in text).split(" ")


def longest_word(text: str, measure: Measure, size: float, bold: bool = False) -> float:
    """The width of the widest word of `text` (a word a line cannot break inside)."""
    return max((measure(word, size, bold) for word in words(text) if word), default=0.0)


CELL_PAD = 0.45  # a table cell's padding on each side, in ems of the body's size


def table_widths(ctx, block: c.Table) -> list[float] | None:
    """The widths of a table's columns on the page of `ctx`, or None when it is printed as a block per
    row: more columns than the theme puts side by side, or words that do not fit beside each other."""
    theme = ctx.theme
    padding = CELL_PAD * theme.body_size
    if len(block.columns) > theme.table_columns:
        return None
    styles = ctx.styles
    head, cell = styles["cell_head"].fontSize, styles["cell"].fontSize
    measure: Measure = lambda t, z, b: ctx.text_width(t, z, bold=b)  # noqa: E731
    least, natural = [], []
    for j, column in enumerate(block.columns):
        texts = [(ctx.loc.plain(column), head, True)] + \
                [(ctx.loc.plain(row.cells[j]), head if j == 0 else cell, j == 0) for row in block.rows]
        words = max(longest_word(t, measure, z, b) for t, z, b in texts)
        least.append(max(words, MIN_COLUMN_EMS * cell) + 2 * padding + 1)
        natural.append(max(measure(t, z, b) for t, z, b in texts) + 2 * padding + 1)
    return column_widths(least, natural, ctx.width - 0.01)  # a table wider than the frame by a rounding would not split


# A box (a callout, a comparison's column), in ems of the body's size: padding on the side of its bar and on
# the other side, a bullet's indent, and the gap between two boxes side by side.
BOX_PAD_START, BOX_PAD_END, BULLET_INDENT, COMPARISON_GAP = 1.1, 0.9, 1.4, 0.8


def comparison_box_width(ctx) -> float:
    """The width of each of a comparison's boxes side by side."""
    return (ctx.width - COMPARISON_GAP * ctx.theme.body_size) / 2


def comparison_fits(ctx, block: c.Comparison) -> bool:
    """Whether a comparison's two boxes stand side by side on the page of `ctx`: the theme allows it and
    every word of each box fits the width its text has there (the box's less its padding and bullets),
    which must be at least MIN_BOX_EMS of the body's size."""
    theme = ctx.theme
    inner = comparison_box_width(ctx) - (BOX_PAD_START + BOX_PAD_END + BULLET_INDENT) * theme.body_size
    if not theme.side_by_side or inner < MIN_BOX_EMS * theme.body_size:
        return False
    measure: Measure = lambda t, z, b: ctx.text_width(t, z, bold=b)  # noqa: E731
    title = ctx.styles["callout_title"].fontSize
    for column in block.columns:
        if longest_word(ctx.loc.plain(column.title), measure, title, True) > inner:
            return False
        if any(longest_word(ctx.loc.plain(t), measure, theme.body_size) > inner for t in column.items):
            return False
    return True
