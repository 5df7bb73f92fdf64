"""Extraction records to RDF: one named graph per source document, one per profile.

:func:`record_graphs` is a pure function of a :class:`~extract.model.Record` and the
municipality :class:`~extract.profile.Profile`. It returns the document's own named graph
(meeting, items, decisions with their votes, mentions and their spans, provenance) and the
descriptions of the shared entities it names (cases, centres, people, strategies, organisations,
bodies: type and labels), which belong in the municipality's entities graph. Entities
get the same IRI in every document (see :mod:`graph.iris`) and are described once per
store, so queries over the union of graphs see each shared triple once; what the profile
describes (the municipality, its centres and bodies, the board) lives in the profile's
graph. A document's graph together with its entities and the profile graph conforms to
the SHACL shapes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SKOS, XSD

from referatgraf.extract.model import OUTCOMES, AgendaItem, Mention, Record, Vote
from referatgraf.extract.procedural import is_procedural
from referatgraf.extract.profile import Body, Profile
from referatgraf.graph.evidence import sentence_around
from referatgraf.graph.iris import DEFAULT_BASE, Iris
from referatgraf.ontology import VOCABULARY_TTL
from referatgraf.ontology.kinds import PROPOSERS, EntityKind, kind_named, kind_of_mention
from referatgraf.ontology.namespace import OA, RG
from referatgraf.ontology.roles import role_named

__all__ = [
    "QUOTE_CONTEXT",
    "DocumentGraphs",
    "bind_prefixes",
    "profile_graph",
    "record_graph",
    "record_graphs",
    "vocabulary_graph",
]

#: Characters of text kept before and after a mention (oa:prefix / oa:suffix).
QUOTE_CONTEXT = 32

CENTRES = kind_named("centre").record_key  # the centre mentions' type

Triple = tuple[URIRef, URIRef, URIRef | Literal]


def bind_prefixes(g: Graph, base: str = DEFAULT_BASE) -> Graph:
    """Bind the usual prefixes (for readable Turtle/TriG); returns ``g``."""
    for prefix, ns in (
        ("rg", RG._NS),
        ("oa", OA._NS),
        ("dcterms", DCTERMS),
        ("foaf", FOAF),
        ("org", ORG),
        ("prov", PROV),
        ("skos", SKOS),
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
    scheme) are left to the profile graph.
    """

    def __init__(
        self,
        g: set[Triple],
        e: set[Triple],
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
        self.muni = URIRef(iris.municipality())
        self._described: set[URIRef] = set()
        self._parties: set[URIRef] = set()
        if profile_described:
            self._described.add(self.muni)
            self._described.add(URIRef(iris.strategy_scheme()))
            self._described.update(URIRef(iris.centre(c.code)) for c in profile.centres)
            self._described.update(
                URIRef(iris.body(b.name)) for b in self.resolver.body_by_form.values()
            )
            self._described.update(URIRef(iris.person(m.name)) for m in profile.board)

    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal) -> None:
        self.g.add((s, p, o))

    def describe(self, s: URIRef, p: URIRef, o: URIRef | Literal) -> None:
        self.e.add((s, p, o))

    def _first(self, node: URIRef) -> bool:
        if node in self._described:
            return False
        self._described.add(node)
        return True

    def municipality(self) -> URIRef:
        if self._first(self.muni):
            self.describe(self.muni, RDF.type, RG.Municipality)
            self.describe(self.muni, RG.key, Literal(self.profile.key))
            self.describe(self.muni, SKOS.prefLabel, Literal(self.profile.municipality, lang="da"))
        return self.muni

    def centre(self, key: str) -> URIRef:
        code = self.resolver.centre_code(key) or key
        node = URIRef(self.iris.centre(code))
        if self._first(node):
            centre = self.resolver.centres.get(code)
            self.describe(node, RDF.type, RG.Centre)
            self.describe(node, SKOS.notation, Literal(code))
            self.describe(node, SKOS.prefLabel, Literal(centre.name if centre else code, lang="da"))
            self.describe(node, ORG.unitOf, self.municipality())
            if centre:
                for alt in dict.fromkeys((centre.code, *centre.variants)):
                    self.describe(node, SKOS.altLabel, Literal(alt, lang="da"))
        return node

    def body(self, key: str) -> URIRef:
        body = self.resolver.body(key)
        node = URIRef(self.iris.body(body.name))
        if self._first(node):
            self.describe(node, RDF.type, RG.Body)
            self.describe(node, SKOS.prefLabel, Literal(body.name, lang="da"))
            self.describe(node, RG.bodyKind, Literal(body.kind))
            self.describe(node, ORG.unitOf, self.municipality())
            for alt in body.variants:
                self.describe(node, SKOS.altLabel, Literal(alt, lang="da"))
        return node

    def proposer(self, key: str) -> URIRef:
        return self.centre(key) if self.resolver.centre_code(key) else self.body(key)

    def person(self, key: str) -> URIRef:
        node = URIRef(self.iris.person(key))
        if self._first(node):
            self.describe(node, RDF.type, RG.Person)
            self.describe(node, FOAF.name, Literal(key))
            self.describe(node, RG.key, Literal(key))
        return node

    def strategy(self, key: str) -> URIRef:
        node = URIRef(self.iris.strategy(key))
        if self._first(node):
            self.describe(node, RDF.type, RG.Strategy)
            self.describe(node, SKOS.prefLabel, Literal(key, lang="da"))
            self.describe(node, SKOS.inScheme, self.scheme())
        return node

    def scheme(self) -> URIRef:
        node = URIRef(self.iris.strategy_scheme())
        if self._first(node):
            self.describe(node, RDF.type, SKOS.ConceptScheme)
            label = f"Strategier, politikker og programmer – {self.profile.municipality}"
            self.describe(node, SKOS.prefLabel, Literal(label, lang="da"))
            self.describe(node, DCTERMS.publisher, self.municipality())
        return node

    def named(self, kind: EntityKind, key: str) -> URIRef:
        """An entity described by its class and name only (organisations, and any kind
        that needs nothing more); an organisation that is a party is also typed so."""
        node = URIRef(self.iris.entity(kind, key))
        if self._first(node):
            self.describe(node, RDF.type, RG[kind.rdf_class])
            if kind.named_by == "foaf:name":
                self.describe(node, FOAF.name, Literal(key))
            else:
                self.describe(node, SKOS.prefLabel, Literal(key, lang="da"))
        if kind.name == "organisation" and key in _party_letters():
            self._party(node, _party_letters()[key])
        return node

    def party(self, key: str) -> URIRef:
        """A political party that voted (a local list the lexicon does not know too)."""
        node = self.named(kind_named("organisation"), key)
        self._party(node, _party_letters().get(key))
        return node

    def _party(self, node: URIRef, letter: str | None) -> None:
        if node in self._parties:
            return
        self._parties.add(node)
        self.describe(node, RDF.type, RG.PoliticalParty)
        if letter:
            self.describe(node, SKOS.notation, Literal(letter))

    def entity(self, mention: Mention) -> URIRef:
        if mention.type == PROPOSERS:
            return self.proposer(mention.key)
        kind = kind_of_mention(mention.type)
        special = {
            "centre": self.centre,
            "person": self.person,
            "strategy": self.strategy,
            "body": self.body,
        }.get(kind.name)
        return special(mention.key) if special else self.named(kind, mention.key)


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


def _votes(b: _Builder, decision: URIRef, votes: Iterable[Vote]) -> None:
    """A decision's votes: position, voters (parties and members), count, text and span."""
    for i, v in enumerate(votes, 1):
        if v.position not in _POSITIONS:
            raise ValueError(f"unknown vote position {v.position!r}")
        node = URIRef(f"{decision}/vote/{i}")
        b.add(decision, RG.vote, node)
        b.add(node, RDF.type, RG.Vote)
        b.add(node, RG.votePosition, _POSITIONS[v.position])
        b.add(node, RG.voteText, Literal(v.text, lang="da"))
        if v.count is not None:
            b.add(node, RG.voteCount, _int(v.count))
        for party in v.parties:
            b.add(node, RG.voter, b.party(party))
        for person in v.people:
            b.add(node, RG.voter, b.person(person))
        for party in v.people_parties:
            if party:
                b.add(node, RG.voterParty, b.party(party))
        _span(b, node, v.start, v.end)


def _span(b: _Builder, node: URIRef, start: int, end: int) -> None:
    b.add(node, RG.start, Literal(start, datatype=XSD.integer))
    b.add(node, RG.end, Literal(end, datatype=XSD.integer))


def _int(value: int) -> Literal:
    return Literal(value, datatype=XSD.integer)


def _mention_iri(doc: URIRef, start: int, end: int, type_: str) -> URIRef:
    return URIRef(f"{doc}/mention/{start}-{end}-{type_}")


def _mention(b: _Builder, record: Record, doc: URIRef, item: URIRef, m: Mention) -> None:
    kind_of_mention(m.type)  # raises for an unknown type
    node = _mention_iri(doc, m.start, m.end, m.type)
    entity = b.entity(m)
    b.add(item, RG.proposedBy if m.type == PROPOSERS else RG.mentions, entity)
    b.add(node, RDF.type, RG.Mention)
    b.add(node, OA.hasBody, entity)
    b.add(node, RG.inItem, item)
    b.add(node, RG.mentionType, Literal(m.type))
    b.add(node, RG.rule, Literal(m.rule))
    target, position, quote = (URIRef(f"{node}/{part}") for part in ("target", "position", "quote"))
    b.add(node, OA.hasTarget, target)
    b.add(target, RDF.type, OA.SpecificResource)
    b.add(target, OA.hasSource, doc)
    b.add(target, OA.hasSelector, position)
    b.add(target, OA.hasSelector, quote)
    b.add(position, RDF.type, OA.TextPositionSelector)
    b.add(position, OA.start, _int(m.start))
    b.add(position, OA.end, _int(m.end))
    b.add(quote, RDF.type, OA.TextQuoteSelector)
    b.add(quote, OA.exact, Literal(m.text))
    if record.text:
        prefix = record.text[max(0, m.start - QUOTE_CONTEXT) : m.start]
        suffix = record.text[m.end : m.end + QUOTE_CONTEXT]
        if prefix:
            b.add(quote, OA.prefix, Literal(prefix))
        if suffix:
            b.add(quote, OA.suffix, Literal(suffix))
        evidence = sentence_around(record.text, m.start, m.end)
        b.add(node, RG.evidence, Literal(evidence, lang="da"))


def _item(b: _Builder, record: Record, doc: URIRef, meeting: URIRef, it: AgendaItem) -> None:
    item = URIRef(b.iris.item(meeting, it.number))
    b.add(item, RDF.type, RG.AgendaItem)
    b.add(item, RG.meeting, meeting)
    b.add(item, RG.number, Literal(it.number, datatype=XSD.integer))
    b.add(item, DCTERMS.title, Literal(it.title, lang="da"))
    b.add(item, RG.closed, Literal(it.closed))
    if is_procedural(it, record.text):
        b.add(item, RG.procedural, Literal(True))
    _span(b, item, it.start, it.end)
    if it.case_number:
        case = URIRef(b.iris.case(it.case_number))
        b.add(item, RG.case, case)
        if b._first(case):
            b.describe(case, RDF.type, RG.Case)
            b.describe(case, RG.caseNumber, Literal(it.case_number))
            b.describe(case, RG.municipality, b.municipality())
    for i, s in enumerate(it.sections, 1):
        node = URIRef(f"{item}/section/{i}")
        b.add(item, RG.section, node)
        b.add(node, RDF.type, RG.Section)
        b.add(node, RG.sectionKind, Literal(s.kind))
        b.add(node, RDFS.label, Literal(s.heading, lang="da"))
        _span(b, node, s.start, s.end)
    previous: URIRef | None = None
    for i, d in enumerate(it.decisions, 1):
        node = URIRef(f"{item}/decision/{i}")
        if d.outcome not in OUTCOMES:
            raise ValueError(f"unknown decision outcome {d.outcome!r}")
        b.add(item, RG.decision, node)
        b.add(node, RDF.type, RG.Decision)
        b.add(node, RG.outcome, RG[d.outcome])
        b.add(node, RG.decidedBy, b.body(d.body))
        b.add(node, RG.decisionText, Literal(d.text, lang="da"))
        if d.date:
            b.add(node, DCTERMS.date, Literal(d.date, datatype=XSD.date))
        _span(b, node, d.start, d.end)
        _votes(b, node, d.votes)
        if previous is not None:
            b.add(previous, RG.continuedBy, node)
        previous = node
    for i, a in enumerate(it.attachments, 1):
        node = URIRef(f"{item}/attachment/{i}")
        b.add(item, RG.attachment, node)
        b.add(node, RDF.type, RG.Attachment)
        b.add(node, DCTERMS.title, Literal(a.name, lang="da"))
        _span(b, node, a.start, a.end)
    for m in it.mentions:
        _mention(b, record, doc, item, m)
    _centre_roles(b, doc, item, it)


#: Item-level links of the owning roles besides ``rg:proposedBy`` (which the proposer
#: mention already gives): what co-ownership queries join on.
_OWNING_LINKS = {"lead": RG.ledBy, "involved": RG.involves}


def _centre_roles(b: _Builder, doc: URIRef, item: URIRef, it: AgendaItem) -> None:
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
        node = _mention_iri(doc, *span, type_)
        b.add(node, RG.centreRole, RG[role_named(role.role).name])
        b.add(node, RG.roleEvidence, Literal(role.quote, lang="da"))
        if role.role in _OWNING_LINKS:
            b.add(item, _OWNING_LINKS[role.role], b.centre(role.centre))


@dataclass(frozen=True, slots=True)
class DocumentGraphs:
    """A document's own named graph and the descriptions of the entities it names.

    The triples are kept as sets (cheap to build and to write to the store); the
    ``document`` and ``entities`` properties give them as rdflib graphs.
    """

    document_iri: URIRef
    entities_iri: URIRef
    document_triples: frozenset[Triple]
    entity_triples: frozenset[Triple]

    @property
    def document(self) -> Graph:
        return _graph(self.document_iri, self.document_triples)

    @property
    def entities(self) -> Graph:
        return _graph(self.entities_iri, self.entity_triples)


def _graph(identifier: URIRef, triples: Iterable[Triple]) -> Graph:
    g = Graph(identifier=identifier)
    g.addN((s, p, o, g) for s, p, o in triples)
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
        ``prov:wasDerivedFrom`` the source document (name, path, sha256); ``entities`` by
        the municipality's entities graph (cases, and the centres, people, strategies,
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
    >>> str(graphs.document.identifier), str(graphs.entities.identifier)
    ('https://example.org/graph/document/a-txt', 'https://example.org/graph/entities/htk')
    >>> sorted(str(o) for o in graphs.entities.objects(None, RG.caseNumber))
    ['19/24995']
    """
    iris = Iris(base, profile.key)
    graph_iri = URIRef(iris.document_graph(record.document))
    g: set[Triple] = set()
    e: set[Triple] = set()
    b = _Builder(g, e, profile, iris, profile_described=True)
    muni = b.municipality()
    src = record.source
    doc = URIRef(iris.document(record.document))
    b.add(graph_iri, PROV.wasDerivedFrom, doc)
    b.add(doc, RDF.type, RG.SourceDocument)
    b.add(doc, RG.documentName, Literal(record.document))
    b.add(doc, RG.path, Literal(src.path))
    b.add(doc, RG.sha256, Literal(src.sha256))
    b.add(doc, RG.textSha256, Literal(src.text_sha256))
    b.add(doc, RG.sourceFormat, Literal(src.format))
    b.add(doc, RG.municipality, muni)

    mt = record.meeting
    meeting = URIRef(iris.meeting(mt.body, mt.date, record.document))
    b.add(meeting, RDF.type, RG.Meeting)
    b.add(meeting, RDFS.label, Literal(f"{mt.body} {mt.date or ''}".strip(), lang="da"))
    b.add(meeting, RG.heldBy, b.body(mt.body))
    b.add(meeting, RG.municipality, muni)
    b.add(meeting, RG.sourceDocument, doc)
    if mt.date:
        b.add(meeting, DCTERMS.date, Literal(mt.date, datatype=XSD.date))
    if mt.start_time:
        b.add(meeting, RG.startTime, Literal(f"{mt.start_time}:00", datatype=XSD.time))
    if mt.place:
        b.add(meeting, RG.place, Literal(mt.place))
    for p in mt.participants:
        person = b.person(p.name)
        b.add(meeting, RG.absentee if p.absent else RG.participant, person)
        if p.secretary:
            b.add(meeting, RG.secretary, person)
    for it in record.items:
        _item(b, record, doc, meeting, it)
    return DocumentGraphs(graph_iri, URIRef(iris.entities_graph()), frozenset(g), frozenset(e))


def record_graph(record: Record, profile: Profile, *, base: str = DEFAULT_BASE) -> Graph:
    """Only the document's own named graph (see :func:`record_graphs`)."""
    return record_graphs(record, profile, base=base).document


def vocabulary_graph(*, base: str = DEFAULT_BASE) -> Graph:
    """The vocabulary (``ontology/referatgraf.ttl``) as a named graph, for labels in queries."""
    g = Graph(identifier=URIRef(f"{base}graph/vocabulary"))
    return g.parse(VOCABULARY_TTL, format="turtle")


def profile_graph(profile: Profile, *, base: str = DEFAULT_BASE) -> Graph:
    """The named graph of a municipality profile: centres, bodies, board, strategy scheme.

    Examples
    --------
    >>> from referatgraf.extract.profile import Centre, Profile
    >>> p = Profile(key="htk", municipality="Høje-Taastrup Kommune",
    ...             centres=(Centre("ØDC", "Økonomi- og Digitaliseringscentret"),))
    >>> g = profile_graph(p, base="https://example.org/")
    >>> str(g.identifier), len(set(g.subjects(RDF.type, RG.Centre)))
    ('https://example.org/graph/profile/htk', 1)
    """
    iris = Iris(base, profile.key)
    g: set[Triple] = set()
    b = _Builder(g, g, profile, iris, profile_described=False)
    muni = b.municipality()
    for name in profile.names:
        if name != profile.municipality:
            b.add(muni, SKOS.altLabel, Literal(name, lang="da"))
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
            membership = URIRef(iris.membership(member.name))
            role = URIRef(iris.role(member.role))
            b.add(membership, RDF.type, ORG.Membership)
            b.add(membership, ORG.member, person)
            b.add(membership, ORG.organization, muni)
            b.add(membership, ORG.role, role)
            b.add(role, RDF.type, ORG.Role)
            b.add(role, SKOS.prefLabel, Literal(member.role, lang="da"))
    return _graph(URIRef(iris.profile_graph()), g)
