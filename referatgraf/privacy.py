"""Pseudonymised copies of the store's RDF, for ``export --pseudonymise``.

People's names become stable keyed pseudonyms (:mod:`viz.pseudonym`, the same as in
maps and reports): in every text literal (names, quotes, evidence sentences, decision
texts) and in the IRIs of people. Centres, strategies, bodies and cases stay readable.
The copy is the full form of the graph (:func:`referatgraf.graph.expand.full_quads`)
without the documents' texts: a text with names replaced would no longer match the
offsets, and its quotes and sentences are written out instead.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

import pyoxigraph as ox

from referatgraf.graph.evidence import DocumentTexts
from referatgraf.graph.expand import full_quads
from referatgraf.graph.iris import slug
from referatgraf.graph.store import Store
from referatgraf.viz.pseudonym import Pseudonymiser

__all__ = ["pseudonymised_quads"]

_STRING_TYPES = {
    "http://www.w3.org/2001/XMLSchema#string",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString",
}
_PEOPLE = """
SELECT DISTINCT ?person ?name ?doc ?start ?end WHERE {
  ?person a rg:Person ; foaf:name ?name .
  OPTIONAL { GRAPH ?g { ?m oa:hasBody ?person ; rg:start ?start ; rg:end ?end }
             ?g prov:wasDerivedFrom ?doc }
}"""


def pseudonymised_quads(store: Store, secret: str) -> Iterator[ox.Quad]:
    """Every quad of ``store`` with people's names replaced by pseudonyms."""
    forms: dict[str, set[str]] = defaultdict(set)
    iris: dict[str, str] = {}
    texts = DocumentTexts(store, keep=1)
    for row in sorted(store.query(_PEOPLE), key=lambda r: str(r["doc"])):
        name = str(row["name"])
        exact = None
        if row["doc"] is not None:
            exact = texts.words(str(row["doc"]), int(row["start"]), int(row["end"]))
        forms[name].update(f for f in (name, exact) if f)
        # first and last names alone too: quotes cut at a window edge, possessives
        parts = name.split()
        if len(parts) > 1:
            forms[name].update(w for w in (parts[0], parts[-1], parts[-1] + "s") if len(w) > 2)
        iris[str(row["person"])] = name
    p = Pseudonymiser(secret, forms)
    # IRIs minted from a person's key (the person, a membership, …) carry the name's
    # slug as a path segment: replace that segment wherever it occurs.
    segments = {slug(name): slug(p.name(name)) for name in set(iris.values())}

    def iri(value: str) -> str:
        return "/".join(segments.get(part, part) for part in value.split("/"))

    def term(t):
        if isinstance(t, ox.NamedNode):
            new = iri(t.value)
            return ox.NamedNode(new) if new != t.value else t
        if isinstance(t, ox.Literal) and t.datatype.value in _STRING_TYPES:
            text = p.text(t.value)
            if text != t.value:
                return ox.Literal(text, language=t.language) if t.language else ox.Literal(text)
        return t

    for q in full_quads(store, keep_text=False):
        graph = term(q.graph_name) if isinstance(q.graph_name, ox.NamedNode) else q.graph_name
        yield ox.Quad(term(q.subject), q.predicate, term(q.object), graph)
