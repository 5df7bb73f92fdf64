"""The entity kinds: one list that every stage derives its kinds from.

A kind has one name per job it does: ``record_key`` is the per-item key of extraction records
and the type of a :class:`~referatgraf.extract.model.Mention` (plural, as the gold schema
writes it); ``name`` is the kind itself (singular) as maps, analytics, the report and the
``map-entities`` query use it; ``rdf_class`` is its class in the referatgraf vocabulary
(``ontology/referatgraf.ttl``, with a SHACL shape in ``ontology/shapes.ttl``); ``iri_segment``
is the path segment of its IRIs (:meth:`referatgraf.graph.iris.Iris.entity`); labels and
colour are what the report and maps show.

Adding a kind: add it to :data:`ENTITY_KINDS`, declare its class in ``referatgraf.ttl`` and
``namespace.py`` and give it a shape in ``shapes.ttl``; ``tests/ontology/test_kinds.py``
fails until it reaches records, graph, shapes, queries, maps and report. See
``docs/architecture.md``.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ENTITY_KINDS",
    "MENTION_TYPES",
    "PROPOSERS",
    "EntityKind",
    "kind_named",
    "kind_of_mention",
]


@dataclass(frozen=True, slots=True)
class EntityKind:
    """One kind of entity that items mention."""

    name: str  # "strategy"
    record_key: str  # "strategies"
    rdf_class: str  # local name in the rg: vocabulary, "Strategy"
    iri_segment: str  # ".../strategy/<key>"
    label_da: str
    label_en: str
    plural_da: str
    plural_en: str
    colour: str  # Okabe-Ito palette: tells kinds apart for colour-blind readers too
    #: IRIs under the base, shared by all municipalities (else under the municipality).
    shared: bool = False
    #: The entity's name property: ``skos:prefLabel`` (a concept or unit) or ``foaf:name``.
    named_by: str = "skos:prefLabel"


#: Every entity kind, in the order records list them.
ENTITY_KINDS: tuple[EntityKind, ...] = (
    EntityKind(
        "centre", "centres", "Centre", "centre", "Center", "Centre", "Centre", "Centres", "#0072B2"
    ),
    EntityKind(
        "person",
        "people",
        "Person",
        "person",
        "Person",
        "Person",
        "Personer",
        "People",
        "#D55E00",
        named_by="foaf:name",
    ),
    EntityKind(
        "strategy",
        "strategies",
        "Strategy",
        "strategy",
        "Strategi",
        "Strategy",
        "Strategier",
        "Strategies",
        "#009E73",
    ),
    EntityKind(
        "organisation",
        "organisations",
        "Organisation",
        "organisation",
        "Organisation",
        "Organisation",
        "Organisationer",
        "Organisations",
        "#CC79A7",
        shared=True,
        named_by="foaf:name",
    ),
    EntityKind("body", "bodies", "Body", "body", "Organ", "Body", "Organer", "Bodies", "#E69F00"),
)

#: The mention type of a proposer: a role, not a kind (the entity is a centre or a body).
PROPOSERS = "proposers"

#: Mention types in record order: the kinds' record keys with the proposers after the centres.
MENTION_TYPES: tuple[str, ...] = (
    ENTITY_KINDS[0].record_key,
    PROPOSERS,
    *(k.record_key for k in ENTITY_KINDS[1:]),
)

_BY_NAME = {k.name: k for k in ENTITY_KINDS}
_BY_RECORD_KEY = {k.record_key: k for k in ENTITY_KINDS}


def kind_named(name: str) -> EntityKind:
    """The kind called ``name`` (singular).

    >>> kind_named("strategy").record_key
    'strategies'
    """
    try:
        return _BY_NAME[name]
    except KeyError:
        raise ValueError(f"unknown entity kind {name!r} ({', '.join(_BY_NAME)})") from None


def kind_of_mention(mention_type: str) -> EntityKind | None:
    """The kind of a mention type (``None`` for proposers, whose entity may be of two kinds).

    >>> kind_of_mention("people").name, kind_of_mention("proposers")
    ('person', None)
    """
    if mention_type == PROPOSERS:
        return None
    try:
        return _BY_RECORD_KEY[mention_type]
    except KeyError:
        raise ValueError(
            f"unknown mention type {mention_type!r} ({', '.join(MENTION_TYPES)})"
        ) from None
