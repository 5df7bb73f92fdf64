r"""The full-text index of agenda items beside the store (SQLite FTS5, Danish-aware).

The index is one SQLite file (default ``out/store/search.sqlite``). Every agenda item is a
row of an FTS5 table whose columns hold the *terms* of its title, case number, section
text, decision text and attachment names (Danish Snowball stems folded to ASCII, see
:mod:`graph.search_analysis`); FTS5 ranks matches with BM25, the title weighing most.
Beside it a plain table holds what a hit shows (meeting date, body, title, case number,
centres, strategies, and the item's text, compressed, for the snippet) and one table the
centres for filtering. A document (by name, as in the store) is replaced or removed in one
transaction, so the index follows the store document by document.

Examples
--------
>>> import tempfile, pathlib
>>> from extract.model import Source
>>> from extract.parser import parse_minutes
>>> text = (
...     "REFERAT Direktionen d. 24-10-2017\n\n"
...     "Punkt 1: Vækstpolitik\n\n17/17956\n\nBaggrund\n\nStrategibrevet nævner væksten.\n\n"
...     "Punkt 2: Strategibrev 2018\n\n17/10390\n\nBaggrund\n\nUdkast til strategibrevet.\n"
... )
>>> src = Source(path="a.txt", sha256="-", format="text", text_sha256="-")
>>> record = parse_minutes(text, document="a.txt", source=src)
>>> with tempfile.TemporaryDirectory() as tmp:
...     with SearchIndex(pathlib.Path(tmp) / "search.sqlite") as index:
...         index.replace_document("a.txt", record)
...         hits = index.search("strategibrevet")
>>> [(h.item, h.title) for h in hits]
[(2, 'Strategibrev 2018'), (1, 'Vækstpolitik')]
>>> hits[0].snippet
'Punkt 2: «Strategibrev» 2018 17/10390 Baggrund Udkast til «strategibrevet».'
"""

from __future__ import annotations

import json
import logging
import re
import sqlite3
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from extract.model import Record
from graph.errors import StoreError
from graph.iris import slug
from graph.search_analysis import Query, analyse, parse_query
from graph.search_items import FIELDS, IndexedItem, indexed_items
from graph.search_snippet import snippet

__all__ = [
    "INDEX_NAME",
    "SCHEMA_VERSION",
    "Hit",
    "SearchIndex",
    "date_bounds",
    "fts_expression",
]

log = logging.getLogger(__name__)

#: File name of the index inside the store folder.
INDEX_NAME = "search.sqlite"

#: Bumped whenever the schema or the analysis changes (an older index must be rebuilt).
SCHEMA_VERSION = 1

_SCHEMA = f"""
CREATE TABLE items (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL,
    number INTEGER NOT NULL,
    date TEXT,
    body TEXT NOT NULL,
    title TEXT NOT NULL,
    case_number TEXT,
    municipality TEXT,
    municipality_key TEXT,
    centres TEXT NOT NULL,
    strategies TEXT NOT NULL,
    sections TEXT NOT NULL,
    decisions TEXT NOT NULL,
    attachments TEXT NOT NULL,
    text BLOB NOT NULL
);
CREATE INDEX items_doc ON items(doc_id);
CREATE TABLE item_centres (
    centre_key TEXT NOT NULL,
    item INTEGER NOT NULL,
    PRIMARY KEY (centre_key, item)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE fts USING fts5(
    {", ".join(name for name, _ in FIELDS)},
    tokenize = 'unicode61 remove_diacritics 0'
);
INSERT INTO fts(fts, rank) VALUES ('rank', 'bm25({", ".join(str(w) for _, w in FIELDS)})');
PRAGMA user_version = {SCHEMA_VERSION};
"""

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


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


def fts_expression(query: Query) -> str:
    """The FTS5 MATCH expression of a parsed query.

    Examples
    --------
    >>> from graph.search_analysis import parse_query
    >>> fts_expression(parse_query('udsatte boligområder OR "ny strategi" robot*'))
    '("udsat" AND "boligomraad") OR ("ny strategi" AND "robot" *)'
    """
    groups = []
    for group in query.groups:
        clauses = [f'"{" ".join(c.terms)}"' + (" *" if c.prefix else "") for c in group]
        groups.append(" AND ".join(clauses))
    if len(groups) == 1:
        return groups[0]
    return " OR ".join(f"({g})" for g in groups)


def date_bounds(date_from: str | None, date_to: str | None) -> tuple[str | None, str | None]:
    """Inclusive ISO string bounds for a date filter; each end may be a year or a month.

    Raises :class:`ValueError` for anything but ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

    Examples
    --------
    >>> date_bounds("2017", "2017-05")
    ('2017', '2017-05~')
    >>> "2017-05-08" <= date_bounds(None, "2017-05-08")[1] < "2017-05-09"
    True
    """
    for value in (date_from, date_to):
        if value is not None and not _DATE.match(value):
            raise ValueError(f"not a date (YYYY, YYYY-MM or YYYY-MM-DD): {value!r}")
    return date_from, (date_to + "~" if date_to is not None else None)


class SearchIndex:
    """The search index file at ``path``, created when missing.

    Use as a context manager, or call :meth:`close`. Raises :class:`StoreError` for a file
    that is not an index of this version.
    """

    def __init__(self, path: str | Path, *, create: bool = True) -> None:
        self.path = Path(path)
        if not create and not self.path.is_file():
            raise StoreError(
                str(self.path), "no search index here (build one with `referatgraf build`)"
            )
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, isolation_level=None)
        try:
            self._open()
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise StoreError(str(self.path), f"not a search index ({exc})") from None

    def _open(self) -> None:
        db = self._db
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version == 0 and not db.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone():
            db.executescript(f"BEGIN; {_SCHEMA} COMMIT;")
        elif version != SCHEMA_VERSION:
            self._db.close()
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
        """Close the index file."""
        self._db.close()

    # -- writing -------------------------------------------------------------------------

    def replace_document(self, doc_id: str, record: Record) -> None:
        """Put the items of ``record`` in the index under ``doc_id``, replacing the old ones."""
        self.replace_documents([(doc_id, record)])

    def replace_documents(self, documents: Iterable[tuple[str, Record]]) -> int:
        """Replace many documents in one transaction; returns the number of items indexed."""
        db = self._db
        count = 0
        db.execute("BEGIN IMMEDIATE")
        try:
            for doc_id, record in documents:
                self._delete(doc_id)
                for item in indexed_items(doc_id, record):
                    self._insert(item)
                    count += 1
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
        return count

    def remove_document(self, doc_id: str) -> None:
        """Remove a document's items (nothing happens for an unknown document)."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            self._delete(doc_id)
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def optimize(self) -> None:
        """Merge the full-text index into one b-tree (after a large build; faster queries)."""
        self._db.execute("INSERT INTO fts(fts) VALUES ('optimize')")

    def _delete(self, doc_id: str) -> None:
        db = self._db
        ids = [r[0] for r in db.execute("SELECT id FROM items WHERE doc_id = ?", (doc_id,))]
        if not ids:
            return
        rows = [(i,) for i in ids]
        db.executemany("DELETE FROM fts WHERE rowid = ?", rows)
        db.executemany("DELETE FROM item_centres WHERE item = ?", rows)
        db.execute("DELETE FROM items WHERE doc_id = ?", (doc_id,))

    def _insert(self, item: IndexedItem) -> None:
        db = self._db
        cur = db.execute(
            "INSERT INTO items (doc_id, number, date, body, title, case_number, municipality,"
            " municipality_key, centres, strategies, sections, decisions, attachments, text)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                item.doc_id,
                item.number,
                item.date,
                item.body,
                item.title,
                item.case_number,
                item.municipality,
                slug(item.municipality) if item.municipality else None,
                json.dumps(item.centres, ensure_ascii=False),
                json.dumps(item.strategies, ensure_ascii=False),
                item.sections,
                item.decisions,
                item.attachments,
                zlib.compress(item.text.encode("utf-8"), 1),
            ),
        )
        rowid = cur.lastrowid
        db.execute(
            f"INSERT INTO fts (rowid, {', '.join(n for n, _ in FIELDS)})"
            f" VALUES (?{', ?' * len(FIELDS)})",
            (rowid, *(analyse(item.field(name)) for name, _ in FIELDS)),
        )
        db.executemany(
            "INSERT OR IGNORE INTO item_centres (centre_key, item) VALUES (?, ?)",
            [(slug(c), rowid) for c in item.centres],
        )

    # -- reading -------------------------------------------------------------------------

    def document_ids(self) -> frozenset[str]:
        """Names of the documents in the index."""
        return frozenset(r[0] for r in self._db.execute("SELECT DISTINCT doc_id FROM items"))

    def __len__(self) -> int:
        """Number of indexed agenda items."""
        return self._db.execute("SELECT count(*) FROM items").fetchone()[0]

    def items(self) -> list[IndexedItem]:
        """Every indexed item, by document and number (for :func:`graph.search_site.site_index`)."""
        rows = self._db.execute(
            "SELECT doc_id, number, date, body, title, case_number, municipality, centres,"
            " strategies, sections, decisions, attachments, text FROM items"
            " ORDER BY doc_id, number, id"
        )
        return [
            IndexedItem(
                doc_id=r[0],
                number=r[1],
                date=r[2],
                body=r[3],
                title=r[4],
                case_number=r[5],
                municipality=r[6],
                centres=tuple(json.loads(r[7])),
                strategies=tuple(json.loads(r[8])),
                sections=r[9],
                decisions=r[10],
                attachments=r[11],
                text=zlib.decompress(r[12]).decode("utf-8"),
            )
            for r in rows
        ]

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
        """Agenda items matching ``query``, best first (see :mod:`graph.search_analysis`).

        ``centre`` is a centre code (any case, æøå or not); ``date_from``/``date_to`` are
        inclusive and may be a year or a month; ``municipality`` is a name or its key.
        Raises :class:`ValueError` for a bad date or limit.
        """
        if limit < 1:
            raise ValueError(f"limit must be at least 1, not {limit}")
        low, high = date_bounds(date_from, date_to)
        parsed = parse_query(query)
        if not parsed:
            return []
        sql = [
            "SELECT items.doc_id, items.number, items.date, items.body, items.title,",
            " items.case_number, items.text, fts.rank, items.centres, items.strategies,",
            " items.municipality FROM fts JOIN items ON items.id = fts.rowid",
            " WHERE fts MATCH ?",
        ]
        params: list[object] = [fts_expression(parsed)]
        if low is not None:
            sql.append(" AND items.date >= ?")
            params.append(low)
        if high is not None:
            sql.append(" AND items.date <= ?")
            params.append(high)
        if municipality:
            sql.append(" AND items.municipality_key = ?")
            params.append(slug(municipality))
        if centre:
            sql.append(" AND items.id IN (SELECT item FROM item_centres WHERE centre_key = ?)")
            params.append(slug(centre))
        sql.append(" ORDER BY fts.rank, items.date DESC, items.doc_id, items.number LIMIT ?")
        params.append(limit)
        rows = self._db.execute("".join(sql), params).fetchall()
        terms, prefixes = parsed.terms, parsed.prefixes
        return [
            Hit(
                doc_id=r[0],
                item=r[1],
                date=r[2],
                body=r[3],
                title=r[4],
                case_number=r[5],
                snippet=snippet(zlib.decompress(r[6]).decode("utf-8"), terms, prefixes),
                score=round(-r[7], 4),
                centres=tuple(json.loads(r[8])),
                strategies=tuple(json.loads(r[9])),
                municipality=r[10],
            )
            for r in rows
        ]
