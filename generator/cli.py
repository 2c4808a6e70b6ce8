"""The command line: `msguide build …`, `msguide i18n …`. Parses arguments, calls the library, prints.
This is the one error edge: a known problem is one `error: file:line: …` line per problem and exit
status 1; anything else is a bug, reported in one line (exit status 2), with its traceback under
--debug."""
from __future__ import annotations

import argparse
import os
import sys
import traceback
from pathlib import Path

from .documents import DOCUMENTS


def _parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = argparse.ArgumentParser(prog="msguide", description="Build patient handouts on stem cell therapy for MS.")
    parser.add_argument("--version", action="version", version=f"msguide {__version__}")
    parser.add_argument("--debug", action="store_true", help="show the traceback of an internal error")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build documents into dist/")
    b.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    b.add_argument("--locale", action="append", help="locale code such as en or fr (repeatable; default: en)")
    b.add_argument("--document", action="append", choices=DOCUMENTS, help="document to build (repeatable; default: guide)")
    b.add_argument("--all", action="store_true", help="every locale with a PO file, and English, × every document")
    b.add_argument("--out", default="dist", help="output folder (default: dist)")
    b.add_argument("--root", default=".", help="project folder holding content/, locales/, fonts/ (default: .)")
    b.add_argument("--paper", choices=("a4", "letter"), help="override the locale's paper size")
    b.add_argument("--clinic", metavar="CLINIC.YAML", help="a clinic profile: its name, contacts and logo on every "
                   "document, written under dist/clinics/<slug>/")
    b.add_argument("--marks", action="store_true", help="booklet: crop and fold marks (the spread shrinks to 92 %%)")
    b.add_argument("--strict", action="store_true", help="treat warnings as errors")
    b.add_argument("--jobs", "-j", type=int, default=0, help="worker processes (default: the number of cores)")
    i = sub.add_parser("i18n", help="translation catalogs in locales/")
    i.add_argument("--root", default=".", help="project folder (default: .)")
    i.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    isub = i.add_subparsers(dest="action", required=True)
    isub.add_parser("extract", help="write locales/messages.pot from content/")
    isub.add_parser("update", help="merge the content into every locales/*.po")
    init = isub.add_parser("init", help="start locales/<locale>.po")
    init.add_argument("locale")
    isub.add_parser("status", help="translated / fuzzy / untranslated / obsolete and review, per locale, and "
                    "the translations changed since their medical review")
    chk = isub.add_parser("check", help="every problem in every PO file, one line each")
    chk.add_argument("locales", nargs="*", help="only these locales")
    rev = isub.add_parser("review", help="record that a medical translator reviewed locales/<locale>.po as it is "
                          "now (maintainers: writes reviews/<locale>.review)")
    rev.add_argument("locale")
    rev.add_argument("--by", required=True, metavar="NAME", help="who reviewed it, e.g. \"Dr A. Name\"")
    rev.add_argument("--date", metavar="YYYY-MM-DD", help="when (default: today, or SOURCE_DATE_EPOCH's day)")
    return parser


def main(argv: list[str] | None = None) -> int:
    from .errors import MsguideError

    args = _parser().parse_args(argv)
    try:
        from .source.environment import source_date_epoch

        source_date_epoch()  # every command: a value no tool can read is one error, before any work
        return _build(args) if args.command == "build" else _i18n(args)
    except MsguideError as exc:
        for line in exc.lines():
            print(f"error: {line}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: one line, the traceback on request
        from .building.batch import bug_line

        print(f"error: {bug_line(exc)}", file=sys.stderr)
        if args.debug:
            traceback.print_exc()
        else:
            print("(run with --debug for the traceback)", file=sys.stderr)
        return 2


def _session(args, **kwargs):
    from .building.session import Session
    from .source.project import Project

    return Session(Project(Path(args.root).resolve()), **kwargs)


# --- i18n ------------------------------------------------------------------------------------------


def _i18n(args) -> int:
    from .atomic import clean_stale

    session = _session(args)
    clean_stale([session.project.locales_dir, session.project.reviews_dir])
    return _I18N[args.action](session, args)


def _extract(session, args) -> int:
    from .i18n import catalogs

    path, changed = catalogs.write_template(session.content, session.project)
    print(f"{'wrote' if changed else 'unchanged'} {session.project.shown(path)}")
    return 0


def _init(session, args) -> int:
    from .i18n import catalogs

    print(f"wrote {session.project.shown(catalogs.init_catalog(session.content, session.project, args.locale))}")
    return 0


def _update(session, args) -> int:
    """Every PO file is read and checked before any is written: one that msgfmt would refuse stops the
    update with its line, leaving every file as it was."""
    from .errors import ValidationError
    from .i18n import catalogs

    project = session.project
    broken = [f for code in project.locales()[1:] if session.catalog(code).broken for f in session.catalog(code).errors]
    if broken:
        raise ValidationError(broken)
    catalogs.write_template(session.content, project)
    for path in project.po_files():
        changed = catalogs.update_catalog(session.content, project, path)
        print(f"{'updated' if changed else 'unchanged'} {project.shown(path)}")
    return 0


def _status(session, args) -> int:
    print(f"{'locale':8} {'done':>6} {'transl':>6} {'fuzzy':>6} {'untr':>6} {'obsol':>6} {'errors':>6}  review")
    changed = []
    for code in session.project.locales()[1:]:
        catalog = session.catalog(code)
        counts = catalog.counts()
        done = "broken" if catalog.broken else f"{counts.percent:5.1f}%"
        print(f"{code:8} {done:>6} {counts.translated:6} {counts.fuzzy:6} {counts.untranslated:6} "
              f"{catalog.obsolete:6} {len(catalog.errors):6}  {catalog.review}")
        changed += [(code, catalog, text_id) for text_id in catalog.review.changed]
    if changed:
        print("\nchanged since their medical review (run `msguide i18n review <locale> --by NAME` once reviewed):")
        for code, catalog, text_id in changed:
            where = catalog.origins.get(text_id)
            state = "now untranslated" if text_id not in catalog.translations else "changed or new"
            print(f"{where or catalog.path}: {text_id}: {state}")
    return 0


def _review(session, args) -> int:
    from .i18n.review import record_review

    path, count, missing = record_review(session, args.locale, args.by, args.date)
    project = session.project
    print(f"recorded {project.shown(path)}: {count} translations of {project.shown(project.po_path(args.locale))} "
          f"reviewed by {args.by.strip()}")
    if missing:
        print(f"note: {missing} texts have no usable translation (the English is shown); a review does not "
              "cover them", file=sys.stderr)
    return 0


def _check(session, args) -> int:
    project = session.project
    locales = args.locales
    lines: list[str] = []
    if not locales:
        lines += [f"{project.shown(p)}: not a locale code such as fr or pt_BR: the file is not used"
                  for p in project.stray_po_files()]
    for code in locales or project.locales()[1:]:
        project.po_path(code)  # refuses a code that is not one
        lines += [str(f) for f in session.findings(code)]
    for line in lines:
        print(line)
    print(f"{len(lines)} problem(s)", file=sys.stderr)
    return 1 if lines else 0


_I18N = {"extract": _extract, "init": _init, "update": _update, "status": _status, "check": _check,
         "review": _review}


# --- build -----------------------------------------------------------------------------------------


def _build(args) -> int:
    from .building.batch import Options, default_workers, plan, run
    from .building.outputs import prepare_output_folder, read_manifest

    clinic_path = Path(args.clinic) if args.clinic else None
    options = Options(paper=args.paper, strict=args.strict, marks=args.marks, clinic=clinic_path,
                      clinic_shown=args.clinic)
    session = _session(args, clinic=clinic_path, clinic_shown=args.clinic, paper=args.paper)
    project = session.project
    dist = Path(args.out)
    clinic_slug = None
    if clinic_path is not None:
        from .source.clinic import profile_slug

        clinic_slug = profile_slug(clinic_path, args.clinic)
    locales = project.locales() if args.all else list(dict.fromkeys(args.locale or ["en"]))
    for code in locales:
        project.po_path(code)  # refuses what is not a locale code before anything is built
    documents = list(DOCUMENTS) if args.all else list(dict.fromkeys(args.document or ["guide"]))
    jobs = plan(session, locales, documents, options, clinic_slug)
    # Before anything is written: the output folder can be written, its manifest can be replaced, and
    # the download page's fonts are usable.
    prepare_output_folder(dist, args.out)
    manifest_shown = os.path.join(args.out, "manifest.json")
    manifest = read_manifest(dist, manifest_shown)
    if manifest.problem:
        print(f"warning: {manifest_shown}: {manifest.problem}; every output is built again and it is written "
              "anew", file=sys.stderr)
    counts = {"built": 0, "unchanged": 0, "failed": 0, "warnings": 0}
    printed: set[str] = set()  # a problem shared by several outputs is printed once

    def report(result) -> None:
        counts[result.status] += 1
        shown = os.path.join(str(dist), result.job.rel)
        if result.status == "failed":
            for line in result.errors:
                if line not in printed:
                    printed.add(line)
                    print(f"error: {line}", file=sys.stderr)
            if result.bug and args.debug:
                print(result.bug, file=sys.stderr)
            print(f"failed {shown}")
            return
        for w in result.warnings:  # an unchanged output's too: they are kept in the manifest
            counts["warnings"] += 1
            print(f"warning: {w}", file=sys.stderr)
        if result.status == "unchanged":
            print(f"unchanged {shown}")
        else:
            out = result.output
            pages = f"{out.pages} pages, " if out.pages else ""
            print(f"built {shown} ({pages}{max(1, round(out.bytes / 1000))} KB{', ' + out.paper if out.pages else ''})")

    results = run(session, jobs, dist, options, workers=args.jobs or default_workers(), on_result=report,
                  before_writing=session.web_fonts if args.all else None,
                  manifest=manifest)
    built = [r.output for r in results if r.status == "built"]
    from .building.publish import publish

    publish(session, dist, built, clinic_slug, site=args.all, locales=locales)
    print(f"{counts['built']} built, {counts['unchanged']} unchanged, {counts['warnings']} warnings, "
          f"{counts['failed']} failed ({len(results)} outputs)")
    if any(r.bug for r in results):
        return 2
    return 1 if counts["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
