"""The compact search file made one item at a time equals the one made from the whole index."""

from __future__ import annotations

import dataclasses

import pytest

from referatgraf.graph.search.items import IndexedItem, indexed_items
from referatgraf.graph.search.site import compact_site_index, site_index
from referatgraf.pipeline import Extraction
from referatgraf.viz.search_widget import compact_index_script, compact_script_parts
from tests.conftest import CORPUS

HOSTILE = IndexedItem(
    doc_id="zz_hostile.txt",
    number=1,
    date=None,
    body="Direktionen",
    title='<b>Zebraer</b> & "citat" </script> <!-- x',
    case_number="19/1",
    municipality=None,
    centres=("<i>X</i>",),
    strategies=("Æble\u2028politik",),
    sections="Zebraer i </script><script>window.pwned=1</script> haven. 2,5 kr.",
    decisions="",
    attachments="",
    text="Zebraer i </script><!-- haven.",
)


@pytest.fixture(scope="module")
def items() -> list[IndexedItem]:
    extraction = Extraction()
    records = [extraction.read(p) for p in sorted(CORPUS.glob("*.txt"))]
    return [i for r in records for i in indexed_items(r.document, r)] + [HOSTILE]


@pytest.mark.parametrize("cut", [None, 40])
def test_streamed_compact_file_is_the_whole_one_byte_for_byte(items, cut):
    if cut:
        items = [dataclasses.replace(i, sections=i.sections[:cut]) for i in items]
    url = lambda item: f"item.html#{item.doc_id}-{item.number}"  # noqa: E731
    partial = {"partial": {"sections": cut or 0, "passage": 30}}
    whole = compact_index_script({**site_index(items, item_url=url, max_text_chars=30), **partial})
    parts = list(
        compact_script_parts(
            compact_site_index(items, item_url=url, max_text_chars=30, tail=partial)
        )
    )
    assert len(parts) > len(items)  # written in pieces, not as one text
    assert "".join(parts) == whole
    assert "</script>" not in whole and "<!--" not in whole


def test_weighted_terms_counted_at_once_are_those_counted_field_by_field(items, monkeypatch):
    """With whole field weights an item's terms are counted once over every field's terms
    repeated by weight; the general way (a count per field, added up) gives the same terms,
    in the same order, with the same weights and lengths."""
    from referatgraf.graph.search import site

    assert site._WHOLE_WEIGHTS
    fast = [site._weighted_terms(i) for i in items]
    monkeypatch.setattr(site, "_WHOLE_WEIGHTS", False)
    general = [site._weighted_terms(i) for i in items]
    assert [(list(w.items()), n) for w, n in fast] == [(list(w.items()), n) for w, n in general]
    assert sum(len(w) for w, _ in fast) > 1000


def test_short_texts_remembered_give_each_item_the_terms_of_its_own_words(items, monkeypatch):
    """An item's weighted terms are those of its fields' words, whether the analysis of a
    short text is remembered, read again or forgotten (a small cache, cleared as it
    fills): a remembered text's terms are never changed by the items that use them."""
    from collections import Counter

    from referatgraf.graph.search import site
    from referatgraf.graph.search.analysis import WORD, terms
    from referatgraf.graph.search.items import FIELDS

    def plain(item):
        counts: Counter[str] = Counter()
        length = 0.0
        for name, weight in FIELDS:
            words = WORD.findall(getattr(item, name) or "")
            length += weight * len(words)
            for t in terms(words):
                counts[t] += int(weight)
        return list(counts.items()), length

    want = [plain(i) for i in items]
    site._SHORT_TERMS.clear()
    for _ in range(2):  # remembered, then read from memory
        got = [site._whole_weighted_terms(i) for i in items]
        assert [(list(c.items()), n) for c, n in got] == want
    monkeypatch.setattr(site, "_SHORT_MAX", 3)
    site._SHORT_TERMS.clear()
    got = [site._whole_weighted_terms(i) for i in items]
    assert [(list(c.items()), n) for c, n in got] == want
    assert len(site._SHORT_TERMS) <= 3 and sum(len(c) for c, _ in want) > 1000


def test_postings_too_large_for_a_byte_are_widened_and_written_the_same():
    """Gaps of more than 255 items and weights of more than 255 and 65,535 do not fit the
    one-byte arrays postings start in: they are widened, and the file is still the whole
    index's byte for byte."""

    def item(n: int, sections: str) -> IndexedItem:
        return IndexedItem(
            f"m{n:04d}.txt", 1, f"2020-01-0{1 + n % 9}", "Direktionen",
            f"Punkt {n}", None, "htk", (), (), sections, "", "", sections[:50],
        )  # fmt: skip

    items = [item(0, "sjælden plan")]
    items += [item(n, "almindelig tekst") for n in range(1, 300)]
    items += [item(300, "sjælden " + "gentaget " * 70_000)]
    compact = compact_site_index(items, item_url="item.html#{doc_stem}-{item}")
    gaps, _ = compact.postings["sjaeld"]  # the analysed (stemmed) terms
    _, weights = compact.postings["gentag"]
    assert list(gaps) == [0, 300] and gaps.itemsize > 1
    assert max(weights) > 65_535 and weights.itemsize > 2
    assert "".join(compact_script_parts(compact)) == compact_index_script(
        site_index(items, item_url="item.html#{doc_stem}-{item}")
    )
