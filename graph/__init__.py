"""The knowledge graph: records → RDF → an Oxigraph store → SPARQL answers.

Modules
-------
- :mod:`graph.iris` — stable IRIs (case by number, centre by code, person by key, …).
- :mod:`graph.rdf` — :func:`~graph.rdf.record_graphs` (a record's named graph and the
  descriptions of the entities it names) and :func:`~graph.rdf.profile_graph` (a
  municipality profile's named graph).
- :mod:`graph.build` — :func:`~graph.build.build_store`, the incremental build.
- :mod:`graph.store` — :class:`~graph.store.Store`, the on-disk store and query API.
- :mod:`graph.queries` — saved SPARQL queries (``graph/queries/*.rq``).
- :mod:`graph.validate` — SHACL validation against ``ontology/shapes.ttl``.

API for analytics and maps (read only from the store, plain Python values out)::

    from referatgraf.graph.store import Store
    from referatgraf.graph.queries import run_saved, saved_queries

    with Store("out/store") as store:               # read-only, shared lock
        rows = store.query(
            "SELECT ?title WHERE { ?i rg:case/rg:caseNumber $case ; dcterms:title ?title }",
            {"case": "16/26813"},
        )                                           # [{'title': 'Øvrige sager …'}, …]
        pairs = run_saved(store, "co-owners", {"municipality": "hoeje-taastrup"})
        for q in saved_queries().values():
            print(q.name, q.description, [p.name for p in q.params])

- ``Store.query(sparql, params)`` returns ``list[dict[str, str | int | float | bool | None]]``:
  IRIs and strings as ``str``, numbers as numbers, unbound as ``None``. The default graph
  is the union of all named graphs; the ``rg: oa: dcterms: foaf: org: prov: skos: rdfs:
  xsd:`` prefixes need no declaration. ``params`` fill ``$name`` variables with literals
  (``str``/``int``/``float``/``bool``; use ``pyoxigraph.NamedNode`` for an IRI); a
  parameter left out stays a variable and matches anything.
- Named graphs: ``<base>graph/document/<name>`` per source document (meetings, items,
  decisions, mentions, provenance), ``<base>graph/entities/<municipality>`` (cases and the
  people, strategies, organisations, centres and bodies named in documents, described
  once), ``<base>graph/profile/<municipality>`` (municipality, centres, bodies, board)
  and ``<base>graph/vocabulary``. Shared nodes are described once, so joins across the
  union do not multiply rows; still prefer ``DISTINCT`` where an item can match twice.
- Filter by municipality with ``{ SELECT DISTINCT ?m ?municipality WHERE { ?m a
  rg:Municipality ; rg:key $municipality, ?municipality } }`` joined on
  ``?meeting rg:municipality ?m`` (as the saved queries do).
- ``saved_queries()`` → ``{name: SavedQuery}``; ``run_saved(store, name, params)`` checks
  and converts the parameters declared in the query's header and returns rows.

Vocabulary (``ontology/referatgraf.ttl``): ``rg:Meeting`` (``rg:heldBy``,
``dcterms:date``, ``rg:municipality``, ``rg:participant``), ``rg:AgendaItem``
(``rg:meeting``, ``rg:number``, ``dcterms:title``, ``rg:case``, ``rg:decision``,
``rg:attachment``, ``rg:mentions`` entity, ``rg:proposedBy`` centre/body; the facts saved
queries read instead of computing them: ``rg:titleKey`` the title's subject word,
``rg:listLike true`` for an item that only lists units, and one link per centre role:
``rg:ledBy``, ``rg:involves``, ``rg:lists``, ``rg:onlyMentions``),
``rg:Decision`` (``rg:outcome`` rg:approved/noted/…, ``dcterms:date``, ``rg:continuedBy``),
a mention (a blank node: ``oa:hasBody`` entity, ``rg:inItem``, ``rg:span`` "start,end" in
the document's ``rg:text``, a centre's ``rg:centreRole`` and ``rg:roleEvidence``; its words,
sentence and Web Annotation selectors are derived from the text, ``export --full``),
entities ``rg:Centre`` (``skos:notation`` code), ``rg:Person`` (``foaf:name``),
``rg:Strategy`` (``skos:prefLabel``), ``rg:Organisation``, ``rg:Body``; every municipality
thing has ``rg:municipality`` or ``org:unitOf`` a ``rg:Municipality`` with ``rg:key``.
"""

from __future__ import annotations

__all__: list[str] = []
