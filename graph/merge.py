"""Merging entity variants in the store, as an alias file says (:mod:`referatgraf.extract.aliases`).

``build`` applies the aliases to what it reads, but documents built before an alias was
written (and skipped as unchanged) still name the variant. :func:`merge_aliases` rewrites
the store in the build's transaction: every triple that points to a variant points to the
entity's name instead, the variant's description goes, and the entity keeps the variant as
``skos:altLabel`` (what was written stays in each mention's quote and evidence).

Removing an alias does not split the entity again in documents already built: build them
anew (into a fresh store, or after changing the documents).
"""

from __future__ import annotations

import logging

import pyoxigraph as ox

from referatgraf.extract.aliases import Aliases
from referatgraf.graph.iris import DEFAULT_BASE, Iris, slug
from referatgraf.graph.store import Store
from referatgraf.ontology.kinds import ENTITY_KINDS, EntityKind
from referatgraf.ontology.namespace import RG

__all__ = ["merge_aliases"]

log = logging.getLogger(__name__)

_KINDS = {k.record_key: k for k in ENTITY_KINDS}
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_FOAF = "http://xmlns.com/foaf/0.1/"
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def _described(store: Store, node: ox.NamedNode) -> bool:
    return bool(store.oxigraph.query(f"ASK {{ {node} a ?class }}", use_default_graph_as_union=True))


def _referred(store: Store, node: ox.NamedNode) -> bool:
    return bool(store.oxigraph.query(f"ASK {{ ?s ?p {node} }}", use_default_graph_as_union=True))


def _description(kind: EntityKind, node: ox.NamedNode, name: str, iris: Iris) -> list[ox.Triple]:
    out = [ox.Triple(node, _RDF_TYPE, ox.NamedNode(str(RG[kind.rdf_class])))]
    if kind.named_by == "foaf:name":
        out.append(ox.Triple(node, ox.NamedNode(f"{_FOAF}name"), ox.Literal(name)))
    else:
        out.append(
            ox.Triple(node, ox.NamedNode(f"{_SKOS}prefLabel"), ox.Literal(name, language="da"))
        )
    if kind.name == "person":
        out.append(ox.Triple(node, ox.NamedNode(str(RG.key)), ox.Literal(name)))
    if kind.name == "strategy":
        scheme = ox.NamedNode(iris.strategy_scheme())
        out.append(ox.Triple(node, ox.NamedNode(f"{_SKOS}inScheme"), scheme))
    if kind.name == "centre":
        out.append(ox.Triple(node, ox.NamedNode(f"{_SKOS}notation"), ox.Literal(name)))
    return out


def merge_aliases(store: Store, aliases: Aliases, *, base: str = DEFAULT_BASE) -> int:
    """Merge every variant the store holds into its entity; returns how many were merged.

    Only variants some graph refers to are touched, so a second call does nothing.
    """
    iris = Iris(base, aliases.key)
    graph = ox.NamedNode(iris.entities_graph())
    merged = 0
    for entry in aliases.entries:
        kind = _KINDS[entry.kind]
        target = ox.NamedNode(iris.entity(kind, entry.name))
        for variant in entry.variants:
            if slug(variant) == slug(entry.name):
                continue  # the same IRI already: nothing to move
            source = ox.NamedNode(iris.entity(kind, variant))
            if not _referred(store, source):
                continue
            store.oxigraph.update(
                f"DELETE {{ GRAPH ?g {{ ?s ?p {source} }} }} "
                f"INSERT {{ GRAPH ?g {{ ?s ?p {target} }} }} "
                f"WHERE {{ GRAPH ?g {{ ?s ?p {source} }} }}"
            )
            store.oxigraph.update(f"DELETE WHERE {{ GRAPH ?g {{ {source} ?p ?o }} }}")
            quads = (
                [] if _described(store, target) else _description(kind, target, entry.name, iris)
            )
            quads.append(
                ox.Triple(
                    target, ox.NamedNode(f"{_SKOS}altLabel"), ox.Literal(variant, language="da")
                )
            )
            store.oxigraph.extend(ox.Quad(t.subject, t.predicate, t.object, graph) for t in quads)
            merged += 1
            log.info("%s: merged %s %r into %r", aliases.path, kind.name, variant, entry.name)
    return merged
