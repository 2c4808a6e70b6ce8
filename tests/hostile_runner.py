"""Run the msguide command line on one hostile input under limits, recording every file it opens and any
network use through Python's audit hooks. Usage: hostile_runner.py REPORT.json ARG...

Limits: 1 GB of address space (RLIMIT_AS) and 20 s of CPU; the caller adds a wall-clock timeout."""
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
opened: list[str] = []
network: list[str] = []


def hook(event, args):
    if event == "open" and args and isinstance(args[0], (str, bytes, os.PathLike)):
        opened.append(os.fsdecode(args[0]))
    elif event in ("socket.connect", "socket.getaddrinfo", "socket.bind", "urllib.Request"):
        network.append(f"{event} {args!r}"[:200])


sys.addaudithook(hook)
from generator.cli import main  # noqa: E402  (imported after the hook, so imports are seen too)

status = 99
try:
    status = main(argv)
finally:
    with open(report_path, "w") as f:
        json.dump({"status": status, "opened": opened, "network": network}, f)
sys.exit(status)
