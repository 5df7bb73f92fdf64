"""SHACL validation of built graphs against ``ontology/shapes.ttl`` (pySHACL).

What SHACL's SPARQL cannot check (each span of an ``rg:spans`` list: SPARQL has no split)
is checked here too (:func:`spans_violations`) and reported the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pyshacl
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from referatgraf.graph.spans import parse_spans
from referatgraf.ontology import SHAPES_TTL
from referatgraf.ontology.namespace import RG

__all__ = ["Violation", "ValidationReport", "shapes_graph", "spans_violations", "validate_graph"]


@dataclass(frozen=True, slots=True)
class Violation:
    """One SHACL result: the focus node, the property path, and what is wrong."""

    focus: str
    path: str | None
    message: str
    severity: str


@dataclass(frozen=True, slots=True)
class ValidationReport:
    conforms: bool
    violations: tuple[Violation, ...]
    triples: int

    def summary(self) -> str:
        """One line per violation, or a line saying all is well."""
        if self.conforms:
            return f"conforms: {self.triples} triples checked against the shapes"
        lines = [f"{len(self.violations)} violations in {self.triples} triples:"]
        lines += [
            f"- {v.focus}" + (f" {v.path}" if v.path else "") + f": {v.message}"
            for v in self.violations
        ]
        return "\n".join(lines)


@cache
def shapes_graph() -> Graph:
    """The SHACL shapes (parsed once)."""
    return Graph().parse(SHAPES_TTL, format="turtle")


def validate_graph(data: Graph) -> ValidationReport:
    """Validate ``data`` (a graph or the union of a dataset) against the shapes.

    The shapes target referatgraf classes directly, so no inference is needed.
    """
    conforms, report, _ = pyshacl.validate(
        data,
        shacl_graph=shapes_graph(),
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    violations = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        severity = report.value(result, SH.resultSeverity)
        violations.append(
            Violation(
                focus=str(report.value(result, SH.focusNode)),
                path=str(path) if isinstance(path, URIRef) else None,
                message=str(message) if isinstance(message, Literal) else "constraint violated",
                severity=str(severity).rsplit("#", 1)[-1],
            )
        )
    extra = spans_violations(data)
    violations += extra
    violations.sort(key=lambda v: (v.focus, v.path or "", v.message))
    return ValidationReport(bool(conforms) and not extra, tuple(violations), len(data))


def spans_violations(data: Graph) -> list[Violation]:
    """The ``rg:spans`` lists whose spans are not each start < end, in text order, once.

    >>> from rdflib import BNode
    >>> g = Graph()
    >>> g.add((BNode("m"), RG.spans, Literal("7,10 3,5")))  # doctest: +ELLIPSIS
    <Graph ...>
    >>> [v.message for v in spans_violations(g)]
    ['the spans of a mention must each start before they end, in text order, each once']
    """
    out = []
    for node, value in data.subject_objects(RG.spans):
        spans = parse_spans(str(value))
        if spans is None:
            continue  # the shapes' sh:pattern reports it
        ordered = all(a < b for a, b in zip(spans, spans[1:], strict=False))
        if ordered and all(start < end for start, end in spans):
            continue
        out.append(
            Violation(
                focus=str(node),
                path=str(RG.spans),
                message="the spans of a mention must each start before they end, "
                "in text order, each once",
                severity="Violation",
            )
        )
    return out
