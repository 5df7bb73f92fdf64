r"""The full-text index of agenda items beside the store (tantivy, Danish-aware).

The index is a tantivy folder inside the store folder, one per generation of the store
(``out/store/search-<id>``, committed together with the data: see
:mod:`referatgraf.graph.store_folder`; :attr:`referatgraf.graph.store.Store.search_path`
finds it). Every agenda item is one
tantivy document whose searchable fields hold the *terms* of its title, case number,
section text, decision text and attachment names (Danish Snowball stems folded to ASCII,
computed by :mod:`referatgraf.graph.search.analysis`, so Python, tantivy and the browser widget agree
on what a word is). tantivy ranks with BM25 per field, the fields boosted by
:data:`referatgraf.graph.search.items.FIELDS` (title highest), and finds the top hits without scoring
every match (block-max WAND), which keeps common words fast on large archives. Stored
beside the terms: what a hit shows (meeting date, body, title, case number, centres,
strategies) and the item's text for the snippet. A document (by name, as in the store) is
replaced or removed in one commit; one marker per document keeps its sha256.

Why tantivy and not SQLite FTS5: both rank the same analysed terms with BM25, but FTS5
scores every matching row, so a common word over 70,000 items takes hundreds of
milliseconds; see ``docs/benchmarks.md`` (Search).

Examples
--------
>>> import tempfile, pathlib
>>> from referatgraf.extract.model import Source
>>> from referatgraf.extract.parser import parse_minutes
>>> text = (
...     "REFERAT Direktionen d. 24-10-2017\n\n"
...     "Punkt 1: Vækstpolitik\n\n17/17956\n\nBaggrund\n\nStrategibrevet nævner væksten.\n\n"
...     "Punkt 2: Strategibrev 2018\n\n17/10390\n\nBaggrund\n\nUdkast til strategibrevet.\n"
... )
>>> src = Source(path="a.txt", sha256="-", format="text", text_sha256="-")
>>> record = parse_minutes(text, document="a.txt", source=src)
>>> with tempfile.TemporaryDirectory() as tmp:
...     with SearchIndex(pathlib.Path(tmp) / "search") as index:
...         index.replace_document("a.txt", record)
...         hits = index.search("strategibrevet")
>>> [(h.item, h.title) for h in hits]
[(2, 'Strategibrev 2018'), (1, 'Vækstpolitik')]
>>> hits[0].snippet
'Punkt 2: «Strategibrev» 2018 17/10390 Baggrund Udkast til «strategibrevet».'
"""

from __future__ import annotations

import calendar
import errno
import json
import logging
import os
import pickle
import re
import shutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import tantivy

from referatgraf.extract.model import Record
from referatgraf.graph.errors import StoreError, StoreLockedError
from referatgraf.graph.iris import slug
from referatgraf.graph.search.analysis import Clause, Query, analyse, parse_query
from referatgraf.graph.search.items import FIELDS, IndexedItem, indexed_items
from referatgraf.graph.search.snippet import snippet
from referatgraf.graph.store_folder import SEARCH_MARK

__all__ = [
    "INDEX_NAME",
    "SCHEMA_VERSION",
    "Hit",
    "PreparedSearch",
    "SearchIndex",
    "PackedSearch",
    "SearchSource",
    "analysed",
    "date_bounds",
    "municipality_keys",
    "prepare_search",
    "search_source",
]

log = logging.getLogger(__name__)

#: Folder name of the index inside a store folder made before generations (read only).
INDEX_NAME = "search"

#: Bumped whenever the schema or the analysis changes (an older index must be rebuilt;
#: ``build`` renews it by itself, see :meth:`SearchIndex.renewed`).
#: 2: municipality keys of the short name too ("greve" for "Greve Kommune"); each
#: document's municipality and centres in its marker (the known filter values).
SCHEMA_VERSION = 2

_MARK = SEARCH_MARK
_OS_ERROR = re.compile(r"\(os error (\d+)\)")
_TOKENIZER = "referatgraf_terms"
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_PREFIX_TERMS = 64  # most frequent expansions of a prefix, per field


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result: an agenda item, its best passage (hits marked) and its score."""

    doc_id: str
    item: int
    date: str | None
    body: str
    title: str
    case_number: str | None
    snippet: str
    score: float
    centres: tuple[str, ...]
    strategies: tuple[str, ...]
    municipality: str | None


def date_bounds(date_from: str | None, date_to: str | None) -> tuple[int, int]:
    """Inclusive ``yyyymmdd`` integer bounds of a date filter; each end may be a year or month.

    Items without a date have key 0 and fall outside any filter. Raises
    :class:`ValueError` for anything but ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` of a real
    month and day.

    Examples
    --------
    >>> date_bounds("2017", "2017-05")
    (20170000, 20170599)
    >>> date_bounds(None, "2017-05-08")
    (1, 20170508)
    >>> date_bounds("2020-13", None)
    Traceback (most recent call last):
    ...
    ValueError: not a date: '2020-13' has no month 13 (01–12)
    """

    def key(value: str, fill: str) -> int:
        m = _DATE.match(value)
        if m is None:
            raise ValueError(f"not a date (YYYY, YYYY-MM or YYYY-MM-DD): {value!r}")
        year, month, day = int(m.group(1)), m.group(2), m.group(3)
        if month is not None and not 1 <= int(month) <= 12:
            raise ValueError(f"not a date: {value!r} has no month {month} (01–12)")
        if day is not None and not 1 <= int(day) <= calendar.monthrange(year, int(month))[1]:
            raise ValueError(f"not a date: {value!r} has no day {day} in that month")
        return int(m.group(1) + (month or fill) + (day or fill))

    low = key(date_from, "00") if date_from is not None else 1
    high = key(date_to, "99") if date_to is not None else 99999999
    return low, high


def municipality_keys(name: str) -> list[str]:
    """The keys a municipality filter matches: its name and its name without "Kommune".

    >>> municipality_keys("Høje-Taastrup Kommune")
    ['hoeje-taastrup-kommune', 'hoeje-taastrup']
    >>> municipality_keys("greve")
    ['greve']
    """
    short = re.sub(r"\s+kommune$", "", name.strip(), flags=re.IGNORECASE)
    return list(dict.fromkeys([slug(name), slug(short)]))


def io_error(exc: ValueError, path: Path) -> OSError | None:
    """The OSError behind one of tantivy's errors (it raises ValueError for everything).

    >>> io_error(ValueError("An IO error occurred: 'No space left on device (os error 28)'"), Path("x"))
    OSError(28, 'No space left on device')
    >>> io_error(ValueError("Schema error"), Path("x")) is None
    True
    """
    m = _OS_ERROR.search(str(exc))
    if m is not None:
        number = int(m.group(1))
        return OSError(number, os.strerror(number), str(path)) if number else None
    if "writer was killed" in str(exc):  # an I/O error in a worker thread, number not told
        number = errno.ENOSPC if _nearly_full(path) else errno.EIO
        return OSError(number, os.strerror(number), str(path))
    return None


def _nearly_full(path: Path) -> bool:
    try:
        st = os.statvfs(path if path.exists() else path.parent)
    except OSError:
        return False
    return st.f_bavail * st.f_frsize < (1 << 20)


def _date_key(date: str | None) -> int:
    m = _DATE.match(date or "")
    return int(m.group(1) + (m.group(2) or "00") + (m.group(3) or "00")) if m else 0


def _version_of(mark: Path) -> object:
    try:
        return json.loads(mark.read_text(encoding="utf-8")).get("version")
    except (OSError, ValueError, AttributeError):
        return None


def _schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("kind", tokenizer_name="raw", index_option="basic")
    sb.add_text_field("doc", stored=True, tokenizer_name="raw", index_option="basic")
    sb.add_integer_field("date_key", indexed=True, fast=True)
    sb.add_text_field("municipality_key", tokenizer_name="raw", index_option="basic")
    sb.add_text_field("centre_key", tokenizer_name="raw", index_option="basic")
    sb.add_bytes_field("payload", stored=True)  # JSON: what a hit shows, see _payload
    for name, _ in FIELDS:
        sb.add_text_field(f"t_{name}", tokenizer_name=_TOKENIZER)
    return sb.build()


def _payload(item: IndexedItem) -> bytes:
    """The stored JSON of an item: every :class:`IndexedItem` field."""
    return json.dumps(
        {f: getattr(item, f) for f in IndexedItem.__dataclass_fields__}, ensure_ascii=False
    ).encode("utf-8")


@dataclass(frozen=True, slots=True)
class PreparedSearch:
    """A document's items analysed for the index: the field values of each item's tantivy
    document. Made where the document is read (a build's worker), so the index's one
    writer only adds them."""

    doc_id: str
    sha256: str
    items: tuple[dict[str, object], ...]
    municipality: str | None = None  # the known filter values, kept in the document's marker
    centres: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SearchSource:
    """A document's items as search sees them, not analysed yet: what :func:`analysed`
    turns into a :class:`PreparedSearch`. A parallel build's workers hand this on, and
    the analysis (most of the cost) is done where the index is written
    (:class:`referatgraf.parallel.SearchIndexer`)."""

    doc_id: str
    sha256: str
    items: tuple[IndexedItem, ...]
    municipality: str | None = None
    centres: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PackedSearch:
    """A :class:`SearchSource` pickled where it was made (a parallel build's worker), so
    that the writer forwards its bytes to the indexer process without unpickling and
    pickling it again (:class:`referatgraf.parallel.SearchIndexer`).

    >>> source = SearchSource("d", "0" * 64, ())
    >>> PackedSearch.of(source).unpacked() == source
    True
    """

    data: bytes

    @classmethod
    def of(cls, source: SearchSource) -> PackedSearch:
        """``source`` pickled."""
        return cls(pickle.dumps(source, protocol=pickle.HIGHEST_PROTOCOL))

    def unpacked(self) -> SearchSource:
        """The :class:`SearchSource` again."""
        return pickle.loads(self.data)


def search_source(doc_id: str, record: Record) -> SearchSource:
    """The index's view of a record (:func:`~referatgraf.graph.search.items.indexed_items`),
    its fields not analysed yet."""
    return SearchSource(
        doc_id,
        record.source.sha256,
        tuple(indexed_items(doc_id, record)),
        record.source.municipality,
        tuple(sorted({m.key for it in record.items for m in it.mentions if m.type == "centres"})),
    )


def analysed(source: SearchSource) -> PreparedSearch:
    """``source`` with every searchable field analysed: the field values of each item's
    tantivy document."""
    return PreparedSearch(
        source.doc_id,
        source.sha256,
        tuple(_fields(i) for i in source.items),
        source.municipality,
        source.centres,
    )


def prepare_search(doc_id: str, record: Record) -> PreparedSearch:
    """The index's view of a record, every searchable field analysed (:func:`analysed` of
    :func:`search_source`)."""
    return analysed(search_source(doc_id, record))


def _fields(item: IndexedItem) -> dict[str, object]:
    fields: dict[str, object] = {
        "kind": "item",
        "doc": item.doc_id,
        "date_key": _date_key(item.date),
        "municipality_key": municipality_keys(item.municipality) if item.municipality else "",
        "centre_key": [slug(c) for c in item.centres],
        "payload": _payload(item),
    }
    for name, _ in FIELDS:
        fields[f"t_{name}"] = analyse(item.field(name))
    return fields


def _indexed_item(payload: bytes) -> IndexedItem:
    d = json.loads(payload)
    d["centres"], d["strategies"] = tuple(d["centres"]), tuple(d["strategies"])
    return IndexedItem(**d)


_DECODE_VALUE = json.JSONDecoder().raw_decode


def _order_fields(payload: bytes) -> tuple[str, int, int]:
    """An item's document, number and characters of section text, from its stored JSON
    (:func:`_payload`) read only as far as its sections (the decisions, attachments and
    passage after them, most of its text, are not decoded).

    >>> item = IndexedItem("a.txt", 3, None, "D", 'T "x"', None, None, ("Ø",), (),
    ...     "Sektion æ\\n", "", "", "Punkt 3 …")
    >>> _order_fields(_payload(item))
    ('a.txt', 3, 10)
    >>> _order_fields(b'{"number": 2, "sections": "abc", "doc_id": "b.txt"}')  # another layout
    ('b.txt', 2, 3)
    """
    text = payload.decode("utf-8")
    found: dict[str, object] = {}
    at = 1  # after "{"; json.dumps' separators (", " and ": ") between keys and values
    try:
        while "sections" not in found:
            key, at = _DECODE_VALUE(text, at)
            if text[at : at + 2] != ": ":
                break
            found[key], at = _DECODE_VALUE(text, at + 2)
            if text[at : at + 2] != ", ":
                break
            at += 2
        if "doc_id" in found and "number" in found and "sections" in found:
            return found["doc_id"], found["number"], len(found["sections"])
    except ValueError:
        pass
    whole = json.loads(text)
    return whole["doc_id"], whole["number"], len(whole["sections"])


@dataclass(frozen=True)
class ItemStream:
    """Indexed items read one at a time, in order (:meth:`SearchIndex.item_stream`), and
    how many characters of section text they have together.

    The items are read with a fresh searcher every :data:`REOPEN_EVERY` items: tantivy
    maps its document store into memory, and the pages read stay resident as long as the
    searcher lives (~200 MB at 10,000 meetings when every item is read).
    """

    open_searcher: Callable[[], tantivy.Searcher]
    addresses: list
    section_chars: int

    def __iter__(self) -> Iterator[IndexedItem]:
        for payload in _reopening(self.open_searcher, self.addresses):
            yield _indexed_item(payload)

    def cut(self, sections: int, text: int) -> Iterator[IndexedItem]:
        """The items with at most ``sections`` characters of section text and ``text``
        of passage each (cut as they are read: the whole item is never made)."""
        for payload in _reopening(self.open_searcher, self.addresses):
            d = json.loads(payload)
            d["centres"], d["strategies"] = tuple(d["centres"]), tuple(d["strategies"])
            d["sections"], d["text"] = d["sections"][:sections], d["text"][:text]
            yield IndexedItem(**d)


#: Items read with one searcher before a fresh one is opened (:class:`ItemStream`).
REOPEN_EVERY = 5000


def _reopening(open_searcher: Callable[[], tantivy.Searcher], addresses: list) -> Iterator[bytes]:
    """The payload of each document at ``addresses``, read with a searcher opened afresh
    every :data:`REOPEN_EVERY` documents (the old one's mapped pages go with it)."""
    searcher = None
    for n, addr in enumerate(addresses):
        if n % REOPEN_EVERY == 0:
            searcher = None  # let go of the old mapping before the new one is made
            searcher = open_searcher()
        yield searcher.doc(addr)["payload"][0]


class SearchIndex:
    """The search index folder at ``path``, created when missing.

    Reading needs no lock; the first write takes tantivy's writer lock (one writer per
    index at a time, :class:`StoreLockedError` otherwise). Use as a context manager, or
    call :meth:`close`. Raises :class:`StoreError` for a folder that is not an index of
    this version.
    """

    def __init__(self, path: str | Path, *, create: bool = True, heap_mb: int = 100) -> None:
        self.path = Path(path)
        self.heap_mb = heap_mb
        self._writer: tantivy.IndexWriter | None = None
        mark = self.path / _MARK
        if mark.is_file():
            self._check_version(mark)
        elif not create:
            raise StoreError(
                str(self.path), "no search index here (build one with `referatgraf build`)"
            )
        elif self.path.exists() and (not self.path.is_dir() or any(self.path.iterdir())):
            raise StoreError(str(self.path), "exists and is not a search index")
        else:
            self.path.mkdir(parents=True, exist_ok=True)
            mark.write_text(json.dumps({"version": SCHEMA_VERSION}) + "\n", encoding="utf-8")
        try:
            self._index = tantivy.Index(_schema(), path=str(self.path), reuse=True)
        except ValueError as exc:
            if (os_error := io_error(exc, self.path)) and os_error.errno == errno.ENOSPC:
                raise os_error from None
            raise StoreError(str(self.path), f"cannot open the search index ({exc})") from None
        except OSError as exc:
            raise StoreError(str(self.path), f"cannot open the search index ({exc})") from None
        self._index.register_tokenizer(
            _TOKENIZER, tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build()
        )
        self._schema = self._index.schema

    @classmethod
    def renewed(cls, path: str | Path, **kwargs: object) -> SearchIndex:
        """The index at ``path``, emptied first when it was made by an older version.

        The index is derived from the store, so ``build`` renews an outdated one and
        re-indexes every document (:meth:`referatgraf.graph.search.sync.SearchSync.reconcile`);
        only a folder carrying the index marker is ever emptied.
        """
        path = Path(path)
        mark = path / _MARK
        if mark.is_file() and _version_of(mark) != SCHEMA_VERSION:
            log.info("search index %s is of an older version: renewing it", path)
            for child in path.iterdir():
                if child.is_dir():
                    shutil.rmtree(child)
                else:
                    child.unlink()
        return cls(path, **kwargs)

    def _check_version(self, mark: Path) -> None:
        version = _version_of(mark)
        if version != SCHEMA_VERSION:
            raise StoreError(
                str(self.path),
                f"search index version {version}, expected {SCHEMA_VERSION}: "
                "delete it and run `referatgraf build` again",
            )

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Release the writer lock (waiting for background merges) if one was taken."""
        if self._writer is not None:
            writer, self._writer = self._writer, None
            try:
                writer.wait_merging_threads()
            except ValueError as exc:
                raise io_error(exc, self.path) or exc from None

    # -- writing -------------------------------------------------------------------------

    def _writer_for_update(self) -> tantivy.IndexWriter:
        if self._writer is None:
            try:
                self._writer = self._index.writer(self.heap_mb * 1_000_000, 1)
            except ValueError as exc:
                if os_error := io_error(exc, self.path):
                    raise os_error from None
                raise StoreLockedError(
                    str(self.path), f"search index is locked by another writer ({exc})"
                ) from None
        return self._writer

    def replace_document(self, doc_id: str, record: Record) -> None:
        """Put the items of ``record`` in the index under ``doc_id``, replacing the old ones."""
        self.replace_documents([(doc_id, record)])

    def replace_documents(self, documents: Iterable[tuple[str, Record]]) -> int:
        """Replace many documents in one commit; returns the number of items indexed.

        A failure (or a killed process) before the commit leaves the index as it was.
        """
        return self.replace_prepared(prepare_search(d, r) for d, r in documents)

    def replace_prepared(self, documents: Iterable[PreparedSearch]) -> int:
        """:meth:`replace_documents` for documents analysed already (:func:`prepare_search`)."""
        writer = self._writer_for_update()
        count = 0
        try:
            for doc in documents:
                writer.delete_documents_by_term("doc", doc.doc_id)
                marker = json.dumps(
                    {
                        "sha256": doc.sha256,
                        "municipality": doc.municipality,
                        "centres": list(doc.centres),
                    },
                    ensure_ascii=False,
                ).encode("utf-8")
                writer.add_document(
                    tantivy.Document(kind="document", doc=doc.doc_id, payload=marker)
                )
                for fields in doc.items:
                    writer.add_document(tantivy.Document(**fields))
                    count += 1
            writer.commit()
        except BaseException as exc:
            self._abandon(writer)
            if isinstance(exc, ValueError) and (os_error := io_error(exc, self.path)):
                raise os_error from None
            raise
        self._index.reload()
        return count

    def _abandon(self, writer: tantivy.IndexWriter) -> None:
        """Roll back what was not committed; a writer that failed on I/O is dropped."""
        try:
            writer.rollback()
        except ValueError:
            self._writer = None

    def remove_document(self, doc_id: str) -> None:
        """Remove a document's items (nothing happens for an unknown document)."""
        writer = self._writer_for_update()
        try:
            writer.delete_documents_by_term("doc", doc_id)
            writer.commit()
        except ValueError as exc:
            self._abandon(writer)
            raise io_error(exc, self.path) or exc from None
        self._index.reload()

    # -- reading -------------------------------------------------------------------------

    def _searcher(self) -> tantivy.Searcher:
        """A searcher on the last commit (also one made by another process or instance)."""
        self._index.reload()
        return self._index.searcher()

    def _kind(self, kind: str) -> list[dict[str, list]]:
        searcher = self._searcher()
        query = tantivy.Query.term_query(self._schema, "kind", kind)
        n = max(1, searcher.num_docs)
        return [searcher.doc(addr).to_dict() for _, addr in searcher.search(query, n).hits]

    def documents(self) -> dict[str, str]:
        """The documents in the index: name → sha256 of the input it was built from."""
        return {d["doc"][0]: json.loads(d["payload"][0])["sha256"] for d in self._kind("document")}

    def filter_values(self) -> dict[str, list[str]]:
        """The values the index can filter on, as written: ``municipality`` and ``centre``.

        >>> import tempfile, pathlib
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     with SearchIndex(pathlib.Path(tmp) / "s") as index:
        ...         index.filter_values()
        {'municipality': [], 'centre': []}
        """
        municipalities: set[str] = set()
        centres: set[str] = set()
        for d in self._kind("document"):
            marker = json.loads(d["payload"][0])
            if marker.get("municipality"):
                municipalities.add(marker["municipality"])
            centres.update(marker.get("centres") or ())
        return {"municipality": sorted(municipalities), "centre": sorted(centres)}

    def has_filter_value(self, field: str, value: str) -> bool:
        """Whether any item matches ``field`` (``municipality`` or ``centre``) = ``value``."""
        name = {"municipality": "municipality_key", "centre": "centre_key"}[field]
        return self._searcher().doc_freq(name, slug(value)) > 0

    def document_ids(self) -> frozenset[str]:
        """Names of the documents in the index."""
        return frozenset(self.documents())

    def __len__(self) -> int:
        """Number of indexed agenda items."""
        searcher = self._searcher()
        query = tantivy.Query.term_query(self._schema, "kind", "item")
        return searcher.search(query, 1, count=True).count or 0

    def items(self, keep: Callable[[IndexedItem], IndexedItem] | None = None) -> list[IndexedItem]:
        """Every indexed item, by document and number (for :func:`referatgraf.graph.search.site.site_index`).

        ``keep`` shapes each item as it is read (e.g. cuts its text), so an archive's items
        need not all be held whole at once.
        """
        searcher = self._searcher()
        query = tantivy.Query.term_query(self._schema, "kind", "item")
        found = searcher.search(query, max(1, searcher.num_docs)).hits
        items = []
        for _, addr in found:
            item = _indexed_item(searcher.doc(addr)["payload"][0])
            items.append(keep(item) if keep is not None else item)
        return sorted(items, key=lambda i: (i.doc_id, i.number))

    def item_stream(self) -> ItemStream:
        """Every indexed item in the order of :meth:`items`, to be read one at a time (an
        archive's items are never all held: each is read once for the order and the size
        of its sections, once when it is used)."""
        searcher = self._searcher()
        query = tantivy.Query.term_query(self._schema, "kind", "item")
        found = [addr for _, addr in searcher.search(query, max(1, searcher.num_docs)).hits]
        del searcher
        order, chars = [], 0
        for addr, payload in zip(found, _reopening(self._fresh_searcher, found), strict=True):
            doc_id, number, sections = _order_fields(payload)
            order.append((doc_id, number, addr))
            chars += sections
        order.sort(key=lambda t: (t[0], t[1]))
        return ItemStream(self._fresh_searcher, [addr for _, _, addr in order], chars)

    def _fresh_searcher(self) -> tantivy.Searcher:
        """A searcher of a new handle on the index (nothing shared with :attr:`_index`, so
        its memory-mapped files go when it does)."""
        return tantivy.Index.open(str(self.path)).searcher()

    def search(
        self,
        query: str,
        *,
        centre: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        municipality: str | None = None,
        limit: int = 20,
    ) -> list[Hit]:
        """Agenda items matching ``query``, best first (see :mod:`referatgraf.graph.search.analysis`).

        ``centre`` is a centre code (any case, æøå or not); ``date_from``/``date_to`` are
        inclusive and may be a year or a month; ``municipality`` is a name or its key.
        Raises :class:`ValueError` for a bad date or limit.
        """
        if limit < 1:
            raise ValueError(f"limit must be at least 1, not {limit}")
        searcher = self._searcher()
        parsed = parse_query(query)
        full = self._full_query(parsed, searcher, centre, date_from, date_to, municipality)
        if full is None:
            return []
        result = searcher.search(full, limit, count=False)
        terms, prefixes = parsed.terms, parsed.prefixes
        hits = []
        for score, addr in result.hits:
            item = _indexed_item(searcher.doc(addr)["payload"][0])
            hits.append(
                Hit(
                    doc_id=item.doc_id,
                    item=item.number,
                    date=item.date,
                    body=item.body,
                    title=item.title,
                    case_number=item.case_number,
                    snippet=snippet(item.text, terms, prefixes),
                    score=round(score, 4),
                    centres=item.centres,
                    strategies=item.strategies,
                    municipality=item.municipality,
                )
            )
        hits.sort(key=lambda h: (-h.score, -_date_key(h.date), h.doc_id, h.item))
        return hits

    def count(
        self,
        query: str,
        *,
        centre: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        municipality: str | None = None,
    ) -> int:
        """How many items :meth:`search` would find without a limit."""
        searcher = self._searcher()
        full = self._full_query(
            parse_query(query), searcher, centre, date_from, date_to, municipality
        )
        return 0 if full is None else searcher.search(full, 1, count=True).count or 0

    def _full_query(
        self,
        parsed: Query,
        searcher: tantivy.Searcher,
        centre: str | None,
        date_from: str | None,
        date_to: str | None,
        municipality: str | None,
    ) -> tantivy.Query | None:
        low, high = date_bounds(date_from, date_to)
        text_query = self._text_query(parsed, searcher) if parsed else None
        if text_query is None:
            return None
        Q, schema = tantivy.Query, self._schema
        filters = []
        if date_from is not None or date_to is not None:
            filters.append(Q.range_query(schema, "date_key", tantivy.FieldType.Integer, low, high))
        if municipality:
            filters.append(Q.term_query(schema, "municipality_key", slug(municipality)))
        if centre:
            filters.append(Q.term_query(schema, "centre_key", slug(centre)))
        # filters must not change the ranking: they score nothing
        must = [(tantivy.Occur.Must, text_query)]
        must += [(tantivy.Occur.Must, Q.const_score_query(f, 0.0)) for f in filters]
        return Q.boolean_query(must)

    def _clause_query(self, clause: Clause, searcher: tantivy.Searcher) -> tantivy.Query | None:
        Q, Should = tantivy.Query, tantivy.Occur.Should
        alternatives = []
        for name, weight in FIELDS:
            field = f"t_{name}"
            if clause.prefix:
                expansions = searcher.terms_with_prefix(field, clause.terms[0], limit=_PREFIX_TERMS)
                for t, _ in expansions:
                    alternatives.append(
                        (Should, Q.boost_query(Q.term_query(self._schema, field, t), weight))
                    )
            elif len(clause.terms) == 1:
                q = Q.term_query(self._schema, field, clause.terms[0])
                alternatives.append((Should, Q.boost_query(q, weight)))
            else:
                q = Q.phrase_query(self._schema, field, list(clause.terms))
                alternatives.append((Should, Q.boost_query(q, weight)))
        return Q.boolean_query(alternatives) if alternatives else None

    def _text_query(self, query: Query, searcher: tantivy.Searcher) -> tantivy.Query | None:
        groups = []
        for group in query.groups:
            clauses = [self._clause_query(c, searcher) for c in group]
            if any(c is None for c in clauses):
                continue  # a prefix that expands to nothing: this group matches nothing
            must = [(tantivy.Occur.Must, c) for c in clauses]
            groups.append((tantivy.Occur.Should, tantivy.Query.boolean_query(must)))
        return tantivy.Query.boolean_query(groups) if groups else None
