"""Derived lexicons kept on disk between runs, keyed by the package they come from.

A lexicon that takes seconds to derive from an installed package (the Danish common words
from ``spacy-lookups-data``'s lemma table) is written once, as one word a line, to the
user's cache folder, and read from there by later processes: a fresh ``extract`` of one
document no longer pays for it (``docs/benchmarks.md``, "Start-up"). The file name carries
the package's version, so an upgraded package makes a new file; a cache that cannot be
written (a read-only home) only costs the time. Nothing is downloaded.

The folder is ``$REFERATGRAF_CACHE``, else ``$XDG_CACHE_HOME/referatgraf``, else
``~/.cache/referatgraf``.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path

__all__ = ["cache_folder", "cached_words"]


def cache_folder() -> Path:
    """The folder derived lexicons are kept in (see the module docstring).

    >>> import os
    >>> os.environ["REFERATGRAF_CACHE"] = "/tmp/rg-cache"
    >>> str(cache_folder())
    '/tmp/rg-cache'
    >>> del os.environ["REFERATGRAF_CACHE"]
    """
    explicit = os.environ.get("REFERATGRAF_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "referatgraf"


def cached_words(name: str, package: str, make: Callable[[], Iterable[str]]) -> frozenset[str]:
    """The words ``make`` derives from ``package``, read from the cache when it holds them
    for the installed version of ``package``, else made and written there.

    Words hold no line break. A cache file that cannot be read or written is ignored.
    """
    path = cache_folder() / f"{name}-{package}-{metadata.version(package)}.txt"
    try:
        return frozenset(path.read_text(encoding="utf-8").split("\n"))
    except (OSError, UnicodeDecodeError):
        pass
    words = frozenset(make())
    _write(path, "\n".join(sorted(words)))
    return words


def _write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` whole or not at all (a temporary file renamed)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError:
        return
    try:
        with open(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
