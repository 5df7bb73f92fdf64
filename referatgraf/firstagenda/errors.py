"""Errors of ``referatgraf fetch`` that a user can act on (the CLI shows their message)."""

from __future__ import annotations

from referatgraf.errors import ReferatgrafError, UsageError

__all__ = [
    "BadOption",
    "FetchError",
    "ManifestError",
    "NotAPortalError",
    "RequestFailed",
    "UnknownCommitteeError",
]


class FetchError(ReferatgrafError):
    """A fetch that cannot start or go on: the portal, the folder or the options are wrong.

    >>> str(FetchError("https://dagsordener.greve.dk", "cannot reach the portal"))
    'https://dagsordener.greve.dk: cannot reach the portal'
    """

    def __init__(self, where: str, message: str) -> None:
        self.where = str(where)
        self.message = message
        super().__init__(f"{self.where}: {message}")


class NotAPortalError(FetchError):
    """The URL answers, but not with a FirstAgenda portal's committee list."""


class ManifestError(FetchError):
    """The folder's manifest cannot be read (the fetch refuses to guess what it wrote)."""


class UnknownCommitteeError(FetchError, UsageError):
    """A ``--committee`` the portal does not list; names every known one and the closest.

    (A usage error, exit status 2, like every unknown filter value; unlike
    :func:`referatgraf.errors.unknown_value` it lists all committees, since the portal's
    list is the only place to look them up.)

    >>> e = UnknownCommitteeError("https://x.dk", "Økonomi", ("Byrådet", "Økonomiudvalget"),
    ...                           "Økonomiudvalget")
    >>> e.message
    "unknown committee 'Økonomi' (did you mean 'Økonomiudvalget'?); the portal lists: Byrådet, Økonomiudvalget"
    """

    def __init__(self, where: str, name: str, known: tuple[str, ...], closest: str | None) -> None:
        self.name = name
        self.known = known
        self.closest = closest
        hint = f" (did you mean {closest!r}?)" if closest else ""
        listed = ", ".join(known) if known else "no committees"
        super().__init__(where, f"unknown committee {name!r}{hint}; the portal lists: {listed}")


class BadOption(FetchError, UsageError):
    """A malformed option value: a URL that is not a web address, dates the wrong way round."""


class RequestFailed(Exception):
    """One request that did not succeed, after any retries; ``status`` is the HTTP status.

    >>> str(RequestFailed("https://x.dk/api", "HTTP 404", status=404))
    'HTTP 404 from https://x.dk/api'
    """

    def __init__(self, url: str, message: str, *, status: int | None = None) -> None:
        self.url = url
        self.message = message
        self.status = status
        super().__init__(f"{message} from {url}")
