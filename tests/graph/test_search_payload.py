"""The stored JSON of an item read only as far as its sections (where the report's search
file orders its items) gives the order fields the JSON decoded whole gives."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from referatgraf.graph.search.index import _order_fields, _payload
from referatgraf.graph.search.items import IndexedItem

# Texts dense in what JSON escapes (quotes, backslashes, control characters, line breaks),
# in the keys the partial reading passes, and in characters beyond ASCII.
_PIECES = ['"', "\\", "\n", "\x01", "\x1f", "u", "0", "æ", "\u2028", "😀", " ", "a"]
_KEYS = [', "sections": "', ', "decisions": ', ', "text": "', '{"doc_id": "']
_TRICKY = st.lists(st.sampled_from(_PIECES + _KEYS), max_size=60).map("".join)
_TEXT = st.one_of(_TRICKY, st.text(max_size=40))


@st.composite
def items(draw) -> IndexedItem:
    return IndexedItem(
        doc_id=draw(_TEXT),
        number=draw(st.integers(0, 10_000)),
        date=draw(st.none() | st.just("2017-10-24")),
        body=draw(_TEXT),
        title=draw(_TEXT),
        case_number=draw(st.none() | _TEXT),
        municipality=draw(st.none() | _TEXT),
        centres=tuple(draw(st.lists(_TEXT, max_size=2))),
        strategies=tuple(draw(st.lists(_TEXT, max_size=2))),
        sections=draw(_TEXT),
        decisions=draw(_TEXT),
        attachments=draw(_TEXT),
        text=draw(_TEXT),
    )


@settings(max_examples=400, deadline=None)
@given(items())
def test_the_order_fields_read_in_part_are_those_of_the_item_decoded_whole(item):
    payload = _payload(item)
    whole = json.loads(payload)
    assert _order_fields(payload) == (whole["doc_id"], whole["number"], len(whole["sections"]))


def test_the_order_fields_of_another_layout_are_read_whole():
    """JSON not laid out as _payload writes it (keys in another order) is read whole."""
    item = IndexedItem("a.txt", 1, None, "D", "T", None, None, (), (), "S" * 9, "", "", "P" * 9)
    shuffled = dict(reversed(json.loads(_payload(item)).items()))
    payload = json.dumps(shuffled, ensure_ascii=False).encode("utf-8")
    assert _order_fields(payload) == ("a.txt", 1, 9)
