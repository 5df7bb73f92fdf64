"""Fetching minutes from a municipality's FirstAgenda portal (``referatgraf fetch``).

Modules
-------
- :mod:`referatgraf.fetch.portal` — the portal's URLs and answers as plain values:
  committees, meetings, file names, date options (pure functions).
- :mod:`referatgraf.fetch.client` — the polite HTTP client (User-Agent, pacing,
  concurrency limit, time-outs, retries with back-off honouring ``Retry-After``).
- :mod:`referatgraf.fetch.manifest` — the folder's manifest of complete files (JSON Lines).
- :mod:`referatgraf.fetch.job` — :func:`~referatgraf.fetch.job.fetch_portal`, one run.
- :mod:`referatgraf.fetch.errors` — the errors a user can act on.

Usage::

    from referatgraf.fetch.job import FetchOptions, fetch_portal

    result = fetch_portal(FetchOptions("https://dagsordener.greve.dk", Path("greve")))
    print(result.count("new"), "new meetings;", len(result.failures), "failed")
"""
