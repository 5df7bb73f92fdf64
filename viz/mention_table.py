"""The site data's mention rows held as columns, and the look-ups made from them.

An archive of 10,000 meetings has ~520,000 mention rows (one per item, entity and mention
type). Held as :class:`~referatgraf.viz.data.MentionRow` objects, with the look-ups by item
and by entity and each item's entities by kind, they took ~115 MB; held as columns (a few
bytes a row in :class:`array.array` s, each IRI, type and text once in a table) they take
~15 MB, and a row is made into a :class:`MentionRow` only when a page asks for it
(:class:`MentionTable` is a sequence of them; :meth:`MentionTable.by_item` and
:meth:`MentionTable.by_entity` are mappings that make each list when it is looked up).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from referatgraf.viz.data import Entity, MentionRow

__all__ = ["EntityMentions", "ItemEntities", "ItemMentions", "MentionColumns", "MentionTable"]


class _Interned:
    """Values numbered in order of first sight (``None`` is -1)."""

    def __init__(self) -> None:
        self.values: list = []
        self._number: dict = {}

    def number(self, value) -> int:
        if value is None:
            return -1
        n = self._number.get(value)
        if n is None:
            n = self._number[value] = len(self.values)
            self.values.append(value)
        return n

    def value(self, n: int):
        return None if n < 0 else self.values[n]


class MentionColumns:
    """Mention rows gathered as columns (:meth:`add`), then sorted and made one
    :class:`MentionTable` (:meth:`table`)."""

    def __init__(self) -> None:
        self._entities, self._items = _Interned(), _Interned()
        self._types, self._texts = _Interned(), _Interned()
        # 4 bytes a value: numbers of IRIs and texts, offsets into one document's text
        self._entity, self._item, self._type = array("i"), array("i"), array("i")
        self._start, self._exact, self._evidence = array("i"), array("i"), array("i")
        self._count = array("i")

    def add(
        self,
        entity: str,
        mention_type: str,
        item: str,
        start: int,
        exact: str,
        evidence: str | None,
        count: int,
    ) -> None:
        self._entity.append(self._entities.number(entity))
        self._type.append(self._types.number(mention_type))
        self._item.append(self._items.number(item))
        self._start.append(start)
        self._exact.append(self._texts.number(exact))
        self._evidence.append(self._texts.number(evidence))
        self._count.append(count)

    def table(self) -> MentionTable:
        """The rows in item, start and entity order (rows of equal keys in the order they
        were added), the first of each (entity, item, start, mention type) kept; the columns
        gathered are emptied (call once)."""
        kept = self._kept()
        columns = {}
        for name in ("_entity", "_type", "_item", "_start", "_exact", "_evidence", "_count"):
            column = getattr(self, name)
            columns[name] = array(column.typecode, (column[k] for k in kept))
            setattr(self, name, array(column.typecode))  # the unsorted one goes as it is copied
            del column
        return MentionTable(
            self._entities.values,
            self._types.values,
            self._items.values,
            self._texts.values,
            *columns.values(),
        )

    def _kept(self) -> array:
        """The numbers of the rows :meth:`table` keeps, in its order: item by item (a few
        rows each, never a sort key for every row at once), the rows by start and entity
        (stable), the first of each (entity, start, type)."""
        entity_rank = _ranks(self._entities.values)
        start, item, entity, types = self._start, self._item, self._entity, self._type
        rows_of: dict[int, array] = {}  # each item's rows, in the order they were added
        for k, at in enumerate(item):
            found = rows_of.get(at)
            if found is None:
                found = rows_of[at] = array("i")
            found.append(k)
        items = self._items.values
        kept = array("i")
        for at in sorted(rows_of, key=items.__getitem__):
            seen: set[tuple[int, int, int]] = set()
            for k in sorted(rows_of.pop(at), key=lambda k: (start[k], entity_rank[entity[k]])):
                key = (entity[k], start[k], types[k])
                if key not in seen:
                    seen.add(key)
                    kept.append(k)
        return kept


def _ranks(values: list[str]) -> list[int]:
    """Each value's place in sorted order.

    >>> _ranks(["b", "c", "a"])
    [1, 2, 0]
    """
    out = [0] * len(values)
    for rank, n in enumerate(sorted(range(len(values)), key=values.__getitem__)):
        out[n] = rank
    return out


class MentionTable(Sequence):
    """Mention rows as columns; each row made a :class:`MentionRow` when it is read."""

    def __init__(
        self, entities, types, items, texts, entity, type_, item, start, exact, evidence, count
    ):
        self._entities, self._types, self._items, self._texts = entities, types, items, texts
        self._entity, self._type, self._item = entity, type_, item
        self._start, self._exact, self._evidence, self._count = start, exact, evidence, count

    def __len__(self) -> int:
        return len(self._entity)

    def row(self, k: int) -> MentionRow:
        from referatgraf.viz.data import MentionRow

        evidence = self._evidence[k]
        return MentionRow(
            entity=self._entities[self._entity[k]],
            mention_type=self._types[self._type[k]],
            item=self._items[self._item[k]],
            start=self._start[k],
            exact=self._texts[self._exact[k]],
            evidence=None if evidence < 0 else self._texts[evidence],
            count=self._count[k],
        )

    def __getitem__(self, k):
        if isinstance(k, slice):
            return tuple(self.row(n) for n in range(*k.indices(len(self))))
        if k < 0:
            k += len(self)
        if not 0 <= k < len(self):
            raise IndexError(k)
        return self.row(k)

    def __iter__(self) -> Iterator[MentionRow]:
        return map(self.row, range(len(self)))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, MentionTable | tuple | list):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"MentionTable({len(self)} rows)"

    def by_item(self, items: Mapping, entities: Mapping) -> ItemMentions:
        """Rows of each item in ``items`` whose entity is in ``entities``, items in IRI order,
        each item's rows in text order (``SiteData.mentions_by_item``)."""
        ok = bytearray(1 if e in entities else 0 for e in self._entities)
        starts: dict[str, int] = {}
        bounds = array("i")
        k, n, item = 0, len(self), self._item
        while k < n:
            first, at = k, item[k]
            while k < n and item[k] == at:
                k += 1
            name = self._items[at]
            if name in items and any(ok[self._entity[r]] for r in range(first, k)):
                starts[name] = len(bounds)
                bounds.extend((first, k))
        return ItemMentions(self, starts, bounds, ok)

    def by_entity(self, by_item: ItemMentions) -> EntityMentions:
        """Rows of each entity over ``by_item``'s rows, in their order; entities in order of
        first row (``SiteData.mentions_by_entity``)."""
        rows: dict[int, array] = {}
        for k in by_item.row_numbers():
            e = self._entity[k]
            found = rows.get(e)
            if found is None:
                found = rows[e] = array("i")
            found.append(k)
        return EntityMentions(self, {self._entities[e]: rs for e, rs in rows.items()})

    def item_entities(
        self, by_item: ItemMentions, entity_by_iri: Mapping[str, Entity]
    ) -> ItemEntities:
        """Each item's entities by kind, once each, in text order."""
        return ItemEntities(self, by_item, entity_by_iri)

    def entity_of_row(self, k: int) -> str:
        return self._entities[self._entity[k]]

    def item_of_row(self, k: int) -> str:
        return self._items[self._item[k]]

    def start_of_row(self, k: int) -> int:
        return self._start[k]


class ItemMentions(Mapping):
    """Item IRI → its mention rows (a list made at each look-up)."""

    def __init__(self, table: MentionTable, starts: dict[str, int], bounds: array, ok: bytearray):
        self._table, self._starts, self._bounds, self._ok = table, starts, bounds, ok

    def rows_of(self, item: str) -> list[int]:
        n = self._starts.get(item)
        if n is None:
            return []
        t, ok = self._table, self._ok
        return [k for k in range(self._bounds[n], self._bounds[n + 1]) if ok[t._entity[k]]]

    def row_numbers(self) -> Iterator[int]:
        for item in self._starts:
            yield from self.rows_of(item)

    def __getitem__(self, item: str) -> list[MentionRow]:
        if item not in self._starts:
            raise KeyError(item)
        return [self._table.row(k) for k in self.rows_of(item)]

    def __contains__(self, item: object) -> bool:
        return item in self._starts

    def __iter__(self) -> Iterator[str]:
        return iter(self._starts)

    def __len__(self) -> int:
        return len(self._starts)


class EntityMentions(Mapping):
    """Entity IRI → its mention rows (a list made at each look-up; the last one kept, as a
    page asks for one entity's rows a few times in a row)."""

    def __init__(self, table: MentionTable, rows: dict[str, array]):
        self._table, self._rows = table, rows
        self._last: tuple[str, list] | None = None

    def __getitem__(self, entity: str) -> list[MentionRow]:
        if self._last is not None and self._last[0] == entity:
            return list(self._last[1])
        found = [self._table.row(k) for k in self._rows[entity]]
        self._last = (entity, found)
        return list(found)

    def items_of(self, entity: str) -> list[str]:
        """The item of each of ``entity``'s rows, without making the rows ([]: none)."""
        table = self._table
        return [table.item_of_row(k) for k in self._rows.get(entity, ())]

    def items_of_type(self, entity: str, mention_type: str) -> list[str]:
        """The item of each of ``entity``'s rows of one mention type, without making the
        rows."""
        table = self._table
        types = table._types
        return [
            table.item_of_row(k)
            for k in self._rows.get(entity, ())
            if types[table._type[k]] == mention_type
        ]

    def __contains__(self, entity: object) -> bool:
        return entity in self._rows

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)


class ItemEntities:
    """Item IRI → {kind: entities named, once each, in text order}.

    Each item's distinct entities are kept once, as numbers in one array (a few bytes an
    item, in the order of ``by_item``'s items), and an item's mapping by kind is made from
    them at a look-up (the last one kept: pages ask for an item's kinds one after another).
    Entity pages look up every item naming the entity, so a look-up must not go back to
    the item's mention rows: at 10,000 meetings that was ~10 s of the report.
    """

    def __init__(self, table: MentionTable, by_item: ItemMentions, entity_by_iri: Mapping):
        self._starts = by_item._starts  # item -> 2 × its place among by_item's items
        # each entity column number's Entity (None: not a known entity)
        entity_of = [entity_by_iri.get(iri) for iri in table._entities]
        self._entity_of = entity_of
        column = table._entity
        numbers, bounds = array("i"), array("i", [0])
        for item in by_item:  # in the order of _starts, as rows_of gives them
            numbers.extend(dict.fromkeys(column[k] for k in by_item.rows_of(item)))
            bounds.append(len(numbers))
        self._numbers, self._bounds = numbers, bounds
        self._last: tuple[str, dict[str, list[Entity]]] | None = None

    def get(self, item: str, default: dict | None = None) -> dict[str, list[Entity]]:
        if self._last is not None and self._last[0] == item:
            return self._last[1]
        n = self._starts.get(item)
        if n is None:
            return {} if default is None else default
        j, entity_of = n // 2, self._entity_of
        found: dict[str, list[Entity]] = {}
        for number in self._numbers[self._bounds[j] : self._bounds[j + 1]]:
            e = entity_of[number]
            found.setdefault(e.kind, []).append(e)
        self._last = (item, found)
        return found
