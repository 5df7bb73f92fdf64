"""The extraction record: frozen dataclasses handed from ``extract`` to ``graph``.

Every fact carries the character offsets (``start``, ``end``) of the source text it
was read from; ``Record.text`` is that source text (for a PDF or JSON input, the text
the reader produced), so any span can be shown again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from referatgraf.ontology.kinds import MENTION_TYPES

__all__ = [
    "DOCUMENT_KINDS",
    "ENTITY_TYPES",
    "OUTCOMES",
    "PLATFORMS",
    "SECTION_KINDS",
    "AgendaItem",
    "Attachment",
    "CentreRole",
    "Decision",
    "Meeting",
    "Mention",
    "Participant",
    "Record",
    "ReviewNote",
    "Section",
    "Source",
    "VOTE_POSITIONS",
    "Vote",
]

#: Canonical section kinds (the gold schema's six plus the headings other municipalities use).
SECTION_KINDS = (
    "Baggrund",
    "Indstilling",
    "Beslutning",
    "Sagsfremstilling",
    "Økonomi",
    "Bilag",
    "Resume",
    "Sagsbeskrivelse",
    "Fremstilling",
    "Sagsprocedure",
    "Lovgrundlag",
    "Høring",
    "Kommunikation",
    "Tidsplan",
    "Vurdering",
    "Administrationens vurdering",
    "Bevillingsmæssige konsekvenser",
    "Andet",
)

#: Decision outcome classes.
OUTCOMES = ("approved", "noted", "discussed", "postponed", "decided", "rejected", "other")

#: How a voter voted on a decision ("reservation": "X tog forbehold").
VOTE_POSITIONS = ("for", "against", "abstain", "reservation")

#: What a document is: the minutes of a meeting, or its published agenda (no decisions yet).
DOCUMENT_KINDS = ("minutes", "agenda")

#: Meeting systems a record can come from (``Source.platform``); "other" for a layout
#: the general readers took without knowing the system.
PLATFORMS = ("firstagenda", "edoc", "acadre", "sbsys", "getorganized", "other")

#: Mention types, in the order the record lists them; each is a per-item key list
#: (the kinds' record keys and the proposers: :mod:`referatgraf.ontology.kinds`).
ENTITY_TYPES = MENTION_TYPES


@dataclass(frozen=True, slots=True)
class Source:
    """Where a record came from: the input file and the text the parser read."""

    path: str
    sha256: str  # of the input file's bytes
    format: str  # "text" | "pdf" | "firstagenda-json" | "html" | "xml" | "docx"
    text_sha256: str  # of the extracted text the offsets refer to
    encoding: str = "utf-8"
    municipality: str | None = None
    platform: str | None = None  # one of PLATFORMS (None: not recorded, older records)


@dataclass(frozen=True, slots=True)
class Participant:
    name: str
    start: int
    end: int
    secretary: bool = False
    absent: bool = False
    role: str | None = None
    member: bool = True  # False for a secretary listed apart from the members present


@dataclass(frozen=True, slots=True)
class Meeting:
    body: str
    date: str | None  # ISO yyyy-mm-dd
    start_time: str | None  # HH:MM
    place: str | None
    participants: tuple[Participant, ...] = ()
    start: int = 0
    end: int = 0

    @property
    def secretary(self) -> str | None:
        return next((p.name for p in self.participants if p.secretary), None)


@dataclass(frozen=True, slots=True)
class Section:
    kind: str  # one of SECTION_KINDS (or the heading itself if unknown)
    heading: str  # the heading line as written
    start: int  # start of the heading line
    end: int  # end of the section's body
    body_start: int  # first character after the heading line


@dataclass(frozen=True, slots=True)
class Vote:
    """How voters voted on a decision, as the minutes print it.

    ``parties`` are canonical party names, ``people`` members' names and ``people_parties``
    (when the text labels members, "Anna Holm (V)") each member's party or "" in the same
    order; ``count`` is the number of votes when printed ("(12)", "med stemmerne 18 for"). A
    tally alone ("18 for og 1 imod") is a vote with a count and no voters.
    """

    position: str  # one of VOTE_POSITIONS
    parties: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    count: int | None = None
    text: str = ""
    start: int = 0
    end: int = 0
    people_parties: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.position not in VOTE_POSITIONS:
            raise ValueError(f"vote position {self.position!r} is not one of {VOTE_POSITIONS}")


@dataclass(frozen=True, slots=True)
class Decision:
    body: str
    date: str | None  # ISO
    outcome: str  # one of OUTCOMES
    text: str
    start: int  # start of the "Beslutning ..." heading
    end: int
    text_start: int
    votes: tuple[Vote, ...] = ()

    @property
    def first_words(self) -> str:
        return " ".join(self.text.split()[:8])


@dataclass(frozen=True, slots=True)
class Attachment:
    name: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Mention:
    """One entity mention: ``type`` is one of ENTITY_TYPES, ``key`` the canonical name."""

    type: str
    key: str
    text: str
    start: int
    end: int
    rule: str


@dataclass(frozen=True, slots=True)
class CentreRole:
    """The role an item gives one centre (one of :data:`referatgraf.ontology.roles.ROLE_NAMES`).

    ``spans`` are the pieces of text that justify it (more than one when a later sentence
    refers back to centres named before, "… de to centre sammen fremlægger …"); the role
    rests on the centre mention at ``mention_start``–``mention_end``; ``cue`` names the rule
    that decided it and ``quote`` is the justifying text, whitespace normalised, at most 25
    words ("…" joins pieces).
    """

    centre: str
    role: str
    cue: str
    spans: tuple[tuple[int, int], ...]
    mention_start: int
    mention_end: int
    quote: str


@dataclass(frozen=True, slots=True)
class ReviewNote:
    """Something an analyst should look at (e.g. an unknown centre-like code)."""

    kind: str
    text: str
    start: int
    end: int
    suggestion: str | None = None
    message: str = ""


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """One agenda item.

    ``number`` is the item's number as printed when that is a plain integer (also one
    that runs through the year, such as 715); with nested numbering (1, 1.1, 1.2, 2) it
    is the item's position in the meeting and ``label`` the number as printed.
    ``decisions`` are the meeting's own decisions on the item; dated decisions of
    earlier meetings printed with it (case history) are ``history``.
    """

    number: int
    title: str
    case_number: str | None
    closed: bool
    start: int
    end: int
    sections: tuple[Section, ...] = ()
    decisions: tuple[Decision, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    mentions: tuple[Mention, ...] = ()
    review: tuple[ReviewNote, ...] = ()
    label: str | None = None
    history: tuple[Decision, ...] = ()
    roles: tuple[CentreRole, ...] = ()  # one per centre, filled by extract.roles

    def entities(self, type_: str) -> tuple[str, ...]:
        """Canonical keys of one entity type, once each, in order of first mention."""
        seen: dict[str, None] = {}
        for m in sorted(self.mentions, key=lambda m: m.start):
            if m.type == type_:
                seen.setdefault(m.key, None)
        return tuple(seen)

    @property
    def section_kinds(self) -> tuple[str, ...]:
        """Section kinds once each, in order of first occurrence."""
        return tuple(dict.fromkeys(s.kind for s in self.sections))


@dataclass(frozen=True, slots=True)
class Record:
    """Everything extracted from one minutes document."""

    document: str  # file name of the input
    source: Source
    meeting: Meeting
    items: tuple[AgendaItem, ...]
    text: str = field(repr=False, default="")
    warnings: tuple[str, ...] = ()
    kind: str = "minutes"  # one of DOCUMENT_KINDS
