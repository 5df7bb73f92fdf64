"""Full-text search of agenda items: a tantivy index beside the store, kept in step by ``build``.

It indexes extraction records (not RDF), so it sits beside the graph rather than on it:

- :mod:`.analysis` — Danish analysis of words (Snowball stemming, æøå/aa folding) and queries;
- :mod:`.items` — the indexed view of an agenda item;
- :mod:`.index` — :class:`~.index.SearchIndex`: write, remove, search with BM25 and filters;
- :mod:`.snippet` — the passage shown with a hit;
- :mod:`.site` — the JSON index the report's offline widget (:mod:`referatgraf.viz.search_widget`) searches;
- :mod:`.sync` — keeping the index in step with the store during a build.
"""
