"""Build many outputs: skip those whose inputs have not changed (reporting the warnings they were built
with), build the rest in worker processes, report each as it finishes, and keep the manifest in step.
One failing output never stops the others; a disk that cannot be written stops the run."""
from __future__ import annotations

import hashlib
import os
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..errors import MsguideError, OutputError
from .fingerprint import clinic_inputs, locale_inputs, output_inputs, shared_inputs
from .outputs import Manifest, read_output
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
    warnings: tuple[str, ...] = field(default=())  # for an unchanged output: those it was built with
    bug: str | None = None  # the traceback, when the failure is a bug in msguide
    fatal: OutputError | None = None  # the disk cannot be written: the run stops


@dataclass(frozen=True)
class Options:
    paper: str | None = None
    strict: bool = False
    marks: bool = False
    clinic: Path | None = None
    clinic_shown: str | None = None


def plan(session: Session, locales: list[str], documents: list[str], options: Options,
         clinic_slug: str | None) -> list[Job]:
    """A job per output, with the fingerprint of everything it depends on."""
    from ..documents import output_relpath, output_variant
    from ..i18n.locales import paper_for_locale
    from ..source.environment import source_date_epoch

    project = session.project
    epoch = source_date_epoch()  # refuses a value ReportLab would choke on, before anything is built
    shared = shared_inputs(project)
    clinic = clinic_inputs(options.clinic, options.clinic_shown)
    jobs = []
    for locale in locales:
        locale_part = locale_inputs(project, locale)
        # the territory's paper matters only against a --paper override (asked without loading CLDR data)
        territory = paper_for_locale(locale) if options.paper else None
        paper = options.paper if options.paper != territory else None  # the territory's: the same output
        for document in documents:
            inputs = output_inputs(shared=shared, locale_part=locale_part, clinic=clinic, document=document,
                                   locale=locale, paper=paper, marks=options.marks, epoch=epoch)
            variant = output_variant(document, paper, territory, options.marks)
            jobs.append(Job(locale, document, output_relpath(locale, document, clinic_slug, variant), inputs))
    return jobs


def is_current(job: Job, dist: Path, manifest: Manifest, strict: bool = False) -> dict | None:
    """The manifest entry of an output that exists, is what the manifest says it is, and was made from
    the same inputs; None when it must be built. Under --strict, an output built with warnings is built
    again (and fails, as a clean strict build would)."""
    entry = manifest.entries.get(job.rel)
    if entry is None or entry["inputs"] != job.inputs or (strict and entry.get("warnings")):
        return None
    data = read_output(dist, job.rel)
    if data is None or len(data) != entry["bytes"] or hashlib.sha256(data).hexdigest() != entry["sha256"]:
        return None
    return entry


def build_one(session: Session, job: Job, dist: str, options: Options) -> Result:
    """Build one job; a problem becomes a failed result, never an exception (one failure must not take
    the other outputs down with it). A bug keeps its traceback for --debug."""
    from .document import build_document

    try:
        out = build_document(session, job.locale, job.document, Path(dist), paper=options.paper,
                             strict=options.strict, marks=options.marks, inputs=job.inputs)
    except OutputError as exc:
        return Result(job, "failed", errors=tuple(exc.lines()), fatal=exc if exc.disk_full else None)
    except MsguideError as exc:
        return Result(job, "failed", errors=tuple(exc.lines()))
    except Exception as exc:
        return Result(job, "failed", errors=(bug_line(exc),), bug=traceback.format_exc())
    return Result(job, "built", output=out, warnings=out.warnings)


def bug_line(exc: BaseException) -> str:
    """One line for a bug, whatever its message holds (ReportLab's can run to many lines of markup)."""
    message = " ".join(str(exc).split())
    if len(message) > 200:
        message = message[:200] + "…"
    return f"internal error (a bug in msguide, please report it): {type(exc).__name__}: {message}"


# The session of the current pool: set in the parent before workers fork, or handed to spawned workers
# by the pool's initializer. Only the pool's own functions below read it.
_POOL_SESSION: dict = {}


def _pool_start(session: Session, options: Options) -> None:
    _POOL_SESSION.update(session=session, options=options)


def _pool_build(job: Job, dist: str) -> Result:
    return build_one(_POOL_SESSION["session"], job, dist, _POOL_SESSION["options"])


def run(session: Session, jobs: list[Job], dist: Path, options: Options, *, workers: int,
         on_result: Callable[[Result], None], manifest: Manifest | None = None,
         before_writing: Callable[[], object] | None = None) -> list[Result]:
    """Build what is out of date. What all outputs share (content, clinic, fonts) is loaded and checked
    before anything is written; a problem there raises MsguideError (one error for the whole run, not
    one per output), and so does a disk that cannot be written. Temporary files that a killed build
    left in the folders written here are removed first."""
    from ..atomic import clean_stale

    manifest = manifest or Manifest()
    folders = {dist, dist / "fonts"}
    for job in jobs:  # each output's folder and those above it (a clinic's index.html)
        folders.update(dist / parent for parent in Path(job.rel).parents)
    clean_stale(sorted(folders))
    results: list[Result] = []
    pending = []
    for job in jobs:
        entry = is_current(job, dist, manifest, options.strict)
        if entry is not None:
            result = Result(job, "unchanged", warnings=tuple(entry.get("warnings", ())))
            results.append(result)
            on_result(result)
        else:
            pending.append(job)
    if not pending:
        return results
    if before_writing is not None:  # a check of what the outputs will need (the download page's fonts)
        before_writing()
    session.prepare(sorted({j.locale for j in pending}))
    workers = max(1, min(workers, len(pending)))

    def finished(result: Result) -> None:
        results.append(result)
        if result.fatal is not None:
            raise result.fatal
        on_result(result)

    if workers == 1:
        for job in pending:
            finished(build_one(session, job, str(dist), options))
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
            try:
                for future in as_completed(futures):
                    finished(future.result())
            except BaseException:
                for future in futures:
                    future.cancel()
                raise
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
