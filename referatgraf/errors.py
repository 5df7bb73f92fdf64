"""Errors of the application layer that a user can act on.

Library functions raise these (and the stages' own: :class:`~referatgraf.extract.errors.InputError`,
:class:`~referatgraf.graph.errors.StoreError`, :class:`~referatgraf.graph.errors.QueryError`);
the CLI turns every one into a one-line message without a traceback.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["ReferatgrafError", "UsageError", "unknown_value"]


class ReferatgrafError(Exception):
    """A problem the user can fix (exit status 1): the message says what and where."""


class UsageError(ReferatgrafError):
    """A value given on the command line (or to a library function) is unknown or malformed
    (exit status 2, like a usage error)."""


def unknown_value(
    what: str,
    value: str,
    known: Iterable[str],
    *,
    shown: int = 12,
    suggestion: str | None = None,
) -> UsageError:
    """The error for a filter value that names the known values and the closest one.

    ``suggestion`` overrides the closest match by spelling (e.g. a case number whose
    digits match: ``19-24995`` → ``19/24995``).

    Examples
    --------
    >>> str(unknown_value("municipality", "greve kommune", ["greve", "hoeje-taastrup"]))
    "unknown municipality 'greve kommune' (did you mean 'greve'?); known: greve, hoeje-taastrup"
    >>> str(unknown_value("centre", "XYZ", []))
    "unknown centre 'XYZ'; the store holds none"
    >>> str(unknown_value("case", "19-24995", ["19/24995", "19/24985"], suggestion="19/24995"))
    "unknown case '19-24995' (did you mean '19/24995'?); known: 19/24985, 19/24995"
    """
    known = sorted(set(known))
    if not known:
        return UsageError(f"unknown {what} {value!r}; the store holds none")
    if suggestion is None:
        folded = {k.casefold(): k for k in known}
        close = difflib.get_close_matches(value.casefold(), list(folded), n=1, cutoff=0.5)
        suggestion = folded[close[0]] if close else None
    hint = f" (did you mean {suggestion!r}?)" if suggestion else ""
    listed = ", ".join(known[:shown]) + (f", … ({len(known)} in all)" if len(known) > shown else "")
    return UsageError(f"unknown {what} {value!r}{hint}; known: {listed}")
