"""Filter values checked against what the store holds.

An unknown value is an error that names the known ones and the closest match, never an
empty answer (see :func:`referatgraf.errors.unknown_value`).
"""

from __future__ import annotations

from referatgraf.errors import unknown_value
from referatgraf.graph.store import Store

__all__ = ["municipalities", "resolve_municipality"]

_MUNICIPALITIES = """
SELECT ?key ?label WHERE {
  ?m a rg:Municipality ; rg:key ?key .
  OPTIONAL { ?m skos:prefLabel ?label }
}
"""


def municipalities(store: Store) -> dict[str, str]:
    """The store's municipalities: key → name (e.g. ``greve`` → ``Greve Kommune``)."""
    return {
        str(r["key"]): str(r["label"] or r["key"])
        for r in store.query(_MUNICIPALITIES)
        if r["key"] is not None
    }


def _forms(key: str, label: str) -> set[str]:
    short = label.removesuffix(" Kommune").removesuffix(" kommune")
    return {key.casefold(), label.casefold(), short.casefold()}


def resolve_municipality(store: Store, value: str | None) -> str | None:
    """The municipality key for a key or name given by the user (``None`` stays ``None``).

    "greve", "Greve" and "Greve Kommune" all give ``greve``; a value the store does not hold
    raises :class:`~referatgraf.errors.UsageError`.
    """
    if value is None:
        return None
    known = municipalities(store)
    wanted = value.strip().casefold()
    for key, label in known.items():
        if wanted in _forms(key, label):
            return key
    raise unknown_value("municipality", value, known)
