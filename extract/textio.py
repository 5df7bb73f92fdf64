"""Reading a text file of minutes: encodings, binary and empty files."""

from __future__ import annotations

import hashlib

from referatgraf.extract.errors import InputError

__all__ = ["decode_text", "sha256_hex", "utf16_encoding"]

_CP1252_HINTS = ("æ", "ø", "å", "Æ", "Ø", "Å")


def sha256_hex(data: bytes | str) -> str:
    """Hex SHA-256 of bytes, or of a text's UTF-8 bytes.

    >>> sha256_hex("")[:12]
    'e3b0c44298fc'
    """
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def utf16_encoding(data: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when ``data`` is UTF-16 text (by its byte-order mark, or
    without one by the zero bytes of its ASCII characters), else ``None``.

    >>> utf16_encoding("Mødedato".encode("utf-16")), utf16_encoding("Møde".encode("utf-16-be"))
    ('utf-16', 'utf-16-be')
    >>> utf16_encoding(b"plain") is None
    True
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    head = data[:4096]
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def decode_text(data: bytes, path: str) -> tuple[str, str]:
    """Text and encoding name of a minutes file's bytes.

    UTF-8 (with or without BOM) is expected; UTF-16 (with or without BOM), and
    Windows-1252 and Latin-1, which older exports use, are recognised and named. Empty
    and binary files raise :class:`InputError`.

    Examples
    --------
    >>> decode_text("Mødedato".encode("cp1252"), "a.txt")
    ('Mødedato', 'cp1252')
    >>> decode_text(b"\\xef\\xbb\\xbfhej", "a.txt")
    ('hej', 'utf-8-sig')
    >>> decode_text("Punkt 1: Æbler".encode("utf-16"), "a.txt")
    ('Punkt 1: Æbler', 'utf-16')
    """
    if not data.strip():
        raise InputError(path, "the file is empty")
    utf16 = utf16_encoding(data)
    if utf16 is not None:
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError:
            raise InputError(path, f"not valid {utf16.upper()} text") from None
        if not text.strip("\ufeff \t\r\n"):
            raise InputError(path, "the file is empty")
        if _binary(text[:4096].encode("utf-8", errors="replace")):
            raise InputError(path, "this is a binary file, not minutes text")
        return text.lstrip("\ufeff"), utf16
    head = data[:4096]
    if _binary(head):
        raise InputError(path, "this is a binary file, not minutes text")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
        encoding = "cp1252"
    except UnicodeDecodeError:
        text = data.decode("latin-1")
        encoding = "latin-1"
    if not any(ch in text for ch in _CP1252_HINTS) and any(ord(c) > 127 for c in text):
        encoding += " (guessed)"
    return text, encoding


def _binary(head: bytes) -> bool:
    return b"\x00" in head or sum(b < 9 or 13 < b < 32 for b in head) > len(head) // 20
