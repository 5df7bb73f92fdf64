"""Interactive maps and the static report site, from the store only (via SPARQL).

Modules
-------
- :mod:`viz.data` — :func:`~viz.data.load_data`: items, decisions, votes, entities,
  mentions (one per item, entity and type) and what each municipality's profile lists, read
  from the store with saved queries (``report-*``, ``map-*``) and each document's links, as
  plain frozen dataclasses with look-ups.
- :mod:`viz.pseudonym` — stable keyed-HMAC pseudonyms for people's names.
- :mod:`viz.maps` — the map graphs (:class:`~viz.maps.MapData`): centre co-ownership,
  centre–strategy, person–centre and one case's timeline.
- :mod:`viz.layout` — positions for graphs too large for in-browser physics.
- :mod:`viz.network_page` — a map as one self-contained HTML page (vis-network).
- :mod:`viz.chart` — inline SVG heatmaps and small multiples (years without meetings as gaps,
  counts per meeting on request).
- :mod:`viz.table` — paged, sortable, filterable tables drawn from JSON in the page.
- :mod:`viz.report` — the static report site as ``(relative path, content)`` pairs, made by
  :mod:`viz.report_index` (front page, coverage, charts, meetings), :mod:`viz.case_pages`
  (cases, their list, the timeline template and :mod:`viz.case_map_js`),
  :mod:`viz.entity_pages` (every entity kind, the list of items), :mod:`viz.decisions_page`
  and :mod:`viz.item_data` (item detail loaded on demand).
- :mod:`viz.search_widget` — the report's offline search box; :mod:`viz.editor` — the
  endpoint's query editor with its parameter form.
- :mod:`viz.page` — the page shell and its Content-Security-Policy (own scripts only).
- :mod:`viz.assets` — the vis-network script shipped with pyvis.
- :mod:`viz.html` — escaping, safe links, counted nouns, cut texts and the site's page paths.

Every function returns text (or a dict of texts); the CLI (:mod:`referatgraf.commands_viz`)
writes the files. Pages work from ``file://`` without network: vis-network is the copy
pyvis ships (``pyvis/templates/lib``), put in line or copied next to the page. pyvis's own
``Network`` is not used: its template links Bootstrap from a CDN in every mode, its
``add_node``/``add_edge`` are quadratic, and its tooltips are HTML strings; here node and
edge dicts are built directly and tooltips are DOM built with ``textContent``.
"""

from __future__ import annotations

__all__: list[str] = []
