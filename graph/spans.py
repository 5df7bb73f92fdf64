"""Spans of a document's text as literals: ``"start,end"`` (``rg:span``) and a list of them,
``"start,end start,end …"`` (``rg:spans``).

The compact graph writes each span (of an item, section, attachment, decision or vote) as
one plain literal, the two character offsets into the document's ``rg:text`` joined by a
comma as in RFC 5147's ``char=start,end``: one quad a span instead of an ``rg:start`` and an
``rg:end`` quad. Oxigraph keeps a string this short inside the quad, so the literal costs no
more than an integer. SPARQL reads the offsets with ``xsd:integer(STRBEFORE(?span, ","))``
and ``xsd:integer(STRAFTER(?span, ","))``.

An entity's mentions in one item are one node with every span in one literal
(``rg:spans``): the spans in text order, each written as above, separated by one space, no
span twice. Its first span is ``STRBEFORE(CONCAT(?spans, " "), " ")`` in SPARQL. This
module is the one place that writes and reads both forms.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = [
    "SPANS_PATTERN",
    "SPAN_PATTERN",
    "first_span",
    "parse_span",
    "parse_spans",
    "span_text",
    "spans_text",
]

_NUMBER = "(0|[1-9][0-9]*)"
#: What an ``rg:span`` literal looks like (also the SHACL shapes' ``sh:pattern``).
SPAN_PATTERN = f"^{_NUMBER},{_NUMBER}$"
#: What an ``rg:spans`` literal looks like (also the SHACL shapes' ``sh:pattern``).
SPANS_PATTERN = f"^{_NUMBER},{_NUMBER}( {_NUMBER},{_NUMBER})*$"


def span_text(start: int, end: int) -> str:
    """The lexical form of the span ``start``–``end``.

    >>> span_text(6005, 6008)
    '6005,6008'
    """
    return f"{start},{end}"


def parse_span(text: str) -> tuple[int, int] | None:
    """The offsets of a span literal; None for text that is not one.

    >>> parse_span("6005,6008"), parse_span("7"), parse_span("a,b")
    ((6005, 6008), None, None)
    """
    start, comma, end = text.partition(",")
    if not comma or not start.isdigit() or not end.isdigit():
        return None
    return int(start), int(end)


def spans_text(spans: Iterable[tuple[int, int]]) -> str:
    """The lexical form of a list of spans: in text order, each once.

    >>> spans_text([(40, 43), (7, 10), (40, 43)])
    '7,10 40,43'
    >>> spans_text([])
    Traceback (most recent call last):
    ...
    ValueError: a list of spans needs at least one span
    """
    ordered = sorted(set(spans))
    if not ordered:
        raise ValueError("a list of spans needs at least one span")
    return " ".join(span_text(start, end) for start, end in ordered)


def parse_spans(text: str) -> list[tuple[int, int]] | None:
    """The spans of a list literal, in the order written; None for text that is not one.

    >>> parse_spans("7,10 40,43"), parse_spans("7,10"), parse_spans("7,10  40,43"), parse_spans("")
    ([(7, 10), (40, 43)], [(7, 10)], None, None)
    """
    spans = []
    for part in text.split(" "):
        span = parse_span(part)
        if span is None:
            return None
        spans.append(span)
    return spans


def first_span(text: str) -> tuple[int, int] | None:
    """The first span of a list literal (the first mention); None for text that is not one.

    >>> first_span("7,10 40,43"), first_span("x")
    ((7, 10), None)
    """
    spans = parse_spans(text)
    return spans[0] if spans else None
