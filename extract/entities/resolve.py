"""Document-level resolution: one canonical key per entity within a document.

* people: a first name or short form becomes the meeting participant or the fuller
  mention of the same document it unambiguously refers to; otherwise it stays as written;
* strategies: an undated form becomes the document's only dated version of the same
  strategy ("strategibrevet" → "Strategibrev 2018"); "Ny X" stays a strategy of its own
  only beside a dated X; "Strategi for X" becomes a longer "Strategi for X …" of the
  same document; keys that differ only in case are merged.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping, Sequence

from referatgraf.extract.model import Mention

__all__ = [
    "canonical_keys",
    "resolve_people",
    "resolve_strategies",
    "spelling_variants",
    "unify_case",
]

_YEAR_TAIL = re.compile(r" (\d{4}(?:-\d{4})?)$")


def _is_initial(token: str) -> bool:
    return len(token) <= 2 and token.isupper()


def resolve_people(keys: Iterable[str], participants: Iterable[str]) -> dict[str, str]:
    """Map each person key to its resolved key.

    Examples
    --------
    >>> r = resolve_people(["Lars", "Anders C", "Anders", "Anders Christensen", "Rune",
    ...     "Kathrine Skastrup", "Flemming"], ["Lars Holte", "Kathrine Seier Skastrup"])
    >>> [r[k] for k in ["Lars", "Anders C", "Anders", "Rune", "Kathrine Skastrup"]]
    ['Lars Holte', 'Anders Christensen', 'Anders Christensen', 'Rune', 'Kathrine Seier Skastrup']
    """
    keys = list(dict.fromkeys(keys))
    people = list(dict.fromkeys(participants))
    out = {k: k for k in keys}

    def unique(cands: list[str]) -> str | None:
        cands = list(dict.fromkeys(cands))
        return cands[0] if len(cands) == 1 else None

    # indexes by first name keep this linear in the number of keys and participants
    people_by_first: dict[str, list[str]] = {}
    for p in people:
        people_by_first.setdefault(p.split()[0], []).append(p)
    full_by_first: dict[str, list[str]] = {}
    for f in keys:
        toks = f.split()
        if len(toks) > 1 and not _is_initial(toks[-1]):
            full_by_first.setdefault(toks[0], []).append(f)
    # full names and initials forms first
    for k in keys:
        toks = k.split()
        if len(toks) < 2:
            continue
        first, last = toks[0], toks[-1]
        same_first = people_by_first.get(first, [])
        if _is_initial(last):
            pool = same_first + full_by_first.get(first, [])
            pool = [p for p in pool if any(t.startswith(last) for t in p.split()[1:])]
            out[k] = unique(pool) or k
        else:
            pool = [p for p in same_first if p != k and p.split()[-1] == last]
            out[k] = unique(pool) or k
    fuller_by_first: dict[str, list[str]] = {}
    for f in dict.fromkeys(out[k] for k in keys if len(k.split()) > 1):
        fuller_by_first.setdefault(f.split()[0], []).append(f)
    for k in keys:
        if len(k.split()) != 1:
            continue
        pool = people_by_first.get(k, []) or fuller_by_first.get(k, [])
        out[k] = unique(pool) or k
    return out


def resolve_strategies(keys: Iterable[str], *, year: int | None = None) -> dict[str, str]:
    """Map each strategy key to its document-level canonical key.

    ``year`` is the meeting's year: "Ny X" is a successor of its own only beside a
    version of X dated from an earlier year; otherwise it is that version.

    Examples
    --------
    >>> r = resolve_strategies(["Strategibrev", "Strategibrev 2018", "Vækstpolitik",
    ...     "Ny vækstpolitik", "Ny digitaliseringsstrategi", "Digitaliseringsstrategi",
    ...     "Digitaliseringsstrategi 2014-2018", "Strategi for bedre datakvalitet",
    ...     "Strategi for bedre datakvalitet med FLIS"])
    >>> [r[k] for k in ["Strategibrev", "Ny vækstpolitik", "Ny digitaliseringsstrategi",
    ...     "Digitaliseringsstrategi", "Strategi for bedre datakvalitet"]]  # doctest: +NORMALIZE_WHITESPACE
    ['Strategibrev 2018', 'Vækstpolitik', 'Ny digitaliseringsstrategi',
     'Digitaliseringsstrategi 2014-2018', 'Strategi for bedre datakvalitet med FLIS']
    """
    keys = list(dict.fromkeys(keys))
    dated: dict[str, set[str]] = {}
    for k in keys:
        m = _YEAR_TAIL.search(k)
        if m:
            dated.setdefault(k[: m.start()].lower(), set()).add(k)
    by_lower = sorted((k.lower(), k) for k in keys)
    out = {}
    for k in keys:
        key = k
        if key.lower().startswith("ny "):
            versions = dated.get(key[3:].lower(), set())
            older = [v for v in versions if year is None or int(_YEAR_TAIL.search(v)[1][:4]) < year]
            if not older:
                key = key[3].upper() + key[4:]
        if not _YEAR_TAIL.search(key) and not key.lower().startswith("ny "):
            versions = dated.get(key.lower(), set())
            if len(versions) == 1:
                key = next(iter(versions))
        if key.lower().endswith("plan") and " " not in key:
            longer = _with_prefix(by_lower, key.lower() + " ", limit=2)
            if len(longer) == 1:  # "udviklingsplanen" → "Udviklingsplan Aarhus Ø"
                key = longer[0]
        if key.lower().startswith(("strategi for ", "politik for ")):
            longer = _with_prefix(by_lower, key.lower() + " ", limit=2)
            if len(longer) == 1:
                key = longer[0]
        out[k] = key
    return out


def _with_prefix(ordered: list[tuple[str, str]], prefix: str, *, limit: int) -> list[str]:
    """Up to ``limit`` keys whose lower-cased form starts with ``prefix`` (``ordered`` is
    sorted by lower-cased key)."""
    out = []
    k = bisect.bisect_left(ordered, (prefix, ""))
    while k < len(ordered) and ordered[k][0].startswith(prefix) and len(out) < limit:
        out.append(ordered[k][1])
        k += 1
    return out


def unify_case(keys: Iterable[str]) -> dict[str, str]:
    """Keys that differ only in case become the first one seen.

    >>> unify_case(["Styregruppen for Den digitale arbejdsplads", "Styregruppen for den digitale arbejdsplads"])["Styregruppen for den digitale arbejdsplads"]
    'Styregruppen for Den digitale arbejdsplads'
    """
    keys = list(keys)
    first: dict[str, str] = {}
    for k in keys:
        first.setdefault(re.sub(r"\s*\([^)]*\)$", "", k).lower(), k)
    return {k: first[re.sub(r"\s*\([^)]*\)$", "", k).lower()] for k in keys}


def _one_edit(a: str, b: str) -> bool:
    """``a`` and ``b`` differ by one letter inserted, deleted or replaced (not a digit)."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) > len(b):
        a, b = b, a
    k = 0
    while k < len(a) and a[k] == b[k]:
        k += 1
    if len(a) == len(b):
        differs = (a[k], b[k])
        ok = a[k + 1 :] == b[k + 1 :]
    else:
        differs = (b[k],)
        ok = a[k:] == b[k + 1 :]
    return ok and not any(c.isdigit() for c in differs)


def spelling_variants(counts: Mapping[str, int]) -> dict[str, str]:
    """Keys that are a genitive or a one-letter misspelling of a more frequent key → it.

    Only keys of at least 12 letters are compared for misspellings, and only within
    groups of keys that start alike (so the work stays linear in practice).

    Examples
    --------
    >>> spelling_variants({"Sundheds- og Omsorgsudvalget": 9, "Sundhed- og Omsorgsudvalget": 2,
    ...     "Boligselskabet Sjælland": 3, "Boligselskabet Sjællands": 1, "Lokalplan 15.24": 1,
    ...     "Lokalplan 15.25": 2})  # doctest: +NORMALIZE_WHITESPACE
    {'Sundhed- og Omsorgsudvalget': 'Sundheds- og Omsorgsudvalget',
     'Boligselskabet Sjællands': 'Boligselskabet Sjælland'}
    """
    groups: dict[str, list[str]] = {}
    for key in counts:
        groups.setdefault(key[:3].lower(), []).append(key)
    out: dict[str, str] = {}
    for keys in groups.values():
        if len(keys) > 200:
            continue
        for a in keys:
            best = None
            for b in keys:
                if b == a or counts[b] < counts[a] or (counts[b] == counts[a] and b > a):
                    continue
                variant = a == b + "s" or (len(a) >= 12 and _one_edit(a, b))
                if variant and (best is None or counts[b] > counts[best]):
                    best = b
            if best is not None:
                out[a] = best
    for a in list(out):  # follow chains to their end
        seen = {a}
        while out[a] in out and out[a] not in seen:
            seen.add(out[a])
            out[a] = out[out[a]]
    return out


def canonical_keys(
    mentions: Sequence[Mention], *, participants: Sequence[str] = (), year: int | None = None
) -> dict[tuple[str, str], str]:
    """Document-level key of every ``(type, key)`` of one document's mentions.

    * a year range read from a sentence ("… løber i 2014-2018") counts only when the
      document also writes the dated name itself;
    * people and strategies are resolved (:func:`resolve_people`,
      :func:`resolve_strategies`);
    * an established strategy is named in the definite ("Udviklingsstrategien") when the
      document uses that form, a planned or generic one stays indefinite ("Kanalstrategi").

    Examples
    --------
    >>> ms = [Mention("people", "Lars", "Lars", 0, 4, "first-name"),
    ...       Mention("strategies", "Udviklingsstrategi", "udviklingsstrategien", 9, 29,
    ...               "compound")]
    >>> keys = canonical_keys(ms, participants=["Lars Holte"])
    >>> keys[("people", "Lars")], keys[("strategies", "Udviklingsstrategi")]
    ('Lars Holte', 'Udviklingsstrategien')
    """
    direct = {m.key for m in mentions if m.type == "strategies" and "+period" not in m.rule}

    def strategy_key(m: Mention) -> str:
        if "+period" in m.rule and m.key not in direct:
            return m.key.rsplit(" ", 1)[0]
        return m.key

    people = resolve_people((m.key for m in mentions if m.type == "people"), participants)
    raw = {m.key: strategy_key(m) for m in mentions if m.type == "strategies"}
    strategies = resolve_strategies(raw.values(), year=year)
    definite = {
        strategies[raw[m.key]]
        for m in mentions
        if m.type == "strategies"
        and m.rule == "compound"
        and m.text.lower().endswith(("strategien", "strategiens"))
    }
    variants: dict[str, dict[str, str]] = {}
    for type_ in ("bodies", "organisations", "centres"):
        counts: dict[str, int] = {}
        for m in mentions:
            if m.type == type_:
                counts[m.key] = counts.get(m.key, 0) + 1
        variants[type_] = spelling_variants(counts)
    out: dict[tuple[str, str], str] = {}
    for m in mentions:
        key = variants[m.type].get(m.key, m.key) if m.type in variants else m.key
        if m.type == "people":
            key = people[m.key]
        elif m.type == "strategies":
            key = strategies[raw[m.key]]
            if key in definite and key.endswith("strategi"):
                key += "en"
        out[(m.type, m.key)] = key
    return out
