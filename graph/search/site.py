r"""The report's search index: a JSON-ready dict that the offline widget searches.

The index is a plain dict: per item its link, date, title, case number, centres,
strategies and passage, and per term its postings (item, weighted term frequency) for BM25
ranking with the same field weights as the CLI. The widget (:mod:`referatgraf.viz.search_widget`)
analyses a query exactly like :mod:`referatgraf.graph.search.analysis` (its own port of the
Danish Snowball stemmer, the same ``aa``/æøå folding), so "strategierne" finds "strategien"
in the browser as on the command line.

``item_url`` is a format string (fields ``doc``, ``doc_stem``, ``item``, ``date``,
``municipality``) or a function of an :class:`~referatgraf.graph.search.items.IndexedItem`.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import PurePosixPath

from referatgraf.graph.search.analysis import WORD, term
from referatgraf.graph.search.items import FIELDS, IndexedItem

__all__ = ["SITE_INDEX_VERSION", "site_index"]

#: Version of the JSON layout (the widget refuses others).
SITE_INDEX_VERSION = 1

ItemUrl = str | Callable[[IndexedItem], str]


def _url(item: IndexedItem, item_url: ItemUrl) -> str:
    if callable(item_url):
        return item_url(item)
    return item_url.format(
        doc=item.doc_id,
        doc_stem=PurePosixPath(item.doc_id).stem,
        item=item.number,
        date=item.date or "",
        municipality=item.municipality or "",
    )


def site_index(
    items: Iterable[IndexedItem],
    *,
    item_url: ItemUrl = "items/{doc_stem}-{item}.html",
    max_text_chars: int = 20_000,
) -> dict:
    """The JSON search index of ``items`` for the report's search widget.

    ``max_text_chars`` cuts each item's passage (used only for snippets and phrases).

    Examples
    --------
    >>> item = IndexedItem("a.txt", 3, "2017-10-24", "Direktionen", "Strategibrev 2018",
    ...     "17/10390", None, ("ØDC",), ("Strategibrevet",), "Strategien drøftet.", "",
    ...     "", "Punkt 3: Strategibrev 2018 Strategien drøftet.")
    >>> index = site_index([item])
    >>> index["items"][0]["url"], index["years"], index["centres"]
    ('items/a-3.html', ['2017'], ['ØDC'])
    >>> index["terms"]["strategi"], index["terms"]["2018"]
    ([0, 1.0], [0, 8.0])
    """
    records = []
    postings: dict[str, list[float]] = {}
    years: set[str] = set()
    centres: set[str] = set()
    for n, item in enumerate(items):
        weighted: Counter[str] = Counter()
        length = 0.0
        for name, weight in FIELDS:
            words = WORD.findall(item.field(name))
            length += weight * len(words)
            for t, count in Counter(map(term, words)).items():
                weighted[t] += weight * count
        for t, tf in weighted.items():
            postings.setdefault(t, []).extend((n, tf))
        if item.date:
            years.add(item.date[:4])
        centres.update(item.centres)
        records.append(
            {
                "url": _url(item, item_url),
                "doc": item.doc_id,
                "item": item.number,
                "date": item.date,
                "body": item.body,
                "title": item.title,
                "case": item.case_number,
                "municipality": item.municipality,
                "centres": list(item.centres),
                "strategies": list(item.strategies),
                "len": length,
                "text": " ".join(item.text[:max_text_chars].split()),
            }
        )
    avgdl = sum(r["len"] for r in records) / len(records) if records else 0.0
    return {
        "version": SITE_INDEX_VERSION,
        "k1": 1.2,
        "b": 0.75,
        "avgdl": avgdl if math.isfinite(avgdl) else 0.0,
        "years": sorted(years),
        "centres": sorted(centres),
        "items": records,
        "terms": postings,
    }
