"""Build many outputs: skip those whose inputs have not changed, build the rest in worker processes,
report each as it finishes, and keep the manifest in step. One failure never stops the others."""
from __future__ import annotations

import json
import os
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..errors import MsguideError
from ..source.project import SOURCE_LOCALE
from .fingerprint import clinic_inputs, output_inputs, shared_inputs
from .session import Session


@dataclass(frozen=True)
class Job:
    locale: str
    document: str
    rel: str  # path under dist/
    inputs: str  # fingerprint of everything the output depends on


@dataclass
class Result:
    job: Job
    status: str  # built | unchanged | failed
    output: object | None = None  # outputs.Output
    errors: tuple[str, ...] = ()  # one line per problem, for a failed output
    warnings: tuple[str, ...] = field(default=())
    bug: str | None = None  # the traceback, when the failure is a bug in msguide


@dataclass(frozen=True)
class Options:
    paper: str | None = None
    strict: bool = False
    marks: bool = False
    clinic: Path | None = None


def plan(session: Session, locales: list[str], documents: list[str], options: Options,
         clinic_slug: str | None) -> list[Job]:
    from ..documents import output_relpath, output_variant

    project = session.project
    shared = shared_inputs(project.root)
    clinic = clinic_inputs(options.clinic)
    jobs = []
    for locale in locales:
        po = None if locale == SOURCE_LOCALE else project.po_path(locale)
        territory = session.locale(locale).paper
        paper = options.paper if options.paper != territory else None  # the territory's: the same output
        for document in documents:
            inputs = output_inputs(shared=shared, po=po, clinic=clinic, document=document, locale=locale,
                                   paper=paper, marks=options.marks)
            variant = output_variant(document, paper, territory, options.marks)
            jobs.append(Job(locale, document, output_relpath(locale, document, clinic_slug, variant), inputs))
    return jobs


def read_manifest(dist: Path) -> dict:
    try:
        data = json.loads((dist / "manifest.json").read_text("utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def is_current(job: Job, dist: Path, manifest: dict) -> bool:
    """The output exists, is what the manifest says it is, and was made from the same inputs."""
    from .outputs import sha256_of

    outputs = manifest.get("outputs")
    entry = next((e for e in outputs if isinstance(e, dict) and e.get("path") == job.rel), None) \
        if isinstance(outputs, list) else None
    target = dist / job.rel
    if entry is None or entry.get("inputs") != job.inputs or not target.is_file():
        return False
    return target.stat().st_size == entry.get("bytes") and sha256_of(target) == entry.get("sha256")


def build_one(session: Session, job: Job, dist: str, options: Options) -> Result:
    """Build one job; a problem becomes a failed result, never an exception (one failure must not take
    the other outputs down with it). A bug keeps its traceback for --debug."""
    from .document import build_document

    try:
        out = build_document(session, job.locale, job.document, Path(dist), paper=options.paper,
                             strict=options.strict, marks=options.marks, inputs=job.inputs)
    except MsguideError as exc:
        return Result(job, "failed", errors=tuple(exc.lines()))
    except Exception as exc:
        return Result(job, "failed", errors=(bug_line(exc),), bug=traceback.format_exc())
    return Result(job, "built", output=out, warnings=out.warnings)


def bug_line(exc: BaseException) -> str:
    return f"internal error (a bug in msguide, please report it): {type(exc).__name__}: {exc}"


# The session of the current pool: set in the parent before workers fork, or handed to spawned workers
# by the pool's initializer. Only the pool's own functions below read it.
_POOL_SESSION: dict = {}


def _pool_start(session: Session, options: Options) -> None:
    _POOL_SESSION.update(session=session, options=options)


def _pool_build(job: Job, dist: str) -> Result:
    return build_one(_POOL_SESSION["session"], job, dist, _POOL_SESSION["options"])


def run(session: Session, jobs: list[Job], dist: Path, options: Options, *, workers: int,
        on_result: Callable[[Result], None]) -> list[Result]:
    """Build what is out of date. Content and clinic are loaded only when something needs building; a
    problem there raises MsguideError (one error for the whole run, not one per output)."""
    manifest = read_manifest(dist)
    results: list[Result] = []
    pending = []
    for job in jobs:
        if is_current(job, dist, manifest):
            result = Result(job, "unchanged")
            results.append(result)
            on_result(result)
        else:
            pending.append(job)
    if not pending:
        return results
    session.content  # noqa: B018 (raises ValidationError for the whole run)
    session.clinic  # noqa: B018
    workers = max(1, min(workers, len(pending)))
    if workers == 1:
        for job in pending:
            result = build_one(session, job, str(dist), options)
            results.append(result)
            on_result(result)
        return results
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    from .document import warm

    if "fork" in start_methods():  # workers are copies of this process: content, imports, fonts
        context = multiprocessing.get_context("fork")
        warm(session, sorted({j.locale for j in pending}), [j.document for j in pending])
    else:  # spawned workers (Windows, macOS) start empty: the initializer hands each the session
        context = multiprocessing.get_context("spawn")
    # longest first, so the last worker to finish is not left with a booklet while the other idles
    pending.sort(key=lambda j: -_COST.get(j.document, 1))
    _pool_start(session, options)
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_pool_start,
                                 initargs=(session, options)) as pool:
            futures = [pool.submit(_pool_build, job, str(dist)) for job in pending]
            for future in as_completed(futures):
                result = future.result()
                results.append(result)
                on_result(result)
    finally:
        _POOL_SESSION.clear()
    return results


def start_methods() -> list[str]:
    """How this platform can start worker processes (Python 3.14 no longer forks by default on Linux,
    so the choice is made here, not left to the default)."""
    import multiprocessing

    return multiprocessing.get_all_start_methods()


_COST = {"booklet": 4, "guide": 2, "large-print": 2, "checklist": 1, "checklist-large-print": 1, "html": 0,
         "checklist-html": 0}


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
