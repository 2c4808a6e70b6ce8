"""Run the msguide command line (or its Python API) on one hostile input under limits, recording every
file it opens and any network use through Python's audit hooks.

Usage: hostile_runner.py REPORT.json [--fsize BYTES] ARG...     the command line: msguide ARG...
       hostile_runner.py REPORT.json api PROJECT OUT LOCALE DOCUMENT [clinic=PATH] [strict]
                                                              generator.build(), its errors printed as
                                                              the command line prints them

Limits: 1 GB of address space (RLIMIT_AS) and 20 s of CPU; --fsize: no file may grow past BYTES (a full
disk, as a write fails there); the caller adds a wall-clock timeout."""
from __future__ import annotations

import json
import os
import resource
import sys

report_path, argv = sys.argv[1], sys.argv[2:]
if not (os.path.isabs(report_path) and report_path.endswith(".json")):  # never a flag taken for a path
    sys.exit(f"usage: hostile_runner.py /abs/path/REPORT.json ARG... (got {report_path!r})")
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
resource.setrlimit(resource.RLIMIT_CPU, (20, 20))
fsize = None
if argv[:1] == ["--fsize"]:
    fsize, argv = int(argv[1]), argv[2:]
opened: list[str] = []
network: list[str] = []


def hook(event, args):
    if event == "open" and args and isinstance(args[0], (str, bytes, os.PathLike)):
        opened.append(os.fsdecode(args[0]))
    elif event in ("socket.connect", "socket.getaddrinfo", "socket.bind", "urllib.Request"):
        network.append(f"{event} {args!r}"[:200])


def api(project: str, out: str, locale: str, document: str, *options: str) -> int:
    from generator import build
    from generator.errors import MsguideError

    kwargs = {}
    for option in options:
        key, _, value = option.partition("=")
        kwargs[key] = value or True
    try:
        build(project, locale, document, out, **kwargs)
    except MsguideError as exc:
        for line in exc.lines():
            print(f"error: {line}", file=sys.stderr)
        return 1
    return 0


sys.addaudithook(hook)
from generator.cli import main  # noqa: E402  (imported after the hook, so imports are seen too)

status = 99
try:
    hard = resource.getrlimit(resource.RLIMIT_FSIZE)[1]
    if fsize is not None:  # after the imports: Python's bytecode cache may be written while importing
        resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, hard))
    status = api(*argv[1:]) if argv[:1] == ["api"] else main(argv)
finally:
    if fsize is not None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (hard, hard))
    with open(report_path, "w") as f:
        json.dump({"status": status, "opened": opened, "network": network}, f)
sys.exit(status)
