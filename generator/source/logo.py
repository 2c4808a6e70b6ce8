"""A clinic's logo, decoded within bounds: the bytes (≤ 2 MB) and the pixels (≤ 12 Mpx, read from the
header) are limited, and so is the work of decoding them. A progressive JPEG repeats its scans, each a
pass over every pixel: a 2 MB file can ask for 75,000 of them and ten minutes of CPU. The scans and the
other markers are counted before anything is decoded, and the decoding itself runs in a child process
with a CPU limit (where the platform can fork), so an image that slips past the counts is cut off too."""
from __future__ import annotations

import io
import os
import re
import select
import signal
import struct
import time

MAX_LOGO_BYTES = 2_000_000
MAX_LOGO_PIXELS = 12_000_000
LOGO_MAX_SIDE = 1200  # re-encoded no larger: plenty for 40 mm at 600 dpi
MAX_JPEG_SCANS = 32  # libjpeg's progressive mode writes 10; each scan is one more pass over every pixel
MAX_JPEG_SEGMENTS = 256  # tables, application data, comments: real files have a few dozen
DECODE_CPU_SECONDS = 4  # a 12 Mpx progressive JPEG within the limits decodes in under one second
DECODE_WALL_SECONDS = 8


# In entropy-coded data, 0xFF is followed by 0x00 (a stuffed byte) or a restart marker; anything else ends it.
_END_OF_SCAN = re.compile(rb"\xff[^\x00\xd0-\xd7]")


class LogoProblem(ValueError):
    """Why a logo is refused; the caller adds the profile's file and line."""


def jpeg_problem(data: bytes) -> str | None:
    """Count a JPEG's scans and marker segments without decoding it; the problem, or None."""
    if data[:2] != b"\xff\xd8":
        return None  # not a JPEG: Pillow says what it is
    pos, scans, segments, n = 2, 0, 0, len(data)
    while pos < n:
        if data[pos] != 0xFF:  # stray bytes before a marker: libjpeg skips them, and so does this count
            pos = data.find(b"\xff", pos)
            if pos < 0:
                break
        while pos < n and data[pos] == 0xFF:  # fill bytes
            pos += 1
        if pos >= n:
            break
        marker = data[pos]
        pos += 1
        if marker == 0xD9:  # end of image
            return None
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # restart markers and TEM carry no length
            continue
        if pos + 2 > n:
            return "damaged: cut short inside a marker"
        length = struct.unpack_from(">H", data, pos)[0]
        if length < 2:
            return "damaged: a marker with an impossible length"
        pos += length
        segments += 1
        if segments > MAX_JPEG_SEGMENTS + MAX_JPEG_SCANS:
            return f"more than {MAX_JPEG_SEGMENTS} marker segments: refused as a possible decoder bomb"
        if marker == 0xDA:  # start of scan: entropy-coded data follows, up to the next real marker
            scans += 1
            if scans > MAX_JPEG_SCANS:
                return (f"a JPEG with more than {MAX_JPEG_SCANS} scans (each one more pass over every pixel): "
                        "refused as a possible decoder bomb; save it as a baseline JPEG or a PNG")
            end = _END_OF_SCAN.search(data, pos)
            if end is None:
                return None  # no end marker: Pillow decides whether that is readable
            pos = end.start()
    return None


def decode_logo(raw: bytes) -> tuple[bytes, tuple[int, int]]:
    """The logo re-encoded as a clean PNG no larger than LOGO_MAX_SIDE, and its size; LogoProblem when it
    cannot be used. The decoding runs in a child process with a CPU limit where the platform forks."""
    from PIL import Image  # noqa: F401 (imported here, before any fork: the child only decodes)

    problem = jpeg_problem(raw)
    if problem:
        raise LogoProblem(problem)
    if not hasattr(os, "fork"):
        return _decode(raw)
    return _in_child(raw)


def _decode(raw: bytes) -> tuple[bytes, tuple[int, int]]:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(raw)) as probe:  # reads the header only
            fmt, (w, h) = probe.format, probe.size
            if fmt not in ("PNG", "JPEG"):
                raise LogoProblem(f"{fmt} image; use PNG or JPEG")
            if w * h > MAX_LOGO_PIXELS:
                raise LogoProblem(f"{w}×{h} pixels; the limit is {MAX_LOGO_PIXELS:,} pixels")
            probe.verify()
        with Image.open(io.BytesIO(raw)) as img:
            img.load()
            img = img.convert("RGBA")
            img.thumbnail((LOGO_MAX_SIDE, LOGO_MAX_SIDE))
            out = io.BytesIO()
            img.save(out, format="PNG", optimize=True)
    except LogoProblem:
        raise
    except Image.DecompressionBombError:
        raise LogoProblem(f"too many pixels (over {MAX_LOGO_PIXELS:,}): refused as a possible decompression "
                          "bomb") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError, struct.error) as exc:
        raise LogoProblem(f"not a readable PNG or JPEG image ({type(exc).__name__})") from None
    return out.getvalue(), img.size


def _in_child(raw: bytes) -> tuple[bytes, tuple[int, int]]:
    """_decode(raw) in a forked child limited to DECODE_CPU_SECONDS of CPU; its answer comes back through
    a pipe: b"ok" + width, height + PNG, or b"no" + the problem."""
    import resource

    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: decode, answer, and leave without running the parent's clean-up
        code = 0
        try:
            os.close(read_end)
            resource.setrlimit(resource.RLIMIT_CPU, (DECODE_CPU_SECONDS, DECODE_CPU_SECONDS + 1))
            try:
                png, (w, h) = _decode(raw)
                answer = b"ok" + struct.pack(">II", w, h) + png
            except LogoProblem as exc:
                answer = b"no" + str(exc).encode("utf-8")
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(answer)
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(write_end)
    chunks, deadline, timed_out = [], time.monotonic() + DECODE_WALL_SECONDS, False
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([read_end], [], [], left)[0]:
                timed_out = True
                os.kill(pid, signal.SIGKILL)
                break
            chunk = os.read(read_end, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(read_end)
        _, status = os.waitpid(pid, 0)
    answer = b"".join(chunks)
    if timed_out or os.WIFSIGNALED(status) or answer[:2] not in (b"ok", b"no"):
        raise LogoProblem(f"decoding it took more than {DECODE_CPU_SECONDS} s of CPU: refused as a possible "
                          "decoder bomb" if timed_out or os.WIFSIGNALED(status) else
                          "not a readable PNG or JPEG image (the decoder failed)")
    if answer[:2] == b"no":
        raise LogoProblem(answer[2:].decode("utf-8", "replace"))
    w, h = struct.unpack_from(">II", answer, 2)
    return answer[10:], (w, h)
