"""A span of a document's text as one literal: ``"start,end"`` (``rg:span``).

The compact graph writes each span (of an item, section, attachment, decision, vote or
mention) as one plain literal, the two character offsets into the document's ``rg:text``
joined by a comma as in RFC 5147's ``char=start,end``: one quad a span instead of an
``rg:start`` and an ``rg:end`` quad. Oxigraph keeps a string this short inside the quad, so
the literal costs no more than an integer. SPARQL reads the offsets with
``xsd:integer(STRBEFORE(?span, ","))`` and ``xsd:integer(STRAFTER(?span, ","))``.
"""

from __future__ import annotations

__all__ = ["SPAN_PATTERN", "parse_span", "span_text"]

#: What an ``rg:span`` literal looks like (also the SHACL shapes' ``sh:pattern``).
SPAN_PATTERN = "^(0|[1-9][0-9]*),(0|[1-9][0-9]*)$"


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
