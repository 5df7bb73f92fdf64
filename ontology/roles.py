"""The roles a centre can have in an agenda item: one list that every stage derives from.

An item gives each centre it names exactly one role, the strongest its text supports
(``extract/roles.py`` decides it; ``../shared/gold/ROLES.md`` has the annotation rules). The
first three are *owning* roles: two centres co-own an initiative when both own items of
it. ``listed`` and ``mentioned`` centres are named without a part in the work; their
co-occurrence is reported apart from co-ownership.

A role's ``name`` is the value in records (``roles: {"BYC": "lead"}``), its IRI is
``rg:<name>`` (an individual of ``rg:CentreRole`` in ``ontology/referatgraf.ttl``), and the
labels are what the report and maps show.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "CENTRE_ROLES",
    "LIST_LIKE_MIN_CENTRES",
    "LIST_LIKE_SHARE",
    "OWNER_ROLES",
    "ROLE_NAMES",
    "CentreRoleKind",
    "is_list_like",
    "is_owner",
    "role_named",
    "stronger",
]


@dataclass(frozen=True, slots=True)
class CentreRoleKind:
    """One role, strongest first in :data:`CENTRE_ROLES`."""

    name: str
    label_da: str
    label_en: str
    owning: bool


#: Every role, strongest first (proposer > lead > involved > listed > mentioned).
CENTRE_ROLES: tuple[CentreRoleKind, ...] = (
    CentreRoleKind("proposer", "indstiller", "proposer", True),
    CentreRoleKind("lead", "ansvarlig", "lead", True),
    CentreRoleKind("involved", "inddraget", "involved", True),
    CentreRoleKind("listed", "opregnet", "listed", False),
    CentreRoleKind("mentioned", "nævnt", "mentioned", False),
)

#: Role names, strongest first.
ROLE_NAMES: tuple[str, ...] = tuple(r.name for r in CENTRE_ROLES)

#: The roles that make a centre an owner of the item's work.
OWNER_ROLES: frozenset[str] = frozenset(r.name for r in CENTRE_ROLES if r.owning)

_BY_NAME = {r.name: r for r in CENTRE_ROLES}
_RANK = {r.name: i for i, r in enumerate(CENTRE_ROLES)}


def role_named(name: str) -> CentreRoleKind:
    """The role called ``name``.

    >>> role_named("lead").label_da
    'ansvarlig'
    >>> role_named("boss")
    Traceback (most recent call last):
    ...
    ValueError: unknown centre role 'boss' (proposer, lead, involved, listed, mentioned)
    """
    try:
        return _BY_NAME[name]
    except KeyError:
        raise ValueError(f"unknown centre role {name!r} ({', '.join(ROLE_NAMES)})") from None


def is_owner(name: str) -> bool:
    """Whether a role owns the item's work.

    >>> is_owner("involved"), is_owner("listed")
    (True, False)
    """
    return role_named(name).owning


def stronger(a: str, b: str) -> bool:
    """Whether role ``a`` is stronger than role ``b``.

    >>> stronger("lead", "involved"), stronger("listed", "lead"), stronger("lead", "lead")
    (True, False, False)
    """
    return _RANK[a] < _RANK[b]


#: An item naming at least this many centres, at least :data:`LIST_LIKE_SHARE` of them
#: listed, only lists units (a distribution list, a round of the centres): list-like.
LIST_LIKE_MIN_CENTRES = 4
#: The share of an item's centres that must be listed for it to be list-like (3/4).
LIST_LIKE_SHARE = (3, 4)


def is_list_like(roles: Iterable[str]) -> bool:
    """Whether an item whose centres have these roles (one per centre) only lists units.

    The one rule: at least :data:`LIST_LIKE_MIN_CENTRES` centres and at least three quarters
    of them listed. The graph writes it on the item (``rg:listLike true``) and the saved
    queries read that fact.

    >>> is_list_like(["listed", "listed", "listed", "lead"])
    True
    >>> is_list_like(["listed", "listed", "lead", "lead"]), is_list_like(["listed"] * 3)
    (False, False)
    """
    names = list(roles)
    listed = sum(1 for name in names if role_named(name).name == "listed")
    part, whole = LIST_LIKE_SHARE
    return len(names) >= LIST_LIKE_MIN_CENTRES and whole * listed >= part * len(names)
