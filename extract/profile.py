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

from dataclasses import dataclass
from functools import lru_cache
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
    "profile_for_text",
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


def profile_for_text(text: str, municipality: str | None = None) -> Profile:
    """The bundled profile whose municipality the document names, else the empty profile.

    ``municipality`` (when the input format states it) is checked first; otherwise the
    text is searched for a profile's names, and the
    profile named most often wins.
    """
    best: tuple[int, Profile] = (0, EMPTY_PROFILE)
    head = text
    for path in bundled_profiles().values():
        profile = load_profile(path)
        if municipality and municipality in (profile.municipality, *profile.names, profile.key):
            return profile
        hits = sum(head.count(name) for name in profile.names)
        if hits > best[0]:
            best = (hits, profile)
    return best[1]
