"""What a build reads from its environment: SOURCE_DATE_EPOCH (reproducible builds), which ReportLab also
reads, and would turn into a traceback when it is not a number. Checked once, before anything is built."""
from __future__ import annotations

import os
import re

from ..errors import InputError, excerpt

MAX_EPOCH = 253_402_300_799  # 9999-12-31T23:59:59Z: later dates are not dates any library can write


def source_date_epoch() -> int | None:
    """The SOURCE_DATE_EPOCH of the environment (seconds since 1970-01-01 UTC), None when unset or empty;
    InputError when it is set to anything else."""
    raw = os.environ.get("SOURCE_DATE_EPOCH")
    if raw is None or not raw.strip():
        return None
    value = raw.strip()
    if not re.fullmatch(r"[0-9]{1,12}", value) or int(value) > MAX_EPOCH:
        raise InputError("SOURCE_DATE_EPOCH", f"{excerpt(raw)} is not a time in seconds since 1970-01-01 "
                         "(such as 1700000000); unset it or fix it")
    return int(value)
