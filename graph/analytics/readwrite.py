"""Writing an analysis to files: CSV tables, JSON summary, Markdown, GraphML for Gephi.

The only module of :mod:`graph.analytics` that touches files. Each file is written to a
temporary name and renamed, so a reader never sees half a file.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import networkx as nx

from referatgraf.graph.analytics.analyze import Analysis
from referatgraf.graph.analytics.report import markdown

__all__ = [
    "GRAPHML_GRAPHS",
    "csv_text",
    "graphml_ready",
    "write_analysis",
    "write_graphml",
    "write_text",
]

#: Graphs written as GraphML (the per-period projections are added by name).
GRAPHML_GRAPHS = (
    "centre_case",
    "centre_projection",
    "centre_strategy",
    "person_centre",
    "party_agreement",
)


def _cell(value: object) -> object:
    if isinstance(value, list | tuple | set | frozenset):
        return "; ".join(str(v) for v in value)
    if value is None:
        return ""
    return value


def csv_text(rows: Iterable[Mapping]) -> str:
    """CSV text of table rows (lists joined with "; "); columns in first-seen order.

    Examples
    --------
    >>> print(csv_text([{"a": 1, "b": ["x", "y"]}, {"a": 2, "c": None}]), end="")
    a,b,c
    1,x; y,
    2,,
    """
    rows = list(rows)
    columns: dict[str, None] = {}
    for r in rows:
        columns.update(dict.fromkeys(r))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for r in rows:
        writer.writerow({k: _cell(v) for k, v in r.items()})
    return out.getvalue()


def graphml_ready(G: nx.Graph) -> nx.Graph:
    """A copy of ``G`` whose attributes GraphML can hold (lists joined, dicts and None dropped).

    Examples
    --------
    >>> G = nx.Graph(items={"i": {}})
    >>> G.add_edge("A", "B", cases=["c1", "c2"], weight=2, note=None)
    >>> H = graphml_ready(G)
    >>> H["A"]["B"], H.graph
    ({'cases': 'c1; c2', 'weight': 2}, {})
    """
    H = nx.Graph()

    def clean(attrs: Mapping) -> dict:
        return {
            k: _cell(v) for k, v in attrs.items() if v is not None and not isinstance(v, Mapping)
        }

    H.graph.update(clean(G.graph))
    H.add_nodes_from((n, clean(d)) for n, d in G.nodes(data=True))
    H.add_edges_from((u, v, clean(d)) for u, v, d in G.edges(data=True))
    return H


def write_text(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` through a temporary file and a rename."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def write_graphml(G: nx.Graph, path: Path) -> None:
    """Write ``G`` as GraphML (via :func:`graphml_ready`), atomically."""
    tmp = path.with_name(f".{path.name}.tmp")
    nx.write_graphml(graphml_ready(G), tmp, encoding="utf-8")
    os.replace(tmp, path)


def write_analysis(
    analysis: Analysis,
    out_dir: Path,
    *,
    language: str = "da",
    on_file: Callable[[Path], None] | None = None,
) -> list[Path]:
    """Write tables (``<name>.csv``), ``summary.json``, ``summary.md`` and GraphML files.

    ``on_file`` is called with each file written (progress).

    Returns
    -------
    list of Path
        The files written, in order.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def wrote(path: Path) -> None:
        written.append(path)
        if on_file is not None:
            on_file(path)

    for name, rows in analysis.tables.items():
        path = out_dir / f"{name}.csv"
        write_text(path, csv_text(rows))
        wrote(path)
    summary = {
        **analysis.summary,
        "timings_seconds": {k: round(v, 3) for k, v in analysis.timings.items()},
    }
    path = out_dir / "summary.json"
    write_text(path, json.dumps(summary, ensure_ascii=False, indent=2) + "\n")
    wrote(path)
    path = out_dir / "summary.md"
    write_text(path, markdown(analysis.summary, language))
    wrote(path)
    graph_dir = out_dir / "graphml"
    graph_dir.mkdir(exist_ok=True)
    names = [n for n in GRAPHML_GRAPHS if n in analysis.graphs]
    names += sorted(n for n in analysis.graphs if n.startswith("centre_projection_"))
    for name in names:
        path = graph_dir / f"{name}.graphml"
        write_graphml(analysis.graphs[name], path)
        wrote(path)
    return written
