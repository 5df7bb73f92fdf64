"""Result formats of the SPARQL protocol and the choice among them by ``Accept`` header.

Kept apart from :mod:`graph.endpoint` so the query worker processes import nothing but
this and pyoxigraph (they start in a few tens of milliseconds).
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

__all__ = ["GRAPH_FORMATS", "RESULT_FORMATS", "negotiate"]

#: Formats of SELECT and ASK results, by media type (the first is the default).
RESULT_FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
#: Formats of CONSTRUCT and DESCRIBE results, by media type (the first is the default).
GRAPH_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-quads": ox.RdfFormat.N_QUADS,
}


def negotiate(accept: str | None, offered: Iterable[str]) -> str | None:
    """The offered media type the ``Accept`` header prefers (first offered if no header).

    A malformed quality value counts as 0 (not acceptable), never as an error.

    Examples
    --------
    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", ["application/json", "text/csv",
    ...     "application/sparql-results+xml"])
    'application/sparql-results+xml'
    >>> negotiate("*/*", ["text/turtle", "application/n-triples"])
    'text/turtle'
    >>> negotiate("image/png", ["text/turtle"]) is None
    True
    >>> negotiate("text/csv;q=x, text/turtle;q=nan", ["text/turtle", "text/csv"]) is None
    True
    """
    offered = list(offered)
    if not accept or not accept.strip():
        return offered[0]
    best: tuple[float, int, str] | None = None
    for order, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media, q = fields[0].lower(), 1.0
        for f in fields[1:]:
            if f.lower().startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if not 0 < q <= 1:  # also false for NaN
            continue
        if media in ("*/*", ""):
            match = offered[0]
        elif media.endswith("/*"):
            match = next((o for o in offered if o.startswith(media[:-1])), None)
        else:
            match = media if media in offered else None
        if match and (best is None or (q, -order) > (best[0], best[1])):
            best = (q, -order, match)
    return best[2] if best else None
