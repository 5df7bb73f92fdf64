"""Data files made in pieces join to the same text as made whole; the role look-up answers
as the dict it replaces."""

from __future__ import annotations

import json
import random

import pytest

from referatgraf.viz.data import RoleLookup, RoleRow
from referatgraf.viz.pieces import Pieces, pieces_of, text_of
from referatgraf.viz.table import Column, table_data, table_file, table_script, table_script_pieces

COLUMNS = (Column("Kommune", choose=True), Column("Punkt"), Column("Pkt.", "number"))

#: Cells that JSON and the script escaping must treat alike in pieces and whole.
HOSTILE = ["</script><!--", "æøå – “citat”", "a\u2028b\u2029c", "&amp;", "", 0, -3, None]


def _rows(n: int) -> list[list]:
    rnd = random.Random(n)
    return [
        [rnd.choice(["htk", "greve"]), [rnd.choice(HOSTILE), f"item.html#{k}"], rnd.choice(HOSTILE)]
        for k in range(n)
    ]


@pytest.mark.parametrize("n", [0, 1, 2, 3, 7, 2000, 2001])
@pytest.mark.parametrize("per_piece", [1, 2, 3, 2000])
def test_a_table_in_pieces_is_the_table_made_whole(n: int, per_piece: int):
    rows = _rows(n)
    options = {"noun": ("punkt", "punkter"), "sort": 1, "descending": True}
    whole = table_script("items", table_data(COLUMNS, rows, **options))
    pieces = list(
        table_script_pieces("items", COLUMNS, iter(rows), rows_per_piece=per_piece, **options)
    )
    assert "".join(pieces) == whole
    assert len(pieces) == 2 + -(-n // per_piece)  # head, the rows' pieces, tail
    assert "</script" not in "".join(pieces)


def test_a_table_file_is_made_afresh_each_time_it_is_read():
    made = []

    def rows():
        made.append(1)
        return iter(_rows(5))

    file = table_file("items", COLUMNS, rows, sort=0)
    assert isinstance(file, Pieces) and not made  # nothing made before it is written
    first, second = text_of(file), text_of(file)
    assert first == second and len(made) == 2
    body = first.split("] = ", 1)[1].rstrip(";\n")
    assert json.loads(body)["rows"] == [list(r) for r in _rows(5)]
    assert list(pieces_of("whole")) == ["whole"]


def _role_rows(n: int, seed: int) -> list[RoleRow]:
    rnd = random.Random(seed)
    return [
        RoleRow(
            f"i{rnd.randrange(n)}",
            f"c/{rnd.choice('ABC')}",
            rnd.choice(["lead", "involved"]),
            str(k),
        )
        for k in range(n)
    ]


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("in_order", [False, True])
def test_the_role_look_up_answers_as_a_dict_of_the_rows(seed: int, in_order: bool):
    rows = _role_rows(60, seed)
    if in_order:
        rows.sort(key=lambda r: (r.item, r.entity))
    expected = {(r.item, r.entity): r for r in rows}  # the last row of a pair wins
    lookup = RoleLookup(tuple(rows))
    for item in [f"i{k}" for k in range(62)]:
        for entity in ("c/A", "c/B", "c/C", "c/D"):
            assert lookup.get((item, entity)) == expected.get((item, entity))
            assert ((item, entity) in lookup) == ((item, entity) in expected)


def test_the_role_look_up_of_no_rows_finds_nothing():
    assert RoleLookup(()).get(("i", "c")) is None
