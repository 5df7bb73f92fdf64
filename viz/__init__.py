"""Interactive maps and the static report site, from the store only (via SPARQL).

Modules
-------
- :mod:`viz.data` — :func:`~viz.data.load_data`: items, decisions, entities and mentions
  read from the store with the saved queries ``report-items``, ``report-decisions``,
  ``map-entities`` and ``map-links``, as plain frozen dataclasses.
- :mod:`viz.pseudonym` — stable keyed-HMAC pseudonyms for people's names.
- :mod:`viz.maps` — the map graphs (:class:`~viz.maps.MapData`): centre co-ownership,
  centre–strategy, person–centre and one case's timeline.
- :mod:`viz.layout` — positions for graphs too large for in-browser physics.
- :mod:`viz.network_page` — a map as one self-contained HTML page (vis-network).
- :mod:`viz.chart` — inline SVG line charts (strategies and centres over time).
- :mod:`viz.report` — the static report site as ``{relative path: content}``.
- :mod:`viz.page` — the page shell and its Content-Security-Policy (own scripts only).
- :mod:`viz.assets` — the vis-network script shipped with pyvis.
- :mod:`viz.html` — escaping, safe links and the site's page paths.

Every function returns text (or a dict of texts); the CLI (:mod:`referatgraf.commands_viz`)
writes the files. Pages work from ``file://`` without network: vis-network is the copy
pyvis ships (``pyvis/templates/lib``), put in line or copied next to the page. pyvis's own
``Network`` is not used: its template links Bootstrap from a CDN in every mode, its
``add_node``/``add_edge`` are quadratic, and its tooltips are HTML strings; here node and
edge dicts are built directly and tooltips are DOM built with ``textContent``.
"""

from __future__ import annotations

__all__: list[str] = []
