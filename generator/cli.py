"""The command line: `msguide build …`. Parses arguments, calls the library, prints one line per problem."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

DOCUMENTS = ("guide", "checklist")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="msguide", description="Build patient handouts on stem cell therapy for MS.")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build documents into dist/")
    b.add_argument("--locale", action="append", help="locale code such as en or fr (repeatable; default: en)")
    b.add_argument("--document", action="append", choices=DOCUMENTS, help="document to build (repeatable; default: guide)")
    b.add_argument("--all", action="store_true", help="every locale with a PO file, and English, × every document")
    b.add_argument("--out", default="dist", help="output folder (default: dist)")
    b.add_argument("--root", default=".", help="project folder holding content/, locales/, fonts/ (default: .)")
    b.add_argument("--paper", choices=("a4", "letter"), help="override the locale's paper size")
    b.add_argument("--strict", action="store_true", help="treat warnings as errors")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from .build import Project, build_document
    from .errors import MsguideError
    from .outputs import write_manifest

    project = Project(Path(args.root).resolve())
    dist = Path(args.out)
    try:
        content = project.load()
        locales = project.locales() if args.all else (args.locale or ["en"])
        documents = DOCUMENTS if args.all else tuple(dict.fromkeys(args.document or ["guide"]))
    except MsguideError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    outputs, failed = [], 0
    for locale in locales:
        for document in documents:
            try:
                out = build_document(project, content, locale, document, dist, paper=args.paper, strict=args.strict)
            except MsguideError as exc:
                failed += 1
                print(f"error: {exc}", file=sys.stderr)
                continue
            for w in out.warnings:
                print(f"warning: {w}", file=sys.stderr)
            outputs.append(out)
            print(f"built {os.path.join(str(dist), out.path)} ({out.pages} pages, {out.bytes // 1024} KB, {out.paper})")
    if outputs:
        write_manifest(dist, outputs)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
