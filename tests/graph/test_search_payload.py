"""The stored JSON of an item read in part (where the report's search file reads it) gives
what the JSON decoded whole gives: the order fields, and the item with its sections and
passage cut."""

from __future__ import annotations

import json
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from referatgraf.graph.search import index as module
from referatgraf.graph.search.index import _cut_item, _order_fields, _payload, _string_start
from referatgraf.graph.search.items import IndexedItem

# Texts dense in what JSON escapes (quotes, backslashes, control characters, line breaks),
# in the keys the partial reading looks for, and in characters beyond ASCII.
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
@given(items(), st.integers(0, 70), st.integers(0, 70))
def test_an_item_read_in_part_is_the_item_decoded_whole_and_cut(item, sections, text):
    payload = _payload(item)
    whole = json.loads(payload)
    assert _order_fields(payload) == (whole["doc_id"], whole["number"], len(whole["sections"]))
    assert _cut_item(payload, sections, text) == replace(
        item, sections=item.sections[:sections], text=item.text[:text]
    )


@settings(max_examples=300, deadline=None)
@given(_TEXT, st.integers(0, 80))
def test_the_start_of_a_json_string_is_the_start_of_the_string(value, chars):
    raw = json.dumps(value, ensure_ascii=False) + ', "next": 1}'
    assert _string_start(raw, 1, chars) == value[:chars]


def test_a_cut_item_of_another_layout_is_decoded_whole(monkeypatch):
    """JSON not laid out as _payload writes it (keys in another order) is read whole."""
    item = IndexedItem("a.txt", 1, None, "D", "T", None, None, (), (), "S" * 9, "", "", "P" * 9)
    shuffled = dict(reversed(json.loads(_payload(item)).items()))
    payload = json.dumps(shuffled, ensure_ascii=False).encode("utf-8")
    assert _cut_item(payload, 3, 4) == replace(item, sections="SSS", text="PPPP")
    assert _order_fields(payload) == ("a.txt", 1, 9)
    assert module._BEFORE_SECTIONS[0] == "doc_id" and module._BETWEEN[-1] == "attachments"
