"""A document's graphs as N-Quads bytes: the form in which they travel to the store's writer.

Extraction workers make a document's graphs and serialise them (with Oxigraph's
serialiser); the single writer of the store only bulk-loads the bytes. Bytes cross
process and machine boundaries (``--jobs``, ``--dask``) as cheaply as anything can.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

__all__ = ["OxigraphTerms", "quads_nquads"]


class OxigraphTerms:
    """Converts rdflib terms to pyoxigraph terms, remembering each (IRIs repeat a lot).

    >>> terms = OxigraphTerms()
    >>> terms(Literal("7", datatype=URIRef("http://www.w3.org/2001/XMLSchema#integer")))
    <Literal value=7 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>
    >>> terms(Literal("Direktionen", lang="da")).language
    'da'
    """

    def __init__(self) -> None:
        self._seen: dict[Node, ox.NamedNode | ox.BlankNode | ox.Literal] = {}

    def __call__(self, term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
        converted = self._seen.get(term)
        if converted is None:
            converted = self._seen[term] = _convert(term)
        return converted


def _convert(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def quads_nquads(graphs: Iterable[tuple[Node, Iterable[tuple[Node, Node, Node]]]]) -> bytes:
    """N-Quads of (graph name, triples) pairs.

    >>> from rdflib.namespace import RDFS
    >>> g, s = URIRef("https://example.org/g"), URIRef("https://example.org/s")
    >>> quads_nquads([(g, [(s, RDFS.label, Literal("to\\nlinjer", lang="da"))])]).decode()
    '<https://example.org/s> <http://www.w3.org/2000/01/rdf-schema#label> "to\\\\nlinjer"@da <https://example.org/g> .\\n'
    """
    term = OxigraphTerms()
    quads = [
        ox.Quad(term(s), term(p), term(o), term(graph))
        for graph, triples in graphs
        for s, p, o in triples
    ]
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
