"""The command line: `msguide build …`. Parses arguments, calls the library, prints one line per problem."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .building.kinds import DOCUMENTS


def _parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = argparse.ArgumentParser(prog="msguide", description="Build patient handouts on stem cell therapy for MS.")
    parser.add_argument("--version", action="version", version=f"msguide {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build documents into dist/")
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
    isub = i.add_subparsers(dest="action", required=True)
    isub.add_parser("extract", help="write locales/messages.pot from content/")
    isub.add_parser("update", help="merge the content into every locales/*.po")
    init = isub.add_parser("init", help="start locales/<locale>.po")
    init.add_argument("locale")
    isub.add_parser("status", help="translated / fuzzy / untranslated / obsolete and review, per locale")
    chk = isub.add_parser("check", help="every problem in every PO file, one line each")
    chk.add_argument("locales", nargs="*", help="only these locales")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "i18n":
        return _i18n(args)
    return _build(args)


def _i18n(args) -> int:
    from .i18n import catalogs
    from .source.project import Project
    from .errors import MsguideError

    project = Project(Path(args.root).resolve())
    try:
        content = project.load()
        locales_dir = project.locales_dir
        locales_dir.mkdir(exist_ok=True)
        if args.action == "extract":
            path, changed = catalogs.write_template(content, project.root, locales_dir)
            print(f"{'wrote' if changed else 'unchanged'} {project.shown(path)}")
        elif args.action == "init":
            print(f"wrote {project.shown(catalogs.init_catalog(content, project.root, locales_dir, args.locale))}")
        elif args.action == "update":
            catalogs.write_template(content, project.root, locales_dir)
            for path in project.po_files():
                changed = catalogs.update_catalog(content, project.root, path, project.shown(path))
                print(f"{'updated' if changed else 'unchanged'} {project.shown(path)}")
        elif args.action == "status":
            print(f"{'locale':8} {'done':>6} {'transl':>6} {'fuzzy':>6} {'untr':>6} {'obsol':>6}  review")
            for path in project.po_files():
                st = catalogs.status(content, path, project.shown(path))
                print(f"{st.locale:8} {st.percent:5.1f}% {st.translated:6} {st.fuzzy:6} {st.untranslated:6} "
                      f"{st.obsolete:6}  {st.review}")
        elif args.action == "check":
            from .i18n.checks import check_catalog

            problems = 0
            for path in project.po_files(args.locales or None):
                for line in check_catalog(content, project, path):
                    problems += 1
                    print(line)
            print(f"{problems} problem(s)", file=sys.stderr)
            return 1 if problems else 0
    except MsguideError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


def _build(args) -> int:
    from .building.batch import Options, default_workers, plan, run
    from .errors import MsguideError
    from .source.project import Project

    project = Project(Path(args.root).resolve())
    dist = Path(args.out)
    options = Options(paper=args.paper, strict=args.strict, marks=args.marks,
                      clinic=Path(args.clinic) if args.clinic else None)
    try:
        clinic_slug = None
        if options.clinic:
            from .source.clinic import profile_slug

            clinic_slug = profile_slug(options.clinic, args.clinic)
        locales = project.locales() if args.all else list(dict.fromkeys(args.locale or ["en"]))
        documents = list(DOCUMENTS) if args.all else list(dict.fromkeys(args.document or ["guide"]))
        jobs = plan(project, locales, documents, dist, options, clinic_slug)
    except MsguideError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1

    def load_clinic():
        from .source.clinic import load_clinic
        from .errors import Origin

        return load_clinic(options.clinic, args.clinic), Origin(args.clinic)

    counts = {"built": 0, "unchanged": 0, "failed": 0, "warnings": 0}

    def report(result) -> None:
        counts[result.status] += 1
        shown = os.path.join(str(dist), result.job.rel)
        if result.status == "failed":
            print(f"error: {result.error}", file=sys.stderr)
            print(f"failed {shown}")
            return
        for w in result.warnings:
            counts["warnings"] += 1
            print(f"warning: {w}", file=sys.stderr)
        if result.status == "unchanged":
            print(f"unchanged {shown}")
        else:
            out = result.output
            pages = f"{out.pages} pages, " if out.pages else ""
            print(f"built {shown} ({pages}{max(1, round(out.bytes / 1000))} KB{', ' + out.paper if out.pages else ''})")

    workers = args.jobs or default_workers()
    try:
        results = run(project, jobs, dist, options, workers=workers, on_result=report,
                      load_clinic=load_clinic if options.clinic else None)
    except MsguideError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    built = [r.output for r in results if r.status == "built"]
    if built or (args.all and not (dist / (f"clinics/{clinic_slug}/" if clinic_slug else "") / "index.html").exists()):
        from .building.batch import loaded_content
        from .building.publish import publish

        try:
            publish(project, dist, built, clinic_slug, site=args.all, content=loaded_content())
        except MsguideError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
    total = len(results)
    print(f"{counts['built']} built, {counts['unchanged']} unchanged, {counts['warnings']} warnings, "
          f"{counts['failed']} failed ({total} outputs)")
    return 1 if counts["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
