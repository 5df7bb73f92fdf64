"""A document's mentions read from its named graph, grouped into the links they support.

The compact graph keeps an entity's mentions in one item as one blank node with its entity,
item and every span (``rg:spans "start,end start,end …"``, :mod:`graph.rdf`,
:mod:`graph.spans`). Maps and the report show one sentence per entity and item, so they
read mentions document by document (a few index scans of one named graph, no join over the
archive): each node is a :class:`Link`, with its first span and how many spans it has. Its words and sentence come from the document's
text, read in the same pass (the text's sentence ends found once: :class:`graph.evidence.Sentences`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pyoxigraph as ox

from referatgraf.graph.evidence import Sentences
from referatgraf.graph.spans import parse_spans
from referatgraf.ontology.ns import OA_NS, RG_NS

__all__ = ["Link", "document_links", "document_text", "links_from"]

_IN_ITEM = ox.NamedNode(f"{RG_NS}inItem")
_BODY = ox.NamedNode(f"{OA_NS}hasBody")
_SPANS = ox.NamedNode(f"{RG_NS}spans")
_TYPE = ox.NamedNode(f"{RG_NS}mentionType")
_TEXT = ox.NamedNode(f"{RG_NS}text")
_DERIVED_FROM = ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")


@dataclass(frozen=True, slots=True)
class Link:
    """An entity named in an item of one document: its first mention and how many.

    ``stated`` is the mention type a mention says it has (``proposers``); None means the
    type of the entity's kind.
    """

    item: str
    entity: str
    stated: str | None
    start: int
    end: int
    mentions: int
    exact: str | None
    sentence: str | None


def document_links(store: ox.Store, graph: str) -> list[Link]:
    """The links of the document whose named graph is ``graph``, in order of first mention.

    Examples
    --------
    >>> s = ox.Store()
    >>> g, doc, item = (ox.NamedNode(f"https://e.org/{x}") for x in ("g", "d", "i"))
    >>> centre = ox.NamedNode("https://e.org/c")
    >>> text = "Intro. ØDC og ØDC indstiller en plan. Slut."
    >>> quads = [(g, _DERIVED_FROM, doc), (doc, _TEXT, ox.Literal(text))]
    >>> node = ox.BlankNode("m")
    >>> quads += [(node, _IN_ITEM, item), (node, _BODY, centre), (node, _SPANS, ox.Literal("7,10 14,17"))]
    >>> s.extend(ox.Quad(*q, g) for q in quads)
    >>> [(x.start, x.mentions, x.exact, x.sentence) for x in document_links(s, "https://e.org/g")]
    [(7, 2, 'ØDC', 'ØDC og ØDC indstiller en plan.')]
    """
    g = ox.NamedNode(graph)

    def values(predicate: ox.NamedNode) -> dict:
        return {q.subject: q.object for q in store.quads_for_pattern(None, predicate, None, g)}

    items = values(_IN_ITEM)
    if not items:
        return []
    return links_from(items, values(_BODY), values(_SPANS), values(_TYPE), document_text(store, g))


def links_from(
    items: Mapping, bodies: Mapping, spans: Mapping, stated: Mapping, text: str | None
) -> list[Link]:
    """The links of one document from its mention nodes' facts: each node's item, body
    (entity), spans literal and stated mention type (``{node: term}``, as read from the
    document's graph), and the document's text (None: no words or sentences), in order of
    first mention (:func:`document_links`)."""
    first: dict[tuple[str, str, str | None], list[int]] = {}
    for node, item in items.items():
        body, literal = bodies.get(node), spans.get(node)
        found = parse_spans(literal.value) if literal is not None else None
        if body is None or not found:
            continue
        kind = stated.get(node)
        key = (item.value, body.value, kind.value if kind is not None else None)
        start, end = min(found)
        seen = first.get(key)
        if seen is None:
            first[key] = [start, end, len(found)]
        else:  # not so in a graph referatgraf wrote (one node per item, entity and type)
            seen[2] += len(found)
            if (start, end) < (seen[0], seen[1]):
                seen[0], seen[1] = start, end
    sentences = Sentences(text) if text is not None else None
    links = [
        Link(
            item,
            entity,
            kind,
            start,
            end,
            count,
            text[start:end] if text is not None else None,
            sentences.around(start, end) if sentences is not None else None,
        )
        for (item, entity, kind), (start, end, count) in first.items()
    ]
    links.sort(key=lambda x: (x.start, x.end, x.entity, x.stated or ""))
    return links


def document_text(store: ox.Store, graph: ox.NamedNode) -> str | None:
    """The text of the document whose named graph is ``graph`` (None: not kept)."""
    for q in store.quads_for_pattern(graph, _DERIVED_FROM, None, graph):
        for t in store.quads_for_pattern(q.object, _TEXT, None, graph):
            return t.object.value
    return None
