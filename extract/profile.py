"""Municipality profiles: the organisation (centres, standing bodies, board), never the
contents of particular minutes.

A profile is an analyst-editable YAML file (``data/profiles/<key>.yaml``)::

    municipality: Høje-Taastrup Kommune
    key: hoeje-taastrup
    names: [Høje-Taastrup Kommune, Høje-Taastrup, HTK]
    meeting_bodies: [Direktionen]
    centres:
      - code: ØDC
        name: Økonomi- og Digitaliseringscentret
        variants: [Økonomi og Digitaliseringscenteret]
    bodies:
      - name: Byrådet
        kind: council
        variants: [byrådet, Byrådsmødet]
    board:
      - name: Lars Holte
        role: kommunaldirektør
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml

from referatgraf.data import resource
from referatgraf.extract.errors import InputError

__all__ = [
    "EMPTY_PROFILE",
    "PROFILES_DIR",
    "BoardMember",
    "Body",
    "Centre",
    "Profile",
    "bundled_profiles",
    "load_profile",
    "municipality_named_most",
    "municipality_profile",
    "profile_for_text",
    "profile_key",
]

#: The bundled profiles (package data: the same folder in a checkout and in a wheel).
PROFILES_DIR = Path(str(resource("profiles")))


@dataclass(frozen=True, slots=True)
class Centre:
    code: str
    name: str
    variants: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Body:
    name: str
    kind: str = "body"  # council | committee | management | forum | network | unit | body
    variants: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class BoardMember:
    name: str
    role: str | None = None


@dataclass(frozen=True, slots=True)
class Profile:
    key: str
    municipality: str
    names: tuple[str, ...] = ()
    meeting_bodies: tuple[str, ...] = ()
    centres: tuple[Centre, ...] = ()
    bodies: tuple[Body, ...] = ()
    board: tuple[BoardMember, ...] = ()
    path: str | None = None


EMPTY_PROFILE = Profile(key="unknown", municipality="Ukendt kommune")


def _strings(value: Any, where: str, path: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError(path, f"{where} must be a list of strings")
    return tuple(value)


def _entries(data: dict[str, Any], key: str, path: str) -> list[dict[str, Any]]:
    entries = data.get(key) or []
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise InputError(path, f"'{key}' must be a list of mappings")
    return entries


def load_profile(path: str | Path) -> Profile:
    """Read a profile file; a malformed one raises :class:`InputError` naming the problem.

    Profiles are read once per file version (path and modification time).
    """
    path = Path(path)
    try:
        mtime = path.stat().st_mtime_ns
    except OSError as exc:
        raise InputError(str(path), f"cannot read the profile ({exc.strerror})") from None
    return _load_profile(path.resolve(), mtime)


@lru_cache(maxsize=64)
def _load_profile(path: Path, mtime: int) -> Profile:
    p = str(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(p, f"cannot read the profile ({exc.strerror})") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise InputError(p, f"not valid YAML ({exc})") from None
    if not isinstance(data, dict) or "municipality" not in data:
        raise InputError(p, "a profile needs at least 'municipality'")
    try:
        centres = tuple(
            Centre(
                code=str(e["code"]),
                name=str(e.get("name") or e["code"]),
                variants=_strings(e.get("variants"), f"centre {e['code']} variants", p),
            )
            for e in _entries(data, "centres", p)
        )
        bodies = tuple(
            Body(
                name=str(e["name"]),
                kind=str(e.get("kind", "body")),
                variants=_strings(e.get("variants"), f"body {e['name']} variants", p),
            )
            for e in _entries(data, "bodies", p)
        )
        board = tuple(
            BoardMember(name=str(e["name"]), role=e.get("role")) for e in _entries(data, "board", p)
        )
    except KeyError as exc:
        raise InputError(p, f"an entry lacks the key {exc}") from None
    municipality = str(data["municipality"])
    return Profile(
        key=str(data.get("key") or path.stem),
        municipality=municipality,
        names=_strings(data.get("names"), "names", p) or (municipality,),
        meeting_bodies=_strings(data.get("meeting_bodies"), "meeting_bodies", p),
        centres=centres,
        bodies=bodies,
        board=board,
        path=p,
    )


def bundled_profiles() -> dict[str, Path]:
    """Profile files shipped in ``data/profiles``, by key (file stem)."""
    return {f.stem: f for f in sorted(PROFILES_DIR.glob("*.yaml"))}


def profile_key(place: str) -> str:
    """The profile key (the municipality's part of every IRI) for a place name.

    >>> profile_key("Høje-Taastrup"), profile_key("Aarhus"), profile_key("Lyngby-Taarbæk")
    ('hoeje-taastrup', 'aarhus', 'lyngby-taarbaek')
    """
    low = place.lower().translate(str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"}))
    return re.sub(r"[^a-z0-9]+", "-", low).strip("-") or "unknown"


#: "Kommune" (and its genitive, "Regionskommune") as a word: where a municipality is named.
_KOMMUNE = re.compile(r"\b(?:Regions)?[Kk]ommunes?\b")


@cache
def _municipality_prefixes() -> dict[str, tuple[str, str]]:
    """What stands before "Kommune" in each name of the 98 municipalities (casefolded) →
    (official name, place name), from the shipped lexicon."""
    from referatgraf.extract.entities.denmark import municipalities  # (imports this module)

    out: dict[str, tuple[str, str]] = {}
    for m in municipalities():
        for name in (m.name, *m.forms, f"{m.place} Kommune"):
            prefix = _KOMMUNE.sub("", name).strip()
            out.setdefault(" ".join(prefix.split()).casefold(), (m.name, m.place))
    return out


def _lexicon_municipality(name: str) -> tuple[str, str] | None:
    """(official name, place) of a municipality written as "Greve Kommune", "Greve" or
    "københavns kommune"; ``None`` for a name the lexicon does not hold.

    >>> _lexicon_municipality("københavns kommune"), _lexicon_municipality("Høje Taastrup")
    (('Københavns Kommune', 'København'), ('Høje-Taastrup Kommune', 'Høje-Taastrup'))
    >>> _lexicon_municipality("Ukendt kommune") is None
    True
    """
    prefix = " ".join(_KOMMUNE.sub("", name).split()).casefold()
    return _municipality_prefixes().get(prefix)


def municipality_named_most(text: str) -> tuple[tuple[str, str], int] | None:
    """The municipality of the 98 a text names most often as "<X> Kommune" (official
    name, place) and how often; the first named wins a tie.

    >>> municipality_named_most("Ballerup Kommune og Egedal Kommune; Ballerup kommunes borgere")
    (('Ballerup Kommune', 'Ballerup'), 2)
    >>> municipality_named_most("Hver kommune skal ... den kommune") is None
    True
    """
    prefixes = _municipality_prefixes()
    counts: Counter[tuple[str, str]] = Counter()
    for m in _KOMMUNE.finditer(text):
        words = text[max(0, m.start() - 40) : m.start()].split()
        for n in (2, 1):  # "Høje Taastrup Kommune" before "Taastrup Kommune"
            hit = prefixes.get(" ".join(words[-n:]).casefold()) if len(words) >= n else None
            if hit:
                counts[hit] += 1
                break
    if not counts:
        return None
    return counts.most_common(1)[0]


def municipality_profile(municipality: str) -> Profile:
    """The minimal profile of a municipality without a bundled one: its own key (a slug of
    the place name, so its meetings' IRIs are its own) and its names, no organisation.

    >>> p = municipality_profile("Københavns Kommune")
    >>> p.key, p.municipality, p.names
    ('koebenhavn', 'Københavns Kommune', ('Københavns Kommune', 'København Kommune', 'København'))
    >>> municipality_profile("Ledøje-Smørum Kommune").key
    'ledoeje-smoerum'
    """
    known = _lexicon_municipality(municipality)
    if known is None:
        name = " ".join(municipality.split())
        place = _KOMMUNE.sub("", name).strip() or name
    else:
        name, place = known
    names = tuple(dict.fromkeys((name, f"{place} Kommune", place)))
    return Profile(key=profile_key(place), municipality=name, names=names)


def profile_for_text(text: str, municipality: str | None = None) -> Profile:
    """The profile of the municipality a document belongs to.

    ``municipality`` (when the input format states it) decides: its bundled profile, else
    its minimal profile (:func:`municipality_profile`). Otherwise the text is searched for
    the bundled profiles' names and for the 98 municipalities named "<X> Kommune"; the
    bundled profile named most often wins unless a municipality without one is named more
    often. Only a text that names no municipality gets the empty profile (key ``unknown``).
    """
    profiles = [load_profile(path) for path in bundled_profiles().values()]
    if municipality:
        for profile in profiles:
            if municipality in (profile.municipality, *profile.names, profile.key):
                return profile
        return _bundled(municipality, profiles) or municipality_profile(municipality)
    best: tuple[int, Profile] = (0, EMPTY_PROFILE)
    for profile in profiles:
        hits = sum(text.count(name) for name in profile.names)
        if hits > best[0]:
            best = (hits, profile)
    named = municipality_named_most(text)
    if named is not None and named[1] > best[0]:
        (name, _place), _count = named
        return _bundled(name, profiles) or municipality_profile(name)
    return best[1]


def _bundled(municipality: str, profiles: list[Profile]) -> Profile | None:
    """The bundled profile of a municipality the lexicon knows under another spelling."""
    known = _lexicon_municipality(municipality)
    if known is None:
        return None
    for profile in profiles:
        if _lexicon_municipality(profile.municipality) == known:
            return profile
    return None
