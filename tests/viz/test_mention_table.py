"""Mention rows held as columns give the site data the same rows and look-ups as a tuple.

:func:`referatgraf.viz.data.load_data` keeps its mention rows in a
:class:`referatgraf.viz.mention_table.MentionTable`; the pages ask the site data for rows by
item, by entity and each item's entities by kind. On the bundled minutes (real extraction,
Greve and Høje-Taastrup) each look-up equals the one :class:`SiteData` computes from the
same rows as a tuple, and the columns keep the first of repeated rows in item and text order.
"""

from __future__ import annotations

import dataclasses

from referatgraf.ontology.kinds import ENTITY_KINDS
from referatgraf.viz.data import MentionRow, SiteData
from referatgraf.viz.mention_table import MentionColumns, MentionTable


def test_load_data_holds_its_mentions_as_columns(corpus_data: SiteData):
    assert isinstance(corpus_data.mentions, MentionTable)
    assert len(corpus_data.mentions) > 100


def test_the_look_ups_equal_those_of_a_tuple(corpus_data: SiteData):
    rows = tuple(corpus_data.mentions)
    plain = dataclasses.replace(corpus_data, mentions=rows)
    assert not isinstance(plain.mentions, MentionTable)
    assert corpus_data.mentions == rows
    assert list(corpus_data.mentions_by_item) == list(plain.mentions_by_item)
    assert {k: corpus_data.mentions_by_item[k] for k in corpus_data.mentions_by_item} == dict(
        plain.mentions_by_item
    )
    assert list(corpus_data.mentions_by_entity) == list(plain.mentions_by_entity)
    for entity, mentions in plain.mentions_by_entity.items():
        assert corpus_data.mentions_by_entity[entity] == mentions
        assert corpus_data.mentions_by_entity.get(entity) == mentions  # the kept last one
    for item in corpus_data.items:
        assert corpus_data.mentions_by_item.get(item.iri, []) == plain.mentions_by_item.get(
            item.iri, []
        )
        for kind in ENTITY_KINDS:
            assert corpus_data.entities_of_item(item.iri, kind.name) == plain.entities_of_item(
                item.iri, kind.name
            )
    assert corpus_data.mentions_by_item.get("https://no.such/item") is None
    assert "https://no.such/entity" not in corpus_data.mentions_by_entity


def test_columns_sort_by_item_start_and_entity_and_keep_the_first_of_a_key():
    columns = MentionColumns()
    rows = [
        MentionRow("e/b", "centres", "i/2", 5, "B", "B said."),
        MentionRow("e/a", "centres", "i/2", 5, "A", None),
        MentionRow("e/a", "centres", "i/1", 9, "A", "A too.", count=3),
        MentionRow("e/a", "centres", "i/1", 9, "A again", "later"),  # same key: dropped
        MentionRow("e/a", "proposers", "i/1", 9, "A", "A too."),
        MentionRow("e/c", "people", "i/1", 2, "C", None),
    ]
    for m in rows:
        columns.add(m.entity, m.mention_type, m.item, m.start, m.exact, m.evidence, m.count)
    table = columns.table()
    assert list(table) == [rows[5], rows[2], rows[4], rows[1], rows[0]]
    assert table[-1] == rows[0] and table[1:3] == (rows[2], rows[4])
