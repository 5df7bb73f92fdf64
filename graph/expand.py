"""The full form of the compact graph: what it leaves to the source text, written out.

The store keeps a mention as a blank node with its entity, item and span, and a section as
its kind and span (:mod:`graph.rdf`). Consumers that want the standard forms get them from
:func:`full_quads` (``referatgraf export --full``): every mention becomes a Web Annotation
(``oa:Annotation`` and ``rg:Mention``) whose target is an ``oa:SpecificResource`` of the
source document with an ``oa:TextPositionSelector`` (start, end) and an
``oa:TextQuoteSelector`` (exact words, :data:`QUOTE_CONTEXT` characters of prefix and
suffix), plus its sentence as ``rg:evidence``; sections get their heading (``rdfs:label``)
and sections, attachments and mentions their ``rdf:type``.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox

from referatgraf.graph.evidence import sentence_around
from referatgraf.graph.rdf import heading_at
from referatgraf.graph.spans import parse_span
from referatgraf.graph.store import Store
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


_IN_ITEM, _SPAN, _TEXT = _rg("inItem"), _rg("span"), _rg("text")
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
    sections: list = []
    attachments: list = []
    document = text = None
    for q in ox_store.quads_for_pattern(None, None, None, graph):
        p = q.predicate
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
    mentions = [n for n in ox_store.quads_for_pattern(None, _IN_ITEM, None, graph)]
    for q in mentions:
        span = spans.get(q.subject)
        if span is None or document is None:
            continue
        yield from _annotation(q.subject, document, *span, text, graph)


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
