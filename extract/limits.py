"""Bounded work on any input: size and type of input files, inflated streams, JSON depth.

Every limit has a name (the command-line option that sets it), and an input beyond it
is refused with an :class:`~extract.errors.InputError` that names the limit, so that a
hostile or broken file costs a bounded amount of time and memory and never a traceback:

- ``--max-input-size``: the largest input file read (special files — FIFOs, devices,
  sockets, also behind a symbolic link — are never read: regular files only);
- ``--max-inflated``: the most bytes one compressed PDF stream or Word document part
  may inflate to;
- ``--max-inflate-ratio``: the largest inflation ratio of such a stream once it has
  inflated past :data:`RATIO_FLOOR` bytes (a decompression bomb is a few KB of zeros
  per MB);
- ``--max-json-depth``: the deepest nesting of JSON arrays and objects.
"""

from __future__ import annotations

import os
import re
import stat
import zlib
from dataclasses import dataclass
from pathlib import Path

from referatgraf.extract.errors import InputError

__all__ = [
    "DEFAULT_LIMITS",
    "RATIO_FLOOR",
    "Limits",
    "check_json_depth",
    "check_pdf_streams",
    "format_size",
    "inflate_bounded",
    "parse_size",
    "read_input",
    "regular_file_size",
]

#: Inflated size below which a PDF stream's ratio is not checked (fonts and small
#: images compress well and are harmless).
RATIO_FLOOR = 4 << 20

_UNITS = {"": 1, "B": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([KMGT]?)(?:I?B)?\s*$", re.IGNORECASE)


def parse_size(text: str) -> int:
    """Bytes of a size written ``256M``, ``1.5G``, ``4096`` or ``64KiB``.

    Examples
    --------
    >>> parse_size("256M"), parse_size("4096"), parse_size("1.5G"), parse_size("64KiB")
    (268435456, 4096, 1610612736, 65536)
    >>> parse_size("lots")
    Traceback (most recent call last):
    ...
    ValueError: 'lots' is not a size (e.g. 256M, 2G, 4096)
    """
    m = _SIZE.match(text)
    if not m:
        raise ValueError(f"{text!r} is not a size (e.g. 256M, 2G, 4096)")
    return int(float(m.group(1)) * _UNITS[m.group(2).upper()])


def format_size(n: int) -> str:
    """A size as the options write it.

    >>> format_size(268435456), format_size(1536), format_size(100)
    ('256M', '1.5K', '100B')
    """
    for unit in ("T", "G", "M", "K"):
        if n >= _UNITS[unit]:
            value = n / _UNITS[unit]
            return f"{value:.1f}".rstrip("0").rstrip(".") + unit
    return f"{n}B"


@dataclass(frozen=True, slots=True)
class Limits:
    """The limits one extraction runs under (see the module docstring for each)."""

    max_input_bytes: int = 256 << 20
    max_inflated_bytes: int = 512 << 20
    max_inflate_ratio: int = 500
    max_json_depth: int = 200

    def __post_init__(self) -> None:
        for name in (
            "max_input_bytes",
            "max_inflated_bytes",
            "max_inflate_ratio",
            "max_json_depth",
        ):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1")


DEFAULT_LIMITS = Limits()


def regular_file_size(path: Path) -> int:
    """Size of a regular file (following symbolic links); :class:`InputError` for anything
    else: a folder, a FIFO, a device such as ``/dev/zero``, a socket, a missing file."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read the file ({exc.strerror})") from None
    if not stat.S_ISREG(st.st_mode):
        raise InputError(str(path), f"not a regular file ({_kind(st.st_mode)}): not read")
    return st.st_size


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def read_input(path: Path, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """The bytes of one input file, within ``limits.max_input_bytes``.

    Only regular files are read; the file is opened without blocking (a FIFO put in
    place after the check cannot hang the read) and checked again once open.
    """
    size = regular_file_size(path)
    _check_size(path, size, limits)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise InputError(str(path), f"cannot read the file ({exc.strerror})") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise InputError(str(path), f"not a regular file ({_kind(st.st_mode)}): not read")
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            total += len(chunk)
            if total > limits.max_input_bytes:  # the file grew while being read
                _check_size(path, total, limits)
            chunks.append(chunk)
    except OSError as exc:
        raise InputError(str(path), f"cannot read the file ({exc.strerror})") from None
    finally:
        os.close(fd)
    return b"".join(chunks)


def _check_size(path: Path, size: int, limits: Limits) -> None:
    if size > limits.max_input_bytes:
        raise InputError(
            str(path),
            f"the file is {format_size(size)}, more than the input size limit "
            f"(--max-input-size {format_size(limits.max_input_bytes)})",
        )


# -- JSON ------------------------------------------------------------------------------

_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")


def check_json_depth(data: bytes, path: str, limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse JSON nested deeper than ``limits.max_json_depth`` before it is parsed.

    Linear in the size of the text, and it stops at the first bracket too deep.

    Examples
    --------
    >>> check_json_depth(b'{"a": [1, {"b": "[[[["}]}', "a.json", Limits(max_json_depth=3))
    >>> check_json_depth(b"[[[[1]]]]", "a.json", Limits(max_json_depth=3))
    Traceback (most recent call last):
    ...
    referatgraf.extract.errors.InputError: a.json: the JSON is nested more than 3 deep (--max-json-depth 3)
    """
    brackets = _STRING.sub(b"", data).translate(None, _NOT_BRACKETS)
    depth = 0
    limit = limits.max_json_depth
    for b in brackets:
        if b in (0x5B, 0x7B):  # [ {
            depth += 1
            if depth > limit:
                raise InputError(
                    path, f"the JSON is nested more than {limit} deep (--max-json-depth {limit})"
                )
        else:
            depth -= 1


# -- compressed streams ----------------------------------------------------------------

_STREAM = re.compile(rb"(?<!end)stream\r?\n")
_FLATE = re.compile(rb"/(?:FlateDecode|Fl)\b")


def check_pdf_streams(data: bytes, path: str, limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse a PDF with a Flate stream that inflates beyond the limits (a decompression bomb).

    Each ``stream`` whose dictionary names ``/FlateDecode`` is inflated in chunks whose
    output is counted and dropped, so the check needs little memory, and stops as soon
    as a stream passes ``limits.max_inflated_bytes`` or, beyond :data:`RATIO_FLOOR`
    bytes, inflates more than ``limits.max_inflate_ratio`` times its compressed size.
    """
    pos = 0
    while True:
        m = _STREAM.search(data, pos)
        if m is None:
            return
        pos = m.end()
        head = data[max(0, m.start() - 4096) : m.start()]
        head = head[head.rfind(b"obj") + 1 :]  # the stream's own dictionary
        if not _FLATE.search(head):
            continue
        inflate_bounded(data, pos, path, limits, what="a PDF stream", keep=False)


def inflate_bounded(
    data: bytes,
    pos: int,
    path: str,
    limits: Limits = DEFAULT_LIMITS,
    *,
    what: str,
    raw: bool = False,
    keep: bool = True,
) -> bytes | None:
    """Inflate the zlib (``raw``: deflate) data at ``data[pos:]`` within the limits.

    Returns the inflated bytes (``keep``), or ``None`` for damaged data; raises
    :class:`InputError` naming ``--max-inflated`` or ``--max-inflate-ratio`` when
    ``what`` inflates beyond them.

    >>> import zlib
    >>> inflate_bounded(zlib.compress(b"Punkt 1"), 0, "a.pdf", what="a PDF stream")
    b'Punkt 1'
    >>> inflate_bounded(zlib.compress(bytes(8 << 20)), 0, "a.pdf", what="a PDF stream")
    Traceback (most recent call last):
    ...
    referatgraf.extract.errors.InputError: a.pdf: a PDF stream inflates more than 500 times its size (--max-inflate-ratio 500): a decompression bomb? not read
    """
    inflater = zlib.decompressobj(-15 if raw else 15)
    produced = 0
    consumed = 0
    out: list[bytes] = []
    chunk = 1 << 16
    view = memoryview(data)
    while pos + consumed < len(data) and not inflater.eof:
        piece = view[pos + consumed : pos + consumed + chunk]
        try:
            part = inflater.decompress(piece, 1 << 20)
            while True:
                produced += len(part)
                if keep:
                    out.append(part)
                _check_inflated(produced, consumed + len(piece), path, limits, what)
                if not inflater.unconsumed_tail:
                    break
                part = inflater.decompress(inflater.unconsumed_tail, 1 << 20)
        except zlib.error:
            return None  # damaged data: the format's reader reports it
        consumed += len(piece)
    return b"".join(out) if keep else b""


def _check_inflated(produced: int, consumed: int, path: str, limits: Limits, what: str) -> None:
    if produced > limits.max_inflated_bytes:
        size = format_size(limits.max_inflated_bytes)
        raise InputError(
            path,
            f"{what} inflates to more than {size} (--max-inflated {size}): "
            "a decompression bomb? not read",
        )
    if produced > RATIO_FLOOR and produced > limits.max_inflate_ratio * max(1, consumed):
        raise InputError(
            path,
            f"{what} inflates more than {limits.max_inflate_ratio} times its size "
            f"(--max-inflate-ratio {limits.max_inflate_ratio}): a decompression bomb? not read",
        )
