"""The Turtle vocabulary, its Python mirror and the SHACL shapes agree."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS, SH

from referatgraf.ontology import SHAPES_TTL, VOCABULARY_TTL
from referatgraf.ontology.namespace import RG, RG_NS


@pytest.fixture(scope="module")
def vocabulary() -> Graph:
    return Graph().parse(VOCABULARY_TTL, format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES_TTL, format="turtle")


def declared(g: Graph) -> set:
    return {s for s in g.subjects(RDF.type, None) if str(s).startswith(RG_NS)}


def test_namespace_matches_turtle(vocabulary):
    assert declared(vocabulary) == {RG[name] for name in RG.__annotations__}


def test_a_misspelt_term_raises():
    with pytest.raises(AttributeError):
        _ = RG.Agendaitem


@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_term_has_a_label_in(vocabulary, lang):
    unlabelled = sorted(
        str(term)
        for term in declared(vocabulary)
        if not any(
            isinstance(label, Literal) and label.language == lang
            for label in vocabulary.objects(term, RDFS.label)
        )
    )
    assert unlabelled == []


def test_shapes_only_use_declared_referatgraf_terms(vocabulary, shapes):
    used = {
        o
        for p in (SH.targetClass, SH.path, SH["class"])
        for o in shapes.objects(None, p)
        if str(o).startswith(RG_NS)
    }
    assert used, "the shapes should talk about referatgraf terms"
    assert used - declared(vocabulary) == set()


def test_every_referatgraf_class_has_a_shape(vocabulary, shapes):
    classes = {c for c in vocabulary.subjects(RDF.type, None) if c in declared(vocabulary)}
    owl_classes = {c for c in classes if (c, RDF.type, RDF.type) not in vocabulary}
    targeted = set(shapes.objects(None, SH.targetClass))
    from rdflib.namespace import OWL

    missing = {c for c in owl_classes if (c, RDF.type, OWL.Class) in vocabulary} - targeted
    assert {str(c).removeprefix(RG_NS) for c in missing} <= {"Outcome"}
