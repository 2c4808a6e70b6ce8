"""Property-based tests (hypothesis): the markup converter never crashes and never lets markup through,
and the saddle-stitch order folds into reading order for any page count."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.source import markup
from generator.pdf.booklet import padded_pages, saddle_stitch_order

# Text biased towards what can go wrong: our markup, ReportLab's tags and entities, brackets, quotes.
ATOMS = st.sampled_from(["**", "*", "[", "]", "(", ")", "\\", "<", ">", "&", '"', "'", "<b>", "</b>", "<img src='/etc/passwd'/>",
                         "<a href='javascript:x'>", "</a>", "&amp;", "&#60;", "](https://example.org/)",
                         "](javascript:alert(1))", "(mailto:a@example.org)", "<![CDATA[", "]]>", " ", "word", "é", "\n"])
TEXT = st.lists(st.one_of(ATOMS, st.text(max_size=6)), max_size=25).map("".join)


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_markup_gives_valid_reportlab_markup_or_a_clear_error(text):
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    try:
        runs = markup.parse(text)
    except markup.MarkupSyntaxError as exc:
        assert str(exc)  # a message for the user, nothing else
        return
    rl = markup.to_reportlab(runs)
    para = Paragraph(rl, ParagraphStyle("p"))  # ReportLab's own parser accepts it
    shown = "".join(frag.text for frag in para.frags if hasattr(frag, "text"))
    assert " ".join(shown.split()) == " ".join("".join(r.text for r in runs).split())
    # the only tags are ours, and the only links https:/mailto:
    assert set(re.findall(r"</?([a-z]+)", rl)) <= {"b", "i", "u", "a"}
    assert all(h.startswith(("https://", "mailto:")) for h in re.findall(r'href="([^"]*)"', rl))


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=400))
def test_saddle_stitch_is_a_permutation_that_folds_in_order(pages):
    sides = saddle_stitch_order(pages)
    slots = padded_pages(pages)
    placed = [p for side in sides for p in side]
    assert len(placed) == len(slots) and len(slots) % 4 == 0
    assert sorted(p for p in placed if p is not None) == list(range(1, pages + 1))
    # facing halves of one sheet side always add up to the padded length + 1 (slot numbers)
    position = {p: i + 1 for i, p in enumerate(slots) if p is not None}
    n = len(slots)
    for left, right in sides:
        if left is not None and right is not None:
            assert position[left] + position[right] == n + 1
