"""Records to RDF: the golden document graph, shapes, stable IRIs, spans and evidence."""

from __future__ import annotations

import dataclasses
import re

import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from referatgraf.extract.model import (
    AgendaItem,
    CentreRole,
    Decision,
    Meeting,
    Mention,
    Record,
    Source,
)
from referatgraf.extract.profile import EMPTY_PROFILE
from referatgraf.graph.evidence import sentence_around
from referatgraf.graph.rdf import (
    bind_prefixes,
    heading_at,
    profile_graph,
    record_graph,
    record_graphs,
)
from referatgraf.graph.spans import SPAN_PATTERN, SPANS_PATTERN, parse_span, parse_spans
from referatgraf.graph.validate import validate_graph
from referatgraf.ontology.namespace import OA, RG
from tests.conftest import GOLDEN
from tests.graph.conftest import BASE, HTK

GOLDEN_DOC = "000_836a6ecce7b52eca"


def portable(record: Record) -> Record:
    """The record with a repository-relative source path (the golden must not name /work)."""
    path = f"data/minutes/htk-direktionen/{record.document}"
    return dataclasses.replace(record, source=dataclasses.replace(record.source, path=path))


def nt_lines(g: Graph) -> str:
    return "\n".join(sorted(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in g))


def union(*graphs: Graph) -> Graph:
    out = Graph()
    for g in graphs:
        for triple in g:
            out.add(triple)
    return out


def full_graph(record: Record, profile=HTK) -> Graph:
    """A document's graph with its entities and the profile: what the store holds for it."""
    graphs = record_graphs(record, profile, base=BASE)
    return union(graphs.document, graphs.entities, profile_graph(profile, base=BASE))


def test_graph_of_a_bundled_document_matches_the_reviewed_golden(htk_records, update_golden):
    record = portable(next(r for r in htk_records if r.document.startswith(GOLDEN_DOC)))
    built = record_graphs(record, HTK, base=BASE)
    golden_file = GOLDEN / f"{GOLDEN_DOC}.trig"
    if update_golden:
        ds = bind_prefixes(Dataset(), BASE)
        for g in (built.document, built.entities):
            target = ds.graph(g.identifier)
            for triple in g:
                target.add(triple)
        golden_file.write_text(ds.serialize(format="trig"), encoding="utf-8")
    golden = Dataset().parse(golden_file, format="trig")
    for g in (built.document, built.entities):
        expected = golden.graph(g.identifier)
        assert len(expected) > 0, f"{golden_file} has no graph {g.identifier}"
        if not isomorphic(g, expected):
            _, only_built, only_golden = graph_diff(to_isomorphic(g), to_isomorphic(expected))
            pytest.fail(
                f"graph {g.identifier} differs from {golden_file.name} "
                "(run pytest --update-golden after review)\n"
                f"only in the built graph:\n{nt_lines(only_built)}\n"
                f"only in the golden:\n{nt_lines(only_golden)}"
            )


def test_every_bundled_document_graph_conforms_to_the_shapes(htk_records):
    for record in htk_records:
        report = validate_graph(full_graph(record))
        assert report.conforms, f"{record.document}\n{report.summary()}"


def test_shared_entities_are_described_outside_the_document_graph(htk_records):
    record = next(r for r in htk_records if r.document.startswith("004"))
    graphs = record_graphs(record, HTK, base=BASE)
    christina = URIRef(f"{BASE}hoeje-taastrup/person/christina")
    assert (None, OA.hasBody, christina) in graphs.document
    assert (christina, RDF.type, RG.Person) in graphs.entities
    assert (christina, None, None) not in graphs.document
    byc = URIRef(f"{BASE}hoeje-taastrup/centre/byc")  # described by the profile graph
    assert (byc, None, None) not in graphs.entities
    assert (byc, RDF.type, RG.Centre) in profile_graph(HTK, base=BASE)


def test_the_profile_graph_conforms_to_the_shapes():
    report = validate_graph(profile_graph(HTK, base=BASE))
    assert report.conforms, report.summary()


def test_a_broken_graph_is_reported_with_focus_and_path(htk_records):
    g = full_graph(htk_records[0])
    decision = next(g.subjects(RDF.type, RG.Decision))
    g.remove((decision, RG.outcome, None))
    report = validate_graph(g)
    assert not report.conforms
    assert any(v.focus == str(decision) and v.path == str(RG.outcome) for v in report.violations)


def test_iris_are_stable_across_documents(htk_records):
    graphs = [record_graph(r, HTK, base=BASE) for r in htk_records]
    case = URIRef(f"{BASE}hoeje-taastrup/case/16-26813")
    holding = [g for g in graphs if (None, RG.case, case) in g]
    assert len(holding) == 2  # 000 (items 1-2) and 003 (items 1, 2, 8)
    hrc = URIRef(f"{BASE}hoeje-taastrup/centre/hrc")
    assert sum((None, RG.proposedBy, hrc) in g for g in graphs) == 2  # 000/5 and 004/3


def test_each_document_graph_is_derived_from_its_source(htk_records):
    record = htk_records[0]
    g = record_graph(record, HTK, base=BASE)
    doc = g.value(g.identifier, PROV.wasDerivedFrom)
    assert g.value(doc, RG.sha256) == Literal(record.source.sha256)
    assert g.value(doc, RG.documentName) == Literal(record.document)


def test_mentions_are_spans_of_the_text_the_document_keeps_once(htk_records):
    record = next(r for r in htk_records if r.document.startswith("000"))
    g = record_graph(record, HTK, base=BASE)
    odc = URIRef(f"{BASE}hoeje-taastrup/centre/oedc")
    proposals = [
        m for m in g.subjects(OA.hasBody, odc) if g.value(m, RG.mentionType) == Literal("proposers")
    ]
    assert len(proposals) == 1
    mention = proposals[0]
    assert isinstance(mention, BNode)
    [(start, end)] = parse_spans(str(g.value(mention, RG.spans)))  # "ØDC indstiller" once
    doc = g.value(g.identifier, PROV.wasDerivedFrom)
    text = str(g.value(doc, RG.text))
    assert text == record.text  # kept once, whole: every offset refers to it
    assert text[start:end] == "ØDC"
    assert sentence_around(text, start, end).startswith("ØDC indstiller at direktionen drøfter")
    item = g.value(mention, RG.inItem)
    assert (item, RG.proposedBy, odc) in g
    assert str(g.value(item, DCTERMS.title)) == "Proces i forhold til ny digitaliseringsstrategi"


def test_an_entitys_mentions_in_an_item_are_one_node_of_three_triples(htk_records):
    record = next(r for r in htk_records if r.document.startswith("000"))
    g = record_graph(record, HTK, base=BASE)
    nodes = set(g.subjects(RG.inItem, None))
    keys = {
        (g.value(m, RG.inItem), g.value(m, OA.hasBody), g.value(m, RG.mentionType)) for m in nodes
    }
    assert len(keys) == len(nodes) > 20  # one node per item, entity and stated type
    spans = {(m, span) for m in nodes for span in parse_spans(str(g.value(m, RG.spans))) or ()}
    mentions = {(m.start, m.end, m.type) for it in record.items for m in it.mentions}
    assert len(spans) == len(mentions) >= len(nodes)  # every mention kept
    for m in nodes:
        stated = g.value(m, RG.mentionType)
        role = 2 if g.value(m, RG.centreRole) is not None else 0  # role and its quote
        assert len(list(g.predicate_objects(m))) == (4 if stated else 3) + role
        assert stated in (None, Literal("proposers"))
        assert re.fullmatch(SPANS_PATTERN, str(g.value(m, RG.spans)))
    # a section keeps its kind and span; its heading is the line at its start
    section = URIRef(f"{BASE}hoeje-taastrup/meeting/direktionen/2017-10-24/item/2/section/2")
    assert g.value(section, RDFS.label) is None
    assert heading_at(record.text, parse_span(str(g.value(section, RG.span)))[0]) == (
        "Beslutning Direktionen den 24-10-2017"
    )


def test_a_centre_variant_resolves_to_the_centre_code(htk_records):
    record = next(r for r in htk_records if r.document.startswith("000"))
    g = record_graph(record, HTK, base=BASE)
    drby = URIRef(f"{BASE}hoeje-taastrup/centre/drby")
    item = URIRef(f"{BASE}hoeje-taastrup/meeting/direktionen/2017-10-24/item/4")
    assert any((m, OA.hasBody, drby) in g for m in g.subjects(RG.inItem, item))  # "DB"


SOURCE = Source(path="x.txt", sha256="a" * 64, format="text", text_sha256="b" * 64)


def test_a_postponed_decision_is_continued_by_the_next_one():
    item = AgendaItem(
        number=1,
        title="Status",
        case_number="19/24995",
        closed=False,
        start=0,
        end=40,
        decisions=(
            Decision("Direktionen", "2020-09-28", "postponed", "Udskudt.", 0, 10, 5),
            Decision("Direktionen", "2020-10-05", "approved", "Godkendt.", 10, 20, 15),
        ),
    )
    meeting = Meeting(body="Direktionen", date="2020-10-05", start_time="09:00", place=None)
    record = Record("x.txt", SOURCE, meeting, (item,), text="x" * 40)
    g = full_graph(record, EMPTY_PROFILE)
    first, second = sorted(g.subjects(RDF.type, RG.Decision))
    assert (first, RG.continuedBy, second) in g
    assert (first, RG.outcome, RG.postponed) in g
    assert validate_graph(g).conforms


def test_an_unknown_mention_type_is_refused():
    item = AgendaItem(
        1, "T", None, False, 0, 5, mentions=(Mention("planets", "Mars", "Mars", 0, 4, "x"),)
    )
    meeting = Meeting(body="Direktionen", date=None, start_time=None, place=None)
    with pytest.raises((ValueError, KeyError)):
        record_graph(Record("x.txt", SOURCE, meeting, (item,), text="Mars!"), EMPTY_PROFILE)


def test_prepared_nquads_hold_the_record_literal_for_literal(htk_records):
    """What the writer bulk-loads parses strictly and keeps texts, tags and datatypes."""
    import pyoxigraph as ox

    from referatgraf.graph.build import prepare_document

    xsd = "http://www.w3.org/2001/XMLSchema#"
    for record in htk_records:
        prepared = prepare_document(record, HTK, base=BASE)
        quads = list(ox.parse(prepared.nquads, format=ox.RdfFormat.N_QUADS))
        assert (
            len(set(quads))
            == len(quads)
            == prepared.triples
            == len(record_graphs(record, HTK, base=BASE))
        )
        values: dict[str, list[ox.Literal]] = {}
        for q in quads:
            if isinstance(q.object, ox.Literal):
                values.setdefault(q.predicate.value, []).append(q.object)
        [text] = values[str(RG.text)]
        assert text.value == record.text and text.datatype.value == f"{xsd}string"
        titles = {t.value for t in values[str(DCTERMS.title)]}
        assert {it.title for it in record.items} <= titles
        decisions = {d.text for it in record.items for d in it.decisions}
        assert {t.value for t in values.get(str(RG.decisionText), [])} == decisions
        assert all(t.language == "da" for t in values.get(str(RG.decisionText), []))
        spans = values[str(RG.span)]
        assert spans and all(s.datatype.value == f"{xsd}string" for s in spans)
        assert all(re.fullmatch(SPAN_PATTERN, s.value) for s in spans)
        assert str(RG.start) not in values and str(RG.end) not in values  # one literal a span


def test_each_centre_role_sits_on_the_mention_that_justifies_it(htk_records):
    record = next(r for r in htk_records if r.document.startswith("000"))
    g = record_graph(record, HTK, base=BASE)
    item = next(i for i in record.items if i.number == 4)
    item_iri = next(i for i in g.subjects(RG.number, Literal(4, datatype=XSD.integer)))
    found = {}
    for mention, role in g.subject_objects(RG.centreRole):
        if (mention, RG.inItem, item_iri) not in g:
            continue
        body = str(next(g.objects(mention, OA.hasBody))).rsplit("/", 1)[-1]
        found[body] = (str(role).rsplit("#", 1)[-1], str(next(g.objects(mention, RG.roleEvidence))))
    by_code = {r.centre: r for r in item.roles}
    for code in ("byc", "fkc", "drby"):
        role = by_code[code.upper()]
        assert found[code] == (role.role, role.quote)
    assert found["byc"][0] == "lead" and "forankres i BYC" in found["byc"][1]
    # the owning roles are linked from the item too, as rg:proposedBy links a proposer
    centre = f"{BASE}hoeje-taastrup/centre/"
    assert set(g.objects(item_iri, RG.ledBy)) == {URIRef(centre + "byc")}
    assert {str(o).rsplit("/", 1)[-1] for o in g.objects(item_iri, RG.involves)} == {
        code for code, (role, _) in found.items() if role == "involved"
    }
    # one role per centre and item: as many role-bearing mentions as centres with roles
    assert len(set(g.subjects(RG.centreRole, None))) == sum(len(i.roles) for i in record.items)


def test_shapes_refuse_a_second_role_for_one_centre_and_a_role_on_a_non_centre(htk_records):
    record = next(r for r in htk_records if r.document.startswith("000"))
    g = full_graph(record)
    byc = URIRef(f"{BASE}hoeje-taastrup/centre/byc")
    lead = next(m for m in g.subjects(RG.centreRole, RG.lead) if (m, OA.hasBody, byc) in g)
    item = next(g.objects(lead, RG.inItem))
    other = next(
        m for m in g.subjects(RG.inItem, item) if (m, RG.centreRole, None) not in g and m != lead
    )
    g.add((other, RG.centreRole, RG.listed))
    g.add((other, RG.roleEvidence, Literal("x", lang="da")))
    g.set((other, OA.hasBody, byc))
    report = validate_graph(g)
    assert not report.conforms
    assert any(v.focus == str(item) and "one role" in v.message for v in report.violations)
    g2 = full_graph(record)
    person = next(
        m
        for m in g2.subjects(RG.inItem, None)
        if (g2.value(m, OA.hasBody), RDF.type, RG.Person) in g2
    )
    g2.add((person, RG.centreRole, RG.lead))
    g2.add((person, RG.roleEvidence, Literal("x", lang="da")))
    report = validate_graph(g2)
    assert any(v.focus == str(person) and v.path == str(OA.hasBody) for v in report.violations)


@pytest.mark.parametrize(
    ("span", "message"),
    [
        ("9,3", "must start before it ends"),  # a mention's span: start before end
        ("5,5", "must start before it ends"),
        ("1,4 9,3", "must each start before they end"),  # every span of the list
        ("5,9 1,4", "in text order"),
        ("1,4 1,4", "each once"),
        ("5-9", "needs one list of spans"),  # not "start,end"
        ("-1,4", "needs one list of spans"),
        ("1,4,", "needs one list of spans"),
        ("1,4  5,9", "needs one list of spans"),
    ],
)
def test_a_broken_mention_span_is_a_violation(htk_records, span, message):
    g = full_graph(htk_records[0])
    mention = next(g.subjects(RG.inItem, None))
    g.set((mention, RG.spans, Literal(span)))
    report = validate_graph(g)
    assert not report.conforms
    assert any(v.focus == str(mention) and message in v.message for v in report.violations)


def test_a_span_that_ends_before_it_starts_is_a_violation(htk_records):
    g = full_graph(htk_records[0])
    section = next(g.objects(None, RG.section))
    start, end = parse_span(str(g.value(section, RG.span)))
    g.set((section, RG.span, Literal(f"{end + 1},{start}")))
    report = validate_graph(g)
    assert any(v.focus == str(section) and "start after" in v.message for v in report.violations)
    g.set((section, RG.span, Literal(f"{start},{end}")))
    assert validate_graph(g).conforms


def test_a_mention_node_has_its_spans_as_one_list_or_one_span_never_both(htk_records):
    g = full_graph(htk_records[0])
    mention = next(g.subjects(RG.spans, None))
    first = parse_spans(str(g.value(mention, RG.spans)))[0]
    g.add((mention, RG.span, Literal(f"{first[0]},{first[1]}")))  # both: refused
    assert any(v.focus == str(mention) for v in validate_graph(g).violations)
    g.remove((mention, RG.spans, None))  # one span, as the full form writes it: accepted
    assert validate_graph(g).conforms
    g.remove((mention, RG.span, None))  # neither: refused
    assert any(v.focus == str(mention) for v in validate_graph(g).violations)


def test_repeated_mentions_of_an_entity_in_an_item_share_one_node_with_its_role():
    text = "ØDC indstiller. ØDC og ØDC (Økonomicentret) leder arbejdet. Lars Holte, Lars Holte."
    at = [i for i in range(len(text)) if text.startswith("ØDC", i)]
    holte = [i for i in range(len(text)) if text.startswith("Lars Holte", i)]
    mentions = (
        *(Mention("centres", "ØDC", "ØDC", a, a + 3, "x") for a in reversed(at)),
        Mention("proposers", "ØDC", "ØDC", at[0], at[0] + 3, "x"),
        *(Mention("people", "Lars Holte", "Lars Holte", a, a + 10, "x") for a in holte),
        Mention("people", "Lars Holte", "Lars Holte", holte[0], holte[0] + 10, "x"),  # twice
    )
    role = CentreRole("ØDC", "lead", "x", ((16, 59),), at[1], at[1] + 3, "ØDC og ØDC leder")
    item = AgendaItem(1, "T", None, False, 0, len(text), mentions=mentions, roles=(role,))
    meeting = Meeting(body="Direktionen", date="2020-10-05", start_time=None, place=None)
    g = full_graph(Record("x.txt", SOURCE, meeting, (item,), text=text))
    nodes = set(g.subjects(RG.inItem, None))
    spans = {
        str(g.value(m, RG.mentionType) or g.value(m, OA.hasBody)).rsplit("/", 1)[-1]: str(
            g.value(m, RG.spans)
        )
        for m in nodes
    }
    assert spans == {
        "oedc": " ".join(f"{a},{a + 3}" for a in at),  # in text order, whatever the input's
        "proposers": f"{at[0]},{at[0] + 3}",
        "lars-holte": " ".join(f"{a},{a + 10}" for a in holte),
    }
    [lead] = g.subjects(RG.centreRole, RG.lead)  # on the centre's node: not the first span's
    assert g.value(lead, RG.mentionType) is None and str(g.value(lead, RG.roleEvidence)) == (
        "ØDC og ØDC leder"
    )
    item_iri = g.value(lead, RG.inItem)
    centre, holte = g.value(lead, OA.hasBody), URIRef(f"{BASE}hoeje-taastrup/person/lars-holte")
    assert set(g.objects(item_iri, RG.mentions)) == {centre, holte}  # once each
    assert set(g.objects(item_iri, RG.proposedBy)) == {centre}
    assert validate_graph(g).conforms, validate_graph(g).summary()
