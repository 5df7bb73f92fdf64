"""Filter values checked against what the store holds.

An unknown value is an error that names the known ones and the closest match, never an
empty answer (see :func:`referatgraf.errors.unknown_value`). Every command's filters go
through here: municipality, centre, case number, decision outcome, entity kind, mention
type, person, party, entity, year and date range, and the parameters of saved queries named
like them (:func:`check_query_params`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from referatgraf.errors import UsageError, unknown_value
from referatgraf.graph.store import Store

__all__ = [
    "case_key",
    "check_date_order",
    "check_date_range",
    "check_query_params",
    "meeting_days",
    "municipalities",
    "party_named",
    "resolve_body",
    "resolve_case",
    "resolve_centre",
    "resolve_entity",
    "resolve_municipality",
    "resolve_outcome",
    "resolve_party",
    "resolve_person",
    "resolve_year",
]

_MUNICIPALITIES = """
SELECT ?key ?label WHERE {
  ?m a rg:Municipality ; rg:key ?key .
  OPTIONAL { ?m skos:prefLabel ?label }
}
"""
_CENTRES = "SELECT DISTINCT ?code WHERE { ?c a rg:Centre ; skos:notation ?code }"
_CASES = """
SELECT DISTINCT ?number WHERE {
  ?c a rg:Case ; rg:caseNumber ?number ; rg:municipality ?m . ?m rg:key $municipality
}
"""
_HAS_CASE = "ASK { ?c rg:caseNumber $number ; rg:municipality ?m . ?m rg:key $municipality }"
_BODIES = "SELECT DISTINCT ?name WHERE { ?b a rg:Body ; skos:prefLabel ?name }"
_PEOPLE = "SELECT DISTINCT ?name WHERE { ?p a rg:Person ; foaf:name ?name }"
_HAS_PERSON = "ASK { ?p a rg:Person ; foaf:name $name }"
_MEETING_DAYS = """
SELECT (MIN(?day) AS ?first) (MAX(?day) AS ?last) (GROUP_CONCAT(DISTINCT STR(YEAR(?day))) AS ?years)
WHERE { ?meeting a rg:Meeting ; dcterms:date ?day }
"""
_HAS_ENTITY = "ASK { VALUES ?class { @MENTION_CLASSES@ } $entity a ?class }"
_ENTITIES = "SELECT DISTINCT ?entity WHERE { VALUES ?class { @MENTION_CLASSES@ } ?entity a ?class }"
_PARTIES = """
SELECT DISTINCT ?name ?letter WHERE { ?p a rg:PoliticalParty ; foaf:name ?name
  OPTIONAL { ?p skos:notation ?letter } }
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


def _fold(text: str) -> str:
    """Case and æøå folded, for comparing codes as users type them.

    >>> _fold("ØDC") == _fold("oedc") == _fold("Ødc")
    True
    """
    from referatgraf.graph.iris import slug

    return slug(text)


def resolve_centre(store: Store, value: str | None) -> str | None:
    """The centre code as the store writes it (``oedc`` and ``Ødc`` give ``ØDC``)."""
    if value is None:
        return None
    codes = [str(r["code"]) for r in store.query(_CENTRES)]
    for code in codes:
        if _fold(code) == _fold(value):
            return code
    raise unknown_value("centre", value, codes)


def case_key(number: str) -> tuple[str, ...]:
    """A case number's letter and digit groups, for near misses of its separators.

    >>> case_key("19-24995") == case_key("19/24995") == case_key(" 19 / 24995")
    True
    >>> case_key("01.02.00-G01-1-19")
    ('01', '02', '00', 'g01', '1', '19')
    """
    return tuple(re.findall(r"[0-9a-zæøå]+", number.casefold()))


def resolve_case(store: Store, value: str | None, municipality: str | None = None) -> str | None:
    """The case number as the store writes it; a near miss is an error that names it.

    ``19-24995`` for ``19/24995`` raises "did you mean '19/24995'?": a different case
    number must never be used silently.
    """
    if value is None:
        return None
    number = value.strip()
    params = {"number": number, "municipality": municipality}
    if store.ask(_HAS_CASE, {k: v for k, v in params.items() if v is not None}):
        return number
    known = [
        str(r["number"])
        for r in store.query(_CASES, {"municipality": municipality} if municipality else {})
    ]
    same = [k for k in known if case_key(k) == case_key(number)]
    raise unknown_value("case", value, known, suggestion=same[0] if len(same) == 1 else None)


def resolve_person(store: Store, value: str | None) -> str | None:
    """A person's name as the store writes it (case-insensitive)."""
    if value is None:
        return None
    if store.ask(_HAS_PERSON, {"name": value}):
        return value
    names = [str(r["name"]) for r in store.query(_PEOPLE)]
    for name in names:
        if name.casefold() == value.strip().casefold():
            return name
    raise unknown_value("person", value, names)


_OUTCOMES = """
SELECT ?code ?label WHERE {
  ?o a rg:Outcome ; skos:notation ?code ; skos:prefLabel ?label FILTER(LANG(?label) = "da")
}
"""


def resolve_outcome(store: Store, value: str) -> str:
    """An outcome code from its code or its Danish name (``godkendt`` → ``approved``)."""
    from referatgraf.extract.model import OUTCOMES

    names = {str(r["label"]).casefold(): str(r["code"]) for r in store.query(_OUTCOMES)}
    wanted = value.strip().casefold()
    if wanted in OUTCOMES:
        return wanted
    if wanted in names:
        return names[wanted]
    raise unknown_value("outcome", value, OUTCOMES)


def resolve_body(store: Store, value: str | None) -> str | None:
    """A body's name as the store writes it (case-insensitive: ``økonomiudvalget``)."""
    if value is None:
        return None
    names = [str(r["name"]) for r in store.query(_BODIES)]
    for name in names:
        if name.casefold() == value.strip().casefold():
            return name
    raise unknown_value("body", value, names)


def resolve_party(store: Store, value: str | None) -> str | None:
    """A party's name as the store writes it, from its name (case-insensitive) or its list
    letter (``v`` → ``Venstre``, when one party of the store has that letter)."""
    if value is None:
        return None
    rows = store.query(_PARTIES)
    return party_named(value, [(str(r["name"]), r["letter"]) for r in rows])


def party_named(value: str, parties: list[tuple[str, object]]) -> str:
    """The name of the party ``value`` names among ``parties`` ((name, letter or None)).

    >>> parties = [("Venstre", "V"), ("Socialdemokratiet", "A"), ("Lokallisten", None)]
    >>> party_named("venstre", parties), party_named("A", parties)
    ('Venstre', 'Socialdemokratiet')
    >>> party_named("Venste", parties)
    Traceback (most recent call last):
    ...
    referatgraf.errors.UsageError: unknown party 'Venste' (did you mean 'Venstre'?); known: Lokallisten, Socialdemokratiet, Venstre
    """
    wanted = value.strip().casefold()
    for name, _ in parties:
        if name.casefold() == wanted:
            return name
    by_letter = {name for name, letter in parties if letter and str(letter).casefold() == wanted}
    if len(by_letter) == 1:
        return by_letter.pop()
    raise unknown_value("party", value, [name for name, _ in parties])


def meeting_days(store: Store) -> tuple[str, str, list[str]] | None:
    """The first and last meeting day of the store (``yyyy-mm-dd``) and the years between
    that have meetings, or None when no meeting is dated."""
    row = store.query(_MEETING_DAYS)[0]
    if row["first"] is None:
        return None
    return str(row["first"]), str(row["last"]), sorted(str(row["years"]).split())


def resolve_year(store: Store, value: str | None) -> str | None:
    """A year in which the store has a meeting (a year that is no number passes: the query's
    parameter types reject it)."""
    if value is None or not value.strip().lstrip("-").isdigit():
        return value
    days = meeting_days(store)
    years = days[2] if days else []
    if str(int(value)) in years:
        return value
    raise unknown_value("year", value, years)


def check_date_range(store: Store, date_from: str | None, date_to: str | None) -> None:
    """``from`` after ``to``, or a range that lies wholly before the store's first or after its
    last meeting, is a usage error naming the days the store covers.

    Dates that are no ``yyyy-mm-dd`` pass: the query's parameter types reject them.
    """
    wellformed = [d for d in (date_from, date_to) if d and re.fullmatch(r"\d{4}-\d{2}-\d{2}", d)]
    if not wellformed:
        return
    if len(wellformed) == 2 and date_from > date_to:
        raise UsageError(f"from={date_from} is after to={date_to}: no day lies between them")
    days = meeting_days(store)
    if days is None:
        raise UsageError("no meeting in the store has a date: nothing lies in a date range")
    first, last, _ = days
    covered = f"the store's meetings are dated {first} to {last}"
    if date_from in wellformed and date_from > last:
        raise UsageError(f"no meeting on or after from={date_from}: {covered}")
    if date_to in wellformed and date_to < first:
        raise UsageError(f"no meeting on or before to={date_to}: {covered}")


def resolve_entity(store: Store, value: str | None) -> str | None:
    """An entity's IRI that the store holds (a centre, person, strategy, organisation or
    body); any other is an error naming the closest ones."""
    import pyoxigraph as ox

    from referatgraf.graph.queries import expand_kinds

    if value is None:
        return None
    try:
        iri = ox.NamedNode(value.strip())
    except ValueError:
        return value  # no IRI: the query's parameter types reject it
    if store.ask(expand_kinds(_HAS_ENTITY), {"entity": iri}):
        return value.strip()
    known = [str(r["entity"]) for r in store.query(expand_kinds(_ENTITIES))]
    raise unknown_value("entity", value, known)


def _choice(what: str, known: tuple[str, ...]) -> Callable[[Store, str], str]:
    def check(_store: Store, value: str) -> str:
        if value in known:
            return value
        for k in known:
            if k.casefold() == value.strip().casefold():
                return k
        raise unknown_value(what, value, known)

    return check


def _checks() -> dict[str, Callable[[Store, str], str | None]]:
    from referatgraf.ontology.kinds import ENTITY_KINDS, MENTION_TYPES

    return {
        "municipality": resolve_municipality,
        "centre": resolve_centre,
        "person": resolve_person,
        "body": resolve_body,
        "party": resolve_party,
        "year": resolve_year,
        "entity": resolve_entity,
        "outcome": resolve_outcome,
        "kind": _choice("entity kind", tuple(k.name for k in ENTITY_KINDS)),
        "type": _choice("mention type", MENTION_TYPES),
    }


def check_query_params(store: Store, params: Mapping[str, str]) -> dict[str, str]:
    """Saved-query parameters with every value the store can know checked and normalised.

    A parameter named ``municipality``, ``centre``, ``case``, ``person``, ``body``, ``party``,
    ``entity``, ``year``, ``outcome``, ``kind`` or ``type`` must name something the store holds
    (a municipality by key or name, ``Høje-Taastrup`` → ``hoeje-taastrup``), and ``from`` and
    ``to`` a range that does not lie wholly before the first or after the last meeting day;
    other parameters pass unchanged.
    """
    checks = _checks()
    out = dict(params)
    if out.get("municipality") is not None:
        out["municipality"] = resolve_municipality(store, out["municipality"])
    for name, value in out.items():
        if value is None or name == "municipality":
            continue
        if name == "case":
            out[name] = resolve_case(store, value, out.get("municipality"))
        elif name in checks:
            out[name] = checks[name](store, value)
    if out.get("from") is not None or out.get("to") is not None:
        check_date_range(store, out.get("from"), out.get("to"))
    return out


def check_date_order(date_from: str | None, date_to: str | None) -> None:
    """``--from`` after ``--to`` is a usage error, not an empty answer.

    >>> check_date_order("2016", "2020-05")
    >>> check_date_order("2021", "2020")
    Traceback (most recent call last):
    ...
    referatgraf.errors.UsageError: --from 2021 is after --to 2020: no date lies between them
    """
    if date_from and date_to and date_from[: len(date_to)] > date_to[: len(date_from)]:
        raise UsageError(f"--from {date_from} is after --to {date_to}: no date lies between them")
