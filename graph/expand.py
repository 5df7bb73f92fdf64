"""The full form of the compact graph: what it leaves to the source text, written out.

The store keeps an entity's mentions in one item as one blank node with its entity, item and
every span (``rg:spans``), and a section as its kind and span (:mod:`graph.rdf`). Consumers
that want the standard forms get them from :func:`full_quads` (``referatgraf export
--full``): the node becomes one Web Annotation per span (``oa:Annotation`` and
``rg:Mention``, labelled by :func:`graph.rdf.span_node` as each mention was before the
spans shared a node), with the node's entity, item and stated type and its own ``rg:span``
(a centre role and its quote go on the first one); its target is an ``oa:SpecificResource`` of the
source document with an ``oa:TextPositionSelector`` (start, end) and an
``oa:TextQuoteSelector`` (exact words, :data:`QUOTE_CONTEXT` characters of prefix and
suffix), plus its sentence as ``rg:evidence``; sections get their heading (``rdfs:label``)
and sections, attachments and mentions their ``rdf:type``.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox

from referatgraf.graph.evidence import sentence_around
from referatgraf.graph.rdf import heading_at, span_node
from referatgraf.graph.spans import parse_span, parse_spans, span_text
from referatgraf.graph.store import Store
from referatgraf.ontology.kinds import ENTITY_KINDS
from referatgraf.ontology.namespace import OA_NS, RG_NS

__all__ = ["QUOTE_CONTEXT", "full_quads"]

#: Characters of text kept before and after a mention (oa:prefix / oa:suffix).
QUOTE_CONTEXT = 32

_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
_XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")


def _rg(name: str) -> ox.NamedNode:
    return ox.NamedNode(f"{RG_NS}{name}")


def _oa(name: str) -> ox.NamedNode:
    return ox.NamedNode(f"{OA_NS}{name}")


_IN_ITEM, _SPAN, _SPANS, _TEXT = _rg("inItem"), _rg("span"), _rg("spans"), _rg("text")
_TYPE = _rg("mentionType")
#: Quads of a mentions node that go on its first annotation only (one role per centre).
_FIRST_ONLY = frozenset({_rg("centreRole"), _rg("roleEvidence")})
_KIND_OF_CLASS = {f"{RG_NS}{k.rdf_class}": k.record_key for k in ENTITY_KINDS}
_SECTION, _ATTACHMENT = _rg("section"), _rg("attachment")
_DERIVED_FROM = ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")


def _int(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=_XSD_INTEGER)


def full_quads(store: Store, *, keep_text: bool = True) -> Iterator[ox.Quad]:
    """Every quad of ``store`` and the quads its compact graph derives from the text.

    ``keep_text=False`` leaves out the documents' ``rg:text`` (the quotes and sentences are
    still written): for a copy whose literals are rewritten (pseudonyms), where the
    offsets would no longer fit the text.
    """
    for graph in store.oxigraph.named_graphs():
        yield from _graph_quads(store, graph, keep_text)
    yield from store.oxigraph.quads_for_pattern(None, None, None, ox.DefaultGraph())


def _graph_quads(store: Store, graph, keep_text: bool) -> Iterator[ox.Quad]:
    ox_store = store.oxigraph
    spans: dict[object, tuple[int, int] | None] = {}
    mentions = {q.subject: [] for q in ox_store.quads_for_pattern(None, _SPANS, None, graph)}
    sections: list = []
    attachments: list = []
    document = text = None
    for q in ox_store.quads_for_pattern(None, None, None, graph):
        p = q.predicate
        held = mentions.get(q.subject)
        if held is not None:
            held.append(q)
            continue
        if p == _TEXT:
            text = q.object.value
            if not keep_text:
                continue
        elif p == _DERIVED_FROM and q.subject == graph:
            document = q.object
        elif p == _SPAN:
            spans[q.subject] = parse_span(q.object.value)
        elif p == _SECTION:
            sections.append(q.object)
        elif p == _ATTACHMENT:
            attachments.append(q.object)
        yield q
    if document is not None and text is None:
        text = store.text(document.value)
    labelled = {q.subject for q in ox_store.quads_for_pattern(None, _LABEL, None, graph)}
    for node in attachments:
        yield ox.Quad(node, _RDF_TYPE, _rg("Attachment"), graph)
    for node in sections:
        yield ox.Quad(node, _RDF_TYPE, _rg("Section"), graph)
        span = spans.get(node)
        if text is not None and span is not None and node not in labelled:
            yield ox.Quad(node, _LABEL, ox.Literal(heading_at(text, span[0]), language="da"), graph)
    kinds: dict[object, str | None] = {}
    for quads in mentions.values():
        yield from _annotations(ox_store, quads, document, text, graph, kinds)


def _annotations(ox_store, quads: list, document, text: str | None, graph, kinds: dict):
    """One node's mentions, one Web Annotation each (see the module's description)."""
    by = {q.predicate: q.object for q in quads}
    found = parse_spans(by[_SPANS].value)
    entity = by.get(_oa("hasBody"))
    if not found or entity is None:
        return
    stated = by.get(_TYPE)
    type_ = stated.value if stated is not None else _kind(ox_store, entity, kinds)
    for i, (start, end) in enumerate(found):
        node = ox.BlankNode(span_node(graph.value, start, end, type_ or "")[2:])
        for q in quads:
            if q.predicate == _SPANS:
                yield ox.Quad(node, _SPAN, ox.Literal(span_text(start, end)), graph)
            elif i == 0 or q.predicate not in _FIRST_ONLY:
                yield ox.Quad(node, q.predicate, q.object, graph)
        if document is not None:
            yield from _annotation(node, document, start, end, text, graph)


def _kind(ox_store, entity, kinds: dict) -> str | None:
    """The mention type of an entity's kind (``centres`` for a centre), looked up once."""
    if entity not in kinds:
        types = (q.object.value for q in ox_store.quads_for_pattern(entity, _RDF_TYPE, None))
        kinds[entity] = next((_KIND_OF_CLASS[t] for t in types if t in _KIND_OF_CLASS), None)
    return kinds[entity]


def _annotation(node, document, start: int, end: int, text: str | None, graph) -> Iterator[ox.Quad]:
    """The Web Annotation of one mention: types, target, selectors, evidence."""
    target, position, quote = ox.BlankNode(), ox.BlankNode(), ox.BlankNode()
    yield ox.Quad(node, _RDF_TYPE, _rg("Mention"), graph)
    yield ox.Quad(node, _RDF_TYPE, _oa("Annotation"), graph)
    yield ox.Quad(node, _oa("hasTarget"), target, graph)
    yield ox.Quad(target, _RDF_TYPE, _oa("SpecificResource"), graph)
    yield ox.Quad(target, _oa("hasSource"), document, graph)
    yield ox.Quad(target, _oa("hasSelector"), position, graph)
    yield ox.Quad(position, _RDF_TYPE, _oa("TextPositionSelector"), graph)
    yield ox.Quad(position, _oa("start"), _int(start), graph)
    yield ox.Quad(position, _oa("end"), _int(end), graph)
    if text is None:
        return
    yield ox.Quad(target, _oa("hasSelector"), quote, graph)
    yield ox.Quad(quote, _RDF_TYPE, _oa("TextQuoteSelector"), graph)
    yield ox.Quad(quote, _oa("exact"), ox.Literal(text[start:end]), graph)
    prefix = text[max(0, start - QUOTE_CONTEXT) : start]
    suffix = text[end : end + QUOTE_CONTEXT]
    if prefix:
        yield ox.Quad(quote, _oa("prefix"), ox.Literal(prefix), graph)
    if suffix:
        yield ox.Quad(quote, _oa("suffix"), ox.Literal(suffix), graph)
    sentence = sentence_around(text, start, end)
    yield ox.Quad(node, _rg("evidence"), ox.Literal(sentence, language="da"), graph)
