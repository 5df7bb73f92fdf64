"""A municipality's FirstAgenda portal: its answers, a polite client, and the folder fetched into.

Modules
-------
- :mod:`referatgraf.firstagenda.portal` — the portal's URLs and answers as plain values:
  committees, meetings, file names, date options (pure functions).
- :mod:`referatgraf.firstagenda.client` — the polite HTTP client (User-Agent, pacing,
  concurrency limit, time-outs, retries with back-off honouring ``Retry-After``).
- :mod:`referatgraf.firstagenda.manifest` — the folder's manifest of complete files
  (JSON Lines).
- :mod:`referatgraf.firstagenda.folder` — the writing rules of the folder fetched into.
- :mod:`referatgraf.firstagenda.errors` — the errors a user can act on.

The job itself, ``referatgraf fetch``, is :func:`referatgraf.app.fetch.fetch`::

    from referatgraf.app.fetch import FetchOptions, fetch

    result = fetch(FetchOptions("https://dagsordener.greve.dk", Path("greve")))
    print(result.summary())
"""
