"""What maps and the report show, read from the store document by document.

:func:`load_data` reads each document's named graph once
(:class:`referatgraf.graph.document_rows.DocumentReader`: the rows of the saved queries
``report-items``, ``report-decisions``, ``report-votes`` and ``map-roles``, and the
document's links, :func:`referatgraf.graph.mentions.links_from`), so the memory its reading
needs is that of one document, not of a join over the archive; the small aggregates
(``map-entities``, ``report-municipalities``, ``party-votes``) are saved queries. It
returns a :class:`SiteData` of plain frozen dataclasses; everything after that is a pure
function of it (look-ups by item, entity, case, municipality and year are computed once,
on first use).

Mentions arrive aggregated: one :class:`MentionRow` per item, entity and mention type,
with the first mention's words and sentence (read from the document's text, which the
store keeps once) and how many mentions it stands for. They are held as columns
(:class:`referatgraf.viz.mention_table.MentionTable`, a few bytes a row) and made into
rows when a page asks for an item's or an entity's. Maps and the report show one sentence
per entity and item; no query lists every mention of an archive (the saved query
``map-links`` gives the same links to SPARQL users).
"""

from __future__ import annotations

import dataclasses
from array import array
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, partial
from typing import TypeVar

from referatgraf.graph.document_rows import DocumentReader, DocumentRows
from referatgraf.graph.mentions import document_links
from referatgraf.graph.queries import run_saved
from referatgraf.graph.store import Store, Value
from referatgraf.graph.titles import title_key
from referatgraf.ontology.kinds import ENTITY_KINDS, kind_named
from referatgraf.viz.html import entity_page, item_id, item_page
from referatgraf.viz.mention_table import EntityMentions, MentionColumns, MentionTable
from referatgraf.viz.pseudonym import NameFinder, Pseudonymiser

__all__ = [
    "KINDS",
    "DecisionRow",
    "Entity",
    "EntityRow",
    "Item",
    "MentionRow",
    "MunicipalityRow",
    "PartyVoteRow",
    "RoleLookup",
    "RoleRow",
    "SiteData",
    "VoteRow",
    "timeline_order",
    "load_data",
    "person_names",
    "read_entity_rows",
    "pseudonymised",
    "pseudonymiser_for",
]

#: Entity kinds, in legend order (:data:`referatgraf.ontology.kinds.ENTITY_KINDS`).
KINDS = tuple(k.name for k in ENTITY_KINDS)

T = TypeVar("T")

#: An entity as ``map-entities`` lists it: (IRI, kind, label, code or None).
EntityRow = tuple[str, str, str, "str | None"]
#: Documents' named graphs in order → their rows with links, in that order (:func:`load_data`).
RowsReader = Callable[[list[str]], Iterator[DocumentRows]]

#: While reading every document, the store gives back its caches' memory after this many
#: (:meth:`referatgraf.graph.store.Store.release_memory`, without a garbage collection:
#: 0.03 s instead of 0.3 s): Oxigraph's caches grow by ~100 MB over 250 documents of a
#: 10,000-meeting store.
RELEASE_EVERY = 50

_PERSON_NAMES = "SELECT DISTINCT ?name WHERE { ?p a rg:Person ; foaf:name ?name }"


@dataclass(frozen=True, slots=True)
class Item:
    """An agenda item with its meeting."""

    iri: str
    municipality: str
    document: str
    date: str | None
    body: str
    number: int
    title: str
    case: str | None
    closed: bool = False
    procedural: bool = False  # agenda, announcements, …: not a case (rg:procedural)

    @property
    def id(self) -> str:
        """The item's id in the site (``item.html#<id>``)."""
        return item_id(self.document, self.number)

    @property
    def year(self) -> int | None:
        """Year of the meeting, if dated.

        >>> Item("i", "m", "a.txt", "2017-10-24", "Direktionen", 1, "T", None).year
        2017
        """
        return int(self.date[:4]) if self.date else None

    @property
    def page(self) -> str:
        """The item's page, relative to the site root."""
        return item_page(self.document, self.number)


@dataclass(frozen=True, slots=True)
class DecisionRow:
    item: str
    iri: str
    outcome: str
    outcome_da: str | None
    date: str | None
    decided_by: str | None
    text: str | None
    continued_by: str | None


@dataclass(frozen=True, slots=True)
class VoteRow:
    """Who voted for, against or abstained in a decision, as printed."""

    decision: str
    position: str  # for | against | abstained
    voters: str


@dataclass(frozen=True, slots=True)
class MunicipalityRow:
    """A municipality of the store and what its profile lists."""

    key: str
    name: str
    profile_centres: int = 0
    profile_bodies: int = 0


@dataclass(frozen=True, slots=True)
class Entity:
    """A centre, strategy, person, organisation or body; ``code`` for centres."""

    iri: str
    kind: str
    label: str
    code: str | None = None

    @property
    def name(self) -> str:
        """What a map calls it: a centre by its code, anything else by its label (a party's
        letter is its code, but the party is called by its name)."""
        return self.code if self.code and self.kind == "centre" else self.label


@dataclass(frozen=True, slots=True)
class MentionRow:
    """An entity named in an item (``mention_type`` ``proposers`` for "X indstiller"):
    the first mention's offset, words and sentence, and how many mentions there are."""

    entity: str
    mention_type: str
    item: str
    start: int
    exact: str
    evidence: str | None
    count: int = 1


@dataclass(frozen=True, slots=True)
class PartyVoteRow:
    """How a party voted on a decision (``via``: ``party`` when the party is listed,
    ``member`` when a member labelled with it is). Names of members are not kept."""

    decision: str
    item: str
    party: str
    position: str
    via: str = "party"


@dataclass(frozen=True, slots=True)
class RoleRow:
    """A centre's role in an item (:mod:`referatgraf.ontology.roles`) and the text for it."""

    item: str
    entity: str
    role: str
    evidence: str | None


def _role_key(row: RoleRow) -> tuple[str, str]:
    return (row.item, row.entity)


class RoleLookup:
    """The role of each (item IRI, centre IRI), found by bisection in the roles in that
    order (an array of their places, or none when they are in order already, as
    :func:`load_data` gives them); of several rows of one pair, the last.

    >>> rows = (RoleRow("i2", "c/A", "lead", None), RoleRow("i1", "c/B", "involved", "B …"),
    ...     RoleRow("i1", "c/B", "lead", None))
    >>> roles = RoleLookup(rows)
    >>> roles.get(("i1", "c/B")).role, roles.get(("i2", "c/A")).role, roles.get(("i1", "c/A"))
    ('lead', 'lead', None)
    """

    __slots__ = ("_order", "_rows")

    def __init__(self, rows: Sequence[RoleRow]) -> None:
        self._rows = rows
        in_order = all(_role_key(a) <= _role_key(b) for a, b in zip(rows, rows[1:], strict=False))
        self._order = (
            None
            if in_order
            else array("i", sorted(range(len(rows)), key=lambda k: _role_key(rows[k])))
        )

    def get(self, key: tuple[str, str], default: RoleRow | None = None) -> RoleRow | None:
        rows, order = self._rows, self._order
        if order is None:
            at = bisect_right(rows, key, key=_role_key) - 1
            found = rows[at] if at >= 0 else None
        else:
            at = bisect_right(order, key, key=lambda k: _role_key(rows[k])) - 1
            found = rows[order[at]] if at >= 0 else None
        return found if found is not None and _role_key(found) == key else default

    def __contains__(self, key: object) -> bool:
        return self.get(key) is not None  # type: ignore[arg-type]


def timeline_order(items: Iterable[Item]) -> list[Item]:
    """A case's items in the order the case page and the timeline map show them: by
    meeting date, then document, then item number (undated last).

    >>> a = Item("a", "m", "b.txt", "2017-05-08", "D", 3, "T", "1/2")
    >>> b = Item("b", "m", "a.txt", "2017-05-08", "D", 4, "T", "1/2")
    >>> c = Item("c", "m", "a.txt", None, "D", 1, "T", "1/2")
    >>> [i.iri for i in timeline_order([c, a, b])]
    ['b', 'a', 'c']
    """
    return sorted(items, key=lambda i: (i.date is None, i.date or "", i.document, i.number))


@dataclass(frozen=True)
class SiteData:
    """Everything the maps and the report need, with look-ups."""

    items: tuple[Item, ...]
    decisions: tuple[DecisionRow, ...]
    entities: tuple[Entity, ...]
    mentions: Sequence[MentionRow]  # a tuple, or a MentionTable (load_data's: columns)
    pseudonymised: bool = False
    votes: tuple[PartyVoteRow, ...] = ()  # each party's position (issue 16)
    municipalities: tuple[MunicipalityRow, ...] = ()
    vote_texts: tuple[VoteRow, ...] = ()  # each vote's words as printed
    roles: tuple[RoleRow, ...] = ()

    @cached_property
    def votes_by_decision(self) -> dict[str, list[PartyVoteRow]]:
        out: dict[str, list[PartyVoteRow]] = defaultdict(list)
        for v in self.votes:
            out[v.decision].append(v)
        return out

    @cached_property
    def role_of(self) -> RoleLookup:
        """(item IRI, centre IRI) → the centre's role in the item (a look-up in the roles,
        kept in that order: no dict of 140,000 keys at 10,000 meetings)."""
        return RoleLookup(self.roles)

    @cached_property
    def item_by_iri(self) -> dict[str, Item]:
        return {i.iri: i for i in self.items}

    @cached_property
    def vote_texts_by_decision(self) -> dict[str, list[VoteRow]]:
        """Each decision's votes as printed, by position (for, against, abstained)."""
        out: dict[str, list[VoteRow]] = defaultdict(list)
        for v in self.vote_texts:
            out[v.decision].append(v)
        return out

    @cached_property
    def mentions_by_entity(self) -> Mapping[str, list[MentionRow]]:
        """Mentions of each entity in known items, in item and text order."""
        if isinstance(self.mentions, MentionTable):
            return self.mentions.by_entity(self.mentions_by_item)
        out: dict[str, list[MentionRow]] = defaultdict(list)
        for mentions in self.mentions_by_item.values():
            for m in mentions:
                out[m.entity].append(m)
        return out

    @cached_property
    def entity_municipality(self) -> dict[str, str]:
        """The municipality of each entity's items (the first one, for shared kinds)."""
        out: dict[str, str] = {}
        for entity in self.mentions_by_entity:
            out[entity] = self.item_by_iri[self.items_naming(entity)[0]].municipality
        return out

    def items_naming(self, entity: str) -> list[str]:
        """The item of each of an entity's mention rows (:attr:`mentions_by_entity`), in
        their order, without making the rows.

        >>> d = SiteData((Item("i1", "m", "a.txt", None, "D", 1, "T", None),), (),
        ...     (Entity("s", "strategy", "Vækstpolitik"),),
        ...     (MentionRow("s", "strategies", "i1", 0, "V", None), MentionRow("s", "proposers", "i1", 4, "V", None)))
        >>> d.items_naming("s"), d.items_naming("x")
        (['i1', 'i1'], [])
        """
        by_entity = self.mentions_by_entity
        if isinstance(by_entity, EntityMentions):
            return by_entity.items_of(entity)
        return [m.item for m in by_entity.get(entity, ())]

    def items_naming_as(self, entity: str, mention_type: str) -> list[str]:
        """:meth:`items_naming` of the rows of one mention type (``proposers``: the items
        the entity proposes), without making the rows.

        >>> d = SiteData((Item("i1", "m", "a.txt", None, "D", 1, "T", None),), (),
        ...     (Entity("s", "strategy", "Vækstpolitik"),),
        ...     (MentionRow("s", "strategies", "i1", 0, "V", None), MentionRow("s", "proposers", "i1", 4, "V", None)))
        >>> d.items_naming_as("s", "proposers"), d.items_naming_as("x", "proposers")
        (['i1'], [])
        """
        by_entity = self.mentions_by_entity
        if isinstance(by_entity, EntityMentions):
            return by_entity.items_of_type(entity, mention_type)
        return [m.item for m in by_entity.get(entity, ()) if m.mention_type == mention_type]

    @cached_property
    def meetings(self) -> dict[str, tuple[str, str | None, str]]:
        """Documents (one meeting each) → (municipality, date, body)."""
        return {i.document: (i.municipality, i.date, i.body) for i in self.items}

    def meetings_per_year(self, municipality: str | None = None) -> dict[int, int]:
        """How many meetings each year has (of one municipality, or all).

        >>> d = SiteData((Item("i1", "m", "a.txt", "2017-05-08", "D", 1, "T", None),
        ...               Item("i2", "m", "a.txt", "2017-05-08", "D", 2, "U", None),
        ...               Item("i3", "m", "b.txt", "2019-01-02", "D", 1, "V", None)), (), (), ())
        >>> d.meetings_per_year()
        {2017: 1, 2019: 1}
        """
        counts: dict[int, int] = defaultdict(int)
        for muni, date, _body in self.meetings.values():
            if date and (municipality is None or muni == municipality):
                counts[int(date[:4])] += 1
        return dict(sorted(counts.items()))

    @cached_property
    def entity_by_iri(self) -> dict[str, Entity]:
        return {e.iri: e for e in self.entities}

    @cached_property
    def decisions_by_item(self) -> dict[str, list[DecisionRow]]:
        out: dict[str, list[DecisionRow]] = defaultdict(list)
        for d in self.decisions:
            out[d.item].append(d)
        return out

    @cached_property
    def mentions_by_item(self) -> Mapping[str, list[MentionRow]]:
        """Mentions of each known item of known entities, items in IRI order, each item's
        in text order."""
        if isinstance(self.mentions, MentionTable):
            return self.mentions.by_item(self.item_by_iri, self.entity_by_iri)
        out: dict[str, list[MentionRow]] = defaultdict(list)
        for m in self.mentions:
            if m.item in self.item_by_iri and m.entity in self.entity_by_iri:
                out[m.item].append(m)
        return out

    def page_of(self, entity: Entity) -> str | None:
        """The report page of an entity named in some item (None for one never named).

        >>> d = SiteData((Item("i1", "htk", "a.txt", None, "D", 1, "T", None),), (),
        ...     (Entity("s", "strategy", "Vækstpolitik"), Entity("o", "organisation", "KL")),
        ...     (MentionRow("s", "strategies", "i1", 0, "V", None), MentionRow("o", "organisations", "i1", 5, "KL", None)))
        >>> d.page_of(d.entities[0]), d.page_of(d.entities[1])
        ('strategies/htk-vaekstpolitik.html', 'organisations/kl.html')
        """
        muni = self.entity_municipality.get(entity.iri)
        if muni is None:
            return None
        shared = kind_named(entity.kind).shared
        return entity_page(entity.kind, None if shared else muni, entity.name)

    @cached_property
    def _item_entities(self):
        if isinstance(self.mentions, MentionTable):
            return self.mentions.item_entities(self.mentions_by_item, self.entity_by_iri)
        out: dict[str, dict[str, list[Entity]]] = {}
        for item, mentions in self.mentions_by_item.items():
            by_kind: dict[str, dict[str, Entity]] = defaultdict(dict)
            for m in sorted(mentions, key=lambda m: m.start):
                e = self.entity_by_iri[m.entity]
                by_kind[e.kind].setdefault(e.iri, e)
            out[item] = {k: list(v.values()) for k, v in by_kind.items()}
        return out

    def entities_of_item(self, item: str, kind: str) -> list[Entity]:
        """Entities of one kind named in (or proposing) an item, once each, in text order."""
        return self._item_entities.get(item, {}).get(kind, [])

    def entities_by_kind(self, item: str) -> dict[str, list[Entity]]:
        """The entities of each kind named in (or proposing) an item (kind name → entities,
        once each, in text order; kinds it names none of are left out): one look-up for
        all kinds, as a page that goes through many items needs."""
        return self._item_entities.get(item, {})

    @cached_property
    def cases(self) -> dict[tuple[str, str], list[Item]]:
        """Items by (municipality, case number), in :func:`timeline_order`."""
        out: dict[tuple[str, str], list[Item]] = defaultdict(list)
        for i in self.items:
            if i.case:
                out[(i.municipality, i.case)].append(i)
        return {key: timeline_order(items) for key, items in out.items()}

    @cached_property
    def substantive_cases(self) -> dict[tuple[str, str], list[Item]]:
        """Cases with at least one item that is not procedural (what case counts count)."""
        return {k: v for k, v in self.cases.items() if any(not i.procedural for i in v)}

    def catch_all_cases(self, min_titles: int = 3) -> set[tuple[str, str]]:
        """Cases whose items are about at least ``min_titles`` different subjects (the rule of
        co-owners.rq: :func:`referatgraf.graph.titles.title_key`)."""
        return {
            key
            for key, items in self.cases.items()
            if len({title_key(i.title) for i in items}) >= min_titles
        }

    @cached_property
    def years(self) -> list[int]:
        return sorted({i.year for i in self.items if i.year is not None})


def _str(row: dict[str, Value], key: str) -> str | None:
    value = row.get(key)
    return None if value is None else str(value)


def read_entity_rows(store: Store) -> tuple[EntityRow, ...]:
    """The store's entities as ``map-entities`` lists them: (IRI, kind, label, code) rows
    (an aggregate over every mention: run by the report's first child, its working memory
    gone with it)."""
    return tuple(
        (str(r["entity"]), str(r["kind"]), str(r["label"]), _str_or_none(r.get("code")))
        for r in run_saved(store, "map-entities")
    )


def _str_or_none(value: object) -> str | None:
    return None if value is None else str(value)


def load_data(
    store: Store,
    municipality: str | None = None,
    *,
    documents: Mapping[str, str] | None = None,
    entity_rows: Iterable[EntityRow] | None = None,
    read_rows: RowsReader | None = None,
) -> SiteData:
    """Read items, decisions, entities and mentions from ``store``.

    Parameters
    ----------
    store
        An open store.
    municipality
        Only this municipality (profile key); all when None.
    documents
        The store's documents, name → named graph, as :meth:`Store.documents` gives them
        (read by another process: at 10,000 meetings the listing costs this one ~170 MB of
        Oxigraph's caches); read here when None.
    entity_rows
        :func:`read_entity_rows` of the store, read by another process (the query's working
        memory, ~150 MB at 10,000 meetings, stays there); read here when None.
    read_rows
        Given the documents' named graphs in order, their
        :class:`~referatgraf.graph.document_rows.DocumentRows` (with links) in that order,
        one at a time (the report hands the last ones to a child process:
        :mod:`referatgraf.app.tail_rows`); read here, one after the other, when None.

    Notes
    -----
    The archive-wide rows (items, decisions, votes, centre roles and each document's
    links) are read one document's named graph at a time
    (:class:`referatgraf.graph.document_rows.DocumentReader`,
    :func:`referatgraf.graph.mentions.document_links`): the same rows as the saved queries
    ``report-items``, ``report-decisions``, ``report-votes``, ``map-roles`` and
    ``map-entities``, with the working memory of one document instead of a join over the
    archive (hundreds of MB at 10,000 meetings). The small aggregate queries
    (``report-municipalities``, ``party-votes``) run as saved queries.
    """
    params = {"municipality": municipality} if municipality else {}
    # one string object for each IRI and text, however many rows repeat it (an item's IRI
    # is in its roles, decisions, votes and links; the same sentence in many rows)
    shared: dict[str, str] = {}

    def text(value: object) -> str:
        value = str(value)
        return shared.setdefault(value, value)

    def one(value: object) -> str | None:
        return None if value is None else text(value)

    entities: dict[str, Entity] = {}
    if entity_rows is None:
        entity_rows = read_entity_rows(store)
        store.release_memory()
    for iri, kind, label, code in entity_rows:
        entities.setdefault(text(iri), Entity(text(iri), text(kind), text(label), one(code)))
    entity_rows = None
    reader = DocumentReader(store, municipality)
    if documents is None:
        graphs = {name: info.graph for name, info in store.documents().items()}
        store.release_memory(collect=False)
    else:
        graphs = dict(documents)
    # rows as they come, with each decision's and vote's municipality beside it (the sort
    # keys are made once, when they are sorted: made per row, they would be freed among the
    # rows kept and leave the heap fragmented)
    items: list[Item] = []
    decisions: list[DecisionRow] = []
    decision_municipalities: list[str] = []
    votes: list[VoteRow] = []
    vote_municipalities: list[str] = []
    roles: list[RoleRow] = []
    mentions = MentionColumns()  # a few bytes a row, not a MentionRow each
    read: set[str] = set()  # documents whose links are read
    named: set[str] = set()  # documents that items name
    links = _LinkRows(entities, text)
    names = sorted(graphs)
    if read_rows is None:
        read_rows = partial(_rows_here, reader, store)
    for name, rows in zip(names, read_rows([graphs[k] for k in names]), strict=True):
        for r in rows.items:
            items.append(_item(r, text, one))
            named.add(r["document"])
        for r in rows.decisions:
            decision_municipalities.append(text(r["municipality"]))
            decisions.append(
                DecisionRow(
                    item=text(r["item"]),
                    iri=text(r["decision"]),
                    outcome=text(r["outcome"]),
                    outcome_da=one(r.get("outcome_da")),
                    date=one(r.get("date")),
                    decided_by=one(r.get("decided_by")),
                    text=one(r.get("text")),
                    continued_by=one(r.get("continued_by")),
                )
            )
        for r in rows.votes:
            vote_municipalities.append(text(r["municipality"]))
            votes.append(VoteRow(text(r["decision"]), text(r["position"]), text(r["voters"])))
        roles.extend(
            RoleRow(text(r["item"]), text(r["entity"]), text(r["role"]), one(r.get("evidence")))
            for r in rows.roles
        )
        if any(r["document"] == name for r in rows.items):  # its own items name it
            read.add(name)
            links.add(mentions, rows.links)
    for name in sorted(named - read):  # named by another document's items only
        if name in graphs:
            links.add(mentions, document_links(store.oxigraph, graphs[name]))
    reader = rows = None  # its looked-up facts and the last document's rows
    store.release_memory()
    municipalities = tuple(
        MunicipalityRow(
            text(r["municipality"]),
            str(r["name"] or r["municipality"]),
            int(r["profile_centres"] or 0),
            int(r["profile_bodies"] or 0),
        )
        for r in run_saved(store, "report-municipalities", params)
    )
    party_votes = tuple(
        PartyVoteRow(
            decision=text(r["decision"]),
            item=text(r["item"]),
            party=text(r["party"]),
            position=text(r["position"]),
            via=text(r["via"]),
        )
        for r in run_saved(store, "party-votes", params)
    )
    # Two documents of one meeting (same body and date) share item IRIs: keep one row each.
    # sorted as the queries' ORDER BY would (unbound first; equal rows keep their order)
    items.sort(key=lambda i: (i.municipality, _unbound_first(i.date), i.document, i.number))
    decisions = _sorted_by(decisions, lambda n, d: (decision_municipalities[n], d.item, d.iri))
    votes = _sorted_by(
        votes, lambda n, v: (vote_municipalities[n], v.decision, v.position, v.voters)
    )
    roles.sort(key=lambda r: (r.item, r.entity))
    data = SiteData(
        _unique(items, lambda i: i.iri),
        _unique(decisions, lambda d: d.iri),
        tuple(entities.values()),
        mentions.table(),  # sorted by item, start, entity; one row per entity, item, start, type
        votes=_unique(party_votes, lambda v: (v.decision, v.party, v.position, v.via)),
        municipalities=municipalities,
        vote_texts=_unique(votes, lambda v: (v.decision, v.position, v.voters)),
        roles=_unique(roles, lambda r: (r.item, r.entity)),
    )
    # the last queries' caches and the rows' sorting and gathering, given back before the
    # pages are made from what is kept (~100 MB at 10,000 meetings)
    items = decisions = votes = roles = mentions = links = graphs = None
    decision_municipalities = vote_municipalities = shared = entities = None
    store.release_memory()
    return data


def _rows_here(reader: DocumentReader, store: Store, graphs: list[str]) -> Iterator[DocumentRows]:
    """Each of ``graphs``' rows with its links, read by ``reader`` from ``store`` in this
    process, Oxigraph's caches of what was read given back every :data:`RELEASE_EVERY`."""
    for n, graph in enumerate(graphs, 1):
        yield reader.rows(graph, links=True)
        if n % RELEASE_EVERY == 0:
            store.release_memory(collect=False)


def _item(r: dict[str, Value], text: Callable[[object], str], one) -> Item:
    return Item(
        iri=text(r["item"]),
        municipality=text(r["municipality"]),
        document=text(r["document"]),
        date=one(r.get("date")),
        body=one(r.get("body")) or "",
        number=int(r["number"] or 0),
        title=text(r["title"]),
        case=one(r.get("case")),
        closed=bool(r.get("closed")),
        procedural=bool(r.get("procedural")),
    )


def _unbound_first(value: str | None) -> tuple:
    """A sort key for a column as SPARQL's ``ORDER BY`` sorts it: unbound first.

    >>> sorted(["b", None, "a"], key=_unbound_first)
    [None, 'a', 'b']
    """
    return (0,) if value is None else (1, value)


def _sorted_by(rows: list[T], key: Callable[[int, T], tuple]) -> list[T]:
    """``rows`` sorted by ``key(position, row)``; rows of equal keys keep their order.

    >>> _sorted_by(["b", "a", "c"], lambda n, r: (r != "c",))
    ['c', 'b', 'a']
    """
    order = sorted(range(len(rows)), key=lambda n: key(n, rows[n]))
    return [rows[n] for n in order]


class _LinkRows:
    """Links made into mention rows (:class:`~referatgraf.viz.mention_table.MentionColumns`):
    a link's mention type is the one it states, else its entity's kind's (a link of an
    entity of no kind the maps know, or that no item mentions, is left out)."""

    def __init__(self, entities: dict[str, Entity], text: Callable[[object], str]) -> None:
        self._entities = entities
        self._text = text  # one string for each IRI, the other rows' too
        self._record_key = {k.name: k.record_key for k in ENTITY_KINDS}

    def add(self, columns: MentionColumns, links: Iterable) -> None:
        for link in links:
            entity = self._entities.get(link.entity)
            mention_type = link.stated or (self._record_key.get(entity.kind) if entity else None)
            if mention_type is None:
                continue  # an entity of no kind the maps know
            columns.add(
                self._text(link.entity),
                mention_type,
                self._text(link.item),
                link.start,
                link.exact or "",
                link.sentence,
                link.mentions,
            )


def _unique(rows: Iterable[T], key: Callable[[T], Hashable]) -> tuple[T, ...]:
    """The first row of each key, in order.

    >>> _unique([("a", 1), ("b", 2), ("a", 3)], lambda r: r[0])
    (('a', 1), ('b', 2))
    """
    first: dict[Hashable, T] = {}
    for row in rows:
        first.setdefault(key(row), row)
    return tuple(first.values())


def person_names(store: Store) -> list[str]:
    """Names of every person in the store (mentioned, participants, board members)."""
    return sorted({str(r["name"]) for r in store.query(_PERSON_NAMES)})


def _name_parts(name: str) -> list[str]:
    """First and last name alone, and the possessive (as ``export --pseudonymise`` does).

    >>> _name_parts("Lars Holte"), _name_parts("Trine")
    (['Lars', 'Holte', 'Holtes'], [])
    """
    parts = name.split()
    if len(parts) < 2:
        return []
    return [w for w in (parts[0], parts[-1], parts[-1] + "s") if len(w) > 2]


def pseudonymiser_for(
    data: SiteData,
    secret: str,
    extra_names: Iterable[str] = (),
    *,
    finder: NameFinder | None = None,
) -> Pseudonymiser:
    """A pseudonymiser that knows every person of ``data`` (labels, mention texts) and
    ``extra_names``, has read all its texts and file names, and is frozen (IRIs and file
    names map alike wherever they occur)."""
    forms: dict[str, list[str]] = defaultdict(list)
    people = {e.iri: e for e in data.entities if e.kind == "person"}
    for name in [*(e.label for e in people.values()), *extra_names]:
        forms[name].extend(_name_parts(name))
    for m in data.mentions:
        if m.entity in people:
            forms[people[m.entity].label].append(m.exact)
    p = Pseudonymiser(secret, forms, finder=finder)
    texts = [
        *(t for i in data.items for t in (i.title, i.body)),
        *(d.text for d in data.decisions),
        *(t for m in data.mentions for t in (m.exact, m.evidence)),
        *(e.label for e in data.entities if e.kind != "person"),
    ]
    for t in texts:  # learn every name before IRIs and file names are rewritten
        p.text(t)
    for i in data.items:
        p.document(i.document)
    p.freeze()
    return p


def pseudonymised(
    data: SiteData,
    secret: str | Pseudonymiser,
    extra_names: Iterable[str] = (),
    *,
    finder: NameFinder | None = None,
) -> SiteData:
    """``data`` with people's names replaced by stable pseudonyms everywhere they show.

    Person labels become pseudonyms; evidence sentences, item titles, bodies and decision
    texts have every known name form (canonical names, the texts the mentions matched,
    ``extra_names``) and every span ``finder`` reports replaced; document names (they make
    page names) and IRIs have the names in them replaced too. ``secret`` may be a
    pseudonymiser made by :func:`pseudonymiser_for`.

    Examples
    --------
    >>> d = SiteData(
    ...     (Item("i", "m", "a.txt", None, "Direktionen", 1, "Lars Holte orienterer", None),),
    ...     (), (Entity("p/lars-holte", "person", "Lars Holte"),),
    ...     (MentionRow("p/lars-holte", "people", "i", 0, "Lars", "Lars fortalte om planen."),))
    >>> p = pseudonymised(d, "k")
    >>> p.entities[0].label == p.items[0].title.split()[0] == p.mentions[0].evidence.split()[0]
    True
    >>> "Lars" in repr(p) or "lars" in repr(p)
    False
    """
    if isinstance(secret, Pseudonymiser):
        p = secret
    else:
        p = pseudonymiser_for(data, secret, extra_names, finder=finder)
    iri = p.document
    return SiteData(
        items=tuple(
            dataclasses.replace(
                i,
                iri=iri(i.iri),
                document=p.document(i.document),
                title=p.text(i.title) or "",
                body=p.text(i.body) or "",
            )
            for i in data.items
        ),
        decisions=tuple(
            dataclasses.replace(
                d,
                item=iri(d.item),
                iri=iri(d.iri),
                text=p.text(d.text),
                decided_by=p.text(d.decided_by),
                continued_by=iri(d.continued_by) if d.continued_by else None,
            )
            for d in data.decisions
        ),
        entities=tuple(
            dataclasses.replace(
                e,
                iri=iri(e.iri),
                label=p.name(e.label) if e.kind == "person" else p.text(e.label) or "",
            )
            for e in data.entities
        ),
        mentions=tuple(
            dataclasses.replace(
                m,
                entity=iri(m.entity),
                item=iri(m.item),
                exact=p.text(m.exact) or "",
                evidence=p.text(m.evidence),
            )
            for m in data.mentions
        ),
        pseudonymised=True,
        # parties only (no names to replace); decision and item IRIs follow the renamed ones
        votes=tuple(
            dataclasses.replace(v, decision=iri(v.decision), item=iri(v.item)) for v in data.votes
        ),
        municipalities=data.municipalities,
        vote_texts=tuple(
            dataclasses.replace(v, decision=iri(v.decision), voters=p.text(v.voters) or "")
            for v in data.vote_texts
        ),
        roles=tuple(
            dataclasses.replace(
                r, item=iri(r.item), entity=iri(r.entity), evidence=p.text(r.evidence)
            )
            for r in data.roles
        ),
    )
