"""msguide performance figures (not a test): medians over repeated runs on this machine.

    .venv/bin/python benchmarks/bench.py [--runs 7]

Prints a table: in-process render time per document, the same text through a plain ReportLab
SimpleDocTemplate (baseline) and our ratio to it, whole-process `msguide build` for one document, the whole
build serial and parallel, the no-op rebuild, peak memory and bytes per PDF. The machine is shared and noisy:
compare medians and ratios, not single runs."""
from __future__ import annotations

import argparse
import io
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
MSGUIDE = [str(ROOT / ".venv" / "bin" / "msguide")]


def median_time(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def render_in_process(runs: int) -> dict[str, float]:
    from generator.building.document import build_document
    from generator.building.session import Session
    from generator.source.project import Project

    session = Session(Project(ROOT))
    out = Path(tempfile.mkdtemp())
    build_document(session, "en", "guide", out)  # warm: content checked, fonts registered, modules imported
    return {doc: median_time(lambda d=doc: build_document(session, "en", d, out), runs)
            for doc in ("guide", "checklist", "booklet", "large-print", "summary", "summary-large-print",
                        "checklist-large-print", "html")}


def tagging_cost(runs: int) -> list[tuple[str, float, float, int, int]]:
    """Each tagged document (PDF/UA-1) against the same document untagged: CPU time per render and bytes.
    The two are alternated so the machine's noise hits both alike, and the fastest run of each is kept:
    on a shared machine the least disturbed run is the one that measures the code."""
    from dataclasses import replace

    from generator import documents
    from generator.building.document import build_document
    from generator.building.session import Session
    from generator.source.project import Project

    session = Session(Project(ROOT))
    out = Path(tempfile.mkdtemp())
    rows = []
    for locale, doc in (("en", "guide"), ("en", "large-print"), ("en", "checklist"), ("fr", "guide"),
                        ("ru", "guide"), ("ar", "guide"), ("ar", "checklist")):
        kind = documents.DOCUMENT_KINDS[doc]
        times: dict[bool, list[float]] = {True: [], False: []}
        sizes = {}
        for i in range(2 * runs + 2):
            tagged = i % 2 == 0
            documents.DOCUMENT_KINDS[doc] = replace(kind, tagged=tagged)
            try:
                t = time.process_time()
                sizes[tagged] = build_document(session, locale, doc, out).bytes
                if i >= 2:  # the first of each warms up
                    times[tagged].append(time.process_time() - t)
            finally:
                documents.DOCUMENT_KINDS[doc] = kind
        rows.append((f"{doc} {locale}", min(times[False]), min(times[True]), sizes[False], sizes[True]))
    shutil.rmtree(out)
    return rows


def baseline(runs: int) -> float:
    """The guide's text (every paragraph and item, English) through SimpleDocTemplate, same font and page."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from generator.source import markup
    from generator.layout.fonts import font_set
    from generator.pdf.pages import guide_page_size
    from generator.source.project import Project

    from generator.source.content import load_content

    project = Project(ROOT)
    content = load_content(project)
    fonts = font_set(project, "Latn")
    style = ParagraphStyle("b", fontName=fonts.body, fontSize=11.5, leading=16.3)
    texts = [markup.to_reportlab(markup.parse(t.source.replace("{", "").replace("}", ""))) for t in
             content.texts() if not t.id.startswith(("ui.", "cl."))]

    def once():
        buf = io.BytesIO()
        SimpleDocTemplate(buf, pagesize=guide_page_size("letter"), invariant=1).build(
            [Paragraph(t, style) for t in texts])

    once()
    return median_time(once, runs)


def process_times(runs: int) -> dict[str, float]:
    def fresh(args):
        out = tempfile.mkdtemp()
        try:
            subprocess.run(MSGUIDE + ["build", "--root", str(ROOT), "--out", out, *args], check=True,
                           stdout=subprocess.DEVNULL)
        finally:
            shutil.rmtree(out)

    figures = {"one document (msguide build)": median_time(lambda: fresh([]), runs)}
    serial, parallel = [], []
    for _ in range(max(5, runs)):  # alternated, so a noisy minute on the shared machine hits both alike
        serial.append(median_time(lambda: fresh(["--all", "-j", "1"]), 1))
        parallel.append(median_time(lambda: fresh(["--all", "-j", "2"]), 1))
    figures["whole build, serial (-j 1)"] = statistics.median(serial)
    figures["whole build, parallel (-j 2)"] = statistics.median(parallel)
    out = tempfile.mkdtemp()
    subprocess.run(MSGUIDE + ["build", "--root", str(ROOT), "--out", out, "--all"], check=True, stdout=subprocess.DEVNULL)
    figures["no-op rebuild (--all)"] = median_time(
        lambda: subprocess.run(MSGUIDE + ["build", "--root", str(ROOT), "--out", out, "--all"], check=True,
                               stdout=subprocess.DEVNULL), runs)
    sizes = {p.relative_to(out).as_posix(): p.stat().st_size for p in Path(out).rglob("*.pdf")}
    shutil.rmtree(out)
    return figures, sizes


BENCH_PYTHON = ROOT / ".venv-bench" / "bin" / "python"
_TYPST = ("import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2], font_paths=[sys.argv[3]], "
          "ignore_system_fonts=True, pdf_tags=sys.argv[4] == 'tagged')")


def cpu_seconds(cmd: list[str]) -> float:
    """User + system CPU time of one whole process (interpreter start, imports, work, exit)."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    if status:
        raise SystemExit(f"benchmark command failed: {' '.join(cmd)}")
    return usage.ru_utime + usage.ru_stime


def versus_typst(runs: int) -> dict[str, float] | None:
    """The English guide by msguide and by Typst (PyPI `typst`) on the same text, fonts and page, whole
    process, CPU time, runs alternating so the shared machine's noise hits both alike."""
    if not BENCH_PYTHON.exists():
        return None
    work = Path(tempfile.mkdtemp())
    typ = work / "guide.typ"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "typst_peer.py"), str(typ)], check=True)
    ours, theirs = [], []
    for i in range(runs):
        out = work / f"m{i}"
        ours.append(cpu_seconds(MSGUIDE + ["build", "--root", str(ROOT), "--out", str(out)]))
        theirs.append(cpu_seconds([str(BENCH_PYTHON), "-c", _TYPST, str(typ), str(work / "typst.pdf"),
                                   str(ROOT / "fonts"), "tagged"]))
    subprocess.run([str(BENCH_PYTHON), "-c", _TYPST, str(typ), str(work / "typst-untagged.pdf"), str(ROOT / "fonts"),
                    "untagged"], check=True)
    figures = {"msguide": statistics.median(ours), "typst": statistics.median(theirs),
               "msguide bytes": (work / "m0" / "en" / "guide-en.pdf").stat().st_size,
               "typst bytes": (work / "typst.pdf").stat().st_size,
               "typst untagged bytes": (work / "typst-untagged.pdf").stat().st_size}
    shutil.rmtree(work)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    # as `make` does: start from bytecode even where PYTHONDONTWRITEBYTECODE is set
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "generator")], check=True)
    print(f"msguide benchmark: median of {runs} runs, {os.cpu_count()} cores, Python {sys.version.split()[0]}\n")
    renders = render_in_process(runs)
    base = baseline(runs)
    print("in-process render (en)")
    for doc, t in renders.items():
        print(f"  {doc:24} {t * 1000:7.0f} ms")
    print(f"  {'baseline SimpleDocTemplate':24} {base * 1000:7.0f} ms   guide / baseline = {renders['guide'] / base:.2f}")
    print("\ntagging (PDF/UA-1) against the same document untagged: CPU time per render (fastest of "
          f"{3 * runs} alternated runs), bytes")
    for name, t0, t1, b0, b1 in tagging_cost(3 * runs):
        print(f"  {name:24} {t0 * 1000:5.0f} -> {t1 * 1000:5.0f} ms ({(t1 / t0 - 1) * 100:+5.1f} %)   "
              f"{b0 / 1000:5.1f} -> {b1 / 1000:5.1f} KB ({(b1 / b0 - 1) * 100:+5.1f} %)")
    figures, sizes = process_times(runs)
    print("\nwhole process")
    for name, t in figures.items():
        print(f"  {name:32} {t:6.2f} s")
    print(f"  parallel / serial = {figures['whole build, parallel (-j 2)'] / figures['whole build, serial (-j 1)']:.2f}")
    peer = versus_typst(max(runs, 9))
    if peer is None:
        print("\nmsguide vs Typst: skipped (run `make bench` to install Typst in .venv-bench)")
    else:
        print(f"\none document, whole process, CPU (English guide, same text, fonts and page)\n"
              f"  msguide {peer['msguide']:.2f} s, Typst {peer['typst']:.2f} s: msguide / Typst = "
              f"{peer['msguide'] / peer['typst']:.2f}\n"
              f"  bytes: msguide {peer['msguide bytes'] / 1000:.1f} KB, Typst {peer['typst bytes'] / 1000:.1f} KB "
              f"tagged, {peer['typst untagged bytes'] / 1000:.1f} KB untagged")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"\npeak memory of a build process: {peak:.0f} MB")
    guides = {k: v for k, v in sizes.items() if "/guide-" in k}
    print("\nbytes per PDF (1 KB = 1000 bytes): guide " +
          ", ".join(f"{k.split('/')[0]} {v / 1000:.1f} KB" for k, v in sorted(guides.items())))
    print(f"  largest PDF: {max(sizes, key=sizes.get)} {max(sizes.values()) / 1000:.1f} KB; "
          f"median {statistics.median(sizes.values()) / 1000:.1f} KB over {len(sizes)} PDFs")


if __name__ == "__main__":
    main()
