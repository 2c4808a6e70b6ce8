"""Reading level of the English body text (not a test): Flesch–Kincaid grade and Flesch reading ease per
document, from the content model, so a rewrite can be checked against the goal (grade ≤ 7).

    .venv/bin/python benchmarks/readability.py

Body text: what a reader reads through (the summary: the guide's blocks it shows) — paragraphs, lists, boxes, tables, diagrams, questions. Left out: the
glossary and the sources (definitions and titles, not running text), form field labels and the interface.
Syllables are counted with the usual vowel-group rule (as textstat and most readability tools do); an
abbreviation in capitals (aHSCT, MRI) counts as one word of one syllable. Grades from different tools differ
by about one grade: compare runs of this script, not numbers from elsewhere."""
from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.source.content import _walk_texts, load_content  # noqa: E402
from generator.source.project import Project  # noqa: E402

_LEFT_OUT = ("glossary", "sources", "cover.")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
_VOWELS = re.compile(r"[aeiouy]+")


def plain(source: str) -> str:
    """The words a reader sees: link targets and markup characters removed, placeholders as one word."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", source)
    text = re.sub(r"\{[a-z_]+\}", "value", text)
    return text.replace("**", "").replace("*", "")


def syllables(word: str) -> int:
    """>>> [syllables(w) for w in ("cell", "therapy", "aHSCT", "disease", "the", "able")]
    [1, 3, 1, 2, 1, 2]"""
    if sum(c.isupper() for c in word) >= 2:
        return 1
    w = word.lower().strip("'’-")
    if len(w) <= 3:
        return 1
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")):
        w = w[:-1]
    return max(1, len(_VOWELS.findall(w)))


def measure(sources: list[str]) -> dict[str, float]:
    words = sentences = syll = 0
    for source in sources:
        text = plain(source).strip()
        if not text:
            continue
        found = _WORD.findall(text)
        words += len(found)
        syll += sum(syllables(w) for w in found)
        # A list item or a table cell without a full stop is still one unit of reading.
        sentences += max(1, len(_SENTENCE_END.findall(text + " ")))
    wps, spw = words / sentences, syll / words
    return {"words": words, "sentences": sentences, "words/sentence": wps,
            "grade": 0.39 * wps + 11.8 * spw - 15.59, "ease": 206.835 - 1.015 * wps - 84.6 * spw}


def body_texts(content, document: str) -> list[str]:
    if document == "guide":
        sections = [s for s in content.guide.sections if s.id not in ("glossary", "sources")]
        texts = list(_walk_texts(sections))
    elif document == "summary":  # the guide's blocks it shows, under their sections' titles
        texts = [t for page in content.summary.pages for part in page.parts
                 for t in (part.title, *_walk_texts(part.blocks))]
    else:
        cl = content.checklist
        texts = [t for t in _walk_texts(cl) if t not in cl.fields and t is not cl.notes]
    return [t.source for t in texts if not t.id.startswith(_LEFT_OUT)]


def main() -> int:
    content = load_content(Project(ROOT))
    print(f"{'document':<10} {'words':>6} {'sentences':>9} {'words/sentence':>15} {'FK grade':>9} {'ease':>6}")
    for document in ("guide", "summary", "checklist"):
        m = measure(body_texts(content, document))
        print(f"{document:<10} {m['words']:>6} {m['sentences']:>9} {m['words/sentence']:>15.1f} "
              f"{m['grade']:>9.1f} {m['ease']:>6.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
