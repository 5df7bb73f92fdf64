"""Extraction records to RDF: one named graph per source document, one per profile.

:func:`record_graphs` is a pure function of a :class:`~extract.model.Record` and the
municipality :class:`~extract.profile.Profile`. It returns the document's own named graph
(meeting, items, decisions with their votes, sections, attachments, mentions with their spans, the source
text and its provenance) and the descriptions of the shared entities it names (cases,
centres, people, strategies, organisations, bodies: type and labels), which belong in the
municipality's entities graph. Entities get the same IRI in every document (see
:mod:`graph.iris`) and are described once per store, so queries over the union of graphs
see each shared triple once; what the profile describes (the municipality, its centres
and bodies, the board) lives in the profile's graph. A document's graph together with its
entities and the profile graph conforms to the SHACL shapes.

The graph is compact (``docs/benchmarks.md``, "Compact graph"): every fact keeps its
source span, but what the source text already says is not stored twice. The document's
text is kept once (``rg:text``); a mention is a blank node with its entity
(``oa:hasBody``), its item and its span of that text (one literal, ``rg:span "start,end"``:
:mod:`graph.spans`), three triples; its words, its
sentence (the evidence) and the Web Annotation target with position and quote selectors
are derived from the text (:mod:`graph.evidence`, :mod:`graph.expand`). A section keeps its
kind and span; its heading is the line at its start (:func:`heading_at`), written as
``rdfs:label`` only when a reader's heading is not that line. ``rdf:type`` is written where
queries select by it (documents, meetings, items, decisions, entities); mentions,
sections and attachments are typed by the properties that lead to them (``rdfs:domain``
and ``rdfs:range`` in the vocabulary). A mention's type is its entity's kind (a centre
mention is in ``centres``); only a proposer mention says ``rg:mentionType "proposers"``.

Triples are made as N-Triples strings (:mod:`graph.ntriples`), not rdflib terms: this is
the hot path of a build. :attr:`DocumentGraphs.document` gives them as an rdflib graph.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from referatgraf.extract.model import OUTCOMES, AgendaItem, Mention, Record, Vote
from referatgraf.extract.procedural import is_procedural
from referatgraf.extract.profile import Body, Profile
from referatgraf.graph.iris import DEFAULT_BASE, Iris
from referatgraf.graph.ntriples import (
    DCTERMS,
    FOAF,
    OA,
    ORG,
    PROV,
    RDF,
    RDFS,
    RG,
    SKOS,
    boolean,
    date,
    integer,
    iri,
    literal,
    nquads,
    time,
)
from referatgraf.graph.spans import span_text
from referatgraf.graph.titles import title_key
from referatgraf.ontology.kinds import PROPOSERS, EntityKind, kind_named, kind_of_mention
from referatgraf.ontology.roles import is_list_like, role_named

__all__ = [
    "DocumentGraphs",
    "bind_prefixes",
    "heading_at",
    "mention_node",
    "span_node",
    "profile_graph",
    "profile_triples",
    "record_graph",
    "record_graphs",
    "vocabulary_graph",
]

_DA = "da"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

CENTRES = kind_named("centre").record_key  # the centre mentions' type


def bind_prefixes(g, base: str = DEFAULT_BASE):
    """Bind the usual prefixes on an rdflib graph (for readable Turtle/TriG); returns ``g``."""
    from rdflib.namespace import DCTERMS as D
    from rdflib.namespace import FOAF as F
    from rdflib.namespace import ORG as O
    from rdflib.namespace import PROV as P
    from rdflib.namespace import SKOS as S

    for prefix, ns in (
        ("rg", RG.namespace),
        ("oa", OA.namespace),
        ("dcterms", D),
        ("foaf", F),
        ("org", O),
        ("prov", P),
        ("skos", S),
        ("id", base),
    ):
        g.bind(prefix, ns, override=True, replace=True)
    return g


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


class _Resolver:
    """Profile look-ups: a mention key to a centre code or a body (name, kind)."""

    def __init__(self, profile: Profile) -> None:
        self.centres = {c.code: c for c in profile.centres}
        self.centre_by_form: dict[str, str] = {}
        for c in profile.centres:
            for form in (c.code, c.name, *c.variants):
                self.centre_by_form.setdefault(_fold(form), c.code)
        self.body_by_form: dict[str, Body] = {}
        for b in profile.bodies:
            for form in (b.name, *b.variants):
                self.body_by_form.setdefault(_fold(form), b)
        for name in profile.meeting_bodies:
            self.body_by_form.setdefault(_fold(name), Body(name=name, kind="management"))

    def centre_code(self, key: str) -> str | None:
        return self.centre_by_form.get(_fold(key))

    def body(self, key: str) -> Body:
        return self.body_by_form.get(_fold(key)) or Body(name=key)


class _Builder:
    """Collects the triples of a document (``g``) and of the entities it names (``e``).

    Each entity is described once, in ``e``; with ``profile_described=True`` the entities
    the profile describes (municipality, its centres, bodies and board, the strategy
    scheme) are left to the profile graph. Terms and triples are N-Triples strings.
    """

    def __init__(
        self,
        g: set[str],
        e: set[str],
        profile: Profile,
        iris: Iris,
        *,
        profile_described: bool,
    ) -> None:
        self.g = g
        self.e = e
        self.profile = profile
        self.iris = iris
        self.resolver = _Resolver(profile)
        self.muni = iri(iris.municipality())
        self._described: set[str] = set()
        self._nodes: dict[tuple[str, str], str] = {}
        self._parties: set[str] = set()
        if profile_described:
            self._described.add(self.muni)
            self._described.add(iri(iris.strategy_scheme()))
            self._described.update(iri(iris.centre(c.code)) for c in profile.centres)
            self._described.update(
                iri(iris.body(b.name)) for b in self.resolver.body_by_form.values()
            )
            self._described.update(iri(iris.person(m.name)) for m in profile.board)

    def add(self, s: str, p: str, o: str) -> None:
        self.g.add(f"{s} {p} {o}")

    def describe(self, s: str, p: str, o: str) -> None:
        self.e.add(f"{s} {p} {o}")

    def _first(self, node: str) -> bool:
        if node in self._described:
            return False
        self._described.add(node)
        return True

    def municipality(self) -> str:
        if self._first(self.muni):
            self.describe(self.muni, RDF.type, RG.Municipality)
            self.describe(self.muni, RG.key, literal(self.profile.key))
            self.describe(self.muni, SKOS.prefLabel, literal(self.profile.municipality, _DA))
        return self.muni

    def centre(self, key: str) -> str:
        code = self.resolver.centre_code(key) or key
        node = iri(self.iris.centre(code))
        if self._first(node):
            centre = self.resolver.centres.get(code)
            self.describe(node, RDF.type, RG.Centre)
            self.describe(node, SKOS.notation, literal(code))
            self.describe(node, SKOS.prefLabel, literal(centre.name if centre else code, _DA))
            self.describe(node, ORG.unitOf, self.municipality())
            if centre:
                for alt in dict.fromkeys((centre.code, *centre.variants)):
                    self.describe(node, SKOS.altLabel, literal(alt, _DA))
        return node

    def body(self, key: str) -> str:
        body = self.resolver.body(key)
        node = iri(self.iris.body(body.name))
        if self._first(node):
            self.describe(node, RDF.type, RG.Body)
            self.describe(node, SKOS.prefLabel, literal(body.name, _DA))
            self.describe(node, RG.bodyKind, literal(body.kind))
            self.describe(node, ORG.unitOf, self.municipality())
            for alt in body.variants:
                self.describe(node, SKOS.altLabel, literal(alt, _DA))
        return node

    def proposer(self, key: str) -> str:
        return self.centre(key) if self.resolver.centre_code(key) else self.body(key)

    def person(self, key: str) -> str:
        node = iri(self.iris.person(key))
        if self._first(node):
            self.describe(node, RDF.type, RG.Person)
            self.describe(node, FOAF.name, literal(key))
            self.describe(node, RG.key, literal(key))
        return node

    def strategy(self, key: str) -> str:
        node = iri(self.iris.strategy(key))
        if self._first(node):
            self.describe(node, RDF.type, RG.Strategy)
            self.describe(node, SKOS.prefLabel, literal(key, _DA))
            self.describe(node, SKOS.inScheme, self.scheme())
        return node

    def scheme(self) -> str:
        node = iri(self.iris.strategy_scheme())
        if self._first(node):
            self.describe(node, RDF.type, SKOS.ConceptScheme)
            label = f"Strategier, politikker og programmer – {self.profile.municipality}"
            self.describe(node, SKOS.prefLabel, literal(label, _DA))
            self.describe(node, DCTERMS.publisher, self.municipality())
        return node

    def named(self, kind: EntityKind, key: str) -> str:
        """An entity described by its class and name only (organisations, and any kind
        that needs nothing more); an organisation that is a party is also typed so."""
        node = iri(self.iris.entity(kind, key))
        if self._first(node):
            self.describe(node, RDF.type, RG[kind.rdf_class])
            if kind.named_by == "foaf:name":
                self.describe(node, FOAF.name, literal(key))
            else:
                self.describe(node, SKOS.prefLabel, literal(key, _DA))
        if kind.name == "organisation" and key in _party_letters():
            self._party(node, _party_letters()[key])
        return node

    def party(self, key: str) -> str:
        """A political party that voted (a local list the lexicon does not know too)."""
        node = self.named(kind_named("organisation"), key)
        self._party(node, _party_letters().get(key))
        return node

    def _party(self, node: str, letter: str | None) -> None:
        if node in self._parties:
            return
        self._parties.add(node)
        self.describe(node, RDF.type, RG.PoliticalParty)
        if letter:
            self.describe(node, SKOS.notation, literal(letter))

    def entity(self, mention: Mention) -> str:
        known = self._nodes.get((mention.type, mention.key))
        if known is not None:
            return known
        if mention.type == PROPOSERS:
            node = self.proposer(mention.key)
        else:
            kind = kind_of_mention(mention.type)
            special = {
                "centre": self.centre,
                "person": self.person,
                "strategy": self.strategy,
                "body": self.body,
            }.get(kind.name)
            node = special(mention.key) if special else self.named(kind, mention.key)
        self._nodes[(mention.type, mention.key)] = node
        return node


@cache
def _party_letters() -> dict[str, str]:
    """Canonical party name → election letter (the shipped lexicon)."""
    from referatgraf.extract.entities.denmark import party_by_letter

    return {name: letter for letter, name in party_by_letter().items()}


#: Vote position (record) → vote position (vocabulary individual).
_POSITIONS = {
    "for": RG.votedFor,
    "against": RG.votedAgainst,
    "abstain": RG.abstained,
    "reservation": RG.withReservation,
}


def _votes(b: _Builder, decision: str, votes: Iterable[Vote]) -> None:
    """A decision's votes: position, voters (parties and members), count, text and span."""
    for i, v in enumerate(votes, 1):
        if v.position not in _POSITIONS:
            raise ValueError(f"unknown vote position {v.position!r}")
        node = f"{decision[:-1]}/vote/{i}>"
        b.add(decision, RG.vote, node)
        b.add(node, RDF.type, RG.Vote)
        b.add(node, RG.votePosition, _POSITIONS[v.position])
        b.add(node, RG.voteText, literal(v.text, _DA))
        if v.count is not None:
            b.add(node, RG.voteCount, integer(v.count))
        for party in v.parties:
            b.add(node, RG.voter, b.party(party))
        for person in v.people:
            b.add(node, RG.voter, b.person(person))
        for party in v.people_parties:
            if party:
                b.add(node, RG.voterParty, b.party(party))
        _span(b, node, v.start, v.end)


def mention_node(graph_iri: str, mention: Mention) -> str:
    """The blank node of a mention: one per document graph, span and type (a repeated
    mention is one node).

    The label is a 128-bit hash of those, written as 32 hex digits (the first one not 0):
    stable from build to build (stores and exports compare as sets of quads), unique
    across documents (many documents load as one input), and a label Oxigraph stores as a
    number, with no string to keep.

    >>> mention_node("https://e.org/g", Mention("centres", "ØDC", "ØDC", 12, 15, "profile"))
    '_:b4d601c995972b5c17329837a08a4003'
    """
    return span_node(graph_iri, mention.start, mention.end, mention.type)


def span_node(graph_iri: str, start: int, end: int, type_: str) -> str:
    """The blank node of the mention of type ``type_`` at ``start``–``end`` (see
    :func:`mention_node`)."""
    key = f"{graph_iri} {start} {end} {type_}".encode()
    number = int.from_bytes(hashlib.blake2b(key, digest_size=16).digest(), "big")
    return f"_:{number | (1 << 127):x}"


def _span(b: _Builder, node: str, start: int, end: int) -> None:
    """The span as one literal, ``rg:span "start,end"`` (:mod:`graph.spans`)."""
    b.add(node, RG.span, literal(span_text(start, end)))


def _mention(b: _Builder, graph_iri: str, item: str, m: Mention) -> None:
    kind_of_mention(m.type)  # raises for an unknown type
    entity = b.entity(m)
    b.add(item, RG.proposedBy if m.type == PROPOSERS else RG.mentions, entity)
    node = mention_node(graph_iri, m)
    b.add(node, OA.hasBody, entity)
    b.add(node, RG.inItem, item)
    _span(b, node, m.start, m.end)
    if m.type == PROPOSERS:
        b.add(node, RG.mentionType, literal(PROPOSERS))


def heading_at(text: str, start: int) -> str:
    """The line of ``text`` that starts at ``start``, white space collapsed: a section's
    heading, which the compact graph does not repeat.

    >>> heading_at("Punkt 1\\nBeslutning  Direktionen\\nGodkendt.", 8)
    'Beslutning Direktionen'
    """
    end = text.find("\n", start)
    return " ".join(text[start : end if end >= 0 else len(text)].split())


def _item(b: _Builder, graph_iri: str, text: str, meeting: str, it: AgendaItem) -> None:
    item_iri = b.iris.item(meeting[1:-1], it.number)
    item = iri(item_iri)
    b.add(item, RDF.type, RG.AgendaItem)
    b.add(item, RG.meeting, meeting)
    b.add(item, RG.number, integer(it.number))
    b.add(item, DCTERMS.title, literal(it.title, _DA))
    b.add(item, RG.closed, boolean(it.closed))
    if is_procedural(it, text):
        b.add(item, RG.procedural, boolean(True))
    _span(b, item, it.start, it.end)
    if it.case_number:
        case = iri(b.iris.case(it.case_number))
        b.add(item, RG.case, case)
        if b._first(case):
            b.describe(case, RDF.type, RG.Case)
            b.describe(case, RG.caseNumber, literal(it.case_number))
            b.describe(case, RG.municipality, b.municipality())
    for i, s in enumerate(it.sections, 1):
        node = f"<{item_iri}/section/{i}>"
        b.add(item, RG.section, node)
        b.add(node, RG.sectionKind, literal(s.kind))
        _span(b, node, s.start, s.end)
        if s.heading != heading_at(text, s.start):  # a reader that did not print it
            b.add(node, RDFS.label, literal(s.heading, _DA))
    previous: str | None = None
    for i, d in enumerate(it.decisions, 1):
        node = f"<{item_iri}/decision/{i}>"
        if d.outcome not in OUTCOMES:
            raise ValueError(f"unknown decision outcome {d.outcome!r}")
        b.add(item, RG.decision, node)
        b.add(node, RDF.type, RG.Decision)
        b.add(node, RG.outcome, RG[d.outcome])
        b.add(node, RG.decidedBy, b.body(d.body))
        b.add(node, RG.decisionText, literal(d.text, _DA))
        if d.date:
            b.add(node, DCTERMS.date, date(d.date))
        _span(b, node, d.start, d.end)
        _votes(b, node, d.votes)
        if previous is not None:
            b.add(previous, RG.continuedBy, node)
        previous = node
    for i, a in enumerate(it.attachments, 1):
        node = f"<{item_iri}/attachment/{i}>"
        b.add(item, RG.attachment, node)
        b.add(node, DCTERMS.title, literal(a.name, _DA))
        _span(b, node, a.start, a.end)
    for m in it.mentions:
        _mention(b, graph_iri, item, m)
    _centre_roles(b, graph_iri, item, it)
    _item_facts(b, item, it)


#: Item-level links of the owning roles besides ``rg:proposedBy`` (which the proposer
#: mention already gives): what co-ownership queries join on.
_OWNING_LINKS = {"lead": RG.ledBy, "involved": RG.involves}


def _centre_roles(b: _Builder, graph_iri: str, item: str, it: AgendaItem) -> None:
    """Each centre's role (``rg:centreRole``) and its quote on the mention it rests on.

    Kept apart from :func:`_mention`: two triples on one mention per (item, centre). A
    proposer's role sits on its proposer mention, every other role on a centre mention.
    A lead or involved centre is also linked from the item (``rg:ledBy``, ``rg:involves``),
    as a proposer is by ``rg:proposedBy``.
    """
    kept = {(m.start, m.end, m.type) for m in it.mentions}
    for role in it.roles:
        type_ = PROPOSERS if role.role == "proposer" else CENTRES
        span = (role.mention_start, role.mention_end)
        if (*span, type_) not in kept:
            continue  # the mention it rests on was not kept (never so for extractor records)
        node = span_node(graph_iri, *span, type_)
        b.add(node, RG.centreRole, RG[role_named(role.role).name])
        b.add(node, RG.roleEvidence, literal(role.quote, _DA))
        if role.role in _OWNING_LINKS:
            b.add(item, _OWNING_LINKS[role.role], b.centre(role.centre))


#: Item-level links of the roles the owning links leave out (``rg:ledBy``, ``rg:involves``
#: above; ``rg:proposedBy`` from the proposer mention): the saved queries join on them.
_OTHER_ROLE_LINKS = {"listed": RG.lists, "mentioned": RG.onlyMentions}


def _item_facts(b: _Builder, item: str, it: AgendaItem) -> None:
    """Facts about the item that saved queries would otherwise compute over every item.

    ``rg:titleKey`` (:func:`~referatgraf.graph.titles.title_key` of the title: what makes a
    case a catch-all), ``rg:listLike true`` when the item only lists units
    (:func:`~referatgraf.ontology.roles.is_list_like` over the roles written on its
    mentions) and the item-level link of a listed or mentioned centre (``rg:lists``,
    ``rg:onlyMentions``). At most one quad per item and one per (item, centre).
    """
    b.add(item, RG.titleKey, literal(title_key(it.title)))
    kept = {(m.start, m.end, m.type) for m in it.mentions}
    roles: set[tuple[int, int, str]] = set()
    for role in it.roles:
        type_ = PROPOSERS if role.role == "proposer" else CENTRES
        if (role.mention_start, role.mention_end, type_) not in kept:
            continue  # no role is written for it (see _centre_roles)
        roles.add((role.mention_start, role.mention_end, role.role))
        if role.role in _OTHER_ROLE_LINKS:
            b.add(item, _OTHER_ROLE_LINKS[role.role], b.centre(role.centre))
    if is_list_like(role for _start, _end, role in roles):
        b.add(item, RG.listLike, boolean(True))


@dataclass(frozen=True, slots=True)
class DocumentGraphs:
    """A document's own named graph and the descriptions of the entities it names.

    Triples are N-Triples strings (``"<s> <p> <o>"``); :meth:`nquads` serialises both
    graphs for the store's bulk loader, and the ``document`` and ``entities`` properties
    give them as rdflib graphs (for tests and tools, not for building).
    """

    document_iri: str
    entities_iri: str
    document_triples: frozenset[str]
    entity_triples: frozenset[str]

    def nquads(self) -> bytes:
        """Both graphs as N-Quads."""
        return nquads(
            [
                (f"<{self.document_iri}>", self.document_triples),
                (f"<{self.entities_iri}>", self.entity_triples),
            ]
        )

    def __len__(self) -> int:
        return len(self.document_triples) + len(self.entity_triples)

    @property
    def document(self):
        """The document's graph as an rdflib ``Graph``."""
        return _rdflib_graph(self.document_iri, self.document_triples)

    @property
    def entities(self):
        """The entity descriptions as an rdflib ``Graph``."""
        return _rdflib_graph(self.entities_iri, self.entity_triples)


def _rdflib_graph(identifier: str, triples: Iterable[str]):
    """An rdflib graph of N-Triples strings, blank node labels kept as written."""
    import pyoxigraph as ox
    from rdflib import BNode, Graph, Literal, URIRef

    def term(t):
        if isinstance(t, ox.NamedNode):
            return URIRef(t.value)
        if isinstance(t, ox.BlankNode):
            return BNode(t.value)
        if t.language:
            return Literal(t.value, lang=t.language)
        if t.datatype.value == _XSD_STRING:
            return Literal(t.value)  # as rdflib writes a plain string
        return Literal(t.value, datatype=URIRef(t.datatype.value))

    g = Graph(identifier=URIRef(identifier))
    data = "".join(f"{t} .\n" for t in triples).encode("utf-8")
    for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES):
        g.add((term(t.subject), term(t.predicate), term(t.object)))
    return g


def record_graphs(record: Record, profile: Profile, *, base: str = DEFAULT_BASE) -> DocumentGraphs:
    """The named graph of one source document, and its contribution to the entities graph.

    Parameters
    ----------
    record
        An extraction record (structure, and entity mentions when annotated).
    profile
        The municipality profile the record belongs to (``extract.profile``).
    base
        Base of the minted IRIs.

    Returns
    -------
    DocumentGraphs
        ``document`` is identified by the document's named-graph IRI, which
        ``prov:wasDerivedFrom`` the source document (name, path, sha256, text); ``entities``
        by the municipality's entities graph (cases, and the centres, people, strategies,
        organisations and bodies the profile does not describe).

    Examples
    --------
    >>> from referatgraf.extract.model import AgendaItem, Meeting, Record, Source
    >>> from referatgraf.extract.profile import Profile
    >>> rec = Record(
    ...     document="a.txt",
    ...     source=Source(path="in/a.txt", sha256="0" * 64, format="text", text_sha256="1" * 64),
    ...     meeting=Meeting(body="Direktionen", date="2020-10-05", start_time=None, place=None),
    ...     items=(AgendaItem(number=1, title="Øvrige sager", case_number="19/24995",
    ...                       closed=False, start=0, end=10),),
    ... )
    >>> graphs = record_graphs(rec, Profile(key="htk", municipality="Høje-Taastrup Kommune"),
    ...                        base="https://example.org/")
    >>> graphs.document_iri, graphs.entities_iri
    ('https://example.org/graph/document/a-txt', 'https://example.org/graph/entities/htk')
    >>> [t for t in graphs.entity_triples if RG.caseNumber in t]
    ['<https://example.org/htk/case/19-24995> <https://w3id.org/referatgraf/ns#caseNumber> "19/24995"']
    """
    iris = Iris(base, profile.key)
    graph_iri = iris.document_graph(record.document)
    iri(base)  # refuses a base that would make invalid IRIs
    g: set[str] = set()
    e: set[str] = set()
    b = _Builder(g, e, profile, iris, profile_described=True)
    muni = b.municipality()
    src = record.source
    doc = iri(iris.document(record.document))
    b.add(f"<{graph_iri}>", PROV.wasDerivedFrom, doc)
    b.add(doc, RDF.type, RG.SourceDocument)
    b.add(doc, RG.documentName, literal(record.document))
    b.add(doc, RG.path, literal(src.path))
    b.add(doc, RG.sha256, literal(src.sha256))
    b.add(doc, RG.textSha256, literal(src.text_sha256))
    b.add(doc, RG.sourceFormat, literal(src.format))
    b.add(doc, RG.municipality, muni)
    if record.text:
        b.add(doc, RG.text, literal(record.text))

    mt = record.meeting
    meeting = iri(iris.meeting(mt.body, mt.date, record.document))
    b.add(meeting, RDF.type, RG.Meeting)
    b.add(meeting, RDFS.label, literal(f"{mt.body} {mt.date or ''}".strip(), _DA))
    b.add(meeting, RG.heldBy, b.body(mt.body))
    b.add(meeting, RG.municipality, muni)
    b.add(meeting, RG.sourceDocument, doc)
    if mt.date:
        b.add(meeting, DCTERMS.date, date(mt.date))
    if mt.start_time:
        b.add(meeting, RG.startTime, time(f"{mt.start_time}:00"))
    if mt.place:
        b.add(meeting, RG.place, literal(mt.place))
    for p in mt.participants:
        person = b.person(p.name)
        b.add(meeting, RG.absentee if p.absent else RG.participant, person)
        if p.secretary:
            b.add(meeting, RG.secretary, person)
    for it in record.items:
        _item(b, graph_iri, record.text, meeting, it)
    return DocumentGraphs(graph_iri, iris.entities_graph(), frozenset(g), frozenset(e))


def record_graph(record: Record, profile: Profile, *, base: str = DEFAULT_BASE):
    """Only the document's own named graph, as an rdflib graph (see :func:`record_graphs`)."""
    return record_graphs(record, profile, base=base).document


def vocabulary_graph(*, base: str = DEFAULT_BASE):
    """The vocabulary (``ontology/referatgraf.ttl``) as an rdflib named graph."""
    from rdflib import Graph, URIRef

    from referatgraf.ontology import VOCABULARY_TTL

    g = Graph(identifier=URIRef(vocabulary_graph_iri(base)))
    return g.parse(VOCABULARY_TTL, format="turtle")


def vocabulary_graph_iri(base: str = DEFAULT_BASE) -> str:
    """IRI of the named graph that holds the vocabulary."""
    return f"{base}graph/vocabulary"


def profile_triples(profile: Profile, *, base: str = DEFAULT_BASE) -> tuple[str, frozenset[str]]:
    """The IRI and N-Triples of a municipality profile's graph (see :func:`profile_graph`)."""
    iris = Iris(base, profile.key)
    g: set[str] = set()
    b = _Builder(g, g, profile, iris, profile_described=False)
    muni = b.municipality()
    for name in profile.names:
        if name != profile.municipality:
            b.add(muni, SKOS.altLabel, literal(name, _DA))
    b.scheme()
    for c in profile.centres:
        b.centre(c.code)
    for body in profile.bodies:
        b.body(body.name)
    for name in profile.meeting_bodies:
        b.body(name)
    for member in profile.board:
        person = b.person(member.name)
        if member.role:
            membership = iri(iris.membership(member.name))
            role = iri(iris.role(member.role))
            b.add(membership, RDF.type, ORG.Membership)
            b.add(membership, ORG.member, person)
            b.add(membership, ORG.organization, muni)
            b.add(membership, ORG.role, role)
            b.add(role, RDF.type, ORG.Role)
            b.add(role, SKOS.prefLabel, literal(member.role, _DA))
    return iris.profile_graph(), frozenset(g)


def profile_graph(profile: Profile, *, base: str = DEFAULT_BASE):
    """The named graph of a municipality profile: centres, bodies, board, strategy scheme.

    Examples
    --------
    >>> from rdflib.namespace import RDF as R
    >>> from referatgraf.extract.profile import Centre, Profile
    >>> from referatgraf.ontology.namespace import RG as NS
    >>> p = Profile(key="htk", municipality="Høje-Taastrup Kommune",
    ...             centres=(Centre("ØDC", "Økonomi- og Digitaliseringscentret"),))
    >>> g = profile_graph(p, base="https://example.org/")
    >>> str(g.identifier), len(set(g.subjects(R.type, NS.Centre)))
    ('https://example.org/graph/profile/htk', 1)
    """
    graph_iri, triples = profile_triples(profile, base=base)
    return _rdflib_graph(graph_iri, triples)
