"""Reading a text file of minutes: encodings, binary and empty files."""

from __future__ import annotations

import hashlib

from referatgraf.extract.errors import InputError

__all__ = ["decode_text", "sha256_hex"]

_CP1252_HINTS = ("æ", "ø", "å", "Æ", "Ø", "Å")


def sha256_hex(data: bytes | str) -> str:
    """Hex SHA-256 of bytes, or of a text's UTF-8 bytes.

    >>> sha256_hex("")[:12]
    'e3b0c44298fc'
    """
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def decode_text(data: bytes, path: str) -> tuple[str, str]:
    """Text and encoding name of a minutes file's bytes.

    UTF-8 (with or without BOM) is expected; Windows-1252 and Latin-1, which older
    exports use, are recognised and named. Empty and binary files raise
    :class:`InputError`.

    Examples
    --------
    >>> decode_text("Mødedato".encode("cp1252"), "a.txt")
    ('Mødedato', 'cp1252')
    >>> decode_text(b"\\xef\\xbb\\xbfhej", "a.txt")
    ('hej', 'utf-8-sig')
    """
    if not data.strip():
        raise InputError(path, "the file is empty")
    head = data[:4096]
    if b"\x00" in head or sum(b < 9 or 13 < b < 32 for b in head) > len(head) // 20:
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
