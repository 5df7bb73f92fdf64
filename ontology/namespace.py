"""rdflib mirrors of the vocabulary in ``referatgraf.ttl`` and of the Web Annotation terms used.

``_fail = True``: a misspelt term raises ``AttributeError`` instead of minting a new IRI.
``tests/ontology/test_namespace.py`` keeps :class:`RG` and the Turtle in step.

>>> str(RG.AgendaItem)
'https://w3id.org/referatgraf/ns#AgendaItem'
>>> RG.Agendaitem
Traceback (most recent call last):
...
AttributeError: term 'Agendaitem' not in namespace 'https://w3id.org/referatgraf/ns#'
"""

from __future__ import annotations

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

from referatgraf.ontology.ns import OA_NS, RG_NS

__all__ = ["OA", "OA_NS", "RG", "RG_NS"]


class RG(DefinedNamespace):
    """The referatgraf vocabulary (``rg:``)."""

    _NS = Namespace(RG_NS)
    _fail = True

    # Classes
    AgendaItem: URIRef  # Agenda item
    Attachment: URIRef  # Attachment
    Body: URIRef  # Body
    Case: URIRef  # Case
    Centre: URIRef  # Centre
    CentreRole: URIRef  # Centre role
    Decision: URIRef  # Decision
    Meeting: URIRef  # Meeting
    Mention: URIRef  # Mention
    Municipality: URIRef  # Municipality
    Organisation: URIRef  # Organisation
    Outcome: URIRef  # Outcome
    Person: URIRef  # Person
    PoliticalParty: URIRef  # Political party
    Section: URIRef  # Section
    SourceDocument: URIRef  # Source document
    Strategy: URIRef  # Strategy
    Vote: URIRef  # Vote
    VotePosition: URIRef  # Vote position

    # Object properties
    absentee: URIRef  # absentee
    attachment: URIRef  # attachment
    case: URIRef  # case
    centreRole: URIRef  # centre role
    continuedBy: URIRef  # continued by
    decidedBy: URIRef  # decided by
    decision: URIRef  # decision
    heldBy: URIRef  # held by
    inItem: URIRef  # in item
    involves: URIRef  # involves
    ledBy: URIRef  # led by
    lists: URIRef  # lists
    meeting: URIRef  # meeting
    mentions: URIRef  # mentions
    onlyMentions: URIRef  # only mentions
    municipality: URIRef  # municipality
    outcome: URIRef  # outcome
    participant: URIRef  # participant
    proposedBy: URIRef  # proposed by
    secretary: URIRef  # secretary
    section: URIRef  # section
    sourceDocument: URIRef  # source document
    vote: URIRef  # vote
    votePosition: URIRef  # vote position
    voter: URIRef  # voter
    voterParty: URIRef  # voter's party

    # Datatype properties
    bodyKind: URIRef  # body kind
    caseNumber: URIRef  # case number
    closed: URIRef  # closed
    decisionText: URIRef  # decision text
    documentName: URIRef  # document name
    end: URIRef  # end
    evidence: URIRef  # evidence
    graphShape: URIRef  # the graph shape a store holds
    key: URIRef  # key
    listLike: URIRef  # list-like
    mentionType: URIRef  # mention type
    number: URIRef  # item number
    owning: URIRef  # owning
    path: URIRef  # path
    place: URIRef  # place
    procedural: URIRef  # procedural
    roleEvidence: URIRef  # role evidence
    sectionKind: URIRef  # section kind
    sha256: URIRef  # sha256
    sourceFormat: URIRef  # source format
    span: URIRef  # span "start,end" of the source text
    spans: URIRef  # every span "start,end start,end ..." of an entity's mentions in one item
    start: URIRef  # start
    startTime: URIRef  # start time
    text: URIRef  # text
    textSha256: URIRef  # text sha256
    titleKey: URIRef  # title key
    voteCount: URIRef  # vote count
    voteText: URIRef  # vote text

    # Concept schemes
    CentreRoles: URIRef  # Centre roles in an item
    Outcomes: URIRef  # Decision outcomes
    VotePositions: URIRef  # Vote positions

    # Centre roles (individuals; referatgraf.ontology.roles)
    involved: URIRef  # involved
    lead: URIRef  # lead
    listed: URIRef  # listed
    mentioned: URIRef  # mentioned
    proposer: URIRef  # proposer

    # Outcomes (individuals)
    approved: URIRef  # approved
    decided: URIRef  # decided
    discussed: URIRef  # discussed
    noted: URIRef  # noted
    other: URIRef  # other
    postponed: URIRef  # postponed
    rejected: URIRef  # rejected

    # Vote positions (individuals)
    abstained: URIRef  # abstained
    votedAgainst: URIRef  # voted against
    votedFor: URIRef  # voted for
    withReservation: URIRef  # with a reservation


class OA(DefinedNamespace):
    """The Web Annotation terms referatgraf uses (``oa:``, https://www.w3.org/TR/annotation-vocab/)."""

    _NS = Namespace(OA_NS)
    _fail = True

    Annotation: URIRef
    SpecificResource: URIRef
    TextPositionSelector: URIRef
    TextQuoteSelector: URIRef
    hasBody: URIRef
    hasTarget: URIRef
    hasSource: URIRef
    hasSelector: URIRef
    start: URIRef
    end: URIRef
    exact: URIRef
    prefix: URIRef
    suffix: URIRef
