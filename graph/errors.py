"""Errors of the graph stage that a user can act on (the CLI shows their message)."""

from __future__ import annotations

__all__ = ["QueryError", "StoreError", "StoreLockedError", "StoreShapeError"]


class StoreError(RuntimeError):
    """A store that cannot be used: missing, unreadable, or in use.

    >>> str(StoreError("out/store", "no store here"))
    'out/store: no store here'
    """

    def __init__(self, path: str, message: str) -> None:
        self.path = str(path)
        self.message = message
        super().__init__(f"{self.path}: {message}")

    def __reduce__(self):
        """Pickled with its two arguments (a build's worker processes send it back).

        >>> import pickle
        >>> pickle.loads(pickle.dumps(StoreLockedError("s", "locked"))).message
        'locked'
        """
        return type(self), (self.path, self.message)


class StoreLockedError(StoreError):
    """Another process holds the store's lock (a build, or a reader during a build)."""


class StoreShapeError(StoreError):
    """A store written by an older referatgraf, in a graph shape this one does not read.

    Nothing in it is changed; ``referatgraf build … --rebuild`` builds it again.
    """


class QueryError(ValueError):
    """A query that cannot run: unknown saved query, bad SPARQL, bad or missing parameter."""
