"""The full form of the compact store: Web Annotation selectors and headings from the text."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from referatgraf.graph.expand import QUOTE_CONTEXT, full_quads
from referatgraf.graph.spans import parse_span, parse_spans
from referatgraf.graph.validate import validate_graph
from referatgraf.ontology.namespace import OA, RG
from tests.graph.conftest import BASE


def full_union(store) -> Graph:
    """The union of the full form's graphs, as rdflib sees it."""
    g = Graph()
    for q in full_quads(store):
        g.add(tuple(_rdflib(t) for t in (q.subject, q.predicate, q.object)))
    return g


def _rdflib(t):
    import pyoxigraph as ox
    from rdflib import BNode

    if isinstance(t, ox.NamedNode):
        return URIRef(t.value)
    if isinstance(t, ox.BlankNode):
        return BNode(t.value)
    if t.language:
        return Literal(t.value, lang=t.language)
    if t.datatype.value.endswith("#string"):
        return Literal(t.value)
    return Literal(t.value, datatype=URIRef(t.datatype.value))


def test_every_mention_becomes_a_web_annotation_with_both_selectors(htk_store, htk_records):
    ds = full_union(htk_store)
    mentions = set(ds.subjects(RG.inItem, None))
    assert len(mentions) == len(set(ds.subjects(RDF.type, OA.Annotation))) > 50
    record = next(r for r in htk_records if r.document.startswith("000"))
    odc = URIRef(f"{BASE}hoeje-taastrup/centre/oedc")
    [proposal] = [
        m
        for m in ds.subjects(OA.hasBody, odc)
        if ds.value(m, RG.mentionType) == Literal("proposers")
    ]
    target = ds.value(proposal, OA.hasTarget)
    assert ds.value(target, OA.hasSource) == URIRef(
        f"{BASE}hoeje-taastrup/document/000-836a6ecce7b52eca-txt"
    )
    selectors = {ds.value(s, RDF.type): s for s in ds.objects(target, OA.hasSelector)}
    position, quote = selectors[OA.TextPositionSelector], selectors[OA.TextQuoteSelector]
    start, end = ds.value(position, OA.start).toPython(), ds.value(position, OA.end).toPython()
    assert (start, end) == parse_span(str(ds.value(proposal, RG.span)))
    assert str(ds.value(quote, OA.exact)) == record.text[start:end] == "ØDC"
    assert str(ds.value(quote, OA.prefix)) == record.text[start - QUOTE_CONTEXT : start]
    assert str(ds.value(quote, OA.suffix)) == record.text[end : end + QUOTE_CONTEXT]
    assert str(ds.value(proposal, RG.evidence)).startswith("ØDC indstiller at direktionen drøfter")


def test_sections_get_their_headings_and_the_full_form_conforms(htk_store):
    ds = full_union(htk_store)
    section = URIRef(f"{BASE}hoeje-taastrup/meeting/direktionen/2017-10-24/item/2/section/2")
    assert ds.value(section, RDFS.label) == Literal(
        "Beslutning Direktionen den 24-10-2017", lang="da"
    )
    assert (section, RDF.type, RG.Section) in ds
    report = validate_graph(ds)
    assert report.conforms, report.summary()


def test_the_compact_store_leaves_sixteen_triples_a_mention_to_the_text(htk_store):
    compact = len(htk_store)
    rows = htk_store.query("SELECT ?spans WHERE { ?m rg:inItem ?i ; rg:spans ?spans }")
    mentions = sum(len(parse_spans(str(r["spans"]))) for r in rows)
    full = sum(1 for _ in full_quads(htk_store))
    # each mention: its annotation's 16 or more derived quads, and its own entity, item and
    # span where the store has one node of three for all the entity's mentions in the item
    assert full - compact >= 16 * mentions + 3 * (mentions - len(rows)) > 0
