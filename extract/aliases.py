"""Entity aliases: an analyst-editable file that merges the variants of one entity.

The file sits beside the municipality's profile, named after it (``greve.yaml`` →
``greve.aliases.yaml``), and lists per kind the name to keep and the variants that mean
the same entity::

    # Aliases of Greve Kommune: variant names merged into one entity by `referatgraf build`.
    strategies:
      - name: Digitaliseringsstrategi 2022-2026
        variants: [Digitaliseringsstrategien, Ny digitaliseringsstrategi]
    people:
      - name: Brigitte Klintskov Jerkel
        variants: [Birgitte Klintskov Jerkel]

Kinds are the record keys of :data:`referatgraf.ontology.kinds.ENTITY_KINDS` (``centres``,
``people``, ``strategies``, ``organisations``, ``bodies``). ``referatgraf entities`` lists
likely duplicates with their evidence and prints entries in this form. ``build`` applies the
file to what it reads (:func:`apply_to_record`) and to the store, so documents built before
the alias was written are merged too (:func:`referatgraf.graph.merge.merge_aliases`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from referatgraf.extract.errors import InputError
from referatgraf.extract.model import Record
from referatgraf.ontology.kinds import ENTITY_KINDS, PROPOSERS

__all__ = [
    "ALIASES_SUFFIX",
    "Alias",
    "Aliases",
    "aliases_path",
    "apply_to_record",
    "format_aliases",
    "load_aliases",
    "parse_aliases",
]

#: The alias file of ``<key>.yaml`` is ``<key>.aliases.yaml`` in the same folder.
ALIASES_SUFFIX = ".aliases.yaml"

_KINDS = {k.record_key: k for k in ENTITY_KINDS}


@dataclass(frozen=True, slots=True)
class Alias:
    """One entity: the name to keep (``name``) and the ``variants`` merged into it."""

    kind: str  # a record key: strategies, people, …
    name: str
    variants: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Aliases:
    """The aliases of one municipality (``key``), read from ``path``."""

    key: str
    entries: tuple[Alias, ...] = ()
    path: str | None = None

    def mapping(self, kind: str) -> dict[str, str]:
        """Variant → name for one kind (record key).

        >>> a = Aliases("greve", (Alias("people", "Anders Christensen", ("Anders C",)),))
        >>> a.mapping("people"), a.mapping("strategies")
        ({'Anders C': 'Anders Christensen'}, {})
        """
        return {v: e.name for e in self.entries if e.kind == kind for v in e.variants}

    def __bool__(self) -> bool:
        return bool(self.entries)


def aliases_path(profile_path: str | Path) -> Path:
    """Where the alias file of a profile file is.

    >>> aliases_path("data/profiles/greve.yaml").as_posix()
    'data/profiles/greve.aliases.yaml'
    """
    path = Path(profile_path)
    return path.with_name(path.stem + ALIASES_SUFFIX)


def parse_aliases(data: object, key: str, where: str) -> Aliases:
    """Aliases from the YAML data of a file (``where`` names it in errors).

    Examples
    --------
    >>> parse_aliases({"strategies": [{"name": "Vækstpolitik", "variants": ["Vækstpolitikken"]}]},
    ...               "htk", "x.yaml").mapping("strategies")
    {'Vækstpolitikken': 'Vækstpolitik'}
    >>> parse_aliases({"projects": []}, "htk", "x.yaml")
    Traceback (most recent call last):
    ...
    referatgraf.extract.errors.InputError: x.yaml: unknown kind 'projects' (centres, people, strategies, organisations, bodies)
    """
    if data is None:
        return Aliases(key, (), where)
    if not isinstance(data, dict):
        raise InputError(where, "an alias file is a mapping of kinds to lists of entries")
    entries: list[Alias] = []
    seen: dict[tuple[str, str], str] = {}
    for kind, items in data.items():
        if kind not in _KINDS:
            raise InputError(where, f"unknown kind {kind!r} ({', '.join(_KINDS)})")
        if not isinstance(items, list):
            raise InputError(where, f"{kind} must be a list of entries with name and variants")
        for item in items:
            if not isinstance(item, dict) or not isinstance(item.get("name"), str):
                raise InputError(where, f"every {kind} entry needs a name")
            variants = item.get("variants") or []
            if isinstance(variants, str):
                variants = [variants]
            if not isinstance(variants, list) or not all(isinstance(v, str) for v in variants):
                raise InputError(
                    where, f"{kind} {item['name']!r}: variants must be a list of names"
                )
            name = item["name"].strip()
            kept = tuple(dict.fromkeys(v.strip() for v in variants if v.strip() != name))
            for v in kept:
                if (kind, v) in seen and seen[(kind, v)] != name:
                    raise InputError(
                        where, f"{kind} {v!r} is a variant of both {seen[(kind, v)]!r} and {name!r}"
                    )
                seen[(kind, v)] = name
            entries.append(Alias(kind, name, kept))
    names = {(e.kind, e.name) for e in entries}
    for (kind, variant), name in seen.items():
        if (kind, variant) in names:
            raise InputError(where, f"{kind} {variant!r} is both a name and a variant of {name!r}")
    return Aliases(key, tuple(entries), where)


def load_aliases(path: str | Path, key: str) -> Aliases:
    """The alias file at ``path`` (no file: no aliases); malformed → :class:`InputError`."""
    path = Path(path)
    try:
        mtime = path.stat().st_mtime_ns
    except FileNotFoundError:
        return Aliases(key)
    except OSError as exc:
        raise InputError(str(path), f"cannot read the alias file ({exc.strerror})") from None
    return _load(path.resolve(), key, mtime)


@lru_cache(maxsize=64)
def _load(path: Path, key: str, mtime: int) -> Aliases:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(str(path), f"cannot read the alias file ({exc.strerror})") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"not valid YAML ({exc})") from None
    return parse_aliases(data, key, str(path))


def apply_to_record(record: Record, aliases: Aliases) -> Record:
    """The record with every mention of a variant named by its entity's name.

    Proposers are centres or bodies: their keys follow the aliases of both kinds.

    Examples
    --------
    >>> from referatgraf.extract.model import AgendaItem, Meeting, Mention, Source
    >>> item = AgendaItem(1, "T", None, False, 0, 9, mentions=(
    ...     Mention("strategies", "Vækstpolitikken", "Vækstpolitikken", 0, 15, "r"),))
    >>> rec = Record("a.txt", Source("a.txt", "-", "text", "-"), Meeting("D", None, None, None), (item,))
    >>> a = Aliases("htk", (Alias("strategies", "Vækstpolitik", ("Vækstpolitikken",)),))
    >>> apply_to_record(rec, a).items[0].mentions[0].key
    'Vækstpolitik'
    """
    if not aliases:
        return record
    maps = {kind: aliases.mapping(kind) for kind in _KINDS}
    maps[PROPOSERS] = {**maps["bodies"], **maps["centres"]}
    items = []
    for item in record.items:
        mentions = tuple(
            dataclasses.replace(m, key=maps.get(m.type, {}).get(m.key, m.key))
            for m in item.mentions
        )
        items.append(dataclasses.replace(item, mentions=mentions))
    return dataclasses.replace(record, items=tuple(items))


def format_aliases(entries: Iterable[Alias], *, header: str = "") -> str:
    """Entries as alias-file YAML, ready to paste into the file.

    >>> print(format_aliases([Alias("people", "Anders Christensen", ("Anders C",))]))
    people:
    - name: Anders Christensen
      variants: [Anders C]
    <BLANKLINE>
    """
    by_kind: dict[str, list[dict]] = {}
    for e in entries:
        by_kind.setdefault(e.kind, []).append({"name": e.name, "variants": list(e.variants)})
    text = yaml.safe_dump(by_kind, allow_unicode=True, sort_keys=False, default_flow_style=None)
    return header + text
