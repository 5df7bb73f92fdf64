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

import json
import math
import tempfile
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

from referatgraf.graph.search.analysis import WORD, terms
from referatgraf.graph.search.items import FIELDS, IndexedItem

__all__ = [
    "SITE_INDEX_VERSION",
    "CompactSiteIndex",
    "SpooledRecords",
    "compact_site_index",
    "site_index",
]

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
        weighted, length = _weighted_terms(item)
        for t, tf in weighted.items():
            postings.setdefault(t, []).extend((n, tf))
        if item.date:
            years.add(item.date[:4])
        centres.update(item.centres)
        records.append(_record(item, item_url, length, max_text_chars, municipality=True))
    avgdl = sum(r["len"] for r in records) / len(records) if records else 0.0
    return {**_head(avgdl, years, centres), "items": records, "terms": postings}


def _head(avgdl: float, years: set[str], centres: set[str]) -> dict:
    """The keys of the search file before its items: version, ranking constants, facets."""
    return {
        "version": SITE_INDEX_VERSION,
        "k1": 1.2,
        "b": 0.75,
        "avgdl": avgdl if math.isfinite(avgdl) else 0.0,
        "years": sorted(years),
        "centres": sorted(centres),
    }


#: The postings' weights are sums of field weights times counts: whole numbers when every
#: field weight is, kept as integers then (one byte each at first, widened as needed: see
#: :data:`_WIDER`), else as doubles.
_WHOLE_WEIGHTS = all(float(w).is_integer() for _, w in FIELDS)
_WEIGHT_TYPE = "B" if _WHOLE_WEIGHTS else "d"
#: The next wider whole-number type of a postings array (one byte a number at first).
_WIDER = {"B": "H", "H": "I", "I": "Q"}


def _weighted_terms(item: IndexedItem) -> tuple[dict[str, float], float]:
    """An item's terms with their field-weighted counts, and its weighted length.

    >>> item = IndexedItem("a.txt", 3, None, "D", "Plan for planen", "17/1", None, (), (),
    ...     "Planen drøftet.", "", "", "")
    >>> _weighted_terms(item)
    ({'plan': 17.0, 'for': 8.0, '17': 4.0, '1': 4.0, 'droeft': 1.0}, 34.0)
    """
    if _WHOLE_WEIGHTS:
        counts, length = _whole_weighted_terms(item)
        return {t: float(c) for t, c in counts.items()}, length
    weighted: dict[str, float] = {}
    length = 0.0
    get = weighted.get
    for name, weight in FIELDS:
        words = WORD.findall(getattr(item, name) or "")
        if not words:
            continue
        length += weight * len(words)
        for t, count in Counter(terms(words)).items():
            weighted[t] = get(t, 0) + weight * count
    return weighted, length


#: :data:`FIELDS` with their weights as whole numbers (when they are, see :data:`_WHOLE_WEIGHTS`).
_WHOLE_FIELDS = tuple((name, int(weight)) for name, weight in FIELDS) if _WHOLE_WEIGHTS else ()


def _whole_weighted_terms(item: IndexedItem) -> tuple[Counter[str], float]:
    """:func:`_weighted_terms` when every field weight is a whole number: the counts as
    integers, counted at once over every field's terms, each repeated its field's weight
    times (the terms in the same order: by field, then by first use)."""
    every: list[str] = []
    length = 0
    for name, weight in _WHOLE_FIELDS:
        found = _text_terms(getattr(item, name) or "")
        if found:
            length += weight * len(found)
            every += found * weight if weight != 1 else found
    return Counter(every), float(length)


#: Short texts analysed already (titles, case numbers, decisions and attachment names
#: recur from meeting to meeting): text → its terms, at most :data:`_SHORT_MAX` of them.
_SHORT_TERMS: dict[str, list[str]] = {}
_SHORT_CHARS = 200
_SHORT_MAX = 4096


def _text_terms(text: str) -> list[str]:
    """The terms of ``text``'s words (not to be changed: a short text's are remembered).

    >>> _text_terms("Planen drøftet."), _text_terms("Planen drøftet.") is _text_terms("Planen drøftet.")
    (['plan', 'droeft'], True)
    """
    if len(text) > _SHORT_CHARS:
        return terms(WORD.findall(text))
    found = _SHORT_TERMS.get(text)
    if found is None:
        if len(_SHORT_TERMS) >= _SHORT_MAX:
            _SHORT_TERMS.clear()
        found = _SHORT_TERMS[text] = terms(WORD.findall(text))
    return found


def _record(
    item: IndexedItem, item_url: ItemUrl, length: float, max_text_chars: int, *, municipality: bool
) -> dict:
    """What the search page shows of an item (the compact file leaves the municipality out)."""
    record = {
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
    if not municipality:
        del record["municipality"]
    return record


class SpooledRecords:
    """Texts appended one at a time and kept in a temporary file (UTF-8, one a line), not
    in memory: the compact search file's records (a record's JSON holds no line break).

    >>> r = SpooledRecords()
    >>> r.append('{"a":"æ"}'); r.append("{}")
    >>> len(r), r[0], list(r)
    (2, '{"a":"æ"}', ['{"a":"æ"}', '{}'])
    >>> r.append("[]"); r[2], list(r)[1:]
    ('[]', ['{}', '[]'])
    """

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile()  # noqa: SIM115 (lives as long as the records)
        self._starts = array("Q")
        self._end = 0
        self._at_end = True  # the file's position is its end (no seek before a write)

    def append(self, text: str) -> None:
        data = text.encode("utf-8") + b"\n"
        if not self._at_end:
            self._file.seek(self._end)
            self._at_end = True
        self._file.write(data)
        self._starts.append(self._end)
        self._end += len(data)

    def __len__(self) -> int:
        return len(self._starts)

    def __getitem__(self, n: int) -> str:
        start = self._starts[n]
        end = self._starts[n + 1] if n + 1 < len(self._starts) else self._end
        self._at_end = False
        self._file.seek(start)
        return self._file.read(end - start)[:-1].decode("utf-8")

    def __iter__(self) -> Iterator[str]:
        self._at_end = False
        self._file.seek(0)
        for n, line in enumerate(self._file):
            if n >= len(self._starts):
                break
            yield line[:-1].decode("utf-8")


@dataclass(frozen=True)
class CompactSiteIndex:
    """:func:`site_index` of a large archive, held small: each item's record as JSON text
    (without the municipality, its length rounded, as the compact search file writes it),
    spooled to a temporary file (:class:`SpooledRecords`), and each term's postings as two
    arrays instead of lists of Python numbers: the gaps between its item numbers (the first
    from 0, as the file writes them) and the weights (whole numbers when the field weights
    are), each array of the narrowest whole-number type that holds its numbers (most gaps
    and weights fit one byte: 2-3 bytes a posting at 10,000 meetings instead of 8).

    ``head`` holds the keys before the items (``version`` … ``centres``), ``tail`` those
    after the terms (e.g. ``partial``).
    """

    head: dict
    records: SpooledRecords
    postings: dict[str, tuple[array, array]]
    tail: dict


#: ``json.dumps(value, ensure_ascii=False, separators=(",", ":"))``, its encoder made once.
_COMPACT_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _widened(numbers: array, value: int) -> array:
    """``numbers`` with ``value`` appended, as an array of the next wider whole-number type
    (:data:`_WIDER`) that holds it.

    >>> _widened(array("B", [3, 200]), 70_000)
    array('I', [3, 200, 70000])
    """
    code = numbers.typecode
    while True:
        code = _WIDER[code]
        try:
            wider = array(code, numbers.tolist())
            wider.append(value)
        except OverflowError:
            continue
        return wider


def compact_site_index(
    items: Iterable[IndexedItem],
    *,
    item_url: ItemUrl = "items/{doc_stem}-{item}.html",
    max_text_chars: int = 20_000,
    tail: dict | None = None,
) -> CompactSiteIndex:
    """:func:`site_index` of ``items`` as a :class:`CompactSiteIndex` (read one at a time).

    >>> item = IndexedItem("a.txt", 3, "2017-10-24", "Direktionen", "Strategibrev 2018",
    ...     "17/10390", "htk", ("ØDC",), ("Strategibrevet",), "Strategien drøftet.", "",
    ...     "", "Punkt 3: Strategibrev 2018 Strategien drøftet.")
    >>> c = compact_site_index([item])
    >>> c.head["avgdl"] == site_index([item])["avgdl"], list(c.postings["strategi"][0])
    (True, [0])
    >>> "municipality" in c.records[0]
    False
    """
    records = SpooledRecords()
    postings: dict[str, tuple[array, array]] = {}
    last: dict[str, int] = {}  # each term's last item number
    years: set[str] = set()
    centres: set[str] = set()
    total = 0.0
    weigh = _whole_weighted_terms if _WHOLE_WEIGHTS else _weighted_terms
    get, last_of = postings.get, last.get
    for n, item in enumerate(items):
        weighted, length = weigh(item)
        for t, tf in weighted.items():
            pair = get(t)
            if pair is None:
                pair = postings[t] = (array("B"), array(_WEIGHT_TYPE))
            gap, last[t] = n - last_of(t, 0), n
            try:
                pair[0].append(gap)
            except OverflowError:
                pair = postings[t] = (_widened(pair[0], gap), pair[1])
            try:
                pair[1].append(tf)
            except OverflowError:
                postings[t] = (pair[0], _widened(pair[1], tf))
        if item.date:
            years.add(item.date[:4])
        centres.update(item.centres)
        total += length
        record = _record(item, item_url, round(length), max_text_chars, municipality=False)
        records.append(_COMPACT_JSON(record))
    avgdl = total / len(records) if records else 0.0
    return CompactSiteIndex(_head(avgdl, years, centres), records, postings, dict(tail or {}))
