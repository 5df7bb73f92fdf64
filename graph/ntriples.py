"""RDF terms written directly in N-Triples syntax: the graph builder's hot path.

A build makes a few hundred triples per meeting; building rdflib (or pyoxigraph) term
objects for each cost more than reading the minutes. Terms here are plain strings in the
syntax of N-Triples/N-Quads (``<iri>``, ``"text"@da``, ``"5"^^<…#integer>``, ``_:id``),
so a triple is one f-string and a document's graphs are one ``"".join`` away from the
N-Quads bytes the store's writer bulk-loads.

Minted IRIs are made of slugs (:func:`referatgraf.graph.iris.slug`), numbers and ISO
dates under a base that :func:`iri` checks, so they need no escaping.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = [
    "DCTERMS",
    "FOAF",
    "OA",
    "ORG",
    "PROV",
    "RDF",
    "RDFS",
    "RG",
    "SKOS",
    "XSD",
    "Vocabulary",
    "boolean",
    "date",
    "integer",
    "iri",
    "literal",
    "nquads",
    "time",
]

_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def iri(value: str) -> str:
    """``<value>``, refusing characters an IRI reference may not hold.

    >>> iri("https://example.org/a")
    '<https://example.org/a>'
    >>> iri("https://example.org/a b")
    Traceback (most recent call last):
    ...
    ValueError: not an IRI: 'https://example.org/a b'
    """
    if _IRI_FORBIDDEN.search(value):
        raise ValueError(f"not an IRI: {value!r}")
    return f"<{value}>"


def literal(text: str, lang: str | None = None) -> str:
    """A string literal (with a language tag when ``lang`` is given).

    >>> literal('to "linjer"\\nher', "da")
    '"to \\\\"linjer\\\\"\\\\nher"@da'
    """
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    )
    return f'"{escaped}"@{lang}' if lang else f'"{escaped}"'


class Vocabulary:
    """Terms of one namespace as N-Triples IRIs: ``RG.start == '<…ns#start>'``.

    Only the names given exist, so a misspelt term raises ``AttributeError``.

    >>> v = Vocabulary("https://example.org/ns#", "a b")
    >>> v.a, v["b"]
    ('<https://example.org/ns#a>', '<https://example.org/ns#b>')
    >>> v.c
    Traceback (most recent call last):
    ...
    AttributeError: c is not a term of https://example.org/ns#
    """

    def __init__(self, namespace: str, names: str) -> None:
        self.namespace = namespace
        self.__dict__.update({name: f"<{namespace}{name}>" for name in names.split()})

    def __getattr__(self, name: str) -> str:  # only called for names that are not terms
        raise AttributeError(f"{name} is not a term of {self.namespace}")

    def __getitem__(self, name: str) -> str:
        return getattr(self, name)


XSD = Vocabulary("http://www.w3.org/2001/XMLSchema#", "integer boolean date time string")
RDF = Vocabulary("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "type")
RDFS = Vocabulary("http://www.w3.org/2000/01/rdf-schema#", "label")
SKOS = Vocabulary(
    "http://www.w3.org/2004/02/skos/core#",
    "prefLabel altLabel notation inScheme ConceptScheme",
)
DCTERMS = Vocabulary("http://purl.org/dc/terms/", "title date publisher isReplacedBy")
FOAF = Vocabulary("http://xmlns.com/foaf/0.1/", "name")
ORG = Vocabulary("http://www.w3.org/ns/org#", "unitOf Membership member organization role Role")
PROV = Vocabulary("http://www.w3.org/ns/prov#", "wasDerivedFrom")
OA = Vocabulary(
    "http://www.w3.org/ns/oa#",
    "Annotation SpecificResource TextPositionSelector TextQuoteSelector hasBody hasTarget "
    "hasSource hasSelector start end exact prefix suffix",
)
RG = Vocabulary(
    "https://w3id.org/referatgraf/ns#",
    # classes
    "AgendaItem Attachment Body Case Centre CentreRole Decision Meeting Mention Municipality "
    "Organisation Person PoliticalParty Section SourceDocument Strategy Vote VotePosition "
    # properties
    "absentee attachment case centreRole continuedBy decidedBy decision heldBy inItem involves "
    "ledBy meeting mentions "
    "municipality outcome participant proposedBy secretary section sourceDocument "
    "bodyKind caseNumber closed decisionText documentName end evidence key mentionType "
    "number owning path place procedural roleEvidence sectionKind sha256 sourceFormat span start "
    "startTime text "
    "textSha256 vote voteCount votePosition voteText voter voterParty "
    # centre roles
    "involved lead listed mentioned proposer "
    # item-level facts the saved queries read (graph.rdf._item_facts)
    "listLike lists onlyMentions titleKey "
    # outcomes
    "approved decided discussed noted other postponed rejected "
    # vote positions
    "abstained votedAgainst votedFor withReservation",
)

_INTEGER = f"^^{XSD.integer}"
_BOOLEAN = f"^^{XSD.boolean}"
_DATE = f"^^{XSD.date}"
_TIME = f"^^{XSD.time}"


def integer(value: int) -> str:
    """An ``xsd:integer`` literal.

    >>> integer(7)
    '"7"^^<http://www.w3.org/2001/XMLSchema#integer>'
    """
    return f'"{int(value)}"{_INTEGER}'


def boolean(value: bool) -> str:
    """An ``xsd:boolean`` literal (``"true"``/``"false"``)."""
    return f'"{"true" if value else "false"}"{_BOOLEAN}'


def date(value: str) -> str:
    """An ``xsd:date`` literal of an ISO date."""
    return f"{literal(value)}{_DATE}"


def time(value: str) -> str:
    """An ``xsd:time`` literal (``HH:MM:SS``)."""
    return f"{literal(value)}{_TIME}"


def nquads(graphs: Iterable[tuple[str, Iterable[str]]]) -> bytes:
    """N-Quads bytes of (graph IRI term, triples) pairs; a triple is ``"s p o"``.

    >>> nquads([("<https://e.org/g>", ["<https://e.org/s> <https://e.org/p> " + literal("x")])])
    b'<https://e.org/s> <https://e.org/p> "x" <https://e.org/g> .\\n'
    """
    return "".join(
        f"{triple} {graph} .\n" for graph, triples in graphs for triple in triples
    ).encode("utf-8")
