"""What the report and the maps list, read one document's named graph at a time.

The saved listing queries (``report-items``, ``report-decisions``, ``report-votes``,
``map-roles``) join over the whole archive: each needs working memory that
grows with the store (hundreds of MB at 10,000 meetings) while it runs. A document's items,
meeting, decisions, votes and centre roles are all in its own named graph, so
:class:`DocumentReader` reads them with a few index scans of that graph (the shared nodes'
facts — a municipality's key, a body's or an outcome's label, a case's number — looked up once
each and kept), and gives the same rows the queries give,
as dicts of plain Python values with the queries' column names
(:func:`referatgraf.graph.store.to_python`): the memory it needs is that of one document.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

import pyoxigraph as ox

from referatgraf.graph.mentions import Link, document_text, links_from
from referatgraf.graph.store import Value, to_python
from referatgraf.ontology.ns import OA_NS, RG_NS

__all__ = ["DocumentReader", "DocumentRows"]

_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_DCT = "http://purl.org/dc/terms/"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_FOAF = "http://xmlns.com/foaf/0.1/"


def _rg(name: str) -> ox.NamedNode:
    return ox.NamedNode(RG_NS + name)


_P = {
    name: _rg(name)
    for name in (
        "municipality",
        "sourceDocument",
        "heldBy",
        "documentName",
        "meeting",
        "number",
        "case",
        "closed",
        "procedural",
        "decision",
        "outcome",
        "decidedBy",
        "decisionText",
        "continuedBy",
        "vote",
        "votePosition",
        "voteText",
        "centreRole",
        "inItem",
        "roleEvidence",
        "key",
        "caseNumber",
    )
}
_TITLE = ox.NamedNode(_DCT + "title")
_DATE = ox.NamedNode(_DCT + "date")
_PREF_LABEL = ox.NamedNode(_SKOS + "prefLabel")
_NOTATION = ox.NamedNode(_SKOS + "notation")
_NAME = ox.NamedNode(_FOAF + "name")
_BODY = ox.NamedNode(OA_NS + "hasBody")
_SPANS = _rg("spans")
_MENTION_TYPE = _rg("mentionType")
_AGENDA_ITEM = _rg("AgendaItem")
_MEETING = _rg("Meeting")
_MUNICIPALITY = _rg("Municipality")
#: ``report-votes``' VALUES: a vote's position node → its name.
_POSITIONS = {_rg("votedFor"): "for", _rg("votedAgainst"): "against", _rg("abstained"): "abstained"}

Row = dict[str, Value]


@dataclass(frozen=True, slots=True)
class DocumentRows:
    """One document's rows of ``report-items``, ``report-decisions``, ``report-votes`` and
    ``map-roles`` (unordered, as the queries give them) and its links."""

    items: tuple[Row, ...]
    decisions: tuple[Row, ...]
    votes: tuple[Row, ...]
    roles: tuple[Row, ...]
    links: tuple[Link, ...] = ()


def _strafter_hash(term: ox.NamedNode) -> str:
    """``STRAFTER(STR(?x), "#")``: the text after the first ``#``, or ``""``.

    >>> _strafter_hash(ox.NamedNode("https://e.org/ns#lead")), _strafter_hash(ox.NamedNode("https://e.org/x"))
    ('lead', '')
    """
    return term.value.partition("#")[2]


def _optional(values: list) -> list:
    """An OPTIONAL's values: the values, or one unbound (None) when there are none."""
    return values or [None]


class DocumentReader:
    """Reads documents' rows from ``store`` (a :class:`referatgraf.graph.store.Store`, whose
    Oxigraph handle is asked for at each read, so the store may give its memory back between
    documents: :meth:`~referatgraf.graph.store.Store.release_memory`), keeping the shared
    nodes' facts it has looked up (a few per body, outcome, case and municipality).

    ``municipality``: only the rows of this municipality key (the queries' parameter).
    """

    def __init__(self, store, municipality: str | None = None) -> None:
        self._source = store
        self._municipality = municipality
        self._objects: dict[tuple[ox.NamedNode | ox.BlankNode, ox.NamedNode], list] = {}
        self._keys: dict[object, list[str]] = {}

    # ------------------------------------------------------------------ shared facts

    def objects(self, subject, predicate: ox.NamedNode) -> list:
        """The objects of ``subject predicate ?o`` in any graph (looked up once)."""
        key = (subject, predicate)
        found = self._objects.get(key)
        if found is None:
            found = [
                q.object for q in self._source.oxigraph.quads_for_pattern(subject, predicate, None)
            ]
            self._objects[key] = found
        return found

    def municipality_keys(self, node) -> list[str]:
        """``{ SELECT DISTINCT ?m ?municipality WHERE { ?m a rg:Municipality ; rg:key
        $municipality, ?municipality } }`` for one ``?m``: its keys, none if it is no
        municipality or (with the parameter) not the one asked for."""
        found = self._keys.get(node)
        if found is None:
            found = []
            if _MUNICIPALITY in self.objects(node, _RDF_TYPE):
                keys = self.objects(node, _P["key"])
                wanted = self._municipality
                if wanted is None or any(
                    isinstance(k, ox.Literal) and k.value == wanted and _plain(k) for k in keys
                ):
                    found = list(dict.fromkeys(to_python(k) for k in keys))
            self._keys[node] = found
        return found

    # ------------------------------------------------------------------ one document

    def rows(self, graph: str, *, links: bool = True) -> DocumentRows:
        """The rows of the document whose named graph is ``graph``; ``links``: its links
        too (:func:`referatgraf.graph.mentions.links_from`, the same as
        :func:`~referatgraf.graph.mentions.document_links`), read with the role rows'
        scans."""
        g = ox.NamedNode(graph)
        store = self._source.oxigraph

        def values(predicate: ox.NamedNode) -> dict:
            out: dict = {}
            for q in store.quads_for_pattern(None, predicate, None, g):
                subject = q.subject
                found = out.get(subject)
                if found is None:
                    out[subject] = [q.object]
                else:
                    found.append(q.object)
            return out

        def typed(rdf_class: ox.NamedNode) -> set:
            return {q.subject for q in store.quads_for_pattern(None, _RDF_TYPE, rdf_class, g)}

        meeting_of = values(_P["meeting"])
        municipality_of = values(_P["municipality"])
        keys_of = {
            meeting: [k for m in ms for k in self.municipality_keys(m)]
            for meeting, ms in municipality_of.items()
        }
        dates = values(_DATE)
        decisions = values(_P["decision"])
        types = {_AGENDA_ITEM: typed(_AGENDA_ITEM), _MEETING: typed(_MEETING)}
        in_item, bodies = values(_P["inItem"]), values(_BODY)
        items = self._items(values, types, meeting_of, keys_of, dates)
        decision_rows = list(self._decisions(values, decisions, meeting_of, keys_of, dates))
        vote_rows = list(self._votes(values, decisions, meeting_of, keys_of))
        role_rows = list(self._roles(values, types, in_item, bodies, meeting_of, keys_of))
        found: list[Link] = []
        if links and in_item:
            last = lambda by_node: {node: v[-1] for node, v in by_node.items()}  # noqa: E731
            found = links_from(
                last(in_item),
                last(bodies),
                last(values(_SPANS)),
                last(values(_MENTION_TYPE)),
                document_text(store, g),
            )
        return DocumentRows(
            tuple(items), tuple(decision_rows), tuple(vote_rows), tuple(role_rows), tuple(found)
        )

    def _items(self, values, types, meeting_of, keys_of, dates) -> list[Row]:
        """``report-items``' rows of one document graph."""
        numbers, titles = values(_P["number"]), values(_TITLE)
        if not numbers:
            return []
        sources, held_by = values(_P["sourceDocument"]), values(_P["heldBy"])
        names = values(_P["documentName"])
        cases, closed, procedural = (
            values(_P["case"]),
            values(_P["closed"]),
            values(_P["procedural"]),
        )
        out = []
        for item, meetings in meeting_of.items():
            if item not in types[_AGENDA_ITEM]:
                continue
            for meeting in meetings:
                municipalities = keys_of.get(meeting, ())
                if not municipalities:
                    continue
                case_numbers = [
                    n for c in cases.get(item, ()) for n in self.objects(c, _P["caseNumber"])
                ]
                for key, doc, body_node, number, title in itertools.product(
                    municipalities,
                    sources.get(meeting, ()),
                    held_by.get(meeting, ()),
                    numbers.get(item, ()),
                    titles.get(item, ()),
                ):
                    for document, date, body, case, shut, proc in itertools.product(
                        names.get(doc, ()),
                        _optional(dates.get(meeting, [])),
                        _optional(self.objects(body_node, _PREF_LABEL)),
                        _optional(case_numbers),
                        _optional(closed.get(item, [])),
                        _optional(procedural.get(item, [])),
                    ):
                        out.append(
                            {
                                "municipality": key,
                                "item": item.value,
                                "document": to_python(document),
                                "date": to_python(date),
                                "body": to_python(body),
                                "number": to_python(number),
                                "title": to_python(title),
                                "case": to_python(case),
                                "closed": to_python(shut),
                                "procedural": to_python(proc),
                            }
                        )
        return out

    def _decisions(self, values, decisions, meeting_of, keys_of, dates) -> Iterator[Row]:
        """``report-decisions``' rows of one document graph."""
        if not decisions:
            return
        outcomes, decided_by = values(_P["outcome"]), values(_P["decidedBy"])
        texts, continued = values(_P["decisionText"]), values(_P["continuedBy"])
        for item, its in decisions.items():
            municipalities = [
                k for meeting in meeting_of.get(item, ()) for k in keys_of.get(meeting, ())
            ]
            for key, decision in itertools.product(municipalities, its):
                by_labels = [
                    label
                    for by in decided_by.get(decision, ())
                    for label in self.objects(by, _PREF_LABEL)
                ]
                for o in outcomes.get(decision, ()):
                    danish = [
                        label
                        for label in self.objects(o, _PREF_LABEL)
                        if isinstance(label, ox.Literal) and label.language == "da"
                    ]
                    for date, by, text, cont, da in itertools.product(
                        _optional(dates.get(decision, [])),
                        _optional(by_labels),
                        _optional(texts.get(decision, [])),
                        _optional(continued.get(decision, [])),
                        _optional(danish),
                    ):
                        yield {
                            "municipality": key,
                            "item": item.value,
                            "decision": decision.value,
                            "outcome": _strafter_hash(o),
                            "outcome_da": to_python(da),
                            "date": to_python(date),
                            "decided_by": to_python(by),
                            "text": to_python(text),
                            "continued_by": to_python(cont),
                        }

    def _votes(self, values, decisions, meeting_of, keys_of) -> Iterator[Row]:
        """``report-votes``' rows of one document graph."""
        votes = values(_P["vote"]) if decisions else {}
        if not votes:
            return
        positions, texts = values(_P["votePosition"]), values(_P["voteText"])
        item_of = {d: item for item, ds in decisions.items() for d in ds}
        for decision, its in votes.items():
            item = item_of.get(decision)
            if item is None:
                continue
            municipalities = [
                k for meeting in meeting_of.get(item, ()) for k in keys_of.get(meeting, ())
            ]
            for key, vote in itertools.product(municipalities, its):
                for p, text in itertools.product(positions.get(vote, ()), texts.get(vote, ())):
                    position = _POSITIONS.get(p)
                    if position is not None:
                        yield {
                            "municipality": key,
                            "decision": decision.value,
                            "position": position,
                            "voters": to_python(text),
                        }

    def _roles(self, values, types, in_item, bodies, meeting_of, keys_of) -> Iterator[Row]:
        """``map-roles``' rows of one document graph (no role parameter)."""
        roles = values(_P["centreRole"])
        if not roles:
            return
        evidence = values(_P["roleEvidence"])
        for mention, rs in roles.items():
            for r, item, entity in itertools.product(
                rs, in_item.get(mention, ()), bodies.get(mention, ())
            ):
                for meeting in meeting_of.get(item, ()):
                    if meeting not in types[_MEETING]:
                        continue
                    for _key in keys_of.get(meeting, ()):
                        for ev in _optional(evidence.get(mention, [])):
                            yield {
                                "item": item.value,
                                "entity": to_python(entity),
                                "role": _strafter_hash(r),
                                "evidence": to_python(ev),
                            }


def _plain(literal: ox.Literal) -> bool:
    """A literal a plain string parameter equals (``xsd:string``, no language)."""
    return literal.language is None and literal.datatype.value.endswith("#string")
