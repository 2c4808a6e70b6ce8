"""Build many outputs: skip those whose inputs have not changed, build the rest in worker processes,
report each as it finishes, and keep the manifest in step. One failure never stops the others."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..errors import MsguideError
from .fingerprint import clinic_inputs, output_inputs, shared_inputs
from ..source.project import SOURCE_LOCALE, Project


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
    error: str | None = None
    warnings: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Options:
    paper: str | None = None
    strict: bool = False
    marks: bool = False
    clinic: Path | None = None


def plan(project: Project, locales: list[str], documents: list[str], dist: Path, options: Options,
         clinic_slug: str | None) -> list[Job]:
    from .kinds import output_relpath

    shared = shared_inputs(project.root)
    clinic = clinic_inputs(options.clinic)
    jobs = []
    for locale in locales:
        po = None if locale == SOURCE_LOCALE else project.po_path(locale)
        for document in documents:
            inputs = output_inputs(shared=shared, po=po, clinic=clinic, document=document, locale=locale,
                                   paper=options.paper, marks=options.marks)
            jobs.append(Job(locale, document, output_relpath(locale, document, clinic_slug), inputs))
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

    entry = next((e for e in manifest.get("outputs", []) if isinstance(e, dict) and e.get("path") == job.rel), None)
    target = dist / job.rel
    if entry is None or entry.get("inputs") != job.inputs or not target.is_file():
        return False
    return target.stat().st_size == entry.get("bytes") and sha256_of(target) == entry.get("sha256")


# Set in the parent before the pool forks, so workers inherit the parsed content and clinic.
_STATE: dict = {}


def _build_one(job: Job, dist: str) -> Result:
    from .document import build_document

    project, content, options = _STATE["project"], _STATE["content"], _STATE["options"]
    try:
        out = build_document(project, content, job.locale, job.document, Path(dist), paper=options.paper,
                             strict=options.strict, clinic=_STATE.get("clinic"),
                             clinic_origin=_STATE.get("clinic_origin"), marks=options.marks, inputs=job.inputs)
    except MsguideError as exc:
        return Result(job, "failed", error=str(exc))
    except Exception as exc:  # a bug must not take the other outputs down with it
        return Result(job, "failed", error=f"internal error: {type(exc).__name__}: {exc}")
    return Result(job, "built", output=out, warnings=out.warnings)


def run(project: Project, jobs: list[Job], dist: Path, options: Options, *, workers: int,
        on_result: Callable[[Result], None], load_clinic: Callable[[], tuple] | None = None) -> list[Result]:
    """Build what is out of date. Content and clinic are loaded only when something needs building; a
    problem there raises MsguideError (one error for the whole run, not one per output)."""
    _STATE.clear()  # a previous run in this process (tests, a library caller) must not leak into this one
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
    _STATE.update(project=project, content=project.load(), options=options)  # raises MsguideError
    if load_clinic is not None:
        _STATE["clinic"], _STATE["clinic_origin"] = load_clinic()
    workers = max(1, min(workers, len(pending)))
    if workers == 1:
        for job in pending:
            result = _build_one(job, str(dist))
            results.append(result)
            on_result(result)
    else:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor, as_completed

        from .document import warm

        if "fork" in start_methods():  # workers are copies of this process: content, imports, fonts
            context, initializer, initargs = multiprocessing.get_context("fork"), None, ()
            warm(project, sorted({j.locale for j in pending}), sorted({j.document for j in pending}))
        else:  # spawned workers (Windows, macOS) start empty: hand each the loaded state once
            context, initializer, initargs = multiprocessing.get_context("spawn"), _adopt, (dict(_STATE),)
        # longest first, so the last worker to finish is not left with a booklet while the other idles
        pending.sort(key=lambda j: -_COST.get(j.document, 1))
        with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=initializer,
                                 initargs=initargs) as pool:
            futures = [pool.submit(_build_one, job, str(dist)) for job in pending]
            for future in as_completed(futures):
                result = future.result()
                results.append(result)
                on_result(result)
    return results


def start_methods() -> list[str]:
    """How this platform can start worker processes (Python 3.14 no longer forks by default on Linux,
    so the choice is made here, not left to the default)."""
    import multiprocessing

    return multiprocessing.get_all_start_methods()


def _adopt(state: dict) -> None:
    _STATE.update(state)


def loaded_content():
    """The content this process loaded for the last run, if it built anything (saves a second parse)."""
    return _STATE.get("content")


_COST = {"booklet": 4, "guide": 2, "large-print": 2, "checklist": 1, "checklist-large-print": 1, "html": 0}


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
